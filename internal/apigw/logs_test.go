package apigw_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Personal data the requests below carry: each must never reach a log line.
const (
	logName      = "Angharad Pritchard-Llewelyn"
	logEmail     = "angharad.pl@example.org"
	logAddress   = "12 Ffordd Penrhos, Bangor LL57 2DT"
	logPhone     = "07700 900461"
	logSupport   = "uses a hoist; epilepsy, seizures at night"
	logFormName  = "Iolo Gwallter"
	logFormEmail = "iolo.g@example.org"
	logFormNeeds = "British Sign Language interpreter"
	logPAName    = "Bronwen Tudur-Jones"
	logPAEmail   = "bronwen.tj@example.org"
	logNI        = "JT 48 21 93 B"
	logNICompact = "JT482193B"
	logDOB       = "1979-08-17"
	logSortCode  = "40-47-84"
	logAccount   = "70872490"
	logBankName  = "B Tudur-Jones"
)

// TestLogsCarryNoPersonalData: requests carrying a name, an email, an
// address, support needs, an NI number, a date of birth and bank details, as
// JSON and as a form post, answered 2xx, 3xx, 4xx and 5xx (DynamoDB failing
// under them), leave none of it in the logs, while the logs still say what
// happened: request id, route, status, co-op, duration, and the error code.
func TestLogsCarryNoPersonalData(t *testing.T) {
	tm := newTeam(t)
	h := tm.harness
	// Anything logged through the default logger is caught too.
	var fallback bytes.Buffer
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.NewJSONHandler(&fallback, nil)))
	h.logs.Reset()

	application := func(name, email, needs string) string {
		b, _ := json.Marshal(map[string]any{"kind": "member", "name": name, "email": email, "address": logAddress, "phone": logPhone,
			"language": "cy", "consent_electronic": true, "support_needs": needs})
		return string(b)
	}
	apply := func(body, key string) eventT {
		ev := withHeader(fixture(t, "apply-json.json"), "idempotency-key", key)
		ev.RequestContext.HTTP.SourceIP = "198.51.100.77"
		return withJSON(ev, body)
	}
	pa := func(ni, email string) string {
		b, _ := json.Marshal(map[string]any{"legal_name": logPAName, "email": email, "address": logAddress, "phone": logPhone, "language": "cy",
			"date_of_birth": logDOB, "ni_number": ni, "starter_declaration": "A", "start_date": "2026-04-06",
			"bank": map[string]string{"account_name": logBankName, "sort_code": logSortCode, "account_number": logAccount}})
		return string(b)
	}
	form := func(email string) url.Values {
		return url.Values{"kind": {"member"}, "name": {logFormName}, "email": {email}, "address": {logAddress}, "phone": {logPhone},
			"language": {"cy"}, "consent_electronic": {"yes"}, "support_needs": {logFormNeeds}, "website": {""},
			"redirect": {"https://demo.coop.example/diolch"}}
	}

	// Accepted: an application by JSON and one by form, a PA hired and their
	// record read back and corrected.
	resp := h.call(apply(application(logName, logEmail, logSupport), "log-1"), true)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("apply: %d %s", resp.StatusCode, resp.Body)
	}
	if resp = h.call(withForm(fixture(t, "apply-form.json"), form(logFormEmail)), false); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("form: %d %s", resp.StatusCode, resp.Body)
	}
	var hired struct{ ID string }
	tm.ok(withHeader(h.admin("POST", "/v1/pas", nil, pa(logNI, logPAEmail)), "idempotency-key", "hire-bronwen"), 201).into(t, &hired)
	tm.ok(h.admin("GET", "/v1/pas/{id}", map[string]string{"id": hired.ID}, ""), 200)
	tm.ok(h.admin("PUT", "/v1/pas/{id}", map[string]string{"id": hired.ID}, pa(logNI, logPAEmail)), 200)

	// Refused: invalid fields (the answer names the field, the log only its
	// code), a reused idempotency key, a form sent back with an error.
	for _, ev := range []eventT{
		apply(application(logName, "not-an-email "+logEmail, logSupport), "log-2"),
		apply(application(logName, logEmail, strings.Repeat(logSupport, 200)), "log-3"),
		apply(application(logName+" again", logEmail, logSupport), "log-1"),
		h.admin("POST", "/v1/pas", nil, pa("ZZ 99 99 99 Z "+logNI, logPAEmail)),
		h.admin("POST", "/v1/pas", nil, strings.Replace(pa(logNI, logPAEmail), `"legal_name"`, `"legal_nmae"`, 1)),
		withForm(fixture(t, "apply-form.json"), form("bad@ "+logFormEmail)),
	} {
		if resp := h.call(ev, false); resp.StatusCode < 300 {
			t.Fatalf("%s was accepted: %d %s", ev.RouteKey, resp.StatusCode, resp.Body)
		}
	}

	// Failed inside: DynamoDB refuses every call (access denied, answered at
	// once where an internal error would be retried for seconds), so the
	// handlers log the error's own text.
	h.failing.Store(true)
	for _, ev := range []eventT{
		withHeader(h.admin("POST", "/v1/pas", nil, pa(logNI, "other."+logPAEmail)), "idempotency-key", "hire-again"),
		apply(application(logName, "other."+logEmail, logSupport), "log-4"),
	} {
		if resp := h.call(ev, false); resp.StatusCode < 500 {
			t.Fatalf("%s with DynamoDB failing: %d %s", ev.RouteKey, resp.StatusCode, resp.Body)
		}
	}
	h.failing.Store(false)

	logs := h.logs.String() + fallback.String()
	var lines, errorsLogged int
	for line := range strings.Lines(h.logs.String()) {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("a log line is not JSON: %s", line)
		}
		if rec["msg"] != "request" {
			continue
		}
		lines++
		for _, k := range []string{"request_id", "route", "status", "duration_ms"} {
			if _, ok := rec[k]; !ok {
				t.Errorf("a request log line lacks %s: %s", k, line)
			}
		}
		if _, ok := rec["error"]; ok {
			errorsLogged++
		}
	}
	if lines < 13 || errorsLogged < 2 || !strings.Contains(logs, `"coop":"demo"`) || !strings.Contains(logs, `"code":"validation_failed"`) {
		t.Fatalf("the logs do not say what happened (%d request lines, %d errors):\n%s", lines, errorsLogged, logs)
	}
	for _, secret := range []string{
		logName, "Angharad", "Pritchard", logEmail, logAddress, "Penrhos", logPhone, "900461", logSupport, "hoist", "epilepsy",
		logFormName, "Iolo", logFormEmail, logFormNeeds, "Sign Language",
		logPAName, "Bronwen", logPAEmail, logNI, logNICompact, "482193", logDOB, logSortCode, "404784", logAccount, logBankName,
		"Catrin", "AB123456C", "12345678", "Gwen Morgan", "wheelchair", "198.51.100.77",
	} {
		if strings.Contains(strings.ToLower(logs), strings.ToLower(secret)) {
			t.Errorf("the logs hold %q", secret)
		}
	}
}
