package route

// activitiesRoutes are the co-op's calendar of joint activities, in the
// members function beside the register they read: everyone signed in
// lists what is coming up; admins add, change and cancel activities, see
// who is coming, make a PA's shared shift and charge the cost to the pool;
// a member says whether they are coming and gets a secret address for
// their calendar feed, which a calendar app reads without signing in.
var activitiesRoutes = []Route{
	{"GET", "/v1/activities", Members, anyone},
	{"POST", "/v1/activities", Members, admin},
	{"PUT", "/v1/activities/{id}", Members, admin},
	{"POST", "/v1/activities/{id}/cancel", Members, admin},
	{"GET", "/v1/activities/{id}/coming", Members, admin},
	{"PUT", "/v1/activities/{id}/my-answer", Members, memberOnly},
	{"POST", "/v1/activities/{id}/shifts", Members, admin},
	{"POST", "/v1/activities/{id}/charge", Members, admin},
	{"POST", "/v1/me/calendar-feed", Members, memberOnly},
	{"GET", "/v1/public/coops/{slug}/calendar/{token}", Signup, nil},
}
