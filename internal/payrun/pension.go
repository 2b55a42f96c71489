package payrun

import (
	"context"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payroll"
)

// Pension is what a PA's month needs for the pension duties besides their
// record and pay history.
type Pension struct {
	Coop dpcoop.Coop
	// Refund is the PA's contributions from final runs to pay back after a
	// valid opt-out (refundDue).
	Refund int64
	Now    time.Time
}

// calculateWithPension assesses the PA on this period's pay, applies the
// co-op's duties to the result (dpcoop.DecidePension) and works out the
// payslip with them: an eligible jobholder enrolled this month has
// contributions deducted from this month's pay.
func calculateWithPension(input payroll.Input, pa dpcoop.PA, hist dpcoop.PayHistory, in Calculation, p Pension) (payroll.Payslip, dpcoop.PensionDecision, error) {
	input.PensionStatus = payroll.PensionNotEnrolled
	assessed, err := payroll.Calculate(input)
	if err != nil {
		return payroll.Payslip{}, dpcoop.PensionDecision{}, err
	}
	d := dpcoop.DecidePension(pa, hist, dpcoop.PensionMonth{Coop: p.Coop, Settings: in.Settings, Month: in.Job.Month, Category: assessed.WorkerCategory, At: p.Now})
	input.PensionStatus = d.Status
	if d.RefundFrom != "" {
		input.PensionRefund = p.Refund
		for i, e := range d.Events {
			if e.Kind == dpcoop.PensionEventRefunded {
				d.Events[i].Refund = p.Refund
			}
		}
	}
	res, err := payroll.Calculate(input)
	return res, d, err
}

// refundDue adds up the PA's own contributions on final runs from the month
// their opted-out membership began to the month before this one: what a
// valid opt-out gives back in the next pay.
func (r *Runner) refundDue(ctx context.Context, coop dpcoop.CoopID, pa dpcoop.PA, hist dpcoop.PayHistory, month string) (int64, error) {
	from := hist.PensionPosition(pa).RefundFrom
	if from == "" {
		return 0, nil
	}
	var total int64
	for m := from.Month(); m < month; m = nextMonth(m) {
		run, err := r.Store.Run(ctx, coop, m)
		if dpcoop.IsKind(err, dpcoop.KindNotFound) {
			continue
		}
		if err != nil {
			return 0, classify(err)
		}
		if run.Status != dpcoop.RunFinal {
			continue
		}
		slips, err := r.Store.Payslips(ctx, coop, m)
		if err != nil {
			return 0, classify(err)
		}
		for _, s := range slips {
			if s.PA == pa.ID && s.Attempt == run.Attempt {
				total += s.Result.Pension.EmployeeDeduction
			}
		}
	}
	return total, nil
}

func nextMonth(m string) string {
	t, _ := time.Parse(dpcoop.MonthLayout, m)
	return t.AddDate(0, 1, 0).Format(dpcoop.MonthLayout)
}
