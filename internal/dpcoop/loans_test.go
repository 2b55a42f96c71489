package dpcoop_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

func TestLoanNoticeValidate(t *testing.T) {
	at := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	n, err := dpcoop.LoanNoticeInput{Notice: "PGL1", EffectiveFrom: "2026-05-07"}.Validate("admin", at)
	if err != nil || n.Plan != payroll.LoanPostgraduate {
		t.Errorf("PGL1 implies the postgraduate loan: %+v %v", n, err)
	}
	for _, c := range []struct {
		in   dpcoop.LoanNoticeInput
		want map[string]string
	}{
		{dpcoop.LoanNoticeInput{}, map[string]string{"notice": dpcoop.FieldRequired, "plan": dpcoop.FieldRequired, "effective_from": dpcoop.FieldRequired}},
		{dpcoop.LoanNoticeInput{Notice: "SL3", Plan: "plan_3", EffectiveFrom: "2026-02-30"}, map[string]string{"notice": dpcoop.FieldChoice, "plan": dpcoop.FieldChoice, "effective_from": dpcoop.FieldDate}},
		{dpcoop.LoanNoticeInput{Notice: "SL1", Plan: "postgraduate", EffectiveFrom: "2026-05-07"}, map[string]string{"plan": dpcoop.FieldLoanPlanNotice}},
		{dpcoop.LoanNoticeInput{Notice: "PGL2", Plan: "plan_2", EffectiveFrom: "2026-05-07"}, map[string]string{"plan": dpcoop.FieldLoanPlanNotice}},
		{dpcoop.LoanNoticeInput{Notice: "SL2", EffectiveFrom: "2026-05-07"}, map[string]string{"plan": dpcoop.FieldRequired}},
	} {
		_, err := c.in.Validate("admin", at)
		if got := fieldCodes(err); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%+v: %v, want %v", c.in, got, c.want)
		}
	}
}

// Loans follow their notices in date order: a starter declaration's plan 2
// and postgraduate loan, an SL1 moving plan 2 to plan 1, an SL2 stopping it,
// a PGL2 stopping the postgraduate loan; notices are recorded out of order.
func TestLoansOn(t *testing.T) {
	h := dpcoop.PayHistory{Loans: []dpcoop.LoanNotice{
		{Notice: dpcoop.SourceStarter, Plan: payroll.LoanPlan2, EffectiveFrom: "2026-04-06"},
		{Notice: dpcoop.LoanSL2, Plan: payroll.LoanPlan1, EffectiveFrom: "2026-10-01"},
		{Notice: dpcoop.SourceStarter, Plan: payroll.LoanPostgraduate, EffectiveFrom: "2026-04-06"},
		{Notice: dpcoop.LoanSL1, Plan: payroll.LoanPlan1, EffectiveFrom: "2026-07-01"},
		{Notice: dpcoop.LoanPGL2, Plan: payroll.LoanPostgraduate, EffectiveFrom: "2026-12-01"},
	}}
	for d, want := range map[dpcoop.Date][]payroll.LoanPlan{
		"2026-04-05": nil,
		"2026-04-06": {payroll.LoanPlan2, payroll.LoanPostgraduate},
		"2026-07-01": {payroll.LoanPlan1, payroll.LoanPostgraduate},
		"2026-10-07": {payroll.LoanPostgraduate},
		"2026-12-07": nil,
	} {
		if got := h.LoansOn(d); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v, want %v", d, got, want)
		}
	}
}

// A new PA's starter checklist answers become their first loan notices, and
// the record shows them back from the history; changing them needs a notice.
func TestStarterLoans(t *testing.T) {
	pa := dpcoop.PA{ID: "pa1", Coop: "demo", Status: dpcoop.PAActive, StartDate: "2026-04-06", StudentLoanPlan: payroll.LoanPlan5, PostgraduateLoan: true}
	at := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
	first := pa.First("admin", at)
	if len(first.Loans) != 2 || first.Loans[0].Plan != payroll.LoanPlan5 || first.Loans[1].Plan != payroll.LoanPostgraduate || first.Loans[0].EffectiveFrom != "2026-04-06" {
		t.Fatalf("first loans %+v", first.Loans)
	}
	h := dpcoop.PayHistory{Loans: first.Loans}
	seen := dpcoop.PA{}.WithHistory(h, "2026-05-01")
	if seen.StudentLoanPlan != payroll.LoanPlan5 || !seen.PostgraduateLoan {
		t.Errorf("record shows %q, %v", seen.StudentLoanPlan, seen.PostgraduateLoan)
	}
	h.Notices = []dpcoop.TaxCodeNotice{{TaxCode: "1257L", Source: dpcoop.SourceStarter, Statement: "A", EffectiveFrom: "2026-04-06"}}
	err := h.CheckUnchanged(dpcoop.PAInput{}, dpcoop.PA{Starter: "A", StudentLoanPlan: payroll.LoanPlan2}, "2026-05-01")
	if got := fieldCodes(err); got["student_loan_plan"] != dpcoop.FieldLoanNeedsNotice {
		t.Errorf("changing the plan: %v", got)
	}
}
