package local

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/votes"
)

var _ dpcoop.Notices = (*Outbox)(nil)

// Send stands in for SES (email) and the co-op's printed letters (post) in
// make dev: each notice is appended to outbox/notices.jsonl, and a readable
// copy is written to outbox/notices/<coop>-<motion>-<kind>-<member>.txt.
func (o *Outbox) Send(ctx context.Context, n dpcoop.Notice) error {
	const op = "local notice"
	o.mu.Lock()
	defer o.mu.Unlock()
	dir := filepath.Join(o.dir, "notices")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return dpcoop.Wrap(op, err)
	}
	line, err := json.Marshal(n)
	if err != nil {
		return dpcoop.Wrap(op, err)
	}
	f, err := os.OpenFile(filepath.Join(o.dir, "notices.jsonl"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return dpcoop.Wrap(op, err)
	}
	defer f.Close()
	if _, err := f.Write(append(line, '\n')); err != nil {
		return dpcoop.Wrap(op, err)
	}
	text := fmt.Sprintf("To: %s (%s)\nLanguage: %s\nSubject: %s\n\n%s\n", n.To, n.Channel, n.Language, n.Subject, n.Body)
	name := fmt.Sprintf("%s-%s-%s-%s.txt", n.Coop, n.Motion, n.Kind, n.Member)
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
		return dpcoop.Wrap(op, err)
	}
	o.log.InfoContext(ctx, "local notice written", slog.String("coop", string(n.Coop)), slog.String("kind", n.Kind),
		slog.String("channel", n.Channel), slog.String("file", filepath.Join("outbox", "notices", name)))
	return nil
}

// VoteTickEvery is how often make dev runs the votes tick (the EventBridge
// schedule runs it every 5 minutes on AWS).
var VoteTickEvery = time.Minute

// TickVotes runs the votes tick now, at the stack's clock: scheduled motions
// open, notices are written to the outbox, due motions close and are counted.
func (s *Stack) TickVotes(ctx context.Context) (votes.TickReport, error) {
	return s.Services.Votes.Tick(ctx, s.now())
}

// startVoteTicks runs the votes tick every VoteTickEvery until the stack
// closes.
func (s *Stack) startVoteTicks() {
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(VoteTickEvery)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				rep, err := s.TickVotes(context.Background())
				if err != nil {
					s.Outbox.log.Error("votes tick", slog.String("error", err.Error()))
				} else if rep != (votes.TickReport{}) {
					s.Outbox.log.Info("votes tick", slog.Int("opened", rep.Opened), slog.Int("closed", rep.Closed),
						slog.Int("notices", rep.Notices), slog.Int("failed", rep.Failed))
				}
			}
		}
	}()
	s.closers = append(s.closers, func() error { close(stop); <-done; return nil })
}
