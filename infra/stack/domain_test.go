package stack_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"

	"github.com/dpcoop/dpcoop/infra/stack"
)

const (
	testCert = "arn:aws:acm:eu-west-2:123456789012:certificate/0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f"
	testZone = "Z0123456789ABCDEFGHIJ"
)

// synthWith synthesizes one stage's stack with more context.
func synthWith(t *testing.T, st string, ctx map[string]any) *cfnTemplate {
	t.Helper()
	all := map[string]any{stack.ContextServiceOrigins: origins, stack.ContextNoticeSender: "hysbysiadau@dpcoop.example"}
	for k, v := range ctx {
		all[k] = v
	}
	app := awscdk.NewApp(&awscdk.AppProps{Context: &all})
	s := stack.New(app, "dpcoop-"+st, stack.Props{Stage: st, AssetDir: assets, StackProps: london})
	raw, err := json.Marshal(assertions.Template_FromStack(s, nil).ToJSON())
	if err != nil {
		t.Fatal(err)
	}
	var c cfnTemplate
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

type domainProps struct {
	DomainName               string
	DomainNameConfigurations []struct {
		CertificateArn any
		EndpointType   string
		SecurityPolicy string
	}
}

// TestCustomDomainWithAHostedZone: the stack requests the certificate,
// validated by DNS in the zone, serves the $default stage at the name, points
// the name at it (IPv4 and IPv6) and turns the execute-api address off, so
// pages and API have one origin.
func TestCustomDomainWithAHostedZone(t *testing.T) {
	c := synthWith(t, stack.Prod, map[string]any{stack.ContextDomainName: "Gwasanaeth.Example.org",
		stack.ContextHostedZoneID: testZone, stack.ContextHostedZoneName: "example.org"})
	certID, cert := c.only(t, "AWS::CertificateManager::Certificate")
	cp := props[struct {
		DomainName              string
		ValidationMethod        string
		DomainValidationOptions []struct{ DomainName, HostedZoneId string }
	}](t, cert)
	if cp.DomainName != "gwasanaeth.example.org" || cp.ValidationMethod != "DNS" || len(cp.DomainValidationOptions) != 1 || cp.DomainValidationOptions[0].HostedZoneId != testZone {
		t.Errorf("certificate %+v", cp)
	}
	domainID, domain := c.only(t, "AWS::ApiGatewayV2::DomainName")
	dp := props[domainProps](t, domain)
	if dp.DomainName != "gwasanaeth.example.org" || len(dp.DomainNameConfigurations) != 1 ||
		!slices.Equal(refs(dp.DomainNameConfigurations[0].CertificateArn), []string{certID}) ||
		dp.DomainNameConfigurations[0].SecurityPolicy != "TLS_1_2" || dp.DomainNameConfigurations[0].EndpointType != "REGIONAL" {
		t.Errorf("domain %+v", dp)
	}
	checkMapping(t, c, domainID)
	for _, typ := range []string{"A", "AAAA"} {
		found := false
		for _, r := range c.ofType("AWS::Route53::RecordSet") {
			rp := props[struct {
				Name, Type, HostedZoneId string
				AliasTarget              struct{ DNSName, HostedZoneId any }
			}](t, r)
			if rp.Type == typ && rp.Name == "gwasanaeth.example.org." && rp.HostedZoneId == testZone && slices.Contains(refs(rp.AliasTarget.DNSName), domainID) {
				found = true
			}
		}
		if !found {
			t.Errorf("no %s record aliasing gwasanaeth.example.org to the API's domain", typ)
		}
	}
	if url, _ := json.Marshal(c.Outputs["ApiUrl"].Value); string(url) != `"https://gwasanaeth.example.org"` {
		t.Errorf("ApiUrl %s, want the custom domain", url)
	}
}

// TestCustomDomainWithACertificate: a certificate already issued is used as
// it is, and no DNS record is made (the name's DNS is elsewhere).
func TestCustomDomainWithACertificate(t *testing.T) {
	c := synthWith(t, stack.Dev, map[string]any{stack.ContextDomainName: "dpcoop.example.coop", stack.ContextCertificateArn: testCert})
	if n := len(c.ofType("AWS::CertificateManager::Certificate")) + len(c.ofType("AWS::Route53::RecordSet")); n != 0 {
		t.Errorf("%d certificates or records made, want none", n)
	}
	domainID, domain := c.only(t, "AWS::ApiGatewayV2::DomainName")
	dp := props[domainProps](t, domain)
	if dp.DomainName != "dpcoop.example.coop" || dp.DomainNameConfigurations[0].CertificateArn != testCert {
		t.Errorf("domain %+v", dp)
	}
	checkMapping(t, c, domainID)
	checkPasskeys(t, c, "dpcoop.example.coop")
}

// checkPasskeys: with a custom domain the pool offers passkeys as a first
// factor, with that domain as their relying party and user verification
// required; without one (domain ""), none.
func checkPasskeys(t *testing.T, c *cfnTemplate, domain string) {
	t.Helper()
	_, pool := c.only(t, "AWS::Cognito::UserPool")
	pp := props[struct {
		WebAuthnRelyingPartyID   string
		WebAuthnUserVerification string
		Policies                 struct {
			SignInPolicy struct{ AllowedFirstAuthFactors []string }
		}
	}](t, pool)
	offered := slices.Contains(pp.Policies.SignInPolicy.AllowedFirstAuthFactors, "WEB_AUTHN")
	verification := map[bool]string{true: "required", false: ""}[domain != ""]
	if pp.WebAuthnRelyingPartyID != domain || offered != (domain != "") || pp.WebAuthnUserVerification != verification {
		t.Errorf("passkeys: relying party %q, verification %q, first factors %v; want the domain %q",
			pp.WebAuthnRelyingPartyID, pp.WebAuthnUserVerification, pp.Policies.SignInPolicy.AllowedFirstAuthFactors, domain)
	}
	// The pages' function offers them exactly when the pool does.
	pages := 0
	for _, fn := range c.ofType("AWS::Lambda::Function") {
		env := props[struct {
			Environment struct{ Variables map[string]any }
		}](t, fn).Environment.Variables
		if env["WEB_CLIENT_ID"] == nil {
			continue
		}
		pages++
		if on := env["PASSKEYS"] == "on"; on != (domain != "") {
			t.Errorf("the pages' PASSKEYS is %v with domain %q", env["PASSKEYS"], domain)
		}
	}
	if pages != 1 {
		t.Errorf("%d functions serve the pages, want 1", pages)
	}
}

// checkMapping: the domain serves the API's $default stage at its root, and
// the API's own address is off.
func checkMapping(t *testing.T, c *cfnTemplate, domainID string) {
	t.Helper()
	apiID, api := c.only(t, "AWS::ApiGatewayV2::Api")
	stageID, _ := c.only(t, "AWS::ApiGatewayV2::Stage")
	_, m := c.only(t, "AWS::ApiGatewayV2::ApiMapping")
	mp := props[struct{ ApiId, DomainName, Stage, ApiMappingKey any }](t, m)
	if !slices.Equal(refs(mp.ApiId), []string{apiID}) || !slices.Equal(refs(mp.DomainName), []string{domainID}) ||
		!slices.Contains(refs(mp.Stage), stageID) && mp.Stage != "$default" || mp.ApiMappingKey != nil {
		t.Errorf("mapping %+v", mp)
	}
	if !props[struct{ DisableExecuteApiEndpoint bool }](t, api).DisableExecuteApiEndpoint {
		t.Error("the execute-api address is still on: the service would have two origins")
	}
}

// TestNoCustomDomainByDefault: without the context, the API's own address.
func TestNoCustomDomainByDefault(t *testing.T) {
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		if n := len(c.ofType("AWS::ApiGatewayV2::DomainName")) + len(c.ofType("AWS::CertificateManager::Certificate")); n != 0 {
			t.Errorf("%d domains or certificates without a domainName", n)
		}
		_, api := c.only(t, "AWS::ApiGatewayV2::Api")
		if props[struct{ DisableExecuteApiEndpoint bool }](t, api).DisableExecuteApiEndpoint {
			t.Error("the execute-api address is off without a custom domain")
		}
		checkPasskeys(t, c, "")
	})
}

func TestDomainSettingsAreChecked(t *testing.T) {
	for _, c := range []struct {
		d    stack.Domain
		want string
	}{
		{stack.Domain{}, ""},
		{stack.Domain{Name: "svc.example.org", CertificateArn: testCert}, ""},
		{stack.Domain{Name: "svc.example.org", ZoneID: testZone, ZoneName: "example.org"}, ""},
		{stack.Domain{Name: "example.org", ZoneID: testZone, ZoneName: "example.org."}, ""},
		{stack.Domain{Name: "https://svc.example.org", CertificateArn: testCert}, "not a host name"},
		{stack.Domain{Name: "svc.example.org"}, "needs certificateArn"},
		{stack.Domain{Name: "svc.example.org", ZoneID: testZone}, "needs certificateArn"},
		{stack.Domain{Name: "svc.example.org", CertificateArn: "arn:aws:iam::123456789012:role/x"}, "not an ACM"},
		{stack.Domain{Name: "svc.example.org", CertificateArn: strings.Replace(testCert, "eu-west-2", "us-east-1", 1)}, "must be in eu-west-2"},
		{stack.Domain{Name: "svc.example.org", ZoneID: testZone, ZoneName: "other.org"}, "not in the hosted zone"},
		{stack.Domain{Name: "svc.badexample.org", ZoneID: testZone, ZoneName: "example.org"}, "not in the hosted zone"},
		{stack.Domain{CertificateArn: testCert}, "not a host name"},
	} {
		err := c.d.Check("eu-west-2")
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%+v: %v, want %q", c.d, err, c.want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("a domain without a certificate or zone was synthesized")
		}
	}()
	synthWith(t, stack.Dev, map[string]any{stack.ContextDomainName: "svc.example.org"})
}
