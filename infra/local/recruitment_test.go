package local_test

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/testclock"
)

// paRecord is the path of a PA's record, as completed by PUT.
var paRecord = regexp.MustCompile(`^/v1/pas/[a-z2-7]{20}$`)

// checkHired records a right-to-work check, dated their start, for every PA
// a test hires or completes through the API (a PA cannot be paid for work
// before one).
func (r *running) checkHired(t *testing.T, method, path, token string, resp *http.Response, body string) {
	hired := method == http.MethodPost && path == "/v1/pas" && resp.StatusCode == http.StatusCreated ||
		method == http.MethodPut && paRecord.MatchString(path) && resp.StatusCode == http.StatusOK
	if !hired {
		return
	}
	var pa dpcoop.PA
	if err := json.Unmarshal([]byte(body), &pa); err != nil || pa.StartDate == "" {
		return
	}
	claims, err := r.stack.Tokens.Verify(token)
	if err != nil {
		t.Fatal(err)
	}
	coop := dpcoop.CoopID(claims["custom:coop"])
	c := dpcoop.RightToWorkCheck{ID: dpcoop.DerivedID("test-rtw", pa.ID), Method: dpcoop.RightToWorkManual, CheckedOn: pa.StartDate,
		CheckedBy: claims["custom:person"], Recorded: testclock.Now().UTC()}
	if _, _, err := r.stack.Store.AddRightToWork(context.Background(), coop, pa.ID, c); err != nil {
		t.Fatal(err)
	}
}
