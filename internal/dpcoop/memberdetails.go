package dpcoop

// MemberDetails is a correction of the register's details of a member: a
// member moves house, changes their name or email, or would rather read in
// the other language (s.30 asks the register to hold each member's name and
// address; UK GDPR Art. 16 gives the member the right to have them put
// right). A field left nil keeps its value.
type MemberDetails struct {
	Name     *string `json:"name"`
	Address  *string `json:"address"`
	Email    *string `json:"email"`
	Phone    *string `json:"phone"`
	Language *string `json:"language"`
}

// Corrected is the member with the details put right, checked as an
// application's are, or every field that is wrong. A member whose notices
// went to their email keeps getting them at the new one.
func (m Member) Corrected(d MemberDetails) (Member, error) {
	var p Problems
	out := m
	if d.Name != nil {
		out.Name = requireName(&p, "name", *d.Name, MaxNameLen)
	}
	if d.Address != nil {
		out.Address = requireText(&p, "address", *d.Address, MaxAddressLen)
	}
	if d.Email != nil {
		out.Email = requireEmail(&p, "email", *d.Email)
		if m.ElectronicAddress != "" && m.ElectronicAddress == m.Email {
			out.ElectronicAddress = out.Email
		}
	}
	if d.Phone != nil {
		out.Phone = optionalPhone(&p, "phone", *d.Phone)
	}
	if d.Language != nil {
		out.Language = requireLang(&p, "language", *d.Language)
	}
	if err := p.Err("correct member"); err != nil {
		return Member{}, err
	}
	return out, nil
}
