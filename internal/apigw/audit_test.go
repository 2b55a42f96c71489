package apigw_test

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
)

func TestAuditTrailRecordsChangesAndSensitiveReads(t *testing.T) {
	tm := newTeam(t)
	tm.ok(tm.admin("GET", "/v1/pas/{id}", map[string]string{"id": tm.pa}, ""), 200)
	tm.ok(tm.admin("GET", "/v1/members", nil, ""), 200) // not sensitive: not recorded
	trail := func(who, groups string) eventT {
		return as(at(fixture(t, "register-csv.json"), "GET", "/v1/audit", nil, url.Values{"month": {"2026-11"}}), "demo", who, groups)
	}
	var page dpcoop.Page[dpcoop.AuditEntry]
	tm.ok(trail(adminID, "[admin]"), 200).into(t, &page)
	actions := map[string]int{}
	for _, e := range page.Items {
		actions[e.Action]++
		if e.Person == "" || e.Status >= 400 {
			t.Fatalf("%+v", e)
		}
	}
	if actions["POST /v1/applications/{id}/approve"] != 2 || actions["POST /v1/pas"] != 1 || actions["POST /v1/employments"] != 2 ||
		actions["GET /v1/pas/{id}"] != 1 || actions["GET /v1/members"] != 0 {
		t.Fatalf("trail %v", actions)
	}
	for _, e := range page.Items {
		if e.Action == "GET /v1/pas/{id}" && (!e.Read || e.Target["id"] != tm.pa) {
			t.Fatalf("the sensitive read is not marked: %+v", e)
		}
	}
	if resp := tm.call(trail(tm.gwen, "[member]"), true); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("a member read the audit trail: %d", resp.StatusCode)
	}
	if strings.Contains(tm.logs.String(), "audit not recorded") {
		t.Fatal("an audit entry failed")
	}
}

func TestSubjectAccessGivesAMemberTheirOwnData(t *testing.T) {
	tm := newTeam(t)
	tm.ok(tm.admin("POST", "/v1/members/{id}/account/payments", map[string]string{"id": tm.gwen}, `{"amount_pence":1000,"date":"2026-11-02","council":"powys","period_from":"2026-11-01","period_to":"2026-11-30"}`), 201)
	data := func(who, member string) eventT {
		return as(at(fixture(t, "register-csv.json"), "GET", "/v1/members/{id}/data", map[string]string{"id": member}, nil), "demo", who, "[member]")
	}
	var mine struct {
		Member         dpcoop.Member
		Application    dpcoop.Application
		AccountEntries []dpcoop.Entry `json:"account_entries"`
	}
	calls := tm.calls.during(func() { tm.ok(data(tm.gwen, tm.gwen), 200).into(t, &mine) })
	// Read by member, whatever the co-op's size and age: after the shared
	// edge and the audit record, the member's records, pool memberships and
	// the ledger's head (one BatchGetItem), their account's entries of the
	// year (a Query) and their shifts paid in it (a Query); on this page of
	// the present, what they shared through the support between members
	// (preferences, buddy request, notice settings and feed in the same
	// BatchGetItem; pairings, notices and answers to activities a Query
	// each; another BatchGetItem of the other buddies' names only when
	// they have pairings, as Gwen has not here).
	if want := map[string]int{"UpdateItem": 1, "BatchGetItem": 2, "PutItem": 1, "Query": 5}; !maps.Equal(calls, want) {
		t.Fatalf("subject access made %v, want %v", calls, want)
	}
	if mine.Member.Name != "Gwen Morgan" || mine.Application.SupportNeeds != "wheelchair user" || len(mine.AccountEntries) != 1 {
		t.Fatalf("%+v", mine)
	}
	if resp := tm.call(data(tm.rhys, tm.gwen), true); resp.StatusCode != http.StatusNotFound || strings.Contains(resp.Body, "Gwen") {
		t.Fatalf("Rhys got Gwen's data: %d", resp.StatusCode)
	}
}

// TestSubjectAccessIsPagedByYearAndTheWholeIsReachable: a member who entered
// the register in 2024 reads this year's page first, which links last year's,
// which links 2024's, the last; each holds only its year's account entries
// and shifts paid, in the same three reads (the first, of the present,
// with three more for what the member shared: dpcoop.SubjectShared), and
// the pages together hold every entry and shift (a page or part dropped
// fails it).
func TestSubjectAccessIsPagedByYearAndTheWholeIsReachable(t *testing.T) {
	tm := newTeam(t)
	if _, err := tm.db.Client.UpdateItem(t.Context(), &dynamodb.UpdateItemInput{TableName: aws.String(tm.db.Table), Key: map[string]types.AttributeValue{
		"PK": &types.AttributeValueMemberS{Value: dynamo.TenantKey("demo")}, "SK": &types.AttributeValueMemberS{Value: "MEMBER#" + tm.gwen},
	}, UpdateExpression: aws.String("SET Entered = :e"), ExpressionAttributeValues: map[string]types.AttributeValue{":e": &types.AttributeValueMemberS{Value: "2024-06-01"}}}); err != nil {
		t.Fatal(err)
	}
	for _, date := range []string{"2025-03-03", "2026-11-02"} {
		tm.ok(tm.admin("POST", "/v1/members/{id}/account/payments", map[string]string{"id": tm.gwen},
			fmt.Sprintf(`{"amount_pence":1000,"date":%q,"council":"powys","period_from":"%s-01","period_to":"%s-28"}`, date, date[:7], date[:7])), 201)
	}
	old, err := dpcoop.ShiftInput{Date: "2025-03-20", Start: "09:00", End: "12:00", Members: []string{tm.gwen}}.Validate(tm.now)
	if err != nil {
		t.Fatal(err)
	}
	old.ID, old.PA = dpcoop.DerivedID("shift", "2025"), tm.pa
	if _, err := tm.store.AddShift(t.Context(), "demo", old); err != nil {
		t.Fatal(err)
	}
	var now dpcoop.Shift
	tm.ok(tm.shift(fmt.Sprintf(`{"date":"2026-11-20","start":"09:00","end":"12:00","members":[%q]}`, tm.gwen)), 201).into(t, &now)
	type page struct {
		Year           int
		NextYear       int            `json:"next_year"`
		AccountEntries []dpcoop.Entry `json:"account_entries"`
		Shifts         []dpcoop.Shift
	}
	read := func(year string) (page, string) {
		t.Helper()
		q := url.Values{}
		if year != "" {
			q.Set("year", year)
		}
		ev := as(at(fixture(t, "register-csv.json"), "GET", "/v1/members/{id}/data", map[string]string{"id": tm.gwen}, q), "demo", tm.gwen, "[member]")
		var p page
		var resp events.APIGatewayV2HTTPResponse
		calls := tm.calls.during(func() { resp = tm.call(ev, true) })
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("year %q: %d %s", year, resp.StatusCode, resp.Body)
		}
		// The page of the present also reads what the member shared through
		// the support between members: their pairings, notices and answers
		// to activities (three Queries; dpcoop.SubjectShared).
		queries := 2
		if year == "" {
			queries = 5
		}
		if calls["Query"] != queries || calls["BatchGetItem"] != 2 {
			t.Fatalf("year %q read %v", year, calls)
		}
		events200{resp.Body}.into(t, &p)
		return p, resp.Headers["link"]
	}
	var entries, shifts []string
	want := []struct {
		year, next int
		link       string
	}{{2026, 2025, `</v1/members/` + tm.gwen + `/data?year=2025>; rel="next"`}, {2025, 2024, `</v1/members/` + tm.gwen + `/data?year=2024>; rel="next"`}, {2024, 0, ""}}
	year := ""
	for _, w := range want {
		p, link := read(year)
		if p.Year != w.year || p.NextYear != w.next || link != w.link {
			t.Fatalf("page %q: year %d, next %d, link %q; want %+v", year, p.Year, p.NextYear, link, w)
		}
		for _, e := range p.AccountEntries {
			if !strings.HasPrefix(string(e.Date), fmt.Sprint(w.year)) {
				t.Fatalf("%d's page holds an entry of %s", w.year, e.Date)
			}
			entries = append(entries, string(e.Date))
		}
		for _, sh := range p.Shifts {
			shifts = append(shifts, sh.ID)
		}
		year = fmt.Sprint(w.next)
	}
	if !slices.Equal(entries, []string{"2026-11-02", "2025-03-03"}) || !slices.Equal(shifts, []string{now.ID, old.ID}) {
		t.Fatalf("the pages hold entries %v and shifts %v", entries, shifts)
	}
	for q, code := range map[string]string{"2027": dpcoop.FieldOutOfRange, "1899": dpcoop.FieldOutOfRange, "twenty": dpcoop.FieldNumber, "26": dpcoop.FieldNumber} {
		ev := as(at(fixture(t, "register-csv.json"), "GET", "/v1/members/{id}/data", map[string]string{"id": tm.gwen}, url.Values{"year": {q}}), "demo", tm.gwen, "[member]")
		if resp := tm.call(ev, false); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(resp.Body, `"`+code+`"`) {
			t.Fatalf("year %q: %d %s", q, resp.StatusCode, resp.Body)
		}
	}
}

func TestSubjectAccessHasEveryShiftEvenBeforeTheDateEntered(t *testing.T) {
	tm := newTeam(t) // Gwen entered the register on 1 April 2026
	// Work recorded before this service checked membership: March 2026, before
	// the date entered on the register the co-op moved here.
	early, err := dpcoop.ShiftInput{Date: "2026-03-20", Start: "09:00", End: "12:00", Members: []string{tm.gwen}}.Validate(tm.now)
	if err != nil {
		t.Fatal(err)
	}
	early.ID, early.PA = dpcoop.DerivedID("shift", "legacy"), tm.pa
	if _, err := tm.store.AddShift(t.Context(), "demo", early); err != nil {
		t.Fatal(err)
	}
	var shared, rhysOnly dpcoop.Shift
	tm.ok(tm.shift(fmt.Sprintf(`{"date":"2026-11-20","start":"09:00","end":"12:00","members":[%q,%q]}`, tm.gwen, tm.rhys)), 201).into(t, &shared)
	tm.ok(tm.shift(fmt.Sprintf(`{"date":"2026-11-21","start":"09:00","end":"12:00","members":[%q]}`, tm.rhys)), 201).into(t, &rhysOnly)
	ev := as(at(fixture(t, "register-csv.json"), "GET", "/v1/members/{id}/data", map[string]string{"id": tm.gwen}, nil), "demo", tm.gwen, "[member]")
	var mine struct{ Shifts []dpcoop.Shift }
	tm.ok(ev, 200).into(t, &mine)
	if len(mine.Shifts) != 2 || mine.Shifts[0].ID != early.ID || mine.Shifts[1].ID != shared.ID {
		t.Fatalf("Gwen's shifts: %+v", mine.Shifts)
	}
}
