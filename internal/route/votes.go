package route

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// Votes serves motions, votes, proxies and results; the same function is
// invoked by the votes tick schedule, which opens, closes and counts motions
// and sends notices when they are due.
const Votes Function = "votes"

var (
	memberOnly  = []dpcoop.Role{dpcoop.RoleMember}
	votesRoutes = []Route{
		{"GET", "/v1/voting-rules", Votes, adminOrMember},
		{"PUT", "/v1/voting-rules", Votes, admin},
		{"POST", "/v1/motions", Votes, adminOrMember},
		{"GET", "/v1/motions", Votes, adminOrMember},
		{"GET", "/v1/motions/{id}", Votes, adminOrMember},
		{"POST", "/v1/motions/{id}/open", Votes, admin},
		{"POST", "/v1/motions/{id}/close", Votes, admin},
		{"POST", "/v1/motions/{id}/votes", Votes, adminOrMember},
		{"POST", "/v1/motions/{id}/proxies", Votes, memberOnly},
		{"GET", "/v1/motions/{id}/results", Votes, adminOrMember},
		{"GET", "/v1/motions/{id}/ballots", Votes, adminOrMember},
	}
)
