// Command web is the Lambda function serving the pages people use in a
// browser: every path outside /v1.
package main

import "github.com/dpcoop/dpcoop/internal/awsenv"

func main() { awsenv.ServeWeb() }
