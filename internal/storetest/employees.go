package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/employees"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

// Employees tests employees.Store: PA records and employments are created
// once (the same request again returns the stored one, different content
// under the same id is refused), a PA's first notices are written with their
// record, each notice is recorded once and in order, a PA leaves once and
// gets one P45, employments change only against the version read, and
// nothing is read from another co-op.
func Employees(t *testing.T, open Open[employees.Store]) {
	run(t, open, map[string]func(*testing.T, employees.Store, Fixture){
		"AddPAIsIdempotent":                      addPAIsIdempotent,
		"AddPAStartsThePayHistoryWithIt":         addPAStartsThePayHistoryWithIt,
		"ReplacePAOnlyAnExistingRecord":          replacePAOnlyAnExistingRecord,
		"PAsPageWithoutSkipOrRepeat":             pasPageWithoutSkipOrRepeat,
		"NoticesAreRecordedOnceInOrder":          noticesAreRecordedOnceInOrder,
		"APALeavesOnceAndGetsOneP45":             aPALeavesOnceAndGetsOneP45,
		"AddEmploymentIsIdempotent":              addEmploymentIsIdempotent,
		"UpdateEmploymentChangesTheVersionRead":  updateEmploymentChangesTheVersionRead,
		"UpdateEmploymentWritesNothingOnRefusal": updateEmploymentWritesNothingOnRefusal,
		"EmploymentsOfTheCoopOrOnePA":            employmentsOfTheCoopOrOnePA,
		"EmployeesStayInTheirCoop":               employeesStayInTheirCoop,
		"RetriesAtOnceAreOnce":                   retriesAtOnceAreOnce,
	})
}

func newPA(name string) dpcoop.PA {
	return dpcoop.PA{ID: dpcoop.NewID(), LegalName: name, Email: "pa@example.org", Language: dpcoop.Welsh, Status: dpcoop.PAActive, StartDate: "2026-09-01"}
}

func taxCode(code string, from dpcoop.Date) dpcoop.TaxCodeNotice {
	return dpcoop.TaxCodeNotice{ID: dpcoop.NewID(), TaxCode: code, Basis: "cumulative", EffectiveFrom: from, Source: "p6", Recorded: Day, RecordedBy: "admin"}
}

func loan(plan payroll.LoanPlan) dpcoop.LoanNotice {
	return dpcoop.LoanNotice{ID: dpcoop.NewID(), Notice: "SL1", Plan: plan, EffectiveFrom: "2026-11-28", Recorded: Day, RecordedBy: "admin"}
}

func addPAIsIdempotent(t *testing.T, s employees.Store, f Fixture) {
	ctx := context.Background()
	pa := newPA("Siân Evans")
	got, created, err := s.AddPA(ctx, f.Coop, pa, "fp1", dpcoop.FirstNotices{})
	if err != nil || !created || got.ID != pa.ID {
		t.Fatalf("first: %v %v %+v", err, created, got)
	}
	retry := pa
	retry.LegalName = "changed meanwhile"
	got, created, err = s.AddPA(ctx, f.Coop, retry, "fp1", dpcoop.FirstNotices{})
	if err != nil || created || got.LegalName != "Siân Evans" {
		t.Fatalf("the same request again: %v created=%v %q, want the stored record", err, created, got.LegalName)
	}
	_, _, err = s.AddPA(ctx, f.Coop, retry, "fp2", dpcoop.FirstNotices{})
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeIdempotencyMismatch)
	if read := must(s.PA(ctx, f.Coop, pa.ID))(t); read.LegalName != "Siân Evans" || read.Email != pa.Email {
		t.Fatalf("read back %+v", read)
	}
}

func addPAStartsThePayHistoryWithIt(t *testing.T, s employees.Store, f Fixture) {
	ctx := context.Background()
	pa := newPA("Rhys Jones")
	code := taxCode("1257L", "2026-09-01")
	first := dpcoop.FirstNotices{TaxCode: &code, Loans: []dpcoop.LoanNotice{loan(payroll.LoanPlan2)}}
	for range 2 {
		if _, _, err := s.AddPA(ctx, f.Coop, pa, "fp", first); err != nil {
			t.Fatal(err)
		}
	}
	h := must(s.PayHistory(ctx, f.Coop, pa.ID))(t)
	if len(h.Notices) != 1 || h.Notices[0].TaxCode != "1257L" || len(h.Loans) != 1 || h.Loans[0].Plan != payroll.LoanPlan2 {
		t.Fatalf("pay history %+v, want the first notices once", h)
	}
	// A PA with no notices has an empty history, not none.
	other := f.PA(t)
	if h := must(s.PayHistory(ctx, f.Coop, other.ID))(t); len(h.Notices) != 0 || len(h.Loans) != 0 || h.Left != "" {
		t.Fatalf("a new PA's history %+v", h)
	}
}

func replacePAOnlyAnExistingRecord(t *testing.T, s employees.Store, f Fixture) {
	ctx := context.Background()
	pa := f.PA(t)
	pa.Phone = "029 2000 0000"
	if got := must(s.ReplacePA(ctx, f.Coop, pa, dpcoop.FirstNotices{}))(t); got.Phone != pa.Phone {
		t.Fatalf("replaced %+v", got)
	}
	if read := must(s.PA(ctx, f.Coop, pa.ID))(t); read.Phone != pa.Phone {
		t.Fatalf("read back %+v", read)
	}
	stranger := newPA("Nobody")
	_, err := s.ReplacePA(ctx, f.Coop, stranger, dpcoop.FirstNotices{})
	wantNotFound(t, err)
	_, err = s.PA(ctx, f.Coop, stranger.ID)
	wantNotFound(t, err)

	// First notices start a history that has none; a history that has
	// begun refuses them, and the record is not replaced either.
	code := taxCode("1257L", "2026-09-01")
	must(s.ReplacePA(ctx, f.Coop, pa, dpcoop.FirstNotices{TaxCode: &code}))(t)
	again := taxCode("BR", "2026-09-01")
	pa.Phone = "never written"
	_, err = s.ReplacePA(ctx, f.Coop, pa, dpcoop.FirstNotices{TaxCode: &again})
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeChangedMeanwhile)
	if read := must(s.PA(ctx, f.Coop, pa.ID))(t); read.Phone == "never written" {
		t.Fatal("a refused replacement wrote the record")
	}
	if h := must(s.PayHistory(ctx, f.Coop, pa.ID))(t); len(h.Notices) != 1 || h.Notices[0].TaxCode != "1257L" {
		t.Fatalf("history %+v, want the first notice alone", h.Notices)
	}
}

func pasPageWithoutSkipOrRepeat(t *testing.T, s employees.Store, f Fixture) {
	ctx := context.Background()
	var want []string
	for range 5 {
		want = append(want, f.PA(t).ID)
	}
	for _, limit := range []int{1, 2, 5} {
		var ids []string
		for _, pa := range pages(t, limit, func(p dpcoop.PageRequest) (dpcoop.Page[dpcoop.PA], error) { return s.PAs(ctx, f.Coop, p) }) {
			ids = append(ids, pa.ID)
		}
		if slices.Sort(ids); !slices.Equal(ids, slices.Sorted(slices.Values(want))) {
			t.Fatalf("pages of %d listed %v, want %v", limit, ids, want)
		}
	}
}

func noticesAreRecordedOnceInOrder(t *testing.T, s employees.Store, f Fixture) {
	ctx := context.Background()
	pa := f.PA(t).ID
	a, b := taxCode("1257L", "2026-09-01"), taxCode("K100", "2026-11-01")
	for _, n := range []dpcoop.TaxCodeNotice{a, a, b, a} {
		if _, _, err := s.AddTaxCodeNotice(ctx, f.Coop, pa, n); err != nil {
			t.Fatal(err)
		}
	}
	h, created, err := s.AddTaxCodeNotice(ctx, f.Coop, pa, b)
	if err != nil || created || len(h.Notices) != 2 || h.Notices[0].ID != a.ID || h.Notices[1].ID != b.ID {
		t.Fatalf("tax codes: %v created=%v %+v", err, created, h.Notices)
	}
	l := loan(payroll.LoanPlan1)
	if _, created, err := s.AddLoanNotice(ctx, f.Coop, pa, l); err != nil || !created {
		t.Fatalf("loan: %v %v", err, created)
	}
	h, created, err = s.AddLoanNotice(ctx, f.Coop, pa, l)
	if err != nil || created || len(h.Loans) != 1 {
		t.Fatalf("the same loan notice again: %v created=%v %d notices", err, created, len(h.Loans))
	}
	p := dpcoop.ParentalNotice{ID: dpcoop.NewID(), Kind: payroll.KindSMP, DueDate: "2027-03-01", Recorded: Day, RecordedBy: "admin"}
	if _, created, err := s.AddParentalNotice(ctx, f.Coop, pa, p); err != nil || !created {
		t.Fatalf("parental: %v %v", err, created)
	}
	h, created, err = s.AddParentalNotice(ctx, f.Coop, pa, p)
	if err != nil || created || len(h.Parental) != 1 || h.Parental[0].DueDate != "2027-03-01" {
		t.Fatalf("the same parental notice again: %v created=%v %+v", err, created, h.Parental)
	}
	if len(h.Notices) != 2 || len(h.Loans) != 1 {
		t.Fatalf("one notice's record touched another's: %+v", h)
	}
}

func aPALeavesOnceAndGetsOneP45(t *testing.T, s employees.Store, f Fixture) {
	ctx := context.Background()
	pa := f.PA(t).ID
	p45 := dpcoop.LeaverP45{PA: pa, Name: "PA", LeavingDate: "2026-11-20", TaxYear: "2026-27", TaxCode: "1257L", TotalPay: 123456, Issued: "2026-11-23"}
	_, err := s.IssueP45(ctx, f.Coop, pa, p45)
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeNotLeft)
	h := must(s.PALeaves(ctx, f.Coop, pa, "2026-11-20"))(t)
	if h.Left != "2026-11-20" || h.IssuedP45 != nil {
		t.Fatalf("left: %+v", h)
	}
	if h := must(s.PALeaves(ctx, f.Coop, pa, "2026-11-20"))(t); h.Left != "2026-11-20" {
		t.Fatalf("the same leaving again: %+v", h)
	}
	_, err = s.PALeaves(ctx, f.Coop, pa, "2026-11-21")
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeAlreadyLeft)
	if h := must(s.IssueP45(ctx, f.Coop, pa, p45))(t); h.IssuedP45 == nil || h.IssuedP45.TotalPay != 123456 {
		t.Fatalf("issued: %+v", h.IssuedP45)
	}
	second := p45
	second.TotalPay, second.Issued = 1, "2026-11-24"
	if h := must(s.IssueP45(ctx, f.Coop, pa, second))(t); h.IssuedP45 == nil || h.IssuedP45.TotalPay != 123456 || h.IssuedP45.Issued != "2026-11-23" {
		t.Fatalf("issuing again must return the P45 first issued: %+v", h.IssuedP45)
	}
	if h := must(s.PayHistory(ctx, f.Coop, pa))(t); h.Left != "2026-11-20" || h.IssuedP45.TotalPay != 123456 {
		t.Fatalf("read back %+v", h)
	}
}

func employment(pa, member string) dpcoop.Employment {
	return dpcoop.Employment{ID: dpcoop.NewID(), PA: pa, Member: member, Rates: dpcoop.Rates{Standard: 1250, Night: 1300}, Start: "2026-09-01"}
}

func addEmploymentIsIdempotent(t *testing.T, s employees.Store, f Fixture) {
	ctx := context.Background()
	e := employment("pa1", "m1")
	if got := must(s.AddEmployment(ctx, f.Coop, e, "fp1"))(t); got.ID != e.ID || got.Rates.Standard != 1250 {
		t.Fatalf("added %+v", got)
	}
	retry := e
	retry.Rates.Standard = 9999
	if got := must(s.AddEmployment(ctx, f.Coop, retry, "fp1"))(t); got.Rates.Standard != 1250 {
		t.Fatalf("the same request again returned rate %d, not the stored one", got.Rates.Standard)
	}
	_, err := s.AddEmployment(ctx, f.Coop, retry, "fp2")
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeEmploymentExists)
	if es := must(s.Employments(ctx, f.Coop, "pa1"))(t); len(es) != 1 || es[0].Rates.Standard != 1250 {
		t.Fatalf("employments %+v", es)
	}
}

func updateEmploymentChangesTheVersionRead(t *testing.T, s employees.Store, f Fixture) {
	ctx := context.Background()
	e := must(s.AddEmployment(ctx, f.Coop, employment("pa1", "m1"), "fp"))(t)
	var seen []int64
	got, err := s.UpdateEmployment(ctx, f.Coop, e.ID, func(old dpcoop.Employment) (dpcoop.Employment, error) {
		seen = append(seen, old.Version)
		if len(seen) == 1 {
			if _, err := s.UpdateEmployment(ctx, f.Coop, e.ID, func(o dpcoop.Employment) (dpcoop.Employment, error) {
				o.Rates.Night = 1400
				return o, nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		old.End = "2026-12-31"
		return old, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 2 || seen[1] != seen[0]+1 {
		t.Fatalf("the change saw versions %v, want to run again on the next", seen)
	}
	es := must(s.Employments(ctx, f.Coop, "pa1"))(t)
	if len(es) != 1 || es[0].End != "2026-12-31" || es[0].Rates.Night != 1400 || es[0].Version != got.Version {
		t.Fatalf("a concurrent change was lost: %+v (returned %+v)", es, got)
	}
	// What identifies an employment is not the change's to make.
	got = must(s.UpdateEmployment(ctx, f.Coop, e.ID, func(old dpcoop.Employment) (dpcoop.Employment, error) {
		old.PA, old.Member = "pa9", "m9"
		return old, nil
	}))(t)
	if got.PA != "pa1" || got.Member != "m1" {
		t.Fatalf("a change moved the employment to %s and %s", got.PA, got.Member)
	}
}

func updateEmploymentWritesNothingOnRefusal(t *testing.T, s employees.Store, f Fixture) {
	ctx := context.Background()
	e := must(s.AddEmployment(ctx, f.Coop, employment("pa1", "m1"), "fp"))(t)
	refused := errors.New("refused")
	_, err := s.UpdateEmployment(ctx, f.Coop, e.ID, func(old dpcoop.Employment) (dpcoop.Employment, error) {
		old.End = "2026-12-31"
		return old, refused
	})
	if !errors.Is(err, refused) {
		t.Fatalf("the change's error was not returned: %v", err)
	}
	got, err := s.UpdateEmployment(ctx, f.Coop, e.ID, func(old dpcoop.Employment) (dpcoop.Employment, error) {
		return dpcoop.Employment{}, dpcoop.ErrUnchanged
	})
	if err != nil || got.ID != e.ID || got.Rates != e.Rates {
		t.Fatalf("unchanged: %v %+v, want the stored employment", err, got)
	}
	if es := must(s.Employments(ctx, f.Coop, "pa1"))(t); len(es) != 1 || es[0].End != "" || es[0].Version != e.Version {
		t.Fatalf("a refused change was written: %+v", es)
	}
	_, err = s.UpdateEmployment(ctx, f.Coop, dpcoop.NewID(), func(old dpcoop.Employment) (dpcoop.Employment, error) { return old, nil })
	wantNotFound(t, err)
}

func employmentsOfTheCoopOrOnePA(t *testing.T, s employees.Store, f Fixture) {
	ctx := context.Background()
	for _, e := range []dpcoop.Employment{employment("pa1", "m1"), employment("pa1", "m2"), employment("pa2", "m1"), employment("pa10", "m1")} {
		must(s.AddEmployment(ctx, f.Coop, e, e.ID))(t)
	}
	if es := must(s.Employments(ctx, f.Coop, ""))(t); len(es) != 4 {
		t.Fatalf("the co-op has 4 employments, listed %d", len(es))
	}
	es := must(s.Employments(ctx, f.Coop, "pa1"))(t)
	if len(es) != 2 || es[0].PA != "pa1" || es[1].PA != "pa1" {
		t.Fatalf("pa1 has 2 employments, listed %+v", es)
	}
}

func employeesStayInTheirCoop(t *testing.T, s employees.Store, f Fixture) {
	ctx := context.Background()
	pa, m := f.PA(t), f.Member(t)
	e := must(s.AddEmployment(ctx, f.Coop, employment(pa.ID, m.ID), "fp"))(t)
	_, _, err := s.AddTaxCodeNotice(ctx, f.Coop, pa.ID, taxCode("1257L", "2026-09-01"))
	noErr(t, err)

	_, err = s.PA(ctx, f.Other, pa.ID)
	wantNotFound(t, err)
	_, err = s.Member(ctx, f.Other, m.ID)
	wantNotFound(t, err)
	if page := must(s.PAs(ctx, f.Other, dpcoop.PageRequest{}))(t); len(page.Items) != 0 {
		t.Fatalf("another co-op listed %d PAs", len(page.Items))
	}
	if h := must(s.PayHistory(ctx, f.Other, pa.ID))(t); len(h.Notices) != 0 {
		t.Fatalf("another co-op read the history: %+v", h)
	}
	if es := must(s.Employments(ctx, f.Other, ""))(t); len(es) != 0 {
		t.Fatalf("another co-op listed %d employments", len(es))
	}
	_, err = s.UpdateEmployment(ctx, f.Other, e.ID, func(o dpcoop.Employment) (dpcoop.Employment, error) { return o, nil })
	wantNotFound(t, err)
	_, err = s.ReplacePA(ctx, f.Other, pa, dpcoop.FirstNotices{})
	wantNotFound(t, err)
	if _, err := s.PA(ctx, f.Other, pa.ID); err == nil {
		t.Fatal("a replacement through another co-op created the record there")
	}
}

// A request sent again while the first is still being written (a double
// click, a client's retry) is answered as a repeat, never as a failure.
func retriesAtOnceAreOnce(t *testing.T, s employees.Store, f Fixture) {
	ctx := context.Background()
	const n = 6
	pa := newPA("Gwen Morgan")
	code := taxCode("1257L", "2026-09-01")
	var created [n]bool
	for _, err := range together(n, func(i int) error {
		var err error
		_, created[i], err = s.AddPA(ctx, f.Coop, pa, "fp", dpcoop.FirstNotices{TaxCode: &code})
		return err
	}) {
		noErr(t, err)
	}
	if c := slices.Index(created[:], true); c < 0 || slices.Contains(created[c+1:], true) {
		t.Fatalf("created %v, want once", created)
	}
	notice := taxCode("K100", "2026-11-01")
	for _, err := range together(n, func(int) error {
		_, _, err := s.AddTaxCodeNotice(ctx, f.Coop, pa.ID, notice)
		return err
	}) {
		noErr(t, err)
	}
	for _, err := range together(n, func(int) error {
		_, err := s.PALeaves(ctx, f.Coop, pa.ID, "2026-11-20")
		return err
	}) {
		noErr(t, err)
	}
	h := must(s.PayHistory(ctx, f.Coop, pa.ID))(t)
	if len(h.Notices) != 2 || h.Left != "2026-11-20" {
		t.Fatalf("history %+v", h)
	}
}
