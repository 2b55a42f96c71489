package dynamo_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
)

func newDB(t *testing.T, table string) (*dynamolocal.DB, *dynamo.Store) {
	t.Helper()
	db, err := dynamolocal.Start(context.Background(), table)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, dynamo.New(db.Client, db.Table)
}

// scan reads the whole table, every item as its (PK, SK) key.
func scan(t *testing.T, db *dynamolocal.DB) []map[string]types.AttributeValue {
	t.Helper()
	var out []map[string]types.AttributeValue
	p := dynamodb.NewScanPaginator(db.Client, &dynamodb.ScanInput{TableName: aws.String(db.Table), Limit: aws.Int32(7)})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page.Items...)
	}
	return out
}

func keyOf(item map[string]types.AttributeValue) string {
	return item[dynamo.PK].(*types.AttributeValueMemberS).Value + " " + item[dynamo.SK].(*types.AttributeValueMemberS).Value
}

// keysWhere lists the keys of the scanned items whose PK matches, sorted.
func keysWhere(items []map[string]types.AttributeValue, keep func(pk string) bool) []string {
	var out []string
	for _, it := range items {
		if keep(it[dynamo.PK].(*types.AttributeValueMemberS).Value) {
			out = append(out, keyOf(it))
		}
	}
	slices.Sort(out)
	return out
}

// exportKeys reads an export's lines back as keys, in file order.
func exportKeys(t *testing.T, export []byte) []string {
	t.Helper()
	var out []string
	for line := range strings.Lines(string(export)) {
		var it struct{ Item map[string]map[string]any }
		if err := json.Unmarshal([]byte(line), &it); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		out = append(out, fmt.Sprint(it.Item["PK"]["S"], " ", it.Item["SK"]["S"]))
	}
	return out
}

// fill gives a co-op a register (a member who ceased, one pending), a PA's
// payslip in a run, and a ledger entry.
func fill(t *testing.T, s *dynamo.Store, db *dynamolocal.DB, c string) {
	t.Helper()
	ctx := context.Background()
	mustCoop(t, s, c)
	for i, kind := range []dpcoop.ApplicationKind{dpcoop.KindMember, dpcoop.KindMember, dpcoop.KindPA} {
		a := application(c, fmt.Sprint("p", i), kind)
		if _, _, err := s.AddApplication(ctx, dpcoop.CoopID(c), a); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if _, err := s.DecideApplication(ctx, dpcoop.CoopID(c), a.ID, dpcoop.Decision{Approve: true, By: "admin1", At: now}, entry); err != nil {
				t.Fatal(err)
			}
			if _, err := s.CeaseMember(ctx, dpcoop.CoopID(c), a.ID, dpcoop.Cessation{Date: "2026-11-23", By: "admin1"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	slip(t, s, c, "2026-10", "pa1", "2026-11-07")
	putRaw(t, db, c, "ENTRY#e1", map[string]types.AttributeValue{
		"GSI1PK": &types.AttributeValueMemberS{Value: dynamo.TenantKey(dpcoop.CoopID(c)) + "#ACCT#member:m1"}, "GSI1SK": &types.AttributeValueMemberS{Value: "2026-11-07#e1"},
		"Amount": &types.AttributeValueMemberN{Value: "76652"}, "Tags": &types.AttributeValueMemberSS{Value: []string{"z", "a"}},
	})
}

// slip stores a PA's payslip for a month through the store, in a run of its
// own (the store only takes payslips of a run that is calculating).
func slip(t *testing.T, s *dynamo.Store, c, month, pa string, payDate dpcoop.Date) {
	t.Helper()
	ctx := context.Background()
	run := dpcoop.Run{Month: month, Attempt: 1, Execution: "payroll-" + c + "-" + month, Status: dpcoop.RunCalculating, Started: now}
	if _, err := s.BeginRun(ctx, dpcoop.CoopID(c), run); err != nil && !dpcoop.IsKind(err, dpcoop.KindConflict) {
		t.Fatal(err)
	}
	if err := s.PutPayslip(ctx, dpcoop.CoopID(c), dpcoop.Payslip{Month: month, PA: pa, Name: "PA " + pa, PayDate: payDate, Attempt: 1}); err != nil {
		t.Fatal(err)
	}
}

func putRaw(t *testing.T, db *dynamolocal.DB, c, sk string, attrs map[string]types.AttributeValue) {
	t.Helper()
	item := map[string]types.AttributeValue{
		dynamo.PK: &types.AttributeValueMemberS{Value: dynamo.TenantKey(dpcoop.CoopID(c))}, dynamo.SK: &types.AttributeValueMemberS{Value: sk},
	}
	for k, v := range attrs {
		item[k] = v
	}
	if _, err := db.Client.PutItem(context.Background(), &dynamodb.PutItemInput{TableName: aws.String(db.Table), Item: item}); err != nil {
		t.Fatal(err)
	}
}

func export(t *testing.T, s *dynamo.Store, c string) []byte {
	t.Helper()
	var buf bytes.Buffer
	n, err := s.ExportCoop(context.Background(), dpcoop.CoopID(c), &buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(buf.String(), "\n"); got != n {
		t.Fatalf("export says %d items, wrote %d lines", n, got)
	}
	return buf.Bytes()
}

// TestExportCoopHoldsAllItsItemsAndNoOthers: an export, read a few items a
// page, holds exactly the co-op's items as a full scan finds them, in
// sort-key order, and nothing of a co-op whose slug merely starts the same.
func TestExportCoopHoldsAllItsItemsAndNoOthers(t *testing.T) {
	db, s := newDB(t, "export")
	for _, c := range []string{"alpha", "alpha-two", "beta"} {
		fill(t, s, db, c)
	}
	defer dynamo.SetExportPageLimit(2)()
	all := scan(t, db)
	for _, c := range []string{"alpha", "alpha-two"} {
		got := exportKeys(t, export(t, s, c))
		want := keysWhere(all, func(pk string) bool { return pk == "T#"+c })
		if len(want) < 8 || !slices.Equal(got, want) {
			t.Errorf("%s: export holds\n%v\nthe table holds\n%v", c, got, want)
		}
	}
	if n, err := s.ExportCoop(context.Background(), "gamma", &bytes.Buffer{}); n != 0 || err != nil {
		t.Fatalf("a co-op with no items: %d %v", n, err)
	}
}

// TestImportRoundTripsIntoAnEmptyTable: export, import into a new table,
// export again: the same bytes. A second import writes nothing.
func TestImportRoundTripsIntoAnEmptyTable(t *testing.T) {
	db, s := newDB(t, "live")
	fill(t, s, db, "alpha")
	fill(t, s, db, "beta")
	first := export(t, s, "alpha")

	restored, rs := newDB(t, "restored")
	res, err := rs.ImportCoop(context.Background(), "alpha", bytes.NewReader(first), dynamo.ImportOptions{})
	lines := strings.Count(string(first), "\n")
	if err != nil || res.Items != lines || res.Written != lines || res.Skipped != 0 {
		t.Fatalf("import: %+v %v", res, err)
	}
	if again := export(t, rs, "alpha"); !bytes.Equal(again, first) {
		t.Fatalf("round trip changed the export:\n%s\n%s", first, again)
	}
	if n := len(scan(t, restored)); n != lines {
		t.Fatalf("the restored table holds %d items, want %d", n, lines)
	}
	// The store reads what was imported as it reads its own items.
	if m, err := rs.Members(context.Background(), "alpha", dpcoop.PageRequest{}); err != nil || len(m.Items) != 1 || m.Items[0].Ceased != "2026-11-23" {
		t.Fatalf("register after import: %+v %v", m, err)
	}
	if slips, err := rs.PayslipsOfPA(context.Background(), "alpha", "pa1"); err != nil || len(slips) != 1 {
		t.Fatalf("payslips by the index after import: %+v %v", slips, err)
	}
	res, err = rs.ImportCoop(context.Background(), "alpha", bytes.NewReader(first), dynamo.ImportOptions{})
	if err != nil || res.Written != 0 || res.Skipped != lines {
		t.Fatalf("second import: %+v %v", res, err)
	}
}

// TestImportRefusesAnotherCoopsData: an export imported as another co-op,
// or a line whose index key would show it in another co-op's lists, and
// nothing at all is written.
func TestImportRefusesAnotherCoopsData(t *testing.T) {
	db, s := newDB(t, "live")
	fill(t, s, db, "alpha")
	good := string(export(t, s, "alpha"))
	_, target := newDB(t, "target")
	forged := strings.Replace(good, `"GSI1PK":{"S":"T#alpha#ACCT#`, `"GSI1PK":{"S":"T#beta#ACCT#`, 1)
	shared := strings.Replace(good, `"GSI1PK":{"S":"COOPS"},"GSI1SK":{"S":"alpha"}`, `"GSI1PK":{"S":"COOPS"},"GSI1SK":{"S":"beta"}`, 1)
	lines := strings.SplitAfter(good, "\n")
	twice := good + lines[0]
	if forged == good || shared == good {
		t.Fatal("the test's forgeries did not apply")
	}
	for name, tc := range map[string]struct {
		coop, body string
		opts       dynamo.ImportOptions
	}{
		"as another co-op":        {"beta", good, dynamo.ImportOptions{}},
		"index key of another":    {"alpha", forged, dynamo.ImportOptions{}},
		"shared index of another": {"alpha", shared, dynamo.ImportOptions{}},
		"an item twice":           {"alpha", twice, dynamo.ImportOptions{}},
		"not an item":             {"alpha", good + "{}\n", dynamo.ImportOptions{}},
		"prune without replace":   {"alpha", good, dynamo.ImportOptions{Prune: true}},
	} {
		res, err := target.ImportCoop(context.Background(), dpcoop.CoopID(tc.coop), strings.NewReader(tc.body), tc.opts)
		if err == nil || res.Written != 0 {
			t.Errorf("%s: %+v %v", name, res, err)
		}
	}
	var buf bytes.Buffer
	for _, c := range []string{"alpha", "beta"} {
		if n, _ := target.ExportCoop(context.Background(), dpcoop.CoopID(c), &buf); n != 0 {
			t.Fatalf("a refused import wrote %d items of %s", n, c)
		}
	}
}

// TestImportReplacePrunePutsACoopBack: after changes, importing an earlier
// export with Replace and Prune leaves the co-op exactly as exported, and
// another co-op as it was.
func TestImportReplacePrunePutsACoopBack(t *testing.T) {
	db, s := newDB(t, "live")
	fill(t, s, db, "alpha")
	fill(t, s, db, "beta")
	ctx := context.Background()
	before := export(t, s, "alpha")
	beta := export(t, s, "beta")

	if _, _, err := s.AddApplication(ctx, "alpha", application("alpha", "late", dpcoop.KindMember)); err != nil {
		t.Fatal(err)
	}
	putRaw(t, db, "alpha", "ENTRY#e1", map[string]types.AttributeValue{"Amount": &types.AttributeValueMemberN{Value: "1"}})
	if _, err := db.Client.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(db.Table), Key: map[string]types.AttributeValue{
		dynamo.PK: &types.AttributeValueMemberS{Value: "T#alpha"}, dynamo.SK: &types.AttributeValueMemberS{Value: "SLIP#2026-10#pa1"},
	}}); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(export(t, s, "alpha"), before) {
		t.Fatal("the changes did not change the export")
	}
	res, err := s.ImportCoop(ctx, "alpha", bytes.NewReader(before), dynamo.ImportOptions{Replace: true, Prune: true})
	if err != nil || res.Deleted != 1 || res.Written != strings.Count(string(before), "\n") {
		t.Fatalf("%+v %v", res, err)
	}
	if after := export(t, s, "alpha"); !bytes.Equal(after, before) {
		t.Fatalf("not put back:\n%s\n%s", before, after)
	}
	if !bytes.Equal(export(t, s, "beta"), beta) {
		t.Fatal("another co-op changed")
	}
}
