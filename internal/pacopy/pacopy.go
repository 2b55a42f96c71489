// Package pacopy is a PA's copy of the data the co-op holds about them (Data,
// UK GDPR Art. 15, docs/pa-data.md) and, within it, of their training and their grievance,
// disciplinary and dispute cases with every letter, for a PA who has left
// (docs/cases.md, "After the PA leaves"). A leaver cannot sign in again (their
// sign-in is revoked when they leave), yet a case may go on, or be appealed,
// after the employment ends, and the PA is entitled to their letters and
// records: an admin downloads this copy for them, or the PA does while a
// token issued before they left still lasts. Each part is read through the
// service that guards it, so the copy shows no more than the reader may
// see: an admin gets only the cases they handle.
package pacopy

import (
	"context"
	"slices"
	"time"

	"github.com/dpcoop/dpcoop/internal/cases"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/payslips"
	"github.com/dpcoop/dpcoop/internal/training"
)

// Service makes the copies.
type Service struct {
	Training *training.Service
	Cases    *cases.Service
	Sources  Sources // the rest of the PA's whole copy (Data)
}

// Copy is the PA's training and cases as one download.
type Copy struct {
	PA       string          `json:"pa_id"`
	Made     time.Time       `json:"made"`
	Training training.Record `json:"training"`
	Cases    []Case          `json:"cases"`
}

// Case is one case with the letters of its stages, each with its text in
// both languages.
type Case struct {
	dpcoop.Case
	Letters []Letter `json:"letters"`
}

// Letter is a stage's letter and its text.
type Letter struct {
	dpcoop.CaseLetter
	Text payslips.LetterText `json:"text"`
}

// Of is the copy of PA pa's records for an admin or the PA themself; anyone
// else is told the PA is not found.
func (s *Service) Of(ctx context.Context, p dpcoop.Principal, pa string, now time.Time) (Copy, error) {
	rec, err := s.Training.Of(ctx, p, pa, now)
	if err != nil {
		return Copy{}, err
	}
	cs, err := s.Cases.OfPA(ctx, p, pa)
	if err != nil {
		return Copy{}, err
	}
	out := Copy{PA: pa, Made: now.UTC(), Training: rec, Cases: []Case{}}
	for _, c := range cs {
		cc := Case{Case: c, Letters: []Letter{}}
		var told []dpcoop.CaseStep
		for _, st := range c.Stages {
			if !st.Step.Letter() || slices.Contains(told, st.Step) {
				continue
			}
			told = append(told, st.Step)
			l, err := s.Cases.Letter(ctx, p, c.ID, string(st.Step))
			if err != nil {
				return Copy{}, err
			}
			cc.Letters = append(cc.Letters, Letter{CaseLetter: l, Text: payslips.CaseLetterText(l)})
		}
		out.Cases = append(out.Cases, cc)
	}
	return out, nil
}
