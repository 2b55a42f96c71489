package dpcoop

import "testing"

// TestWeek1Month1EndsWithTheTaxYear: a starter on 1257L month 1 in
// February 2027 is taxed month 1 until 5 April, then cumulatively from the
// new tax year, unless a notice for the new year says week 1/month 1 again.
func TestWeek1Month1EndsWithTheTaxYear(t *testing.T) {
	h := PayHistory{Notices: []TaxCodeNotice{{ID: "a", TaxCode: "1257L", Basis: BasisNonCumulative, EffectiveFrom: "2027-02-01", Source: SourceStarter}}}
	for d, want := range map[Date]string{"2027-03-07": "1257L M1", "2027-04-05": "1257L M1", "2027-04-07": "1257L", "2027-05-07": "1257L"} {
		if n, ok := h.NoticeOn(d); !ok || n.Code() != want {
			t.Errorf("paid %s: %s, want %s", d, n.Code(), want)
		}
	}
	h.Notices = append(h.Notices, TaxCodeNotice{ID: "b", TaxCode: "1100L", Basis: BasisNonCumulative, EffectiveFrom: "2027-04-06", Source: SourceP9})
	if n, _ := h.NoticeOn("2027-04-07"); n.Code() != "1100L M1" {
		t.Errorf("a P9 for the new year on month 1: %s", n.Code())
	}
}
