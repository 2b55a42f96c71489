package dpcoop

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// Fuzz targets for every decoder of outside input in the domain: each must
// refuse bad input with an error, never panic, and keep its promises on
// input it accepts.

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-11-23", "2026-02-29", "0000-00-00", "2026-1-1", "99999-01-01", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ParseDate(s)
		if ok && (string(d) != s || d.Time().Format(DateLayout) != s) {
			t.Fatalf("%q accepted as %q", s, d)
		}
	})
}

func FuzzParseMonth(f *testing.F) {
	for _, s := range []string{"2026-10", "2026-13", "1999-01", "2026-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if m, ok := ParseMonth(s); ok {
			if _, err := time.Parse(MonthLayout, m); err != nil {
				t.Fatalf("%q accepted but is not a month", s)
			}
		}
	})
}

func FuzzNegotiateLang(f *testing.F) {
	for _, s := range []string{"cy-GB,cy;q=0.9,en;q=0.8", "en;q=1.0000", "cy;q=", "*", ";;;,,,q=0.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if l := NegotiateLang(s); l != Welsh && l != English {
			t.Fatalf("%q gave %q", s, l)
		}
	})
}

func FuzzNormaliseOrigin(f *testing.F) {
	for _, s := range []string{"https://a.example", "http://localhost:8080", "https://a.example/path", "javascript:x", "https://user@a.example"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, ok := NormaliseOrigin(s)
		if !ok {
			return
		}
		if again, ok2 := NormaliseOrigin(o); !ok2 || again != o {
			t.Fatalf("%q normalised to %q, which normalises to %q", s, o, again)
		}
		if !strings.HasPrefix(o, "https://") && !strings.HasPrefix(o, "http://localhost") && !strings.HasPrefix(o, "http://127.0.0.1") {
			t.Fatalf("%q accepted as %q", s, o)
		}
	})
}

func FuzzNINumber(f *testing.F) {
	for _, s := range []string{"AB 12 34 56 C", "qq123456c", "GB123456A", "", "A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if n, ok := NormaliseNINumber(s); ok && (len(n) != 9 || !niPattern.MatchString(n)) {
			t.Fatalf("%q accepted as %q", s, n)
		}
	})
}

// FuzzShiftInput decodes a shift as the API does and checks what is accepted:
// end after start, at most 24 hours, shares that sum to the whole.
func FuzzShiftInput(f *testing.F) {
	f.Add(`{"date":"2026-11-20","start":"09:00","end":"13:30","members":["gwenaaaaaaaaaaaaaaaa"],"miles":12.5}`)
	f.Add(`{"date":"2026-10-24","start":"22:00","end":"07:00","end_date":"2026-10-25","members":["aaaaaaaaaaaaaaaaaaaa","bbbbbbbbbbbbbbbbbbbb"],"split":[2,1]}`)
	f.Add(`{"date":"2026-03-29","start":"01:30","end":"02:30","members":[],"miles":"-1"}`)
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body string) {
		var in ShiftInput
		if json.Unmarshal([]byte(body), &in) != nil {
			return
		}
		s, err := in.Validate(now)
		if err != nil {
			if ErrorOf(err).Kind != KindInvalid {
				t.Fatalf("a bad shift is not a validation error: %v", err)
			}
			return
		}
		var whole int64
		for _, m := range s.Members {
			whole += m.Share
		}
		if !s.End.After(s.Start) || s.Minutes() > MaxShiftMinutes || s.End.After(now) || whole != WholeShare || s.MileageTenths < 0 {
			t.Fatalf("accepted %+v", s)
		}
	})
}
