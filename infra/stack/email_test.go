package stack_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/infra/stack"
	"github.com/dpcoop/dpcoop/internal/route"
)

const (
	testSender   = "mewngofnodi@dpcoop.example"
	testIdentity = "arn:aws:ses:eu-west-2:123456789012:identity/dpcoop.example"
)

type poolEmailProps struct {
	EmailConfiguration *struct{ EmailSendingAccount, From, SourceArn string }
	LambdaConfig       *struct{ CustomMessage any }
}

// customMessageFn finds the trigger's function by its description.
func customMessageFn(t *testing.T, c *cfnTemplate, st string) string {
	t.Helper()
	for id, r := range c.ofType("AWS::Lambda::Function") {
		if props[struct{ Description string }](t, r).Description == "dpcoop "+string(route.CustomMessage)+" ("+st+")" {
			return id
		}
	}
	t.Fatalf("no %s function", route.CustomMessage)
	return ""
}

// cognitoInvokes lists the functions Cognito may invoke, and from where.
func cognitoInvokes(t *testing.T, c *cfnTemplate) (fns, sources []string) {
	t.Helper()
	for _, r := range c.ofType("AWS::Lambda::Permission") {
		p := props[struct {
			Action, Principal       string
			FunctionName, SourceArn any
		}](t, r)
		if p.Principal == "cognito-idp.amazonaws.com" && p.Action == "lambda:InvokeFunction" {
			fns, sources = append(fns, refs(p.FunctionName)...), append(sources, refs(p.SourceArn)...)
		}
	}
	return fns, sources
}

// Without an SES sender the pool keeps Cognito's own email, and has no
// CustomMessage trigger: Cognito refuses a trigger's email then, and the
// person would get no code.
func TestPoolEmailDefaultIsCognitos(t *testing.T) {
	forStages(t, func(t *testing.T, st string, c *cfnTemplate) {
		_, pool := c.only(t, "AWS::Cognito::UserPool")
		p := props[poolEmailProps](t, pool)
		if p.EmailConfiguration != nil && p.EmailConfiguration.EmailSendingAccount != "COGNITO_DEFAULT" {
			t.Errorf("email configuration %+v, want Cognito's own", *p.EmailConfiguration)
		}
		if p.LambdaConfig != nil {
			t.Errorf("triggers %+v without an SES sender", *p.LambdaConfig)
		}
		if fns, _ := cognitoInvokes(t, c); len(fns) != 0 {
			t.Errorf("Cognito may invoke %v without an SES sender", fns)
		}
		customMessageFn(t, c, st) // the function is there, ready for a sender
	})
}

// With an SES sender the pool sends through that identity, and the
// CustomMessage trigger writes its messages; the trigger's role still holds
// only its logs (and X-Ray): Cognito's invoking it is the function's own
// resource policy, for this pool only.
func TestPoolEmailThroughSES(t *testing.T) {
	for _, st := range stages {
		t.Run(st, func(t *testing.T) {
			c := synthWith(t, st, map[string]any{stack.ContextPoolEmailFrom: testSender, stack.ContextPoolEmailIdentity: testIdentity})
			poolID, pool := c.only(t, "AWS::Cognito::UserPool")
			p := props[poolEmailProps](t, pool)
			if e := p.EmailConfiguration; e == nil || e.EmailSendingAccount != "DEVELOPER" || e.From != testSender || e.SourceArn != testIdentity {
				t.Errorf("email configuration %+v, want DEVELOPER from %s through %s", e, testSender, testIdentity)
			}
			fn := customMessageFn(t, c, st)
			if p.LambdaConfig == nil || !slices.Equal(refs(p.LambdaConfig.CustomMessage), []string{fn}) {
				t.Errorf("CustomMessage trigger %+v, want the function %s", p.LambdaConfig, fn)
			}
			if fns, sources := cognitoInvokes(t, c); !slices.Equal(fns, []string{fn}) || !slices.Equal(sources, []string{poolID}) {
				t.Errorf("Cognito may invoke %v from %v, want %s from the pool %s only", fns, sources, fn, poolID)
			}
			role := refs(props[struct{ Role any }](t, c.Resources[fn]).Role)
			if len(role) != 1 {
				t.Fatalf("role %v", role)
			}
			var actions []string
			for a := range grants(t, c, role[0]) {
				actions = append(actions, a)
			}
			if want := []string{"logs:CreateLogStream", "logs:PutLogEvents", "xray:PutTelemetryRecords", "xray:PutTraceSegments"}; !slices.Equal(sorted(actions), want) {
				t.Errorf("trigger's role actions %v, want %v", sorted(actions), want)
			}
		})
	}
}

func TestPoolEmailCheck(t *testing.T) {
	good := []stack.PoolEmail{
		{},
		{From: testSender, IdentityArn: testIdentity},
		{From: testSender, IdentityArn: "arn:aws:ses:eu-west-1:123456789012:identity/" + testSender},
	}
	for _, e := range good {
		if err := e.Check(); err != nil {
			t.Errorf("%+v: %v", e, err)
		}
	}
	bad := map[string]stack.PoolEmail{
		"no identity":       {From: testSender},
		"no sender":         {IdentityArn: testIdentity},
		"a name":            {From: "dpcoop <" + testSender + ">", IdentityArn: testIdentity},
		"not an address":    {From: "dpcoop.example", IdentityArn: testIdentity},
		"not an SES ARN":    {From: testSender, IdentityArn: "arn:aws:sns:eu-west-2:123456789012:identity/dpcoop.example"},
		"another domain":    {From: "sign-in@example.org", IdentityArn: testIdentity},
		"another address":   {From: testSender, IdentityArn: "arn:aws:ses:eu-west-2:123456789012:identity/other@dpcoop.example"},
		"a parent's domain": {From: "a@sub.dpcoop.example", IdentityArn: testIdentity},
	}
	for name, e := range bad {
		if err := e.Check(); err == nil {
			t.Errorf("%s: %+v accepted", name, e)
		}
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(error).Error(), stack.ContextPoolEmailIdentity) {
			t.Errorf("a stack with a bad identity: panic %v, want one naming %s", r, stack.ContextPoolEmailIdentity)
		}
	}()
	synthWith(t, stack.Dev, map[string]any{stack.ContextPoolEmailFrom: testSender, stack.ContextPoolEmailIdentity: "identity/dpcoop.example"})
}
