package payrun_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/dpcoop/dpcoop/infra/cmd/bench/meter"
	"github.com/dpcoop/dpcoop/infra/cmd/bench/synth"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/dynamo/dynamolocal"
)

func TestTmpTrace(t *testing.T) {
	if os.Getenv("TRACE") == "" {
		t.Skip()
	}
	ctx := context.Background()
	tmpl, _ := synth.MonthTemplate()
	m := meter.New()
	db, err := dynamolocal.Start(ctx, "trace", m.Option)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := tmpl.CopyAs(ctx, db.Client, db.Table, synth.CoopName(0)); err != nil {
		t.Fatal(err)
	}
	m.Reset()
	m.Capture(true)
	if _, err := runMonth(ctx, dynamo.New(db.Client, db.Table), m, 1); err != nil {
		t.Fatal(err)
	}
	for i, c := range m.Captured() {
		b, _ := json.Marshal(c)
		s := string(b)
		if len(s) > 400 {
			s = s[:400]
		}
		fmt.Printf("%d %T %s\n", i, c, s)
	}
}
