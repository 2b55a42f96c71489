package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/ballot"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// The admins' vote pages: motions, drafting one, opening and closing it,
// its results, recording a member's postal or paper vote, and the co-op's
// voting rules.
func (h *Handler) adminMotionRoutes() {
	h.mux.HandleFunc("GET /admin/motions", h.page(adminOnly, h.motionList))
	h.mux.HandleFunc("GET /admin/motions/new", h.page(adminOnly, h.motionForm))
	h.mux.HandleFunc("POST /admin/motions/new", h.page(adminOnly, h.draftMotion))
	h.mux.HandleFunc("GET /admin/motions/rules", h.page(adminOnly, h.votingRulesForm))
	h.mux.HandleFunc("POST /admin/motions/rules", h.page(adminOnly, h.setVotingRules))
	h.mux.HandleFunc("GET /admin/motions/{id}", h.page(adminOnly, h.shows("admin-motion", h.adminMotionView)))
	h.mux.HandleFunc("POST /admin/motions/{id}/open", h.page(adminOnly, h.openMotion))
	h.mux.HandleFunc("GET /admin/motions/{id}/close", h.page(adminOnly, h.closeMotion))
	h.mux.HandleFunc("POST /admin/motions/{id}/close", h.page(adminOnly, h.closeMotion))
	h.mux.HandleFunc("POST /admin/motions/{id}/postal", h.page(adminOnly, h.postalVote))
}

// motionList lists every motion, drafts included, newest first as stored.
func (h *Handler) motionList(w http.ResponseWriter, r *request) error {
	ms, err := h.cfg.Services.Votes.Visible(r.Context(), r.principal)
	if err != nil {
		return err
	}
	rows := []motionRow{}
	for _, m := range ms {
		rows = append(rows, h.motionRow(r, m))
	}
	h.render(w, r, http.StatusOK, "admin-motions", moneyView(r, "adminvote.title", rows))
	return nil
}

// draftKinds are the motions the form drafts, each with a hint saying what
// it is for.
var draftKinds = []ballot.Kind{ballot.OrdinaryResolution, ballot.SpecialResolution, ballot.BoardElection, ballot.Poll}

// draftThresholds are the share of votes a resolution needs.
var draftThresholds = []ballot.ThresholdKind{ballot.SimpleMajority, ballot.TwoThirds, ballot.ThreeQuarters}

func motionFormView(r *request) *view {
	l := r.lang
	var d struct{ Kinds, Thresholds, Secret, Ranked []option }
	for _, k := range draftKinds {
		d.Kinds = append(d.Kinds, option{Value: string(k), Text: T(l, "motion.kind."+string(k)), Hint: T(l, "motion.kind."+string(k)+".hint")})
	}
	for _, t := range draftThresholds {
		d.Thresholds = append(d.Thresholds, option{Value: string(t), Text: T(l, "motion.threshold."+string(t))})
	}
	d.Secret = []option{{Value: "yes", Text: T(l, "motion.secret.yes"), Hint: T(l, "motion.secret.hint")}}
	d.Ranked = []option{{Value: "yes", Text: T(l, "motion.ranked.yes")}}
	v := withData(r.view("adminvote.new.title"), d)
	v.Form = "motion"
	return v
}

func (h *Handler) motionForm(w http.ResponseWriter, r *request) error {
	v := motionFormView(r)
	v.Values.Set("kind", string(ballot.OrdinaryResolution))
	v.Values.Set("threshold", string(ballot.SimpleMajority))
	v.Values.Set("closes_time", "18:00")
	v.Values.Set("key", newSecret())
	h.render(w, r, http.StatusOK, "admin-motion-new", v)
	return nil
}

// closesAt is the closing date and time, read as London time, in the form
// the service takes; a date or time that is not one is passed on for the
// service to refuse.
func closesAt(date, clock string) string {
	if date == "" && clock == "" {
		return ""
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", date+" "+clock, dpcoop.London)
	if err != nil {
		return date + "T" + clock
	}
	return t.Format(time.RFC3339)
}

// draftMotion drafts a motion; the same form sent twice drafts one. The
// form has a part for resolutions (the threshold) and one for elections
// and polls (the choices; seats and ranking for an election): the page
// reads the part of the kind chosen and the domain judges it.
func (h *Handler) draftMotion(w http.ResponseWriter, r *request) error {
	v := motionFormView(r)
	keep(r, v, append([]string{"title_cy", "title_en", "text_cy", "text_en", "kind", "threshold", "secret", "closes_time", "key",
		"choices_cy", "choices_en", "seats", "ranked"}, dateFields("closes_at")...)...)
	kind := ballot.Kind(v.Val("kind"))
	in := dpcoop.MotionInput{Rules: ballot.Rules{Kind: kind},
		TitleCY: v.Val("title_cy"), TitleEN: v.Val("title_en"), TextCY: v.Val("text_cy"), TextEN: v.Val("text_en"),
		Secret: v.Val("secret") == "yes", ClosesAt: closesAt(dateOf(v, "closes_at"), v.Val("closes_time"))}
	switch {
	case kind.Resolution():
		in.Threshold = ballot.Threshold{Kind: ballot.ThresholdKind(v.Val("threshold"))}
	case kind == ballot.BoardElection || kind == ballot.Poll:
		in.Options, in.Labels = draftChoices(v.Val("choices_cy"), v.Val("choices_en"))
		if kind == ballot.BoardElection {
			in.Seats, _ = strconv.Atoi(v.Val("seats")) // not a number: 0 seats, which the domain refuses
			in.Ranked = v.Val("ranked") == "yes"
		}
	}
	canonical, _ := json.Marshal(in) // plain values: cannot fail
	fp := dpcoop.Fingerprint(string(canonical))
	key := v.Val("key")
	if key == "" {
		return dpcoop.E("draft motion", dpcoop.KindMalformed, dpcoop.CodeMalformed)
	}
	m, _, err := h.cfg.Services.Votes.Propose(r.Context(), r.principal, in, dpcoop.DerivedID("motion-form", string(r.principal.Coop), r.principal.Person, key), fp, r.now)
	if de := dpcoop.ErrorOf(err); de.Kind == dpcoop.KindInvalid && len(de.Fields) > 0 {
		for _, fe := range de.Fields {
			motionProblem(v, in, fe)
		}
		h.render(w, r, http.StatusBadRequest, "admin-motion-new", v)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/admin/motions/"+m.ID+"?done=drafted", http.StatusSeeOther)
	return nil
}

// choiceID is the id the page gives the choice on line n (from 1) of the
// choices: the ballot's ids are the page's business, not the admin's.
func choiceID(n int) string { return "option_" + strconv.Itoa(n) }

// draftChoices pairs line n of the Welsh choices with line n of the English
// (blank lines left out) into the ballot's options and their labels. A line
// without its partner keeps an empty label, which the domain refuses.
func draftChoices(cy, en string) ([]string, map[string]dpcoop.Label) {
	cys, ens := choiceLines(cy), choiceLines(en)
	var opts []string
	labels := map[string]dpcoop.Label{}
	for i := range max(len(cys), len(ens)) {
		id := choiceID(i + 1)
		var l dpcoop.Label
		if i < len(cys) {
			l.CY = cys[i]
		}
		if i < len(ens) {
			l.EN = ens[i]
		}
		opts = append(opts, id)
		labels[id] = l
	}
	return opts, labels
}

// choiceLines are a choices box's lines, trimmed, blank ones left out.
func choiceLines(s string) []string {
	var out []string
	for line := range strings.Lines(s) {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// motionProblem puts one of the domain's problems with a draft on the form:
// a choice's label on its line of the Welsh or English choices, the options
// and seats in the admin's words, each problem once in the summary.
func motionProblem(v *view, in dpcoop.MotionInput, fe dpcoop.FieldError) {
	l := v.Lang
	add := func(field, msg string) {
		v.Errors = append(v.Errors, fieldError{Field: field, Anchor: v.ID(field), Message: msg})
	}
	if rest, ok := strings.CutPrefix(fe.Field, "labels."); ok {
		id, lang, _ := strings.Cut(rest, ".")
		line := strings.TrimPrefix(id, "option_")
		field := "choices_" + lang
		switch fe.Code {
		case dpcoop.FieldRequired:
			add(field, T(l, "motion."+field+".unpaired", "line", line))
		case dpcoop.FieldTooLong:
			add(field, T(l, "motion."+field+".too_long", "line", line, "max", fe.Params["max"]))
		default:
			add(field, T(l, "motion.choices.line", "line", line)+": "+fieldMessage(l, v.Form, fe))
		}
		return
	}
	switch {
	case fe.Field == "options" && fe.Code == string(ballot.CodeTooFewOptions):
		add("choices_cy", T(l, "motion.choices.too_few."+string(in.Kind)))
	case fe.Field == "options" && fe.Code == string(ballot.CodeTooManyOptions):
		add("choices_cy", T(l, "motion.choices.too_many", "max", strconv.Itoa(ballot.MaxOptions)))
	case fe.Field == "seats":
		add("seats", T(l, "motion.seats.out_of_range", "candidates", strconv.Itoa(len(in.Options))))
	case fe.Field == "threshold" || fe.Field == "kind":
		add(fe.Field, T(l, "motion."+fe.Field+".invalid"))
	default:
		v.addError(fe)
	}
}

// adminMotionData is one motion as the admins run it.
type adminMotionData struct {
	ID, Text, Status, StatusColour string
	Rows                           []row
	Draft, Open                    bool
	Postal                         bool
	Members, Choices, Channels     []option
	Results                        *resultsData
	// OptionsHeading and Options are an election's candidates or a poll's
	// answers, in the admin's language.
	OptionsHeading string
	Options        []string
}

// adminMotionView reads a motion, its results when they may be shown and,
// while it is open, the postal vote form.
func (h *Handler) adminMotionView(r *request) (*view, error) {
	rd, err := h.cfg.Services.Votes.Read(r.Context(), r.principal, r.PathValue("id"), r.now)
	if err != nil {
		return nil, err
	}
	m, l := rd.Motion, r.lang
	mr := h.motionRow(r, m)
	secret := T(l, "adminvote.open.ballot")
	if m.Secret {
		secret = T(l, "adminvote.secret.ballot")
	}
	d := adminMotionData{ID: m.ID, Text: pick(l, m.TextCY, m.TextEN), Status: mr.Status, StatusColour: mr.StatusColour,
		Draft: m.Status == dpcoop.MotionDraft, Open: m.AcceptsVotes(r.now), Rows: []row{
			{T(l, "adminvote.kind"), T(l, "motion.kind."+string(m.Rules.Kind))},
			{T(l, "adminvote.ballot"), secret},
			{T(l, "adminvote.closes"), mr.Closes},
		}}
	if m.Status != dpcoop.MotionDraft {
		d.Rows = append(d.Rows, row{T(l, "adminvote.electorate"), strconv.FormatInt(m.Electorate, 10)})
	}
	label := func(o string) string {
		if lb, ok := m.Labels[o]; ok {
			return pick(l, lb.CY, lb.EN)
		}
		if o == ballot.For || o == ballot.Against || o == ballot.Abstain {
			return T(l, "vote.choice."+o)
		}
		return o
	}
	if !m.Rules.Kind.Resolution() {
		d.OptionsHeading = T(l, "adminvote.options."+string(m.Rules.Kind))
		for _, o := range m.Rules.Options {
			d.Options = append(d.Options, label(o))
		}
	}
	if m.Rules.Kind == ballot.BoardElection {
		count := T(l, "adminvote.count.plurality", "seats", strconv.Itoa(m.Rules.Seats))
		if m.Rules.Ranked {
			count = T(l, "adminvote.count.ranked")
		}
		d.Rows = append(d.Rows, row{T(l, "adminvote.seats"), strconv.Itoa(m.Rules.Seats)}, row{T(l, "adminvote.count"), count})
	}
	if res := rd.Results; res != nil {
		rs := &resultsData{Final: res.Final, Outcome: T(l, "vote.outcome."+string(res.Result.Outcome)),
			Ballots: strconv.FormatInt(res.Result.Ballots, 10), Electorate: strconv.FormatInt(res.Result.Electorate, 10)}
		for _, o := range res.Result.Options {
			rs.Rows = append(rs.Rows, row{Key: label(o.Option), Value: strconv.FormatInt(o.Votes, 10)})
		}
		d.Results = rs
	}
	if d.Open && rd.Rules.PostalVotes && !m.Rules.Ranked {
		reg, err := h.cfg.Services.Members.Register(r.Context(), r.principal)
		if err != nil {
			return nil, err
		}
		d.Postal = true
		for _, e := range reg {
			if e.Active(dpcoop.DateOf(r.now)) {
				d.Members = append(d.Members, option{Value: e.ID, Text: e.Name})
			}
		}
		opts := m.Rules.Options
		if m.Rules.Kind.Resolution() {
			opts = []string{ballot.For, ballot.Against}
		}
		for _, o := range append(opts, ballot.Abstain) {
			d.Choices = append(d.Choices, option{Value: o, Text: label(o)})
		}
		d.Choices = append(d.Choices, option{Value: "spoilt", Text: T(l, "postal.choices.spoilt")})
		for _, c := range []ballot.Channel{ballot.ChannelPostal, ballot.ChannelPaper} {
			d.Channels = append(d.Channels, option{Value: string(c), Text: T(l, "postal.channel."+string(c))})
		}
	}
	v := moneyView(r, "adminvote.title", &d)
	v.Title = mr.Title
	v.Form = "postal"
	return v, nil
}

// openMotion opens a draft: now, or scheduled when its opening time is
// still to come. Opening an open motion changes nothing.
func (h *Handler) openMotion(w http.ResponseWriter, r *request) error {
	m, err := h.cfg.Services.Votes.Motion(r.Context(), r.principal, r.PathValue("id"))
	if err != nil {
		return err
	}
	if _, err := h.cfg.Services.Votes.Open(r.Context(), r.principal.Coop, m.ID, r.principal.Person, r.now, false); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/admin/motions/"+m.ID+"?done=opened", http.StatusSeeOther)
	return nil
}

// closeMotion asks to confirm, then closes an open motion early and
// counts it.
func (h *Handler) closeMotion(w http.ResponseWriter, r *request) error {
	m, err := h.cfg.Services.Votes.Motion(r.Context(), r.principal, r.PathValue("id"))
	if err != nil {
		return err
	}
	if r.Method != http.MethodPost || !confirmed(r) {
		l := r.lang
		mr := h.motionRow(r, m)
		h.confirm(w, r, "adminvote.close.title", confirmData{
			Heading: T(l, "adminvote.close.heading", "title", mr.Title),
			Lines:   []string{T(l, "adminvote.close.ends"), T(l, "adminvote.close.early", "when", mr.Closes), T(l, "adminvote.close.count")},
			Action:  "/admin/motions/" + m.ID + "/close", Button: T(l, "adminvote.close.button"), Cancel: "/admin/motions/" + m.ID,
		})
		return nil
	}
	if _, err := h.cfg.Services.Votes.Close(r.Context(), r.principal.Coop, m.ID, r.principal.Person, r.now); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/admin/motions/"+m.ID+"?done=closed", http.StatusSeeOther)
	return nil
}

// postalVote records a member's postal or paper vote, entered by the
// admin: once, while the motion is open, where the co-op's rules allow.
func (h *Handler) postalVote(w http.ResponseWriter, r *request) error {
	v, err := h.adminMotionView(r)
	if err != nil {
		return err
	}
	keep(r, v, "member_id", "channel", "choices")
	in := dpcoop.VoteInput{Member: v.Val("member_id"), Channel: v.Val("channel")}
	switch c := v.Val("choices"); c {
	case "":
	case "spoilt":
		in.Spoilt = true
	case ballot.Abstain:
		in.Choices = []string{}
	default:
		in.Choices = []string{c}
	}
	_, _, err = h.cfg.Services.Votes.Cast(r.Context(), r.principal, v.Data.(*adminMotionData).ID, in, r.now)
	if err == nil {
		http.Redirect(w, r.Request, "/admin/motions/"+r.PathValue("id")+"?done=postal", http.StatusSeeOther)
		return nil
	}
	if !v.problems(err) {
		de := dpcoop.ErrorOf(err)
		if de.Kind != dpcoop.KindConflict && de.Kind != dpcoop.KindForbidden || de.Code == dpcoop.CodeForbidden {
			return err
		}
		v.Errors = append(v.Errors, fieldError{Field: "member_id", Anchor: v.ID("member_id"), Message: T(r.lang, de.Code)})
	}
	for i, e := range v.Errors {
		if strings.HasPrefix(e.Field, "choices") || e.Field == "spoilt" {
			v.Errors[i].Anchor = v.ID("choices")
		}
	}
	h.render(w, r, http.StatusBadRequest, "admin-motion", v)
	return nil
}

// votingRulesView is the voting rules form.
func votingRulesView(r *request) *view {
	l := r.lang
	var opts []option
	for _, k := range []string{"members_may_propose", "proxies", "postal_votes"} {
		opts = append(opts, option{Value: k, Text: T(l, "rules.allow."+k)})
	}
	v := moneyView(r, "adminvote.rules.title", opts)
	v.Form = "rules"
	return v
}

func (h *Handler) votingRulesForm(w http.ResponseWriter, r *request) error {
	rules, err := h.cfg.Services.Votes.Votes.VotingRules(r.Context(), r.principal.Coop)
	if err != nil {
		return err
	}
	v := votingRulesView(r)
	for k, on := range map[string]bool{"members_may_propose": rules.MembersMayPropose, "proxies": rules.Proxies, "postal_votes": rules.PostalVotes} {
		if on {
			v.Values.Add("allow", k)
		}
	}
	v.Values.Set("proxy_cap", strconv.Itoa(rules.ProxyCap))
	h.render(w, r, http.StatusOK, "admin-voting-rules", v)
	return nil
}

// setVotingRules saves what the co-op's rules say about its votes.
func (h *Handler) setVotingRules(w http.ResponseWriter, r *request) error {
	v := votingRulesView(r)
	v.Values["allow"] = r.PostForm["allow"]
	keep(r, v, "proxy_cap")
	in := dpcoop.VotingRules{MembersMayPropose: v.Has("allow", "members_may_propose"), Proxies: v.Has("allow", "proxies"),
		PostalVotes: v.Has("allow", "postal_votes"), ProxyCap: -1}
	if n, err := strconv.Atoi(v.Val("proxy_cap")); err == nil {
		in.ProxyCap = n
	}
	err := in.Validate()
	if err == nil {
		err = h.cfg.Services.Votes.Votes.SetVotingRules(r.Context(), r.principal.Coop, in)
	}
	if v.problems(err) {
		h.render(w, r, http.StatusBadRequest, "admin-voting-rules", v)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/admin/motions/rules?done=rules", http.StatusSeeOther)
	return nil
}
