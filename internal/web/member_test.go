package web

import (
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// The ballot form becomes the choices the votes service checks: one choice,
// several, none (refused there as required), an abstention, or candidates
// in the order ranked, unranked ones left out.
func TestVoteChoicesReadsEachBallotForm(t *testing.T) {
	for _, c := range []struct {
		form url.Values
		want []string
	}{
		{url.Values{"ballot": {"radios"}, "choices": {"for"}}, []string{"for"}},
		{url.Values{"ballot": {"radios"}, "choices": {"abstain"}}, []string{}},
		{url.Values{"ballot": {"radios"}}, nil},
		{url.Values{"ballot": {"checkboxes"}, "choices": {"ann", "bob"}}, []string{"ann", "bob"}},
		{url.Values{"ballot": {"checkboxes"}}, []string{}},
		{url.Values{"ballot": {"ranked"}, "rank-bob": {"1"}, "rank-cai": {"2"}, "rank-ann": {""}}, []string{"bob", "cai"}},
		{url.Values{"ballot": {"ranked"}, "rank-ann": {"3"}, "rank-bob": {"1"}, "rank-cai": {"2"}}, []string{"bob", "cai", "ann"}},
	} {
		hr := httptest.NewRequest("POST", "/member/votes/m1", strings.NewReader(c.form.Encode()))
		hr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if err := hr.ParseForm(); err != nil {
			t.Fatal(err)
		}
		got := voteChoices(&request{Request: hr})
		if !slices.Equal(got, c.want) || (got == nil) != (c.want == nil) {
			t.Errorf("%v: %q, want %q", c.form, got, c.want)
		}
	}
}
