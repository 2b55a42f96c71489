// Package statemachine holds the Step Functions definitions (JSONPath), one
// file each, which the CDK stack deploys and the local runner executes
// unchanged.
package statemachine

import _ "embed"

// Payroll is one co-op's monthly payroll run. ${PayrollTaskArn} is replaced
// with the payroll task function's ARN (CDK definition substitutions).
//
//go:embed payroll.asl.json
var Payroll string

// PayrollTaskArn is the placeholder the definition uses for the task function.
const PayrollTaskArn = "PayrollTaskArn"
