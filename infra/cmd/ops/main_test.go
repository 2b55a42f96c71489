package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"reflect"
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
	"github.com/dpcoop/dpcoop/internal/testclock"
)

func ops(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errs bytes.Buffer
	err := run(context.Background(), args, &out, &errs)
	return out.String(), errs.String(), err
}

// TestExportImportRoundTripThroughTheCommand: the local stack's demo co-op
// exported by the command to a private file, imported into an empty table,
// and exported again: the same file.
func TestExportImportRoundTripThroughTheCommand(t *testing.T) {
	db, err := dynamolocal.Shared()
	if err != nil {
		t.Fatal(err)
	}
	stack, err := local.Start(context.Background(), local.Options{Log: io.Discard, Now: testclock.Clock(),
		Dynamo: db.URL, Table: dynamolocal.UniqueTable("stack")})
	if err != nil {
		t.Fatal(err)
	}
	defer stack.Close()
	dir := t.TempDir()
	first := filepath.Join(dir, "exports", "demo.jsonl")
	_, msg, err := ops(t, "export", "-coop", "demo", "-endpoint", stack.DB.URL, "-table", stack.DB.Table, "-out", first)
	if err != nil || !strings.Contains(msg, "exported") {
		t.Fatalf("export: %v %s", err, msg)
	}
	if st, err := os.Stat(first); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("the export file: %v %v", st.Mode(), err)
	}
	if _, _, err := ops(t, "export", "-coop", "demo", "-endpoint", stack.DB.URL, "-table", stack.DB.Table, "-out", first); err == nil {
		t.Fatal("an export overwrote an earlier one")
	}
	missing := filepath.Join(dir, "nobody.jsonl")
	if _, _, err := ops(t, "export", "-coop", "nobody", "-endpoint", stack.DB.URL, "-table", stack.DB.Table, "-out", missing); err == nil {
		t.Fatal("an export of a co-op with no items succeeded")
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Fatal("a failed export left a file")
	}

	empty, err := dynamolocal.Start(context.Background(), "restored")
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	if _, _, err := ops(t, "import", "-coop", "demo", "-endpoint", empty.URL, "-in", first); err == nil {
		t.Fatal("an import without -table ran")
	}
	_, msg, err = ops(t, "import", "-coop", "demo", "-endpoint", empty.URL, "-table", empty.Table, "-in", first)
	if err != nil || !strings.Contains(msg, "0 skipped") {
		t.Fatalf("import: %v %s", err, msg)
	}
	again, _, err := ops(t, "export", "-coop", "demo", "-endpoint", empty.URL, "-table", empty.Table)
	want, _ := os.ReadFile(first)
	if err != nil || again != string(want) || len(want) < 1000 {
		t.Fatalf("the round trip changed the export (%v): %d bytes, want %d", err, len(again), len(want))
	}
	if out, _, err := ops(t, "coops", "-endpoint", empty.URL, "-table", empty.Table); err != nil || out != "demo\n" {
		t.Fatalf("coops: %q %v", out, err)
	}
	today := string(dpcoop.DateOf(testclock.Now())) // the day the stack seeded the demo on
	if out, _, err := ops(t, "retention", "-endpoint", empty.URL, "-table", empty.Table, "-today", today); err != nil || !strings.Contains(out, "would delete 0") {
		t.Fatalf("retention: %q %v", out, err)
	}
}

func TestCommandRefusesBadArguments(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"export", "-coop", "T#other", "-table", "x", "-endpoint", "http://127.0.0.1:1"},
		{"export", "-coop", "demo", "-endpoint", "http://127.0.0.1:1"},
		{"export", "-coop", "demo", "-table", "x", "-stage", "prod", "-endpoint", "http://127.0.0.1:1"},
		{"export", "-coop", "demo", "-stage", "staging", "-endpoint", "http://127.0.0.1:1"},
		{"import", "-coop", "demo", "-table", "x", "-endpoint", "http://127.0.0.1:1"},
		{"retention", "-table", "x", "-today", "23/11/2026", "-endpoint", "http://127.0.0.1:1"},
		{"coops", "-table", "x", "extra", "-endpoint", "http://127.0.0.1:1"},
	} {
		if _, _, err := ops(t, args...); err == nil {
			t.Errorf("%v ran", args)
		}
	}
}

// TestOldTrainingMovesTheOldListOnce: co-ops whose payroll settings (the
// co-op item's Payroll map) still hold the old required_training list, as
// written before the training setting became the one list. "old-list" has
// never set the training setting: it is set from the list (safeguarding is
// safeguarding adults, induction is dropped). "set-since" set it since:
// that stands. "never-chose" holds the list as NULL: nothing is set.
// "saved-since" saved its payroll settings since (no list): left alone.
// Each list is removed and the rest of the settings kept; a second run
// changes nothing.
func TestOldTrainingMovesTheOldListOnce(t *testing.T) {
	ctx := context.Background()
	db, err := dynamolocal.Start(ctx, "oldtraining")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	store := dynamo.New(db.Client, db.Table)
	settings := dpcoop.DefaultPayrollSettings
	settings.PayDay, settings.ProbationMonths = 25, 3
	old := map[string]types.AttributeValue{
		"old-list":    &types.AttributeValueMemberL{Value: []types.AttributeValue{str("induction"), str("safeguarding"), str("first_aid")}},
		"set-since":   &types.AttributeValueMemberL{Value: []types.AttributeValue{str("medication")}},
		"never-chose": &types.AttributeValueMemberNULL{Value: true},
	}
	for _, id := range []string{"old-list", "set-since", "never-chose", "saved-since"} {
		c := dpcoop.CoopID(id)
		admin := dpcoop.Person{ID: dpcoop.NewID(), Coop: c, Email: "admin@" + id + ".example", Role: dpcoop.RoleAdmin, Language: dpcoop.English}
		if _, _, err := store.CreateCoop(ctx, dpcoop.Coop{ID: c, NameEN: id, Created: testclock.Now()}, admin, "fp"); err != nil {
			t.Fatal(err)
		}
		if err := store.SetPayrollSettings(ctx, c, settings); err != nil {
			t.Fatal(err)
		}
		if list, ok := old[id]; ok {
			if _, err := db.Client.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String(db.Table), Key: coopKey(id),
				UpdateExpression: aws.String("SET Payroll.RequiredTraining = :l"), ExpressionAttributeValues: map[string]types.AttributeValue{":l": list}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := store.SetRequiredCourses(ctx, "set-since", dpcoop.RequiredTraining{Courses: []dpcoop.Course{dpcoop.CourseMovingHandling}}); err != nil {
		t.Fatal(err)
	}
	check := func(run string) {
		t.Helper()
		for id, want := range map[string][]dpcoop.Course{
			"old-list":    {dpcoop.CourseFirstAid, dpcoop.CourseSafeguarding},
			"set-since":   {dpcoop.CourseMovingHandling},
			"never-chose": {},
			"saved-since": {},
		} {
			got, err := store.RequiredCourses(ctx, dpcoop.CoopID(id))
			if err != nil || !slices.Equal(got.Courses, want) {
				t.Errorf("%s, %s: the training setting %v (%v), want %v", run, id, got.Courses, err, want)
			}
			item, err := db.Client.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(db.Table), Key: coopKey(id), ConsistentRead: aws.Bool(true)})
			if err != nil {
				t.Fatal(err)
			}
			if _, left := item.Item["Payroll"].(*types.AttributeValueMemberM).Value["RequiredTraining"]; left {
				t.Errorf("%s, %s: the old list is still in the payroll settings", run, id)
			}
			c, err := store.Coop(ctx, dpcoop.CoopID(id))
			if err != nil || !reflect.DeepEqual(c.PayrollSettings(), settings) {
				t.Errorf("%s, %s: the payroll settings changed: %+v (%v)", run, id, c.PayrollSettings(), err)
			}
		}
	}

	out, _, err := ops(t, "oldtraining", "-endpoint", db.URL, "-table", db.Table)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		"oldtraining old-list in " + db.Table + ": the old list removed, the training setting set to [first_aid safeguarding_adults]; dropped [induction] (no such course)",
		"oldtraining set-since in " + db.Table + ": the old list removed, the training setting was set already and stands",
		"oldtraining never-chose in " + db.Table + ": the old list removed, it named no course, so the training setting is left as it was",
		"oldtraining in " + db.Table + ": 4 co-ops, 3 had the old list, 1 training settings set",
	} {
		if !strings.Contains(out, line+"\n") {
			t.Errorf("the first run does not say %q:\n%s", line, out)
		}
	}
	if strings.Contains(out, "saved-since") {
		t.Errorf("a co-op without the old list is reported:\n%s", out)
	}
	check("the first run")
	out, _, err = ops(t, "oldtraining", "-endpoint", db.URL, "-table", db.Table)
	if err != nil || out != "oldtraining in "+db.Table+": 4 co-ops, 0 had the old list, 0 training settings set\n" {
		t.Fatalf("the second run: %q %v", out, err)
	}
	check("the second run")
}

func str(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }

func coopKey(id string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": str("T#" + id), "SK": str("COOP")}
}
