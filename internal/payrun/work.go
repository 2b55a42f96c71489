// Package payrun is the monthly payroll run of one co-op: the steps the
// Step Functions state machine calls (start, calculate each PA's payslip,
// post the preview, finalise, record a failure), the daily dispatch that
// starts runs when they fall due, and the pure arithmetic between them.
package payrun

import (
	"slices"
	"sort"

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
	// StatutoryMembers are who the PA supported in the 12 weeks before
	// their statutory pay began, by minutes (statpay.go).
	StatutoryMembers []dpcoop.MemberWork `json:"statutory_members,omitempty"`
	// RightToWorkUnchecked: some of the work is on a day no right-to-work
	// check covers (righttowork.go), so the PA is a problem, not paid.
	RightToWorkUnchecked bool `json:"right_to_work_unchecked,omitempty"`
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
				payer = string(dpcoop.PoolAccount(s.Pool)) // the pool's fund pays, not its members one by one
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
		members, statW := statutoryPayers(slip, s)
		if len(members) == 0 {
			continue
		}
		pay := chargeWeights(members)
		miles := make([]int64, len(members))
		for i, m := range members {
			miles[i] = m.MileageTenths
		}
		mileage := slip.Result.MileagePaid
		mileageParts, err := share(mileage, miles)
		if err != nil {
			return nil, err
		}
		statutory := slip.Result.SickPay.Amount + slip.Result.ParentalPay.SMP + slip.Result.ParentalPay.SPP
		statParts, err := share(statutory, statW)
		if err != nil {
			return nil, err
		}
		gross, err := share(slip.Result.Gross-mileage-statutory-slip.FromHolidayProvision(), pay)
		if err != nil {
			return nil, err
		}
		for i := range gross {
			gross[i] += statParts[i]
		}
		ni, _ := share(slip.Result.NI.Employer, gross)
		pension, _ := share(slip.Result.Pension.Employer, gross)
		holiday, _ := share(slip.HolidayAccrual, gross)
		for i, m := range members {
			part := dpcoop.ChargePart{PA: slip.PA, PAName: slip.Name, Minutes: m.Minutes, Gross: gross[i] + mileageParts[i],
				EmployerNI: ni[i], EmployerPension: pension[i], HolidayAccrual: holiday[i], StatutoryPay: statParts[i]}
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
		if dpcoop.PaysFee(c.Member) {
			c.Fee = s.FeePerMemberPence + (c.Amount*s.FeeBasisPoints+5000)/10000
		}
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Member < out[j].Member })
	return out, nil
}

// statutoryPayers are the payers of a payslip's cost: the members whose
// support it paid for, then those charged for its statutory pay, with the
// weights that statutory pay is split by. Statutory pay falls on the members
// the PA supported in the 12 weeks before it began, by minutes; failing
// those (a PA who never worked), on the month's members by pay; failing
// them, or when the co-op's setting says so, on the co-op's fees account.
func statutoryPayers(slip dpcoop.Payslip, s dpcoop.PayrollSettings) ([]dpcoop.MemberWork, []int64) {
	members := slices.Clone(slip.Members)
	statutory := slip.Result.SickPay.Amount + slip.Result.ParentalPay.SMP + slip.Result.ParentalPay.SPP
	if statutory == 0 {
		return members, make([]int64, len(members))
	}
	var by []dpcoop.MemberWork
	switch {
	case s.StatutoryCharge == dpcoop.StatutoryChargeCoop:
		by = []dpcoop.MemberWork{{Member: string(dpcoop.AccountFees), Minutes: 1}}
	case slip.Statutory != nil && len(slip.Statutory.Members) > 0:
		by = slip.Statutory.Members
	case len(members) > 0:
		for _, m := range members {
			by = append(by, dpcoop.MemberWork{Member: m.Member, Minutes: max(m.Pay, 1)})
		}
	default:
		by = []dpcoop.MemberWork{{Member: string(dpcoop.AccountFees), Minutes: 1}}
	}
	weights := make([]int64, len(members))
	for _, b := range by {
		i := slices.IndexFunc(members, func(m dpcoop.MemberWork) bool { return m.Member == b.Member })
		if i < 0 {
			i = len(members)
			members = append(members, dpcoop.MemberWork{Member: b.Member})
			weights = append(weights, 0)
		}
		weights[i] += b.Minutes
	}
	return members, weights
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
