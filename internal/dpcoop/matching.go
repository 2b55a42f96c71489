package dpcoop

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// MatchField names one part of a PA's profile or a member's preferences.
// Each is shared only when its owner opts in to it, and withdrawing it
// deletes its value.
type MatchField string

// The fields of a profile, in the order the forms show them: languages
// first, Welsh first among them.
const (
	MatchLanguages MatchField = "languages"
	MatchGender    MatchField = "gender"
	MatchFaith     MatchField = "faith"
	MatchCulture   MatchField = "culture"
	MatchInterests MatchField = "interests"
	MatchSupport   MatchField = "support"
	MatchArea      MatchField = "area"
	MatchTimes     MatchField = "times"
)

// MatchFields lists the fields in the forms' order.
var MatchFields = []MatchField{MatchLanguages, MatchGender, MatchFaith, MatchCulture, MatchInterests, MatchSupport, MatchArea, MatchTimes}

// Protected reports whether a field holds special category data or a
// protected characteristic (gender, faith, culture, health-related
// support): matching weighs it only when the member asked for it.
func (f MatchField) Protected() bool {
	return f == MatchGender || f == MatchFaith || f == MatchCulture || f == MatchSupport
}

// The fixed choices of each listed field; the pages give each its Welsh and
// English words.
var (
	MatchLanguageChoices = []string{"cy", "en", "bsl", "pl", "ar", "ur", "bn", "zh"}
	MatchGenderChoices   = []string{"woman", "man", "non_binary"}
	MatchFaithChoices    = []string{"christian_catholic", "christian", "muslim", "jewish", "hindu", "sikh", "buddhist", "no_religion"}
	MatchInterestChoices = []string{"music", "sport", "art", "reading", "gardening", "cooking", "outdoors", "games", "films", "animals"}
	MatchSupportChoices  = []string{"personal_care", "going_out", "work", "driving", "household", "communication", "meals", "overnight"}
	MatchDays            = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
	MatchDayParts        = []string{"morning", "afternoon", "evening"}
)

// MatchTimeChoices are the times a person can give: a day of the week and a
// part of it, "tue-morning".
var MatchTimeChoices = func() []string {
	var out []string
	for _, d := range MatchDays {
		for _, p := range MatchDayParts {
			out = append(out, d+"-"+p)
		}
	}
	return out
}()

// Limits on the free-text fields: short, so no one writes their life story
// into a matching form.
const (
	MaxCultureLen = 60
	MaxAreaLen    = 60
)

// Codes for a profile's problems.
const (
	// FieldMatchNoConsent: a value given for a field its owner did not
	// agree to share.
	FieldMatchNoConsent = "match_no_consent"
	// FieldMatchNoValue: a field agreed to but left empty.
	FieldMatchNoValue = "match_no_value"
)

// MatchValues are what one person shares of each field. A field not shared
// is empty: its value is not kept.
type MatchValues struct {
	Languages []string `json:"languages,omitempty" dynamodbav:",omitempty"`
	Gender    []string `json:"gender,omitempty" dynamodbav:",omitempty"`
	Faith     []string `json:"faith,omitempty" dynamodbav:",omitempty"`
	Culture   string   `json:"culture,omitempty" dynamodbav:",omitempty"`
	Interests []string `json:"interests,omitempty" dynamodbav:",omitempty"`
	Support   []string `json:"support,omitempty" dynamodbav:",omitempty"`
	Area      string   `json:"area,omitempty" dynamodbav:",omitempty"`
	// Areas are the ids of areas chosen from the co-op's list (a PA's
	// several, a member's one); Area is the few words kept when the co-op
	// has no list, or from before it had one.
	Areas []string `json:"areas,omitempty" dynamodbav:",omitempty"`
	Times []string `json:"times,omitempty" dynamodbav:",omitempty"`
}

// Items are a field's values as a list (culture and a free-text area as
// one item; areas from the co-op's list as their ids).
func (v MatchValues) Items(f MatchField) []string {
	switch f {
	case MatchLanguages:
		return v.Languages
	case MatchGender:
		return v.Gender
	case MatchFaith:
		return v.Faith
	case MatchInterests:
		return v.Interests
	case MatchSupport:
		return v.Support
	case MatchTimes:
		return v.Times
	case MatchCulture:
		return one(v.Culture)
	case MatchArea:
		if len(v.Areas) > 0 {
			return v.Areas
		}
		return one(v.Area)
	}
	return nil
}

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// MatchProfile is what a PA shares about themself to be matched, or what a
// member shares of the PA they want: only the fields they opted in to, each
// with when they agreed. A member's preferences say which fields are hard
// requirements (Must); the rest are wishes.
type MatchProfile struct {
	Person string `json:"person_id"`
	MatchValues
	Consented map[MatchField]time.Time `json:"consented,omitempty"`
	Must      []MatchField             `json:"must,omitempty" dynamodbav:",omitempty"`
	// Need is the member's anonymous reference, which PAs offer against:
	// it is not the member's id and changes when they save again.
	Need    string    `json:"-"`
	Updated time.Time `json:"updated"`
}

// Shared are the fields the profile holds, in the forms' order.
func (p MatchProfile) Shared() []MatchField {
	var out []MatchField
	for _, f := range MatchFields {
		if len(p.Items(f)) > 0 {
			out = append(out, f)
		}
	}
	return out
}

// MatchInput is a profile or preferences as their owner sends them: the
// fields they agree to share (Consent), each one's values, and for a
// member which fields they must have.
type MatchInput struct {
	Consent   []string `json:"consent"`
	Languages []string `json:"languages"`
	Gender    []string `json:"gender"`
	Faith     []string `json:"faith"`
	Culture   string   `json:"culture"`
	Interests []string `json:"interests"`
	Support   []string `json:"support"`
	Area      string   `json:"area"`
	Areas     []string `json:"areas"`
	Times     []string `json:"times"`
	Must      []string `json:"must"`
}

// Validate checks a profile (member false) or preferences (member true):
// a value is kept only for a field its owner agreed to share, every field
// agreed to has a value from its list, and only a member marks a field as a
// must. A field not agreed to is left out, so saving without it withdraws
// (deletes) it. before is the profile saved until now, whose consent times
// are kept for the fields still shared. When the co-op keeps a list of
// areas, the area is chosen from it (Areas: ids; a member one, a PA any
// number; words naming one of the list's are taken as it); without a list
// it is a few words (Area).
func (in MatchInput) Validate(person string, member bool, before MatchProfile, areas Areas, now time.Time) (MatchProfile, error) {
	var p Problems
	consent := map[MatchField]bool{}
	for _, c := range in.Consent {
		f := MatchField(c)
		if !slices.Contains(MatchFields, f) {
			p.Add("consent", FieldChoice)
			continue
		}
		consent[f] = true
	}
	out := MatchProfile{Person: person, Consented: map[MatchField]time.Time{}, Updated: now.UTC()}
	list := func(f MatchField, vals, choices []string) []string {
		vals = cleanChoices(&p, string(f), vals, choices)
		return kept(&p, f, consent[f], vals)
	}
	text := func(f MatchField, s string, max int) string {
		s = optionalText(&p, string(f), s, max)
		return strings.Join(kept(&p, f, consent[f], one(s)), "")
	}
	out.Languages = list(MatchLanguages, in.Languages, MatchLanguageChoices)
	out.Gender = list(MatchGender, in.Gender, MatchGenderChoices)
	out.Faith = list(MatchFaith, in.Faith, MatchFaithChoices)
	out.Culture = text(MatchCulture, in.Culture, MaxCultureLen)
	out.Interests = list(MatchInterests, in.Interests, MatchInterestChoices)
	out.Support = list(MatchSupport, in.Support, MatchSupportChoices)
	out.Area, out.Areas = in.area(&p, member, consent[MatchArea], areas)
	out.Times = list(MatchTimes, in.Times, MatchTimeChoices)
	if !member && len(in.Gender) > 1 {
		p.Add(string(MatchGender), FieldChoice)
	}
	for _, m := range in.Must {
		f := MatchField(m)
		switch {
		case !member || !slices.Contains(MatchFields, f):
			p.Add("must", FieldChoice)
		case consent[f] && !slices.Contains(out.Must, f):
			out.Must = append(out.Must, f)
		}
	}
	for _, f := range out.Shared() {
		out.Consented[f] = now.UTC()
		if t, ok := before.Consented[f]; ok {
			out.Consented[f] = t
		}
	}
	slices.SortFunc(out.Must, func(a, b MatchField) int {
		return slices.Index(MatchFields, a) - slices.Index(MatchFields, b)
	})
	return out, p.Err("save matching profile")
}

// area is the area sent: a few words when the co-op has no list of areas,
// else ids from the list (words naming one of its areas count as it).
func (in MatchInput) area(p *Problems, member, agreed bool, areas Areas) (string, []string) {
	field := string(MatchArea)
	if len(areas.Areas) == 0 {
		if len(in.Areas) > 0 {
			p.Add(field, FieldChoice)
		}
		s := optionalText(p, field, in.Area, MaxAreaLen)
		return strings.Join(kept(p, MatchArea, agreed, one(s)), ""), nil
	}
	ids := slices.Clone(in.Areas)
	if words := strings.TrimSpace(in.Area); words != "" {
		a, ok := areas.Named(words)
		if !ok {
			p.Add(field, FieldChoice)
			return "", nil
		}
		ids = append(ids, a.ID)
	}
	ids = cleanChoices(p, field, ids, areas.IDs())
	if member && len(ids) > 1 {
		p.Add(field, FieldMatchOneArea)
		return "", nil
	}
	return "", kept(p, MatchArea, agreed, ids)
}

// cleanChoices keeps each value once, in its list's order, adding a
// problem for any not on the list.
func cleanChoices(p *Problems, field string, vals, choices []string) []string {
	var out []string
	for _, c := range choices {
		if slices.Contains(vals, c) {
			out = append(out, c)
		}
	}
	for _, v := range vals {
		if !slices.Contains(choices, v) {
			p.Add(field, FieldChoice)
			return nil
		}
	}
	return out
}

// kept is a field's values when its owner agreed to share it: a value
// without agreement, or agreement without a value, is a problem.
func kept(p *Problems, f MatchField, agreed bool, vals []string) []string {
	switch {
	case !agreed && len(vals) > 0:
		p.Add(string(f), FieldMatchNoConsent)
		return nil
	case agreed && len(vals) == 0:
		p.Add(string(f), FieldMatchNoValue)
	}
	return vals
}

// MatchReason is one plain reason a PA fits a member: the field and the
// item that met ("times", "tue-morning"), and whether the member required
// it. The pages say it in words ("free on Tuesday mornings").
type MatchReason struct {
	Field MatchField `json:"field"`
	Item  string     `json:"item"`
	Must  bool       `json:"must"`
}

// MatchCandidate is someone who could be matched: a PA's profile, and
// whether they are an applicant not yet hired.
type MatchCandidate struct {
	Profile   MatchProfile
	Applicant bool
}

// MatchResult is one PA who meets every hard requirement, with how many of
// the member's wishes they meet and the reasons.
type MatchResult struct {
	PA        string        `json:"pa_id"`
	Applicant bool          `json:"applicant"`
	Score     int           `json:"score"`
	Reasons   []MatchReason `json:"reasons"`
}

// met are the member's items of field f the PA's profile meets. A
// language, support or time is met when the PA has it too; a gender or
// faith when the PA's is one the member listed; culture and a free-text
// area when the words are the same (ignoring case and spaces); an area from
// the co-op's list when the ids are the same.
func met(f MatchField, want, pa MatchValues) []string {
	have := pa.Items(f)
	var out []string
	for _, w := range want.Items(f) {
		if slices.ContainsFunc(have, func(h string) bool { return sameWords(h, w) }) {
			out = append(out, w)
		}
	}
	return out
}

func sameWords(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// satisfies reports whether the PA meets a hard requirement: every
// language, support and time the member must have; one of the genders or
// faiths they listed; the same culture or area; at least one interest.
func satisfies(f MatchField, want []string, got []string) bool {
	switch f {
	case MatchLanguages, MatchSupport, MatchTimes:
		return len(got) == len(want)
	}
	return len(got) > 0
}

// RankPAs ranks the candidates for a member's preferences: a PA who fails a
// hard requirement is left out; the rest are ordered by how many wished-for
// items they meet, most first, ties by PA id so the same data always gives
// the same list. Only the fields the member shared are looked at, so a PA's
// gender, faith or culture counts only when the member asked for it.
// Nothing is learned: the same inputs give the same answer.
func RankPAs(prefs MatchProfile, candidates []MatchCandidate) []MatchResult {
	out := []MatchResult{}
	for _, c := range candidates {
		r, ok := matchOne(prefs, c.Profile)
		if !ok {
			continue
		}
		r.Applicant = c.Applicant
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b MatchResult) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), strings.Compare(a.PA, b.PA))
	})
	return out
}

// matchOne checks one PA's profile against a member's preferences.
func matchOne(prefs, pa MatchProfile) (MatchResult, bool) {
	r := MatchResult{PA: pa.Person, Reasons: []MatchReason{}}
	for _, f := range prefs.Shared() {
		must := slices.Contains(prefs.Must, f)
		got := met(f, prefs.MatchValues, pa.MatchValues)
		if must && !satisfies(f, prefs.Items(f), got) {
			return MatchResult{}, false
		}
		for _, g := range got {
			r.Reasons = append(r.Reasons, MatchReason{Field: f, Item: g, Must: must})
			if !must {
				r.Score++
			}
		}
	}
	return r, true
}

// MatchNeed is what a PA is shown of a member whose hard requirements they
// meet: the area, the support wanted, when, and the languages, with the
// member's anonymous reference to offer against. Never the member's name,
// id, gender, faith, culture or interests.
type MatchNeed struct {
	Need      string   `json:"need"`
	Area      string   `json:"area,omitempty"`
	Areas     []string `json:"areas,omitempty"`
	Support   []string `json:"support,omitempty"`
	Times     []string `json:"times,omitempty"`
	Languages []string `json:"languages,omitempty"`
}

// NeedsFor are the members' needs a PA's profile could meet (every hard
// requirement), anonymised, in the order of their references.
func NeedsFor(pa MatchProfile, members []MatchProfile) []MatchNeed {
	out := []MatchNeed{}
	for _, m := range SuitedBy(pa, members) {
		out = append(out, MatchNeed{Need: m.Need, Area: m.Area, Areas: m.Areas, Support: m.Support, Times: m.Times, Languages: m.Languages})
	}
	slices.SortFunc(out, func(a, b MatchNeed) int { return strings.Compare(a.Need, b.Need) })
	return out
}

// SuitedBy are the members' preferences whose every must a PA's profile
// meets: the needs the PA sees.
func SuitedBy(pa MatchProfile, members []MatchProfile) []MatchProfile {
	var out []MatchProfile
	for _, m := range members {
		if m.Need == "" {
			continue
		}
		if _, ok := matchOne(m, pa); ok {
			out = append(out, m)
		}
	}
	return out
}

// ToTellOf are the members who hear of a PA who matches them: every must
// met, and at least one thing they asked for (a member who asked for
// nothing the PA shares is not told of every PA).
func ToTellOf(pa MatchProfile, members []MatchProfile) []string {
	var out []string
	for _, m := range SuitedBy(pa, members) {
		if r, _ := matchOne(m, pa); len(r.Reasons) > 0 {
			out = append(out, m.Person)
		}
	}
	return out
}

// MatchOffer is a PA's offer to support the member behind a need: it
// reaches the admins, who go on through hiring and employment.
type MatchOffer struct {
	Need   string    `json:"need"`
	PA     string    `json:"pa_id"`
	Member string    `json:"member_id,omitempty"`
	At     time.Time `json:"at"`
}
