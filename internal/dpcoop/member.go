package dpcoop

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// MemberClass is the class a member belongs to; multi-stakeholder co-ops give
// each class a fixed share of the vote.
type MemberClass string

// The classes an application can lead to.
const (
	ClassMember    MemberClass = "member"    // a direct-payment recipient (or their representative)
	ClassSupporter MemberClass = "supporter" // a supporter member
)

// ElectronicUses is what a member who consents to electronic notices agrees
// their address may be used for (s.30 asks the register to say).
var ElectronicUses = []string{"notices", "meetings", "ballots"}

// Default shareholding on joining: one £1 membership share, paid in full.
const (
	DefaultShares         = 1
	DefaultSharePaidPence = 100
	MaxCeaseReasonLen     = 500
	DefaultPageLimit      = 50
	MaxPageLimit          = 200
)

// Member is an entry on the register of members, with every field s.30 of the
// Co-operative and Community Benefit Societies Act 2014 asks for. Entries are
// never deleted: a member who leaves gets a date ceased.
type Member struct {
	ID       string      `json:"id"`
	Coop     CoopID      `json:"-"`
	Class    MemberClass `json:"class"`
	Name     string      `json:"name"`
	Address  string      `json:"address"`
	Email    string      `json:"email,omitempty"`
	Phone    string      `json:"phone,omitempty"`
	Language Lang        `json:"language"`
	// EasyRead is whether the member reads the pages in Easy Read: their
	// own setting, kept beside their language.
	EasyRead          bool     `json:"easy_read"`
	ElectronicAddress string   `json:"electronic_address,omitempty"`
	ElectronicUses    []string `json:"electronic_uses,omitempty"`
	Shares            int64    `json:"shares"`
	SharesPaidPence   int64    `json:"shares_paid_pence"`
	OtherProperty     string   `json:"other_property,omitempty"`
	Entered           Date     `json:"date_entered"`
	Ceased            Date     `json:"date_ceased,omitempty"`
	CeaseReason       string   `json:"cease_reason,omitempty"`
	ApplicationID     string   `json:"application_id,omitempty"`
}

// EarliestEntered is the earliest date entered the register accepts: a co-op
// moving its existing register here may enter old dates, but not absurd ones.
const EarliestEntered Date = "1900-01-01"

// ValidateEntered checks the date entered an admin gives on approval: a real
// date, not in the future, not before EarliestEntered. Without one, the
// member enters the register today.
func ValidateEntered(date string, now time.Time) (Date, error) {
	var p Problems
	today := DateOf(now)
	date = strings.TrimSpace(date)
	if date == "" {
		return today, nil
	}
	d, ok := ParseDate(date)
	switch {
	case !ok:
		p.Add("date_entered", FieldDate)
	case today.Before(d):
		p.Add("date_entered", FieldDateFuture)
	case d.Before(EarliestEntered):
		p.Add("date_entered", FieldDateTooEarly, "min", string(EarliestEntered))
	}
	return d, p.Err("approve application")
}

// NewMember is the register entry an approved application creates, entered
// on the register on the date given. Its id is the application's, so
// approving twice can never enter a person twice.
func NewMember(a Application, entered Date) Member {
	class := ClassMember
	if a.Kind == KindSupporter {
		class = ClassSupporter
	}
	m := Member{
		ID: a.ID, Coop: a.Coop, Class: class, Name: a.Name, Address: a.Address,
		Email: a.Email, Phone: a.Phone, Language: a.Language,
		Shares: DefaultShares, SharesPaidPence: DefaultSharePaidPence,
		Entered: entered, ApplicationID: a.ID,
	}
	if a.ConsentElectronic {
		m.ElectronicAddress = a.Email
		m.ElectronicUses = ElectronicUses
	}
	return m
}

// Active reports whether the member is on the register on date d.
func (m Member) Active(d Date) bool {
	return !d.Before(m.Entered) && (m.Ceased == "" || d.Before(m.Ceased))
}

// Cessation is an admin's record that a member left the co-op.
type Cessation struct {
	Date   Date
	Reason string
	By     string
}

// ValidateCessation checks the date ceased: a real date, not in the future.
// The store checks it is not before the date entered, on the stored entry.
func ValidateCessation(date, reason, by string, now time.Time) (Cessation, error) {
	var p Problems
	d, ok := ParseDate(strings.TrimSpace(date))
	switch {
	case strings.TrimSpace(date) == "":
		p.Add("date", FieldRequired)
	case !ok:
		p.Add("date", FieldDate)
	case DateOf(now).Before(d):
		p.Add("date", FieldDateFuture)
	}
	r := optionalText(&p, "reason", reason, MaxCeaseReasonLen)
	if err := p.Err("cease member"); err != nil {
		return Cessation{}, err
	}
	return Cessation{Date: d, Reason: r, By: by}, nil
}

// WithoutShareholding hides a member's shares from another member reading the
// register: members may inspect it, but not each other's shareholdings.
func (m Member) WithoutShareholding() Member {
	m.Shares, m.SharesPaidPence, m.OtherProperty = 0, 0, ""
	return m
}

// Admission is what approving an application creates: an entry on the
// register for a member or supporter, an (incomplete) employee record for a PA.
type Admission struct {
	Member *Member
	PA     *PA
}

// AdmitOnApproval returns what approving an application creates, a member
// entered on the register on the date given.
func AdmitOnApproval(entered Date) func(Application) Admission {
	return func(a Application) Admission {
		if a.Kind == KindPA {
			pa := PAFromApplication(a)
			return Admission{PA: &pa}
		}
		m := NewMember(a, entered)
		return Admission{Member: &m}
	}
}

// RegisterEntry is a line of the register as one reader may inspect it: a
// shareholding the reader may not see is left out, never shown as 0.
type RegisterEntry struct {
	Member
	Shares     *int64 `json:"shares,omitempty"`
	SharesPaid *int64 `json:"shares_paid_pence,omitempty"`
}

// RegisterFor is the register as p may inspect it (Co-operative and
// Community Benefit Societies Act 2014, s.30): an admin sees it whole; a
// member sees every entry, their own shareholding only, and nobody's
// contact details, which are not part of the register.
func RegisterFor(p Principal, all []Member) []RegisterEntry {
	admin := p.Has(RoleAdmin)
	out := make([]RegisterEntry, len(all))
	for i, m := range all {
		if !admin {
			if m.ID != p.Person {
				m = m.WithoutShareholding()
			}
			m.Phone, m.Email = "", ""
		}
		out[i].Member = m
		if admin || m.ID == p.Person {
			out[i].Shares, out[i].SharesPaid = &m.Shares, &m.SharesPaidPence
		}
	}
	return out
}

// SubjectData is a member's copy of the data the co-op holds about them.
type SubjectData struct {
	Member         Member       `json:"member"`
	Generated      time.Time    `json:"generated"`
	Application    *Application `json:"application,omitempty"`
	CarePlan       *CarePlan    `json:"care_plan,omitempty"`
	AccountEntries []Entry      `json:"account_entries"`
	Pools          []PoolMember `json:"pools"`
	Shifts         []Shift      `json:"shifts"`
	// Shared is what they shared or were told through the co-op's support
	// between members, on the page of the present only.
	Shared *SubjectShared `json:"shared,omitempty"`
	// Year is the year of history this copy holds (SubjectYear), 0 for
	// the whole; NextYear the page to read next, 0 on the last.
	Year     int `json:"year,omitempty"`
	NextYear int `json:"next_year,omitempty"`
}

// SubjectYear is the part of a member's history one page of their copy of
// their data holds: the account entries dated From to To and the shifts paid
// in the months of From to To. A copy is paged a year at a time so that each
// read costs the same however long the member's history (issue 21); the
// pages together hold all of it (UK GDPR Art. 15, docs/performance.md).
type SubjectYear struct {
	Year, Next int
	From, To   Date
}

// WholeHistory is the whole of a member's history on one page.
var WholeHistory = SubjectYear{From: "0000-01-01", To: "9999-12-31"}

// SubjectYearAsked is the year a page of a copy of someone's data asks for
// (0: the current year's) and the current year, read at now; a year before
// 1900 or after the current one is refused on field year.
func SubjectYearAsked(year int, now time.Time, op string) (asked, current int, err error) {
	current = now.In(London).Year()
	if year == 0 {
		year = current
	}
	if year < 1900 || year > current {
		var p Problems
		p.Add("year", FieldOutOfRange, "min", "1900", "max", strconv.Itoa(current))
		return 0, 0, p.Err(op)
	}
	return year, current, nil
}

// SubjectYearOf is the page of year of a member who entered the register on
// entered, read in current: the current year's page runs on without end and
// the page of the year they entered (or earlier) from the beginning, so the
// pages from the current year back to that one, each naming the next, hold
// everything dated or paid at any time.
func SubjectYearOf(year, current int, entered Date) SubjectYear {
	y := SubjectYear{Year: year, Next: year - 1, From: Date(fmt.Sprintf("%04d-01-01", year)), To: Date(fmt.Sprintf("%04d-12-31", year))}
	if year >= current {
		y.To = WholeHistory.To
	}
	first := current
	if t, err := time.Parse(DateLayout, string(entered)); err == nil {
		first = t.Year()
	}
	if year <= first {
		y.From, y.Next = WholeHistory.From, 0
	}
	return y
}
