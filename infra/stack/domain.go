package stack

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscertificatemanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsroute53"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsroute53targets"
	"github.com/aws/jsii-runtime-go"
)

// The custom domain, as CDK context: the pages and the API are served on
// one origin, https://<domainName>, with its ACM certificate. Give the
// domain name and either a certificate already issued in the stack's region
// (certificateArn), or the Route 53 hosted zone that holds the name
// (hostedZoneId and hostedZoneName): the stack then requests the
// certificate, validated by DNS in that zone, and points the name at the
// API. Without a domain name the API's own execute-api address serves.
const (
	ContextDomainName     = "domainName"
	ContextCertificateArn = "certificateArn"
	ContextHostedZoneID   = "hostedZoneId"
	ContextHostedZoneName = "hostedZoneName"
)

// Domain is the custom domain's settings, read from context.
type Domain struct {
	Name, CertificateArn, ZoneID, ZoneName string
}

var (
	hostname = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
	certArn  = regexp.MustCompile(`^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]{36}$`)
)

// Check reports what is wrong with the settings: a name that is not a
// lowercase host name, a certificate that is not an ACM certificate's ARN
// (or not in the stack's region), neither a certificate nor a hosted zone,
// or a zone the name is not in. A domain without a name is none (nil).
func (d Domain) Check(region string) error {
	switch {
	case d.Name == "" && d.CertificateArn == "" && d.ZoneID == "" && d.ZoneName == "":
		return nil
	case !hostname.MatchString(d.Name) || len(d.Name) > 253:
		return fmt.Errorf("stack: context %s: %q is not a host name like service.example.org", ContextDomainName, d.Name)
	case d.CertificateArn != "" && !certArn.MatchString(d.CertificateArn):
		return fmt.Errorf("stack: context %s: %q is not an ACM certificate's ARN", ContextCertificateArn, d.CertificateArn)
	case d.CertificateArn != "" && strings.Split(d.CertificateArn, ":")[3] != region:
		// An HTTP API's regional domain needs its certificate in its own region.
		return fmt.Errorf("stack: context %s: the certificate must be in %s, the stack's region", ContextCertificateArn, region)
	case d.CertificateArn == "" && (d.ZoneID == "" || d.ZoneName == ""):
		return fmt.Errorf("stack: context %s needs %s, or %s and %s", ContextDomainName, ContextCertificateArn, ContextHostedZoneID, ContextHostedZoneName)
	case d.ZoneName != "" && d.Name != strings.TrimSuffix(d.ZoneName, ".") && !strings.HasSuffix(d.Name, "."+strings.TrimSuffix(d.ZoneName, ".")):
		return fmt.Errorf("stack: context %s: %s is not in the hosted zone %s", ContextDomainName, d.Name, d.ZoneName)
	}
	return nil
}

func contextDomain(s awscdk.Stack) Domain {
	get := func(k string) string {
		v, _ := s.Node().TryGetContext(jsii.String(k)).(string)
		return strings.TrimSpace(v)
	}
	return Domain{Name: strings.ToLower(get(ContextDomainName)), CertificateArn: get(ContextCertificateArn),
		ZoneID: get(ContextHostedZoneID), ZoneName: strings.ToLower(get(ContextHostedZoneName))}
}

// newDomain serves the stage at the custom domain, if one is set, and turns
// the execute-api address off so that pages and API have the one origin
// (cookies, HSTS and the CSP's 'self' all mean that origin). It returns the
// service's address, or nil without a domain.
func newDomain(s awscdk.Stack, stage awsapigatewayv2.HttpStage) *string {
	d := contextDomain(s)
	if err := d.Check(*s.Region()); err != nil {
		panic(err)
	}
	if d.Name == "" {
		return nil
	}
	var zone awsroute53.IHostedZone
	var cert awscertificatemanager.ICertificate
	if d.CertificateArn != "" {
		cert = awscertificatemanager.Certificate_FromCertificateArn(s, jsii.String("Certificate"), jsii.String(d.CertificateArn))
	}
	if d.ZoneID != "" {
		zone = awsroute53.HostedZone_FromHostedZoneAttributes(s, jsii.String("Zone"), &awsroute53.HostedZoneAttributes{
			HostedZoneId: jsii.String(d.ZoneID), ZoneName: jsii.String(d.ZoneName),
		})
	}
	if cert == nil {
		cert = awscertificatemanager.NewCertificate(s, jsii.String("Certificate"), &awscertificatemanager.CertificateProps{
			DomainName: jsii.String(d.Name),
			Validation: awscertificatemanager.CertificateValidation_FromDns(zone),
		})
	}
	domain := awsapigatewayv2.NewDomainName(s, jsii.String("Domain"), &awsapigatewayv2.DomainNameProps{
		DomainName:     jsii.String(d.Name),
		Certificate:    cert,
		SecurityPolicy: awsapigatewayv2.SecurityPolicy_TLS_1_2,
	})
	awsapigatewayv2.NewApiMapping(s, jsii.String("DomainMapping"), &awsapigatewayv2.ApiMappingProps{
		Api: stage.Api(), DomainName: domain, Stage: stage,
	})
	if zone != nil {
		target := awsroute53.RecordTarget_FromAlias(awsroute53targets.NewApiGatewayv2DomainProperties(domain.RegionalDomainName(), domain.RegionalHostedZoneId()))
		awsroute53.NewARecord(s, jsii.String("DomainA"), &awsroute53.ARecordProps{Zone: zone, RecordName: jsii.String(d.Name + "."), Target: target})
		awsroute53.NewAaaaRecord(s, jsii.String("DomainAAAA"), &awsroute53.AaaaRecordProps{Zone: zone, RecordName: jsii.String(d.Name + "."), Target: target})
	}
	if api, ok := stage.Api().Node().DefaultChild().(awsapigatewayv2.CfnApi); ok {
		api.SetDisableExecuteApiEndpoint(jsii.Bool(true))
	} else {
		panic("stack: the HTTP API has no CfnApi to turn its execute-api address off")
	}
	return jsii.String("https://" + d.Name)
}
