// Command payrollstart is the Lambda function the due co-ops' queue invokes:
// it starts the due payroll runs of each co-op the daily dispatch queued.
package main

import "github.com/dpcoop/dpcoop/internal/awsenv"

func main() { awsenv.ServePayrollStart() }
