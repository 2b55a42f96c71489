package route

// matchingRoutes are finding the right PA (in the members function): a
// member's preferences and the PAs who fit (the member, or an admin with
// them), a PA's own profile and the anonymised needs they could meet, a
// PA's offer, the offers for the admins, and the co-op's list of areas
// that profiles and preferences choose from (kept by the admins).
var matchingRoutes = []Route{
	{"GET", "/v1/members/{id}/preferences", Members, adminOrMember},
	{"PUT", "/v1/members/{id}/preferences", Members, adminOrMember},
	{"DELETE", "/v1/members/{id}/preferences", Members, adminOrMember},
	{"GET", "/v1/members/{id}/matches", Members, adminOrMember},
	{"GET", "/v1/pas/{id}/matching-profile", Members, paOnly},
	{"PUT", "/v1/pas/{id}/matching-profile", Members, paOnly},
	{"DELETE", "/v1/pas/{id}/matching-profile", Members, paOnly},
	{"GET", "/v1/matching/needs", Members, paOnly},
	{"POST", "/v1/matching/needs/{need}/offers", Members, paOnly},
	{"GET", "/v1/matching/offers", Members, admin},
	{"GET", "/v1/coop/areas", Members, admin},
	{"PUT", "/v1/coop/areas", Members, admin},
}
