// Command custommessage is the Lambda function Cognito invokes before it
// emails a person (the user pool's CustomMessage trigger): it writes the
// sign-in code and the invitation in the person's language first, then the
// other. It has no data access.
package main

import "github.com/dpcoop/dpcoop/internal/awsenv"

func main() { awsenv.ServeCustomMessage() }
