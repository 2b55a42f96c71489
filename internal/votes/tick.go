package votes

import (
	"context"
	"log/slog"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/messages"
)

// TickReport says what one tick did, for its log line and its tests.
type TickReport struct {
	Opened  int `json:"opened"`
	Closed  int `json:"closed"`
	Counted int `json:"counted"`
	Notices int `json:"notices"`
	Failed  int `json:"failed"`
}

// TickTask is the task the votes schedule's input names; TickInput is that
// input (events/votes-tick.json), as the stack sends it.
const (
	TickTask  = "votes-tick"
	TickInput = `{"source":"dpcoop.schedule","task":"` + TickTask + `"}`
)

// MaxPerTick bounds the motions one tick looks at, so it finishes inside the
// function's timeout; the rest are still due at the next tick.
const MaxPerTick = 50

// maxSteps bounds the steps one motion takes in one tick (open, notice,
// notice, close, count).
const maxSteps = 6

// Tick does whatever is due by now: opens scheduled motions, sends the
// opening and closing notices, closes motions whose time has come, and
// counts closed ones. A failure with one motion is logged and leaves it due;
// the others go on. Closing never waits for notices: votes after the closing
// time are refused by the vote's own condition whatever the tick does.
func (s *Service) Tick(ctx context.Context, now time.Time) (TickReport, error) {
	var rep TickReport
	refs, err := s.Votes.DueMotions(ctx, now, MaxPerTick)
	if err != nil {
		return rep, err
	}
	for _, ref := range refs {
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < 2*time.Second {
			break // the rest are still due at the next tick
		}
		for range maxSteps {
			progressed, err := s.step(ctx, ref, now, &rep)
			if err != nil {
				rep.Failed++
				s.log().ErrorContext(ctx, "votes tick", slog.String("coop", string(ref.Coop)), slog.String("motion", ref.ID), slog.String("error", err.Error()))
				break
			}
			if !progressed {
				break
			}
		}
	}
	return rep, nil
}

// step does the motion's next due thing, if any, and says whether it did.
func (s *Service) step(ctx context.Context, ref dpcoop.MotionRef, now time.Time, rep *TickReport) (bool, error) {
	m, err := s.Votes.Motion(ctx, ref.Coop, ref.ID)
	if err != nil {
		return false, err
	}
	due, ok := m.Due()
	if !ok || due.After(now) {
		return false, nil
	}
	switch {
	case m.Status == dpcoop.MotionScheduled:
		if _, err := s.Open(ctx, ref.Coop, ref.ID, dpcoop.ClosedBySchedule, now, true); err != nil {
			return false, err
		}
		rep.Opened++
	case m.Status == dpcoop.MotionOpen && !now.Before(m.ClosesAt):
		closed, err := s.Votes.CloseMotion(ctx, ref.Coop, ref.ID, m.ClosesAt, dpcoop.ClosedBySchedule)
		if err != nil {
			return false, err
		}
		rep.Closed++
		if _, err := s.record(ctx, ref.Coop, closed.ID); err != nil {
			return false, err
		}
		rep.Counted++
	case m.Status == dpcoop.MotionOpen && !m.NoticeOpened:
		if err := s.notify(ctx, m, dpcoop.NoticeOpened, rep); err != nil {
			return false, err
		}
	case m.Status == dpcoop.MotionOpen && !m.NoticeClosing:
		if err := s.notify(ctx, m, dpcoop.NoticeClosing, rep); err != nil {
			return false, err
		}
	case m.Status == dpcoop.MotionClosed && m.Outcome == "":
		if _, err := s.record(ctx, ref.Coop, ref.ID); err != nil {
			return false, err
		}
		rep.Counted++
	default:
		return false, nil
	}
	return true, nil
}

// notify sends a kind of notice to the motion's electorate, each member in
// their language by the channel they consented to, marking each elector as
// it goes so a tick that fails half way resumes where it stopped. The
// closing reminder goes only to those who have not voted yet.
func (s *Service) notify(ctx context.Context, m dpcoop.Motion, kind string, rep *TickReport) error {
	const op = "send notices"
	if s.Notices == nil {
		return dpcoop.Errorf(op, "no notice sender configured")
	}
	members, err := s.register(ctx, m.Coop)
	if err != nil {
		return err
	}
	byID := make(map[string]dpcoop.Member, len(members))
	for _, mem := range members {
		byID[mem.ID] = mem
	}
	page := dpcoop.PageRequest{Limit: dpcoop.MaxPageLimit}
	for {
		res, err := s.Votes.Electors(ctx, m.Coop, m.ID, page)
		if err != nil {
			return err
		}
		for _, e := range res.Items {
			sent := e.NoticeOpened
			if kind == dpcoop.NoticeClosing {
				sent = e.NoticeClosing || e.Voted
			}
			mem, known := byID[e.Member]
			if sent || !known || e.Snapshot != m.Snapshot {
				continue
			}
			if err := s.Notices.Send(ctx, NoticeFor(m, mem, kind)); err != nil {
				return err
			}
			rep.Notices++
			if err := s.Votes.MarkElectorNoticed(ctx, m.Coop, m.ID, e.Member, kind); err != nil {
				return err
			}
		}
		if res.Next == "" {
			break
		}
		page.Cursor = res.Next
	}
	_, err = s.Votes.MarkMotionNoticed(ctx, m.Coop, m.ID, kind)
	return err
}

// NoticeFor writes a notice about a motion to one member, in their language.
func NoticeFor(m dpcoop.Motion, mem dpcoop.Member, kind string) dpcoop.Notice {
	lang := mem.Language
	if lang != dpcoop.Welsh {
		lang = dpcoop.English
	}
	title, text := m.TitleEN, m.TextEN
	if lang == dpcoop.Welsh {
		title, text = m.TitleCY, m.TextCY
	}
	params := map[string]string{
		"title": title, "text": text, "closes": m.ClosesAt.In(dpcoop.London).Format("2006-01-02 15:04"), "motion": m.ID,
	}
	channel, to := mem.NoticeChannel()
	return dpcoop.Notice{
		Coop: m.Coop, Motion: m.ID, Member: mem.ID, Kind: kind, Channel: channel, To: to, Language: lang,
		Subject: messages.Text(lang, "notice."+kind+".subject", params),
		Body:    messages.Text(lang, "notice."+kind+".body", params),
	}
}
