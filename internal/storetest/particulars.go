package storetest

import (
	"context"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/particulars"
)

// Particulars tests particulars.Store: an employment's statements start
// empty, a change nothing needs writes nothing, a change applies only to
// the statements it read (a retry never duplicates a version), and no read
// crosses into another co-op.
func Particulars(t *testing.T, open Open[particulars.Store]) {
	run(t, open, map[string]func(*testing.T, particulars.Store, Fixture){
		"StatementsStartEmpty":           statementsStartEmpty,
		"StatementsIssueOnceAndInOrder":  statementsIssueOnceAndInOrder,
		"StatementsStayInTheirCoop":      statementsStayInTheirCoop,
		"StatementsRetriesAtOnceAreOnce": statementsRetriesAtOnceAreOnce,
	})
}

func statementEmployment() dpcoop.Employment {
	return dpcoop.Employment{ID: dpcoop.NewID(), PA: "pa1", Member: "m1", Start: "2026-09-01", Rates: dpcoop.Rates{Standard: 1300, Night: 1300, BankHoliday: 1950}}
}

func statementsStartEmpty(t *testing.T, s particulars.Store, f Fixture) {
	st := must(s.Statements(context.Background(), f.Coop, dpcoop.NewID()))(t)
	if len(st.Versions) != 0 || st.Versions == nil {
		t.Fatalf("statements before any: %+v", st)
	}
}

func statementsIssueOnceAndInOrder(t *testing.T, s particulars.Store, f Fixture) {
	ctx := context.Background()
	e := statementEmployment()
	issue := func(e dpcoop.Employment) dpcoop.Statements {
		return must(s.UpdateStatements(ctx, f.Coop, e.ID, func(st dpcoop.Statements) (dpcoop.Statements, error) {
			return st.Issue(e, dpcoop.TermsOf(dpcoop.DefaultPayrollSettings, dpcoop.RequiredTraining{}), Day)
		}))(t)
	}
	issue(e)
	issue(e)
	e.End = "2027-01-31"
	issue(e)
	st := must(s.Statements(ctx, f.Coop, e.ID))(t)
	if len(st.Versions) != 2 || st.Versions[0].Number != 1 || st.Versions[1].Number != 2 || st.Versions[1].Particulars.End != "2027-01-31" {
		t.Fatalf("versions: %+v", st.Versions)
	}
}

func statementsStayInTheirCoop(t *testing.T, s particulars.Store, f Fixture) {
	ctx := context.Background()
	e := statementEmployment()
	must(s.UpdateStatements(ctx, f.Coop, e.ID, func(st dpcoop.Statements) (dpcoop.Statements, error) {
		return st.Issue(e, dpcoop.TermsOf(dpcoop.DefaultPayrollSettings, dpcoop.RequiredTraining{}), Day)
	}))(t)
	if other := must(s.Statements(ctx, f.Other, e.ID))(t); len(other.Versions) != 0 {
		t.Fatalf("another co-op reads the statements: %+v", other)
	}
}

func statementsRetriesAtOnceAreOnce(t *testing.T, s particulars.Store, f Fixture) {
	ctx := context.Background()
	e := statementEmployment()
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			_, err := s.UpdateStatements(ctx, f.Coop, e.ID, func(st dpcoop.Statements) (dpcoop.Statements, error) {
				return st.Issue(e, dpcoop.TermsOf(dpcoop.DefaultPayrollSettings, dpcoop.RequiredTraining{}), Day)
			})
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil && !dpcoop.IsKind(err, dpcoop.KindUnavailable) {
			t.Fatal(err)
		}
	}
	if st := must(s.Statements(ctx, f.Coop, e.ID))(t); len(st.Versions) != 1 {
		t.Fatalf("retries at once issued %d versions", len(st.Versions))
	}
}
