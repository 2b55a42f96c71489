package cost

import (
	"strings"
	"testing"
)

func TestCostRoundsHalfUpAfterTheFreeUnits(t *testing.T) {
	it := Item{Price: 3, Free: 1 * Milli}
	for _, c := range []struct {
		milli int64
		want  Money
	}{{999, 0}, {1000, 0}, {1500, 2 /* 0.5 × 3 = 1.5 */}, {1499, 1 /* 1.497 */}, {2000, 3}} {
		if got := it.Cost(c.milli); got != c.want {
			t.Errorf("Cost(%d) = %d, want %d", c.milli, got, c.want)
		}
	}
}

// The Cognito plans at the hosted service's 70,000 monthly active users,
// worked by hand: Plus 70,000 × $0.02; Essentials (70,000 − 10,000) ×
// $0.015; Lite (70,000 − 10,000) × $0.0055.
func TestCognitoPlansAtSeventyThousandUsers(t *testing.T) {
	for _, c := range []struct {
		plan Item
		want Money
	}{{CognitoPlus, 1_400 * Dollar}, {CognitoEssentials, 900 * Dollar}, {CognitoLite, 330 * Dollar}} {
		if got := c.plan.Cost(70_000 * Milli); got != c.want {
			t.Errorf("%s: %s, want %s", c.plan.Name, got, c.want)
		}
	}
	// Ten million users do not overflow: 10,000,000 × $0.02.
	if got := CognitoPlus.Cost(10_000_000 * Milli); got != 200_000*Dollar {
		t.Errorf("ten million users: %s", got)
	}
}

func TestMoneyShowsCentsOrFourPlaces(t *testing.T) {
	for _, c := range []struct {
		m    Money
		want string
	}{
		{1_400 * Dollar, "$1,400.00"}, {25_443_000_000, "$0.02544"}, {4_245_000_000, "$0.004245"},
		{200_000, "$0.0000002"}, {0, "$0"}, {-4_245_000_000, "−$0.004245"}, {1_234_567 * Dollar / 100, "$12,345.67"},
	} {
		if got := c.m.String(); got != c.want {
			t.Errorf("%d: %q, want %q", int64(c.m), got, c.want)
		}
	}
}

// 1,000 calls of 40 ms at 256 MB are 10 GB-seconds: $0.000133334.
func TestLambdaDurationAtAQuarterGB(t *testing.T) {
	gbs := gbSeconds(1_000 * 40_000)
	if gbs != 10*Milli {
		t.Fatalf("%d thousandths of a GB-second, want 10,000", gbs)
	}
	if got := LambdaDuration.Cost(gbs); got != 133_334_000 {
		t.Errorf("%s", got)
	}
}

// What this branch changed, worked by hand for the hosted service: votes
// write 2 WRU less each (50,000 votes) and 64 WRU more a motion (1,000
// motions): 36,000 WRU less; the dispatch reads the co-op too, 30,000 RRU
// more; the consumer adds 3,000 invocations of 200 ms (150 GB-s); SQS stays
// inside its free million; two more alarms.
func TestBeforeAndAfter(t *testing.T) {
	b, a := Month(Hosted, Measured, Before, CognitoPlus), Month(Hosted, Measured, After, CognitoPlus)
	for _, c := range []struct {
		it   Item
		diff int64
	}{
		{DynamoWrites, -36_000 * Milli}, {DynamoReads, 30_000 * Milli}, {LambdaRequests, 3_000 * Milli},
		{LambdaDuration, 150 * Milli}, {Alarms, 2 * Milli},
	} {
		if got := a.Of(c.it).Quantity - b.Of(c.it).Quantity; got != c.diff {
			t.Errorf("%s: after − before = %d, want %d", c.it.Name, got, c.diff)
		}
	}
	if sqs := a.Of(SQSRequests); sqs.Quantity != (9_000+648_000)*Milli || sqs.Cost() != 0 {
		t.Errorf("SQS %d requests cost %s, want 657,000 in the free tier", sqs.Quantity/Milli, sqs.Cost())
	}
	// The total moves by exactly the lines' differences.
	var sum Money
	for i := range a {
		sum += a[i].Cost() - b[i].Cost()
	}
	if a.Total()-b.Total() != sum {
		t.Errorf("totals differ by %s, lines by %s", a.Total()-b.Total(), sum)
	}
	// Cognito Plus is most of the bill at this scale.
	if c := a.Of(CognitoPlus).Cost(); c*2 < a.Total() {
		t.Errorf("Cognito %s of %s", c, a.Total())
	}
}

func TestMarkdownNamesEveryItemAndPlan(t *testing.T) {
	md := Markdown(Hosted, Measured, CognitoPlus)
	for _, it := range append(itemsOf(Month(Hosted, Measured, After, CognitoPlus)), Plans...) {
		if !strings.Contains(md, "| "+it.Name+" |") && !strings.Contains(md, "| "+it.Name+" (the stack's) |") {
			t.Errorf("no row for %s", it.Name)
		}
	}
}
