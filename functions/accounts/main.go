// Command accounts is the Lambda function serving the API routes that the route
// table gives to route.Accounts.
package main

import (
	"github.com/dpcoop/dpcoop/internal/awsenv"
	"github.com/dpcoop/dpcoop/internal/route"
)

func main() { awsenv.ServeHTTP(route.Accounts) }
