package route

// pacopyRoutes serve a PA's copy of their training and cases (in the
// timesheets function, beside the rest of a PA's record).
var pacopyRoutes = []Route{
	{"GET", "/v1/pas/{id}/employment-records", Timesheets, adminOrPA},
}
