package local_test

import (
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// listRoutes are the routes that list what a co-op holds: minidyn broke them
// all (500 until restart) once it had rolled back a cancelled transaction.
var listRoutes = []string{
	"/v1/applications?status=pending", "/v1/members", "/v1/register", "/v1/pas", "/v1/employments",
	"/v1/shifts?month=2026-10", "/v1/motions", "/v1/pools", "/v1/audit?month=2026-11", "/v1/coop/summary?month=2026-11",
	"/v1/members/" + local.DemoID("gwen") + "/account?month=2026-11",
}

func (r *running) listsAnswer(t *testing.T, when string, more ...string) {
	t.Helper()
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	for _, p := range append(more, listRoutes...) {
		if resp, body := r.do(t, "GET", p, admin, "", ""); resp.StatusCode != http.StatusOK {
			t.Errorf("%s: GET %s answered %d %.200s", when, p, resp.StatusCode, body)
		}
	}
}

// TestListsAnswerAfterRefusedWrites makes the ordinary refusals that cancel a
// DynamoDB transaction (a replayed Idempotency-Key, a change to a paid month's shift)
// and then reads every list: all of them still answer.
func TestListsAnswerAfterRefusedWrites(t *testing.T) {
	r := novemberStack(t)
	r.listsAnswer(t, "on a fresh stack") // GET /v1/audit answered 500 here on minidyn
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	gwen := local.DemoID("gwen")
	payment := `{"amount_pence":50000,"date":"2026-11-02","council":"monmouthshire","period_from":"2026-11-01","period_to":"2026-11-30"}`
	for range 2 {
		if resp, body := r.do(t, "POST", "/v1/members/"+gwen+"/account/payments", admin, "application/json", payment, "Idempotency-Key", "pay-once"); resp.StatusCode != http.StatusCreated {
			t.Fatalf("payment: %d %s", resp.StatusCode, body)
		}
	}
	payMonth(t, r)
	var october struct{ Items []dpcoop.Shift }
	r.getJSON(t, "/v1/shifts?month=2026-10", admin, &october)
	resp, body := r.do(t, "POST", "/v1/shifts/"+october.Items[0].ID+"/reject", admin, "application/json", `{"reason":"too late"}`)
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("rejecting a shift of a paid month: %d %s", resp.StatusCode, body)
	}
	r.listsAnswer(t, "after refused writes", "/v1/payroll/runs/2026-10/payslips")
}

// TestFinalRunSurvivesARestart is make dev's case: the stack runs its own
// DynamoDB Local with its files in the data folder, a month is paid, and the
// stack starts again on the same folder. (minidyn's journal once replayed a
// finalise that it then lost.)
func TestFinalRunSurvivesARestart(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	startOwn := func() *running {
		return launch(t, local.Options{DataDir: dir, Log: io.Discard, Now: func() time.Time { return now }, RetryMS: "5"})
	}
	r := startOwn()
	payMonth(t, r)
	checkPaidOnce(t, r)
	if err := r.stack.Close(); err != nil {
		t.Fatal(err)
	}
	r = startOwn()
	defer r.stack.Close()
	checkPaidOnce(t, r)
	r.listsAnswer(t, "after a restart", "/v1/payroll/runs/2026-10/payslips")
}
