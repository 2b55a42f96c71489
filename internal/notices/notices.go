// Package notices tells a person of something that concerns them: a notice
// kept for their home page and, if their setting for its kind is on, an
// email in their language. Other services call Notify once an event has
// happened; a retried call finds the notice it made and sends nothing more.
package notices

import (
	"context"
	"slices"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/messages"
)

// Store is what the service reads and writes.
type Store interface {
	Member(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.Member, error)
	PA(ctx context.Context, coop dpcoop.CoopID, id string) (dpcoop.PA, error)
	// AddPageNotice keeps a notice once: one with the same id already kept
	// is returned as it is, created false.
	AddPageNotice(ctx context.Context, coop dpcoop.CoopID, n dpcoop.PageNotice) (dpcoop.PageNotice, bool, error)
	// MarkPageNotice records that a person's notice was read or emailed.
	MarkPageNotice(ctx context.Context, coop dpcoop.CoopID, person, id string, read, emailed bool) error
	PageNotices(ctx context.Context, coop dpcoop.CoopID, person string) ([]dpcoop.PageNotice, error)
	NoticeSettings(ctx context.Context, coop dpcoop.CoopID, person string) (dpcoop.NoticeSettings, error)
	SetNoticeSettings(ctx context.Context, coop dpcoop.CoopID, person string, s dpcoop.NoticeSettings) error
}

// Service keeps and sends notices.
type Service struct {
	Store Store
	// Mail sends the emails; nil sends none (the page still lists them).
	Mail dpcoop.Notices
}

// Event is what happened that a person (a member or a PA: their record
// gives the language and the email) should hear of: the kind (which
// setting governs it), the text (its subject and body in
// messages are "notice.<Text>.subject" and ".body"), the values the text
// needs, and Ref, what makes this event unlike any other of its text (the
// pairing and its state, say): the notice's id comes from them, so the same
// event told twice is one notice.
type Event struct {
	Person string
	Kind   string
	Text   string
	Ref    string
	Params map[string]string
}

// recipient is where and in which language a person reads their notices.
func (s *Service) recipient(ctx context.Context, coop dpcoop.CoopID, person string) (lang dpcoop.Lang, email string, err error) {
	m, err := s.Store.Member(ctx, coop, person)
	if err == nil {
		email = m.Email
		if email == "" {
			email = m.ElectronicAddress
		}
		return m.Language, email, nil
	}
	if !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		return "", "", err
	}
	pa, err := s.Store.PA(ctx, coop, person)
	if err != nil {
		return "", "", err
	}
	return pa.Language, pa.Email, nil
}

// Notify keeps ev's notice for the person's page and emails it if they
// want its kind by email and have an address. A notice already kept whose
// email went is left alone; one whose email failed is sent again.
func (s *Service) Notify(ctx context.Context, coop dpcoop.CoopID, ev Event, now time.Time) error {
	const op = "notify"
	if !slices.Contains(dpcoop.NoticeKinds, ev.Kind) {
		return dpcoop.E(op, dpcoop.KindInternal, dpcoop.CodeInternal) // a caller's mistake, not the person's
	}
	// The id is as long as any record id (dpcoop.ValidID), so a path can name it.
	n := dpcoop.PageNotice{ID: dpcoop.Fingerprint(ev.Person, ev.Kind, ev.Text, ev.Ref)[:20], Person: ev.Person,
		Kind: ev.Kind, Event: ev.Text, Params: ev.Params, At: now.UTC()}
	kept, _, err := s.Store.AddPageNotice(ctx, coop, n)
	if err != nil || kept.Emailed {
		return err
	}
	set, err := s.Store.NoticeSettings(ctx, coop, ev.Person)
	if err != nil {
		return err
	}
	lang, to, err := s.recipient(ctx, coop, ev.Person)
	if err != nil {
		return err
	}
	if !set.Wants(ev.Kind) || to == "" || s.Mail == nil {
		return nil
	}
	if lang != dpcoop.Welsh {
		lang = dpcoop.English
	}
	err = s.Mail.Send(ctx, dpcoop.Notice{Coop: coop, Member: ev.Person, Kind: ev.Text, Channel: dpcoop.ChannelEmail,
		To: to, Language: lang,
		Subject: messages.Text(lang, "notice."+ev.Text+".subject", ev.Params),
		Body:    messages.Text(lang, "notice."+ev.Text+".body", ev.Params)})
	if err != nil {
		return err
	}
	return s.Store.MarkPageNotice(ctx, coop, ev.Person, n.ID, kept.Read, true)
}

// Mine lists the acting person's notices, newest first.
func (s *Service) Mine(ctx context.Context, p dpcoop.Principal) ([]dpcoop.PageNotice, error) {
	ns, err := s.Store.PageNotices(ctx, p.Coop, p.Person)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(ns, func(a, b dpcoop.PageNotice) int { return b.At.Compare(a.At) })
	return ns, nil
}

// MarkRead records that the acting person read one of their notices; one
// that is not theirs is not found.
func (s *Service) MarkRead(ctx context.Context, p dpcoop.Principal, id string) error {
	ns, err := s.Store.PageNotices(ctx, p.Coop, p.Person)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(ns, func(n dpcoop.PageNotice) bool { return n.ID == id })
	if i < 0 {
		return dpcoop.E("read notice", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	if ns[i].Read {
		return nil
	}
	return s.Store.MarkPageNotice(ctx, p.Coop, p.Person, id, true, ns[i].Emailed)
}

// Settings are the acting person's notice settings.
func (s *Service) Settings(ctx context.Context, p dpcoop.Principal) (dpcoop.NoticeSettings, error) {
	return s.Store.NoticeSettings(ctx, p.Coop, p.Person)
}

// SetSettings changes the acting person's notice settings.
func (s *Service) SetSettings(ctx context.Context, p dpcoop.Principal, in dpcoop.NoticeSettingsInput) (dpcoop.NoticeSettings, error) {
	was, err := s.Store.NoticeSettings(ctx, p.Coop, p.Person)
	if err != nil {
		return was, err
	}
	set, err := in.Validate(was)
	if err != nil {
		return was, err
	}
	return set, s.Store.SetNoticeSettings(ctx, p.Coop, p.Person, set)
}
