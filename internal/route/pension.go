package route

// pensionRoutes serve PAs' workplace pensions (in the timesheets function,
// beside their records and pay history).
var pensionRoutes = []Route{
	{"GET", "/v1/pas/{id}/pension", Timesheets, adminOrPA},
	{"GET", "/v1/pas/{id}/pension/letters", Timesheets, adminOrPA},
	{"GET", "/v1/pas/{id}/pension/letters/{letter}", Timesheets, adminOrPA},
	{"POST", "/v1/pas/{id}/pension/opt-out", Timesheets, adminOrPA},
	{"POST", "/v1/pas/{id}/pension/cease", Timesheets, adminOrPA},
	{"POST", "/v1/pas/{id}/pension/opt-in", Timesheets, adminOrPA},
	{"GET", "/v1/pension/declaration", Timesheets, admin},
}
