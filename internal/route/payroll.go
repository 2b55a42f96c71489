package route

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// Payroll serves payroll settings, runs, payslips and members' accounts.
const Payroll Function = "payroll"

var payrollRoutes = []Route{
	{"GET", "/v1/payroll/settings", Payroll, admin},
	{"PUT", "/v1/payroll/settings", Payroll, admin},
	{"POST", "/v1/payroll/runs", Payroll, admin},
	{"GET", "/v1/payroll/runs/{month}", Payroll, admin},
	{"GET", "/v1/payroll/runs/{month}/payslips", Payroll, admin},
	{"POST", "/v1/payroll/runs/{month}/finalise", Payroll, admin},
	{"GET", "/v1/payroll/runs/{month}/reports/{report}", Payroll, admin},
	{"POST", "/v1/payroll/payments", Payroll, admin},
	{"GET", "/v1/payslips", Payroll, []dpcoop.Role{dpcoop.RolePA}},
	{"GET", "/v1/payslips/{month}", Payroll, []dpcoop.Role{dpcoop.RoleAdmin, dpcoop.RolePA}},
	{"GET", "/v1/members/{id}/account", Payroll, adminOrMember},
	{"GET", "/v1/pas/{id}/p60/{tax_year}", Payroll, adminOrPA},
	{"GET", "/v1/payroll/p60s/{tax_year}", Payroll, admin},
}
