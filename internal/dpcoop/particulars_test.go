package dpcoop

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestStatementVersions(t *testing.T) {
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	terms := TermsOf(DefaultPayrollSettings, RequiredTraining{})
	e := Employment{ID: "e1", PA: "pa1", Member: "m1", Start: "2026-05-01", Rates: Rates{Standard: 1300, Night: 1400, SleepIn: 5000, BankHoliday: 1950}}
	s, err := Statements{}.Issue(e, terms, at)
	if err != nil || len(s.Versions) != 1 || s.Versions[0].Number != 1 || len(s.Versions[0].Changed) != 0 {
		t.Fatalf("first issue: %+v, %v", s, err)
	}
	if _, err := s.Issue(e, terms, at.Add(time.Hour)); !errors.Is(err, ErrUnchanged) {
		t.Fatalf("the same employment again made a version: %v", err)
	}
	// The same rates saved again from a later date change nothing.
	same := e
	same.RateChanges = []RateChange{{ID: "c1", EffectiveFrom: "2026-06-01", Rates: e.Rates}}
	if _, err := s.Issue(same, terms, at); !errors.Is(err, ErrUnchanged) {
		t.Fatalf("the same rates saved again made a version: %v", err)
	}
	raised := same
	raised.RateChanges = append(raised.RateChanges, RateChange{ID: "c2", EffectiveFrom: "2026-07-01", Rates: Rates{Standard: 1350, Night: 1450, SleepIn: 5000, BankHoliday: 2000}})
	s, err = s.Issue(raised, terms, at)
	if err != nil || len(s.Versions) != 2 || s.Versions[1].Number != 2 || !slices.Equal(s.Versions[1].Changed, []string{ChangedPay}) {
		t.Fatalf("a rate change: %+v, %v", s.Versions, err)
	}
	if got := s.Versions[1].Particulars.Pay; len(got) != 2 || got[1].From != "2026-07-01" || got[1].Rates.Standard != 1350 {
		t.Fatalf("pay periods: %+v", got)
	}
	ended := raised
	ended.End = "2027-01-31"
	s, err = s.Issue(ended, terms, at)
	if err != nil || len(s.Versions) != 3 || !slices.Equal(s.Versions[2].Changed, []string{ChangedEnd}) {
		t.Fatalf("an end date: %+v, %v", s.Versions, err)
	}
	// A change of the co-op's terms is a new version with them; the same
	// terms again, however the training list is kept, are not.
	probation := terms
	probation.ProbationMonths, probation.RequiredTraining = 6, []Course{}
	s, err = s.Issue(ended, probation, at)
	if err != nil || len(s.Versions) != 4 || !slices.Equal(s.Versions[3].Changed, []string{ChangedTerms}) || s.Versions[3].Particulars.Terms.ProbationMonths != 6 ||
		s.Versions[2].Particulars.Terms.ProbationMonths != 0 {
		t.Fatalf("new terms: %+v, %v", s.Versions, err)
	}
	probation.RequiredTraining = nil
	if _, err := s.Issue(ended, probation, at); !errors.Is(err, ErrUnchanged) {
		t.Fatalf("the same terms again made a version: %v", err)
	}
	// A version from before terms were kept is not reissued to add them.
	old := Statements{Versions: []StatementVersion{{Number: 1, Particulars: ParticularsOf(ended)}}}
	if _, err := old.Issue(ended, terms, at); !errors.Is(err, ErrUnchanged) {
		t.Fatalf("an old version was reissued: %v", err)
	}
	// A change of role is a new version saying so, like a rate change; a
	// version from before roles were kept was for personal care.
	noRole := Statements{Versions: []StatementVersion{{Number: 1, Particulars: Particulars{Member: "m1", Start: e.Start, Pay: ParticularsOf(e).Pay, Terms: &terms}}}}
	if _, err := noRole.Issue(e, terms, at); !errors.Is(err, ErrUnchanged) {
		t.Fatalf("a version from before roles was reissued for personal care: %v", err)
	}
	driving := e
	driving.Role = SupportDriving
	if got, err := noRole.Issue(driving, terms, at); err != nil || len(got.Versions) != 2 || !slices.Equal(got.Versions[1].Changed, []string{ChangedRole}) ||
		got.Versions[1].Particulars.Role != SupportDriving {
		t.Fatalf("a change of role: %+v, %v", got.Versions, err)
	}
	s.Versions = s.Versions[:3]
	if _, ok := (Statements{}).Unread(); ok {
		t.Fatal("no statement at all is one to read")
	}
	if v, ok := s.Unread(); !ok || v.Number != 3 {
		t.Fatalf("the version to read: %+v, %v", v, ok)
	}
	read, err := s.Acknowledge(3, at)
	if _, ok := read.Unread(); err != nil || ok {
		t.Fatalf("the latest version, read, is still to read: %v", err)
	}
	s, err = s.Acknowledge(2, at.Add(48*time.Hour))
	if err != nil || s.Versions[1].Acknowledged == nil || s.Versions[0].Acknowledged != nil {
		t.Fatalf("acknowledge: %+v, %v", s.Versions, err)
	}
	if _, err := s.Acknowledge(2, at.Add(72*time.Hour)); !errors.Is(err, ErrUnchanged) {
		t.Fatalf("a second acknowledgement changed it: %v", err)
	}
	if _, err := s.Acknowledge(4, at); !IsKind(err, KindNotFound) {
		t.Fatalf("a version not issued: %v", err)
	}
}

func TestEmploymentTermsValidate(t *testing.T) {
	for _, c := range []struct {
		terms EmploymentTerms
		field string
	}{
		{EmploymentTerms{ProbationMonths: 13}, "probation_months"},
		{EmploymentTerms{ProbationMonths: -1}, "probation_months"},
		{EmploymentTerms{ProcedureURL: "http://example.coop/grievance"}, "procedure_url"},
		{EmploymentTerms{ProbationMonths: 6, ProcedureURL: "https://example.coop/grievance"}, ""},
	} {
		var p Problems
		c.terms.validate(&p)
		if c.field == "" && len(p.Fields) != 0 || c.field != "" && (len(p.Fields) != 1 || p.Fields[0].Field != c.field) {
			t.Errorf("%+v: %+v", c.terms, p.Fields)
		}
	}
}
