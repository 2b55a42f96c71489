// Command hmrccredentials is the Lambda function serving the one API route
// that writes a co-op's Government Gateway credentials to AWS Secrets
// Manager (route.HMRCCredentials); no other function may write them.
package main

import (
	"github.com/dpcoop/dpcoop/internal/awsenv"
	"github.com/dpcoop/dpcoop/internal/route"
)

func main() { awsenv.ServeHTTP(route.HMRCCredentials) }
