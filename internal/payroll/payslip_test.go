package payroll

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

// workedInput is a month-1 2026-27 payslip for a Welsh PA aged 36 who
// worked for several members: 120 h standard at £13.45, 20 h nights at
// £14.00, 4 sleep-ins at £80.00, 8 h bank holiday at £20.18, 100 miles at
// 45p; code C1257L, category A, enrolled in a relief-at-source scheme at
// 3 % + 5 %, holiday accrued.
func workedInput(t testing.TB) Input {
	return Input{
		PayDate:     date(2026, 4, 30),
		PeriodStart: date(2026, 4, 1),
		Frequency:   Monthly,
		DateOfBirth: date(1990, 1, 1),
		Lines: []PayLine{
			{Kind: ShiftStandard, Minutes: 120 * 60, Rate: 1345},
			{Kind: ShiftNight, Minutes: 20 * 60, Rate: 1400},
			{Kind: ShiftSleepIn, Minutes: 4 * 9 * 60, Rate: 8000, SleepIns: 4},
			{Kind: ShiftBankHoliday, Minutes: 8 * 60, Rate: 2018},
		},
		Mileage:       Mileage{Tenths: 1000, RatePence: 45},
		TaxCode:       mustCode(t, "C1257L"),
		NICategory:    CategoryA,
		Pension:       &PensionScheme{Relief: ReliefAtSource, EmployerRate: 300, EmployeeRate: 500},
		PensionStatus: PensionEnrolled,
		Holiday:       HolidayAccrued,
	}
}

// The working:
//
//	standard   7200 min × 13.45 / 60 = 1614.00
//	night      1200 min × 14.00 / 60 =  280.00
//	sleep-ins  4 × 80.00             =  320.00
//	bank hol.   480 min × 20.18 / 60 =  161.44
//	earnings                            2375.44   (worked: 8880 min, 2055.44: 13.89/h, above RLW)
//	mileage    100 × 45p = 45.00, all within HMRC's approved amount
//	gross                               2420.44
//	holiday    8880 × 12.07 % = 1071.8 → 1072 minutes accrued
//	pension    QE 2375.44 - 520 = 1855.44; employer 3 % = 55.6632 → 55.67;
//	           PA 5 % = 92.772 → 92.78, relief 18.55, deducted 74.23
//	tax        2375.44 - 1048.26 = 1327.18 → £1327 × 20 % = 265.40
//	NI         PA (2375.44 - 1048) × 8 % = 106.1952 → 106.19;
//	           co-op (2375.44 - 417) × 15 % = 293.766 → 293.77
//	net        2420.44 - 265.40 - 106.19 - 74.23 = 1974.62
//	cost       2420.44 + 293.77 + 55.67 = 2769.88
func TestCalculateWorkedPayslip2026(t *testing.T) {
	got, err := Calculate(workedInput(t))
	if err != nil {
		t.Fatal(err)
	}
	want := Payslip{
		TaxYear: "2026-27", Period: 1, Cumulative: true,
		LinePay:               []int64{161400, 28000, 32000, 16144},
		WorkedMinutes:         8880,
		HolidayAccruedMinutes: 1072,
		Earnings:              237544,
		MileagePaid:           4500,
		Gross:                 242044,
		TaxablePay:            237544,
		NIablePay:             237544,
		Tax:                   26540,
		NI:                    NIResult{Employee: 10619, Employer: 29377, EarningsAtLEL: 55900, EarningsLELToPT: 48900, EarningsPTToUEL: 132744},
		WorkerCategory:        EligibleJobholder,
		Pension:               Contributions{QualifyingEarnings: 185544, Employer: 5567, EmployeeGross: 9278, TaxRelief: 1855, EmployeeDeduction: 7423},
		NetPay:                197462,
		EmployerCost:          276988,
		YearToDate:            YearToDate{Gross: 242044, TaxablePay: 237544, Tax: 26540, EmployeeNI: 10619, EmployerNI: 29377, EmployeePension: 7423, EmployerPension: 5567},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestCalculateSecondMonthCarriesYearToDate(t *testing.T) {
	first, err := Calculate(workedInput(t))
	if err != nil {
		t.Fatal(err)
	}
	in := workedInput(t)
	in.PayDate, in.PeriodStart, in.YearToDate = date(2026, 5, 29), date(2026, 5, 1), first.YearToDate
	second, err := Calculate(in)
	if err != nil {
		t.Fatal(err)
	}
	// Month 2: 4750.88 - 2096.52 = 2654.36 → £2654 × 20 % = 530.80, less 265.40.
	if second.Period != 2 || second.Tax != 26540 || second.YearToDate.Tax != 53080 || second.YearToDate.Gross != 2*242044 {
		t.Errorf("month 2: period %d tax %d ytd %+v", second.Period, second.Tax, second.YearToDate)
	}
}

// The same £2,000.00 month under each relief method (2026-27, 1257L, month
// 1, 3 % + 5 %). Relief at source: tax on 2000.00 = 190.20, PA pays 59.20
// after tax. Net pay: tax on 1926.00 (877.74 → £877) = 175.40, PA pays
// 74.00 before tax. NI is on 2000.00 either way (76.16), and a basic-rate
// taxpayer's take-home comes out the same: 1674.44.
func TestCalculateReliefAtSourceVersusNetPay(t *testing.T) {
	for _, c := range []struct {
		relief            Relief
		taxable, tax, ded int64
	}{
		{ReliefAtSource, 200000, 19020, 5920},
		{NetPayArrangement, 192600, 17540, 7400},
	} {
		in := simpleInput(t, 200000)
		in.Pension = &PensionScheme{Relief: c.relief, EmployerRate: 300, EmployeeRate: 500}
		in.PensionStatus = PensionEnrolled
		got, err := Calculate(in)
		if err != nil {
			t.Fatal(err)
		}
		if got.TaxablePay != c.taxable || got.Tax != c.tax || got.Pension.EmployeeDeduction != c.ded || got.NI.Employee != 7616 || got.NetPay != 167444 {
			t.Errorf("relief %d: taxable %d tax %d deduction %d NI %d net %d", c.relief, got.TaxablePay, got.Tax, got.Pension.EmployeeDeduction, got.NI.Employee, got.NetPay)
		}
	}
}

// simpleInput is a month-1 2026-27 payslip of standard hours at £15.00 an
// hour (so pay pence is whole minutes × 25), for a PA aged 36 on 1257L,
// category A, not enrolled.
func simpleInput(t testing.TB, pay int64) Input {
	return Input{
		PayDate: date(2026, 4, 30), PeriodStart: date(2026, 4, 1), Frequency: Monthly, DateOfBirth: date(1990, 1, 1),
		Lines:   []PayLine{{Kind: ShiftStandard, Minutes: pay / 25, Rate: 1500}},
		TaxCode: mustCode(t, "1257L"), NICategory: CategoryA, Holiday: HolidayAccrued,
	}
}

func TestCalculateHolidayModes(t *testing.T) {
	in := simpleInput(t, 0)
	in.Lines = []PayLine{{Kind: ShiftStandard, Minutes: 6000, Rate: 1345}, {Kind: ShiftSleepIn, Rate: 8000, SleepIns: 1}}
	accrued, err := Calculate(in)
	if err != nil {
		t.Fatal(err)
	}
	// 6000 min worked (the sleep-in is not work) → 725 minutes; no extra pay.
	if accrued.HolidayAccruedMinutes != 725 || accrued.RolledUpHolidayPay != 0 || accrued.Earnings != 134500+8000 {
		t.Errorf("accrued: %+v", accrued)
	}
	in.Holiday = HolidayRolledUp
	rolled, err := Calculate(in)
	if err != nil {
		t.Fatal(err)
	}
	// Pay for work 1345.00 × 12.07 % = 162.3415 → 162.35, paid on its own line.
	if rolled.HolidayAccruedMinutes != 0 || rolled.RolledUpHolidayPay != 16235 || rolled.Earnings != 134500+8000+16235 {
		t.Errorf("rolled up: %+v", rolled)
	}
}

func TestCalculateWageChecks2026(t *testing.T) {
	// 10 hours in a period starting 1 May 2026, for each age band, a penny an
	// hour under the band's rate; every one also falls under the Real
	// Living Wage (£13.45).
	cases := []struct {
		name       string
		age        int
		apprentice bool
		rate       int64
		want       []Check
	}{
		{"21+ at £12.70", 30, false, 1270, []Check{CheckBelowNationalLivingWage, CheckBelowRealLivingWage}},
		{"18-20 at £10.84", 19, false, 1084, []Check{CheckBelowMinimumWage18To20, CheckBelowRealLivingWage}},
		{"16-17 at £7.99", 16, false, 799, []Check{CheckBelowMinimumWage16To17, CheckBelowRealLivingWage}},
		{"apprentice at £7.99", 18, true, 799, []Check{CheckBelowApprenticeRate, CheckBelowRealLivingWage}},
		{"21+ at the NLW: Real Living Wage warning only", 30, false, 1271, []Check{CheckBelowRealLivingWage}},
		{"21+ at the Real Living Wage", 30, false, 1345, nil},
	}
	for _, c := range cases {
		in := simpleInput(t, 0)
		in.PayDate, in.PeriodStart = date(2026, 5, 29), date(2026, 5, 1)
		in.DateOfBirth = date(2026-c.age, 5, 1)
		in.Apprentice = c.apprentice
		if c.age < 21 {
			in.NICategory = CategoryM // the category for their age: only the wage checks remain
		}
		in.Lines = []PayLine{{Kind: ShiftStandard, Minutes: 600, Rate: c.rate}}
		got, err := Calculate(in)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Checks, c.want) {
			t.Errorf("%s: checks %v, want %v", c.name, got.Checks, c.want)
		}
	}
}

func TestCalculateOtherChecks(t *testing.T) {
	// An eligible jobholder who is not enrolled: the co-op must enrol them.
	in := simpleInput(t, 200000)
	got, err := Calculate(in)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Checks, []Check{CheckAutoEnrolmentDue}) {
		t.Errorf("not enrolled: %v", got.Checks)
	}
	in.PensionStatus = PensionOptedOut
	if got, _ := Calculate(in); len(got.Checks) != 0 {
		t.Errorf("opted out: %v", got.Checks)
	}

	// K code capped by the overriding limit.
	in = simpleInput(t, 30000)
	in.TaxCode = mustCode(t, "K1500")
	got, err = Calculate(in)
	if err != nil {
		t.Fatal(err)
	}
	if got.Tax*2 > got.TaxablePay || !reflect.DeepEqual(got.Checks, []Check{CheckTaxOverridingLimit}) {
		t.Errorf("K1500: tax %d on %d, checks %v", got.Tax, got.TaxablePay, got.Checks)
	}

	// SSP: 3 days from day one in 2026-27 is 73.95 added to earnings.
	in = simpleInput(t, 0)
	in.Lines = nil
	in.Sickness = []Sickness{{AverageWeeklyEarnings: 30000, QualifyingDaysPerWeek: 5, SickQualifyingDays: 3}}
	got, err = Calculate(in)
	if err != nil {
		t.Fatal(err)
	}
	if got.SickPay.Amount != 7395 || got.Earnings != 7395 || got.Gross != 7395 || got.NetPay != 7395 {
		t.Errorf("SSP: %+v", got)
	}

	// 2025-26: earnings under the LEL give no SSP.
	in.PayDate, in.PeriodStart = date(2026, 3, 31), date(2026, 3, 1)
	in.Sickness[0].AverageWeeklyEarnings = 10000
	got, err = Calculate(in)
	if err != nil {
		t.Fatal(err)
	}
	if got.TaxYear != "2025-26" || got.SickPay.Amount != 0 || !reflect.DeepEqual(got.Checks, []Check{CheckSSPBelowLowerEarningsLimit}) {
		t.Errorf("SSP below LEL: %+v", got)
	}
}

func TestCalculateRejects(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*Input)
		field string
		code  ErrorCode
	}{
		{"no pay date", func(in *Input) { in.PayDate = time.Time{} }, "PayDate", CodeInvalidDate},
		{"tax year not loaded", func(in *Input) { in.PayDate = date(2030, 6, 1) }, "PayDate", CodeNoTaxYear},
		{"no frequency", func(in *Input) { in.Frequency = 0 }, "Frequency", CodeInvalidFrequency},
		{"no period start", func(in *Input) { in.PeriodStart = time.Time{} }, "PeriodStart", CodeInvalidDate},
		{"period start before any wage rates", func(in *Input) { in.PeriodStart = date(2020, 4, 1) }, "PeriodStart", CodeNoTaxYear},
		{"born after payday", func(in *Input) { in.DateOfBirth = date(2027, 1, 1) }, "DateOfBirth", CodeInvalidDate},
		{"no holiday mode", func(in *Input) { in.Holiday = 0 }, "Holiday", CodeInvalidHolidayMode},
		{"enrolled without a scheme", func(in *Input) { in.PensionStatus, in.Pension = PensionEnrolled, nil }, "Pension", CodeInvalidPension},
		{"scheme below the minimum", func(in *Input) { in.Pension.EmployerRate = 200 }, "Pension", CodePensionBelowMinimum},
		{"unknown shift kind", func(in *Input) { in.Lines[0].Kind = 99 }, "Lines[0]", CodeInvalidPayLine},
		{"sleep-in without a count", func(in *Input) { in.Lines[2].SleepIns = 0 }, "Lines[2]", CodeInvalidPayLine},
		{"sleep-ins on a standard line", func(in *Input) { in.Lines[0].SleepIns = 1 }, "Lines[0]", CodeInvalidPayLine},
		{"holiday taken under rolled-up pay", func(in *Input) { in.Holiday, in.Lines[0].Kind = HolidayRolledUp, ShiftHoliday }, "Lines[0]", CodeInvalidPayLine},
		{"negative minutes", func(in *Input) { in.Lines[0].Minutes = -1 }, "Lines[0]", CodeInvalidAmount},
		{"negative mileage", func(in *Input) { in.Mileage.Tenths = -1 }, "Mileage", CodeInvalidAmount},
		{"negative year-to-date gross", func(in *Input) { in.YearToDate.Gross = -1 }, "YearToDate", CodeInvalidAmount},
		{"unknown NI category", func(in *Input) { in.NICategory = 'Q' }, "NICategory", CodeInvalidNICategory},
		{"no tax code", func(in *Input) { in.TaxCode = TaxCode{} }, "TaxCode", CodeInvalidTaxCode},
		{"bad sickness", func(in *Input) { in.Sickness = []Sickness{{QualifyingDaysPerWeek: 9}} }, "Sickness", CodeInvalidSickness},
	}
	for _, c := range cases {
		in := workedInput(t)
		c.edit(&in)
		_, err := Calculate(in)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != c.field || ie.Code != c.code {
			t.Errorf("%s: got %v, want %s on %s", c.name, err, c.code, c.field)
		}
	}
}

func BenchmarkPayslip(b *testing.B) {
	in := workedInput(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Calculate(in); err != nil {
			b.Fatal(err)
		}
	}
}

// A 2027-28 payslip calculates when every figure it needs is published
// (rUK code, category X, a PA of 76 outside auto-enrolment, no hours, a
// plan 2 loan), and is refused, naming the figure, when one is not.
func TestPayslip2027To28(t *testing.T) {
	in := Input{
		PayDate: date(2027, 4, 30), PeriodStart: date(2027, 4, 1), Frequency: Monthly,
		DateOfBirth: date(1951, 1, 1), TaxCode: mustCode(t, "1257L"), NICategory: CategoryX,
		Lines: []PayLine{{Kind: ShiftSleepIn, Minutes: 9 * 60, Rate: 200000, SleepIns: 1}},
		Loans: []LoanPlan{LoanPlan2}, Holiday: HolidayAccrued,
	}
	ps, err := Calculate(in)
	if err != nil {
		t.Fatalf("all figures published: %v", err)
	}
	if ps.TaxYear != "2027-28" || ps.Tax != 19020 || ps.StudentLoan != 0 {
		t.Errorf("2027-28 payslip: %+v", ps)
	}
	for _, c := range []struct {
		edit   func(*Input)
		figure string
	}{
		{func(in *Input) { in.TaxCode = mustCode(t, "C1257L") }, "welsh_rates_2027_28"},
		{func(in *Input) { in.TaxCode = mustCode(t, "S1257L") }, "scottish_bands_2027_28"},
		{func(in *Input) { in.NICategory = CategoryA }, "ni_lel_2027_28"},
		{func(in *Input) { in.DateOfBirth = date(1990, 1, 1) }, "auto_enrolment_thresholds_2027_28"},
		{func(in *Input) { in.Lines[0] = PayLine{Kind: ShiftStandard, Minutes: 60, Rate: 1500} }, "minimum_wages_2027_28"},
		{func(in *Input) { in.Loans = []LoanPlan{LoanPlan1} }, "student_loan_plan_1_2027_28"},
	} {
		bad := in
		bad.Lines = append([]PayLine(nil), in.Lines...)
		c.edit(&bad)
		var ie *InputError
		if _, err := Calculate(bad); !errors.As(err, &ie) || ie.Code != CodeFigureNotPublished || ie.Figure != c.figure {
			t.Errorf("want %s refused: %v", c.figure, err)
		}
	}
}
