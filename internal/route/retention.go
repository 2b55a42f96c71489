package route

// Retention is the weekly job deleting records past their legal retention
// (payslips only); the schedule invokes it, no route does.
const Retention Function = "retention"
