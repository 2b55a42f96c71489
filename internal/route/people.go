package route

// peopleRoutes are who can sign in to the co-op and the co-op's own
// settings: the members function serves them, as it invites and revokes
// people already.
var peopleRoutes = []Route{
	{"GET", "/v1/people", Members, admin},
	{"POST", "/v1/people", Members, admin},
	{"POST", "/v1/people/{id}/roles", Members, admin},
	{"DELETE", "/v1/people/{id}/roles/{role}", Members, admin},
	{"POST", "/v1/people/{id}/revoke", Members, admin},
	{"POST", "/v1/people/{id}/reinstate", Members, admin},
	{"GET", "/v1/coop", Members, admin},
	{"PATCH", "/v1/coop", Members, admin},
}
