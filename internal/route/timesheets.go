package route

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// Timesheets serves PAs' records, employments, care plans and shifts.
const Timesheets Function = "timesheets"

var (
	adminOrPA        = []dpcoop.Role{dpcoop.RoleAdmin, dpcoop.RolePA}
	adminMemberOrPA  = []dpcoop.Role{dpcoop.RoleAdmin, dpcoop.RoleMember, dpcoop.RolePA}
	paOnly           = []dpcoop.Role{dpcoop.RolePA}
	timesheetsRoutes = []Route{
		{"POST", "/v1/pas", Timesheets, admin},
		{"GET", "/v1/pas", Timesheets, admin},
		{"GET", "/v1/pas/{id}", Timesheets, adminOrPA},
		{"PUT", "/v1/pas/{id}", Timesheets, admin},
		{"GET", "/v1/pas/{id}/tax-codes", Timesheets, adminOrPA},
		{"POST", "/v1/pas/{id}/tax-codes", Timesheets, admin},
		{"POST", "/v1/pas/{id}/leave", Timesheets, admin},
		{"POST", "/v1/pas/{id}/p45", Timesheets, admin},
		{"GET", "/v1/pas/{id}/p45", Timesheets, adminOrPA},
		{"POST", "/v1/pas/{id}/loans", Timesheets, admin},
		{"GET", "/v1/pas/{id}/holiday", Timesheets, adminOrPA},
		{"POST", "/v1/employments", Timesheets, admin},
		{"GET", "/v1/employments", Timesheets, adminMemberOrPA},
		{"POST", "/v1/employments/{id}/rates", Timesheets, admin},
		{"POST", "/v1/employments/{id}/end", Timesheets, admin},
		{"PUT", "/v1/members/{id}/care-plan", Timesheets, admin},
		{"GET", "/v1/members/{id}/care-plan", Timesheets, adminOrMember},
		{"POST", "/v1/shifts", Timesheets, paOnly},
		{"GET", "/v1/shifts", Timesheets, adminMemberOrPA},
		{"GET", "/v1/shifts/{id}", Timesheets, adminMemberOrPA},
		{"PATCH", "/v1/shifts/{id}", Timesheets, paOnly},
		{"POST", "/v1/shifts/{id}/submit", Timesheets, paOnly},
		{"POST", "/v1/shifts/{id}/approve", Timesheets, adminOrMember},
		{"POST", "/v1/shifts/{id}/reject", Timesheets, adminOrMember},
	}
)
