package route

// coverRoutes are the rota and cover for a PA who is away (in the
// timesheets function, beside the shifts worked): anyone signed in may call
// a planned shift's routes, and the service answers not found to those it
// is not theirs to see.
var coverRoutes = []Route{
	{"GET", "/v1/rota", Timesheets, anyone},
	{"POST", "/v1/rota", Timesheets, adminOrMember},
	{"GET", "/v1/rota/{id}", Timesheets, anyone},
	{"POST", "/v1/rota/{id}/cancel", Timesheets, adminOrMember},
	{"POST", "/v1/rota/{id}/cannot", Timesheets, adminOrPA},
	{"GET", "/v1/rota/{id}/candidates", Timesheets, adminOrMember},
	{"POST", "/v1/rota/{id}/cover-request", Timesheets, adminOrMember},
	{"POST", "/v1/rota/{id}/accept", Timesheets, paOnly},
	{"POST", "/v1/rota/{id}/decline", Timesheets, paOnly},
	{"GET", "/v1/pas/{id}/cover-willing", Timesheets, adminOrPA},
	{"PUT", "/v1/pas/{id}/cover-willing", Timesheets, paOnly},
}
