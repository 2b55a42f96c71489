package route

// employmentRoleRoutes change the kind of support an employment is for (in
// the timesheets function, beside the employment's other changes).
var employmentRoleRoutes = []Route{
	{"PUT", "/v1/employments/{id}/role", Timesheets, admin},
}
