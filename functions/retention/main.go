// Command retention is the Lambda function the weekly schedule invokes: it
// deletes payslips past their legal retention, and nothing else.
package main

import "github.com/dpcoop/dpcoop/internal/awsenv"

func main() { awsenv.ServeRetention() }
