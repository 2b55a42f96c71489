package payslips

import (
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

// A May 2026 run (tax month 2 of 2026-27) for a Welsh co-op with a
// relief-at-source scheme at 3 % employer and 5 % employee. Each PA's
// April figures are worked out first so that year-to-date differs from the
// month.

var scheme = payroll.PensionScheme{Relief: payroll.ReliefAtSource, EmployerRate: 300, EmployeeRate: 500}

func employer() Employer {
	return Employer{
		NameCY:                  "Cwmni Cydweithredol Cymorth Gŵyr a Môn",
		NameEN:                  "Gower and Anglesey Support Co-operative",
		PAYEReference:           "123/AB45678",
		AccountsOfficeReference: "123PA00045678",
		Pension:                 &scheme,
	}
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func mustCode(t testing.TB, s string) payroll.TaxCode {
	t.Helper()
	tc, err := payroll.ParseTaxCode(s)
	if err != nil {
		t.Fatal(err)
	}
	return tc
}

// monthTwo calculates April then May for the same work and returns May's
// slip, with NI bands to date carried from April.
func monthTwo(t testing.TB, in payroll.Input) Slip {
	t.Helper()
	return afterApril(t, in, in)
}

// afterApril calculates april, then in as May with April's year to date.
func afterApril(t testing.TB, april, in payroll.Input) Slip {
	t.Helper()
	april.PayDate, april.PeriodStart = date(2026, 4, 30), date(2026, 4, 1)
	a, err := payroll.Calculate(april)
	if err != nil {
		t.Fatal(err)
	}
	in.PayDate, in.PeriodStart = date(2026, 5, 28), date(2026, 5, 1)
	in.YearToDate = a.YearToDate
	in.Mileage.TenthsToDate = april.Mileage.Tenths
	m, err := payroll.Calculate(in)
	if err != nil {
		t.Fatal(err)
	}
	s := NewSlip("2026-05", in, m)
	s.NIToDate = &NIToDate{GrossEarningsForNI: a.NIablePay, AtLEL: a.NI.EarningsAtLEL, LELToPT: a.NI.EarningsLELToPT, PTToUEL: a.NI.EarningsPTToUEL}
	return s
}

// sian is the brief's PA: 1257L, category A, 120 hours at £13.45, 30 miles
// at 45p, enrolled at 3 % + 5 % relief at source, holiday accrued; reads
// Welsh.
func sian(t testing.TB) Row {
	in := payroll.Input{
		Frequency:     payroll.Monthly,
		DateOfBirth:   date(1988, 7, 14),
		Lines:         []payroll.PayLine{{Kind: payroll.ShiftStandard, Minutes: 120 * 60, Rate: 1345}},
		Mileage:       payroll.Mileage{Tenths: 300, RatePence: 45},
		TaxCode:       mustCode(t, "1257L"),
		NICategory:    payroll.CategoryA,
		Pension:       &scheme,
		PensionStatus: payroll.PensionEnrolled,
		Holiday:       payroll.HolidayAccrued,
	}
	return Row{
		Employee: Employee{
			ID: "pa-0001", Name: "Siân Llŷr", NINumber: "QQ 12 34 56 C", TaxCode: "1257L", NICategory: "A",
			Language: dpcoop.Welsh, PensionStatus: payroll.PensionEnrolled,
			Bank: &BankAccount{AccountName: "S Llŷr", SortCode: "40-11-62", AccountNumber: "21345678"},
		},
		Slip: monthTwo(t, in),
	}
}

// dafydd works nights, sleep-ins and a bank holiday with rolled-up holiday
// pay on a Welsh code, and was off sick for three days; not enrolled
// (opted out); reads English.
func dafydd(t testing.TB) Row {
	in := payroll.Input{
		Frequency:   payroll.Monthly,
		DateOfBirth: date(1979, 2, 3),
		Lines: []payroll.PayLine{
			{Kind: payroll.ShiftStandard, Minutes: 40*60 + 30, Rate: 1345},
			{Kind: payroll.ShiftNight, Minutes: 20 * 60, Rate: 1400},
			{Kind: payroll.ShiftSleepIn, Minutes: 2 * 9 * 60, Rate: 8000, SleepIns: 2},
			{Kind: payroll.ShiftBankHoliday, Minutes: 7*60 + 45, Rate: 2018},
		},
		Sickness:      []payroll.Sickness{{AverageWeeklyEarnings: 30000, QualifyingDaysPerWeek: 5, SickQualifyingDays: 3}},
		TaxCode:       mustCode(t, "C1257L"),
		NICategory:    payroll.CategoryA,
		Pension:       &scheme,
		PensionStatus: payroll.PensionOptedOut,
		Holiday:       payroll.HolidayRolledUp,
	}
	return Row{
		Employee: Employee{
			ID: "pa-0002", Name: "Dafydd Ôwen", NINumber: "QQ654321A", TaxCode: "C1257L", NICategory: "a",
			Language: dpcoop.English, PensionStatus: payroll.PensionOptedOut,
			Bank: &BankAccount{AccountName: "D OWEN", SortCode: "309634", AccountNumber: "0123 4567"},
		},
		Slip: monthTwo(t, in),
	}
}

// mallory's name and bank account name are spreadsheet formulas; a few
// hours on an emergency month 1 code, over state pension age (category C).
func mallory(t testing.TB) Row {
	in := payroll.Input{
		Frequency:     payroll.Monthly,
		DateOfBirth:   date(1955, 1, 1),
		Lines:         []payroll.PayLine{{Kind: payroll.ShiftStandard, Minutes: 10 * 60, Rate: 1345}},
		Mileage:       payroll.Mileage{Tenths: 125, RatePence: 45},
		TaxCode:       mustCode(t, "1257L M1"),
		NICategory:    payroll.CategoryC,
		Holiday:       payroll.HolidayAccrued,
		PensionStatus: payroll.PensionNotEnrolled,
	}
	return Row{
		Employee: Employee{
			ID: "pa-0003", Name: `=HYPERLINK("http://example.com/x","click")`, NINumber: "QQ111111B", TaxCode: "1257L M1", NICategory: "C",
			Language: "", PensionStatus: payroll.PensionNotEnrolled,
			Bank: &BankAccount{AccountName: "@SUM(1+1)", SortCode: "20 00 00", AccountNumber: "55779911"},
		},
		Slip: monthTwo(t, in),
	}
}

// rhys worked 150 hours in April and 20 in May: his cumulative code gives
// a tax refund in May.
func rhys(t testing.TB) Row {
	may := payroll.Input{
		Frequency:     payroll.Monthly,
		DateOfBirth:   date(1999, 12, 24),
		Lines:         []payroll.PayLine{{Kind: payroll.ShiftStandard, Minutes: 20 * 60, Rate: 1345}},
		TaxCode:       mustCode(t, "C1257L"),
		NICategory:    payroll.CategoryA,
		Holiday:       payroll.HolidayAccrued,
		PensionStatus: payroll.PensionNotEnrolled,
	}
	april := may
	april.Lines = []payroll.PayLine{{Kind: payroll.ShiftStandard, Minutes: 150 * 60, Rate: 1345}}
	return Row{
		Employee: Employee{
			ID: "pa-0004", Name: "Rhys Êvans", NINumber: "QQ222222D", TaxCode: "C1257L", NICategory: "A",
			Language: dpcoop.Welsh, PensionStatus: payroll.PensionNotEnrolled,
			Bank: &BankAccount{AccountName: "-R EVANS", SortCode: "11-22-33", AccountNumber: "99887766"},
		},
		Slip: afterApril(t, april, may),
	}
}

func run(t testing.TB) []Row { return []Row{sian(t), dafydd(t), mallory(t), rhys(t)} }
