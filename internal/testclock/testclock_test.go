package testclock_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/testclock"
)

func TestDefaultIsTenInTheMorningInLondon(t *testing.T) {
	t.Setenv(testclock.Env, "")
	if got, want := testclock.Now(), time.Date(2026, 11, 23, 10, 0, 0, 0, dpcoop.London); !got.Equal(want) {
		t.Fatalf("%v, want %v", got, want)
	}
}

func TestTheEnvironmentMovesTheDate(t *testing.T) {
	// 29 March 2026 is the day the clocks go forward: still 10:00 London.
	t.Setenv(testclock.Env, "2026-03-29")
	got := testclock.Now()
	if got.In(dpcoop.London).Format(time.DateTime) != "2026-03-29 10:00:00" || !testclock.Clock()().Equal(got) {
		t.Fatalf("%v", got)
	}
}

func TestAnInvalidDatePanics(t *testing.T) {
	for _, bad := range []string{"2026-13-01", "2026-02-30", "23/11/2026", "2026-1-5", "tomorrow"} {
		t.Run(bad, func(t *testing.T) {
			t.Setenv(testclock.Env, bad)
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), testclock.Env) {
					t.Fatalf("%q: recovered %v", bad, r)
				}
			}()
			testclock.Now()
		})
	}
}

// TestTheMakefileAgrees: make browser-test runs make dev on the same default
// date as the Go tests.
func TestTheMakefileAgrees(t *testing.T) {
	b, err := os.ReadFile("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	if want := "TESTCLOCK_DEFAULT := " + testclock.DefaultDate + "\n"; !strings.Contains(string(b), want) {
		t.Fatalf("the Makefile has no %q", want)
	}
}
