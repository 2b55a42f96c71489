package payrun

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// UnpaidBefore is the earliest month before month that has approved work and
// no final run ("" if there is none): months are paid in order, so that
// each month's tax to date includes every month before it. It looks from the
// month after the latest final run, or from the first month any employment
// was in force (no work can be approved before one). earlier holds any runs
// the caller has read: when the month before's is final, every month before
// it was paid or had no work when it was finalised (this check let it), and a
// final run stays final, so nothing more is read.
func UnpaidBefore(ctx context.Context, store Store, c dpcoop.Coop, month string, earlier map[string]dpcoop.Run) (string, error) {
	if earlier[dpcoop.PreviousMonth(month)].Status == dpcoop.RunFinal {
		return "", nil
	}
	statuses, err := store.RunStatuses(ctx, c.ID)
	if err != nil {
		return "", classify(err)
	}
	from := ""
	for m, st := range statuses {
		if st == dpcoop.RunFinal && m < month && m >= from {
			from = dpcoop.NextMonth(m)
		}
	}
	if from == "" {
		emps, err := store.Employments(ctx, c.ID, "")
		if err != nil {
			return "", classify(err)
		}
		from = month
		for _, e := range emps {
			from = min(from, e.Start.Month())
		}
	}
	for m := from; m < month; m = dpcoop.NextMonth(m) {
		if statuses[m] == dpcoop.RunFinal {
			continue
		}
		shifts, err := monthShifts(ctx, store, c.ID, m)
		if err != nil {
			return "", err
		}
		for _, s := range shifts {
			if s.Status == dpcoop.ShiftApproved {
				return m, nil
			}
		}
	}
	return "", nil
}

// monthShifts reads all of a month's shifts.
func monthShifts(ctx context.Context, store Store, coop dpcoop.CoopID, month string) ([]dpcoop.Shift, error) {
	shifts, err := store.MonthShifts(ctx, coop, month)
	return shifts, classify(err)
}

// gathered is what a month's run is calculated from, and its fingerprints.
type gathered struct {
	work   []Work
	inputs dpcoop.RunInputs
	// records answers the PAs' records and histories as gathered.
	records Store
}

// readMonth reads a month's shifts and every employment of the co-op.
func readMonth(ctx context.Context, store Store, coop dpcoop.CoopID, month string) ([]dpcoop.Shift, []dpcoop.Employment, error) {
	shifts, err := monthShifts(ctx, store, coop, month)
	if err != nil {
		return nil, nil, err
	}
	emps, err := store.Employments(ctx, coop, "")
	return shifts, emps, classify(err)
}

// employed are the PAs of the employments: every PA employed may be paid,
// or have leave or statutory pay due, so their records are read together,
// not one PA at a time.
func employed(emps []dpcoop.Employment) []string {
	ids := make([]string, 0, len(emps))
	for _, e := range emps {
		ids = append(ids, e.PA)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// gather reads what a month's run is calculated from (its approved shifts,
// the employments, the records and pay histories of the PAs who worked, the
// settings) and fingerprints each part, so that a preview can be checked for
// changes before it is made final. store may hold PAs' records already read
// (a roster); the others are read together.
func gather(ctx context.Context, store Store, coop dpcoop.CoopID, settings dpcoop.PayrollSettings, month string) (gathered, error) {
	shifts, emps, err := readMonth(ctx, store, coop, month)
	if err != nil {
		return gathered{}, err
	}
	return gatherFrom(ctx, store, coop, settings, month, shifts, emps)
}

// gatherFrom is gather from the month's shifts and employments as read.
func gatherFrom(ctx context.Context, store Store, coop dpcoop.CoopID, settings dpcoop.PayrollSettings, month string, shifts []dpcoop.Shift, emps []dpcoop.Employment) (gathered, error) {
	store, err := withRecords(ctx, store, coop, employed(emps))
	if err != nil {
		return gathered{}, err
	}
	var approved []string
	for _, s := range shifts {
		if s.Status == dpcoop.ShiftApproved {
			approved = append(approved, fmt.Sprintf("%s@%d", s.ID, s.Version))
		}
	}
	work, err := leavers(ctx, store, coop, settings, month, emps, MonthWork(shifts, emps))
	if err == nil {
		work, err = idleStatutory(ctx, store, coop, settings, month, work, emps)
	}
	if err == nil {
		err = markUnchecked(ctx, store, coop, shifts, work)
	}
	if err != nil {
		return gathered{}, err
	}
	var pas, histories []any
	var rates []string
	months := map[string][]dpcoop.Shift{}
	for i, w := range work {
		pa, err := store.PA(ctx, coop, w.PA)
		if err != nil {
			return gathered{}, classify(err)
		}
		hist, err := store.PayHistory(ctx, coop, w.PA)
		if err != nil {
			return gathered{}, classify(err)
		}
		pas, histories = append(pas, pa), append(histories, hist)
		if work[i].StatutoryMembers, err = statutoryMembers(ctx, store, coop, settings, month, pa, hist, emps, months); err != nil {
			return gathered{}, err
		}
		for _, e := range emps {
			if e.PA == w.PA {
				rates = append(rates, fmt.Sprintf("%s@%d", e.ID, e.Version))
			}
		}
	}
	sort.Strings(approved)
	sort.Strings(rates)
	return gathered{work: work, records: store, inputs: dpcoop.RunInputs{
		Shifts: fingerprint(approved), Rates: fingerprint(rates), TaxCodes: fingerprint(histories),
		PARecords: fingerprint(pas), Settings: fingerprint(settings),
	}}, nil
}

// fingerprint is a short digest of v's JSON (plain data: it cannot fail).
func fingerprint(v any) string {
	b, _ := json.Marshal(v)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}

// mayFinalise checks that a month's run may become final now: the month
// has ended (unless the co-op pays within it), every earlier month with
// approved work is final, and nothing it was calculated from has changed.
// earlier holds the runs the caller has read (UnpaidBefore); store may hold
// PAs' records the caller has read since the run started (a roster), which
// the check takes as they are. It answers the PAs' records and histories it
// read for that check, for finishing the run without reading them again.
func (r *Runner) mayFinalise(ctx context.Context, store Store, c dpcoop.Coop, run dpcoop.Run, earlier map[string]dpcoop.Run, now time.Time) (Store, error) {
	settings := c.PayrollSettings()
	if err := settings.MayFinalise(run.Month, dpcoop.DateOf(now)); err != nil {
		return nil, err
	}
	unpaid, err := UnpaidBefore(ctx, r.Store, c, run.Month, earlier)
	if err != nil {
		return nil, err
	}
	if unpaid != "" {
		return nil, dpcoop.EarlierMonthUnpaid("finalise run", unpaid)
	}
	g, err := gather(ctx, store, c.ID, settings, run.Month)
	if err != nil {
		return nil, err
	}
	return g.records, run.Inputs.Changed(g.inputs)
}
