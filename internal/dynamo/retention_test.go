package dynamo_test

import (
	"context"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// TestPurgeExpiredPayslipsDeletesOnlyExpiredPayslips: payslips go the day
// after six years and three months from the end of the tax year of their pay
// date, and nothing else goes: not younger payslips, not a payslip whose pay
// date cannot be read, not the register (a former member included), ledger
// entries, runs, or another co-op's payslips.
func TestPurgeExpiredPayslipsDeletesOnlyExpiredPayslips(t *testing.T) {
	db, s := newDB(t, "retention")
	ctx := context.Background()
	fill(t, s, db, "alpha") // a ceased member, a recent payslip, a ledger entry
	fill(t, s, db, "beta")
	// Tax year 2018-19 (paid 7 March 2019): kept until 5 July 2025.
	slip(t, s, "alpha", "2019-02", "pa1", "2019-03-07")
	// Tax year 2019-20, from its first day to its last: kept until 5 July 2026.
	slip(t, s, "alpha", "2019-03", "pa1", "2019-04-07")
	slip(t, s, "alpha", "2019-03", "pa2", "2019-04-06")
	slip(t, s, "alpha", "2020-03", "pa2", "2020-04-05")
	// Tax year 2020-21: kept until 5 July 2027.
	slip(t, s, "alpha", "2020-03", "pa1", "2020-04-06")
	// No readable pay date: kept whatever its age.
	slip(t, s, "alpha", "2015-01", "pa1", "")
	slip(t, s, "beta", "2015-01", "pa1", "2015-02-07")
	// Old records that are not payslips: kept.
	putRaw(t, db, "alpha", "ENTRY#2015", map[string]types.AttributeValue{"Date": &types.AttributeValueMemberS{Value: "2015-02-07"}, "PayDate": &types.AttributeValueMemberS{Value: "2015-02-07"}})
	putRaw(t, db, "alpha", "SLIPS#2015", map[string]types.AttributeValue{"PayDate": &types.AttributeValueMemberS{Value: "2015-02-07"}})

	before := keysWhere(scan(t, db), func(string) bool { return true })
	purge := func(today dpcoop.Date, dry bool, wantExamined, wantDeleted int) {
		t.Helper()
		got, err := s.PurgeExpiredPayslips(ctx, "alpha", today, dry)
		if err != nil || got.Examined != wantExamined || got.Deleted != wantDeleted {
			t.Fatalf("%s (dry %v): %+v %v, want %d examined and %d deleted", today, dry, got, err, wantExamined, wantDeleted)
		}
	}
	gone := func(want ...string) {
		t.Helper()
		after := keysWhere(scan(t, db), func(string) bool { return true })
		var missing []string
		for _, k := range before {
			if !slices.Contains(after, k) {
				missing = append(missing, k)
			}
		}
		if !slices.Equal(missing, want) || len(after)+len(want) != len(before) {
			t.Fatalf("deleted %v, want %v", missing, want)
		}
	}

	// Only months before 2019-04 are read on 5 July 2025 (2015-01, 2019-02,
	// 2019-03's two), and 2018-19's last day to keep is that day.
	purge("2025-07-05", false, 4, 0)
	gone()
	purge("2025-07-06", true, 4, 1) // a dry run counts and deletes nothing
	gone()
	purge("2025-07-06", false, 4, 1)
	gone("T#alpha SLIP#2019-02#pa1")
	purge("2026-07-06", false, 5, 3) // 2019-20 goes, to its last day (5 April 2020); 2020-21 stays
	gone("T#alpha SLIP#2019-02#pa1", "T#alpha SLIP#2019-03#pa1", "T#alpha SLIP#2019-03#pa2", "T#alpha SLIP#2020-03#pa2")
	purge("2026-07-06", false, 2, 0) // again: nothing left to do
	// Years on, every payslip with a pay date is gone, and still nothing else.
	purge("2040-01-01", false, 3, 2)
	gone("T#alpha SLIP#2019-02#pa1", "T#alpha SLIP#2019-03#pa1", "T#alpha SLIP#2019-03#pa2", "T#alpha SLIP#2020-03#pa1",
		"T#alpha SLIP#2020-03#pa2", "T#alpha SLIP#2026-10#pa1")
	if m, err := s.Members(ctx, "alpha", dpcoop.PageRequest{}); err != nil || len(m.Items) != 1 || m.Items[0].Ceased == "" {
		t.Fatalf("the register lost a former member: %+v %v", m, err)
	}
	if slips, err := s.Payslips(ctx, "beta", "2015-01"); err != nil || len(slips) != 1 {
		t.Fatalf("another co-op's payslip: %+v %v", slips, err)
	}
	if _, err := s.Run(ctx, "alpha", "2019-02"); err != nil {
		t.Fatalf("the run of a purged month: %v", err)
	}
}
