// Package route is the one table of HTTP routes. The CDK stack wires API
// Gateway from it, the local router serves it, the OpenAPI test checks the
// document against it and the handlers dispatch on it, so none can drift.
package route

import (
	"slices"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Function names a Lambda function (and a folder under functions/).
type Function string

// The functions that serve HTTP routes.
const (
	Service Function = "service" // health and the API description
	Signup  Function = "signup"  // public: co-op signup, the co-op's public page, applications
	Members Function = "members" // applications decided, the register of members
)

// Functions lists every HTTP function, for builds and the stack.
var Functions = []Function{Service, Signup, Members, Timesheets, Payroll, Votes, Accounts, HMRCCredentials}

// Route is one method and path, the function that serves it, and the roles
// that may call it. A route with no roles is public: no token is asked for.
type Route struct {
	Method   string
	Path     string
	Function Function
	Roles    []dpcoop.Role
}

// Key is the API Gateway route key, "METHOD /path", that events carry.
func (r Route) Key() string { return r.Method + " " + r.Path }

// Public reports whether the route needs no token.
func (r Route) Public() bool { return len(r.Roles) == 0 }

// Role sets that routes share.
var (
	admin         = []dpcoop.Role{dpcoop.RoleAdmin}
	adminOrMember = []dpcoop.Role{dpcoop.RoleAdmin, dpcoop.RoleMember}
)

// Table is every route of the API: each capability keeps its routes in a
// file of its own.
var Table = slices.Concat(serviceRoutes, signupRoutes, membersRoutes, peopleRoutes, timesheetsRoutes, particularsRoutes, statpayRoutes, casesRoutes, pensionRoutes, recruitmentRoutes, payrollRoutes, filingRoutes, votesRoutes, accountsRoutes, trainingRoutes, buddiesRoutes, matchingRoutes, coverRoutes, activitiesRoutes, riskRoutes, pacopyRoutes, employmentRoleRoutes)

// Of returns the routes a function serves.
func Of(fn Function) []Route {
	var out []Route
	for _, r := range Table {
		if r.Function == fn {
			out = append(out, r)
		}
	}
	return out
}

// Match finds the route for a method and a concrete path, with its path
// parameters, as API Gateway does. Literal segments win over parameters.
func Match(method, path string) (Route, map[string]string, bool) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	var best Route
	var bestParams map[string]string
	bestScore := -1
	for _, r := range Table {
		if r.Method != method {
			continue
		}
		params, score, ok := matchPath(r.Path, segs)
		if ok && score > bestScore {
			best, bestParams, bestScore = r, params, score
		}
	}
	return best, bestParams, bestScore >= 0
}

func matchPath(pattern string, segs []string) (map[string]string, int, bool) {
	pats := strings.Split(strings.Trim(pattern, "/"), "/")
	if len(pats) != len(segs) {
		return nil, 0, false
	}
	params := map[string]string{}
	score := 0
	for i, p := range pats {
		if name, ok := strings.CutPrefix(p, "{"); ok {
			if segs[i] == "" {
				return nil, 0, false
			}
			params[strings.TrimSuffix(name, "}")] = segs[i]
			continue
		}
		if p != segs[i] {
			return nil, 0, false
		}
		score++
	}
	return params, score, true
}

// ByKey finds a route by its API Gateway route key.
func ByKey(key string) (Route, bool) {
	for _, r := range Table {
		if r.Key() == key {
			return r, true
		}
	}
	return Route{}, false
}

// The functions that serve no route: the payroll state machine's tasks, the
// daily dispatch the schedule invokes, and the starter of each due co-op's
// runs the dispatch's queue invokes.
const (
	PayrollTask  Function = "payrolltask"
	Dispatch     Function = "dispatch"
	PayrollStart Function = "payrollstart"
)

// Workers lists the functions that serve no route.
var Workers = []Function{PayrollTask, Dispatch, PayrollStart, Retention, CustomMessage}

// Web serves the pages: every path outside /v1, through the HTTP API's
// $default route rather than the route table.
const Web Function = "web"

// All lists every Lambda function, one per folder under functions/.
func All() []Function { return slices.Concat(Functions, []Function{Web}, Workers) }
