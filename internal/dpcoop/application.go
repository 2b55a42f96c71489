package dpcoop

import (
	"slices"
	"strings"
	"time"
)

// ApplicationKind is what someone applies to be.
type ApplicationKind string

// The kinds of application a co-op's website offers.
const (
	KindMember    ApplicationKind = "member"
	KindPA        ApplicationKind = "pa"
	KindSupporter ApplicationKind = "supporter"
)

// ApplicationKinds lists the kinds, in the order a form shows them.
var ApplicationKinds = []ApplicationKind{KindMember, KindPA, KindSupporter}

// ApplicationStatus is where an application is in its life.
type ApplicationStatus string

// An application is pending until an admin approves or rejects it, once.
const (
	StatusPending  ApplicationStatus = "pending"
	StatusApproved ApplicationStatus = "approved"
	StatusRejected ApplicationStatus = "rejected"
)

// Limits on an application's fields.
const (
	MaxSupportNeedsLen = 2000
	MaxReasonLen       = 1000
)

// ApplicationForm is what an applicant sends from the co-op's website.
type ApplicationForm struct {
	Kind              string
	Name              string
	Email             string
	Phone             string
	Address           string
	Language          string
	ConsentElectronic bool
	SupportNeeds      string
}

// Application is a request to join a co-op, kept with its decision. Support
// needs are special category data: stored, shown to admins, never logged.
type Application struct {
	ID string `json:"id"`
	// Reference is the short reference the applicant is given (see
	// ApplicationReference), unique in the co-op; applications from before
	// references have none.
	Reference         string            `json:"reference,omitempty"`
	Coop              CoopID            `json:"-"`
	Kind              ApplicationKind   `json:"kind"`
	Name              string            `json:"name"`
	Email             string            `json:"email"`
	Phone             string            `json:"phone,omitempty"`
	Address           string            `json:"address"`
	Language          Lang              `json:"language"`
	ConsentElectronic bool              `json:"consent_electronic"`
	SupportNeeds      string            `json:"support_needs,omitempty"`
	Status            ApplicationStatus `json:"status"`
	Received          time.Time         `json:"received"`
	Decided           *time.Time        `json:"decided,omitempty"`
	DecidedBy         string            `json:"decided_by,omitempty"`
	Reason            string            `json:"reason,omitempty"`
	MemberID          string            `json:"member_id,omitempty"`
	// Fingerprint is a hash of what was submitted, so a reused idempotency
	// key with a different body is told apart from a double submit.
	Fingerprint string `json:"-"`
}

// Validate checks the form and returns the application it describes (without
// an id), or every field that is wrong.
func (f ApplicationForm) Validate(coop CoopID, now time.Time) (Application, error) {
	var p Problems
	kind := ApplicationKind(strings.TrimSpace(f.Kind))
	switch {
	case kind == "":
		p.Add("kind", FieldRequired)
	case !slices.Contains(ApplicationKinds, kind):
		p.Add("kind", FieldChoice)
	}
	a := Application{
		Coop:              coop,
		Kind:              kind,
		Name:              requireName(&p, "name", f.Name, MaxNameLen),
		Email:             requireEmail(&p, "email", f.Email),
		Phone:             optionalPhone(&p, "phone", f.Phone),
		Address:           requireText(&p, "address", f.Address, MaxAddressLen),
		Language:          requireLang(&p, "language", f.Language),
		ConsentElectronic: f.ConsentElectronic,
		SupportNeeds:      optionalText(&p, "support_needs", f.SupportNeeds, MaxSupportNeedsLen),
		Status:            StatusPending,
		Received:          now.UTC(),
	}
	if err := p.Err("application"); err != nil {
		return Application{}, err
	}
	return a, nil
}

// Decision is an admin's verdict on a pending application.
type Decision struct {
	Approve bool
	Reason  string
	By      string
	At      time.Time
}

// Status is the application status the decision leads to.
func (d Decision) Status() ApplicationStatus {
	if d.Approve {
		return StatusApproved
	}
	return StatusRejected
}

// ValidateRejection checks that a rejection gives a reason the applicant can be
// told, within the length limit.
func ValidateRejection(reason string) (string, error) {
	var p Problems
	r := requireText(&p, "reason", reason, MaxReasonLen)
	return r, p.Err("reject application")
}
