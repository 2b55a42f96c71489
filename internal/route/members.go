package route

var serviceRoutes = []Route{
	{"GET", "/v1/health", Service, nil},
	{"GET", "/v1/openapi.json", Service, nil},
}

var signupRoutes = []Route{
	{"POST", "/v1/coops", Signup, nil},
	{"GET", "/v1/public/coops/{slug}", Signup, nil},
	{"POST", "/v1/public/coops/{slug}/applications", Signup, nil},
}

var membersRoutes = []Route{
	{"GET", "/v1/applications", Members, admin},
	{"GET", "/v1/applications/{id}", Members, admin},
	{"POST", "/v1/applications/{id}/approve", Members, admin},
	{"POST", "/v1/applications/{id}/reject", Members, admin},
	{"GET", "/v1/members", Members, admin},
	{"GET", "/v1/members/{id}", Members, adminOrMember},
	{"PATCH", "/v1/members/{id}", Members, adminOrMember},
	{"POST", "/v1/members/{id}/cease", Members, admin},
	{"GET", "/v1/register", Members, adminOrMember},
	{"GET", "/v1/audit", Members, admin},
	{"GET", "/v1/members/{id}/data", Members, adminOrMember},
	{"PUT", "/v1/coop/turnstile", Members, admin},
}
