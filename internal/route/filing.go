package route

// HMRCCredentials serves the one route that writes a co-op's Government
// Gateway credentials: a function of its own, so that it alone may write
// the secrets (and the submitting function alone read them).
const HMRCCredentials Function = "hmrccredentials"

// Filing with HMRC: a run's submissions, their retry, and the co-op's
// Government Gateway credentials.
var filingRoutes = []Route{
	{"GET", "/v1/payroll/runs/{month}/submissions", Payroll, admin},
	{"POST", "/v1/payroll/runs/{month}/submissions/retry", Payroll, admin},
	{"PUT", "/v1/payroll/hmrc-credentials", HMRCCredentials, admin},
}
