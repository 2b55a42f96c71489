package payrun

import (
	"context"
	"maps"
	"slices"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/metrics"
)

// BatchSize is how many PAs one calculate step pays: their payslips, the
// batch's problems and the check that the attempt is still calculating fill
// one transaction of DynamoDB's 100 items.
const BatchSize = 98

// Batch is a run attempt's work for up to BatchSize PAs, stored by the start
// step for a calculate step to read by its number: the execution carries
// the number, never a PA's record or pay (Step Functions keeps every
// state's input and output in the execution's history, and limits each to
// 256 KB).
type Batch struct {
	Number   int                    `json:"number"`
	PayDate  dpcoop.Date            `json:"pay_date"`
	Settings dpcoop.PayrollSettings `json:"settings"`
	Work     []Work                 `json:"work"`
}

// BatchDone is a calculate step's answer: counts only, so the Map's output
// stays small however many PAs the co-op employs.
type BatchDone struct {
	Batch    int `json:"batch"`
	Payslips int `json:"payslips"`
	Problems int `json:"problems"`
}

// batches splits the month's work into numbered batches.
func batches(work []Work, payDate dpcoop.Date, s dpcoop.PayrollSettings) []Batch {
	out := []Batch{}
	for chunk := range slices.Chunk(work, BatchSize) {
		out = append(out, Batch{Number: len(out), PayDate: payDate, Settings: s, Work: chunk})
	}
	return out
}

// PARecordSet is PAs' records, pay histories and right-to-work checks read
// together (Store.PARecords, Store.CoopRuns).
type PARecordSet struct {
	// PAs misses a PA without a record.
	PAs map[string]dpcoop.PA
	// Histories has every PA asked for, empty when they have none.
	Histories   map[string]dpcoop.PayHistory
	Recruitment map[string]dpcoop.Recruitment
}

// roster answers PA and PayHistory from records read together (one
// BatchGetItem for every hundred keys), so a step that goes through every PA
// does not read each in turn; a PA it was not given is read from the store.
type roster struct {
	Store
	recs PARecordSet
}

// rosterOf answers from recs, and from store for any other PA.
func rosterOf(store Store, recs PARecordSet) roster {
	return roster{Store: store, recs: recs}
}

// withRecords reads the records and histories of the PAs that store (a
// roster, maybe) does not hold yet at once, and answers from them.
func withRecords(ctx context.Context, store Store, coop dpcoop.CoopID, ids []string) (Store, error) {
	held, _ := store.(roster)
	ids = slices.DeleteFunc(slices.Clone(ids), func(id string) bool {
		_, ok := held.recs.Histories[id] // every PA read has a history, maybe empty
		return ok
	})
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) == 0 {
		return store, nil
	}
	recs, err := store.PARecords(ctx, coop, ids)
	if err != nil {
		return nil, classify(err)
	}
	if held.Store == nil {
		return rosterOf(store, recs), nil
	}
	maps.Copy(recs.PAs, held.recs.PAs)
	maps.Copy(recs.Histories, held.recs.Histories)
	maps.Copy(recs.Recruitment, held.recs.Recruitment)
	return rosterOf(held.Store, recs), nil
}

func (r roster) Recruitment(ctx context.Context, coop dpcoop.CoopID, pa string) (dpcoop.Recruitment, error) {
	if rec, ok := r.recs.Recruitment[pa]; ok {
		return rec, nil
	}
	return r.Store.Recruitment(ctx, coop, pa)
}

func (r roster) PA(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.PA, error) {
	if pa, ok := r.recs.PAs[id]; ok {
		return pa, nil
	}
	return r.Store.PA(ctx, coop, id)
}

func (r roster) PayHistory(ctx context.Context, coop dpcoop.CoopID, pa string) (dpcoop.PayHistory, error) {
	if h, ok := r.recs.Histories[pa]; ok {
		return h, nil
	}
	return r.Store.PayHistory(ctx, coop, pa)
}

// CalculateBatch works out the payslips of one batch of the attempt and
// stores them, with the problems of the PAs who cannot be paid yet, in one
// transaction: a retried batch writes the same payslips again.
func (r *Runner) CalculateBatch(ctx context.Context, job Job, n int) (BatchDone, error) {
	b, c, err := r.Store.Batch(ctx, job.Coop, job, n)
	if err != nil {
		return BatchDone{}, classify(err)
	}
	ids := make([]string, 0, len(b.Work))
	for _, w := range b.Work {
		ids = append(ids, w.PA)
	}
	store, err := withRecords(ctx, r.Store, job.Coop, ids)
	if err != nil {
		return BatchDone{}, err
	}
	var slips []dpcoop.Payslip
	var problems []Calculated
	for _, w := range b.Work {
		slip, res, err := r.calculate(ctx, store, c, Calculation{Job: job, PayDate: b.PayDate, Settings: b.Settings, Work: w})
		switch {
		case err != nil:
			return BatchDone{}, err
		case res.Problem != "":
			problems = append(problems, res)
		default:
			slips = append(slips, slip)
		}
	}
	if err := r.Store.PutPayslips(ctx, job.Coop, job, n, slips, problems); err != nil {
		return BatchDone{}, classify(err)
	}
	r.Metrics.Count(metrics.PayslipsProduced, int64(len(slips)))
	return BatchDone{Batch: n, Payslips: len(slips), Problems: len(problems)}, nil
}
