package route

// recruitmentRoutes serve PAs' safe recruitment: right-to-work checks,
// references and DBS checks (in the timesheets function, beside their
// records). Only admins and the PA themself read them; a member sees the
// plain status.
var recruitmentRoutes = []Route{
	{"GET", "/v1/pas/{id}/right-to-work", Timesheets, adminOrPA},
	{"POST", "/v1/pas/{id}/right-to-work", Timesheets, admin},
	{"GET", "/v1/pas/{id}/safe-recruitment", Timesheets, adminOrPA},
	{"POST", "/v1/pas/{id}/references", Timesheets, admin},
	{"POST", "/v1/pas/{id}/dbs-checks", Timesheets, admin},
	{"GET", "/v1/pas/{id}/recruitment-status", Timesheets, adminMemberOrPA},
	{"GET", "/v1/recruitment-policy", Timesheets, admin},
	{"PUT", "/v1/recruitment-policy", Timesheets, admin},
}
