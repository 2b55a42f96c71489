package dpcoop

import (
	"slices"
	"strings"
	"time"
)

// How a PA's right to work was checked, the three ways the Home Office's
// employer's guide allows (docs/right-to-work.md): the employer's own check
// of original documents, the Home Office online service with the PA's share
// code, or a certified identity service provider (British and Irish
// passports only).
const (
	RightToWorkManual = "manual"
	RightToWorkOnline = "online"
	RightToWorkIDSP   = "idsp"
)

// DBS check levels: basic, standard, enhanced, and enhanced with a check of
// the adults' barred list (the level for regulated activity with adults).
const (
	DBSBasic             = "basic"
	DBSStandard          = "standard"
	DBSEnhanced          = "enhanced"
	DBSEnhancedBarredAdu = "enhanced_barred_adults"
)

// The field codes of recruitment records, bilingual in internal/messages.
const (
	// FieldRightToWorkNotChecked: the shift's date is not covered by a
	// valid right-to-work check, so the PA cannot be paid for it.
	FieldRightToWorkNotChecked = "right_to_work_not_checked"
	// FieldExpiryNotAfterCheck: time-limited permission must end after the
	// day it was checked.
	FieldExpiryNotAfterCheck = "expiry_not_after_check"
	// FieldIDSPNoExpiry: an identity service provider checks British and
	// Irish passports only, which carry no time limit.
	FieldIDSPNoExpiry = "idsp_no_expiry"
	// FieldReceivedBeforeRequested: a reference cannot come back before it
	// was asked for.
	FieldReceivedBeforeRequested = "received_before_requested"
)

// FollowUpDays is how far ahead a follow-up check is flagged before
// time-limited permission ends.
const FollowUpDays = 28

var (
	rightToWorkMethods = []string{RightToWorkManual, RightToWorkOnline, RightToWorkIDSP}
	dbsLevels          = []string{DBSBasic, DBSStandard, DBSEnhanced, DBSEnhancedBarredAdu}
)

// RightToWorkCheck is the record of one right-to-work check: how, when, by
// whom, and when time-limited permission ends. Never the documents.
type RightToWorkCheck struct {
	ID        string `json:"id"`
	Method    string `json:"method"`
	CheckedOn Date   `json:"checked_on"`
	// Expires is the day time-limited permission ends: a follow-up check is
	// due before it. Empty for permission with no time limit.
	Expires   Date      `json:"permission_expires,omitempty"`
	CheckedBy string    `json:"checked_by"`
	Recorded  time.Time `json:"recorded"`
}

// RightToWorkInput is what an admin records of a check.
type RightToWorkInput struct {
	Method            string `json:"method"`
	CheckedOn         string `json:"checked_on"`
	PermissionExpires string `json:"permission_expires"`
}

// Validate checks a right-to-work check: a known method, a real day not in
// the future, and an expiry after it (never with an identity service
// provider, which checks only passports that carry no time limit).
func (in RightToWorkInput) Validate(by string, at time.Time) (RightToWorkCheck, error) {
	var p Problems
	c := RightToWorkCheck{Method: strings.TrimSpace(in.Method), CheckedBy: by, Recorded: at.UTC()}
	if c.Method == "" {
		p.Add("method", FieldRequired)
	} else if !slices.Contains(rightToWorkMethods, c.Method) {
		p.Add("method", FieldChoice)
	}
	c.CheckedOn = pastDate(&p, "checked_on", in.CheckedOn, at)
	if strings.TrimSpace(in.PermissionExpires) != "" {
		c.Expires = requireDate(&p, "permission_expires", in.PermissionExpires)
		switch {
		case c.Method == RightToWorkIDSP:
			p.Add("permission_expires", FieldIDSPNoExpiry)
		case c.Expires != "" && c.CheckedOn != "" && !c.CheckedOn.Before(c.Expires):
			p.Add("permission_expires", FieldExpiryNotAfterCheck)
		}
	}
	return c, p.Err("record right to work check")
}

// pastDate is a required date that is not after today.
func pastDate(p *Problems, field, s string, at time.Time) Date {
	d := requireDate(p, field, s)
	if d != "" && DateOf(at).Before(d) {
		p.Add(field, FieldDateFuture)
	}
	return d
}

// Covers reports whether the check makes work on day d lawful to pay: it
// was done on or before d, and d is before its permission ends.
func (c RightToWorkCheck) Covers(d Date) bool {
	return !d.Before(c.CheckedOn) && (c.Expires == "" || d.Before(c.Expires))
}

// Reference is a reference asked for when recruiting a PA: from whom (a
// name only), when it was asked for and when it came back. Never its
// content.
type Reference struct {
	ID         string    `json:"id"`
	Referee    string    `json:"referee"`
	Requested  Date      `json:"requested"`
	Received   Date      `json:"received,omitempty"`
	RecordedBy string    `json:"recorded_by"`
	Recorded   time.Time `json:"recorded"`
}

// ReferenceInput is what an admin records of a reference.
type ReferenceInput struct {
	Referee   string `json:"referee"`
	Requested string `json:"requested"`
	Received  string `json:"received"`
}

// maxRefereeLength bounds a referee's name.
const maxRefereeLength = 100

// Validate checks a reference: a name, the day it was asked for, and, once
// it came back, a day not before that.
func (in ReferenceInput) Validate(by string, at time.Time) (Reference, error) {
	var p Problems
	r := Reference{Referee: strings.TrimSpace(in.Referee), RecordedBy: by, Recorded: at.UTC()}
	switch {
	case r.Referee == "":
		p.Add("referee", FieldRequired)
	case len([]rune(r.Referee)) > maxRefereeLength:
		p.Add("referee", FieldTooLong, "max", "100")
	}
	r.Requested = pastDate(&p, "requested", in.Requested, at)
	if strings.TrimSpace(in.Received) != "" {
		r.Received = pastDate(&p, "received", in.Received, at)
		if r.Received != "" && r.Requested != "" && r.Received.Before(r.Requested) {
			p.Add("received", FieldReceivedBeforeRequested)
		}
	}
	return r, p.Err("record reference")
}

// DBSCheck is a DBS check's record: its level, the certificate's number and
// issue date, and whether the PA subscribes to the update service. Never the
// certificate's content.
type DBSCheck struct {
	ID            string    `json:"id"`
	Level         string    `json:"level"`
	Certificate   string    `json:"certificate_number"`
	Issued        Date      `json:"issued"`
	UpdateService bool      `json:"update_service"`
	RecordedBy    string    `json:"recorded_by"`
	Recorded      time.Time `json:"recorded"`
}

// DBSInput is what an admin records of a DBS certificate.
type DBSInput struct {
	Level         string `json:"level"`
	Certificate   string `json:"certificate_number"`
	Issued        string `json:"issued"`
	UpdateService bool   `json:"update_service"`
}

// Validate checks a DBS check: a known level, a certificate number of 12
// digits (as DBS certificates carry), and a real issue day not in the
// future.
func (in DBSInput) Validate(by string, at time.Time) (DBSCheck, error) {
	var p Problems
	c := DBSCheck{Level: strings.TrimSpace(in.Level), Certificate: strings.ReplaceAll(strings.TrimSpace(in.Certificate), " ", ""),
		UpdateService: in.UpdateService, RecordedBy: by, Recorded: at.UTC()}
	if c.Level == "" {
		p.Add("level", FieldRequired)
	} else if !slices.Contains(dbsLevels, c.Level) {
		p.Add("level", FieldChoice)
	}
	if c.Certificate == "" {
		p.Add("certificate_number", FieldRequired)
	} else if len(c.Certificate) != 12 || strings.Trim(c.Certificate, "0123456789") != "" {
		p.Add("certificate_number", FieldInvalid)
	}
	c.Issued = pastDate(&p, "issued", in.Issued, at)
	return c, p.Err("record dbs check")
}

// Recruitment is a PA's safe-recruitment record with the co-op: their
// right-to-work checks, references and DBS checks. Only admins and the PA
// themself read it; a member sees its Status.
type Recruitment struct {
	PA          string             `json:"pa_id"`
	RightToWork []RightToWorkCheck `json:"right_to_work"`
	References  []Reference        `json:"references"`
	DBS         []DBSCheck         `json:"dbs_checks"`
}

// RightToWorkOn reports whether work on day d is covered by a valid check.
func (r Recruitment) RightToWorkOn(d Date) bool {
	return slices.ContainsFunc(r.RightToWork, func(c RightToWorkCheck) bool { return c.Covers(d) })
}

// CheckShift refuses work (not leave) on a day no valid right-to-work check
// covers: the PA cannot be paid for it.
func (r Recruitment) CheckShift(sh Shift) error {
	if sh.Kind.Leave() || r.RightToWorkOn(sh.Date) {
		return nil
	}
	var p Problems
	p.Add("date", FieldRightToWorkNotChecked)
	return p.Err("check right to work")
}

// The state of a PA's right to work on a day, for the dashboard.
const (
	RightToWorkValid       = "valid"
	RightToWorkFollowUpDue = "follow_up_due"
	RightToWorkNone        = "none"
)

// RightToWorkState is whether a check covers today, and if the permission
// it rests on ends within FollowUpDays, the day it ends (a follow-up check
// is due before then). Permission with no time limit never needs one.
func (r Recruitment) RightToWorkState(today Date) (string, Date) {
	var latest Date
	for _, c := range r.RightToWork {
		if !c.Covers(today) {
			continue
		}
		if c.Expires == "" {
			return RightToWorkValid, ""
		}
		if latest.Before(c.Expires) {
			latest = c.Expires
		}
	}
	switch {
	case latest == "":
		return RightToWorkNone, ""
	case latest.Before(today.AddDays(FollowUpDays + 1)):
		return RightToWorkFollowUpDue, latest
	}
	return RightToWorkValid, ""
}

// RecruitmentStatus is what a member choosing or employing a PA sees of
// their safe recruitment, in plain yes/no and counts: never a certificate's
// number or level, a document, a referee or a date of permission.
type RecruitmentStatus struct {
	RightToWorkChecked  bool `json:"right_to_work_checked"`
	ReferencesReceived  int  `json:"references_received"`
	ReferencesRequested int  `json:"references_requested"`
	DBSMeetsRequirement bool `json:"dbs_meets_requirement"`
	TrainingCurrent     bool `json:"training_current"`
}

// Status is the record as a member sees it on day on: whether a
// right-to-work check covers the day, references received of those asked
// for, whether the DBS checks meet the co-op's requirement for the roles of
// the employments given, and whether the PA holds current every course the
// co-op requires (missing: those they do not).
func (r Recruitment) Status(on Date, pol RecruitmentPolicy, emps []Employment, missing []Course) RecruitmentStatus {
	s := RecruitmentStatus{RightToWorkChecked: r.RightToWorkOn(on), DBSMeetsRequirement: r.MeetsDBS(pol, emps), TrainingCurrent: len(missing) == 0}
	for _, ref := range r.LatestReferences() {
		s.ReferencesRequested++
		if ref.Received != "" {
			s.ReferencesReceived++
		}
	}
	return s
}

// LatestReferences is each referee's latest record: a reference asked for
// and later received is recorded twice, the second with its received day.
func (r Recruitment) LatestReferences() []Reference {
	var out []Reference
	for _, ref := range r.References {
		i := slices.IndexFunc(out, func(o Reference) bool { return strings.EqualFold(o.Referee, ref.Referee) })
		if i < 0 {
			out = append(out, ref)
		} else {
			out[i] = ref
		}
	}
	return out
}

// HasDBS reports whether the PA has a DBS check of at least the level the
// co-op requires (none required: always).
func (r Recruitment) HasDBS(required string) bool {
	if required == "" {
		return true
	}
	need := slices.Index(dbsLevels, required)
	return slices.ContainsFunc(r.DBS, func(c DBSCheck) bool { return slices.Index(dbsLevels, c.Level) >= need })
}

// RecruitmentPolicy is the co-op's choice of what safe recruitment it
// requires of its PAs: a DBS check of a level (or none) for every role, and
// for a role it set apart, that role's own level (empty: none).
type RecruitmentPolicy struct {
	DBSRequired string            `json:"dbs_required"`
	DBSByRole   map[string]string `json:"dbs_by_role,omitempty"`
}

// Validate checks the policy: no DBS check required (empty), or a known
// level, for every role and for each role set apart.
func (p RecruitmentPolicy) Validate() (RecruitmentPolicy, error) {
	p.DBSRequired = strings.TrimSpace(p.DBSRequired)
	var probs Problems
	if p.DBSRequired != "" && !slices.Contains(dbsLevels, p.DBSRequired) {
		probs.Add("dbs_required", FieldChoice)
	}
	p.DBSByRole = p.validRoles(&probs)
	return p, probs.Err("set recruitment policy")
}
