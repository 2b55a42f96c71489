package cognito

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// AuthClient is the part of the Cognito API the pages' sign-in uses: the
// public user-auth calls an app client without a secret makes, which need no
// AWS permissions.
type AuthClient interface {
	InitiateAuth(context.Context, *cip.InitiateAuthInput, ...func(*cip.Options)) (*cip.InitiateAuthOutput, error)
	RespondToAuthChallenge(context.Context, *cip.RespondToAuthChallengeInput, ...func(*cip.Options)) (*cip.RespondToAuthChallengeOutput, error)
	RevokeToken(context.Context, *cip.RevokeTokenInput, ...func(*cip.Options)) (*cip.RevokeTokenOutput, error)
}

// SignIn is the pages' sign-in on AWS: Cognito's choice-based user auth
// (USER_AUTH) with an email one-time code, rendered by our own bilingual
// pages, since Cognito's managed login cannot show Welsh. The email is the
// pool's sign-in name, so it names one user.
type SignIn struct {
	client AuthClient
	app    string // the app client id
	// grants says the pages keep the refresh token as the session's grant,
	// for managing passkeys (Passkeys).
	grants bool
}

// NewSignIn returns the sign-in through the app client with the given id;
// with passkeys on, each sign-in leaves its refresh token as a grant.
func NewSignIn(c AuthClient, appClientID string, passkeys bool) *SignIn {
	return &SignIn{client: c, app: appClientID, grants: passkeys}
}

// Send asks Cognito to email a code. The pool does not reveal whether the
// address is known (PreventUserExistenceErrors): an unknown one gets a
// challenge that no code answers.
func (s *SignIn) Send(ctx context.Context, email string, _ dpcoop.Lang) (string, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	out, err := s.client.InitiateAuth(ctx, &cip.InitiateAuthInput{
		AuthFlow: types.AuthFlowTypeUserAuth,
		ClientId: aws.String(s.app),
		AuthParameters: map[string]string{
			"USERNAME":            email,
			"PREFERRED_CHALLENGE": string(types.ChallengeNameTypeEmailOtp),
		},
	})
	var notAuthorized *types.NotAuthorizedException
	var missing *types.UserNotFoundException
	switch {
	case errors.As(err, &notAuthorized) || errors.As(err, &missing):
		return "", nil // a disabled or unknown user: nothing is sent
	case err != nil:
		return "", unavailable("send code", err)
	case out.ChallengeName != types.ChallengeNameTypeEmailOtp || out.Session == nil:
		return "", dpcoop.Errorf("send code", "cognito answered with challenge %q, not EMAIL_OTP", out.ChallengeName)
	}
	return *out.Session, nil
}

// Verify answers the challenge with the code. On success it reads who the
// person is from the ID token Cognito returned over TLS to this call. The
// refresh token is the session's grant where passkeys need it, and revoked
// at once where they do not: the pages keep their own session.
func (s *SignIn) Verify(ctx context.Context, email, challenge, code string) ([]dpcoop.Identity, string, error) {
	if challenge == "" {
		return nil, "", dpcoop.WrongCode()
	}
	out, err := s.client.RespondToAuthChallenge(ctx, &cip.RespondToAuthChallengeInput{
		ClientId:      aws.String(s.app),
		ChallengeName: types.ChallengeNameTypeEmailOtp,
		Session:       aws.String(challenge),
		ChallengeResponses: map[string]string{
			"USERNAME":       strings.ToLower(strings.TrimSpace(email)),
			"EMAIL_OTP_CODE": code,
		},
	})
	var mismatch *types.CodeMismatchException
	var expired *types.ExpiredCodeException
	var notAuthorized *types.NotAuthorizedException
	var missing *types.UserNotFoundException
	switch {
	case errors.As(err, &mismatch) || errors.As(err, &expired) || errors.As(err, &notAuthorized) || errors.As(err, &missing):
		return nil, "", dpcoop.WrongCode()
	case err != nil:
		return nil, "", unavailable("verify code", err)
	case out.AuthenticationResult == nil || out.AuthenticationResult.IdToken == nil:
		return nil, "", dpcoop.WrongCode() // another challenge: not signed in
	}
	id, err := identityOf(*out.AuthenticationResult.IdToken)
	if err != nil {
		return nil, "", err
	}
	rt := out.AuthenticationResult.RefreshToken
	if s.grants {
		return []dpcoop.Identity{id}, aws.ToString(rt), nil
	}
	if rt != nil {
		if _, err := s.client.RevokeToken(ctx, &cip.RevokeTokenInput{ClientId: aws.String(s.app), Token: rt}); err != nil {
			return nil, "", unavailable("revoke token", err)
		}
	}
	return []dpcoop.Identity{id}, "", nil
}

// identityOf reads the co-op, person, roles and language from an ID token's
// claims. The token came straight from Cognito over TLS in answer to our own
// call, so its signature need not be checked (OpenID Connect Core 3.1.3.7).
func identityOf(idToken string) (dpcoop.Identity, error) {
	const op = "read id token"
	parts := strings.Split(idToken, ".")
	if len(parts) != 3 {
		return dpcoop.Identity{}, dpcoop.Errorf(op, "not a JWT")
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return dpcoop.Identity{}, dpcoop.Wrap(op, err)
	}
	var c struct {
		Coop   string   `json:"custom:coop"`
		Person string   `json:"custom:person"`
		Sub    string   `json:"sub"`
		Groups []string `json:"cognito:groups"`
		Locale string   `json:"locale"`
	}
	if err := json.Unmarshal(payload, &c); err != nil {
		return dpcoop.Identity{}, dpcoop.Wrap(op, err)
	}
	id := dpcoop.Identity{Coop: dpcoop.CoopID(c.Coop), Person: c.Person}
	if id.Person == "" {
		id.Person = c.Sub
	}
	for _, g := range c.Groups {
		if r, ok := dpcoop.ParseRole(g); ok {
			id.Roles = append(id.Roles, r)
		}
	}
	slices.Sort(id.Roles)
	if l, ok := dpcoop.ParseLang(c.Locale); ok {
		id.Language = l
	}
	if id.Coop == "" || id.Person == "" {
		return dpcoop.Identity{}, dpcoop.Errorf(op, "no co-op or person in the token")
	}
	return id, nil
}

func unavailable(op string, err error) error {
	return &dpcoop.Error{Op: op, Kind: dpcoop.KindUnavailable, Code: dpcoop.CodeUnavailable, Err: err}
}
