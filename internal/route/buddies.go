package route

// buddiesRoutes are buddying and a person's notices, in the members
// function beside the register they read: a member asks for a buddy,
// answers a pairing and ends it; the admins see who waits, pair two of
// them and count the pairings; everyone reads their own notices and says
// what they want emailed.
var buddiesRoutes = []Route{
	{"GET", "/v1/me/buddy", Members, memberOnly},
	{"PUT", "/v1/me/buddy/request", Members, memberOnly},
	{"DELETE", "/v1/me/buddy/request", Members, memberOnly},
	{"POST", "/v1/me/buddy/pairings/{id}/answer", Members, memberOnly},
	{"POST", "/v1/me/buddy/pairings/{id}/end", Members, memberOnly},
	{"GET", "/v1/buddies/requests", Members, admin},
	{"POST", "/v1/buddies/pairings", Members, admin},
	{"GET", "/v1/buddies/counts", Members, admin},
	{"GET", "/v1/me/notices", Members, anyone},
	{"POST", "/v1/me/notices/{id}/read", Members, anyone},
	{"GET", "/v1/me/notice-settings", Members, anyone},
	{"PUT", "/v1/me/notice-settings", Members, anyone},
}
