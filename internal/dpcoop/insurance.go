package dpcoop

import (
	"strings"
	"time"
)

// MinimumELCover is the least employers' liability cover the law allows, in
// pence: £5 million (Employers' Liability (Compulsory Insurance)
// Regulations 1998, reg. 3; docs/insurance.md).
const MinimumELCover int64 = 5_000_000_00

// InsuranceWarningDays is how long before the policy ends the admins are
// warned: time to renew it.
const InsuranceWarningDays = 30

// EmployersLiability is the co-op's current employers' liability policy,
// as its certificate states it: the facts only, never the certificate.
type EmployersLiability struct {
	Insurer    string    `json:"insurer"`
	Policy     string    `json:"policy_number"`
	Cover      int64     `json:"cover_pence"`
	Start      Date      `json:"start_date"`
	Expires    Date      `json:"expiry_date"`
	Recorded   time.Time `json:"recorded"`
	RecordedBy string    `json:"recorded_by"`
}

// InsuranceInput is a policy as an admin enters it.
type InsuranceInput struct {
	Insurer string `json:"insurer"`
	Policy  string `json:"policy_number"`
	Cover   int64  `json:"cover_pence"`
	Start   string `json:"start_date"`
	Expires string `json:"expiry_date"`
}

// Validate checks a policy: an insurer and policy number, at least the
// legal minimum cover, and an expiry after its start.
func (in InsuranceInput) Validate(by string, now time.Time) (EmployersLiability, error) {
	var p Problems
	e := EmployersLiability{Cover: in.Cover, Recorded: now.UTC(), RecordedBy: by}
	e.Insurer = requireName(&p, "insurer", in.Insurer, 120)
	e.Policy = requireText(&p, "policy_number", in.Policy, 60)
	if !p.Has("policy_number") && strings.ContainsAny(e.Policy, "\r\n\t") {
		p.Add("policy_number", FieldOneLine)
	}
	if in.Cover < MinimumELCover {
		p.Add("cover_pence", FieldBelowLegalCover)
	}
	e.Start = requireDate(&p, "start_date", in.Start)
	e.Expires = requireDate(&p, "expiry_date", in.Expires)
	if e.Start != "" && e.Expires != "" && !e.Start.Before(e.Expires) {
		p.Add("expiry_date", FieldExpiryNotAfterStart)
	}
	return e, p.Err("record insurance")
}

// InsuranceState is what the admins need to know of the policy on a day.
type InsuranceState string

// The states of the co-op's employers' liability insurance.
const (
	InsuranceMissing  InsuranceState = "missing"  // none recorded
	InsuranceExpired  InsuranceState = "expired"  // its expiry has passed
	InsuranceExpiring InsuranceState = "expiring" // ends within InsuranceWarningDays
	InsuranceCurrent  InsuranceState = "current"
)

// InsuranceOn is the state of the policy (nil: none recorded) on day on.
// A policy that has not started yet counts as current: it is the renewal.
func InsuranceOn(e *EmployersLiability, on Date) InsuranceState {
	switch {
	case e == nil:
		return InsuranceMissing
	case e.Expires.Before(on):
		return InsuranceExpired
	case !on.AddDays(InsuranceWarningDays).Before(e.Expires):
		return InsuranceExpiring
	}
	return InsuranceCurrent
}
