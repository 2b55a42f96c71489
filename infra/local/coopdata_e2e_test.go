package local_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/infra/local"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
)

// twoCoops is the November local stack with the demo co-op's October payroll
// final, and a second co-op, demo-two (a slug that starts like demo's), that
// signed up, took an application and approved it, all over HTTP.
func twoCoops(t *testing.T) *running {
	t.Helper()
	r := novemberStack(t)
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	if resp, body := r.do(t, "POST", "/v1/payroll/runs", admin, "application/json", `{"month":"2026-10"}`); resp.StatusCode != http.StatusAccepted {
		t.Fatalf("start: %d %s", resp.StatusCode, body)
	}
	r.stack.Workflows.Wait()
	if resp, body := r.do(t, "POST", "/v1/payroll/runs/2026-10/finalise", admin, "", ""); resp.StatusCode != http.StatusOK {
		t.Fatalf("finalise: %d %s", resp.StatusCode, body)
	}
	resp, body := r.do(t, "POST", "/v1/coops", "", "application/json",
		`{"name_en":"Demo Two","name_cy":"Demo Dau","slug":"demo-two","contact_email":"board@two.example","registered_office":"Y Bala LL23 7AA","origins":["https://two.example"],"language":"cy"}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("signup: %d %s", resp.StatusCode, body)
	}
	var created struct{ Admin struct{ ID string } }
	json.Unmarshal([]byte(body), &created)
	form := url.Values{"kind": {"member"}, "name": {"Elin Owen"}, "email": {"elin@example.org"}, "address": {"3 Heol Tegid, Y Bala"},
		"language": {"cy"}, "consent_electronic": {"yes"}, "support_needs": {"large print"}, "website": {""}, "nonce": {"n-two"}, "redirect": {"https://two.example/diolch"}}
	if resp, _ = r.do(t, "POST", "/v1/public/coops/demo-two/applications", "", "application/x-www-form-urlencoded", form.Encode()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("apply: %d", resp.StatusCode)
	}
	two := r.token(t, "demo-two", created.Admin.ID, dpcoop.RoleAdmin)
	var pending dpcoop.Page[dpcoop.Application]
	r.getJSON(t, "/v1/applications?status=pending", two, &pending)
	if len(pending.Items) != 1 {
		t.Fatalf("pending %+v", pending)
	}
	if resp, body = r.do(t, "POST", "/v1/applications/"+pending.Items[0].ID+"/approve", two, "application/json", "{}"); resp.StatusCode != http.StatusOK {
		t.Fatalf("approve: %d %s", resp.StatusCode, body)
	}
	return r
}

// scanKeys reads a whole table and lists each item as "PK SK", by partition.
func scanKeys(t *testing.T, client *dynamodb.Client, table string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	p := dynamodb.NewScanPaginator(client, &dynamodb.ScanInput{TableName: aws.String(table)})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range page.Items {
			pk := it[dynamo.PK].(*types.AttributeValueMemberS).Value
			out[pk] = append(out[pk], pk+" "+it[dynamo.SK].(*types.AttributeValueMemberS).Value)
		}
	}
	for pk := range out {
		slices.Sort(out[pk])
	}
	return out
}

func exportOf(t *testing.T, s *dynamo.Store, coop dpcoop.CoopID) ([]byte, []string) {
	t.Helper()
	var buf bytes.Buffer
	if _, err := s.ExportCoop(context.Background(), coop, &buf); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for line := range strings.Lines(buf.String()) {
		var it struct{ Item map[string]map[string]any }
		if err := json.Unmarshal([]byte(line), &it); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, fmt.Sprint(it.Item["PK"]["S"], " ", it.Item["SK"]["S"]))
	}
	slices.Sort(keys)
	return buf.Bytes(), keys
}

// TestExportOfOneCoopOnTheLocalStack: after two co-ops signed up and one
// ran a payroll, each co-op's export holds every item a full scan finds in
// its partition (register, applications, PAs, shifts, the run, payslips,
// ledger entries) and not one of the other's; it loads into an empty table
// and exports from there unchanged.
func TestExportOfOneCoopOnTheLocalStack(t *testing.T) {
	r := twoCoops(t)
	all := scanKeys(t, r.stack.DB.Client, r.stack.DB.Table)
	demo, demoKeys := exportOf(t, r.stack.Store, "demo")
	_, twoKeys := exportOf(t, r.stack.Store, "demo-two")
	if !slices.Equal(demoKeys, all["T#demo"]) || !slices.Equal(twoKeys, all["T#demo-two"]) {
		t.Fatalf("demo's export\n%v\nits partition\n%v\ndemo-two's export\n%v\nits partition\n%v", demoKeys, all["T#demo"], twoKeys, all["T#demo-two"])
	}
	for _, want := range []string{"T#demo COOP", "T#demo MEMBER#", "T#demo APP#", "T#demo PA#", "T#demo SHIFT#", "T#demo RUN#2026-10", "T#demo SLIP#2026-10#", "T#demo ENTRY#"} {
		if !slices.ContainsFunc(demoKeys, func(k string) bool { return strings.HasPrefix(k, want) }) {
			t.Errorf("demo's export holds no %s... item", want)
		}
	}
	if len(twoKeys) < 4 {
		t.Fatalf("demo-two's export: %v", twoKeys)
	}
	for _, k := range demoKeys {
		if !strings.HasPrefix(k, "T#demo ") {
			t.Errorf("demo's export holds %s", k)
		}
	}
	for _, secret := range []string{"Elin Owen", "elin@example.org", "large print", "demo-two"} {
		if bytes.Contains(demo, []byte(secret)) {
			t.Errorf("demo's export holds demo-two's %q", secret)
		}
	}

	empty, err := dynamolocal.Start(context.Background(), "restored")
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	restored := dynamo.New(empty.Client, empty.Table)
	res, err := restored.ImportCoop(context.Background(), "demo", bytes.NewReader(demo), dynamo.ImportOptions{})
	if err != nil || res.Written != len(demoKeys) {
		t.Fatalf("import: %+v %v", res, err)
	}
	if again, _ := exportOf(t, restored, "demo"); !bytes.Equal(again, demo) {
		t.Fatal("export, import, export changed the data")
	}
	if got := scanKeys(t, empty.Client, empty.Table); len(got) != 1 || len(got["T#demo"]) != len(demoKeys) {
		t.Fatalf("the restored table holds %v", got)
	}
}

// TestRestoreOneCoopToAnExport: the restore runbook's last step. An export
// taken earlier (as from a table restored to a point in time) imported with
// replace and prune puts the co-op back as it was, seen through the API, and
// leaves the other co-op alone.
func TestRestoreOneCoopToAnExport(t *testing.T) {
	r := twoCoops(t)
	before, _ := exportOf(t, r.stack.Store, "demo")
	_, twoBefore := exportOf(t, r.stack.Store, "demo-two")
	admin := r.token(t, "demo", local.DemoAdmin, dpcoop.RoleAdmin)
	gwen := "/v1/members/" + local.DemoID("gwen")
	if resp, body := r.do(t, "POST", gwen+"/cease", admin, "application/json", `{"date":"2026-11-23"}`); resp.StatusCode != http.StatusOK {
		t.Fatalf("cease: %d %s", resp.StatusCode, body)
	}
	if resp, body := r.do(t, "POST", "/v1/applications/"+local.DemoID("dewi")+"/approve", admin, "application/json", "{}"); resp.StatusCode != http.StatusOK {
		t.Fatalf("approve: %d %s", resp.StatusCode, body)
	}
	res, err := r.stack.Store.ImportCoop(context.Background(), "demo", bytes.NewReader(before), dynamo.ImportOptions{Replace: true, Prune: true})
	if err != nil || res.Deleted == 0 {
		t.Fatalf("%+v %v", res, err)
	}
	if after, _ := exportOf(t, r.stack.Store, "demo"); !bytes.Equal(after, before) {
		t.Fatal("the co-op is not as exported")
	}
	var m dpcoop.Member
	if code := r.getJSON(t, gwen, admin, &m); code != http.StatusOK || m.Ceased != "" {
		t.Fatalf("Gwen after the restore: %d %+v", code, m)
	}
	var a dpcoop.Application
	if r.getJSON(t, "/v1/applications/"+local.DemoID("dewi"), admin, &a); a.Status != dpcoop.StatusPending {
		t.Fatalf("Dewi's application after the restore: %+v", a)
	}
	if _, twoAfter := exportOf(t, r.stack.Store, "demo-two"); !slices.Equal(twoAfter, twoBefore) {
		t.Fatal("the other co-op changed")
	}
}
