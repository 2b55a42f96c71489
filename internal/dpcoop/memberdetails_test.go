package dpcoop_test

import (
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

func TestCorrectingAMember(t *testing.T) {
	m := dpcoop.Member{ID: "m1", Name: "Gwen Morgan", Address: "1 Stryd Fawr", Email: "gwen@example.org",
		Language: dpcoop.Welsh, ElectronicAddress: "gwen@example.org", ElectronicUses: dpcoop.ElectronicUses}
	s := func(v string) *string { return &v }

	got, err := m.Corrected(dpcoop.MemberDetails{Address: s(" 2 Heol y Bont "), Email: s("gwen.m@example.org")})
	if err != nil {
		t.Fatal(err)
	}
	if got.Address != "2 Heol y Bont" || got.Email != "gwen.m@example.org" || got.Name != m.Name || got.Language != dpcoop.Welsh {
		t.Errorf("corrected = %+v", got)
	}
	if got.ElectronicAddress != "gwen.m@example.org" {
		t.Errorf("notices still go to %q", got.ElectronicAddress)
	}

	paper := m
	paper.ElectronicAddress, paper.ElectronicUses = "", nil
	if got, _ := paper.Corrected(dpcoop.MemberDetails{Email: s("new@example.org")}); got.ElectronicAddress != "" {
		t.Errorf("a member who chose paper notices now gets them at %q", got.ElectronicAddress)
	}

	_, err = m.Corrected(dpcoop.MemberDetails{Name: s(" "), Email: s("not an email"), Language: s("fr"), Phone: s("call me")})
	codes := fieldCodes(err)
	for _, f := range []string{"name", "email", "language", "phone"} {
		if codes[f] == "" {
			t.Errorf("no problem with %s: %v", f, codes)
		}
	}
}
