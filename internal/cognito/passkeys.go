package cognito

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/document"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// PasskeyClient is the part of the Cognito API passkeys use: the user-auth
// calls, and the calls a signed-in person makes with their own access token
// to register, list and delete their passkeys. None needs AWS permissions.
type PasskeyClient interface {
	AuthClient
	StartWebAuthnRegistration(context.Context, *cip.StartWebAuthnRegistrationInput, ...func(*cip.Options)) (*cip.StartWebAuthnRegistrationOutput, error)
	CompleteWebAuthnRegistration(context.Context, *cip.CompleteWebAuthnRegistrationInput, ...func(*cip.Options)) (*cip.CompleteWebAuthnRegistrationOutput, error)
	ListWebAuthnCredentials(context.Context, *cip.ListWebAuthnCredentialsInput, ...func(*cip.Options)) (*cip.ListWebAuthnCredentialsOutput, error)
	DeleteWebAuthnCredential(context.Context, *cip.DeleteWebAuthnCredentialInput, ...func(*cip.Options)) (*cip.DeleteWebAuthnCredentialOutput, error)
}

// Passkeys are the pages' passkeys on AWS: Cognito keeps each person's
// passkeys and checks them (the pool's relying party is the pages' custom
// domain). Managing them takes the person's access token, which the
// session's grant, the sign-in's refresh token, gives when needed. Signing
// in with one is USER_AUTH's WEB_AUTHN challenge, which needs the email.
type Passkeys struct {
	client PasskeyClient
	app    string
}

// NewPasskeys returns passkeys through the app client with the given id.
func NewPasskeys(c PasskeyClient, appClientID string) *Passkeys {
	return &Passkeys{client: c, app: appClientID}
}

// access is the person's access token, from the grant.
func (p *Passkeys) access(ctx context.Context, grant string) (*string, error) {
	if grant == "" {
		return nil, dpcoop.E("passkeys", dpcoop.KindForbidden, dpcoop.CodeAccessEnded)
	}
	out, err := p.client.InitiateAuth(ctx, &cip.InitiateAuthInput{
		AuthFlow: types.AuthFlowTypeRefreshTokenAuth, ClientId: aws.String(p.app),
		AuthParameters: map[string]string{"REFRESH_TOKEN": grant},
	})
	var notAuthorized *types.NotAuthorizedException
	switch {
	case errors.As(err, &notAuthorized):
		return nil, dpcoop.E("passkeys", dpcoop.KindForbidden, dpcoop.CodeAccessEnded)
	case err != nil:
		return nil, unavailable("refresh token", err)
	case out.AuthenticationResult == nil || out.AuthenticationResult.AccessToken == nil:
		return nil, dpcoop.Errorf("refresh token", "no access token")
	}
	return out.AuthenticationResult.AccessToken, nil
}

// registration is the state a registration keeps: Cognito keeps the
// challenge itself.
var registration = []byte(`"cognito"`)

// StartRegistration asks Cognito for the options of a new passkey.
func (p *Passkeys) StartRegistration(ctx context.Context, _ dpcoop.Identity, grant string) ([]byte, []byte, error) {
	token, err := p.access(ctx, grant)
	if err != nil {
		return nil, nil, err
	}
	out, err := p.client.StartWebAuthnRegistration(ctx, &cip.StartWebAuthnRegistrationInput{AccessToken: token})
	if err != nil {
		return nil, nil, passkeyError("start passkey", err)
	}
	options, err := publicKey(out.CredentialCreationOptions)
	return options, registration, err
}

// FinishRegistration gives Cognito the browser's new credential.
func (p *Passkeys) FinishRegistration(ctx context.Context, _ dpcoop.Identity, grant string, state, credential []byte) error {
	var c map[string]any
	if string(state) != string(registration) || json.Unmarshal(credential, &c) != nil {
		return dpcoop.WrongPasskey()
	}
	token, err := p.access(ctx, grant)
	if err != nil {
		return err
	}
	_, err = p.client.CompleteWebAuthnRegistration(ctx, &cip.CompleteWebAuthnRegistrationInput{
		AccessToken: token, Credential: document.NewLazyDocument(c),
	})
	return passkeyError("add passkey", err)
}

// List is the person's passkeys, oldest first as Cognito lists them.
func (p *Passkeys) List(ctx context.Context, _ dpcoop.Principal, grant string) ([]dpcoop.Passkey, error) {
	token, err := p.access(ctx, grant)
	if err != nil {
		return nil, err
	}
	var keys []dpcoop.Passkey
	var next *string
	for {
		out, err := p.client.ListWebAuthnCredentials(ctx, &cip.ListWebAuthnCredentialsInput{AccessToken: token, NextToken: next})
		if err != nil {
			return nil, unavailable("list passkeys", err)
		}
		for _, c := range out.Credentials {
			keys = append(keys, dpcoop.Passkey{ID: aws.ToString(c.CredentialId), Added: aws.ToTime(c.CreatedAt)})
		}
		if next = out.NextToken; next == nil {
			return keys, nil
		}
	}
}

// Remove deletes one of the person's passkeys; Cognito finds only theirs.
func (p *Passkeys) Remove(ctx context.Context, _ dpcoop.Principal, grant, id string) error {
	token, err := p.access(ctx, grant)
	if err != nil {
		return err
	}
	_, err = p.client.DeleteWebAuthnCredential(ctx, &cip.DeleteWebAuthnCredentialInput{AccessToken: token, CredentialId: aws.String(id)})
	var missing *types.ResourceNotFoundException
	if errors.As(err, &missing) {
		return dpcoop.E("remove passkey", dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	if err != nil {
		return unavailable("remove passkey", err)
	}
	return nil
}

// passkeySignIn is the state between a passkey sign-in's two steps.
type passkeySignIn struct {
	Email   string `json:"email"`
	Session string `json:"session"`
}

// StartSignIn asks Cognito for the email's WEB_AUTHN challenge. An email
// without a passkey, or unknown, gets no challenge to answer: the same
// answer as a passkey that fails, so the page tells no one who has one.
func (p *Passkeys) StartSignIn(ctx context.Context, email string) ([]byte, []byte, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" {
		return nil, nil, dpcoop.WrongPasskey()
	}
	out, err := p.client.InitiateAuth(ctx, &cip.InitiateAuthInput{
		AuthFlow: types.AuthFlowTypeUserAuth, ClientId: aws.String(p.app),
		AuthParameters: map[string]string{"USERNAME": email, "PREFERRED_CHALLENGE": string(types.ChallengeNameTypeWebAuthn)},
	})
	var notAuthorized *types.NotAuthorizedException
	var missing *types.UserNotFoundException
	switch {
	case errors.As(err, &notAuthorized) || errors.As(err, &missing):
		return nil, nil, dpcoop.WrongPasskey()
	case err != nil:
		return nil, nil, unavailable("start passkey sign-in", err)
	case out.ChallengeName != types.ChallengeNameTypeWebAuthn || out.Session == nil || out.ChallengeParameters["CREDENTIAL_REQUEST_OPTIONS"] == "":
		return nil, nil, dpcoop.WrongPasskey()
	}
	options, err := publicKey(json.RawMessage(out.ChallengeParameters["CREDENTIAL_REQUEST_OPTIONS"]))
	if err != nil {
		return nil, nil, err
	}
	state, _ := json.Marshal(passkeySignIn{Email: email, Session: *out.Session}) // plain strings
	return options, state, nil
}

// FinishSignIn answers the challenge with the browser's assertion and reads
// who the person is from the ID token, as the code does; the refresh token
// is the session's grant.
func (p *Passkeys) FinishSignIn(ctx context.Context, state, credential []byte) ([]dpcoop.Identity, string, error) {
	var st passkeySignIn
	if json.Unmarshal(state, &st) != nil || st.Session == "" || !json.Valid(credential) {
		return nil, "", dpcoop.WrongPasskey()
	}
	out, err := p.client.RespondToAuthChallenge(ctx, &cip.RespondToAuthChallengeInput{
		ClientId: aws.String(p.app), ChallengeName: types.ChallengeNameTypeWebAuthn, Session: aws.String(st.Session),
		ChallengeResponses: map[string]string{"USERNAME": st.Email, "CREDENTIAL": string(credential)},
	})
	var notAuthorized *types.NotAuthorizedException
	switch {
	case errors.As(err, &notAuthorized) || isWebAuthnRefusal(err):
		return nil, "", dpcoop.WrongPasskey()
	case err != nil:
		return nil, "", unavailable("passkey sign-in", err)
	case out.AuthenticationResult == nil || out.AuthenticationResult.IdToken == nil:
		return nil, "", dpcoop.WrongPasskey()
	}
	id, err := identityOf(*out.AuthenticationResult.IdToken)
	if err != nil {
		return nil, "", err
	}
	return []dpcoop.Identity{id}, aws.ToString(out.AuthenticationResult.RefreshToken), nil
}

// Forget revokes the grant, and with it the access tokens it gave.
func (p *Passkeys) Forget(ctx context.Context, grant string) error {
	if _, err := p.client.RevokeToken(ctx, &cip.RevokeTokenInput{ClientId: aws.String(p.app), Token: aws.String(grant)}); err != nil {
		return unavailable("revoke token", err)
	}
	return nil
}

// publicKey wraps Cognito's WebAuthn options as assets/passkeys.mjs reads
// them, under "publicKey" as in the browser's credentials calls.
func publicKey(options any) ([]byte, error) {
	var raw json.RawMessage
	switch o := options.(type) {
	case json.RawMessage:
		raw = o
	case document.Interface:
		b, err := o.MarshalSmithyDocument()
		if err != nil {
			return nil, dpcoop.Wrap("read passkey options", err)
		}
		raw = b
	}
	if !json.Valid(raw) {
		return nil, dpcoop.Errorf("read passkey options", "cognito's options are not JSON")
	}
	return json.Marshal(map[string]json.RawMessage{"publicKey": raw})
}

// isWebAuthnRefusal reports whether Cognito refused a credential itself
// (its challenge, origin, relying party or kind), rather than failing.
func isWebAuthnRefusal(err error) bool {
	var challenge *types.WebAuthnChallengeNotFoundException
	var client *types.WebAuthnClientMismatchException
	var kind *types.WebAuthnCredentialNotSupportedException
	var origin *types.WebAuthnOriginNotAllowedException
	var party *types.WebAuthnRelyingPartyMismatchException
	var invalid *types.InvalidParameterException
	return errors.As(err, &challenge) || errors.As(err, &client) || errors.As(err, &kind) ||
		errors.As(err, &origin) || errors.As(err, &party) || errors.As(err, &invalid)
}

// passkeyError is a registration's answer: a credential Cognito refused is a
// wrong passkey; anything else, a passing failure.
func passkeyError(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case isWebAuthnRefusal(err):
		return dpcoop.WrongPasskey()
	}
	return unavailable(op, err)
}
