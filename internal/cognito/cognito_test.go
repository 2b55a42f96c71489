package cognito

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// pool records what reached Cognito; it stands in for the AWS service, which
// cannot run on this machine.
type pool struct {
	users    map[string]map[string]string
	groups   map[string]map[string]bool // user: their groups
	disabled map[string]bool
	signOuts map[string]int
}

func (p *pool) AdminCreateUser(_ context.Context, in *cip.AdminCreateUserInput, _ ...func(*cip.Options)) (*cip.AdminCreateUserOutput, error) {
	name := aws.ToString(in.Username)
	if _, ok := p.users[name]; ok {
		return nil, &types.UsernameExistsException{Message: aws.String("exists")}
	}
	attrs := map[string]string{}
	for _, a := range in.UserAttributes {
		attrs[aws.ToString(a.Name)] = aws.ToString(a.Value)
	}
	p.users[name] = attrs
	return &cip.AdminCreateUserOutput{}, nil
}

// AdminUpdateUserAttributes sets attributes as Cognito does; an email
// another user has is refused, as the pool's email alias is unique.
func (p *pool) AdminUpdateUserAttributes(_ context.Context, in *cip.AdminUpdateUserAttributesInput, _ ...func(*cip.Options)) (*cip.AdminUpdateUserAttributesOutput, error) {
	name := aws.ToString(in.Username)
	u, ok := p.users[name]
	if !ok {
		return nil, &types.UserNotFoundException{Message: aws.String("no such user")}
	}
	for _, a := range in.UserAttributes {
		if aws.ToString(a.Name) != "email" {
			continue
		}
		for other, attrs := range p.users {
			if other != name && attrs["email"] == aws.ToString(a.Value) {
				return nil, &types.AliasExistsException{Message: aws.String("alias exists")}
			}
		}
	}
	for _, a := range in.UserAttributes {
		u[aws.ToString(a.Name)] = aws.ToString(a.Value)
	}
	return &cip.AdminUpdateUserAttributesOutput{}, nil
}

func (p *pool) AdminAddUserToGroup(_ context.Context, in *cip.AdminAddUserToGroupInput, _ ...func(*cip.Options)) (*cip.AdminAddUserToGroupOutput, error) {
	u := aws.ToString(in.Username)
	if p.groups[u] == nil {
		p.groups[u] = map[string]bool{}
	}
	p.groups[u][aws.ToString(in.GroupName)] = true
	return &cip.AdminAddUserToGroupOutput{}, nil
}

func (p *pool) AdminRemoveUserFromGroup(_ context.Context, in *cip.AdminRemoveUserFromGroupInput, _ ...func(*cip.Options)) (*cip.AdminRemoveUserFromGroupOutput, error) {
	if _, ok := p.users[aws.ToString(in.Username)]; !ok {
		return nil, &types.UserNotFoundException{Message: aws.String("no such user")}
	}
	delete(p.groups[aws.ToString(in.Username)], aws.ToString(in.GroupName))
	return &cip.AdminRemoveUserFromGroupOutput{}, nil
}

func (p *pool) AdminDisableUser(_ context.Context, in *cip.AdminDisableUserInput, _ ...func(*cip.Options)) (*cip.AdminDisableUserOutput, error) {
	if _, ok := p.users[aws.ToString(in.Username)]; !ok {
		return nil, &types.UserNotFoundException{Message: aws.String("no such user")}
	}
	p.disabled[aws.ToString(in.Username)] = true
	return &cip.AdminDisableUserOutput{}, nil
}

func (p *pool) AdminEnableUser(_ context.Context, in *cip.AdminEnableUserInput, _ ...func(*cip.Options)) (*cip.AdminEnableUserOutput, error) {
	if _, ok := p.users[aws.ToString(in.Username)]; !ok {
		return nil, &types.UserNotFoundException{Message: aws.String("no such user")}
	}
	delete(p.disabled, aws.ToString(in.Username))
	return &cip.AdminEnableUserOutput{}, nil
}

func (p *pool) AdminUserGlobalSignOut(_ context.Context, in *cip.AdminUserGlobalSignOutInput, _ ...func(*cip.Options)) (*cip.AdminUserGlobalSignOutOutput, error) {
	p.signOuts[aws.ToString(in.Username)]++
	return &cip.AdminUserGlobalSignOutOutput{}, nil
}

// TestRevokeDisablesAndSignsOut: revoking disables the user and signs them
// out everywhere; again, or for someone never invited, is no error.
// Reinstating enables them again, twice too, and someone never invited is
// no error either.
func TestRevokeDisablesAndSignsOut(t *testing.T) {
	p := &pool{users: map[string]map[string]string{}, groups: map[string]map[string]bool{}, disabled: map[string]bool{}, signOuts: map[string]int{}}
	ids := New(p, "eu-west-2_pool")
	person := dpcoop.Person{ID: "abcdefghijklmnopqrst", Coop: "demo", Email: "a@example.org", Role: dpcoop.RoleMember, Language: dpcoop.Welsh}
	if err := ids.Invite(context.Background(), person); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := ids.Revoke(context.Background(), person); err != nil {
			t.Fatal(err)
		}
	}
	if !p.disabled[person.ID] || p.signOuts[person.ID] != 2 {
		t.Fatalf("disabled %v, signed out %d times", p.disabled, p.signOuts[person.ID])
	}
	if err := ids.Revoke(context.Background(), dpcoop.Person{ID: "neverinvitedaaaaaaaa"}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := ids.Reinstate(context.Background(), person); err != nil {
			t.Fatal(err)
		}
	}
	if p.disabled[person.ID] {
		t.Fatal("still disabled after reinstating")
	}
	if err := ids.Reinstate(context.Background(), dpcoop.Person{ID: "neverinvitedaaaaaaaa"}); err != nil {
		t.Fatal(err)
	}
}

func TestInviteSetsClaimsAndIsRepeatable(t *testing.T) {
	p := &pool{users: map[string]map[string]string{}, groups: map[string]map[string]bool{}}
	ids := New(p, "eu-west-2_pool")
	person := dpcoop.Person{ID: "abcdefghijklmnopqrst", Coop: "demo", Email: "a@example.org", Role: dpcoop.RoleMember, Language: dpcoop.Welsh}
	for range 2 {
		if err := ids.Invite(context.Background(), person); err != nil {
			t.Fatal(err)
		}
	}
	u := p.users[person.ID]
	if u["custom:coop"] != "demo" || u["custom:person"] != person.ID || u["email"] != person.Email || u["locale"] != "cy" {
		t.Fatalf("attributes: %v", u)
	}
	if !p.groups[person.ID]["member"] || len(p.groups[person.ID]) != 1 {
		t.Fatalf("groups: %v", p.groups[person.ID])
	}
}

// TestRolesAreGroups: a role added is a group joined (Invite again, for the
// new role), a role removed a group left; the tokens' cognito:groups claim
// carries them. Removing from someone never invited is no error.
func TestRolesAreGroups(t *testing.T) {
	p := &pool{users: map[string]map[string]string{}, groups: map[string]map[string]bool{}}
	ids := New(p, "eu-west-2_pool")
	person := dpcoop.Person{ID: "abcdefghijklmnopqrst", Coop: "demo", Email: "a@example.org", Role: dpcoop.RoleMember, Language: dpcoop.Welsh}
	admin := person
	admin.Role = dpcoop.RoleAdmin
	for _, err := range []error{ids.Invite(context.Background(), person), ids.Invite(context.Background(), admin), ids.RemoveRole(context.Background(), person)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	if g := p.groups[person.ID]; !g["admin"] || g["member"] {
		t.Fatalf("groups: %v, want admin only", g)
	}
	if err := ids.RemoveRole(context.Background(), dpcoop.Person{ID: "neverinvitedaaaaaaaa", Role: dpcoop.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
}

// TestUpdateMovesEmailAndLocale: a new email and language reach the user
// (the email still verified, so the code goes to it); an email another user
// has is the field problem email_in_use; someone never invited, no error.
func TestUpdateMovesEmailAndLocale(t *testing.T) {
	p := &pool{users: map[string]map[string]string{}, groups: map[string]map[string]bool{}}
	ids := New(p, "eu-west-2_pool")
	was := dpcoop.Person{ID: "abcdefghijklmnopqrst", Coop: "demo", Email: "a@example.org", Role: dpcoop.RolePA, Language: dpcoop.Welsh}
	other := dpcoop.Person{ID: "bbbbbbbbbbbbbbbbbbbb", Coop: "demo", Email: "b@example.org", Role: dpcoop.RolePA, Language: dpcoop.English}
	for _, person := range []dpcoop.Person{was, other} {
		if err := ids.Invite(context.Background(), person); err != nil {
			t.Fatal(err)
		}
	}
	now := was
	now.Email, now.Language = "new@example.org", dpcoop.English
	if err := ids.Update(context.Background(), was, now); err != nil {
		t.Fatal(err)
	}
	if u := p.users[was.ID]; u["email"] != "new@example.org" || u["email_verified"] != "true" || u["locale"] != "en" {
		t.Fatalf("attributes: %v", u)
	}
	taken := now
	taken.Email = other.Email
	de := dpcoop.ErrorOf(ids.Update(context.Background(), now, taken))
	if de.Kind != dpcoop.KindInvalid || len(de.Fields) != 1 || de.Fields[0].Field != "email" || de.Fields[0].Code != dpcoop.FieldEmailInUse {
		t.Fatalf("an email another user has: %+v, want the field problem email_in_use", de)
	}
	never := dpcoop.Person{ID: "neverinvitedaaaaaaaa", Email: "c@example.org"}
	if err := ids.Update(context.Background(), never, never); err != nil {
		t.Fatal(err)
	}
}
