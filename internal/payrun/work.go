// Package payrun is the monthly payroll run of one co-op: the steps the
// Step Functions state machine calls (start, calculate each PA's payslip,
// post the preview, finalise, record a failure), the daily dispatch that
// starts runs when they fall due, and the pure arithmetic between them.
package payrun

import (
	"sort"
	"strings"

	"github.com/dpcoop/dpcoop/internal/apportion"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Work is one PA's approved work in a month, added up across every member they
// supported: what their payslip is calculated from, and how its cost falls.
type Work struct {
	PA            string              `json:"pa_id"`
	Lines         []dpcoop.PayLine    `json:"lines"`
	MileageTenths int64               `json:"mileage_tenths"`
	Members       []dpcoop.MemberWork `json:"members"`
}

// MonthWork adds up a month's approved shifts per PA: minutes by kind and
// rate (each member's share at that member's agreed rate; late work from a
// paid month on lines of its own, as back pay), sleep-ins, and
// per member the minutes and mileage they received. PAs come out in id order.
func MonthWork(shifts []dpcoop.Shift, emps []dpcoop.Employment) []Work {
	type lineKey struct {
		kind dpcoop.ShiftKind
		rate int64
		late bool
	}
	byPA := map[string]*Work{}
	lines := map[string]map[lineKey]*dpcoop.PayLine{}
	members := map[string]map[string]*dpcoop.MemberWork{}
	for _, s := range shifts {
		if s.Status != dpcoop.ShiftApproved {
			continue
		}
		w := byPA[s.PA]
		if w == nil {
			w = &Work{PA: s.PA}
			byPA[s.PA], lines[s.PA], members[s.PA] = w, map[lineKey]*dpcoop.PayLine{}, map[string]*dpcoop.MemberWork{}
		}
		shares := make([]int64, len(s.Members))
		for i, m := range s.Members {
			shares[i] = m.Share
		}
		miles, _ := apportion.Split(s.MileageTenths, shares) // shares are validated positive
		w.MileageTenths += s.MileageTenths
		for i, l := range s.PaidLines(emps) {
			rate, sleeps := l.Rate, int64(0)
			if l.Kind == dpcoop.ShiftSleepIn {
				rate, sleeps = l.Pay(), 1 // the member's share of the flat amount, one sleep-in
			}
			k := lineKey{l.Kind, rate, s.Late()}
			pl := lines[s.PA][k]
			if pl == nil {
				pl = &dpcoop.PayLine{Kind: l.Kind, Rate: rate, BackPay: s.Late()}
				lines[s.PA][k] = pl
			}
			pl.Minutes += l.Minutes
			pl.SleepIns += sleeps
			payer := l.Member
			if s.Pool != "" {
				payer = "pool:" + s.Pool // the pool's fund pays, not its members one by one
			}
			mw := members[s.PA][payer]
			if mw == nil {
				mw = &dpcoop.MemberWork{Member: payer}
				members[s.PA][payer] = mw
			}
			if l.Kind == dpcoop.ShiftHoliday { // paid out of the holiday provision, not charged as pay
				mw.HolidayMinutes += l.Minutes
			} else {
				mw.Minutes += l.Minutes
				mw.Pay += l.Pay()
			}
			mw.MileageTenths += miles[i]
		}
	}
	out := make([]Work, 0, len(byPA))
	for pa, w := range byPA {
		for _, l := range lines[pa] {
			w.Lines = append(w.Lines, *l)
		}
		sort.Slice(w.Lines, func(i, j int) bool {
			if w.Lines[i].BackPay != w.Lines[j].BackPay {
				return !w.Lines[i].BackPay
			}
			if w.Lines[i].Kind != w.Lines[j].Kind {
				return w.Lines[i].Kind < w.Lines[j].Kind
			}
			return w.Lines[i].Rate < w.Lines[j].Rate
		})
		for _, m := range members[pa] {
			w.Members = append(w.Members, *m)
		}
		sort.Slice(w.Members, func(i, j int) bool { return w.Members[i].Member < w.Members[j].Member })
		out = append(out, *w)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].PA < out[j].PA })
	return out
}

// Charges shares each PA's cost among the members they supported: the pay
// for the time each received at the rates and kinds that applied (a sleep-in's
// flat amount included; shared shifts already split by their stated split),
// the employer's on-costs (employer NI and pension, holiday) in proportion to
// that pay, and mileage to the members it was done for; then adds the co-op's
// fee. Every component is apportioned exactly, so the members' charges add up
// to the PAs' costs to the penny.
func Charges(slips []dpcoop.Payslip, s dpcoop.PayrollSettings) ([]dpcoop.Charge, error) {
	byMember := map[string]*dpcoop.Charge{}
	for _, slip := range slips {
		if len(slip.Members) == 0 {
			continue
		}
		pay := chargeWeights(slip.Members)
		miles := make([]int64, len(slip.Members))
		for i, m := range slip.Members {
			miles[i] = m.MileageTenths
		}
		mileage := slip.Result.MileagePaid
		mileageParts, err := share(mileage, miles)
		if err != nil {
			return nil, err
		}
		gross, err := share(slip.Result.Gross-mileage-slip.FromHolidayProvision(), pay)
		if err != nil {
			return nil, err
		}
		ni, _ := share(slip.Result.NI.Employer, gross)
		pension, _ := share(slip.Result.Pension.Employer, gross)
		holiday, _ := share(slip.HolidayAccrual, gross)
		for i, m := range slip.Members {
			part := dpcoop.ChargePart{PA: slip.PA, Minutes: m.Minutes, Gross: gross[i] + mileageParts[i],
				EmployerNI: ni[i], EmployerPension: pension[i], HolidayAccrual: holiday[i]}
			part.Total = part.Gross + part.EmployerNI + part.EmployerPension + part.HolidayAccrual
			c := byMember[m.Member]
			if c == nil {
				c = &dpcoop.Charge{Member: m.Member}
				byMember[m.Member] = c
			}
			c.Parts = append(c.Parts, part)
			c.Amount += part.Total
		}
	}
	out := make([]dpcoop.Charge, 0, len(byMember))
	for _, c := range byMember {
		if !strings.HasPrefix(c.Member, "pool:") { // the fee is per member; a pool pays none
			c.Fee = s.FeePerMemberPence + (c.Amount*s.FeeBasisPoints+5000)/10000
		}
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Member < out[j].Member })
	return out, nil
}

// share splits total by weights exactly; no weight at all (a PA whose work
// had no minutes, or no mileage) splits it equally.
func share(total int64, w []int64) ([]int64, error) {
	for _, v := range w {
		if v > 0 {
			return apportion.Split(total, w)
		}
	}
	return apportion.Equal(total, len(w))
}
