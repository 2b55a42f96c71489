// Command payrolltask is the Lambda function the payroll state machine's Task
// states invoke (start, calculate, post, finalise, fail).
package main

import "github.com/dpcoop/dpcoop/internal/awsenv"

func main() { awsenv.ServePayrollTasks() }
