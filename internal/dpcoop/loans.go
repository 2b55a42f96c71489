package dpcoop

import (
	"slices"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/payroll"
)

// The notices that start and stop a PA's student and postgraduate loan
// deductions: HMRC's start (SL1, PGL1) and stop (SL2, PGL2) notices, and the
// starter checklist's loan questions (SourceStarter).
const (
	LoanSL1  = "SL1"
	LoanSL2  = "SL2"
	LoanPGL1 = "PGL1"
	LoanPGL2 = "PGL2"
)

var loanNotices = []string{LoanSL1, LoanSL2, LoanPGL1, LoanPGL2, SourceStarter}

// LoanNotice is one dated instruction about a PA's student or postgraduate
// loan. Like tax code notices, each is kept: the loans in force on a pay
// date follow from the notices effective by then (PayHistory.LoansOn).
type LoanNotice struct {
	ID     string           `json:"id"`
	Notice string           `json:"notice"`
	Plan   payroll.LoanPlan `json:"plan"`
	// EffectiveFrom is the first pay date the notice applies to.
	EffectiveFrom Date      `json:"effective_from"`
	Recorded      time.Time `json:"recorded"`
	RecordedBy    string    `json:"recorded_by"`
}

// starts reports whether the notice starts its plan (rather than stopping it).
func (n LoanNotice) starts() bool { return n.Notice != LoanSL2 && n.Notice != LoanPGL2 }

// LoanNoticeInput is what an admin records from a loan notice.
type LoanNoticeInput struct {
	Notice        string `json:"notice"`
	Plan          string `json:"plan"`
	EffectiveFrom string `json:"effective_from"`
}

// Validate checks a loan notice: a known notice, a plan that goes with it
// (SL1 and SL2 name plan 1, 2, 4 or 5; PGL1 and PGL2 the postgraduate loan,
// which they imply when no plan is given; a starter declaration either),
// and a real effective date.
func (in LoanNoticeInput) Validate(by string, at time.Time) (LoanNotice, error) {
	var p Problems
	n := LoanNotice{Notice: strings.TrimSpace(in.Notice), Plan: payroll.LoanPlan(strings.TrimSpace(in.Plan)), RecordedBy: by, Recorded: at.UTC()}
	if n.Notice == "" {
		p.Add("notice", FieldRequired)
	} else if !slices.Contains(loanNotices, n.Notice) {
		p.Add("notice", FieldChoice)
	}
	postgraduate := n.Notice == LoanPGL1 || n.Notice == LoanPGL2
	if n.Plan == "" && postgraduate {
		n.Plan = payroll.LoanPostgraduate
	}
	switch {
	case n.Plan == "":
		p.Add("plan", FieldRequired)
	case !n.Plan.Known():
		p.Add("plan", FieldChoice)
	case n.Notice != SourceStarter && !p.Has("notice") && n.Plan.Postgraduate() != postgraduate:
		p.Add("plan", FieldLoanPlanNotice)
	}
	n.EffectiveFrom = requireDate(&p, "effective_from", in.EffectiveFrom)
	if err := p.Err("loan notice"); err != nil {
		return LoanNotice{}, err
	}
	return n, nil
}

// WithID is the notice under the id its request gives it.
func (n LoanNotice) WithID(id string) LoanNotice { n.ID = id; return n }

// CheckFor checks the notice against the PA it is for: their record must be
// complete, and the notice cannot take effect before they started.
func (n LoanNotice) CheckFor(pa PA) error {
	return checkNoticeFor(pa, n.EffectiveFrom, "loan notice")
}

// LoansOn are the loans in force on pay date d: every notice effective by
// then taken in date order (the later recorded last on the same date). A
// start notice for an undergraduate plan replaces any other, since HMRC
// collects one at a time; SL2 stops it, PGL2 the postgraduate loan.
func (h PayHistory) LoansOn(d Date) []payroll.LoanPlan {
	notices := slices.Clone(h.Loans)
	slices.SortStableFunc(notices, func(a, b LoanNotice) int { return strings.Compare(string(a.EffectiveFrom), string(b.EffectiveFrom)) })
	var undergraduate payroll.LoanPlan
	postgraduate := false
	for _, n := range notices {
		if d.Before(n.EffectiveFrom) {
			break
		}
		switch {
		case n.Plan.Postgraduate() || n.Notice == LoanPGL2:
			postgraduate = n.starts()
		case n.starts():
			undergraduate = n.Plan
		default:
			undergraduate = ""
		}
	}
	var out []payroll.LoanPlan
	if undergraduate != "" {
		out = append(out, undergraduate)
	}
	if postgraduate {
		out = append(out, payroll.LoanPostgraduate)
	}
	return out
}

// HasLoan reports whether the history holds the loan notice with this id.
func (h PayHistory) HasLoan(id string) bool {
	return slices.ContainsFunc(h.Loans, func(n LoanNotice) bool { return n.ID == id })
}

// FirstNotices start a new PA's pay history: the first tax code notice and
// the loans of their starter declaration.
type FirstNotices struct {
	TaxCode *TaxCodeNotice
	Loans   []LoanNotice
}

// First is everything a new PA's pay history starts with (FirstNotice and
// FirstLoans).
func (pa PA) First(by string, at time.Time) FirstNotices {
	var f FirstNotices
	if n, ok := pa.FirstNotice(by, at); ok {
		f.TaxCode = &n
	}
	f.Loans = pa.FirstLoans(by, at)
	return f
}

// FirstLoans are the loan notices a new PA's pay history starts with: the
// starter checklist's answers (an undergraduate plan, a postgraduate loan),
// in force from their start date. An incomplete record has none yet.
func (pa PA) FirstLoans(by string, at time.Time) []LoanNotice {
	if pa.Status != PAActive {
		return nil
	}
	var out []LoanNotice
	for _, plan := range []payroll.LoanPlan{pa.StudentLoanPlan, pa.postgraduatePlan()} {
		if plan != "" {
			out = append(out, LoanNotice{
				ID: DerivedID("loan", string(pa.Coop), pa.ID, "first", string(plan)), Notice: SourceStarter, Plan: plan,
				EffectiveFrom: pa.StartDate, Recorded: at.UTC(), RecordedBy: by,
			})
		}
	}
	return out
}

func (pa PA) postgraduatePlan() payroll.LoanPlan {
	if pa.PostgraduateLoan {
		return payroll.LoanPostgraduate
	}
	return ""
}

// starterLoans are the loan answers of the starter declaration a history
// began with.
func (h PayHistory) starterLoans() (payroll.LoanPlan, bool) {
	var plan payroll.LoanPlan
	postgraduate := false
	for _, n := range h.Loans {
		if n.Notice == SourceStarter {
			if n.Plan.Postgraduate() {
				postgraduate = true
			} else {
				plan = n.Plan
			}
		}
	}
	return plan, postgraduate
}

// validateLoans reads the starter checklist's loan answers on a PA's record.
func validateLoans(p *Problems, pa *PA, in PAInput) {
	pa.StudentLoanPlan = payroll.LoanPlan(strings.TrimSpace(in.StudentLoanPlan))
	if pa.StudentLoanPlan != "" && (!pa.StudentLoanPlan.Known() || pa.StudentLoanPlan.Postgraduate()) {
		p.Add("student_loan_plan", FieldChoice)
	}
	pa.PostgraduateLoan = in.PostgraduateLoan
}
