package payroll

// HolidayMode is how a co-op gives irregular-hours PAs their statutory
// holiday (Working Time Regulations 1998, reg. 15B): the co-op chooses.
type HolidayMode int

// The two holiday modes.
const (
	// HolidayAccrued: 12.07 % of hours worked accrues as paid leave, paid
	// when taken (as a ShiftHoliday pay line).
	HolidayAccrued HolidayMode = iota + 1
	// HolidayRolledUp: 12.07 % of pay for work done is paid with each
	// payslip and shown on its own line.
	HolidayRolledUp
)

// HolidayShare is the year's holiday accrual rate (12.07 %) of either
// minutes worked or pay for work done, rounded up to the next whole minute
// or penny so that the PA never falls short of the statutory entitlement.
func (y *Year) HolidayShare(amount int64) int64 {
	return mulRateCeil(max(amount, 0), y.holidayRate)
}
