package cognito

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/document"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// passkeyFake answers as Cognito does for one user, catrin@demo.coop.example,
// whose refresh token is "refresh-1" and who has passkeys "k1" and "k2".
type passkeyFake struct {
	keys       []string
	registered map[string]any
	responded  *cip.RespondToAuthChallengeInput
	revoked    []string
}

func (f *passkeyFake) authorised(token *string) error {
	if aws.ToString(token) != "access-1" {
		return &types.NotAuthorizedException{Message: aws.String("bad token")}
	}
	return nil
}

func (f *passkeyFake) InitiateAuth(_ context.Context, in *cip.InitiateAuthInput, _ ...func(*cip.Options)) (*cip.InitiateAuthOutput, error) {
	switch {
	case in.AuthFlow == types.AuthFlowTypeRefreshTokenAuth && in.AuthParameters["REFRESH_TOKEN"] == "refresh-1":
		return &cip.InitiateAuthOutput{AuthenticationResult: &types.AuthenticationResultType{AccessToken: aws.String("access-1")}}, nil
	case in.AuthFlow == types.AuthFlowTypeRefreshTokenAuth:
		return nil, &types.NotAuthorizedException{Message: aws.String("revoked")}
	case in.AuthParameters["USERNAME"] == "catrin@demo.coop.example" && in.AuthParameters["PREFERRED_CHALLENGE"] == "WEB_AUTHN":
		return &cip.InitiateAuthOutput{ChallengeName: types.ChallengeNameTypeWebAuthn, Session: aws.String("session-w"),
			ChallengeParameters: map[string]string{"CREDENTIAL_REQUEST_OPTIONS": `{"challenge":"Y2g","rpId":"dpcoop.example.coop","userVerification":"required"}`}}, nil
	}
	// Someone without a passkey (or unknown) is offered another challenge.
	return &cip.InitiateAuthOutput{ChallengeName: types.ChallengeNameTypeEmailOtp, Session: aws.String("session-e")}, nil
}

func (f *passkeyFake) RespondToAuthChallenge(_ context.Context, in *cip.RespondToAuthChallengeInput, _ ...func(*cip.Options)) (*cip.RespondToAuthChallengeOutput, error) {
	f.responded = in
	var c struct{ ID string }
	if json.Unmarshal([]byte(in.ChallengeResponses["CREDENTIAL"]), &c) != nil || !slices.Contains(f.keys, c.ID) {
		return nil, &types.NotAuthorizedException{Message: aws.String("not a passkey of hers")}
	}
	claims, _ := json.Marshal(map[string]any{"sub": "u1", "custom:coop": "demo", "custom:person": "p1", "cognito:groups": []string{"pa"}, "locale": "cy"})
	return &cip.RespondToAuthChallengeOutput{AuthenticationResult: &types.AuthenticationResultType{
		IdToken: aws.String("e30." + base64.RawURLEncoding.EncodeToString(claims) + ".c2ln"), RefreshToken: aws.String("refresh-1"),
	}}, nil
}

func (f *passkeyFake) RevokeToken(_ context.Context, in *cip.RevokeTokenInput, _ ...func(*cip.Options)) (*cip.RevokeTokenOutput, error) {
	f.revoked = append(f.revoked, *in.Token)
	return &cip.RevokeTokenOutput{}, nil
}

func (f *passkeyFake) StartWebAuthnRegistration(_ context.Context, in *cip.StartWebAuthnRegistrationInput, _ ...func(*cip.Options)) (*cip.StartWebAuthnRegistrationOutput, error) {
	if err := f.authorised(in.AccessToken); err != nil {
		return nil, err
	}
	return &cip.StartWebAuthnRegistrationOutput{CredentialCreationOptions: document.NewLazyDocument(map[string]any{
		"challenge": "cmVn", "pubKeyCredParams": []any{map[string]any{"type": "public-key", "alg": -7}},
	})}, nil
}

func (f *passkeyFake) CompleteWebAuthnRegistration(_ context.Context, in *cip.CompleteWebAuthnRegistrationInput, _ ...func(*cip.Options)) (*cip.CompleteWebAuthnRegistrationOutput, error) {
	if err := f.authorised(in.AccessToken); err != nil {
		return nil, err
	}
	var c map[string]any
	b, err := in.Credential.MarshalSmithyDocument() // what goes over the wire
	if err != nil || json.Unmarshal(b, &c) != nil {
		return nil, &types.InvalidParameterException{Message: aws.String("not a document")}
	}
	if c["id"] == "forged" {
		return nil, &types.WebAuthnChallengeNotFoundException{Message: aws.String("no such challenge")}
	}
	f.registered = c
	f.keys = append(f.keys, c["id"].(string))
	return &cip.CompleteWebAuthnRegistrationOutput{}, nil
}

func (f *passkeyFake) ListWebAuthnCredentials(_ context.Context, in *cip.ListWebAuthnCredentialsInput, _ ...func(*cip.Options)) (*cip.ListWebAuthnCredentialsOutput, error) {
	if err := f.authorised(in.AccessToken); err != nil {
		return nil, err
	}
	// One passkey a page, to follow the pages.
	i := 0
	if in.NextToken != nil {
		i = int((*in.NextToken)[0] - '0')
	}
	out := &cip.ListWebAuthnCredentialsOutput{Credentials: []types.WebAuthnCredentialDescription{{
		CredentialId: aws.String(f.keys[i]), CreatedAt: aws.Time(time.Date(2026, 11, 1+i, 9, 0, 0, 0, time.UTC)),
	}}}
	if i+1 < len(f.keys) {
		out.NextToken = aws.String(string(rune('0' + i + 1)))
	}
	return out, nil
}

func (f *passkeyFake) DeleteWebAuthnCredential(_ context.Context, in *cip.DeleteWebAuthnCredentialInput, _ ...func(*cip.Options)) (*cip.DeleteWebAuthnCredentialOutput, error) {
	if err := f.authorised(in.AccessToken); err != nil {
		return nil, err
	}
	i := slices.Index(f.keys, aws.ToString(in.CredentialId))
	if i < 0 {
		return nil, &types.ResourceNotFoundException{Message: aws.String("no such credential")}
	}
	f.keys = slices.Delete(f.keys, i, i+1)
	return &cip.DeleteWebAuthnCredentialOutput{}, nil
}

var (
	catrin   = dpcoop.Principal{Coop: "demo", Person: "p1", Roles: []dpcoop.Role{dpcoop.RolePA}}
	catrinID = dpcoop.Identity{Coop: "demo", Person: "p1", Roles: []dpcoop.Role{dpcoop.RolePA}}
)

// TestPasskeysManagedWithTheGrant: with the session's grant, a person lists
// their passkeys (every page), adds one (the options wrapped for the
// browser, the credential passed on as a document) and removes one; a
// credential Cognito refuses is a wrong passkey; without a grant, or with
// one revoked, nothing is done.
func TestPasskeysManagedWithTheGrant(t *testing.T) {
	ctx := context.Background()
	f := &passkeyFake{keys: []string{"k1", "k2"}}
	p := NewPasskeys(f, "client-1")
	keys, err := p.List(ctx, catrin, "refresh-1")
	if err != nil || len(keys) != 2 || keys[0].ID != "k1" || keys[1].ID != "k2" || keys[1].Added.Day() != 2 {
		t.Fatalf("list %+v %v", keys, err)
	}
	options, state, err := p.StartRegistration(ctx, catrinID, "refresh-1")
	if err != nil {
		t.Fatal(err)
	}
	var o struct {
		PublicKey struct {
			Challenge        string
			PubKeyCredParams []struct{ Alg int }
		}
	}
	if json.Unmarshal(options, &o) != nil || o.PublicKey.Challenge != "cmVn" || len(o.PublicKey.PubKeyCredParams) != 1 || o.PublicKey.PubKeyCredParams[0].Alg != -7 {
		t.Fatalf("options %s", options)
	}
	credential := []byte(`{"id":"k3","rawId":"k3","type":"public-key","response":{"clientDataJSON":"e30","attestationObject":"o2M"}}`)
	if err := p.FinishRegistration(ctx, catrinID, "refresh-1", state, credential); err != nil {
		t.Fatal(err)
	}
	if resp, _ := f.registered["response"].(map[string]any); f.registered["type"] != "public-key" || resp["attestationObject"] != "o2M" {
		t.Errorf("Cognito was given %+v", f.registered)
	}
	forged := []byte(`{"id":"forged","type":"public-key","response":{}}`)
	if err := p.FinishRegistration(ctx, catrinID, "refresh-1", state, forged); dpcoop.ErrorOf(err).Kind != dpcoop.KindInvalid {
		t.Errorf("a credential Cognito refused: %v, want the field problem", err)
	}
	if err := p.FinishRegistration(ctx, catrinID, "refresh-1", nil, credential); dpcoop.ErrorOf(err).Kind != dpcoop.KindInvalid {
		t.Errorf("no ceremony: %v, want the field problem", err)
	}
	if err := p.Remove(ctx, catrin, "refresh-1", "k1"); err != nil {
		t.Fatal(err)
	}
	if err := p.Remove(ctx, catrin, "refresh-1", "k1"); !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		t.Errorf("removing it again: %v, want not found", err)
	}
	if !slices.Equal(f.keys, []string{"k2", "k3"}) {
		t.Errorf("passkeys now %v", f.keys)
	}
	for _, grant := range []string{"", "revoked"} {
		if _, err := p.List(ctx, catrin, grant); !dpcoop.IsKind(err, dpcoop.KindForbidden) {
			t.Errorf("grant %q: %v, want forbidden", grant, err)
		}
	}
	if err := p.Forget(ctx, "refresh-1"); err != nil || !slices.Equal(f.revoked, []string{"refresh-1"}) {
		t.Errorf("forget: %v, revoked %v", err, f.revoked)
	}
}

// TestSignInWithAPasskey: the email's WEB_AUTHN challenge gives the
// browser's options; the assertion answers it and signs the person in, the
// refresh token kept as the grant. An email without a passkey, no email, a
// passkey not hers or a state not ours sign no one in.
func TestSignInWithAPasskey(t *testing.T) {
	ctx := context.Background()
	f := &passkeyFake{keys: []string{"k1"}}
	p := NewPasskeys(f, "client-1")
	options, state, err := p.StartSignIn(ctx, " Catrin@Demo.coop.example ")
	if err != nil {
		t.Fatal(err)
	}
	var o struct {
		PublicKey struct{ Challenge, RpID string }
	}
	if json.Unmarshal(options, &o) != nil || o.PublicKey.Challenge != "Y2g" || o.PublicKey.RpID != "dpcoop.example.coop" {
		t.Fatalf("options %s", options)
	}
	ids, grant, err := p.FinishSignIn(ctx, state, []byte(`{"id":"k1","type":"public-key","response":{}}`))
	if err != nil || len(ids) != 1 || ids[0].Person != "p1" || ids[0].Language != dpcoop.Welsh || grant != "refresh-1" {
		t.Fatalf("signed in as %+v, grant %q, %v", ids, grant, err)
	}
	if r := f.responded; r.ChallengeName != types.ChallengeNameTypeWebAuthn || *r.Session != "session-w" || r.ChallengeResponses["USERNAME"] != "catrin@demo.coop.example" {
		t.Errorf("RespondToAuthChallenge %+v", r)
	}
	if _, _, err := p.FinishSignIn(ctx, state, []byte(`{"id":"k9","type":"public-key","response":{}}`)); dpcoop.ErrorOf(err).Kind != dpcoop.KindInvalid {
		t.Errorf("a passkey not hers: %v, want the field problem", err)
	}
	if _, _, err := p.FinishSignIn(ctx, []byte("{}"), []byte(`{"id":"k1"}`)); dpcoop.ErrorOf(err).Kind != dpcoop.KindInvalid {
		t.Errorf("no ceremony: %v, want the field problem", err)
	}
	for _, email := range []string{"", "nobody@example.org"} {
		if _, _, err := p.StartSignIn(ctx, email); dpcoop.ErrorOf(err).Kind != dpcoop.KindInvalid {
			t.Errorf("email %q: %v, want the field problem", email, err)
		}
	}
}
