package route

// pacopyRoutes serve a PA's copy of their data, and of their training and
// cases alone (in the timesheets function, beside the rest of a PA's
// record).
var pacopyRoutes = []Route{
	{"GET", "/v1/pas/{id}/data", Timesheets, adminOrPA},
	{"GET", "/v1/pas/{id}/employment-records", Timesheets, adminOrPA},
}
