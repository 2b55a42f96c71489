package route

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// anyone signed in may call a case's routes: the service answers not found
// to all but the admins handling the case and the PA it is about, so that a
// case's existence is never revealed by a different refusal.
var anyone = []dpcoop.Role{dpcoop.RoleAdmin, dpcoop.RolePA, dpcoop.RoleMember}

// casesRoutes serve PAs' grievance, disciplinary and dispute cases (in the
// timesheets function, beside the rest of a PA's record).
var casesRoutes = []Route{
	{"GET", "/v1/pas/{id}/cases", Timesheets, anyone},
	{"POST", "/v1/pas/{id}/cases", Timesheets, admin},
	{"GET", "/v1/cases/{id}", Timesheets, anyone},
	{"PATCH", "/v1/cases/{id}", Timesheets, anyone},
	{"GET", "/v1/cases/{id}/letters/{stage}", Timesheets, anyone},
}
