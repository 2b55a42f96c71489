package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payrun"
)

// Payroll tests payrun.Records, what the payroll service and its runner
// read and write: a month's run goes calculating, preview, final, once, and
// only for its latest attempt; payslips are written only while their
// attempt calculates; finalising posts the entries and moves each PA's year
// to date on once; a re-run's entries are left as they were; nothing is read
// from or written to another co-op.
func Payroll(t *testing.T, open Open[payrun.Records]) {
	run(t, open, map[string]func(*testing.T, payrun.Records, Fixture){
		"ARunIsFinalOnce":                 aRunIsFinalOnce,
		"ALaterAttemptSupersedes":         aLaterAttemptSupersedes,
		"PayslipsOfAPANewestFirst":        payslipsOfAPANewestFirst,
		"PostEntriesLeavesWrittenOnes":    postEntriesLeavesWrittenOnes,
		"PayrollSettingsOfAnExistingCoop": payrollSettingsOfAnExistingCoop,
		"RunsStayInTheirCoop":             runsStayInTheirCoop,
	})
}

func calculating(month string, attempt int) dpcoop.Run {
	return dpcoop.Run{Month: month, PayDate: "2026-12-05", Status: dpcoop.RunCalculating, Attempt: attempt,
		Execution: dpcoop.ExecutionName("c", month, attempt), Started: Day}
}

func payslip(month, pa string, attempt int) dpcoop.Payslip {
	return dpcoop.Payslip{Month: month, PA: pa, Name: "PA " + pa, PayDate: "2026-12-05", TaxCode: "1257L", NICategory: "A", Attempt: attempt}
}

func aRunIsFinalOnce(t *testing.T, s payrun.Records, f Fixture) {
	ctx := context.Background()
	pa := f.PA(t).ID
	r := must(s.BeginRun(ctx, f.Coop, calculating("2026-11", 1)))(t)
	if again := must(s.BeginRun(ctx, f.Coop, r))(t); again.Status != dpcoop.RunCalculating {
		t.Fatalf("the same attempt again: %+v", again)
	}
	other := r
	other.Execution = "another execution"
	_, err := s.BeginRun(ctx, f.Coop, other)
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeRunState)
	noErr(t, s.PutPayslip(ctx, f.Coop, payslip("2026-11", pa, 1)))

	calculated := Day.Add(time.Hour)
	r.Calculated, r.Totals = &calculated, dpcoop.RunTotals{}
	preview := must(s.PreviewRun(ctx, f.Coop, r))(t)
	if preview.Status != dpcoop.RunPreview {
		t.Fatalf("previewed %+v", preview)
	}
	if again := must(s.PreviewRun(ctx, f.Coop, r))(t); again.Status != dpcoop.RunPreview {
		t.Fatalf("previewing again: %+v", again)
	}
	err = s.PutPayslip(ctx, f.Coop, payslip("2026-11", pa, 1))
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeRunState)

	charge := entry(dpcoop.MemberAccount("m1"), dpcoop.AccountPayroll, "2026-11-30", 45000)
	ytd := map[string]dpcoop.YearToDate{pa: {TaxYear: "2026-27", Month: "2026-11", PensionEvents: []dpcoop.PensionEvent{
		{ID: dpcoop.NewID(), Kind: dpcoop.PensionEventEnrolled, Date: "2026-11-01", Month: "2026-11", Recorded: Day, RecordedBy: "payroll"}}}}
	paid := map[string]dpcoop.PayRecord{pa: {Month: "2026-11", PayDate: "2026-12-05", Earnings: 45000}}
	finalised := Day.Add(2 * time.Hour)
	r.Finalised, r.FinalisedBy = &finalised, "admin"
	// Another attempt's finalise posts nothing, its entries included.
	stale := r
	stale.Attempt = 2
	_, err = s.FinaliseRun(ctx, f.Coop, stale, []dpcoop.Entry{entry(dpcoop.MemberAccount("m1"), dpcoop.AccountPayroll, "2026-11-30", 99)}, ytd, paid)
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeRunState)
	if es := must(s.AccountEntries(ctx, f.Coop, dpcoop.MemberAccount("m1"), "2026-11-01", "2026-11-30"))(t); len(es) != 0 {
		t.Fatalf("another attempt's finalise posted %+v", es)
	}
	for range 2 {
		if got := must(s.FinaliseRun(ctx, f.Coop, r, []dpcoop.Entry{charge}, ytd, paid))(t); got.Status != dpcoop.RunFinal {
			t.Fatalf("finalised %+v", got)
		}
	}
	h := must(s.PayHistory(ctx, f.Coop, pa))(t)
	if h.YTD == nil || h.YTD.Month != "2026-11" || len(h.Paid) != 1 || h.Paid[0].Earnings != 45000 || len(h.PensionEvents) != 1 {
		t.Fatalf("finalising twice: history %+v", h)
	}
	if es := must(s.AccountEntries(ctx, f.Coop, dpcoop.MemberAccount("m1"), "2026-11-01", "2026-11-30"))(t); len(es) != 1 || es[0].Amount != 45000 {
		t.Fatalf("finalising twice: entries %+v", es)
	}
	// A final run is not begun again, nor failed.
	if got := must(s.BeginRun(ctx, f.Coop, calculating("2026-11", 2)))(t); got.Status != dpcoop.RunFinal || got.Attempt != 1 {
		t.Fatalf("a final run restarted: %+v", got)
	}
	noErr(t, s.FailRun(ctx, f.Coop, "2026-11", 1, "late failure", Day.Add(3*time.Hour)))
	if got := must(s.Run(ctx, f.Coop, "2026-11"))(t); got.Status != dpcoop.RunFinal || got.Error != "" {
		t.Fatalf("a final run failed: %+v", got)
	}
	if slips := must(s.Payslips(ctx, f.Coop, "2026-11"))(t); len(slips) != 1 || slips[0].PA != pa {
		t.Fatalf("payslips %+v", slips)
	}
}

func aLaterAttemptSupersedes(t *testing.T, s payrun.Records, f Fixture) {
	ctx := context.Background()
	pa := f.PA(t).ID
	first := must(s.BeginRun(ctx, f.Coop, calculating("2026-11", 1)))(t)
	must(s.BeginRun(ctx, f.Coop, calculating("2026-11", 2)))(t)
	_, err := s.BeginRun(ctx, f.Coop, first)
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeRunState)
	err = s.PutPayslip(ctx, f.Coop, payslip("2026-11", pa, 1))
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeRunState)
	if slips := must(s.Payslips(ctx, f.Coop, "2026-11"))(t); len(slips) != 0 {
		t.Fatalf("a superseded attempt wrote %d payslips", len(slips))
	}
	_, err = s.PreviewRun(ctx, f.Coop, first)
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeRunState)
	noErr(t, s.FailRun(ctx, f.Coop, "2026-11", 1, "old attempt", Day))
	if got := must(s.Run(ctx, f.Coop, "2026-11"))(t); got.Status != dpcoop.RunCalculating || got.Attempt != 2 {
		t.Fatalf("an old attempt's failure touched the latest: %+v", got)
	}
	noErr(t, s.FailRun(ctx, f.Coop, "2026-11", 2, "no bank details", Day))
	if got := must(s.Run(ctx, f.Coop, "2026-11"))(t); got.Status != dpcoop.RunFailed || got.Error != "no bank details" {
		t.Fatalf("failed %+v", got)
	}
	if runs := must(s.RunStatuses(ctx, f.Coop))(t); runs["2026-11"] != dpcoop.RunFailed {
		t.Fatalf("statuses %v", runs)
	}
}

func payslipsOfAPANewestFirst(t *testing.T, s payrun.Records, f Fixture) {
	ctx := context.Background()
	pa, other := f.PA(t).ID, f.PA(t).ID
	for _, month := range []string{"2026-10", "2026-12", "2026-11"} {
		must(s.BeginRun(ctx, f.Coop, calculating(month, 1)))(t)
		noErr(t, s.PutPayslip(ctx, f.Coop, payslip(month, pa, 1)))
		noErr(t, s.PutPayslip(ctx, f.Coop, payslip(month, other, 1)))
	}
	slips := must(s.PayslipsOfPA(ctx, f.Coop, pa))(t)
	if len(slips) != 3 || slips[0].Month != "2026-12" || slips[1].Month != "2026-11" || slips[2].Month != "2026-10" || slips[0].PA != pa {
		t.Fatalf("payslips %+v, want December, November, October", slips)
	}
	// Writing a payslip again replaces it: one per PA per month.
	again := payslip("2026-11", pa, 1)
	again.TaxCode = "BR"
	noErr(t, s.PutPayslip(ctx, f.Coop, again))
	if slips := must(s.Payslips(ctx, f.Coop, "2026-11"))(t); len(slips) != 2 {
		t.Fatalf("November holds %d payslips, want 2", len(slips))
	}
}

func postEntriesLeavesWrittenOnes(t *testing.T, s payrun.Records, f Fixture) {
	ctx := context.Background()
	m := dpcoop.MemberAccount("m1")
	a := entry(m, dpcoop.PoolAccount("p1"), "2026-11-30", 100)
	noErr(t, s.PostEntries(ctx, f.Coop, []dpcoop.Entry{a}))
	rerun := a
	rerun.Amount = 999
	b := entry(m, dpcoop.PoolAccount("p1"), "2026-11-30", 200)
	noErr(t, s.PostEntries(ctx, f.Coop, []dpcoop.Entry{rerun, b}))
	es := must(s.AccountEntries(ctx, f.Coop, m, "2026-11-01", "2026-11-30"))(t)
	if len(es) != 2 || dpcoop.Balance(m, es) != -300 {
		t.Fatalf("entries %+v, want the first as written and the new one", es)
	}
}

func payrollSettingsOfAnExistingCoop(t *testing.T, s payrun.Records, f Fixture) {
	ctx := context.Background()
	settings := dpcoop.PayrollSettings{PayDay: 5, LeadDays: 3, AutoFinalise: true}
	noErr(t, s.SetPayrollSettings(ctx, f.Coop, settings))
	if c := must(s.Coop(ctx, f.Coop))(t); c.Payroll == nil || c.Payroll.PayDay != 5 || !c.Payroll.AutoFinalise {
		t.Fatalf("settings %+v", c.Payroll)
	}
	wantNotFound(t, s.SetPayrollSettings(ctx, dpcoop.CoopID(dpcoop.NewID()), settings))
	if c := must(s.Coop(ctx, f.Other))(t); c.Payroll != nil && c.Payroll.PayDay == 5 {
		t.Fatalf("another co-op's settings changed: %+v", c.Payroll)
	}
}

func runsStayInTheirCoop(t *testing.T, s payrun.Records, f Fixture) {
	ctx := context.Background()
	pa := f.PA(t).ID
	must(s.BeginRun(ctx, f.Coop, calculating("2026-11", 1)))(t)
	noErr(t, s.PutPayslip(ctx, f.Coop, payslip("2026-11", pa, 1)))

	_, err := s.Run(ctx, f.Other, "2026-11")
	wantNotFound(t, err)
	if runs := must(s.RunStatuses(ctx, f.Other))(t); len(runs) != 0 {
		t.Fatalf("another co-op's runs %v", runs)
	}
	if slips := must(s.Payslips(ctx, f.Other, "2026-11"))(t); len(slips) != 0 {
		t.Fatalf("another co-op listed %d payslips", len(slips))
	}
	if slips := must(s.PayslipsOfPA(ctx, f.Other, pa))(t); len(slips) != 0 {
		t.Fatalf("another co-op listed %d of the PA's payslips", len(slips))
	}
	err = s.PutPayslip(ctx, f.Other, payslip("2026-11", pa, 1))
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeRunState)
	_, err = s.PreviewRun(ctx, f.Other, calculating("2026-11", 1))
	wantCode(t, err, dpcoop.KindConflict, dpcoop.CodeRunState)
	if got := must(s.Run(ctx, f.Coop, "2026-11"))(t); got.Status != dpcoop.RunCalculating {
		t.Fatalf("a preview through another co-op touched the run: %+v", got)
	}
}
