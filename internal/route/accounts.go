package route

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// Accounts serves members' direct-payment accounts, pools and statements.
const Accounts Function = "accounts"

var accountsRoutes = []Route{
	{"POST", "/v1/members/{id}/account/payments", Accounts, admin},
	{"POST", "/v1/members/{id}/account/adjustments", Accounts, admin},
	{"POST", "/v1/entries/{id}/reverse", Accounts, admin},
	{"GET", "/v1/members/{id}/statement", Accounts, adminOrMember},
	{"GET", "/v1/coop/summary", Accounts, admin},
	{"POST", "/v1/pools", Accounts, admin},
	{"GET", "/v1/pools", Accounts, adminOrMember},
	{"GET", "/v1/pools/{id}", Accounts, adminOrMember},
	{"POST", "/v1/pools/{id}/members", Accounts, adminOrMember},
	{"POST", "/v1/pools/{id}/members/{member}/leave", Accounts, adminOrMember},
	{"POST", "/v1/pools/{id}/spending", Accounts, admin},
	{"POST", "/v1/pools/{id}/spending/{spending}/approve", Accounts, []dpcoop.Role{dpcoop.RoleMember}},
}
