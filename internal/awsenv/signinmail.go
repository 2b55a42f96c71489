package awsenv

import (
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/dpcoop/dpcoop/internal/signinmail"
)

// ServeCustomMessage starts the user pool's CustomMessage trigger: it writes
// the sign-in code's and the invitation's email in Welsh and English and
// needs nothing from the environment (no table, no AWS calls).
func ServeCustomMessage() { lambda.Start(signinmail.Handle) }
