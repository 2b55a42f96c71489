package apigw_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

func (tm *team) statement(who, groups, member, accept string) eventT {
	ev := as(at(fixture(tm.t, "register-csv.json"), "GET", "/v1/members/{id}/statement", map[string]string{"id": member}, url.Values{"month": {"2026-11"}}), "demo", who, groups)
	return withHeader(ev, "accept", accept)
}

func TestCouncilPaymentsAdjustmentsAndReversalsOnTheStatement(t *testing.T) {
	tm := newTeam(t)
	pay := fmt.Sprintf(`{"amount_pence":150000,"date":"2026-11-02","council":"ceredigion","period_from":"2026-11-01","period_to":"2026-11-30","reference":"DP-881"}`)
	var e dpcoop.Entry
	tm.ok(tm.admin("POST", "/v1/members/{id}/account/payments", map[string]string{"id": tm.gwen}, pay), 201).into(t, &e)
	if e.From != "council:ceredigion" || e.To != dpcoop.MemberAccount(tm.gwen) || e.Amount != 150000 || e.Source != dpcoop.SourceCouncilPayment {
		t.Fatalf("%+v", e)
	}
	var again dpcoop.Entry
	tm.ok(tm.admin("POST", "/v1/members/{id}/account/payments", map[string]string{"id": tm.gwen}, pay), 201).into(t, &again)
	if again.ID != e.ID {
		t.Fatal("the same payment twice made two entries")
	}
	tm.ok(tm.admin("POST", "/v1/members/{id}/account/adjustments", map[string]string{"id": tm.gwen}, `{"amount_pence":-2500,"date":"2026-11-03","reason":"Bank charge refunded to the council"}`), 201)
	var rev dpcoop.Entry
	tm.ok(tm.admin("POST", "/v1/entries/{id}/reverse", map[string]string{"id": e.ID}, `{"reason":"paid into the wrong account"}`), 201).into(t, &rev)
	tm.ok(tm.admin("POST", "/v1/entries/{id}/reverse", map[string]string{"id": e.ID}, `{"reason":"paid into the wrong account"}`), 201)
	if rev.From != e.To || rev.To != e.From || rev.Amount != e.Amount {
		t.Fatalf("reversal %+v", rev)
	}
	var st struct {
		BroughtForward int64 `json:"brought_forward_pence"`
		CarriedForward int64 `json:"carried_forward_pence"`
		Lines          []struct {
			Source  string
			In      int64 `json:"in_pence"`
			Out     int64 `json:"out_pence"`
			Balance int64 `json:"balance_pence"`
		}
	}
	tm.ok(tm.statement(tm.gwen, "[member]", tm.gwen, "application/json"), 200).into(t, &st)
	if len(st.Lines) != 3 || st.Lines[0].In != 150000 || st.Lines[1].Out != 2500 || st.Lines[2].Out != 150000 || st.CarriedForward != -2500 {
		t.Fatalf("%+v", st)
	}
	resp := tm.call(withHeader(tm.statement(tm.gwen, "[member]", tm.gwen, "text/csv"), "accept-language", "cy"), true)
	rows := readSheet(t, resp.Body)
	if len(rows) != 6 || rows[0][0] != "Dyddiad" || !strings.Contains(rows[2][2], "ceredigion") || rows[2][1] != "Taliad gan y cyngor" ||
		rows[5][5] != "-25.00" || rows[5][8] != "-2500" {
		t.Fatalf("%q", resp.Body)
	}
	if resp := tm.call(tm.statement(tm.rhys, "[member]", tm.gwen, "application/json"), true); resp.StatusCode != http.StatusNotFound || strings.Contains(resp.Body, "Gwen") {
		t.Fatalf("Rhys read Gwen's statement: %d", resp.StatusCode)
	}
	pdf := tm.call(tm.statement(adminID, "[admin]", tm.gwen, "application/pdf"), true)
	if pdf.StatusCode != http.StatusOK || !pdf.IsBase64Encoded || pdf.Headers["content-type"] != "application/pdf" {
		t.Fatalf("pdf %d %v", pdf.StatusCode, pdf.Headers)
	}
	for _, body := range []string{`{"amount_pence":0,"date":"2026-11-02","council":"x y","period_from":"2026-11-01","period_to":"2026-10-01"}`, `{"amount_pence":10000000000}`} {
		if resp := tm.call(tm.admin("POST", "/v1/members/{id}/account/payments", map[string]string{"id": tm.gwen}, body), false); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("%s: %d", body, resp.StatusCode)
		}
	}
}

func TestPoolsJoinWithConsentSpendWithAMajorityAndSettleOnLeaving(t *testing.T) {
	tm := newTeam(t)
	var pool dpcoop.Pool
	tm.ok(tm.admin("POST", "/v1/pools", nil, `{"name_en":"Friday club","name_cy":"Clwb dydd Gwener","purpose_en":"Days out together","purpose_cy":"Diwrnodau allan gyda'n gilydd","rule":"equal_share","spending_limit_pence":5000}`), 201).into(t, &pool)
	join := func(who, body string) eventT {
		ev := at(fixture(t, "approve-application.json"), "POST", "/v1/pools/{id}/members", map[string]string{"id": pool.ID}, nil)
		return withJSON(as(ev, "demo", who, "[member]"), body)
	}
	if resp := tm.call(join(tm.gwen, `{"consent":false}`), true); resp.StatusCode != http.StatusUnprocessableEntity || fields(problemOf(t, resp))["consent"] != "consent_required" {
		t.Fatalf("joining without consent: %d %s", resp.StatusCode, resp.Body)
	}
	if resp := tm.call(join(tm.gwen, fmt.Sprintf(`{"consent":true,"member_id":%q}`, tm.rhys)), true); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a member joined someone else: %d", resp.StatusCode)
	}
	tm.ok(join(tm.gwen, `{"consent":true}`), 201)
	tm.ok(join(tm.rhys, `{"consent":true}`), 201)
	tm.ok(tm.admin("POST", "/v1/members/{id}/account/payments", map[string]string{"id": tm.gwen}, `{"amount_pence":100000,"date":"2026-11-02","council":"powys","period_from":"2026-11-01","period_to":"2026-11-30"}`), 201)
	spend := func(amount int) eventT {
		return tm.admin("POST", "/v1/pools/{id}/spending", map[string]string{"id": pool.ID}, fmt.Sprintf(`{"amount_pence":%d,"date":"2026-11-10","description":"Bowling"}`, amount))
	}
	var small, big dpcoop.Spending
	tm.ok(spend(4000), 201).into(t, &small)
	tm.ok(spend(9000), 201).into(t, &big)
	if small.Status != dpcoop.SpendingApproved || big.Status != dpcoop.SpendingAwaiting {
		t.Fatalf("%+v %+v", small, big)
	}
	approve := func(who string) eventT {
		ev := at(fixture(t, "approve-application.json"), "POST", "/v1/pools/{id}/spending/{spending}/approve", map[string]string{"id": pool.ID, "spending": big.ID}, nil)
		ev = as(ev, "demo", who, "[member]")
		ev.Body = ""
		return ev
	}
	tm.ok(approve(tm.gwen), 200).into(t, &big)
	tm.ok(approve(tm.gwen), 200).into(t, &big)
	if big.Status != dpcoop.SpendingAwaiting || len(big.Approvals) != 1 {
		t.Fatalf("one of two is not a majority: %+v", big)
	}
	tm.ok(approve(tm.rhys), 200).into(t, &big)
	if big.Status != dpcoop.SpendingApproved || big.EntryID == "" {
		t.Fatalf("%+v", big)
	}
	var view struct {
		Balance int64 `json:"balance_pence"`
		Members []dpcoop.PoolMember
	}
	tm.ok(as(at(fixture(t, "register-csv.json"), "GET", "/v1/pools/{id}", map[string]string{"id": pool.ID}, nil), "demo", tm.gwen, "[member]"), 200).into(t, &view)
	if view.Balance != -13000 || len(view.Members) != 2 {
		t.Fatalf("the pool owes its two spends until members contribute: %+v", view)
	}
	// Contributions are the pooling step's; put money in so leaving settles.
	tm.ok(tm.admin("POST", "/v1/entries/{id}/reverse", map[string]string{"id": small.EntryID}, `{"reason":"bowling cancelled"}`), 201)
	tm.ok(tm.admin("POST", "/v1/entries/{id}/reverse", map[string]string{"id": big.EntryID}, `{"reason":"bowling cancelled"}`), 201)
	leave := at(fixture(t, "approve-application.json"), "POST", "/v1/pools/{id}/members/{member}/leave", map[string]string{"id": pool.ID, "member": tm.rhys}, nil)
	leave.Body = ""
	if resp := tm.call(as(leave, "demo", tm.gwen, "[member]"), true); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("Gwen took Rhys out of the pool: %d", resp.StatusCode)
	}
	tm.ok(as(leave, "demo", tm.rhys, "[member]"), 200)
	tm.ok(as(at(fixture(t, "register-csv.json"), "GET", "/v1/pools/{id}", map[string]string{"id": pool.ID}, nil), "demo", tm.gwen, "[member]"), 200).into(t, &view)
	if view.Balance != 0 || len(view.Members) != 1 {
		t.Fatalf("after Rhys left: %+v", view)
	}
	var summary struct {
		Total int64 `json:"ledger_total_pence"`
	}
	tm.ok(as(at(fixture(t, "register-csv.json"), "GET", "/v1/coop/summary", nil, url.Values{"month": {"2026-11"}}), "demo", adminID, "[admin]"), 200).into(t, &summary)
	if summary.Total != 0 {
		t.Fatalf("the ledger does not sum to zero: %d", summary.Total)
	}
}

// TestAStatementNamesItsPAsFromTheCharges: a charge the payroll run posted
// names its PAs on its parts, so the statement reads no PA record: the
// shared edge (the rate counter, the co-op and access record together),
// the month's one Query and the member with the co-op's settings together.
// A charge posted before parts kept the name reads that PA's record, once,
// in one more request.
func TestAStatementNamesItsPAsFromTheCharges(t *testing.T) {
	tm := newTeam(t)
	ctx := context.Background()
	pa, err := tm.store.PA(ctx, "demo", tm.pa)
	if err != nil {
		t.Fatal(err)
	}
	acct := dpcoop.MemberAccount(tm.gwen)
	recorded := time.Date(2026, 11, 5, 9, 0, 0, 0, time.UTC)
	charge := func(id string, part dpcoop.ChargePart) dpcoop.Entry {
		return dpcoop.Entry{ID: dpcoop.DerivedID("test-charge", id), Date: "2026-11-05", Month: "2026-10", Source: dpcoop.SourcePayrollCharge,
			From: acct, To: dpcoop.AccountPayroll, Amount: part.Total, Ref: "run:2026-10", Parts: []dpcoop.ChargePart{part}, RecordedBy: "auto", Recorded: recorded}
	}
	// Named as the payslip printed it, which the register has since changed.
	named := charge("named", dpcoop.ChargePart{PA: tm.pa, PAName: "Catrin Hughes", Minutes: 600, Gross: 13450, Total: 13450})
	if err := tm.store.PostEntries(ctx, "demo", []dpcoop.Entry{named}); err != nil {
		t.Fatal(err)
	}
	type view struct {
		Lines []struct {
			Details []struct {
				PA     string `json:"pa_id"`
				PAName string `json:"pa_name"`
			}
		}
	}
	read := func() (view, map[string]int) {
		var st view
		calls := tm.calls.during(func() { tm.ok(tm.statement(tm.gwen, "[member]", tm.gwen, "application/json"), 200).into(t, &st) })
		return st, calls
	}
	st, calls := read()
	if len(st.Lines) != 1 || len(st.Lines[0].Details) != 1 || st.Lines[0].Details[0].PAName != "Catrin Hughes" {
		t.Fatalf("statement %+v", st)
	}
	if calls["GetItem"] != 0 || calls["Query"] != 1 || calls["BatchGetItem"] != 2 || calls["UpdateItem"] != 1 || len(calls) != 3 {
		t.Fatalf("a statement of named charges made %v: want no GetItem (no PA read), 1 Query, 2 BatchGetItem, 1 UpdateItem", calls)
	}

	old := charge("old", dpcoop.ChargePart{PA: tm.pa, Minutes: 60, Gross: 1345, Total: 1345})
	again := charge("old-again", dpcoop.ChargePart{PA: tm.pa, Minutes: 30, Gross: 673, Total: 673})
	if err := tm.store.PostEntries(ctx, "demo", []dpcoop.Entry{old, again}); err != nil {
		t.Fatal(err)
	}
	st, calls = read()
	names := map[string]int{}
	for _, l := range st.Lines {
		for _, d := range l.Details {
			names[d.PAName]++
		}
	}
	if len(st.Lines) != 3 || names["Catrin Hughes"] != 1 || names[pa.LegalName] != 2 {
		t.Fatalf("old charges name the PA as the register does (%q): %v", pa.LegalName, names)
	}
	if calls["GetItem"] != 0 || calls["BatchGetItem"] != 3 || calls["Query"] != 1 {
		t.Fatalf("two old charges of one PA made %v: want that PA read once, in one more BatchGetItem", calls)
	}
}

// TestAnAccountWithEntriesIsOneQuery: a member's account for a month with
// entries is answered from the month's Query alone; a month without any
// reads the register too, so a member not on it is still not found.
func TestAnAccountWithEntriesIsOneQuery(t *testing.T) {
	tm := newTeam(t)
	account := func(who, groups, member, month string) eventT {
		return as(at(fixture(t, "register-csv.json"), "GET", "/v1/members/{id}/account", map[string]string{"id": member}, url.Values{"month": {month}}), "demo", who, groups)
	}
	tm.ok(tm.admin("POST", "/v1/members/{id}/account/payments", map[string]string{"id": tm.gwen},
		`{"amount_pence":150000,"date":"2026-11-02","council":"ceredigion","period_from":"2026-11-01","period_to":"2026-11-30"}`), 201)
	calls := tm.calls.during(func() { tm.ok(account(tm.gwen, "[member]", tm.gwen, "2026-11"), 200) })
	if calls["Query"] != 1 || calls["GetItem"] != 0 || calls["BatchGetItem"] != 1 || calls["UpdateItem"] != 1 || len(calls) != 3 {
		t.Fatalf("an account with entries made %v: want the edge and one Query", calls)
	}
	calls = tm.calls.during(func() { tm.ok(account(tm.gwen, "[member]", tm.gwen, "2026-12"), 200) })
	if calls["GetItem"] != 1 {
		t.Fatalf("an empty month made %v: want the register read", calls)
	}
	if resp := tm.call(account(adminID, "[admin]", dpcoop.NewID(), "2026-11"), true); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("someone not on the register: %d %s", resp.StatusCode, resp.Body)
	}
}

// TestMoneyDatedTooFarBackIsRefusedInBothLanguages: with four years of
// months carried forward on a member's and a council's accounts, money dated
// back to the domain's limit is posted (its transaction rewrites 25 months of
// both accounts and of the co-op: within DynamoDB's 100 items), and money
// dated a day earlier, or four years back, is a problem on its date in the
// admin's language, not an internal error.
func TestMoneyDatedTooFarBackIsRefusedInBothLanguages(t *testing.T) {
	tm := newTeam(t)
	var history []dpcoop.Entry
	for m := time.Date(2022, 12, 1, 0, 0, 0, 0, time.UTC); m.Before(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)); m = m.AddDate(0, 1, 0) {
		month := m.Format(dpcoop.MonthLayout)
		history = append(history, dpcoop.Entry{ID: dpcoop.DerivedID("history", month), Date: dpcoop.DateOf(m.Add(12 * time.Hour)), Month: month,
			Source: dpcoop.SourceCouncilPayment, From: dpcoop.CouncilAccount("powys"), To: dpcoop.MemberAccount(tm.gwen), Amount: 1000, Ref: "DP " + month, RecordedBy: adminID, Recorded: m})
	}
	if err := tm.store.PostEntries(t.Context(), "demo", history); err != nil {
		t.Fatal(err)
	}
	pay := func(date, lang string) eventT {
		ev := tm.admin("POST", "/v1/members/{id}/account/payments", map[string]string{"id": tm.gwen},
			fmt.Sprintf(`{"amount_pence":1000,"date":%q,"council":"powys","period_from":%q,"period_to":%q}`, date, date, date))
		return withHeader(withHeader(ev, "idempotency-key", "pay-"+date+lang), "accept-language", lang)
	}
	if earliest := dpcoop.EarliestEntryDate(tm.now); earliest != "2024-11-01" {
		t.Fatalf("the earliest date on %s is %s, want 2024-11-01", tm.now, earliest)
	}
	tm.ok(pay("2024-11-01", "en"), 201)
	for date, want := range map[string][2]string{
		"2024-10-31": {"en", "Money cannot be recorded with a date more than 24 months back. Enter a date on or after 2024-11-01."},
		"2022-11-15": {"cy", "Ni allwn gofnodi arian â dyddiad mwy na 24 mis yn ôl. Rhowch ddyddiad ar 2024-11-01 neu wedyn."},
	} {
		resp := tm.call(pay(date, want[0]), false)
		p := problemOf(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || len(p.Errors) != 1 || p.Errors[0].Field != "date" || p.Errors[0].Code != dpcoop.FieldEntryTooOld || p.Errors[0].Message != want[1] {
			t.Fatalf("money dated %s: %d %s", date, resp.StatusCode, resp.Body)
		}
	}
	// The back-dated payment was carried forward into every later month.
	var acct struct {
		Brought int64 `json:"brought_forward_pence"`
	}
	read := as(at(fixture(t, "register-csv.json"), "GET", "/v1/members/{id}/account", map[string]string{"id": tm.gwen}, url.Values{"month": {"2026-11"}}), "demo", tm.gwen, "[member]")
	tm.ok(read, 200).into(t, &acct)
	if acct.Brought != 48*1000 {
		t.Fatalf("brought forward into November 2026: %d, want 47 months of history and the back-dated payment", acct.Brought)
	}
}
