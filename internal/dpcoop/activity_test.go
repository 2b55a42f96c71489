package dpcoop

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var activityNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func goodActivity() ActivityInput {
	return ActivityInput{TitleEN: "Beach day", TitleCY: "Diwrnod ar y traeth", DescriptionEN: "A day at Aberavon.",
		DescriptionCY: "Diwrnod yn Aberafan.", Start: "2026-12-05T10:00", End: "2026-12-05T15:30", Place: "Aberavon beach",
		AccessEN: "Beach wheelchairs to borrow.", AccessCY: "Cadeiriau olwyn traeth i'w benthyg.", CostPence: 12_001, Pool: "poolpoolpoolpoolpool"}
}

func TestActivityValidate(t *testing.T) {
	a, err := goodActivity().Validate("act1", "admin1", activityNow)
	if err != nil {
		t.Fatal(fieldCodes(err))
	}
	// 10:00 in Wales in December is 10:00 UTC; in June it would be 09:00.
	if want := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC); !a.Start.Equal(want) {
		t.Errorf("start %v, want %v", a.Start, want)
	}
	summer := goodActivity()
	summer.Start, summer.End = "2026-06-05T10:00", "2026-06-05T11:00"
	if s, err := summer.Validate("a", "b", activityNow); err != nil || s.Start.Hour() != 9 {
		t.Errorf("summer start %v, %v; want 09:00 UTC", s.Start, err)
	}
	cases := []struct {
		name  string
		edit  func(*ActivityInput)
		field string
		code  string
	}{
		{"no Welsh title", func(in *ActivityInput) { in.TitleCY = " " }, "title_cy", FieldRequired},
		{"no English description", func(in *ActivityInput) { in.DescriptionEN = "" }, "description_en", FieldRequired},
		{"bad start", func(in *ActivityInput) { in.Start = "5 December" }, "starts_at", FieldDate},
		{"end before start", func(in *ActivityInput) { in.End = "2026-12-05T09:00" }, "ends_at", FieldEndBeforeStart},
		{"too long", func(in *ActivityInput) { in.End = "2026-12-25T09:00" }, "ends_at", FieldOutOfRange},
		{"negative cost", func(in *ActivityInput) { in.CostPence = -1 }, "cost_pence", FieldOutOfRange},
		{"cost with no pool", func(in *ActivityInput) { in.Pool = "" }, "pool_id", FieldPoolNeeded},
		{"bad pool", func(in *ActivityInput) { in.Pool = "../x" }, "pool_id", FieldChoice},
		{"no place", func(in *ActivityInput) { in.Place = "" }, "place", FieldRequired},
		{"access too long", func(in *ActivityInput) { in.AccessCY = strings.Repeat("a", MaxReasonLen+1) }, "access_cy", FieldTooLong},
	}
	for _, c := range cases {
		in := goodActivity()
		c.edit(&in)
		_, err := in.Validate("act1", "admin1", activityNow)
		if got := fieldCodes(err); got[c.field] != c.code {
			t.Errorf("%s: codes %v, want %s=%s", c.name, got, c.field, c.code)
		}
	}
	free := goodActivity()
	free.CostPence, free.Pool = 0, ""
	if _, err := free.Validate("a", "b", activityNow); err != nil {
		t.Errorf("a free activity needs no pool: %v", err)
	}
}

func TestActivityShiftAndSpend(t *testing.T) {
	a, _ := goodActivity().Validate("act1", "admin1", activityNow)
	in := a.ActivityShift([]string{"m1", "m2"})
	if in.Date != "2026-12-05" || in.Start != "10:00" || in.End != "15:30" || in.Pool != "poolpoolpoolpoolpool" || len(in.Members) != 2 {
		t.Errorf("shift input %+v", in)
	}
	sp := a.Spend()
	if sp.Amount != 12_001 || sp.Date != "2026-12-05" {
		t.Errorf("spending %+v", sp)
	}
}

func TestCalendar(t *testing.T) {
	a, _ := goodActivity().Validate("act1", "admin1", activityNow)
	a.DescriptionCY = "Dewch â bwyd, dŵr; a het.\nHwyl!" + strings.Repeat(" Ŵ", 40)
	a.TitleCY = `Traeth, môr; a \ cestyll`
	b := a
	b.ID, b.Cancelled, b.Version = "act2", true, 3
	out := string(Calendar([]Activity{a, b}, Welsh, "demo.dpcoop.example", activityNow))
	for _, want := range []string{
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "UID:act1@demo.dpcoop.example\r\n", "DTSTAMP:20261120T120000Z\r\n",
		"DTSTART:20261205T100000Z\r\n", "DTEND:20261205T153000Z\r\n", `SUMMARY:Traeth\, môr\; a \\ cestyll` + "\r\n",
		`DESCRIPTION:Dewch â bwyd\, dŵr\; a het.\nHwyl!`, "UID:act2@demo.dpcoop.example\r\n", "STATUS:CANCELLED\r\n",
		"SEQUENCE:3\r\n", "END:VCALENDAR\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("feed lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Beach day") {
		t.Error("a Welsh feed shows the English title")
	}
	lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
	folded := 0
	for _, l := range lines {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("a fold split a character: %q", l)
		}
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded == 0 {
		t.Error("the long description was not folded")
	}
	// Unfolding (RFC 5545 3.1) gives back the value.
	unfolded := strings.ReplaceAll(out, "\r\n ", "")
	if !strings.Contains(unfolded, strings.Repeat(` Ŵ`, 40)) {
		t.Error("unfolding does not give back the description")
	}
	if strings.Contains(out, "\n") && strings.Count(out, "\n") != strings.Count(out, "\r\n") {
		t.Error("a line ends without CR")
	}
}
