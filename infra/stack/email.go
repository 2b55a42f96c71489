package stack

import (
	"fmt"
	"net/mail"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"
)

// The user pool's email through Amazon SES, as CDK context: the address
// Cognito's emails come from (poolEmailFrom) and the ARN of the SES verified
// identity that holds it, the address itself or its domain
// (poolEmailIdentityArn). Without them the pool sends with Cognito's own
// email, in English, within its low daily quota; with them it sends through
// SES and the CustomMessage trigger writes the sign-in code and the
// invitation in the person's language first (Cognito accepts a trigger's
// email only when the pool sends through SES).
const (
	ContextPoolEmailFrom     = "poolEmailFrom"
	ContextPoolEmailIdentity = "poolEmailIdentityArn"
)

// PoolEmail is the user pool's SES sender, read from context.
type PoolEmail struct {
	From, IdentityArn string
}

var sesIdentity = regexp.MustCompile(`^arn:aws[a-z-]*:ses:[a-z0-9-]+:[0-9]{12}:identity/([^/]+)$`)

// Check reports what is wrong with the settings: only one of the two given,
// a from that is not a bare email address, an ARN that is not an SES
// identity's, or an identity that does not hold the from address. None
// given is Cognito's own email (nil).
func (e PoolEmail) Check() error {
	if e.From == "" && e.IdentityArn == "" {
		return nil
	}
	addr, err := mail.ParseAddress(e.From)
	if err != nil || addr.Address != e.From || addr.Name != "" {
		return fmt.Errorf("stack: context %s: %q is not an email address like sign-in@example.org", ContextPoolEmailFrom, e.From)
	}
	m := sesIdentity.FindStringSubmatch(e.IdentityArn)
	if m == nil {
		return fmt.Errorf("stack: context %s: %q is not an SES identity's ARN like arn:aws:ses:eu-west-2:123456789012:identity/example.org", ContextPoolEmailIdentity, e.IdentityArn)
	}
	_, domain, _ := strings.Cut(e.From, "@")
	if identity := strings.ToLower(m[1]); identity != strings.ToLower(e.From) && identity != strings.ToLower(domain) {
		return fmt.Errorf("stack: context %s: the identity %s does not hold %s (%s)", ContextPoolEmailIdentity, m[1], e.From, ContextPoolEmailFrom)
	}
	return nil
}

func contextPoolEmail(s awscdk.Stack) PoolEmail {
	get := func(k string) string {
		v, _ := s.Node().TryGetContext(jsii.String(k)).(string)
		return strings.TrimSpace(v)
	}
	return PoolEmail{From: get(ContextPoolEmailFrom), IdentityArn: get(ContextPoolEmailIdentity)}
}

// newPoolEmail sends the pool's email through SES when the context names a
// sender, and only then makes messages the CustomMessage trigger's: with
// Cognito's own email the trigger's subject and body are refused, and the
// person would get no code at all.
func newPoolEmail(s awscdk.Stack, pool awscognito.UserPool, trigger awslambda.IFunction) {
	e := contextPoolEmail(s)
	if err := e.Check(); err != nil {
		panic(err)
	}
	if e.From == "" {
		return
	}
	cfn, ok := pool.Node().DefaultChild().(awscognito.CfnUserPool)
	if !ok {
		panic("stack: the user pool has no CfnUserPool to set its email on")
	}
	cfn.SetEmailConfiguration(&awscognito.CfnUserPool_EmailConfigurationProperty{
		EmailSendingAccount: jsii.String("DEVELOPER"),
		From:                jsii.String(e.From),
		SourceArn:           jsii.String(e.IdentityArn),
	})
	pool.AddTrigger(awscognito.UserPoolOperation_CUSTOM_MESSAGE(), trigger, awscognito.LambdaVersion_V1_0)
}
