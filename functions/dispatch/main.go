// Command dispatch is the Lambda function the daily EventBridge schedule
// invokes: it queues every co-op whose payroll may be due, for payrollstart.
package main

import "github.com/dpcoop/dpcoop/internal/awsenv"

func main() { awsenv.ServeDispatch() }
