package local_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestEmploymentAllowanceIsUsedUp: a PA paid £15,000 a month (150 hours at
// £100) costs 15 % of £15,000 less £417 in employer NI, £2,187.45. With the
// allowance claimed, each run takes what is left of the year's £10,500, up
// to its own employer NI: after a small April, May to August take it all,
// September takes the rest and October nothing.
func TestEmploymentAllowanceIsUsedUp(t *testing.T) {
	c := &clock{t: time.Date(2026, 4, 6, 10, 0, 0, 0, dpcoop.London)}
	r := startAt(t, t.TempDir(), c)
	defer r.stack.Close()
	admin := func() string { return r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin) }
	gwen := local.DemoID("gwen")
	r.payFinal(t, admin(), "2026-02") // the seeded months: February's paid in 2025-26,
	r.payFinal(t, admin(), "2026-03") // March's on 7 April, before the allowance is claimed
	pa := r.hire(t, admin(), `{"legal_name":"Mair Puw","email":"mair@example.org","address":"2 Heol y Dŵr, Bala","language":"cy","date_of_birth":"1980-02-02",
		"ni_number":"AB 12 34 56 A","starter_declaration":"A","ni_category":"A","start_date":"2026-04-06"}`, gwen)
	var emps struct{ Items []dpcoop.Employment }
	r.getJSON(t, "/v1/employments?pa="+pa, admin(), &emps)
	rise := `{"effective_from":"2026-04-06","rates":{"standard_pence":10000,"night_pence":10000,"sleep_in_pence":9000,"bank_holiday_pence":10000}}`
	if resp, out := r.do(t, "POST", "/v1/employments/"+emps.Items[0].ID+"/rates", admin(), "application/json", rise); resp.StatusCode != http.StatusOK {
		t.Fatalf("rate: %d %s", resp.StatusCode, out)
	}
	r.claimAllowance(t, admin())
	left := int64(1050000)
	for _, month := range []string{"2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"} {
		first, _ := time.Parse(dpcoop.MonthLayout, month)
		c.set(time.Date(first.Year(), first.Month()+1, 1, 10, 0, 0, 0, dpcoop.London))
		days := 15
		if month == "2026-04" {
			days = 1
		}
		r.workDays(t, pa, gwen, month, days)
		slips := r.payFinal(t, admin(), month)
		er := slips[pa].Result.NI.Employer
		if days == 15 && er != (1500000-41700)*15/100 {
			t.Fatalf("%s: employer NI %d, want £2,187.45", month, er)
		}
		want := min(left, er)
		switch month {
		case "2026-09":
			if want <= 0 || want >= er {
				t.Fatalf("September should take only the rest of the allowance: %d of %d", want, er)
			}
		case "2026-10":
			if want != 0 {
				t.Fatalf("October should take nothing: %d", want)
			}
		}
		due := r.hmrcDue(t, admin(), month)
		if due.EmployerNI != er || due.EmploymentAllowance != want || due.Total != due.PAYE+due.EmployeeNI+er-want {
			t.Errorf("%s: HMRC due %+v, want the allowance %d of employer NI %d", month, due, want, er)
		}
		left -= due.EmploymentAllowance
	}
	if left != 0 {
		t.Errorf("%d of the allowance left, want none", left)
	}
}
