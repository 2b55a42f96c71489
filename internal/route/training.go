package route

// trainingRoutes are the co-op's duties as an employer that it keeps
// records of: PAs' training (in the timesheets function, beside the rest
// of a PA's record; a member reads only which courses their PAs hold), the
// courses every PA must hold, and its employers' liability insurance (in
// the members function, beside the co-op's settings).
var trainingRoutes = []Route{
	{"GET", "/v1/pas/{id}/training", Timesheets, adminOrPA},
	{"POST", "/v1/pas/{id}/training", Timesheets, admin},
	{"DELETE", "/v1/pas/{id}/training/{tid}", Timesheets, admin},
	{"GET", "/v1/members/{id}/pa-training", Timesheets, adminOrMember},
	{"GET", "/v1/coop/required-training", Members, admin},
	{"PUT", "/v1/coop/required-training", Members, admin},
	{"GET", "/v1/coop/insurance", Members, adminOrPA},
	{"PUT", "/v1/coop/insurance", Members, admin},
}
