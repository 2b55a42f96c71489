package dpcoop

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Area is one of the co-op's areas, named in Welsh and English: PAs and
// members choose from the list, so "Caerdydd" and "Cardiff" are the same
// place and a typo cannot lose a match. ID is what profiles keep.
type Area struct {
	ID string `json:"id"`
	CY string `json:"cy"`
	EN string `json:"en"`
}

// Name is the area's name in a language.
func (a Area) Name(l Lang) string {
	if l == Welsh {
		return a.CY
	}
	return a.EN
}

// Areas is the co-op's list of areas, kept by its admins. Empty: no list,
// and an area is a few words of the person's own, as before.
type Areas struct {
	Areas []Area `json:"areas"`
}

// Limits on the list: enough for a county's towns and villages.
const (
	MaxAreas     = 200
	MaxAreaIDLen = 40
)

// Codes for the list's problems.
const (
	// FieldAreaRepeated: two areas with the same id or the same name.
	FieldAreaRepeated = "area_repeated"
	// FieldMatchOneArea: a member chose more than one area.
	FieldMatchOneArea = "match_one_area"
)

var (
	areaID    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	notInAnID = regexp.MustCompile(`[^a-z0-9]+`)
)

// Validate checks the list an admin sends: each area has a Welsh and an
// English name (at most MaxAreaLen characters), no two share an id or a
// name, and there are at most MaxAreas. An area sent without an id is
// given one made from its English name ("Ynys Môn" is "ynys-m-n"), so the
// same list sent twice gives the same ids; an id sent is kept, so renaming
// an area keeps the profiles that chose it.
func (in Areas) Validate() (Areas, error) {
	var p Problems
	out := Areas{Areas: []Area{}}
	if len(in.Areas) > MaxAreas {
		p.Add("areas", FieldTooMany, "max", strconv.Itoa(MaxAreas))
		return out, p.Err("set areas")
	}
	seen := map[string]bool{}
	for _, a := range in.Areas {
		a.CY = requireText(&p, "areas.cy", a.CY, MaxAreaLen)
		a.EN = requireText(&p, "areas.en", a.EN, MaxAreaLen)
		a.ID = strings.TrimSpace(a.ID)
		if a.ID != "" && (len(a.ID) > MaxAreaIDLen || !areaID.MatchString(a.ID)) {
			p.Add("areas.id", FieldInvalid)
		}
		for _, n := range []string{"cy:" + a.CY, "en:" + a.EN} {
			n = strings.ToLower(strings.Join(strings.Fields(n), " "))
			if seen[n] {
				p.Add("areas", FieldAreaRepeated)
			}
			seen[n] = true
		}
		out.Areas = append(out.Areas, a)
	}
	for i, a := range out.Areas {
		if a.ID != "" {
			continue
		}
		base := strings.Trim(notInAnID.ReplaceAllString(strings.ToLower(a.EN), "-"), "-")
		if len(base) > MaxAreaIDLen-4 {
			base = strings.Trim(base[:MaxAreaIDLen-4], "-")
		}
		if base == "" {
			base = "area"
		}
		id := base
		for n := 2; out.has(id); n++ {
			id = base + "-" + strconv.Itoa(n)
		}
		out.Areas[i].ID = id
	}
	ids := map[string]bool{}
	for _, a := range out.Areas {
		if ids[a.ID] {
			p.Add("areas", FieldAreaRepeated)
		}
		ids[a.ID] = true
	}
	return out, p.Err("set areas")
}

func (a Areas) has(id string) bool {
	return slices.ContainsFunc(a.Areas, func(x Area) bool { return x.ID == id })
}

// IDs are the areas' ids, in the list's order.
func (a Areas) IDs() []string {
	out := make([]string, len(a.Areas))
	for i, x := range a.Areas {
		out[i] = x.ID
	}
	return out
}

// Find is the area with an id.
func (a Areas) Find(id string) (Area, bool) {
	i := slices.IndexFunc(a.Areas, func(x Area) bool { return x.ID == id })
	if i < 0 {
		return Area{}, false
	}
	return a.Areas[i], true
}

// Named is the area whose Welsh or English name is these words (case and
// spaces ignored): how a free-text area written before the list existed is
// read as one of the list's.
func (a Areas) Named(words string) (Area, bool) {
	i := slices.IndexFunc(a.Areas, func(x Area) bool { return sameWords(x.CY, words) || sameWords(x.EN, words) })
	if i < 0 {
		return Area{}, false
	}
	return a.Areas[i], true
}

// Resolve reads a profile against the list: a free-text area that names
// one of the list's areas is taken as that area's id, so old answers still
// match; one that names none stays words, matched as words.
func (a Areas) Resolve(p MatchProfile) MatchProfile {
	if len(p.Areas) == 0 && p.Area != "" {
		if x, ok := a.Named(p.Area); ok {
			p.Areas, p.Area = []string{x.ID}, ""
		}
	}
	return p
}
