package stack_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/cxapi"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/dpcoop/dpcoop/infra/stack"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/route"
)

// The app is synthesized once for the package (dev and prod stacks in one
// app); every test reads the templates decoded here.
var (
	stages  = []string{stack.Dev, stack.Prod}
	stacks  = map[string]awscdk.Stack{}
	tmpls   = map[string]*cfnTemplate{}
	origins = "https://signup.example.org, https://www.example.coop/"
	raws    = map[string]string{} // each stage's template as JSON
	// london is what the app gives every stack unless told otherwise.
	london = awscdk.StackProps{Env: &awscdk.Environment{Region: jsii.String(stack.DefaultRegion)}}
	assets string // the dummy function binaries
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	defer jsii.Close()
	dir, err := os.MkdirTemp("", "dpcoop-assets-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	assets = dir
	// Dummy binaries: the stack only zips and hashes them.
	for _, fn := range route.All() {
		p := filepath.Join(dir, string(fn), "bootstrap")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		if err := os.WriteFile(p, []byte("#!/bin/sh\n# "+string(fn)+"\n"), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	app := awscdk.NewApp(&awscdk.AppProps{Context: &map[string]any{stack.ContextServiceOrigins: origins, stack.ContextNoticeSender: "hysbysiadau@dpcoop.example"}})
	for _, st := range stages {
		stacks[st] = stack.New(app, "dpcoop-"+st, stack.Props{Stage: st, AssetDir: dir, StackProps: london})
	}
	awscdk.Aspects_Of(app).Add(cdknag.NewAwsSolutionsChecks(&cdknag.NagPackProps{Reports: jsii.Bool(false)}), nil)
	for _, st := range stages {
		raw, err := json.Marshal(assertions.Template_FromStack(stacks[st], nil).ToJSON())
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		raws[st] = string(raw)
		var t cfnTemplate
		if err := json.Unmarshal(raw, &t); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		tmpls[st] = &t
	}
	return m.Run()
}

// ---- template model and helpers ----

type cfnTemplate struct {
	Resources map[string]cfnResource
	Outputs   map[string]struct{ Value any }
}

type cfnResource struct {
	Type                string
	Properties          json.RawMessage
	DeletionPolicy      string
	UpdateReplacePolicy string
}

func (c *cfnTemplate) ofType(typ string) map[string]cfnResource {
	out := map[string]cfnResource{}
	for id, r := range c.Resources {
		if r.Type == typ {
			out[id] = r
		}
	}
	return out
}

// only returns the single resource of a type.
func (c *cfnTemplate) only(t *testing.T, typ string) (string, cfnResource) {
	t.Helper()
	rs := c.ofType(typ)
	if len(rs) != 1 {
		t.Fatalf("want exactly one %s, have %d", typ, len(rs))
	}
	for id, r := range rs {
		return id, r
	}
	panic("unreachable")
}

func props[T any](t *testing.T, r cfnResource) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.Properties, &v); err != nil {
		t.Fatalf("%s properties: %v", r.Type, err)
	}
	return v
}

// refs lists the logical ids a value points at through Ref or Fn::GetAtt.
func refs(v any) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		if id, ok := x["Ref"].(string); ok {
			out = append(out, id)
		}
		if ga, ok := x["Fn::GetAtt"].([]any); ok && len(ga) > 0 {
			if id, ok := ga[0].(string); ok {
				out = append(out, id)
			}
		}
		for k, e := range x {
			if k != "Ref" && k != "Fn::GetAtt" {
				out = append(out, refs(e)...)
			}
		}
	case []any:
		for _, e := range x {
			out = append(out, refs(e)...)
		}
	}
	return out
}

// literals lists the plain strings inside a value (e.g. Fn::Join parts).
func literals(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case map[string]any:
		if _, ok := x["Ref"]; ok {
			return nil
		}
		if _, ok := x["Fn::GetAtt"]; ok {
			return nil
		}
		var out []string
		for _, e := range x {
			out = append(out, literals(e)...)
		}
		return out
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, literals(e)...)
		}
		return out
	}
	return nil
}

func strs(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	sort.Strings(s)
	return slices.Compact(s)
}

// logicalID finds a construct by its id path under the stack and returns
// the logical id of its CloudFormation resource.
func logicalID(t *testing.T, s awscdk.Stack, path ...string) string {
	t.Helper()
	var c constructs.IConstruct = s
	for _, id := range path {
		c = c.Node().TryFindChild(jsii.String(id))
		if c == nil {
			t.Fatalf("no construct %q under %s", strings.Join(path, "/"), *s.StackName())
		}
	}
	el, ok := c.Node().DefaultChild().(awscdk.CfnElement)
	if !ok {
		t.Fatalf("construct %q has no CloudFormation resource", strings.Join(path, "/"))
	}
	id, ok := s.Resolve(s.GetLogicalId(el)).(string)
	if !ok {
		t.Fatalf("construct %q: logical id does not resolve", strings.Join(path, "/"))
	}
	return id
}

func forStages(t *testing.T, f func(t *testing.T, st string, c *cfnTemplate)) {
	for _, st := range stages {
		t.Run(st, func(t *testing.T) { f(t, st, tmpls[st]) })
	}
}

// ---- table ----

type keyElem struct{ AttributeName, KeyType string }

func TestTable(t *testing.T) {
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		_, r := c.only(t, "AWS::DynamoDB::Table")
		p := props[struct {
			KeySchema              []keyElem
			AttributeDefinitions   []struct{ AttributeName, AttributeType string }
			GlobalSecondaryIndexes []struct {
				IndexName  string
				KeySchema  []keyElem
				Projection struct{ ProjectionType string }
			}
			BillingMode                      string
			PointInTimeRecoverySpecification struct{ PointInTimeRecoveryEnabled bool }
			DeletionProtectionEnabled        bool
			SSESpecification                 struct{ SSEEnabled bool }
			TimeToLiveSpecification          struct {
				AttributeName string
				Enabled       bool
			}
		}](t, r)

		wantKeys := []keyElem{{dynamo.PK, "HASH"}, {dynamo.SK, "RANGE"}}
		if !slices.Equal(p.KeySchema, wantKeys) {
			t.Errorf("key schema = %v, want %v", p.KeySchema, wantKeys)
		}
		if len(p.GlobalSecondaryIndexes) != len(dynamo.Indexes) {
			t.Errorf("%d GSIs, want %d", len(p.GlobalSecondaryIndexes), len(dynamo.Indexes))
		}
		for _, ix := range dynamo.Indexes {
			i := slices.IndexFunc(p.GlobalSecondaryIndexes, func(g struct {
				IndexName  string
				KeySchema  []keyElem
				Projection struct{ ProjectionType string }
			}) bool {
				return g.IndexName == ix.Name
			})
			if i < 0 {
				t.Errorf("no GSI %s", ix.Name)
				continue
			}
			g := p.GlobalSecondaryIndexes[i]
			if want := []keyElem{{ix.PartitionKey, "HASH"}, {ix.SortKey, "RANGE"}}; !slices.Equal(g.KeySchema, want) {
				t.Errorf("GSI %s keys = %v, want %v", ix.Name, g.KeySchema, want)
			}
			if g.Projection.ProjectionType != "ALL" {
				t.Errorf("GSI %s projection = %q, want ALL", ix.Name, g.Projection.ProjectionType)
			}
		}
		for _, a := range p.AttributeDefinitions {
			if a.AttributeType != "S" {
				t.Errorf("attribute %s is %s, want S", a.AttributeName, a.AttributeType)
			}
		}
		if p.BillingMode != "PAY_PER_REQUEST" {
			t.Errorf("billing mode = %q", p.BillingMode)
		}
		if !p.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled {
			t.Error("point-in-time recovery is off")
		}
		if !p.DeletionProtectionEnabled {
			t.Error("deletion protection is off")
		}
		if !p.SSESpecification.SSEEnabled {
			t.Error("encryption at rest with a KMS key (SSEEnabled) is off")
		}
		if p.TimeToLiveSpecification.AttributeName != dynamo.Expires || !p.TimeToLiveSpecification.Enabled {
			t.Errorf("TTL = %+v, want %q enabled", p.TimeToLiveSpecification, dynamo.Expires)
		}
		if r.DeletionPolicy != "Retain" || r.UpdateReplacePolicy != "Retain" {
			t.Errorf("table deletion/replace policy = %q/%q, want Retain", r.DeletionPolicy, r.UpdateReplacePolicy)
		}
	})
}

// ---- Cognito ----

func TestUserPool(t *testing.T) {
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		_, r := c.only(t, "AWS::Cognito::UserPool")
		p := props[struct {
			AdminCreateUserConfig struct {
				AllowAdminCreateUserOnly bool
				InviteMessageTemplate    struct{ EmailMessage, EmailSubject string }
			}
			UsernameAttributes []string
			Schema             []struct {
				Name              string
				AttributeDataType string
				Mutable           *bool
			}
			Policies struct {
				PasswordPolicy struct {
					MinimumLength                                                      int
					RequireLowercase, RequireNumbers, RequireSymbols, RequireUppercase bool
				}
				SignInPolicy struct{ AllowedFirstAuthFactors []string }
			}
			MfaConfiguration       string
			EnabledMfas            []string
			AccountRecoverySetting struct {
				RecoveryMechanisms []struct{ Name string }
			}
			UserPoolAddOns     *struct{ AdvancedSecurityMode string }
			UserPoolTier       string
			DeletionProtection string
		}](t, r)

		if !p.AdminCreateUserConfig.AllowAdminCreateUserOnly {
			t.Error("self sign-up is on")
		}
		if !slices.Equal(p.UsernameAttributes, []string{"email"}) {
			t.Errorf("sign-in attributes = %v, want [email]", p.UsernameAttributes)
		}
		custom := map[string]bool{} // name -> mutable
		for _, a := range p.Schema {
			if a.AttributeDataType == "String" && a.Name != "email" {
				custom[a.Name] = a.Mutable == nil || *a.Mutable
			}
		}
		if m, ok := custom["coop"]; !ok || m {
			t.Errorf("custom attribute coop: present=%v mutable=%v, want present and immutable", ok, m)
		}
		if _, ok := custom["person"]; !ok {
			t.Error("no custom attribute person")
		}
		pp := p.Policies.PasswordPolicy
		if pp.MinimumLength < 12 || !pp.RequireLowercase || !pp.RequireNumbers || !pp.RequireSymbols || !pp.RequireUppercase {
			t.Errorf("password policy = %+v, want min 12 and every class", pp)
		}
		if p.MfaConfiguration != "OPTIONAL" || !slices.Equal(p.EnabledMfas, []string{"SOFTWARE_TOKEN_MFA"}) {
			t.Errorf("MFA = %s %v, want OPTIONAL with TOTP only", p.MfaConfiguration, p.EnabledMfas)
		}
		if rm := p.AccountRecoverySetting.RecoveryMechanisms; len(rm) != 1 || rm[0].Name != "verified_email" {
			t.Errorf("account recovery = %+v, want verified email only", rm)
		}
		// Essentials, for passwordless sign-in by an email code; Plus's
		// threat protection is not worth its cost here (docs/web.md).
		if p.UserPoolTier != "ESSENTIALS" || p.UserPoolAddOns != nil && p.UserPoolAddOns.AdvancedSecurityMode != "OFF" {
			t.Errorf("feature plan = %q, add-ons %+v: want ESSENTIALS without threat protection", p.UserPoolTier, p.UserPoolAddOns)
		}
		if f := p.Policies.SignInPolicy.AllowedFirstAuthFactors; !slices.Equal(sorted(f), []string{"EMAIL_OTP", "PASSWORD"}) {
			t.Errorf("first sign-in factors = %v, want EMAIL_OTP (the pages) and PASSWORD (Cognito requires it)", f)
		}

		msg := p.AdminCreateUserConfig.InviteMessageTemplate
		cy, en := strings.Index(msg.EmailMessage, "Croeso i dpcoop"), strings.Index(msg.EmailMessage, "Welcome to dpcoop")
		if cy < 0 || en < 0 || cy > en {
			t.Errorf("invitation must hold Welsh then English: %q", msg.EmailMessage)
		}
		if strings.Count(msg.EmailMessage, "{username}") != 2 || strings.Count(msg.EmailMessage, "{####}") != 2 {
			t.Errorf("invitation needs {username} and {####} in each language: %q", msg.EmailMessage)
		}
		if !strings.HasPrefix(msg.EmailSubject, "Croeso") || !strings.Contains(msg.EmailSubject, "Welcome") {
			t.Errorf("invitation subject = %q", msg.EmailSubject)
		}

		wantPolicy, wantProtect := "Delete", "INACTIVE"
		if st == stack.Prod {
			wantPolicy, wantProtect = "Retain", "ACTIVE"
		}
		if r.DeletionPolicy != wantPolicy || p.DeletionProtection != wantProtect {
			t.Errorf("pool deletion policy/protection = %q/%q, want %q/%q", r.DeletionPolicy, p.DeletionProtection, wantPolicy, wantProtect)
		}
	})
}

func TestUserPoolGroups(t *testing.T) {
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		poolID, _ := c.only(t, "AWS::Cognito::UserPool")
		var names []string
		for _, r := range c.ofType("AWS::Cognito::UserPoolGroup") {
			p := props[struct {
				GroupName  string
				UserPoolId any
			}](t, r)
			names = append(names, p.GroupName)
			if got := refs(p.UserPoolId); !slices.Equal(got, []string{poolID}) {
				t.Errorf("group %s is in pool %v, want %s", p.GroupName, got, poolID)
			}
		}
		var want []string
		for _, r := range dpcoop.Roles {
			want = append(want, string(r))
		}
		if !slices.Equal(sorted(names), sorted(want)) || len(names) != len(want) {
			t.Errorf("groups = %v, want %v", sorted(names), sorted(want))
		}
	})
}

func TestUserPoolClient(t *testing.T) {
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		_, r := c.only(t, "AWS::Cognito::UserPoolClient")
		p := props[struct {
			GenerateSecret     bool
			ExplicitAuthFlows  []string
			IdTokenValidity    int
			TokenValidityUnits struct{ IdToken string }
			WriteAttributes    []string
		}](t, r)
		if p.GenerateSecret {
			t.Error("web client has a secret")
		}
		if !slices.Contains(p.ExplicitAuthFlows, "ALLOW_USER_SRP_AUTH") || !slices.Contains(p.ExplicitAuthFlows, "ALLOW_USER_AUTH") ||
			slices.Contains(p.ExplicitAuthFlows, "ALLOW_USER_PASSWORD_AUTH") {
			t.Errorf("auth flows = %v, want SRP, USER_AUTH (the pages' email code) and no plain password", p.ExplicitAuthFlows)
		}
		if p.IdTokenValidity != 60 || p.TokenValidityUnits.IdToken != "minutes" {
			t.Errorf("ID token validity = %d %s, want 60 minutes", p.IdTokenValidity, p.TokenValidityUnits.IdToken)
		}
		if len(p.WriteAttributes) == 0 {
			t.Error("no WriteAttributes: Cognito then lets users write every attribute, custom:person included")
		}
		for _, a := range p.WriteAttributes {
			if strings.HasPrefix(a, "custom:") {
				t.Errorf("users may write %s (it grants access)", a)
			}
		}
	})
}

// ---- functions ----

func TestFunctions(t *testing.T) {
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		if n := len(c.ofType("AWS::Lambda::Function")); n != len(route.All()) {
			t.Errorf("%d Lambda functions, want %d (one per route.All)", n, len(route.All()))
		}
		wantDays := 90
		if st == stack.Prod {
			wantDays = 365
		}
		wantOrigins := "https://signup.example.org,https://www.example.coop"
		for _, fn := range route.All() {
			id := logicalID(t, stacks[st], "Fn-"+string(fn))
			p := props[struct {
				Runtime       string
				Architectures []string
				Handler       string
				MemorySize    int
				Timeout       int
				Environment   struct{ Variables map[string]any }
				LoggingConfig struct {
					LogFormat string
					LogGroup  any
				}
			}](t, c.Resources[id])
			if p.Runtime != "provided.al2023" || !slices.Equal(p.Architectures, []string{"arm64"}) || p.Handler != "bootstrap" {
				t.Errorf("%s: runtime %s %v handler %s, want provided.al2023 arm64 bootstrap", fn, p.Runtime, p.Architectures, p.Handler)
			}
			wantTimeout := 10
			if fn == route.Dispatch {
				wantTimeout = 300 // every co-op's reminders, after queueing the due ones
			}
			if fn == route.PayrollTask {
				wantTimeout = 300 // a month of shifts, or polling HMRC for its answer
			}
			if fn == route.PayrollStart {
				wantTimeout = 30 // ten co-ops' runs started
			}
			if fn == route.Retention {
				wantTimeout = 300 // every co-op's old payslips, weekly
			}
			if p.MemorySize != 256 || p.Timeout != wantTimeout {
				t.Errorf("%s: memory %d timeout %d, want 256 and %d", fn, p.MemorySize, p.Timeout, wantTimeout)
			}
			if p.LoggingConfig.LogFormat != "JSON" {
				t.Errorf("%s: log format %q, want JSON", fn, p.LoggingConfig.LogFormat)
			}
			lg := refs(p.LoggingConfig.LogGroup)
			if len(lg) != 1 || c.Resources[lg[0]].Type != "AWS::Logs::LogGroup" {
				t.Errorf("%s: no log group of its own (LoggingConfig.LogGroup = %v)", fn, p.LoggingConfig.LogGroup)
			} else {
				lp := props[struct{ RetentionInDays int }](t, c.Resources[lg[0]])
				if lp.RetentionInDays != wantDays {
					t.Errorf("%s: log retention %d days, want %d", fn, lp.RetentionInDays, wantDays)
				}
			}

			env := p.Environment.Variables
			want := []string{"STAGE", "TABLE_NAME"}
			if len(stack.Permissions[fn].UserPool) > 0 {
				want = append(want, "USER_POOL_ID")
			}
			if fn == route.Signup {
				want = append(want, "SERVICE_ORIGINS")
			}
			if fn == route.Votes || fn == route.Dispatch {
				want = append(want, "NOTICE_SENDER")
			}
			if fn == route.Payroll || fn == route.PayrollStart {
				want = append(want, "PAYROLL_STATE_MACHINE_ARN")
			}
			if fn == route.PayrollTask || fn == route.HMRCCredentials {
				want = append(want, "HMRC_SECRETS_PREFIX")
				if env["HMRC_SECRETS_PREFIX"] != "dpcoop/"+st+"/hmrc/" {
					t.Errorf("%s: HMRC_SECRETS_PREFIX = %v", fn, env["HMRC_SECRETS_PREFIX"])
				}
			}
			if fn == route.PayrollTask {
				// HMRC's External Test Service on dev, the live service on prod.
				want = append(want, "HMRC_SERVICE", "HMRC_VENDOR_ID")
				if wantService := map[string]string{"dev": "ets", "prod": "live"}[st]; env["HMRC_SERVICE"] != wantService {
					t.Errorf("%s: HMRC_SERVICE = %v, want %s", fn, env["HMRC_SERVICE"], wantService)
				}
			}
			if fn == route.Dispatch {
				want = append(want, "DUE_QUEUE_URL")
			}
			if fn == route.Web {
				want = append(want, "WEB_CLIENT_ID") // the app client the pages sign people in through
			}
			var got []string
			for k := range env {
				got = append(got, k)
			}
			if !slices.Equal(sorted(got), sorted(want)) {
				t.Errorf("%s: environment %v, want %v", fn, sorted(got), sorted(want))
			}
			if env["STAGE"] != st {
				t.Errorf("%s: STAGE = %v", fn, env["STAGE"])
			}
			tableID, _ := c.only(t, "AWS::DynamoDB::Table")
			if !slices.Equal(refs(env["TABLE_NAME"]), []string{tableID}) {
				t.Errorf("%s: TABLE_NAME = %v, want the table", fn, env["TABLE_NAME"])
			}
			if fn == route.Signup && env["SERVICE_ORIGINS"] != wantOrigins {
				t.Errorf("SERVICE_ORIGINS = %v, want %q", env["SERVICE_ORIGINS"], wantOrigins)
			}
		}
	})
}

// ---- API ----

type routeProps struct {
	RouteKey          string
	AuthorizationType string
	AuthorizerId      any
	Target            any
}

func TestRoutes(t *testing.T) {
	var public, private int
	for _, r := range route.Table {
		if r.Public() {
			public++
		} else {
			private++
		}
	}
	if public == 0 || private == 0 {
		t.Fatalf("route.Table has %d public and %d private routes: this test needs both", public, private)
	}
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		authID, ar := c.only(t, "AWS::ApiGatewayV2::Authorizer")
		if typ := props[struct{ AuthorizerType string }](t, ar).AuthorizerType; typ != "JWT" {
			t.Errorf("authorizer type = %q, want JWT", typ)
		}
		routes := map[string]routeProps{}
		for _, r := range c.ofType("AWS::ApiGatewayV2::Route") {
			p := props[routeProps](t, r)
			if _, dup := routes[p.RouteKey]; dup {
				t.Errorf("route %q twice", p.RouteKey)
			}
			routes[p.RouteKey] = p
		}
		var got, want []string
		for k := range routes {
			got = append(got, k)
		}
		for _, r := range route.Table {
			want = append(want, r.Key())
		}
		want = append(want, "$default") // the pages
		if !slices.Equal(sorted(got), sorted(want)) || len(got) != len(want) {
			t.Errorf("route keys = %v\nwant %v", sorted(got), sorted(want))
		}

		// integration id -> function logical id
		integ := map[string]string{}
		for id, r := range c.ofType("AWS::ApiGatewayV2::Integration") {
			p := props[struct {
				IntegrationType string
				IntegrationUri  any
			}](t, r)
			if u := refs(p.IntegrationUri); p.IntegrationType == "AWS_PROXY" && len(u) == 1 {
				integ[id] = u[0]
			}
		}
		if len(integ) != len(route.Functions)+1 {
			t.Errorf("%d Lambda integrations, want one per function (%d) and the pages'", len(integ), len(route.Functions))
		}
		if p := routes["$default"]; p.AuthorizationType != "NONE" || p.AuthorizerId != nil {
			t.Errorf("$default (the pages) has authorization %q %v; the pages keep their own sessions", p.AuthorizationType, p.AuthorizerId)
		} else if fnID := integ[firstRef(refs(p.Target), integ)]; fnID != logicalID(t, stacks[st], "Fn-"+string(route.Web)) {
			t.Errorf("$default goes to %q, want the web function", fnID)
		}

		for _, r := range route.Table {
			p, ok := routes[r.Key()]
			if !ok {
				continue
			}
			if r.Public() {
				if p.AuthorizationType != "NONE" || p.AuthorizerId != nil {
					t.Errorf("%s is public but has authorization %q %v", r.Key(), p.AuthorizationType, p.AuthorizerId)
				}
			} else if p.AuthorizationType != "JWT" || !slices.Equal(refs(p.AuthorizerId), []string{authID}) {
				t.Errorf("%s needs roles %v but has authorization %q %v", r.Key(), r.Roles, p.AuthorizationType, p.AuthorizerId)
			}
			var fnID string
			for _, id := range refs(p.Target) {
				if f, ok := integ[id]; ok {
					fnID = f
				}
			}
			if want := logicalID(t, stacks[st], "Fn-"+string(r.Function)); fnID != want {
				t.Errorf("%s goes to function %q, want %s (%s)", r.Key(), fnID, r.Function, want)
			}
		}
	})
}

func TestAPIStage(t *testing.T) {
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		_, r := c.only(t, "AWS::ApiGatewayV2::Stage")
		p := props[struct {
			StageName            string
			AutoDeploy           bool
			DefaultRouteSettings struct {
				ThrottlingBurstLimit, ThrottlingRateLimit float64
			}
			AccessLogSettings struct {
				DestinationArn any
				Format         string
			}
		}](t, r)
		if p.StageName != "$default" || !p.AutoDeploy {
			t.Errorf("stage %q autodeploy %v, want $default and true", p.StageName, p.AutoDeploy)
		}
		if d := p.DefaultRouteSettings; d.ThrottlingRateLimit <= 0 || d.ThrottlingBurstLimit <= 0 {
			t.Errorf("stage throttling = %+v, want set", d)
		}
		dest := refs(p.AccessLogSettings.DestinationArn)
		if len(dest) != 1 || c.Resources[dest[0]].Type != "AWS::Logs::LogGroup" {
			t.Fatalf("access logs go to %v, want a log group", p.AccessLogSettings.DestinationArn)
		}
		if props[struct{ RetentionInDays int }](t, c.Resources[dest[0]]).RetentionInDays == 0 {
			t.Error("access log group keeps logs forever")
		}
		var f map[string]string
		if err := json.Unmarshal([]byte(p.AccessLogSettings.Format), &f); err != nil || f["routeKey"] == "" || f["status"] == "" {
			t.Errorf("access log format is not JSON with routeKey and status: %q (%v)", p.AccessLogSettings.Format, err)
		}
	})
}

func TestOutputs(t *testing.T) {
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		for _, o := range []string{"ApiUrl", "UserPoolId", "UserPoolClientId", "TableName"} {
			if _, ok := c.Outputs[o]; !ok {
				t.Errorf("no output %s", o)
			}
		}
	})
}

// ---- IAM ----

type statement struct {
	Effect   string
	Action   any
	Resource any
}

// roleStatements gathers a role's inline policies and any AWS::IAM::Policy
// attached to it.
func roleStatements(t *testing.T, c *cfnTemplate, roleID string) []statement {
	t.Helper()
	type doc struct{ Statement []statement }
	rp := props[struct {
		Policies          []struct{ PolicyDocument doc }
		ManagedPolicyArns []any
	}](t, c.Resources[roleID])
	if len(rp.ManagedPolicyArns) > 0 {
		t.Errorf("role %s has managed policies %v", roleID, rp.ManagedPolicyArns)
	}
	var out []statement
	for _, p := range rp.Policies {
		out = append(out, p.PolicyDocument.Statement...)
	}
	for _, r := range c.ofType("AWS::IAM::Policy") {
		p := props[struct {
			PolicyDocument doc
			Roles          []any
		}](t, r)
		if slices.Contains(refs(p.Roles), roleID) {
			out = append(out, p.PolicyDocument.Statement...)
		}
	}
	return out
}

func functionRole(t *testing.T, st string, fn route.Function) string {
	t.Helper()
	c := tmpls[st]
	id := logicalID(t, stacks[st], "Fn-"+string(fn))
	role := refs(props[struct{ Role any }](t, c.Resources[id]).Role)
	if len(role) != 1 || c.Resources[role[0]].Type != "AWS::IAM::Role" {
		t.Fatalf("%s: role %v", fn, role)
	}
	return role[0]
}

func TestNoWildcardActions(t *testing.T) {
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		var all []statement
		for id, r := range c.Resources {
			if r.Type == "AWS::IAM::Role" {
				all = append(all, roleStatements(t, c, id)...)
			}
		}
		if len(all) == 0 {
			t.Fatal("no IAM statements found")
		}
		for _, s := range all {
			for _, a := range strs(s.Action) {
				if a == "*" || strings.Contains(a, "*") {
					t.Errorf("wildcard action %q", a)
				}
			}
		}
	})
}

// grants maps each action to the logical ids and literal suffixes of the
// resources it is allowed on.
func grants(t *testing.T, c *cfnTemplate, roleID string) map[string][]string {
	out := map[string][]string{}
	for _, s := range roleStatements(t, c, roleID) {
		if s.Effect != "Allow" {
			continue
		}
		res := s.Resource
		if _, ok := res.([]any); !ok {
			res = []any{res}
		}
		for _, r := range res.([]any) {
			desc := strings.Join(refs(r), ",") + strings.Join(literals(r), "")
			for _, a := range strs(s.Action) {
				out[a] = append(out[a], desc)
			}
		}
	}
	for a := range out {
		out[a] = sorted(out[a])
	}
	return out
}

func TestFunctionPermissions(t *testing.T) {
	// Writing its own logs, and X-Ray traces (active tracing; X-Ray takes no
	// narrower resource than "*").
	logs := []string{"logs:CreateLogStream", "logs:PutLogEvents", "xray:PutTelemetryRecords", "xray:PutTraceSegments"}
	item := []string{"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:ConditionCheckItem"}
	invite := []string{"cognito-idp:AdminCreateUser", "cognito-idp:AdminAddUserToGroup"}
	// Written out here, not read from stack.Permissions, so a change to the
	// map that widens access fails this test until it is reviewed.
	want := map[route.Function][]string{
		route.Service:     logs,
		route.Signup:      slices.Concat(logs, item, invite),
		route.Members:     slices.Concat(logs, item, []string{"dynamodb:Query"}, invite, []string{"cognito-idp:AdminRemoveUserFromGroup", "cognito-idp:AdminDisableUser", "cognito-idp:AdminUserGlobalSignOut", "cognito-idp:AdminEnableUser", "cognito-idp:AdminUpdateUserAttributes"}),
		route.Timesheets:  slices.Concat(logs, item, []string{"dynamodb:Query"}, invite, []string{"cognito-idp:AdminDisableUser", "cognito-idp:AdminUserGlobalSignOut", "cognito-idp:AdminUpdateUserAttributes"}),
		route.Payroll:     slices.Concat(logs, item, []string{"dynamodb:Query", "dynamodb:BatchGetItem", "states:StartExecution"}),
		route.PayrollTask: slices.Concat(logs, item, []string{"dynamodb:Query", "dynamodb:BatchGetItem", "secretsmanager:GetSecretValue"}),
		// the one route that sets a co-op's Government Gateway credentials:
		// it writes their secret, never reads it; from the table only what
		// every signed-in call needs.
		route.HMRCCredentials: slices.Concat(logs, []string{"dynamodb:GetItem", "dynamodb:UpdateItem", "secretsmanager:CreateSecret", "secretsmanager:PutSecretValue"}),
		// the dispatch, and the reminders after it: reads, the SENT# markers
		// (a conditional put, a delete if the email failed) and SES
		route.Dispatch: slices.Concat(logs, []string{"dynamodb:Query", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:DeleteItem",
			"sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "ses:SendEmail"}),
		// the event source mapping's grant: receiving from the due queue only
		route.PayrollStart: slices.Concat(logs, []string{"dynamodb:GetItem", "states:StartExecution",
			"sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:DeleteMessage", "sqs:GetQueueAttributes"}),
		route.Retention: slices.Concat(logs, []string{"dynamodb:Query", "dynamodb:DeleteItem", "sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"}),
		route.Votes:     slices.Concat(logs, item, []string{"dynamodb:Query", "ses:SendEmail"}),
		route.Accounts:  slices.Concat(logs, item, []string{"dynamodb:Query"}),
		// the CustomMessage trigger: it writes two emails' text and touches
		// nothing (Cognito's invoking it is its resource policy, email_test.go)
		route.CustomMessage: logs,
		route.Web:           slices.Concat(logs, item, []string{"dynamodb:Query"}, invite, []string{"cognito-idp:AdminRemoveUserFromGroup", "cognito-idp:AdminDisableUser", "cognito-idp:AdminUserGlobalSignOut", "cognito-idp:AdminEnableUser", "cognito-idp:AdminUpdateUserAttributes"}),
	}
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		tableID, _ := c.only(t, "AWS::DynamoDB::Table")
		poolID, _ := c.only(t, "AWS::Cognito::UserPool")
		tableOnly := []string{tableID}
		tableAndIndexes := []string{tableID}
		for _, ix := range dynamo.Indexes {
			tableAndIndexes = append(tableAndIndexes, tableID+"/index/"+ix.Name)
		}
		tableAndIndexes = sorted(tableAndIndexes)

		for _, fn := range route.All() {
			w, ok := want[fn]
			if !ok {
				t.Errorf("function %s: add its expected actions to this test", fn)
				continue
			}
			g := grants(t, c, functionRole(t, st, fn))
			var got []string
			for a := range g {
				got = append(got, a)
			}
			if !slices.Equal(sorted(got), sorted(w)) {
				t.Errorf("%s role actions = %v\nwant %v", fn, sorted(got), sorted(w))
			}
			for a, res := range g {
				switch {
				case strings.HasPrefix(a, "dynamodb:"):
					wantRes := tableOnly
					if stack.Permissions[fn].Indexes {
						wantRes = tableAndIndexes
					}
					if !slices.Equal(res, wantRes) {
						t.Errorf("%s: %s on %v, want %v", fn, a, res, wantRes)
					}
				case strings.HasPrefix(a, "cognito-idp:"):
					if !slices.Equal(res, []string{poolID}) {
						t.Errorf("%s: %s on %v, want the pool %s", fn, a, res, poolID)
					}
				case strings.HasPrefix(a, "logs:"):
					if len(res) != 1 || c.Resources[res[0]].Type != "AWS::Logs::LogGroup" {
						t.Errorf("%s: %s on %v, want its own log group", fn, a, res)
					}
				case a == "ses:SendEmail":
					if len(res) != 1 || !strings.HasSuffix(res[0], ":identity/dpcoop.example") {
						t.Errorf("%s: %s on %v, want the notice sender's identity only", fn, a, res)
					}
				case strings.HasPrefix(a, "secretsmanager:"):
					// The stage's co-ops' credentials only, by name prefix.
					if len(res) != 1 || !strings.HasSuffix(res[0], ":secret:dpcoop/"+st+"/hmrc/*") {
						t.Errorf("%s: %s on %v, want the stage's HMRC credentials only", fn, a, res)
					}
				case a == "states:StartExecution":
					machine, _ := c.only(t, "AWS::StepFunctions::StateMachine")
					if !slices.Equal(res, []string{machine}) {
						t.Errorf("%s: %s on %v, want the payroll state machine only", fn, a, res)
					}
				}
			}
			if fn == route.Service {
				for a := range g {
					if strings.HasPrefix(a, "dynamodb:") {
						t.Errorf("service may %s", a)
					}
				}
			}
		}
	})
}

// ---- cdk-nag ----

func TestNagClean(t *testing.T) {
	for _, st := range stages {
		t.Run(st, func(t *testing.T) {
			ann := assertions.Annotations_FromStack(stacks[st])
			nag := assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*"))
			for level, found := range map[string]*[]*cxapi.SynthesisMessage{
				"error":   ann.FindError(jsii.String("*"), nag),
				"warning": ann.FindWarning(jsii.String("*"), nag),
			} {
				for _, m := range *found {
					t.Errorf("unsuppressed cdk-nag %s at %s: %v", level, *m.Id, m.Entry.Data)
				}
			}
		})
	}
}

// ---- validation without synthesis ----

func TestPermissionsCoverFunctions(t *testing.T) {
	if err := stack.CheckPermissions(); err != nil {
		t.Fatal(err)
	}
	for _, fn := range route.Functions {
		for _, a := range slices.Concat(stack.Permissions[fn].Table, stack.Permissions[fn].UserPool) {
			if strings.Contains(a, "*") {
				t.Errorf("%s: wildcard action %q", fn, a)
			}
		}
	}
}

func TestCheckAssets(t *testing.T) {
	dir := t.TempDir()
	for _, fn := range route.All()[1:] {
		p := filepath.Join(dir, string(fn), "bootstrap")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	err := stack.CheckAssets(dir)
	missing := filepath.Join(dir, string(route.Functions[0]), "bootstrap")
	if err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("CheckAssets = %v, want it to name %s", err, missing)
	}
	if err := os.MkdirAll(filepath.Dir(missing), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(missing, nil, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := stack.CheckAssets(dir); err != nil {
		t.Errorf("CheckAssets with every binary = %v", err)
	}
}

func TestNewRejectsUnknownStage(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("New accepted stage \"staging\"")
		}
	}()
	stack.New(awscdk.NewApp(nil), "x", stack.Props{Stage: "staging", AssetDir: t.TempDir()})
}

func TestParseOrigins(t *testing.T) {
	for _, tc := range []struct {
		raw, stage string
		want       []string
		ok         bool
	}{
		{"", stack.Prod, nil, true},
		{" https://a.example , https://b.example/ ", stack.Prod, []string{"https://a.example", "https://b.example"}, true},
		{"https://a.example:8443", stack.Prod, []string{"https://a.example:8443"}, true},
		{"http://localhost:8080", stack.Dev, []string{"http://localhost:8080"}, true},
		{"http://localhost:8080", stack.Prod, nil, false},
		{"http://a.example", stack.Dev, nil, false},
		{"https://a.example/signup", stack.Prod, nil, false},
		{"https://a.example?x=1", stack.Prod, nil, false},
		{"https://user@a.example", stack.Prod, nil, false},
		{"a.example", stack.Prod, nil, false},
		{"javascript:alert(1)", stack.Prod, nil, false},
	} {
		got, err := stack.ParseOrigins(tc.raw, tc.stage)
		if (err == nil) != tc.ok || !slices.Equal(got, tc.want) {
			t.Errorf("ParseOrigins(%q, %s) = %v, %v; want %v ok=%v", tc.raw, tc.stage, got, err, tc.want, tc.ok)
		}
	}
}

// firstRef is the first of ids that is a key of m.
func firstRef(ids []string, m map[string]string) string {
	for _, id := range ids {
		if _, ok := m[id]; ok {
			return id
		}
	}
	return ""
}
