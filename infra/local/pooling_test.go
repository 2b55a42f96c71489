package local_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestPoolingAfterOctoberPayroll: Gwen and Siân share a pool (equal shares).
// In October Catrin supports them together on a Sunday, charged to the pool,
// and the pool pays £40 for bowling. When October's payroll is final the
// pooling step takes the pool's costs from the two members in equal shares;
// running it again changes nothing; Gwen's November statement adds up.
func TestPoolingAfterOctoberPayroll(t *testing.T) {
	r := novemberStack(t)
	ctx := context.Background()
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	gwen, sian := local.DemoID("gwen"), local.DemoID("sian")
	must := func(resp *http.Response, body string) string {
		t.Helper()
		if resp.StatusCode/100 != 2 {
			t.Fatalf("%d %s", resp.StatusCode, body)
		}
		return body
	}
	var pool dpcoop.Pool
	json.Unmarshal([]byte(must(r.do(t, "POST", "/v1/pools", admin, "application/json",
		`{"name_en":"Sunday club","name_cy":"Clwb dydd Sul","purpose_en":"Outings together","purpose_cy":"Teithiau gyda'n gilydd","rule":"equal_share","spending_limit_pence":5000}`))), &pool)
	if resp, _ := r.do(t, "POST", "/v1/pools", admin, "application/json", `{}`); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("an empty pool: %d", resp.StatusCode)
	}
	// Gwen joined herself; Siân's consent, given on paper on 1 October, is
	// recorded by the admin.
	must(r.do(t, "POST", "/v1/pools/"+pool.ID+"/members", admin, "application/json", `{"consent":true,"member_id":"`+gwen+`","joined":"2026-10-01"}`))
	must(r.do(t, "POST", "/v1/pools/"+pool.ID+"/members", admin, "application/json", `{"consent":true,"member_id":"`+sian+`","joined":"2026-10-01"}`))
	for _, m := range []string{gwen, sian} {
		must(r.do(t, "POST", "/v1/members/"+m+"/account/payments", admin, "application/json",
			`{"amount_pence":150000,"date":"2026-11-01","council":"cardiff","period_from":"2026-11-01","period_to":"2026-11-30"}`))
	}
	catrin := r.token(t, "demo", local.DemoID("catrin"), dpcoop.RolePA)
	var shift dpcoop.Shift
	json.Unmarshal([]byte(must(r.do(t, "POST", "/v1/shifts", catrin, "application/json",
		fmt.Sprintf(`{"date":"2026-10-18","start":"12:00","end":"14:00","members":[%q,%q],"pool_id":%q}`, gwen, sian, pool.ID)))), &shift)
	must(r.do(t, "POST", "/v1/shifts/"+shift.ID+"/submit", catrin, "", ""))
	must(r.do(t, "POST", "/v1/shifts/"+shift.ID+"/approve", admin, "", ""))
	must(r.do(t, "POST", "/v1/pools/"+pool.ID+"/spending", admin, "application/json", `{"amount_pence":4000,"date":"2026-10-20","description":"Bowling"}`))

	must(r.do(t, "POST", "/v1/payroll/runs", admin, "application/json", `{"month":"2026-10"}`))
	r.stack.Workflows.Wait()
	must(r.do(t, "POST", "/v1/payroll/runs/2026-10/finalise", admin, "", ""))

	fund, err := r.stack.Store.AccountEntries(ctx, "demo", dpcoop.PoolAccount(pool.ID), "2026-01-01", "2026-12-31")
	if err != nil {
		t.Fatal(err)
	}
	var costs, in int64
	for _, e := range fund {
		switch {
		case e.From == dpcoop.PoolAccount(pool.ID):
			costs += e.Amount
		case e.Source == dpcoop.SourcePoolContribution:
			in += e.Amount
		}
	}
	// Costs: the shift charged to the pool and the bowling.
	if costs <= 4000 || in != costs {
		t.Fatalf("the pool paid %d and collected %d", costs, in)
	}
	before, _ := r.stack.Store.Entries(ctx, "demo")
	must(r.do(t, "POST", "/v1/payroll/runs/2026-10/finalise", admin, "", "")) // pools again
	after, _ := r.stack.Store.Entries(ctx, "demo")
	if len(after) != len(before) {
		t.Fatalf("pooling again added %d entries", len(after)-len(before))
	}

	var st struct {
		BroughtForward int64 `json:"brought_forward_pence"`
		CarriedForward int64 `json:"carried_forward_pence"`
		Lines          []struct {
			Source  dpcoop.Source
			In      int64    `json:"in_pence"`
			Out     int64    `json:"out_pence"`
			Balance int64    `json:"balance_pence"`
			PaidFor []string `json:"paid_for"`
			Details []struct {
				PAName  string `json:"pa_name"`
				Minutes int64
			}
		}
	}
	r.getJSON(t, "/v1/members/"+gwen+"/statement?month=2026-11", r.token(t, "demo", gwen, dpcoop.RoleMember), &st)
	// Line by line: the council's payment; October's support; her share of
	// the pool's costs (half, the pool has two members).
	if len(st.Lines) != 3 || st.BroughtForward != 0 {
		t.Fatalf("%+v", st)
	}
	var run dpcoop.Run
	r.getJSON(t, "/v1/payroll/runs/2026-10", admin, &run)
	var gwenCharge int64
	for _, c := range run.Charges {
		if c.Member == gwen {
			gwenCharge = c.Amount
		}
	}
	pay, charge, share := st.Lines[0], st.Lines[1], st.Lines[2]
	if pay.Source != dpcoop.SourceCouncilPayment || pay.In != 150000 || pay.Balance != 150000 {
		t.Fatalf("payment %+v", pay)
	}
	if charge.Source != dpcoop.SourcePayrollCharge || gwenCharge == 0 || charge.Out != gwenCharge || charge.Balance != 150000-gwenCharge ||
		len(charge.Details) != 1 || charge.Details[0].PAName != "Catrin Jones" || charge.Details[0].Minutes != 2820 {
		t.Fatalf("charge %+v", charge)
	}
	if share.Source != dpcoop.SourcePoolContribution || share.Out != costs/2 && share.Out != costs-costs/2 || len(share.PaidFor) != 2 {
		t.Fatalf("pool share %+v of %d", share, costs)
	}
	if st.CarriedForward != 150000-gwenCharge-share.Out || share.Balance != st.CarriedForward {
		t.Fatalf("carried forward %d", st.CarriedForward)
	}
	resp, body := r.do(t, "GET", "/v1/members/"+gwen+"/statement?month=2026-11", admin, "", "", "Accept", "application/pdf")
	if resp.StatusCode != http.StatusOK || body[:5] != "%PDF-" {
		t.Fatalf("statement PDF: %d", resp.StatusCode)
	}
}
