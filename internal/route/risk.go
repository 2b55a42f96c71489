package route

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// riskRoutes are the risk assessments of a member's support (in the members
// function, beside the member's record): the admins write and review them;
// the member and the PAs now supporting them read them.
var riskRoutes = []Route{
	{"GET", "/v1/members/{id}/risk-assessments", Members, []dpcoop.Role{dpcoop.RoleAdmin, dpcoop.RoleMember, dpcoop.RolePA}},
	{"POST", "/v1/members/{id}/risk-assessments", Members, admin},
	{"PUT", "/v1/members/{id}/risk-assessments/{rid}", Members, admin},
}
