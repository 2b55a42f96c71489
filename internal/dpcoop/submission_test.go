package dpcoop

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestGatewayCredentialsChecked(t *testing.T) {
	in := GatewayCredentialsInput{SenderID: " SENDER1 ", Password: "pa55word"}
	out, err := in.Validate()
	if err != nil || out.SenderID != "SENDER1" || out.Password != "pa55word" {
		t.Fatalf("%v %v", out.SenderID, err)
	}
	if s := fmt.Sprintf("%v %+v %#v", in, in, in); strings.Contains(s, "pa55word") {
		t.Errorf("printed: %s", s)
	}
	for _, bad := range []GatewayCredentialsInput{{}, {SenderID: "S", Password: "with space"}, {SenderID: "S", Password: strings.Repeat("x", 129)}, {SenderID: "Siân", Password: "p"}} {
		if _, err := bad.Validate(); !IsKind(err, KindInvalid) {
			t.Errorf("%d-character password, sender %q: %v", len(bad.Password), bad.SenderID, err)
		}
	}
}

func TestSubmissionKeepsTheMessageCompressed(t *testing.T) {
	msg := []byte(strings.Repeat("<Employee><NINO>AB123456C</NINO></Employee>\n", 1000))
	var s Submission
	s.Keep(msg)
	back, err := s.Message()
	if err != nil || string(back) != string(msg) || len(s.Sent) >= len(msg)/10 || len(s.SentSHA256) != 64 || s.SentNotKept {
		t.Fatalf("kept %d of %d bytes, %v", len(s.Sent), len(msg), err)
	}
	if a, b := NewTransactionID("c", "2026-10", SubmissionFPS, 1), NewTransactionID("c", "2026-10", SubmissionFPS, 2); a == b || len(a) != 32 || strings.ToUpper(a) != a {
		t.Errorf("transaction ids %s %s", a, b)
	}
}

func TestHMRCGenderOnThePARecord(t *testing.T) {
	base := PAInput{LegalName: "Catrin Jones", Email: "c@example.org", Address: "5 Ffordd y Môr, Aberaeron", Language: "cy",
		DateOfBirth: "1988-03-14", NINumber: "AB123456C", Starter: "A", StartDate: "2026-04-06"}
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	for g, want := range map[string]string{"": "", "f": "F", " M ": "M"} {
		in := base
		in.HMRCGender = g
		pa, err := in.Validate(now)
		if err != nil || pa.HMRCGender != want || pa.Redacted().HMRCGender != "" {
			t.Errorf("%q: %q %v", g, pa.HMRCGender, err)
		}
	}
	in := base
	in.HMRCGender = "X"
	if _, err := in.Validate(now); !IsKind(err, KindInvalid) || !strings.Contains(fmt.Sprint(ErrorOf(err).Fields), "hmrc_gender") {
		t.Errorf("X: %v", err)
	}
}
