package dpcoop

import (
	"maps"
	"slices"
	"strings"
)

// The kinds of support a PA is employed to give a member: each employment
// is for one. Which DBS check an employer may ask for depends on the
// activities of the role (an enhanced check with the adults' barred list
// only for regulated activity, such as personal care or conveying an adult
// for their care), so a co-op may require a different level for each, and
// the requirement follows the role, not the person (docs/right-to-work.md).
const (
	SupportPersonalCare = "personal_care"
	SupportSocial       = "social_support"
	SupportDriving      = "driving"
)

// SupportRoles are the roles in the order forms offer them.
var SupportRoles = []string{SupportPersonalCare, SupportSocial, SupportDriving}

// SupportRole is the role the employment is for: one made before roles
// were kept is personal care, what every PA then gave.
func (e Employment) SupportRole() string {
	if e.Role == "" {
		return SupportPersonalCare
	}
	return e.Role
}

// validRole reads an employment's role: none given is personal care, an
// unknown one a problem on field.
func validRole(p *Problems, field, role string) string {
	role = strings.TrimSpace(role)
	switch {
	case role == "":
		return SupportPersonalCare
	case !slices.Contains(SupportRoles, role):
		p.Add(field, FieldChoice)
	}
	return role
}

// DBSFor is the DBS level the co-op requires of a PA in role: the role's
// own level when the co-op set one (empty: none required), otherwise the
// level it requires of every role.
func (p RecruitmentPolicy) DBSFor(role string) string {
	if l, ok := p.DBSByRole[role]; ok {
		return l
	}
	return p.DBSRequired
}

// RoleDBS is whether a PA's DBS checks meet what the co-op requires of one
// of the roles they are employed in.
type RoleDBS struct {
	Role     string `json:"role"`
	Required string `json:"required,omitempty"`
	Meets    bool   `json:"meets"`
}

// RoleRequirements are, for each role of the employments given (in force
// on or after a day, as the caller chose), the level the co-op requires and
// whether the PA's checks meet it, in SupportRoles' order.
func (r Recruitment) RoleRequirements(pol RecruitmentPolicy, emps []Employment) []RoleDBS {
	out := []RoleDBS{}
	for _, role := range SupportRoles {
		if !slices.ContainsFunc(emps, func(e Employment) bool { return e.SupportRole() == role }) {
			continue
		}
		need := pol.DBSFor(role)
		out = append(out, RoleDBS{Role: role, Required: need, Meets: r.HasDBS(need)})
	}
	return out
}

// MeetsDBS reports whether the PA's DBS checks meet the co-op's requirement
// for every role of the employments given; a PA not yet employed, the level
// it requires of every role.
func (r Recruitment) MeetsDBS(pol RecruitmentPolicy, emps []Employment) bool {
	if len(emps) == 0 {
		return r.HasDBS(pol.DBSRequired)
	}
	return !slices.ContainsFunc(r.RoleRequirements(pol, emps), func(d RoleDBS) bool { return !d.Meets })
}

// validRoles checks a policy's levels by role: known roles, and for each a
// known level or none.
func (p RecruitmentPolicy) validRoles(probs *Problems) map[string]string {
	if len(p.DBSByRole) == 0 {
		return nil
	}
	out := map[string]string{}
	for _, role := range slices.Sorted(maps.Keys(p.DBSByRole)) {
		level := strings.TrimSpace(p.DBSByRole[role])
		switch {
		case !slices.Contains(SupportRoles, role):
			probs.Add("dbs_by_role", FieldChoice)
		case level != "" && !slices.Contains(dbsLevels, level):
			probs.Add("dbs_by_role."+role, FieldChoice)
		default:
			out[role] = level
		}
	}
	return out
}

// RoleInput is a change of the kind of support an employment is for, as an
// admin makes it.
type RoleInput struct {
	Role string `json:"role"`
}

// Change gives the employment the role: one of SupportRoles (none given is
// a problem, not personal care, since a change must name its role); the
// same role again changes nothing.
func (in RoleInput) Change(e Employment) (Employment, error) {
	var p Problems
	role := validRole(&p, "role", in.Role)
	if strings.TrimSpace(in.Role) == "" {
		p.Add("role", FieldRequired)
	}
	if err := p.Err("change role"); err != nil {
		return Employment{}, err
	}
	if e.SupportRole() == role {
		return e, ErrUnchanged
	}
	e.Role = role
	return e, nil
}
