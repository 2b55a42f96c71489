package dpcoop

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

var (
	shiftNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	gwen     = "gwenaaaaaaaaaaaaaaaa"
	rhys     = "rhysaaaaaaaaaaaaaaaa"
)

func fieldsOf(err error) map[string]string {
	out := map[string]string{}
	if err != nil {
		for _, f := range ErrorOf(err).Fields {
			out[f.Field] = f.Code
		}
	}
	return out
}

func TestShiftRules(t *testing.T) {
	base := ShiftInput{Date: "2026-11-20", Start: "09:00", End: "13:30", Members: []string{gwen}, Kind: "standard"}
	cases := []struct {
		name  string
		edit  func(*ShiftInput)
		field string
		code  string
	}{
		{"valid", func(*ShiftInput) {}, "", ""},
		{"end before start", func(s *ShiftInput) { s.End = "08:00" }, "end", FieldEndBeforeStart},
		{"end equals start", func(s *ShiftInput) { s.End = "09:00" }, "end", FieldEndBeforeStart},
		{"overnight needs end_date", func(s *ShiftInput) { s.Start, s.End, s.EndDate = "22:00", "07:00", "2026-11-21" }, "", ""},
		{"over 24 hours", func(s *ShiftInput) { s.EndDate = "2026-11-21" }, "end", FieldTooLongShift},
		{"exactly 24 hours", func(s *ShiftInput) { s.End, s.EndDate = "09:00", "2026-11-21" }, "", ""},
		{"in the future", func(s *ShiftInput) { s.Date = "2026-11-24" }, "end", FieldDateFuture},
		{"ends after now", func(s *ShiftInput) { s.Date, s.End = "2026-11-23", "12:30" }, "end", FieldDateFuture},
		{"bad date", func(s *ShiftInput) { s.Date = "2026-02-30" }, "date", FieldDate},
		{"bad time", func(s *ShiftInput) { s.Start = "9am" }, "start", FieldTime},
		{"25 o'clock", func(s *ShiftInput) { s.End = "25:00" }, "end", FieldTime},
		{"kind", func(s *ShiftInput) { s.Kind = "overtime" }, "kind", FieldChoice},
		{"no members", func(s *ShiftInput) { s.Members = nil }, "members", FieldRequired},
		{"repeated member", func(s *ShiftInput) { s.Members = []string{gwen, gwen} }, "members", FieldInvalid},
		{"split length", func(s *ShiftInput) { s.Members, s.Split = []string{gwen, rhys}, []int64{1} }, "split", FieldSplit},
		{"split zero", func(s *ShiftInput) { s.Members, s.Split = []string{gwen, rhys}, []int64{1, 0} }, "split", FieldSplit},
		{"miles", func(s *ShiftInput) { s.Miles = "12.5" }, "", ""},
		{"miles two places", func(s *ShiftInput) { s.Miles = "12.55" }, "miles", FieldMiles},
		{"miles negative", func(s *ShiftInput) { s.Miles = "-3" }, "miles", FieldMiles},
		{"miles huge", func(s *ShiftInput) { s.Miles = "99999999999999999999" }, "miles", FieldMiles},
		// 29 March 2026: clocks go forward at 01:00; 01:30 does not exist.
		{"time skipped by the clocks", func(s *ShiftInput) { s.Date, s.Start, s.End = "2026-03-29", "01:30", "05:00" }, "start", FieldTime},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := base
			c.edit(&in)
			_, err := in.Validate(shiftNow)
			got := fieldsOf(err)
			if c.field == "" && err != nil {
				t.Fatalf("unexpected %v", got)
			}
			if c.field != "" && got[c.field] != c.code {
				t.Fatalf("got %v, want %s=%s", got, c.field, c.code)
			}
		})
	}
}

func TestShiftMinutesCountClockChanges(t *testing.T) {
	// 25 October 2026: clocks go back at 02:00, so 22:00 to 07:00 is ten hours.
	s, err := ShiftInput{Date: "2026-10-24", Start: "22:00", End: "07:00", EndDate: "2026-10-25", Members: []string{gwen}, Kind: "night"}.Validate(shiftNow)
	if err != nil {
		t.Fatal(err)
	}
	if s.Minutes() != 600 || s.Month() != "2026-10" {
		t.Fatalf("minutes %d month %s", s.Minutes(), s.Month())
	}
}

func TestSharedShiftSplitAndLines(t *testing.T) {
	s, err := ShiftInput{Date: "2026-11-20", Start: "10:00", End: "13:20", Members: []string{gwen, rhys}, Split: []int64{2, 1}, Miles: json.Number("10.0")}.Validate(shiftNow)
	if err != nil {
		t.Fatal(err)
	}
	if s.Members[0].Share != 6667 || s.Members[1].Share != 3333 || s.MileageTenths != 100 {
		t.Fatalf("%+v", s.Members)
	}
	rates := map[string]Rates{gwen: {Standard: 1345}, rhys: {Standard: 1400}}
	lines := s.Lines(func(m string) Rates { return rates[m] })
	// 200 minutes split 6667:3333 is 133.34 and 66.66: 133 and 67 by largest remainder.
	if lines[0].Minutes != 133 || lines[1].Minutes != 67 {
		t.Fatalf("%+v", lines)
	}
	// 133 min at £13.45 = £29.8141 -> £29.82; 67 min at £14.00 = £15.6333 -> £15.64.
	if lines[0].Pay() != 2982 || lines[1].Pay() != 1564 {
		t.Fatalf("pay %d %d", lines[0].Pay(), lines[1].Pay())
	}
	equal, _ := ShiftInput{Date: "2026-11-20", Start: "10:00", End: "11:00", Members: []string{gwen, rhys, "sianaaaaaaaaaaaaaaaa"}}.Validate(shiftNow)
	if equal.Members[0].Share+equal.Members[1].Share+equal.Members[2].Share != WholeShare {
		t.Fatalf("equal split %+v", equal.Members)
	}
}

func TestBankHolidayPaysTheBankHolidayRate(t *testing.T) {
	s, err := ShiftInput{Date: "2026-12-25", Start: "09:00", End: "12:00", Members: []string{gwen}}.Validate(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	l := s.Lines(func(string) Rates { return Rates{Standard: 1345, BankHoliday: 2690} })[0]
	if l.Kind != ShiftBankHoliday || l.Pay() != 8070 {
		t.Fatalf("%+v pay %d", l, l.Pay())
	}
	sleep, _ := ShiftInput{Date: "2026-12-25", Start: "22:00", End: "07:00", EndDate: "2026-12-26", Members: []string{gwen}, Kind: "sleep_in"}.Validate(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC))
	if l := sleep.Lines(func(string) Rates { return Rates{SleepIn: 9000} })[0]; l.Kind != ShiftSleepIn || l.Pay() != 9000 {
		t.Fatalf("sleep-in %+v", l)
	}
}

func TestCheckAgainstEmploymentAndOverlap(t *testing.T) {
	s, _ := ShiftInput{Date: "2026-11-20", Start: "09:00", End: "12:00", Members: []string{gwen}}.Validate(shiftNow)
	s.ID, s.PA = "shift1", "pa1"
	emp := Employment{PA: "pa1", Member: gwen, Start: "2026-01-01"}
	if err := s.CheckAgainst([]Employment{emp}, nil); err != nil {
		t.Fatal(err)
	}
	ended := emp
	ended.End = "2026-11-19"
	if got := fieldsOf(s.CheckAgainst([]Employment{ended}, nil)); got["members"] != FieldNotEmployed {
		t.Fatalf("ended employment: %v", got)
	}
	other := emp
	other.Member = rhys
	if got := fieldsOf(s.CheckAgainst([]Employment{other}, nil)); got["members"] != FieldNotEmployed {
		t.Fatalf("a member the PA does not work for: %v", got)
	}
	o, _ := ShiftInput{Date: "2026-11-20", Start: "11:59", End: "14:00", Members: []string{gwen}}.Validate(shiftNow)
	o.ID = "shift2"
	if got := fieldsOf(s.CheckAgainst([]Employment{emp}, []Shift{o})); got["start"] != FieldOverlap {
		t.Fatalf("overlap: %v", got)
	}
	adjacent, _ := ShiftInput{Date: "2026-11-20", Start: "12:00", End: "14:00", Members: []string{gwen}}.Validate(shiftNow)
	adjacent.ID = "shift3"
	o.Status = ShiftRejected
	if err := s.CheckAgainst([]Employment{emp}, []Shift{adjacent, o, s}); err != nil {
		t.Fatalf("back-to-back, rejected and itself should not overlap: %v", err)
	}
}

func TestWeekOf(t *testing.T) {
	for d, want := range map[Date]Date{"2026-11-23": "2026-11-23", "2026-11-29": "2026-11-23", "2026-11-22": "2026-11-16", "2027-01-01": "2026-12-28"} {
		if got := WeekOf(d); got != want {
			t.Errorf("WeekOf(%s) = %s, want %s", d, got, want)
		}
	}
}

func TestEmploymentRatesAgainstTheMinimumWage(t *testing.T) {
	pa := PA{ID: "pa1", Status: PAActive, DateOfBirth: "1990-05-01", StartDate: "2026-04-01"}
	young := pa
	young.DateOfBirth = "2007-06-01" // 19 in November 2026
	member := Member{ID: gwen}
	in := func(std int64) EmploymentInput {
		return EmploymentInput{PA: "pa1", Member: gwen, Start: "2026-11-01", Rates: Rates{Standard: std, Night: 1400, SleepIn: 9000, BankHoliday: 2700}}
	}
	if _, err := in(1270).Validate(pa, member); fieldsOf(err)["rates.standard_pence"] != FieldBelowMinimumWage {
		t.Fatalf("£12.70 for a 36-year-old: %v", err)
	}
	e, err := in(1271).Validate(pa, member)
	if err != nil || len(e.Warnings) != 1 || e.Warnings[0] != WarnBelowRealLivingWage {
		t.Fatalf("£12.71: %v %v", err, e.Warnings)
	}
	if e, err := in(1345).Validate(pa, member); err != nil || len(e.Warnings) != 0 || e.Role != SupportPersonalCare {
		t.Fatalf("£13.45, no role given (personal care): %v %v %q", err, e.Warnings, e.Role)
	}
	driving := in(1345)
	driving.Role = SupportDriving
	if e, err := driving.Validate(pa, member); err != nil || e.Role != SupportDriving {
		t.Fatalf("a driving role: %v %q", err, e.Role)
	}
	driving.Role = "gardening"
	if _, err := driving.Validate(pa, member); fieldsOf(err)["role"] != FieldChoice {
		t.Fatalf("an unknown role: %v", err)
	}
	if _, err := in(1085).Validate(young, member); err != nil {
		t.Fatalf("£10.85 for a 19-year-old is the legal minimum: %v", err)
	}
	if _, err := in(1084).Validate(young, member); fieldsOf(err)["rates.standard_pence"] != FieldBelowMinimumWage {
		t.Fatalf("£10.84 for a 19-year-old: %v", err)
	}
	bad := in(1345)
	bad.Start, bad.End = "2026-03-01", "2026-02-01"
	got := fieldsOf(func() error { _, err := bad.Validate(pa, member); return err }())
	if got["end_date"] != FieldEndBeforeStart || got["start_date"] != FieldBeforePAStart {
		t.Fatalf("%v", got)
	}
	incomplete := pa
	incomplete.Status = PAIncomplete
	if _, err := in(1345).Validate(incomplete, member); fieldsOf(err)["pa_id"] != FieldPAIncomplete {
		t.Fatalf("incomplete PA: %v", err)
	}
}

func TestPAInputChecks(t *testing.T) {
	ok := PAInput{LegalName: "Catrin Jones", Email: "catrin@example.org", Address: "1 Stryd", Language: "cy", DateOfBirth: "1990-05-01",
		NINumber: "qq 12 34 56 c", Starter: "A", StartDate: "2026-04-06"}
	ok.NINumber = "AB 12 34 56 C"
	pa, err := ok.Validate(shiftNow)
	if err != nil || pa.NINumber != "AB123456C" || pa.TaxCode != "1257L" || pa.NICategory != "A" || pa.Pension != PensionAssess {
		t.Fatalf("%v %+v", err, pa)
	}
	cases := map[string]func(*PAInput){
		"ni_number":     func(p *PAInput) { p.NINumber = "QQ123456C" },
		"date_of_birth": func(p *PAInput) { p.DateOfBirth = "2015-01-01" },
		"tax_code":      func(p *PAInput) { p.TaxCode = "12345XYZ" },
		"ni_category":   func(p *PAInput) { p.NICategory = "Q" },
		"pension":       func(p *PAInput) { p.Pension = "maybe" },
		"bank.sort_code": func(p *PAInput) {
			p.Bank = &BankDetails{AccountName: "C Jones", SortCode: "12-34", AccountNumber: "12345678"}
		},
		"starter_declaration": func(p *PAInput) { p.Starter = "D" },
	}
	for field, edit := range cases {
		in := ok
		edit(&in)
		if _, err := in.Validate(shiftNow); fieldsOf(err)[field] == "" {
			t.Errorf("%s not refused: %v", field, fieldsOf(err))
		}
	}
	for _, n := range []string{"GB123456A", "AO123456A", "DA123456A", "AB123456E", "AB12345C"} {
		if _, ok := NormaliseNINumber(n); ok {
			t.Errorf("%s accepted", n)
		}
	}
	c := ok
	c.Starter = "C"
	if pa, _ := c.Validate(shiftNow); pa.TaxCode != "BR" {
		t.Errorf("starter C: %s", pa.TaxCode)
	}
	withP45 := ok
	withP45.Starter, withP45.P45 = "", &P45{PayToDatePence: 500000, TaxToDatePence: 60000, TaxCode: "1100L"}
	if pa, err := withP45.Validate(shiftNow); err != nil || pa.TaxCode != "1100L" {
		t.Errorf("P45: %v %+v", err, pa)
	}
	if pa.Redacted().NINumber != "" || pa.Redacted().Bank != nil {
		t.Error("redaction kept sensitive data")
	}
}

func TestShiftLifecycle(t *testing.T) {
	s, _ := ShiftInput{Date: "2026-11-20", Start: "09:00", End: "12:00", Members: []string{gwen, rhys}}.Validate(shiftNow)
	s.PA = "pa1"
	at := shiftNow
	admin := Principal{Person: "admin1", Roles: []Role{RoleAdmin}}
	gwenP := Principal{Person: gwen, Roles: []Role{RoleMember}}
	rhysP := Principal{Person: rhys, Roles: []Role{RoleMember}}
	if _, err := s.Approve(gwenP, at); !IsKind(err, KindConflict) {
		t.Fatal("a draft was approved")
	}
	s, err := s.Submit("pa1", at)
	if err != nil || s.Status != ShiftSubmitted {
		t.Fatal(err)
	}
	if _, err := s.Edit(s, "pa1", at); !IsKind(err, KindConflict) {
		t.Fatal("a submitted shift was edited")
	}
	s, err = s.Approve(gwenP, at)
	if err != nil || s.Status != ShiftSubmitted || s.Members[0].ApprovedBy != gwen {
		t.Fatalf("gwen's part: %v %+v", err, s)
	}
	if _, err := s.Approve(gwenP, at); err != ErrUnchanged {
		t.Fatalf("gwen again: %v", err)
	}
	if _, err := s.Approve(Principal{Person: "sian", Roles: []Role{RoleMember}}, at); err != ErrUnchanged {
		t.Fatalf("a member not on the shift: %v", err)
	}
	s, err = s.Approve(rhysP, at)
	if err != nil || s.Status != ShiftApproved {
		t.Fatalf("both parts: %v %s", err, s.Status)
	}
	if _, err := s.Reject(gwenP, "wrong", at); !IsKind(err, KindConflict) {
		t.Fatal("a member rejected an approved shift")
	}
	s, err = s.Reject(admin, "wrong day", at)
	if err != nil || s.Status != ShiftRejected {
		t.Fatal(err)
	}
	fixed, _ := ShiftInput{Date: "2026-11-19", Start: "09:00", End: "12:00", Members: []string{gwen}}.Validate(shiftNow)
	s, err = s.Edit(fixed, "pa1", at)
	if err != nil || s.Status != ShiftDraft || s.Date != "2026-11-19" || s.PA != "pa1" {
		t.Fatalf("correction: %v %+v", err, s)
	}
	s, _ = s.Submit("pa1", at)
	if s, err = s.Approve(admin, at); err != nil || s.Status != ShiftApproved {
		t.Fatalf("admin approval: %v", err)
	}
	actions := []string{}
	for _, e := range s.History {
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, ","); got != "submitted,approved,approved,rejected,edited,submitted,approved" {
		t.Fatalf("history %s", got)
	}
	if !s.VisibleTo(gwenP) || s.VisibleTo(rhysP) || !s.VisibleTo(Principal{Person: "pa1", Roles: []Role{RolePA}}) || s.VisibleTo(Principal{Person: "pa2", Roles: []Role{RolePA}}) {
		t.Fatal("visibility")
	}
}

func TestCheckMembershipRefusesWorkOutsideTheRegister(t *testing.T) {
	member := Member{ID: gwen, Entered: "2026-11-02", Ceased: "2026-11-20"}
	for date, want := range map[string]string{"2026-11-01": FieldNotMemberOnDate, "2026-11-02": "", "2026-11-19": "", "2026-11-20": FieldNotMemberOnDate} {
		s, err := ShiftInput{Date: date, Start: "09:00", End: "12:00", Members: []string{gwen}}.Validate(shiftNow)
		if err != nil {
			t.Fatal(err)
		}
		if got := fieldsOf(s.CheckMembership([]Member{member})); got["members"] != want {
			t.Errorf("%s: %q, want %q", date, got["members"], want)
		}
	}
}
