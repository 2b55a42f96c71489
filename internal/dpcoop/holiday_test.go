package dpcoop

import "testing"

func TestLeaveYearOf(t *testing.T) {
	cases := []struct {
		month string
		start int
		want  Date
	}{
		{"2026-04", 4, "2026-04-01"}, {"2027-03", 4, "2026-04-01"}, {"2027-04", 4, "2027-04-01"},
		{"2026-12", 1, "2026-01-01"}, {"2026-08", 9, "2025-09-01"},
	}
	for _, c := range cases {
		if got := LeaveYearOf(c.month, c.start); got != c.want {
			t.Errorf("LeaveYearOf(%s, %d) = %s, want %s", c.month, c.start, got, c.want)
		}
	}
}

func TestHoursTextNeverShowsMoreThanThereIs(t *testing.T) {
	for minutes, want := range map[int64]string{0: "0.00", 1391: "23.18", 725: "12.08", 59: "0.98", 60: "1.00", -30: "-0.50"} {
		if got := HoursText(minutes); got != want {
			t.Errorf("HoursText(%d) = %q, want %q", minutes, got, want)
		}
	}
}

// slipFor is a final payslip of month with the plan's leave, work pay and
// minutes, and the accrual charged on it.
func slipFor(month string, h SlipHoliday, workPay, minutes, accrual int64) Payslip {
	s := Payslip{Month: month, PayDate: Date(month + "-28"), HolidayAccrual: accrual, Holiday: &h,
		Lines: []PayLine{{Kind: ShiftStandard, Minutes: minutes, Pay: workPay}}, Members: []MemberWork{{Member: "gwen", Minutes: minutes, Pay: workPay}}}
	s.Result.WorkedMinutes = minutes
	return s
}

// TestLeaveCarriesIntoTheNextLeaveYear: 1,391 minutes accrued in March 2027
// (leave year from April 2026), 600 taken in April 2027: the new leave year
// starts with the 1,391 carried in, and a month applied twice counts once.
func TestLeaveCarriesIntoTheNextLeaveYear(t *testing.T) {
	var r HolidayRecord
	march, ok := r.PlanLeave("2027-03", 4, "", 0, 1391, HolidayPeriod{})
	if !ok || march.LeaveYear != "2026-04-01" || march.Balance != 1391 {
		t.Fatalf("March: %+v", march)
	}
	r = HolidayAfter(r, slipFor("2027-03", march, 258240, 11520, 31170))
	if again := HolidayAfter(r, slipFor("2027-03", march, 258240, 11520, 31170)); again.Balance != 1391 || len(again.Entries) != 1 {
		t.Fatalf("March applied twice: %+v", again)
	}
	april, ok := r.PlanLeave("2027-04", 4, "", 600, 0, HolidayPeriod{})
	if !ok || april.LeaveYear != "2027-04-01" || april.BalanceBefore != 1391 || april.Balance != 791 || april.RatePence != 1345 {
		t.Fatalf("April: %+v", april)
	}
	april.Settle(r.Provision, 0, 13450)
	r = HolidayAfter(r, slipFor("2027-04", april, 0, 0, 0))
	if r.LeaveYear != "2027-04-01" || r.Carried != 1391 || r.Accrued != 0 || r.Taken != 600 || r.Balance != 791 || r.Provision != 31170-13450 || len(r.Periods) != 1 {
		t.Fatalf("after April: %+v", r)
	}
	if _, ok := r.PlanLeave("2027-05", 4, "", 792, 0, HolidayPeriod{}); ok {
		t.Error("leave beyond the balance was planned")
	}
}

// TestALeaverIsPaidTheRestInLieu: a PA who left in June has their balance
// and June's accrual paid in lieu once; the provision meets what it holds.
func TestALeaverIsPaidTheRestInLieu(t *testing.T) {
	r := HolidayRecord{Month: "2026-05", LeaveYear: "2026-04-01", Balance: 1000, Provision: 12000,
		Periods: []HolidayPeriod{{Month: "2026-05", Days: 31, Pay: 80700, Minutes: 3600, Members: []MemberMinutes{{"rhys", 600}, {"gwen", 3000}}}}}
	s, ok := r.PlanLeave("2026-06", 4, "2026-06-10", 0, 73, HolidayPeriod{})
	if !ok || s.InLieuMinutes != 1073 || s.Balance != 0 || s.RatePence != 1345 || len(s.Members) != 2 || s.Members[0].Member != "gwen" {
		t.Fatalf("in lieu: %+v", s)
	}
	s.Settle(r.Provision, 900, 24054)
	if s.FromProvision != 12900 || s.Shortfall != 11154 {
		t.Fatalf("settled: %+v", s)
	}
	r = HolidayAfter(r, slipFor("2026-06", s, 0, 0, 900))
	if !r.PaidInLieu || r.Balance != 0 || r.Provision != 0 {
		t.Fatalf("after: %+v", r)
	}
	if s, _ := r.PlanLeave("2026-07", 4, "2026-06-10", 0, 0, HolidayPeriod{}); s.InLieuMinutes != 0 {
		t.Errorf("paid in lieu twice: %+v", s)
	}
}

func TestLeaveIsApprovedWithinTheBalance(t *testing.T) {
	accrued := PayrollSettings{Holiday: "accrued"}
	h := PayHistory{PA: "pa", YTD: &YearToDate{Holiday: &HolidayRecord{Month: "2026-05", LeaveYear: "2026-04-01", Balance: 1391}}}
	leave := func(id, date, start, end string, status ShiftStatus) Shift {
		s, err := ShiftInput{Date: date, Start: start, End: end, Members: []string{gwen}, Kind: "holiday"}.Validate(shiftNow)
		if err != nil {
			t.Fatal(err)
		}
		s.ID, s.PA, s.Status = id, "pa", status
		return s
	}
	approved := leave("a", "2026-06-15", "08:00", "20:00", ShiftApproved) // 720
	paid := leave("b", "2026-05-15", "08:00", "20:00", ShiftApproved)     // in May, already final
	asked := leave("c", "2026-06-16", "08:00", "20:00", ShiftSubmitted)
	n := ApprovedLeave([]Shift{approved, paid, asked}, h, asked.ID)
	if n != 720 {
		t.Fatalf("approved and unpaid: %d", n)
	}
	err := asked.CheckLeave(accrued, h, n, "2026-06-01")
	if fieldsOf(err)["end"] != FieldHolidayBeyondBalance {
		t.Fatalf("12 hours against 11 h 11 min: %v", err)
	}
	shorter := leave("d", "2026-06-16", "08:00", "19:00", ShiftSubmitted) // 660
	if err := shorter.CheckLeave(accrued, h, n, "2026-06-01"); err != nil {
		t.Fatal(err)
	}
	if fieldsOf(shorter.CheckLeaveMode(PayrollSettings{Holiday: "rolled_up"}))["kind"] != FieldHolidayRolledUp {
		t.Error("leave under rolled-up holiday pay")
	}
}

// TestALeaverInTheirFirstMonthIsPaidAtThatMonthsRate: with no month paid
// before, the leaver's own month is the weeks they have: 604 minutes of work
// at £13.45 (£135.40, ceil of 135.3966...) accrue 73 minutes, paid in lieu
// at 60 x 13,540 / 604 = 1,345.03..., £13.46 an hour.
func TestALeaverInTheirFirstMonthIsPaidAtThatMonthsRate(t *testing.T) {
	lines := []PayLine{{Kind: ShiftStandard, Minutes: 604, Rate: 1345}, {Kind: ShiftHoliday, Minutes: 60}}
	current := HolidayPeriod{Month: "2026-06", Days: MonthDays("2026-06"), Pay: WorkPay(lines), Minutes: 604}
	s, ok := HolidayRecord{}.PlanLeave("2026-06", 4, "2026-06-20", 0, 73, current)
	if !ok || current.Days != 30 || current.Pay != 13540 || s.InLieuMinutes != 73 || s.RatePence != 1346 {
		t.Fatalf("%+v, %+v", current, s)
	}
}
