package dpcoop

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/dpcoop/dpcoop/internal/payroll"
)

// Holiday under the accrued mode (docs/holiday.md): 12.07 % of the hours a PA
// works in a month accrues as leave on its final payslip; the PA asks for
// leave as a shift of kind holiday, a member approves it within the balance,
// and the run pays it at the hourly rate averaged over the 52 paid weeks
// before, out of the holiday provision the members' monthly accrual charges
// built up. Untaken leave is paid on leaving.

// Leave kinds. A holiday shift is leave a PA asks for like a shift; a
// holiday_in_lieu line is never a shift: the run adds it to a leaver's final
// payslip for the leave they had not taken.
const (
	ShiftHoliday       ShiftKind = "holiday"
	ShiftHolidayInLieu ShiftKind = "holiday_in_lieu"
)

// Leave reports whether the kind is leave paid rather than work.
func (k ShiftKind) Leave() bool { return k == ShiftHoliday || k == ShiftHolidayInLieu }

// Field codes of holiday problems (stable: messages are in internal/messages).
const (
	// FieldHolidayRolledUp: the co-op pays rolled-up holiday pay with every
	// payslip, so there is no leave to take as paid holiday.
	FieldHolidayRolledUp = "holiday_rolled_up"
	// FieldHolidayBeyondBalance: the leave is more than the PA's balance
	// less the leave already approved and not yet paid.
	FieldHolidayBeyondBalance = "holiday_beyond_balance"
	// FieldHolidayTooFarAhead: leave may be asked for up to a year ahead.
	FieldHolidayTooFarAhead = "holiday_too_far_ahead"
	// FieldNotForHoliday: mileage and pools are for work, not leave.
	FieldNotForHoliday = "not_for_holiday"
)

// MaxHolidayAheadDays is how far ahead a PA may ask for leave.
const MaxHolidayAheadDays = 366

// DefaultLeaveYearMonth is the month the co-op's leave year starts in when
// its settings do not say: April, with the tax year and the 2024 reforms.
const DefaultLeaveYearMonth = 4

// checkLeave adds the rules a holiday shift has beyond a shift's: it may be
// in the future (up to a year ahead) and carries no mileage and no pool.
func (s Shift) checkLeave(p *Problems, now time.Time) {
	if s.Kind != ShiftHoliday {
		return
	}
	if s.MileageTenths != 0 {
		p.Add("miles", FieldNotForHoliday)
	}
	if s.Pool != "" {
		p.Add("pool_id", FieldNotForHoliday)
	}
	if !s.End.IsZero() && s.End.After(now.AddDate(0, 0, MaxHolidayAheadDays)) {
		p.Add("end", FieldHolidayTooFarAhead, "max_days", strconv.Itoa(MaxHolidayAheadDays))
	}
}

// LeaveYearMonth is the month (1 to 12) the co-op's leave year starts on the
// first day of.
func (s PayrollSettings) LeaveYearMonth() int {
	if s.HolidayYearMonth == 0 {
		return DefaultLeaveYearMonth
	}
	return s.HolidayYearMonth
}

// LeaveYearOf is the first day of the leave year a pay month's accrual falls
// in: leave accrues on the last day of the pay period (reg. 15B(2)).
func LeaveYearOf(month string, startMonth int) Date {
	t, _ := time.Parse(MonthLayout, month) // months are checked where they enter
	y := t.Year()
	if int(t.Month()) < startMonth {
		y--
	}
	return Date(time.Date(y, time.Month(startMonth), 1, 0, 0, 0, 0, time.UTC).Format(DateLayout))
}

// MemberMinutes is the time a member received from a PA in a pay period:
// who a leaver's untaken leave and a provision's shortfall are charged to.
type MemberMinutes struct {
	Member  string `json:"member_id"`
	Minutes int64  `json:"minutes"`
}

// HolidayPeriod is one final month's pay for work and hours worked, kept
// for the 52-week reference period that holiday pay is averaged over.
type HolidayPeriod struct {
	Month   string          `json:"month"`
	Days    int64           `json:"days"`
	Pay     int64           `json:"pay_pence"`
	Minutes int64           `json:"minutes"`
	Members []MemberMinutes `json:"members,omitempty"`
}

// HolidayEntry is what one final payslip did to the PA's leave.
type HolidayEntry struct {
	Month   string `json:"month"`
	PayDate Date   `json:"pay_date"`
	Accrued int64  `json:"accrued_minutes"`
	Taken   int64  `json:"taken_minutes"`
	InLieu  int64  `json:"in_lieu_minutes"`
	Rate    int64  `json:"rate_pence_per_hour,omitempty"`
	Pay     int64  `json:"pay_pence"`
	Balance int64  `json:"balance_minutes"`
}

// maxHolidayPeriods and maxHolidayEntries bound the record: 104 weeks of
// months are at most 25, and the entries of two leave years 24.
const (
	maxHolidayPeriods = 25
	maxHolidayEntries = 24
)

// HolidayRecord is a PA's leave as final runs left it, kept in their pay
// history so a re-run never counts a month twice. Leave not taken in a leave
// year is carried into the next in full (the co-op's rule, docs/holiday.md).
type HolidayRecord struct {
	Month     string `json:"month"`            // the last final month applied
	LeaveYear Date   `json:"leave_year_start"` // the leave year of Month
	Carried   int64  `json:"carried_minutes"`  // brought into this leave year
	Accrued   int64  `json:"accrued_minutes"`  // this leave year
	Taken     int64  `json:"taken_minutes"`    // this leave year, paid on leaving included
	Balance   int64  `json:"balance_minutes"`
	// Provision is this PA's part of coop:holiday_provision: the accrual
	// charged on their pay less the leave paid out of it.
	Provision  int64           `json:"provision_pence"`
	PaidInLieu bool            `json:"paid_in_lieu,omitempty"`
	Periods    []HolidayPeriod `json:"periods"`
	Entries    []HolidayEntry  `json:"entries"`
}

// Holiday is the PA's leave as final runs left it (empty before the first).
func (h PayHistory) Holiday() HolidayRecord {
	if h.YTD == nil || h.YTD.Holiday == nil {
		return HolidayRecord{}
	}
	return *h.YTD.Holiday
}

// Rate is the hourly rate leave paid in a pay month is paid at, from the
// record's periods before it (payroll.HolidayRate), or false if the PA has
// never been paid for work.
func (r HolidayRecord) Rate(month string) (int64, bool) {
	start, _ := time.Parse(MonthLayout, month)
	periods := make([]payroll.PayPeriod, len(r.Periods))
	for i, p := range r.Periods {
		t, _ := time.Parse(MonthLayout, p.Month)
		periods[i] = payroll.PayPeriod{Start: t, Days: p.Days, Pay: p.Pay, Minutes: p.Minutes}
	}
	return payroll.HolidayRate(periods, start)
}

// AsOf is the record as a reader sees it in a leave year: a later leave year
// than the record's starts with the balance carried in and nothing accrued
// or taken yet.
func (r HolidayRecord) AsOf(leaveYear Date) HolidayRecord {
	if r.LeaveYear != "" && r.LeaveYear.Before(leaveYear) {
		r.LeaveYear, r.Carried, r.Accrued, r.Taken = leaveYear, r.Balance, 0, 0
	}
	return r
}

// SlipHoliday is a payslip's leave under the accrued mode: earned, taken and
// paid this month, how its pay was met, and the balance after it.
type SlipHoliday struct {
	LeaveYear      Date  `json:"leave_year_start"`
	BalanceBefore  int64 `json:"balance_before_minutes"`
	AccruedMinutes int64 `json:"accrued_minutes"`
	TakenMinutes   int64 `json:"taken_minutes"`
	InLieuMinutes  int64 `json:"in_lieu_minutes"`
	Balance        int64 `json:"balance_minutes"`
	RatePence      int64 `json:"rate_pence_per_hour"`
	// Pay is the pay lines for leave (taken and in lieu); FromProvision the
	// part the holiday provision meets; Shortfall the rest, charged to the
	// members on the payslip.
	Pay           int64 `json:"pay_pence"`
	FromProvision int64 `json:"from_provision_pence"`
	Shortfall     int64 `json:"shortfall_pence"`
	// Members are who a payslip without work this month is charged to: the
	// members the PA worked for in the reference period, by minutes.
	Members []MemberMinutes `json:"-"`
}

// PlanLeave works out a payslip's leave before the payroll engine runs: the
// balance it starts from, the leave taken (minutes on holiday lines), what
// accrues on the minutes worked, and for a leaver (left on or before the
// month's end, not yet paid in lieu) the rest of the balance as untaken
// leave. The rate is the averaged rate; ok is false when leave is taken
// beyond the balance (with this month's accrual), which the run refuses.
//
// A PA with no paid month before this one (a leaver in their first month)
// has only this month's weeks: current, this month's work, is then averaged.
func (r HolidayRecord) PlanLeave(month string, startMonth int, left Date, taken, accrued int64, current HolidayPeriod) (SlipHoliday, bool) {
	r = r.AsOf(LeaveYearOf(month, startMonth))
	s := SlipHoliday{LeaveYear: LeaveYearOf(month, startMonth), BalanceBefore: r.Balance, AccruedMinutes: accrued, TakenMinutes: taken}
	s.Balance = r.Balance + accrued - taken
	if left != "" && left.Month() <= month && !r.PaidInLieu && s.Balance > 0 {
		s.InLieuMinutes, s.Balance = s.Balance, 0
	}
	var ok bool
	if s.RatePence, ok = r.Rate(month); !ok {
		s.RatePence, _ = HolidayRecord{Periods: []HolidayPeriod{current}}.Rate(NextMonth(month))
	}
	if s.TakenMinutes+s.InLieuMinutes > 0 {
		s.Members = r.referenceMembers()
	}
	return s, s.Balance >= 0
}

// referenceMembers adds up the minutes each member received in the kept
// periods, in member order.
func (r HolidayRecord) referenceMembers() []MemberMinutes {
	by := map[string]int64{}
	for _, p := range r.Periods {
		for _, m := range p.Members {
			by[m.Member] += m.Minutes
		}
	}
	out := make([]MemberMinutes, 0, len(by))
	for m, v := range by {
		out = append(out, MemberMinutes{Member: m, Minutes: v})
	}
	slices.SortFunc(out, func(a, b MemberMinutes) int { return cmp.Compare(a.Member, b.Member) })
	return out
}

// Settle meets the leave's pay out of the PA's provision (with this month's
// accrual, posted with it): whatever the provision cannot meet (rates rose
// since the leave was earned) is the shortfall the members are charged.
func (s *SlipHoliday) Settle(provision, accrual, pay int64) {
	s.Pay = pay
	s.FromProvision = min(pay, max(provision+accrual, 0))
	s.Shortfall = pay - s.FromProvision
}

// FromHolidayProvision is the payslip's leave pay that the holiday
// provision meets, which its members are not charged again.
func (p Payslip) FromHolidayProvision() int64 {
	if p.Holiday == nil {
		return 0
	}
	return p.Holiday.FromProvision
}

// HolidayAfter is the record once a final payslip is applied: the balance
// and this leave year's figures moved on, the provision filled by the
// accrual and emptied by the leave paid, the month kept for the reference
// period if the PA was paid for work in it. A payslip of a month already
// applied changes nothing.
func HolidayAfter(r HolidayRecord, slip Payslip) HolidayRecord {
	if r.Month != "" && slip.Month <= r.Month {
		return r
	}
	h := slip.Holiday
	if h == nil {
		return r
	}
	r = r.AsOf(h.LeaveYear)
	if r.LeaveYear == "" {
		r.LeaveYear = h.LeaveYear
	}
	r.Month = slip.Month
	r.Accrued += h.AccruedMinutes
	r.Taken += h.TakenMinutes + h.InLieuMinutes
	r.Balance = h.Balance
	r.Provision += slip.HolidayAccrual - h.FromProvision
	if h.InLieuMinutes > 0 {
		r.PaidInLieu = true
	}
	if p := workPeriod(slip); p.Pay > 0 && p.Minutes > 0 {
		r.Periods = append(slices.Clone(r.Periods), p)
		if n := len(r.Periods); n > maxHolidayPeriods {
			r.Periods = r.Periods[n-maxHolidayPeriods:]
		}
	}
	r.Entries = append(slices.Clone(r.Entries), HolidayEntry{Month: slip.Month, PayDate: slip.PayDate, Accrued: h.AccruedMinutes,
		Taken: h.TakenMinutes, InLieu: h.InLieuMinutes, Rate: h.RatePence, Pay: h.Pay, Balance: h.Balance})
	if n := len(r.Entries); n > maxHolidayEntries {
		r.Entries = r.Entries[n-maxHolidayEntries:]
	}
	return r
}

// workPeriod is a payslip's pay for work (every line but leave: sleep-ins
// are remuneration too; no sick pay, mileage or holiday pay) and its minutes
// worked, with the members who received them.
func workPeriod(slip Payslip) HolidayPeriod {
	p := HolidayPeriod{Month: slip.Month, Days: MonthDays(slip.Month), Minutes: slip.Result.WorkedMinutes}
	for _, l := range slip.Lines {
		if !l.Kind.Leave() {
			p.Pay += l.Pay
		}
	}
	for _, m := range slip.Members {
		if m.Minutes > 0 {
			p.Members = append(p.Members, MemberMinutes{Member: m.Member, Minutes: m.Minutes})
		}
	}
	return p
}

// MonthDays is how many days a pay month has.
func MonthDays(month string) int64 {
	t, _ := time.Parse(MonthLayout, month) // months are checked where they enter
	return int64(time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day())
}

// WorkPay is what a PA's lines of work earn, priced as the payroll engine
// prices them (minutes at an hourly rate rounded up to the penny, sleep-ins
// at their flat amount), before it runs: leave lines are not work.
func WorkPay(lines []PayLine) int64 {
	var pay int64
	for _, l := range lines {
		switch {
		case l.Kind.Leave():
		case l.Kind == ShiftSleepIn:
			pay += l.SleepIns * l.Rate
		default:
			pay += ceilDiv(l.Minutes*l.Rate, 60)
		}
	}
	return pay
}

// HolidayBalance is what GET /v1/pas/{id}/holiday answers: the PA's leave
// in the current leave year, in minutes and hours, and the rate leave is
// paid at now.
type HolidayBalance struct {
	PA             string         `json:"pa_id"`
	Mode           string         `json:"mode"`
	LeaveYearStart Date           `json:"leave_year_start"`
	AsOfMonth      string         `json:"as_of_month,omitempty"` // the last final month counted
	Carried        int64          `json:"carried_minutes"`
	Accrued        int64          `json:"accrued_minutes"`
	Taken          int64          `json:"taken_minutes"`
	Balance        int64          `json:"balance_minutes"`
	BalanceHours   string         `json:"balance_hours"`
	Approved       int64          `json:"approved_unpaid_minutes"` // leave approved, not yet paid
	Available      int64          `json:"available_minutes"`
	RatePence      int64          `json:"rate_pence_per_hour"`
	Provision      int64          `json:"provision_pence"`
	Left           Date           `json:"left,omitempty"`
	PaidInLieu     bool           `json:"paid_in_lieu"`
	Entries        []HolidayEntry `json:"entries"`
}

// HoursText writes minutes as hours to two decimal places ("12.08"),
// rounded down so it never shows more leave than there is.
func HoursText(minutes int64) string {
	sign := ""
	if minutes < 0 {
		sign, minutes = "-", -minutes
	}
	hundredths := minutes * 100 / 60
	return sign + strconv.FormatInt(hundredths/100, 10) + "." + strconv.FormatInt(hundredths%100/10, 10) + strconv.FormatInt(hundredths%10, 10)
}

// HolidayBalance is the PA's holiday as of today: the record moved into
// today's leave year, the leave approved and not yet paid (approved), and
// the rate leave paid in the current month would get.
func (h PayHistory) HolidayBalance(s PayrollSettings, approved int64, today Date) HolidayBalance {
	month := today.Month()
	r := h.Holiday().AsOf(LeaveYearOf(month, s.LeaveYearMonth()))
	if r.LeaveYear == "" {
		r.LeaveYear = LeaveYearOf(month, s.LeaveYearMonth())
	}
	out := HolidayBalance{PA: h.PA, Mode: s.Holiday, LeaveYearStart: r.LeaveYear, AsOfMonth: r.Month, Carried: r.Carried,
		Accrued: r.Accrued, Taken: r.Taken, Balance: r.Balance, BalanceHours: HoursText(r.Balance), Approved: approved,
		Available: r.Balance - approved, Provision: r.Provision, Left: h.Left, PaidInLieu: r.PaidInLieu, Entries: r.Entries}
	out.RatePence, _ = r.Rate(month)
	if out.Entries == nil {
		out.Entries = []HolidayEntry{}
	}
	return out
}

// CheckLeaveMode refuses leave as paid holiday under rolled-up holiday
// pay: the PA's holiday pay came with each payslip.
func (s Shift) CheckLeaveMode(settings PayrollSettings) error {
	var p Problems
	if s.Kind == ShiftHoliday && settings.HolidayMode() != payroll.HolidayAccrued {
		p.Add("kind", FieldHolidayRolledUp)
	}
	return p.Err("leave")
}

// CheckLeave refuses to approve leave beyond what the PA has: their balance
// from final runs less the leave already approved and not yet paid
// (approved, this shift excluded), under the accrued mode only.
func (s Shift) CheckLeave(settings PayrollSettings, h PayHistory, approved int64, today Date) error {
	if err := s.CheckLeaveMode(settings); err != nil || s.Kind != ShiftHoliday {
		return err
	}
	var p Problems
	if b := h.HolidayBalance(settings, approved, today); s.Minutes() > b.Available {
		p.Add("end", FieldHolidayBeyondBalance, "available_hours", HoursText(max(b.Available, 0)))
	}
	return p.Err("approve leave")
}

// ApprovedLeave adds up the minutes of the PA's approved leave not yet paid
// by a final run: approved holiday shifts paid in a month after the last
// final month their history counts, except the one being approved.
func ApprovedLeave(shifts []Shift, h PayHistory, except string) int64 {
	last := h.Holiday().Month
	var n int64
	for _, s := range shifts {
		if s.Kind == ShiftHoliday && s.Status == ShiftApproved && s.ID != except && s.PA == h.PA && s.Month() > last {
			n += s.Minutes()
		}
	}
	return n
}
