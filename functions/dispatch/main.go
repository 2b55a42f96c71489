// Command dispatch is the Lambda function the daily EventBridge schedule
// invokes: it starts the payroll run of every co-op that is due.
package main

import "github.com/dpcoop/dpcoop/internal/awsenv"

func main() { awsenv.ServeDispatch() }
