package filing

import (
	"context"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/rti"
)

// The irregular payment indicator: a PA whose last final payment was three
// or more months before this one.
func TestIrregularFromThePayHistory(t *testing.T) {
	slip := func(day string) dpcoop.Payslip { return dpcoop.Payslip{PayDate: dpcoop.Date(day)} }
	for _, c := range []struct {
		before []string
		want   bool
	}{
		{nil, false}, // the first payment
		{[]string{"2026-10-07"}, false},
		{[]string{"2026-05-07", "2026-08-08"}, false}, // 3 months less a day
		{[]string{"2026-05-07", "2026-08-07"}, true},  // 3 months exactly
		{[]string{"2026-04-07"}, true},
	} {
		var before []dpcoop.Payslip
		for _, d := range c.before {
			before = append(before, slip(d))
		}
		if got := irregular(slip("2026-11-07"), before); got != c.want {
			t.Errorf("paid %v before 7 November: irregular %v, want %v", c.before, got, c.want)
		}
	}
}

// A month's EPS: a final run with nobody paid reports its tax month as a
// period of no payment (6th to 5th); tax month 12 closes the year; one
// with neither, no allowance claim and no statutory pay is not due. (SMP
// and SPP recovery reads the year's runs: the handler and local tests
// cover it.)
func TestEPSOptionsOfAMonth(t *testing.T) {
	ctx := context.Background()
	run := dpcoop.Run{Month: "2026-10", PayDate: "2026-11-07"}
	o, err := epsOptions(ctx, nil, dpcoop.Coop{}, run, dpcoop.Submission{TaxMonth: 8}, true)
	if err != nil || o.NoPayment == nil || *o.NoPayment != (rti.Period{From: "2026-11-06", To: "2026-12-05"}) || o.FinalForYear || !epsDue(o) {
		t.Fatalf("no payment in tax month 8: %+v %v", o, err)
	}
	march := dpcoop.Run{Month: "2027-02", PayDate: "2027-03-07"}
	o, err = epsOptions(ctx, nil, dpcoop.Coop{}, march, dpcoop.Submission{TaxMonth: 12}, false)
	if err != nil || o.NoPayment != nil || !o.FinalForYear || !epsDue(o) {
		t.Fatalf("tax month 12: %+v %v", o, err)
	}
	o, err = epsOptions(ctx, nil, dpcoop.Coop{}, run, dpcoop.Submission{TaxMonth: 8, AllowanceClaimed: true}, false)
	if err != nil || !o.ClaimAllowance || !epsDue(o) {
		t.Fatalf("the allowance claim: %+v %v", o, err)
	}
	if o, _ := epsOptions(ctx, nil, dpcoop.Coop{}, run, dpcoop.Submission{TaxMonth: 8}, false); epsDue(o) {
		t.Fatalf("nothing to report, yet due: %+v", o)
	}
}
