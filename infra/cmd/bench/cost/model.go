package cost

// Scale is the hosted service a bill is for.
type Scale struct{ Coops, Members, PAs int64 }

// Hosted is the hosted service: 1,000 co-ops, 50,000 members and
// 20,000 PAs.
var Hosted = Scale{Coops: 1_000, Members: 50_000, PAs: 20_000}

// Use is how the service is used and what each use takes, from make bench's
// measurements where it has them (Measured) and stated assumptions
// otherwise. Fractional figures are in thousandths.
type Use struct {
	// A member's month of API calls other than votes, and an average call's
	// billed Lambda milliseconds at 256 MB and request units.
	CallsPerMember, MsPerCall, RRUPerCall, WRUPerCall int64
	// A vote: one a member a month, on one motion a co-op a month.
	VoteMs, VoteRRU, VoteWRU int64
	// Payroll, per payslip (one PA's month): request units, state
	// transitions, task invocations and each invocation's billed ms.
	SlipRRU, SlipWRU, SlipTransitions, SlipInvokes, InvokeMs int64
	// KB a co-op's month adds to the table (both indexes included), and
	// the years of data held (payslips are kept six years and more).
	CoopMonthKB, Years int64
	// Bytes logged per Lambda invocation and per state transition, and
	// bytes sent out per API call.
	LogPerInvoke, LogPerTransition, BytesPerCall int64
}

// Measured is Use as make bench measured it at commit 83b62b4 (routes,
// payroll month) with the assumptions docs/performance.md states: 44.2
// calls a member month besides a vote (10 shift creates, submits and
// approvals, 14 reads, a few applications), weighted by route.
var Measured = Use{
	CallsPerMember: 44_200, MsPerCall: 41_200, RRUPerCall: 11_840, WRUPerCall: 4_090,
	VoteMs: 26_000, VoteRRU: 3_000, VoteWRU: 8_000,
	SlipRRU: 6_600, SlipWRU: 35_900, SlipTransitions: 1_800, SlipInvokes: 1_400, InvokeMs: 40_000,
	CoopMonthKB: 99_700, Years: 1,
	LogPerInvoke: 1_000_000, LogPerTransition: 500_000, BytesPerCall: 4_000_000,
}

// Design is what the parts this branch changed cost: the votes' tally and
// the daily dispatch, as they were and as they are.
type Design struct {
	Name string
	// VoteWRU replaces Use.VoteWRU; MotionWRU is written once a motion
	// (opening and closing its shards).
	VoteWRU, MotionWRU int64
	// The dispatch, per co-op a day: reads, SQS requests and consumer
	// invocations (each ConsumerMs long); IdlePolls are the SQS receives
	// Lambda's pollers make a month whatever the traffic.
	DispatchRRU, DispatchSQS, ConsumerInvokes, ConsumerMs, IdlePolls int64
	// Functions and alarm metrics the stack has.
	Functions, AlarmMetrics int64
}

// Before is the design at commit 83b62b4: a vote checks the motion and adds
// to one tally item (8 WRU, measured); the dispatch reads two runs a co-op a
// day in one function.
var Before = Design{Name: "before", VoteWRU: 8_000, DispatchRRU: 2_000, Functions: 11, AlarmMetrics: 19 * Milli}

// After is this branch: a vote writes one small shard instead of checking
// the motion and writing the tally (one transaction item fewer, 6 WRU),
// and a motion's 16 shards are put when it opens and updated when it closes
// (2 WRU each in a transaction); the dispatch queues each co-op (a tenth of
// a SendMessageBatch, a receive and a delete) and the consumer reads the
// co-op and its runs, ten co-ops an invocation.
var After = Design{Name: "after", VoteWRU: 6_000, MotionWRU: 64_000, DispatchRRU: 3_000, DispatchSQS: 300,
	ConsumerInvokes: 100, ConsumerMs: 200_000, IdlePolls: 648_000 * Milli, Functions: 12, AlarmMetrics: 21 * Milli}

const (
	days         = 30
	gbPerKB      = 1024 * 1024
	fixedInvokes = 30 + 96*days + 5 // the dispatch daily, the votes tick every 15 minutes, retention weekly
)

// gbSeconds is the GB-seconds, in thousandths, of milliMs thousandths of a
// millisecond at the functions' 256 MB (a quarter of a GB).
func gbSeconds(milliMs int64) int64 { return milliMs / 4 / 1000 }

// mul multiplies a count by a quantity in thousandths.
func mul(n, milli int64) int64 { return n * milli }

// Month is the bill for a month of the service at scale s with use u,
// design d and the Cognito plan given, every billed item a line.
func Month(s Scale, u Use, d Design, cognito Item) Bill {
	members, coops := s.Members, s.Coops
	calls := mul(members, u.CallsPerMember) / Milli // whole calls
	votes := members
	motions := coops
	slips := s.PAs
	coopDays := coops * days
	invokes := calls + votes + mul(slips, u.SlipInvokes)/Milli + fixedInvokes + mul(coopDays, d.ConsumerInvokes)/Milli
	ms := mul(calls, u.MsPerCall) + mul(votes, u.VoteMs) + mul(mul(slips, u.SlipInvokes)/Milli, u.InvokeMs) +
		mul(mul(coopDays, d.ConsumerInvokes)/Milli, d.ConsumerMs)
	rru := mul(calls, u.RRUPerCall) + mul(votes, u.VoteRRU) + mul(slips, u.SlipRRU) + mul(coopDays, d.DispatchRRU)
	wru := mul(calls, u.WRUPerCall) + mul(votes, d.VoteWRU) + mul(motions, d.MotionWRU) + mul(slips, u.SlipWRU)
	storedMilliGB := coops * u.CoopMonthKB * 12 * u.Years / gbPerKB
	backupsKept := 35 + min(12*u.Years, 84)
	transitions := mul(slips, u.SlipTransitions)
	logMilliGB := (invokes*u.LogPerInvoke + transitions/Milli*u.LogPerTransition) / gbPerKB / 1024
	return Bill{
		{cognito, (s.Members + s.PAs) * Milli, "every member and PA signs in each month (an upper bound)"},
		{HTTPAPI, (calls + votes) * Milli, Quantity(u.CallsPerMember) + " calls and a vote a member a month"},
		{LambdaRequests, invokes * Milli, "API calls, payroll tasks, the dispatch and its consumer, the votes tick, retention"},
		{LambdaDuration, gbSeconds(ms), "256 MB × billed ms (our code's CPU at a 256 MB share of a vCPU, plus 5 ms a DynamoDB request)"},
		{DynamoReads, rru, "API, votes, payroll (per payslip), the dispatch (per co-op a day)"},
		{DynamoWrites, wru, "API, votes and motions, payroll"},
		{DynamoStorage, storedMilliGB, Quantity(u.CoopMonthKB) + " KB a co-op month × 12 × " + Quantity(u.Years*Milli) + " year(s) kept"},
		{PITR, storedMilliGB, "on the whole table"},
		{Backups, storedMilliGB * backupsKept * 2, "full backups: 35 daily and the monthly ones (kept 7 years) of the years held, each copied to a second vault"},
		{Transitions, transitions, Quantity(u.SlipTransitions) + " a payslip (measured: 18 for a co-op of 10 PAs)"},
		{SQSRequests, mul(coopDays, d.DispatchSQS) + d.IdlePolls, "the due co-ops' queue: a tenth of a batch send, a receive and a delete a co-op a day, and Lambda's idle long polls"},
		{Schedules, 3 * Milli, "three schedules' invocations: far inside the free tier"},
		{LogIngestion, logMilliGB, Quantity(u.LogPerInvoke) + " B an invocation (our JSON line and Lambda's START/END/REPORT), " + Quantity(u.LogPerTransition) + " B a state transition"},
		{LogStorage, logMilliGB * 12, "a year kept (prod), counted uncompressed: an upper bound"},
		{XRay, (calls + votes) * Milli, "active tracing: every API call counted (sampling keeps fewer)"},
		{Alarms, d.AlarmMetrics, "the service's alarms (the 5xx rate reads two metrics) and one a function"},
		{Metrics, 8 * Milli, "the eight business metrics, one stage each"},
		{Secrets, 0, "none: Turnstile secrets are in the table"},
		{Emails, 2 * members * Milli, "a vote's opening notice and closing reminder to each member, one motion a month"},
		{TransferOut, (calls + votes) * u.BytesPerCall / gbPerKB / 1024, Quantity(u.BytesPerCall) + " B an API answer"},
	}
}
