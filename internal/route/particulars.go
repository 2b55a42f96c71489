package route

// particularsRoutes serve PAs' written statements of employment
// particulars, on the function that serves employments.
var particularsRoutes = []Route{
	{"GET", "/v1/employments/{id}/statements", Timesheets, adminOrPA},
	{"GET", "/v1/employments/{id}/statements/{n}", Timesheets, adminOrPA},
	{"POST", "/v1/employments/{id}/statements/{n}/acknowledge", Timesheets, paOnly},
}
