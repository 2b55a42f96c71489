package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/accounts"
	"github.com/dpcoop/dpcoop/internal/ballot"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/messages"
	"github.com/dpcoop/dpcoop/internal/payslips"
)

// The member's pages: what needs them, shifts to approve, their money,
// votes, pools and a copy of their data. Each has an Easy Read version
// (see docs/easy-read.md), switched on per person.
func (h *Handler) memberRoutes() {
	m := []dpcoop.Role{dpcoop.RoleMember}
	h.mux.HandleFunc("GET /member", h.page(m, h.memberHome))
	h.mux.HandleFunc("GET /member/shifts", h.page(m, h.approvals))
	h.mux.HandleFunc("POST /member/shifts/{id}/approve", h.page(m, h.approveShift))
	h.mux.HandleFunc("GET /member/shifts/{id}/send-back", h.page(m, h.shows("member-sendback", h.sendBackView)))
	h.mux.HandleFunc("POST /member/shifts/{id}/send-back", h.page(m, h.sendBack))
	h.mux.HandleFunc("GET /member/money", h.page(m, h.money))
	h.mux.HandleFunc("GET /member/money/{file}", h.page(m, h.statementFile))
	h.mux.HandleFunc("GET /member/votes", h.page(m, h.motions))
	h.mux.HandleFunc("GET /member/votes/{id}", h.page(m, h.shows("member-vote", h.motionView)))
	h.mux.HandleFunc("POST /member/votes/{id}", h.castVote)
	h.mux.HandleFunc("POST /member/votes/{id}/proxy", h.page(m, h.appointProxy))
	h.mux.HandleFunc("GET /member/pools", h.page(m, h.shows("member-pools", h.poolsView)))
	h.mux.HandleFunc("POST /member/pools/{id}/join", h.page(m, h.joinPool))
	h.mux.HandleFunc("POST /member/pools/{id}/spending/{spending}/approve", h.page(m, h.approveSpending))
	h.mux.HandleFunc("GET /member/data", h.page(m, h.dataPage))
	h.mux.HandleFunc("GET /member/data/download", h.page(m, h.dataDownload))
	h.mux.HandleFunc("POST /easy-read", h.page(nil, h.setEasyRead))
}

// memberNav is the member's part of the service navigation.
func memberNav(r *request) []navItem {
	var items []navItem
	for _, n := range [][2]string{{"/member", "nav.member.home"}, {"/member/shifts", "nav.member.shifts"},
		{"/member/money", "nav.member.money"}, {"/member/votes", "nav.member.votes"},
		{"/member/pools", "nav.member.pools"}, {"/member/data", "nav.member.data"}, {"/member/rota", "nav.member.rota"}} {
		cur := r.URL.Path == n[0] || n[0] != "/member" && strings.HasPrefix(r.URL.Path, n[0]+"/")
		items = append(items, navItem{Href: n[0], Text: T(r.lang, n[1]), Current: cur})
	}
	return items
}

// memberDone are the notices after a member's change, by ?done=.
var memberDone = map[string]string{
	"approved": "member.done.approved", "sentback": "member.done.sentback", "voted": "vote.done",
	"proxy": "vote.proxy.done", "joined": "pool.done.joined", "spending": "pool.done.approved",
}

// memberView starts a member's page, with the notice a redirect asked for.
func memberView(r *request, title string, data any) *view {
	v := withData(r.view(title), data)
	if key, ok := memberDone[r.URL.Query().Get("done")]; ok {
		v.Notice = T(r.lang, key)
	}
	return v
}

// homeData is what needs the member now.
type homeData struct {
	Waiting int
	Open    []motionRow
	Balance string
	Alerts  []string
	Notices []noticeRow // not yet read
}

// memberHome is what needs the member: shifts to approve, open votes and
// their balance with any alert.
func (h *Handler) memberHome(w http.ResponseWriter, r *request) error {
	waiting, _, err := h.memberShifts(r)
	if err != nil {
		return err
	}
	ms, err := h.cfg.Services.Votes.Visible(r.Context(), r.principal)
	if err != nil {
		return err
	}
	st, err := h.cfg.Services.Accounts.Statement(r.Context(), r.principal, r.principal.Person, dpcoop.Month(dpcoop.DateOf(r.now).Month()))
	if err != nil {
		return err
	}
	data := homeData{Waiting: len(waiting), Balance: payslips.Pounds(st.CarriedForward)}
	for _, m := range ms {
		if m.AcceptsVotes(r.now) {
			data.Open = append(data.Open, h.motionRow(r, m))
		}
	}
	for _, a := range st.Alerts {
		data.Alerts = append(data.Alerts, messages.Alert(r.lang, a))
	}
	if data.Notices, err = h.unreadNotices(r); err != nil {
		return err
	}
	h.render(w, r, http.StatusOK, "member-home", memberView(r, "member.home.title", data))
	return nil
}

// approvalRow is a shift as the member's approval list shows it.
type approvalRow struct {
	ID, When, PA, Kind, Hours, Status, StatusColour, Reason string
	Rows                                                    []row
}

// approvalsData are the shifts waiting for the member and this month's
// decided ones.
type approvalsData struct {
	Waiting, Approved, SentBack []approvalRow
	MonthName                   string
}

// memberShifts are the shifts of last month and this month that wait for
// the member's approval, and this month's others, oldest first.
func (h *Handler) memberShifts(r *request) (waiting, month []dpcoop.Shift, err error) {
	today := dpcoop.DateOf(r.now)
	first, _ := dpcoop.Month(today.Month()).Bounds()
	for _, m := range []string{first.AddDays(-1).Month(), today.Month()} {
		sm, err := h.cfg.Services.Timesheets.Month(r.Context(), r.principal, m, dpcoop.ShiftFilter{Member: r.principal.Person})
		if err != nil {
			return nil, nil, err
		}
		for _, s := range sm.Items {
			if s.Status == dpcoop.ShiftSubmitted && slices.ContainsFunc(s.Members, func(x dpcoop.ShiftMember) bool {
				return x.Member == r.principal.Person && x.ApprovedBy == ""
			}) {
				waiting = append(waiting, s)
			} else if m == today.Month() {
				month = append(month, s)
			}
		}
	}
	return waiting, month, nil
}

// approvals lists the shifts waiting for the member's approval, and this
// month's approved and sent-back shifts.
func (h *Handler) approvals(w http.ResponseWriter, r *request) error {
	waiting, month, err := h.memberShifts(r)
	if err != nil {
		return err
	}
	pas, err := h.paNames(r)
	if err != nil {
		return err
	}
	data := approvalsData{MonthName: payslips.MonthName(r.lang, dpcoop.DateOf(r.now).Month())}
	for _, s := range waiting {
		data.Waiting = append(data.Waiting, approvalRowOf(r, s, pas))
	}
	for _, s := range month {
		switch s.Status {
		case dpcoop.ShiftApproved, dpcoop.ShiftSubmitted: // submitted: the member's part approved, another's waits
			data.Approved = append(data.Approved, approvalRowOf(r, s, pas))
		case dpcoop.ShiftRejected:
			data.SentBack = append(data.SentBack, approvalRowOf(r, s, pas))
		}
	}
	h.render(w, r, http.StatusOK, "member-shifts", memberView(r, "member.shifts.title", data))
	return nil
}

// paNames are the names of the member's PAs, by id.
func (h *Handler) paNames(r *request) (map[string]string, error) {
	pas, err := h.cfg.Services.Employees.Supporters(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, p := range pas {
		out[p.ID] = p.Name
	}
	return out, nil
}

func approvalRowOf(r *request, s dpcoop.Shift, pas map[string]string) approvalRow {
	mins := s.End.Sub(s.Start).Minutes()
	hours := strconv.FormatFloat(mins/60, 'f', -1, 64)
	a := approvalRow{
		ID: s.ID, When: longDate(r.lang, s.Date) + ", " + s.StartTime + "–" + s.EndTime, PA: pas[s.PA],
		Kind: T(r.lang, "shift.kind."+string(s.Kind)), Hours: T(r.lang, "member.shift.hours", "hours", hours),
		Status: T(r.lang, "shift.status."+string(s.Status)), StatusColour: statusColours[s.Status], Reason: s.Reason,
	}
	a.Rows = []row{{T(r.lang, "member.shift.pa"), a.PA}, {T(r.lang, "shift.kind"), a.Kind}, {T(r.lang, "member.shift.length"), a.Hours}}
	if s.MileageTenths > 0 {
		a.Rows = append(a.Rows, row{T(r.lang, "member.shift.miles"), strconv.FormatInt(s.MileageTenths/10, 10) + "." + strconv.FormatInt(s.MileageTenths%10, 10)})
	}
	if s.Notes != "" {
		a.Rows = append(a.Rows, row{T(r.lang, "member.shift.notes"), s.Notes})
	}
	return a
}

// approveShift approves the member's part of a shift.
func (h *Handler) approveShift(w http.ResponseWriter, r *request) error {
	if _, err := h.cfg.Services.Timesheets.Approve(r.Context(), r.principal, r.PathValue("id"), r.now); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/member/shifts?done=approved", http.StatusSeeOther)
	return nil
}

// sendBackView is the form asking why a shift goes back to its PA.
func (h *Handler) sendBackView(r *request) (*view, error) {
	s, err := h.cfg.Services.Timesheets.Shift(r.Context(), r.principal, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	if s.Status != dpcoop.ShiftSubmitted || !s.Supports(r.principal.Person) {
		return nil, dpcoop.E("send back shift", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	pas, err := h.paNames(r)
	if err != nil {
		return nil, err
	}
	v := withData(r.view("member.sendback.title"), approvalRowOf(r, s, pas))
	v.Form = "sendback"
	return v, nil
}

// sendBack sends a shift back to its PA with the member's reason.
func (h *Handler) sendBack(w http.ResponseWriter, r *request) error {
	v, err := h.sendBackView(r)
	if err != nil {
		return err
	}
	reason := strings.TrimSpace(r.PostFormValue("reason"))
	v.Values.Set("reason", reason)
	_, err = h.cfg.Services.Timesheets.Reject(r.Context(), r.principal, r.PathValue("id"), reason, r.now)
	if v.refused(err) {
		h.render(w, r, http.StatusBadRequest, "member-sendback", v)
		return nil
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/member/shifts?done=sentback", http.StatusSeeOther)
	return nil
}

// moneyData is a month's statement as the page shows it.
type moneyData struct {
	Month, MonthName, BroughtForward, CarriedForward string
	Lines                                            []moneyLine
	Alerts                                           []string
	Months                                           []option
}

// moneyLine is one movement of the month.
type moneyLine struct {
	Date, Description, In, Out, Balance string
	PaidFor                             []string
}

// statementMonth is the month a page asks for (?month= or the path), or
// this month.
func statementMonth(r *request, s string) (dpcoop.Month, error) {
	if s == "" {
		return dpcoop.Month(dpcoop.DateOf(r.now).Month()), nil
	}
	if _, ok := dpcoop.ParseMonth(s); !ok {
		return "", dpcoop.E("statement", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return dpcoop.Month(s), nil
}

// money is the member's account and a month's statement, with the month to
// choose and the PDF and CSV downloads.
func (h *Handler) money(w http.ResponseWriter, r *request) error {
	month, err := statementMonth(r, r.URL.Query().Get("month"))
	if err != nil {
		return err
	}
	st, err := h.cfg.Services.Accounts.Statement(r.Context(), r.principal, r.principal.Person, month)
	if err != nil {
		return err
	}
	l := r.lang
	data := moneyData{Month: st.Month, MonthName: payslips.MonthName(l, st.Month), BroughtForward: payslips.Pounds(st.BroughtForward),
		CarriedForward: payslips.Pounds(st.CarriedForward)}
	for _, line := range st.Lines {
		ml := moneyLine{Date: longDate(l, line.Date), Description: messages.Describe(l, line), Balance: payslips.Pounds(line.Balance)}
		if line.In != 0 {
			ml.In = payslips.Pounds(line.In)
		}
		if line.Out != 0 {
			ml.Out = payslips.Pounds(line.Out)
		}
		for _, p := range line.PaidFor {
			ml.PaidFor = append(ml.PaidFor, messages.PaidFor(l, p))
		}
		data.Lines = append(data.Lines, ml)
	}
	for _, a := range st.Alerts {
		data.Alerts = append(data.Alerts, messages.Alert(l, a))
	}
	this := dpcoop.DateOf(r.now).Month()
	first, _ := dpcoop.Month(this).Bounds()
	for i := 0; i < 12; i++ {
		m := first.Time().AddDate(0, -i, 0).Format("2006-01")
		data.Months = append(data.Months, option{Value: m, Text: payslips.MonthName(l, m)})
	}
	v := memberView(r, "money.title", data)
	v.Form = "money"
	v.Values.Set("month", st.Month)
	h.render(w, r, http.StatusOK, "member-money", v)
	return nil
}

// statementFile is a month's statement as the PDF or CSV the API also
// gives, in the member's own language first.
func (h *Handler) statementFile(w http.ResponseWriter, r *request) error {
	return h.writeStatement(w, r, r.principal.Person)
}

// writeStatement writes member's statement named by the path's file
// ("statement-2026-11.pdf" or ".csv"): for the member, or an admin.
func (h *Handler) writeStatement(w http.ResponseWriter, r *request, member string) error {
	name := r.PathValue("file")
	base, ext, _ := strings.Cut(strings.TrimPrefix(name, "statement-"), ".")
	if !strings.HasPrefix(name, "statement-") || ext != "pdf" && ext != "csv" {
		return dpcoop.E("statement", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	month, err := statementMonth(r, base)
	if err != nil {
		return err
	}
	st, err := h.cfg.Services.Accounts.Statement(r.Context(), r.principal, member, month)
	if err != nil {
		return err
	}
	var b []byte
	if ext == "csv" {
		b = messages.StatementSheet(st).Bytes()
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Language", string(st.Language))
	} else {
		if b, err = payslips.StatementPDF(payslips.EmployerFromCoop(r.coop), messages.StatementDocument(st), st.Language); err != nil {
			return dpcoop.Wrap("render statement", err)
		}
		w.Header().Set("Content-Type", "application/pdf")
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "private, no-store")
	_, err = w.Write(b)
	return err
}

// motionRow is a motion in a list.
type motionRow struct {
	ID, Title, Closes, Status, StatusColour string
}

var motionColours = map[dpcoop.MotionStatus]string{dpcoop.MotionOpen: "green", dpcoop.MotionClosed: "grey", dpcoop.MotionScheduled: "blue", dpcoop.MotionDraft: "grey"}

func (h *Handler) motionRow(r *request, m dpcoop.Motion) motionRow {
	return motionRow{ID: m.ID, Title: pick(r.lang, m.TitleCY, m.TitleEN), Closes: dateTime(r.lang, m.ClosesAt),
		Status: T(r.lang, "vote.status."+string(m.Status)), StatusColour: motionColours[m.Status]}
}

// pick is the Welsh or English of a pair, the other when one is empty.
func pick(l dpcoop.Lang, cy, en string) string {
	if l == dpcoop.Welsh && cy != "" || en == "" {
		return cy
	}
	return en
}

// dateTime is a time as the pages say it: "Monday 23 November 2026, 18:00".
func dateTime(l dpcoop.Lang, t time.Time) string {
	return longDate(l, dpcoop.DateOf(t)) + ", " + t.In(dpcoop.London).Format("15:04")
}

// motions lists the open votes, then those to come and those closed.
func (h *Handler) motions(w http.ResponseWriter, r *request) error {
	ms, err := h.cfg.Services.Votes.Visible(r.Context(), r.principal)
	if err != nil {
		return err
	}
	var open, other []motionRow
	for _, m := range ms {
		if m.AcceptsVotes(r.now) {
			open = append(open, h.motionRow(r, m))
		} else if m.Status != dpcoop.MotionDraft {
			other = append(other, h.motionRow(r, m))
		}
	}
	h.render(w, r, http.StatusOK, "member-votes", memberView(r, "vote.list.title", [2][]motionRow{open, other}))
	return nil
}

// motionData is one motion as the member reads it and votes.
type motionData struct {
	ID, Text, Closes, Status, StatusColour string
	// CanVote: the motion takes the member's vote now (a secret ballot
	// once; an open one may be changed until it closes).
	CanVote, Voted, Secret bool
	// Ballot is how the form asks: "radios" (one choice), "checkboxes"
	// (up to Seats), or "ranked".
	Ballot  string
	Seats   int
	Options []option
	Ranks   []option
	// YourVote names the choices of an open ballot the member cast.
	YourVote string
	// Proxy: the member may appoint one; Holders to choose from; Holder is
	// who already votes for them.
	Proxy   bool
	Holders []option
	Holder  string
	Receipt string
	Results *resultsData
}

// resultsData is a motion's count as the page shows it.
type resultsData struct {
	Final               bool
	Outcome             string
	Ballots, Electorate string
	Rows                []row
}

// motionView reads a motion for its page.
func (h *Handler) motionView(r *request) (*view, error) {
	rd, err := h.cfg.Services.Votes.Read(r.Context(), r.principal, r.PathValue("id"), r.now)
	if err != nil {
		return nil, err
	}
	m, l := rd.Motion, r.lang
	label := func(opt string) string {
		switch opt {
		case ballot.For, ballot.Against, ballot.Abstain:
			return T(l, "vote.choice."+opt)
		}
		if lb, ok := m.Labels[opt]; ok {
			return pick(l, lb.CY, lb.EN)
		}
		return opt
	}
	mr := h.motionRow(r, m)
	d := motionData{ID: m.ID, Text: pick(l, m.TextCY, m.TextEN), Closes: mr.Closes, Status: mr.Status, StatusColour: mr.StatusColour,
		Secret: m.Secret, Seats: m.Rules.Seats}
	if rd.You != nil {
		d.Voted, d.Holder = rd.You.Voted, rd.You.ProxyHolder
		d.CanVote = m.AcceptsVotes(r.now) && rd.You.ProxyHolder == "" && !(m.Secret && rd.You.Voted)
		var yours []string
		for _, c := range rd.You.Choices {
			yours = append(yours, label(c))
		}
		if rd.You.Voted && len(rd.You.Choices) == 0 && !m.Secret {
			yours = []string{label(ballot.Abstain)}
		}
		d.YourVote = strings.Join(yours, ", ")
	}
	switch {
	case m.Rules.Kind == ballot.OrdinaryResolution || m.Rules.Kind == ballot.SpecialResolution:
		d.Ballot = "radios"
		for _, o := range []string{ballot.For, ballot.Against, ballot.Abstain} {
			d.Options = append(d.Options, option{Value: o, Text: label(o)})
		}
	default:
		d.Ballot = "radios"
		if m.Rules.Ranked {
			d.Ballot = "ranked"
		} else if m.Rules.Seats > 1 {
			d.Ballot = "checkboxes"
		}
		for _, o := range m.Rules.Options {
			d.Options = append(d.Options, option{Value: o, Text: label(o)})
		}
		if d.Ballot == "radios" {
			d.Options = append(d.Options, option{Value: ballot.Abstain, Text: label(ballot.Abstain)})
		}
		for i := range m.Rules.Options {
			d.Ranks = append(d.Ranks, option{Value: strconv.Itoa(i + 1), Text: strconv.Itoa(i + 1)})
		}
	}
	if d.CanVote && !d.Voted && rd.Rules.Proxies {
		reg, err := h.cfg.Services.Members.Register(r.Context(), r.principal)
		if err != nil {
			return nil, err
		}
		d.Proxy = true
		for _, e := range reg {
			if e.ID != r.principal.Person && e.Active(dpcoop.DateOf(r.now)) {
				d.Holders = append(d.Holders, option{Value: e.ID, Text: e.Name})
			}
		}
	}
	if d.Holder != "" {
		reg, err := h.cfg.Services.Members.Register(r.Context(), r.principal)
		if err != nil {
			return nil, err
		}
		for _, e := range reg {
			if e.ID == d.Holder {
				d.Holder = e.Name
			}
		}
	}
	if res := rd.Results; res != nil {
		rs := &resultsData{Final: res.Final, Outcome: T(l, "vote.outcome."+string(res.Result.Outcome)),
			Ballots: strconv.FormatInt(res.Result.Ballots, 10), Electorate: strconv.FormatInt(res.Result.Electorate, 10)}
		for _, o := range res.Result.Options {
			rs.Rows = append(rs.Rows, row{Key: label(o.Option), Value: strconv.FormatInt(o.Votes, 10)})
		}
		d.Results = rs
	}
	v := memberView(r, "vote.list.title", &d)
	v.Title = mr.Title
	v.Form = "vote"
	return v, nil
}

// castVote records the member's vote. A secret ballot's receipt is shown
// on the page that answers, the only time it is shown.
func (h *Handler) castVote(rw http.ResponseWriter, hr *http.Request) {
	h.page([]dpcoop.Role{dpcoop.RoleMember}, func(w http.ResponseWriter, r *request) error {
		in := dpcoop.VoteInput{Choices: voteChoices(r)}
		_, res, err := h.cfg.Services.Votes.Cast(r.Context(), r.principal, r.PathValue("id"), in, r.now)
		if err == nil && res.Receipt == "" {
			http.Redirect(w, r.Request, "/member/votes/"+r.PathValue("id")+"?done=voted", http.StatusSeeOther)
			return nil
		}
		v, verr := h.motionView(r)
		if verr != nil {
			return verr
		}
		status := http.StatusOK
		switch {
		case err == nil:
			v.Notice = T(r.lang, "vote.done")
			v.Data.(*motionData).Receipt = res.Receipt
		case v.refused(err):
			status = http.StatusBadRequest
			for i := range v.Errors {
				v.Errors[i].Anchor = v.ID("choices")
			}
		default:
			return err
		}
		h.render(w, r, status, "member-vote", v)
		return nil
	})(rw, hr)
}

// voteChoices reads the ballot form: one choice (none is no answer, which
// the service refuses), several (none is an abstention), or candidates
// ranked 1, 2, 3… in order (unranked left out).
func voteChoices(r *request) []string {
	if form := r.PostFormValue("ballot"); form != "ranked" {
		out := []string{}
		for _, c := range r.PostForm["choices"] {
			if c != ballot.Abstain {
				out = append(out, c)
			}
		}
		if form != "checkboxes" && len(r.PostForm["choices"]) == 0 {
			return nil
		}
		return out
	}
	type ranked struct {
		option string
		rank   int
	}
	var rs []ranked
	for k, vals := range r.PostForm {
		if opt, ok := strings.CutPrefix(k, "rank-"); ok && len(vals) == 1 && vals[0] != "" {
			n, err := strconv.Atoi(vals[0])
			if err != nil {
				n = 0 // the ballot's check refuses it below
			}
			rs = append(rs, ranked{opt, n})
		}
	}
	slices.SortFunc(rs, func(a, b ranked) int { return a.rank - b.rank })
	out := []string{}
	for _, x := range rs {
		out = append(out, x.option)
	}
	return out
}

// appointProxy lets another member vote for this one.
func (h *Handler) appointProxy(w http.ResponseWriter, r *request) error {
	holder := r.PostFormValue("holder")
	_, err := h.cfg.Services.Votes.AppointProxy(r.Context(), r.principal, r.PathValue("id"), holder, r.now)
	if err == nil {
		http.Redirect(w, r.Request, "/member/votes/"+r.PathValue("id")+"?done=proxy", http.StatusSeeOther)
		return nil
	}
	v, verr := h.motionView(r)
	if verr != nil {
		return verr
	}
	if !v.refused(err) {
		return err
	}
	for i := range v.Errors {
		v.Errors[i].Anchor = v.ID("holder")
	}
	h.render(w, r, http.StatusBadRequest, "member-vote", v)
	return nil
}

// poolRow is a pool as the member's pools page shows it.
type poolRow struct {
	ID, Name, Purpose, Balance, Members, Contribution, Limit string
	In                                                       bool
	Waiting                                                  []spendingRow
}

// spendingRow is spending waiting for the member's approval.
type spendingRow struct {
	ID, Description, Amount, Date, Approvals string
}

// poolsView shows the co-op's pools: those the member is in, with spending
// waiting for them, and those they may join.
func (h *Handler) poolsView(r *request) (*view, error) {
	ps, err := h.cfg.Services.Accounts.MemberPools(r.Context(), r.principal)
	if err != nil {
		return nil, err
	}
	rows := []poolRow{}
	for _, p := range ps {
		rows = append(rows, poolRowOf(r, p))
	}
	v := memberView(r, "pool.title", rows)
	v.Form = "pool"
	return v, nil
}

func poolRowOf(r *request, p accounts.MemberPool) poolRow {
	l := r.lang
	pr := poolRow{ID: p.ID, Name: pick(l, p.NameCY, p.NameEN), Purpose: pick(l, p.PurposeCY, p.PurposeEN), Balance: payslips.Pounds(p.Balance),
		Members: strconv.Itoa(len(p.Members)), In: p.In,
		Contribution: T(l, "pool.rule."+string(p.Rule), "amount", payslips.Pounds(p.FixedPence)),
		Limit:        T(l, "pool.limit", "amount", payslips.Pounds(p.SpendingLimit))}
	for _, s := range p.Waiting {
		pr.Waiting = append(pr.Waiting, spendingRow{ID: s.ID, Description: s.Description, Amount: payslips.Pounds(s.Amount),
			Date: longDate(l, s.Date), Approvals: T(l, "pool.approvals", "count", strconv.Itoa(len(s.Approvals)), "of", pr.Members)})
	}
	return pr
}

// joinPool adds the member to a pool once they consent.
func (h *Handler) joinPool(w http.ResponseWriter, r *request) error {
	in := dpcoop.JoinPoolInput{Consent: r.PostFormValue("consent") == "yes"}
	_, err := h.cfg.Services.Accounts.Join(r.Context(), r.principal, r.PathValue("id"), in, r.now)
	if err == nil {
		http.Redirect(w, r.Request, "/member/pools?done=joined", http.StatusSeeOther)
		return nil
	}
	v, verr := h.poolsView(r)
	if verr != nil {
		return verr
	}
	v.Form = "pool-" + r.PathValue("id")
	if !v.refused(err) {
		return err
	}
	for i := range v.Errors {
		v.Errors[i].Anchor = v.ID("consent")
		if v.Errors[i].Field == "consent" {
			v.Errors[i].Message = T(r.lang, "pool.consent.required")
		}
	}
	h.render(w, r, http.StatusBadRequest, "member-pools", v)
	return nil
}

// approveSpending is the member's approval of a pool's spending above its
// limit.
func (h *Handler) approveSpending(w http.ResponseWriter, r *request) error {
	if _, err := h.cfg.Services.Accounts.Approve(r.Context(), r.principal, r.PathValue("id"), r.PathValue("spending"), r.now); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/member/pools?done=spending", http.StatusSeeOther)
	return nil
}

// dataData is the member's copy of their data as a page.
type dataData struct {
	Details []row
	Entries []row
	Pools   []row
	Shifts  int
}

// dataPage shows the data the co-op holds about the member, readably.
func (h *Handler) dataPage(w http.ResponseWriter, r *request) error {
	d, err := h.cfg.Services.Members.Data(r.Context(), r.principal, r.principal.Person, r.now)
	if err != nil {
		return err
	}
	l, m := r.lang, d.Member
	out := dataData{Shifts: len(d.Shifts), Details: []row{
		{T(l, "details.name"), m.Name},
		{T(l, "details.address"), orNone(l, m.Address)},
		{T(l, "details.email"), orNone(l, m.Email)},
		{T(l, "details.phone"), orNone(l, m.Phone)},
		{T(l, "details.language"), T(l, "lang."+string(m.Language))},
		{T(l, "data.entered"), dateOrEmpty(l, m.Entered)},
		{T(l, "data.shares"), strconv.FormatInt(m.Shares, 10)},
	}}
	if d.CarePlan != nil {
		out.Details = append(out.Details, row{T(l, "data.careplan"), T(l, "member.shift.hours", "hours", strconv.FormatInt(d.CarePlan.WeeklyMinutes/60, 10))})
	}
	for _, e := range d.AccountEntries {
		out.Entries = append(out.Entries, row{Key: longDate(l, e.Date), Value: payslips.Pounds(e.Effect(dpcoop.MemberAccount(m.ID)))})
	}
	names := map[string]string{}
	if pools, err := h.cfg.Services.Accounts.Pools(r.Context(), r.principal); err == nil {
		for _, p := range pools {
			names[p.ID] = pick(l, p.NameCY, p.NameEN)
		}
	} else {
		return err
	}
	for _, p := range d.Pools {
		out.Pools = append(out.Pools, row{Key: names[p.Pool], Value: T(l, "data.joined", "date", longDate(l, p.Joined))})
	}
	h.render(w, r, http.StatusOK, "member-data", memberView(r, "data.title", out))
	return nil
}

// dataDownload is the same copy as the JSON the API gives.
func (h *Handler) dataDownload(w http.ResponseWriter, r *request) error {
	d, err := h.cfg.Services.Members.Data(r.Context(), r.principal, r.principal.Person, r.now)
	if err != nil {
		return err
	}
	return dataCopy(w, "my-data.json", d)
}

// setEasyRead turns Easy Read on or off for the person, kept on their
// member or PA record (so their next sign-in anywhere has it), in their
// session and on this device, and goes back to the page they were on.
func (h *Handler) setEasyRead(w http.ResponseWriter, r *request) error {
	on := r.PostFormValue("easy") == "on"
	r.easy = on
	h.setCookie(w, easyCookie, strconv.FormatBool(on), 365*24*time.Hour)
	if r.signedIn() {
		if err := h.cfg.Store.SetEasyRead(r.Context(), r.principal, on); err != nil {
			return err
		}
	}
	if r.sess != nil {
		r.sess.Easy = &on
		if err := h.save(r); err != nil {
			return err
		}
	}
	back := r.PostFormValue("back")
	if !strings.HasPrefix(back, "/") || strings.HasPrefix(back, "//") || strings.ContainsAny(back, "\\\r\n") {
		back = "/"
	}
	http.Redirect(w, r.Request, back, http.StatusSeeOther)
	return nil
}
