// Package stack is the dpcoop CDK stack: one DynamoDB table, one Cognito user
// pool, one Lambda function per route.Functions entry, and an HTTP API wired
// from route.Table. It is a package (not part of main) so the assertion tests
// synthesize exactly what `cdk deploy` deploys.
package stack

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigateway"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2authorizers"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2integrations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsstepfunctions"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/route"
	"github.com/dpcoop/dpcoop/internal/rti"
	"github.com/dpcoop/dpcoop/internal/secrets"
	"github.com/dpcoop/dpcoop/internal/signinmail"
)

// The stages the stack can be deployed as. Prod keeps data on stack deletion
// and keeps logs longer; dev is for trying changes out.
const (
	Dev  = "dev"
	Prod = "prod"
)

// ContextNoticeSender is the CDK context key (`-c noticeSender=...`) with the
// address vote notices are emailed from (an SES verified identity).
const ContextNoticeSender = "noticeSender"

// ContextHMRCService is the CDK context key (`-c hmrcService=ets|til|live`)
// naming HMRC's Transaction Engine service the stage files to: the
// External Test Service by default on dev, live on prod.
const ContextHMRCService = "hmrcService"

// ContextHMRCVendorID is the CDK context key (`-c hmrcVendorId=...`) with
// the vendor ID HMRC's Software Developer Support Team issued to dpcoop;
// without it no submission can be sent (each fails, submission_error).
const ContextHMRCVendorID = "hmrcVendorId"

// hmrcEnv names HMRC's service and dpcoop's vendor ID to the function that
// files.
func hmrcEnv(s awscdk.Stack, props Props, env map[string]*string) {
	service, _ := s.Node().TryGetContext(jsii.String(ContextHMRCService)).(string)
	if service == "" {
		service = "ets"
		if props.Stage == Prod {
			service = "live"
		}
	}
	if _, err := rti.ServiceNamed(service); err != nil {
		panic(fmt.Sprintf("stack: -c %s=%q: want ets, til or live", ContextHMRCService, service))
	}
	vendor, _ := s.Node().TryGetContext(jsii.String(ContextHMRCVendorID)).(string)
	env["HMRC_SERVICE"], env["HMRC_VENDOR_ID"] = jsii.String(service), jsii.String(vendor)
}

// ContextServiceOrigins is the CDK context key (`-c serviceOrigins=...`) with
// the comma-separated origins the hosted-service signup form may redirect to.
const ContextServiceOrigins = "serviceOrigins"

// Props configures one deployment: which stage, and where the built function
// binaries are (AssetDir/<function>/bootstrap), so tests can point it at
// dummy binaries before anything is built.
type Props struct {
	// StackProps carries the stack name, environment and the like.
	StackProps awscdk.StackProps
	// Stage is Dev or Prod.
	Stage string
	// AssetDir holds <function>/bootstrap for every route.Functions entry.
	AssetDir string
	// CostCentre tags every resource for billing (default "dpcoop").
	CostCentre string
}

// CheckAssets reports which function binaries are missing from dir, so the
// app can say "build first" instead of failing deep inside CDK.
func CheckAssets(dir string) error {
	var missing []string
	for _, fn := range route.All() {
		p := filepath.Join(dir, string(fn), "bootstrap")
		if st, err := os.Stat(p); err != nil || st.IsDir() {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("stack: function binaries missing (build them first, e.g. make build): %s", strings.Join(missing, ", "))
	}
	return nil
}

// New builds the stack. It panics on a bad stage, a missing function binary,
// a bad serviceOrigins context value, or a function with no (or an
// incomplete) entry in Permissions: all are mistakes to fix before anything
// is deployed.
func New(scope constructs.Construct, id string, props Props) awscdk.Stack {
	if props.Stage != Dev && props.Stage != Prod {
		panic(fmt.Sprintf("stack: stage %q: want %q or %q", props.Stage, Dev, Prod))
	}
	if err := CheckAssets(props.AssetDir); err != nil {
		panic(err)
	}
	if err := CheckPermissions(); err != nil {
		panic(err)
	}
	sp := props.StackProps
	if sp.Description == nil {
		sp.Description = jsii.String("dpcoop (" + props.Stage + "): API, functions, table and user pool")
	}
	s := awscdk.NewStack(scope, jsii.String(id), &sp)
	if *awscdk.Token_IsUnresolved(s.Region()) {
		panic(fmt.Sprintf("stack: no region: give one explicitly (the app defaults to %s, -c %s=... for another) rather than leave it to the CLI, which falls back to us-east-1", DefaultRegion, ContextRegion))
	}
	prod := props.Stage == Prod

	origins := serviceOrigins(s, props.Stage)
	table := newTable(s)
	newBackups(s, props, table)
	pool, client := newUserPool(s, prod)
	sender, _ := s.Node().TryGetContext(jsii.String(ContextNoticeSender)).(string)
	shared := resources{table: table, pool: pool, functions: &[]awslambda.Function{}, sender: sender}
	shared.payroll = newPayrollMachine(s, props, shared)
	tag(s, props)
	newPoolEmail(s, pool, newFunction(s, route.CustomMessage, props, map[string]*string{}, shared))

	fns := map[route.Function]awslambda.Function{}
	for _, fn := range route.Functions {
		env := map[string]*string{}
		if fn == route.Signup {
			env["SERVICE_ORIGINS"] = jsii.String(origins)
		}
		fns[fn] = newFunction(s, fn, props, env, shared)
	}
	webEnv := map[string]*string{"WEB_CLIENT_ID": client.UserPoolClientId()}
	if contextDomain(s).Name != "" {
		webEnv["PASSKEYS"] = jsii.String("on") // the pool offers them (newUserPool)
	}
	fns[route.Web] = newFunction(s, route.Web, props, webEnv, shared)
	dlq, dueDLQ := newPayrollSchedule(s, props, shared)
	newVotesSchedule(s, props, fns[route.Votes])

	stage := newAPI(s, props.Stage, fns, pool, client)
	serviceURL := newDomain(s, stage)
	topic := newAlarms(s, props, alarmSources{stage: stage, table: table, machine: shared.payroll, dlq: dlq, dueDLQ: dueDLQ, functions: shared.functions})
	newRetention(s, props, shared, topic)

	out := func(id, desc string, v *string) {
		awscdk.NewCfnOutput(s, jsii.String(id), &awscdk.CfnOutputProps{Value: v, Description: jsii.String(desc)})
	}
	if serviceURL == nil {
		serviceURL = stage.Url()
	}
	out("ApiUrl", "Base URL of the service: the pages, and the API's routes under /v1 (the custom domain when one is set)", serviceURL)
	out("UserPoolId", "Cognito user pool id", pool.UserPoolId())
	out("UserPoolClientId", "Cognito app client id for the web app (the JWT audience)", client.UserPoolClientId())
	out("TableName", "DynamoDB table name", table.TableName())
	return s
}

// retention is how long function and access logs are kept.
func retention(prod bool) awslogs.RetentionDays {
	if prod {
		return awslogs.RetentionDays_ONE_YEAR
	}
	return awslogs.RetentionDays_THREE_MONTHS
}

// removal is what happens to pools and logs when the stack is deleted.
func removal(prod bool) awscdk.RemovalPolicy {
	if prod {
		return awscdk.RemovalPolicy_RETAIN
	}
	return awscdk.RemovalPolicy_DESTROY
}

// serviceOrigins reads the signup form's redirect origins from context.
func serviceOrigins(s awscdk.Stack, stage string) string {
	raw, _ := s.Node().TryGetContext(jsii.String(ContextServiceOrigins)).(string)
	origins, err := ParseOrigins(raw, stage)
	if err != nil {
		panic(err)
	}
	return strings.Join(origins, ",")
}

// ParseOrigins checks a comma-separated list of origins a form may redirect
// to: each must be a bare https origin (http only for localhost, in dev), so
// a typo cannot turn the signup form into an open redirect.
func ParseOrigins(raw, stage string) ([]string, error) {
	var out []string
	for o := range strings.SplitSeq(raw, ",") {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		u, err := url.Parse(o)
		ok := err == nil && u.Host != "" && (u.Path == "" || u.Path == "/") &&
			u.RawQuery == "" && !u.ForceQuery && u.Fragment == "" && u.User == nil
		local := ok && (u.Hostname() == "localhost" || u.Hostname() == "127.0.0.1")
		ok = ok && (u.Scheme == "https" || (u.Scheme == "http" && local && stage == Dev))
		if !ok {
			return nil, fmt.Errorf("stack: context %s: %q is not an origin like https://example.org", ContextServiceOrigins, o)
		}
		out = append(out, u.Scheme+"://"+u.Host)
	}
	return out, nil
}

func newTable(s awscdk.Stack) awsdynamodb.Table {
	str := func(name string) *awsdynamodb.Attribute {
		return &awsdynamodb.Attribute{Name: jsii.String(name), Type: awsdynamodb.AttributeType_STRING}
	}
	table := awsdynamodb.NewTable(s, jsii.String("Table"), &awsdynamodb.TableProps{
		PartitionKey: str(dynamo.PK),
		SortKey:      str(dynamo.SK),
		BillingMode:  awsdynamodb.BillingMode_PAY_PER_REQUEST,
		PointInTimeRecoverySpecification: &awsdynamodb.PointInTimeRecoverySpecification{
			PointInTimeRecoveryEnabled: jsii.Bool(true),
		},
		DeletionProtection:  jsii.Bool(true),
		Encryption:          awsdynamodb.TableEncryption_AWS_MANAGED,
		TimeToLiveAttribute: jsii.String(dynamo.Expires),
		// Both stages: the table holds co-ops' records; deleting the stack
		// must never delete them (deletion protection would refuse anyway).
		RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	for _, ix := range dynamo.Indexes {
		table.AddGlobalSecondaryIndex(&awsdynamodb.GlobalSecondaryIndexProps{
			IndexName:      jsii.String(ix.Name),
			PartitionKey:   str(ix.PartitionKey),
			SortKey:        str(ix.SortKey),
			ProjectionType: awsdynamodb.ProjectionType_ALL,
		})
	}
	return table
}

// The pool's own invitation and verification emails, Welsh first then
// English (Welsh Language Standards): what Cognito sends when the
// CustomMessage trigger does not write the message (without an SES sender,
// see email.go). Cognito requires {username} and {####} in the invitation.
var inviteSubject, inviteBody, _ = signinmail.Message(signinmail.Invitation, dpcoop.Welsh, "{####}", "{username}")

const (
	verifySubject = "Eich cod dpcoop / Your dpcoop code"
	verifyBody    = `<p lang="cy">Eich cod dilysu dpcoop yw {####}</p><p lang="en">Your dpcoop verification code is {####}</p>`
)

func newUserPool(s awscdk.Stack, prod bool) (awscognito.UserPool, awscognito.UserPoolClient) {
	// Passkeys' relying party is the custom domain the pages are served at;
	// without one there are none (docs/web.md, "Left to do").
	var rp *string
	var verify awscognito.PasskeyUserVerification
	if d := contextDomain(s); d.Name != "" {
		rp, verify = jsii.String(d.Name), awscognito.PasskeyUserVerification_REQUIRED
	}
	pool := awscognito.NewUserPool(s, jsii.String("Users"), &awscognito.UserPoolProps{
		UserPoolName:        jsii.String(*s.StackName() + "-users"),
		SelfSignUpEnabled:   jsii.Bool(false), // admins invite (AdminCreateUser)
		SignInAliases:       &awscognito.SignInAliases{Email: jsii.Bool(true)},
		SignInCaseSensitive: jsii.Bool(false),
		AutoVerify:          &awscognito.AutoVerifiedAttrs{Email: jsii.Bool(true)},
		KeepOriginal:        &awscognito.KeepOriginalAttrs{Email: jsii.Bool(true)},
		StandardAttributes: &awscognito.StandardAttributes{
			Email: &awscognito.StandardAttribute{Required: jsii.Bool(true), Mutable: jsii.Bool(true)},
		},
		// In ID tokens as custom:coop and custom:person. A person never moves
		// co-op, so coop is immutable; person may be linked later by an admin.
		CustomAttributes: &map[string]awscognito.ICustomAttribute{
			"coop":   awscognito.NewStringAttribute(&awscognito.StringAttributeProps{Mutable: jsii.Bool(false)}),
			"person": awscognito.NewStringAttribute(&awscognito.StringAttributeProps{Mutable: jsii.Bool(true)}),
		},
		PasswordPolicy: &awscognito.PasswordPolicy{
			MinLength:            jsii.Number(12),
			RequireLowercase:     jsii.Bool(true),
			RequireUppercase:     jsii.Bool(true),
			RequireDigits:        jsii.Bool(true),
			RequireSymbols:       jsii.Bool(true),
			TempPasswordValidity: awscdk.Duration_Days(jsii.Number(signinmail.InvitationDays)),
		},
		Mfa:             awscognito.Mfa_OPTIONAL,
		MfaSecondFactor: &awscognito.MfaSecondFactor{Otp: jsii.Bool(true), Sms: jsii.Bool(false)},
		AccountRecovery: awscognito.AccountRecovery_EMAIL_ONLY,
		// Essentials: the cheapest plan with passwordless sign-in by an
		// email code (Lite has none), free for the first 10,000 monthly
		// active users; Plus's threat protection would cost $0.02 for every
		// one of them (docs/web.md says why it is not worth it here).
		FeaturePlan: awscognito.FeaturePlan_ESSENTIALS,
		// The pages sign people in with a code emailed to them (USER_AUTH,
		// EMAIL_OTP); a password stays possible (Cognito requires it) for
		// the API's SRP clients. With a custom domain, passkeys too
		// (WEB_AUTHN), whose relying party must be that domain.
		SignInPolicy: &awscognito.SignInPolicy{AllowedFirstAuthFactors: &awscognito.AllowedFirstAuthFactors{
			Password: jsii.Bool(true), EmailOtp: jsii.Bool(true), Passkey: jsii.Bool(rp != nil),
		}},
		PasskeyRelyingPartyId:   rp,
		PasskeyUserVerification: verify,
		UserInvitation: &awscognito.UserInvitationConfig{
			EmailSubject: jsii.String(inviteSubject),
			EmailBody:    jsii.String(inviteBody),
		},
		UserVerification: &awscognito.UserVerificationConfig{
			EmailStyle:   awscognito.VerificationEmailStyle_CODE,
			EmailSubject: jsii.String(verifySubject),
			EmailBody:    jsii.String(verifyBody),
		},
		DeletionProtection: jsii.Bool(prod),
		RemovalPolicy:      removal(prod),
	})
	cdknag.NagSuppressions_AddResourceSuppressions(pool, &[]*cdknag.NagPackSuppression{{
		Id: jsii.String("AwsSolutions-COG2"),
		Reason: jsii.String("MFA is OPTIONAL (TOTP), not REQUIRED: members with learning disabilities and their " +
			"supporters cannot all be forced onto an authenticator app; admins can enable it, and " +
			"the pages' sign-in is by a one-time code emailed to the person, rate-limited per address and session"),
	}, {
		Id: jsii.String("AwsSolutions-COG3"),
		Reason: jsii.String("threat protection needs the Plus plan at $0.02 for every monthly active user with no free " +
			"tier; the pages sign in by emailed one-time codes (no passwords to stuff), with attempts limited by " +
			"Cognito and by the service's own rate limits (docs/web.md)"),
	}}, jsii.Bool(true))
	for _, r := range dpcoop.Roles {
		awscognito.NewUserPoolGroup(s, jsii.String("Group-"+string(r)), &awscognito.UserPoolGroupProps{
			UserPool:    pool,
			GroupName:   jsii.String(string(r)),
			Description: jsii.String("dpcoop role " + string(r) + " (in tokens as cognito:groups)"),
		})
	}
	client := pool.AddClient(jsii.String("WebClient"), &awscognito.UserPoolClientOptions{
		// SRP for API clients; USER_AUTH (choice-based) for the pages' email
		// code. No hosted UI: it cannot show Welsh, so the pages render
		// sign-in themselves.
		AuthFlows:                  &awscognito.AuthFlow{UserSrp: jsii.Bool(true), User: jsii.Bool(true)},
		DisableOAuth:               jsii.Bool(true),
		GenerateSecret:             jsii.Bool(false),
		IdTokenValidity:            awscdk.Duration_Hours(jsii.Number(1)),
		AccessTokenValidity:        awscdk.Duration_Hours(jsii.Number(1)),
		RefreshTokenValidity:       awscdk.Duration_Days(jsii.Number(30)),
		PreventUserExistenceErrors: jsii.Bool(true),
		EnableTokenRevocation:      jsii.Bool(true),
		// People may change only their email (kept until verified) and
		// language; never custom:person or custom:coop, which grant access.
		WriteAttributes: awscognito.NewClientAttributes().WithStandardAttributes(&awscognito.StandardAttributesMask{
			Email:  jsii.Bool(true),
			Locale: jsii.Bool(true),
		}),
	})
	return pool, client
}

// resources are what functions may be given access to.
type resources struct {
	table     awsdynamodb.Table
	pool      awscognito.UserPool
	payroll   awsstepfunctions.StateMachine // nil while the machine itself is built
	due       awssqs.Queue                  // the due co-ops' queue; nil until the schedule is built
	functions *[]awslambda.Function         // every function made, for their alarms
	sender    string                        // the notice sender's address; empty: none
}

// newFunction makes one function with its own log group and its own role
// holding exactly Permissions[fn] (plus writing its own logs). Its
// environment names the table, and the user pool and payroll state machine
// when it may use them.
func newFunction(s awscdk.Stack, fn route.Function, props Props, env map[string]*string, res resources) awslambda.Function {
	prod := props.Stage == Prod
	table, pool := res.table, res.pool
	env["TABLE_NAME"], env["STAGE"] = table.TableName(), jsii.String(props.Stage)
	name := "Fn-" + string(fn)
	logs := awslogs.NewLogGroup(s, jsii.String(name+"-Logs"), &awslogs.LogGroupProps{
		Retention:     retention(prod),
		RemovalPolicy: removal(prod),
	})
	doc := awsiam.NewPolicyDocument(&awsiam.PolicyDocumentProps{Statements: &[]awsiam.PolicyStatement{
		awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("logs:CreateLogStream", "logs:PutLogEvents"),
			Resources: &[]*string{logs.LogGroupArn()},
		}),
	}})
	access := Permissions[fn]
	if len(access.Table) > 0 {
		res := []*string{table.TableArn()}
		if access.Indexes {
			for _, ix := range dynamo.Indexes {
				res = append(res, jsii.String(*table.TableArn()+"/index/"+ix.Name))
			}
		}
		doc.AddStatements(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings(access.Table...),
			Resources: &res,
		}))
	}
	if len(access.UserPool) > 0 {
		env["USER_POOL_ID"] = pool.UserPoolId()
		doc.AddStatements(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings(access.UserPool...),
			Resources: &[]*string{pool.UserPoolArn()},
		}))
	}
	if access.SendNotices && res.sender != "" {
		_, domain, _ := strings.Cut(res.sender, "@")
		env["NOTICE_SENDER"] = jsii.String(res.sender)
		doc.AddStatements(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("ses:SendEmail"),
			Resources: &[]*string{jsii.String("arn:" + *s.Partition() + ":ses:" + *s.Region() + ":" + *s.Account() + ":identity/" + domain)},
		}))
	}
	if len(access.HMRCSecrets) > 0 {
		env["HMRC_SECRETS_PREFIX"] = jsii.String(secrets.NamePrefix(props.Stage))
		if slices.Contains(access.HMRCSecrets, "secretsmanager:GetSecretValue") {
			hmrcEnv(s, props, env) // it files
		}
		// Secret ARNs end in six random characters, so the name prefix ends
		// in a wildcard: the stage's co-ops' credentials, nothing else.
		arn := "arn:" + *s.Partition() + ":secretsmanager:" + *s.Region() + ":" + *s.Account() + ":secret:" + secrets.NamePrefix(props.Stage) + "*"
		doc.AddStatements(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings(access.HMRCSecrets...),
			Resources: &[]*string{jsii.String(arn)},
		}))
	}
	if access.SendDue {
		env["DUE_QUEUE_URL"] = res.due.QueueUrl()
		doc.AddStatements(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("sqs:SendMessage"),
			Resources: &[]*string{res.due.QueueArn()},
		}))
	}
	if access.StartPayroll {
		env["PAYROLL_STATE_MACHINE_ARN"] = res.payroll.StateMachineArn()
		doc.AddStatements(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Actions:   jsii.Strings("states:StartExecution"),
			Resources: &[]*string{res.payroll.StateMachineArn()},
		}))
	}
	suppress := []*cdknag.NagPackSuppression{{
		Id:        jsii.String("AwsSolutions-IAM5"),
		Reason:    jsii.String("X-Ray trace and telemetry writes (active tracing) accept only Resource \"*\"; every data permission of the role names its resource"),
		AppliesTo: &[]any{jsii.String("Resource::*")},
	}}
	if len(access.HMRCSecrets) > 0 {
		suppress = append(suppress, &cdknag.NagPackSuppression{
			Id: jsii.String("AwsSolutions-IAM5"),
			Reason: jsii.String("co-ops' Government Gateway credentials are one secret each, named " + secrets.NamePrefix(props.Stage) +
				"<co-op id>; Secrets Manager adds a random suffix to each ARN, so the grant is that name prefix and nothing wider"),
			AppliesTo: &[]any{jsii.String("Resource::arn:<AWS::Partition>:secretsmanager:" + *s.Region() + ":<AWS::AccountId>:secret:" + secrets.NamePrefix(props.Stage) + "*")},
		})
	}
	// An explicit role, not the default one: the default attaches the
	// AWSLambdaBasicExecutionRole managed policy (logs on every log group).
	role := awsiam.NewRole(s, jsii.String(name+"-Role"), &awsiam.RoleProps{
		AssumedBy:      awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description:    jsii.String("dpcoop " + string(fn) + " function (" + props.Stage + ")"),
		InlinePolicies: &map[string]awsiam.PolicyDocument{"access": doc},
	})
	f := awslambda.NewFunction(s, jsii.String(name), &awslambda.FunctionProps{
		Description:   jsii.String("dpcoop " + string(fn) + " (" + props.Stage + ")"),
		Runtime:       awslambda.Runtime_PROVIDED_AL2023(),
		Architecture:  awslambda.Architecture_ARM_64(),
		Handler:       jsii.String("bootstrap"),
		Code:          awslambda.Code_FromAsset(jsii.String(filepath.Join(props.AssetDir, string(fn))), nil),
		MemorySize:    jsii.Number(256),
		Timeout:       awscdk.Duration_Seconds(jsii.Number(access.timeout())),
		Environment:   &env,
		Role:          role,
		LogGroup:      logs,
		LoggingFormat: awslambda.LoggingFormat_JSON,
		Tracing:       awslambda.Tracing_ACTIVE,
	})
	// Active tracing adds xray:PutTraceSegments and xray:PutTelemetryRecords
	// to the role's default policy; X-Ray has no narrower resource than "*".
	cdknag.NagSuppressions_AddResourceSuppressions(role, &suppress, jsii.Bool(true))
	*res.functions = append(*res.functions, f)
	return f
}

// accessLogFormat is one JSON line per request, from HTTP API context
// variables. No query strings or tokens: they may carry personal data.
var accessLogFormat = `{"requestId":"$context.requestId","time":"$context.requestTime",` +
	`"ip":"$context.identity.sourceIp","method":"$context.httpMethod","routeKey":"$context.routeKey",` +
	`"path":"$context.path","status":"$context.status","protocol":"$context.protocol",` +
	`"responseLength":"$context.responseLength","responseLatency":"$context.responseLatency",` +
	`"integrationLatency":"$context.integrationLatency","integrationStatus":"$context.integration.status",` +
	`"integrationError":"$context.integration.error","authorizerError":"$context.authorizer.error",` +
	`"error":"$context.error.message"}`

// accessLogs implements awsapigatewayv2.IAccessLogSettings (an interface, not
// a struct, in this CDK version).
type accessLogs struct {
	dest   awsapigatewayv2.IAccessLogDestination
	format awsapigateway.AccessLogFormat
}

func (a *accessLogs) Destination() awsapigatewayv2.IAccessLogDestination { return a.dest }
func (a *accessLogs) Format() awsapigateway.AccessLogFormat              { return a.format }

var httpMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}

func newAPI(s awscdk.Stack, stageName string, fns map[route.Function]awslambda.Function, pool awscognito.UserPool, client awscognito.UserPoolClient) awsapigatewayv2.HttpStage {
	prod := stageName == Prod
	api := awsapigatewayv2.NewHttpApi(s, jsii.String("Api"), &awsapigatewayv2.HttpApiProps{
		ApiName:            jsii.String(*s.StackName()),
		Description:        jsii.String("dpcoop API (" + stageName + ")"),
		CreateDefaultStage: jsii.Bool(false), // made below, with throttling and access logs
	})
	accessLogGroup := awslogs.NewLogGroup(s, jsii.String("ApiAccessLogs"), &awslogs.LogGroupProps{
		Retention:     retention(prod),
		RemovalPolicy: removal(prod),
	})
	stage := awsapigatewayv2.NewHttpStage(s, jsii.String("ApiStage"), &awsapigatewayv2.HttpStageProps{
		HttpApi:    api,
		StageName:  jsii.String("$default"),
		AutoDeploy: jsii.Bool(true),
		// Sized for the whole service (every co-op together; the account's
		// regional limit is 10,000 a second): each co-op is held to its own
		// allowance by the handlers (apigw.DefaultCoopPerMinute), so one
		// co-op's flood cannot spend this for the others.
		Throttle: &awsapigatewayv2.ThrottleSettings{
			RateLimit:  jsii.Number(stageRate),
			BurstLimit: jsii.Number(stageBurst),
		},
		AccessLogSettings: &accessLogs{
			dest:   awsapigatewayv2.NewLogGroupLogDestination(accessLogGroup),
			format: awsapigateway.AccessLogFormat_Custom(jsii.String(accessLogFormat)),
		},
	})

	// Cognito's issuer https://cognito-idp.<region>.amazonaws.com/<poolId>,
	// audience the web client. Send the ID token: it carries custom:coop and
	// cognito:groups.
	jwt := awsapigatewayv2authorizers.NewHttpUserPoolAuthorizer(jsii.String("Jwt"), pool,
		&awsapigatewayv2authorizers.HttpUserPoolAuthorizerProps{
			AuthorizerName:  jsii.String("cognito"),
			UserPoolClients: &[]awscognito.IUserPoolClient{client},
		})
	// Explicit, so a default authorizer added later cannot leak onto them.
	none := awsapigatewayv2.NewHttpNoneAuthorizer()

	integrations := map[route.Function]awsapigatewayv2.HttpRouteIntegration{}
	for _, fn := range route.Functions {
		integrations[fn] = awsapigatewayv2integrations.NewHttpLambdaIntegration(
			jsii.String("Int-"+string(fn)), fns[fn], nil)
	}
	for _, r := range route.Table {
		if !slices.Contains(httpMethods, r.Method) {
			panic(fmt.Sprintf("stack: route %q: unknown method", r.Key()))
		}
		integ, ok := integrations[r.Function]
		if !ok {
			panic(fmt.Sprintf("stack: route %q: function %q is not in route.Functions", r.Key(), r.Function))
		}
		auth := awsapigatewayv2.IHttpRouteAuthorizer(jwt)
		if r.Public() {
			auth = none
		}
		routes := api.AddRoutes(&awsapigatewayv2.AddRoutesOptions{
			Path:        jsii.String(r.Path),
			Methods:     &[]awsapigatewayv2.HttpMethod{awsapigatewayv2.HttpMethod(r.Method)},
			Integration: integ,
			Authorizer:  auth,
		})
		if r.Public() {
			for _, hr := range *routes {
				cdknag.NagSuppressions_AddResourceSuppressions(hr, &[]*cdknag.NagPackSuppression{{
					Id:     jsii.String("AwsSolutions-APIG4"),
					Reason: jsii.String(r.Key() + " is public by design (no roles in route.Table): " + Permissions[r.Function].Public),
				}}, jsii.Bool(true))
				// The stage's route settings name the route: it must exist first.
				stage.Node().AddDependency(hr)
			}
		}
	}
	// Every other path is a page: the $default route, to the web function,
	// which keeps its own sessions (no JWT authorizer: a browser sends a
	// cookie, not a token).
	pages := awsapigatewayv2.NewHttpRoute(s, jsii.String("PagesRoute"), &awsapigatewayv2.HttpRouteProps{
		HttpApi:  api,
		RouteKey: awsapigatewayv2.HttpRouteKey_DEFAULT(),
		Integration: awsapigatewayv2integrations.NewHttpLambdaIntegration(
			jsii.String("Int-"+string(route.Web)), fns[route.Web], nil),
		Authorizer: none,
	})
	cdknag.NagSuppressions_AddResourceSuppressions(pages, &[]*cdknag.NagPackSuppression{{
		Id:     jsii.String("AwsSolutions-APIG4"),
		Reason: jsii.String("$default (the pages) is public by design: " + Permissions[route.Web].Public),
	}}, jsii.Bool(true))
	// Public routes have throttles of their own, apart from the signed-in
	// routes' stage-wide one: bots at the forms never spend the allowance
	// members and admins use.
	settings := map[string]any{}
	for _, r := range route.Table {
		if r.Public() {
			t := publicThrottle(r)
			settings[r.Key()] = map[string]any{"ThrottlingRateLimit": t.Rate, "ThrottlingBurstLimit": t.Burst}
		}
	}
	stage.Node().DefaultChild().(awscdk.CfnResource).AddPropertyOverride(jsii.String("RouteSettings"), settings)
	return stage
}

// The stage-wide throttle, for the signed-in routes.
const (
	stageRate  = 500
	stageBurst = 1000
)

// throttle is an API Gateway rate (requests a second) and burst.
type throttle struct{ Rate, Burst float64 }

// publicThrottle is a public route's own throttle: the co-op signup is rare;
// a co-op's form is held to its own allowance by the handler (60 posts a
// minute per co-op), so its route's throttle only caps what all co-ops'
// forms together may cost.
func publicThrottle(r route.Route) throttle {
	if r.Key() == "POST /v1/coops" {
		return throttle{Rate: 2, Burst: 10}
	}
	return throttle{Rate: 100, Burst: 200}
}
