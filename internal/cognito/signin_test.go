package cognito

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// authFake answers as Cognito's user-auth API does for one user whose
// emailed code is 123456.
type authFake struct {
	initiated *cip.InitiateAuthInput
	responded *cip.RespondToAuthChallengeInput
	revoked   []string
	claims    map[string]any
}

func (f *authFake) InitiateAuth(_ context.Context, in *cip.InitiateAuthInput, _ ...func(*cip.Options)) (*cip.InitiateAuthOutput, error) {
	f.initiated = in
	return &cip.InitiateAuthOutput{ChallengeName: types.ChallengeNameTypeEmailOtp, Session: aws.String("session-1")}, nil
}

func (f *authFake) RespondToAuthChallenge(_ context.Context, in *cip.RespondToAuthChallengeInput, _ ...func(*cip.Options)) (*cip.RespondToAuthChallengeOutput, error) {
	f.responded = in
	if in.ChallengeResponses["EMAIL_OTP_CODE"] != "123456" {
		return nil, &types.CodeMismatchException{Message: aws.String("wrong")}
	}
	payload, _ := json.Marshal(f.claims)
	token := "e30." + base64.RawURLEncoding.EncodeToString(payload) + ".c2ln"
	return &cip.RespondToAuthChallengeOutput{AuthenticationResult: &types.AuthenticationResultType{
		IdToken: aws.String(token), RefreshToken: aws.String("refresh-1"),
	}}, nil
}

func (f *authFake) RevokeToken(_ context.Context, in *cip.RevokeTokenInput, _ ...func(*cip.Options)) (*cip.RevokeTokenOutput, error) {
	f.revoked = append(f.revoked, *in.Token)
	return &cip.RevokeTokenOutput{}, nil
}

func TestSignInByEmailCode(t *testing.T) {
	f := &authFake{claims: map[string]any{"sub": "u1", "custom:coop": "demo", "custom:person": "p1",
		"cognito:groups": []string{"pa", "member", "nonsense"}, "locale": "cy"}}
	s := NewSignIn(f, "client-1", false)
	ch, err := s.Send(context.Background(), " Catrin@Demo.coop.example", dpcoop.Welsh)
	if err != nil {
		t.Fatal(err)
	}
	in := f.initiated
	if in.AuthFlow != types.AuthFlowTypeUserAuth || *in.ClientId != "client-1" ||
		in.AuthParameters["USERNAME"] != "catrin@demo.coop.example" || in.AuthParameters["PREFERRED_CHALLENGE"] != "EMAIL_OTP" || ch != "session-1" {
		t.Fatalf("InitiateAuth %+v, challenge %q", in, ch)
	}
	if _, _, err := s.Verify(context.Background(), "catrin@demo.coop.example", ch, "000000"); dpcoop.ErrorOf(err).Kind != dpcoop.KindInvalid {
		t.Fatalf("a wrong code: %v, want the field problem", err)
	}
	ids, grant, err := s.Verify(context.Background(), "catrin@demo.coop.example", ch, "123456")
	if err != nil || grant != "" {
		t.Fatalf("%v; grant %q without passkeys", err, grant)
	}
	want := dpcoop.Identity{Coop: "demo", Person: "p1", Roles: []dpcoop.Role{dpcoop.RoleMember, dpcoop.RolePA}, Language: dpcoop.Welsh}
	if len(ids) != 1 || ids[0].Coop != want.Coop || ids[0].Person != want.Person || !slices.Equal(ids[0].Roles, want.Roles) || ids[0].Language != want.Language {
		t.Fatalf("identities %+v, want %+v", ids, want)
	}
	if r := f.responded; r.ChallengeName != types.ChallengeNameTypeEmailOtp || *r.Session != "session-1" || r.ChallengeResponses["USERNAME"] != "catrin@demo.coop.example" {
		t.Errorf("RespondToAuthChallenge %+v", r)
	}
	if !slices.Equal(f.revoked, []string{"refresh-1"}) {
		t.Errorf("revoked %v: the pages keep their own session, so Cognito's tokens are revoked", f.revoked)
	}
	if _, _, err := s.Verify(context.Background(), "x@y.example", "", "123456"); dpcoop.ErrorOf(err).Kind != dpcoop.KindInvalid {
		t.Errorf("no challenge: %v, want the field problem", err)
	}
}

func TestATokenWithoutACoopSignsNoOneIn(t *testing.T) {
	f := &authFake{claims: map[string]any{"sub": "u1", "cognito:groups": []string{"admin"}}}
	if _, _, err := NewSignIn(f, "c", false).Verify(context.Background(), "a@b.example", "s", "123456"); err == nil {
		t.Fatal("a token without custom:coop signed someone in")
	}
}

// TestWithPasskeysTheRefreshTokenIsTheGrant: with passkeys on, the sign-in
// keeps the refresh token as the session's grant instead of revoking it.
func TestWithPasskeysTheRefreshTokenIsTheGrant(t *testing.T) {
	f := &authFake{claims: map[string]any{"sub": "u1", "custom:coop": "demo", "cognito:groups": []string{"pa"}}}
	_, grant, err := NewSignIn(f, "c", true).Verify(context.Background(), "a@b.example", "s", "123456")
	if err != nil || grant != "refresh-1" || len(f.revoked) != 0 {
		t.Fatalf("grant %q, revoked %v, %v", grant, f.revoked, err)
	}
}
