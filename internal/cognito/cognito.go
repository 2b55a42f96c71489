// Package cognito creates sign-in identities in an Amazon Cognito user pool,
// with the co-op, person and role claims the handlers read from tokens.
package cognito

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Client is the part of the Cognito API this package uses.
type Client interface {
	AdminCreateUser(context.Context, *cip.AdminCreateUserInput, ...func(*cip.Options)) (*cip.AdminCreateUserOutput, error)
	AdminAddUserToGroup(context.Context, *cip.AdminAddUserToGroupInput, ...func(*cip.Options)) (*cip.AdminAddUserToGroupOutput, error)
	AdminRemoveUserFromGroup(context.Context, *cip.AdminRemoveUserFromGroupInput, ...func(*cip.Options)) (*cip.AdminRemoveUserFromGroupOutput, error)
	AdminDisableUser(context.Context, *cip.AdminDisableUserInput, ...func(*cip.Options)) (*cip.AdminDisableUserOutput, error)
	AdminEnableUser(context.Context, *cip.AdminEnableUserInput, ...func(*cip.Options)) (*cip.AdminEnableUserOutput, error)
	AdminUserGlobalSignOut(context.Context, *cip.AdminUserGlobalSignOutInput, ...func(*cip.Options)) (*cip.AdminUserGlobalSignOutOutput, error)
	AdminUpdateUserAttributes(context.Context, *cip.AdminUpdateUserAttributesInput, ...func(*cip.Options)) (*cip.AdminUpdateUserAttributesOutput, error)
}

// Identities invites people to a user pool. The username is the person's id,
// so inviting the same person again finds the same user.
type Identities struct {
	client Client
	pool   string
}

// New returns Identities for the user pool with the given id.
func New(c Client, pool string) *Identities { return &Identities{client: c, pool: pool} }

var _ dpcoop.Identities = (*Identities)(nil)

// Invite creates the user (Cognito emails the bilingual invitation) and adds
// them to their role's group; a user that already exists is not an error.
func (i *Identities) Invite(ctx context.Context, p dpcoop.Person) error {
	const op = "invite"
	_, err := i.client.AdminCreateUser(ctx, &cip.AdminCreateUserInput{
		UserPoolId: aws.String(i.pool),
		Username:   aws.String(p.ID),
		UserAttributes: []types.AttributeType{
			{Name: aws.String("email"), Value: aws.String(p.Email)},
			{Name: aws.String("email_verified"), Value: aws.String("true")},
			{Name: aws.String("locale"), Value: aws.String(string(p.Language))},
			{Name: aws.String("custom:coop"), Value: aws.String(string(p.Coop))},
			{Name: aws.String("custom:person"), Value: aws.String(p.ID)},
		},
		DesiredDeliveryMediums: []types.DeliveryMediumType{types.DeliveryMediumTypeEmail},
	})
	var exists *types.UsernameExistsException
	if err != nil && !errors.As(err, &exists) {
		return &dpcoop.Error{Op: op, Kind: dpcoop.KindUnavailable, Code: dpcoop.CodeUnavailable, Err: err}
	}
	_, err = i.client.AdminAddUserToGroup(ctx, &cip.AdminAddUserToGroupInput{
		UserPoolId: aws.String(i.pool), Username: aws.String(p.ID), GroupName: aws.String(string(p.Role)),
	})
	if err != nil {
		return &dpcoop.Error{Op: op, Kind: dpcoop.KindUnavailable, Code: dpcoop.CodeUnavailable, Err: err}
	}
	return nil
}

// RemoveRole takes the user out of their role's group, so their next token
// no longer carries the role (the access record stops the current one at
// once). A user that does not exist holds no role.
func (i *Identities) RemoveRole(ctx context.Context, p dpcoop.Person) error {
	var missing *types.UserNotFoundException
	_, err := i.client.AdminRemoveUserFromGroup(ctx, &cip.AdminRemoveUserFromGroupInput{
		UserPoolId: aws.String(i.pool), Username: aws.String(p.ID), GroupName: aws.String(string(p.Role)),
	})
	if err != nil && !errors.As(err, &missing) {
		return &dpcoop.Error{Op: "remove role", Kind: dpcoop.KindUnavailable, Code: dpcoop.CodeUnavailable, Err: err}
	}
	return nil
}

// Revoke disables the user, so they cannot sign in again, and signs them out
// everywhere, so no refresh token gets them a new ID token. A token already
// issued lasts until it expires: the API refuses it by the person's access
// record. A user that does not exist has nothing to revoke.
func (i *Identities) Revoke(ctx context.Context, p dpcoop.Person) error {
	const op = "revoke"
	var missing *types.UserNotFoundException
	_, err := i.client.AdminDisableUser(ctx, &cip.AdminDisableUserInput{UserPoolId: aws.String(i.pool), Username: aws.String(p.ID)})
	if errors.As(err, &missing) {
		return nil
	}
	if err == nil {
		_, err = i.client.AdminUserGlobalSignOut(ctx, &cip.AdminUserGlobalSignOutInput{UserPoolId: aws.String(i.pool), Username: aws.String(p.ID)})
	}
	if err != nil && !errors.As(err, &missing) {
		return &dpcoop.Error{Op: op, Kind: dpcoop.KindUnavailable, Code: dpcoop.CodeUnavailable, Err: err}
	}
	return nil
}

// Reinstate enables a user an admin revoked, so they can sign in again
// (their groups were kept). A user that does not exist has nothing to
// enable: they sign in once invited.
func (i *Identities) Reinstate(ctx context.Context, p dpcoop.Person) error {
	var missing *types.UserNotFoundException
	_, err := i.client.AdminEnableUser(ctx, &cip.AdminEnableUserInput{UserPoolId: aws.String(i.pool), Username: aws.String(p.ID)})
	if err != nil && !errors.As(err, &missing) {
		return &dpcoop.Error{Op: "reinstate", Kind: dpcoop.KindUnavailable, Code: dpcoop.CodeUnavailable, Err: err}
	}
	return nil
}

// Update sets the user's email (verified: the co-op's admin vouches for it,
// as at the invitation) and locale, which the bilingual sign-in emails
// follow. A user that does not exist has nothing to update; an email
// another user has is refused.
func (i *Identities) Update(ctx context.Context, was, now dpcoop.Person) error {
	var missing *types.UserNotFoundException
	var taken *types.AliasExistsException
	_, err := i.client.AdminUpdateUserAttributes(ctx, &cip.AdminUpdateUserAttributesInput{
		UserPoolId: aws.String(i.pool), Username: aws.String(now.ID),
		UserAttributes: []types.AttributeType{
			{Name: aws.String("email"), Value: aws.String(now.Email)},
			{Name: aws.String("email_verified"), Value: aws.String("true")},
			{Name: aws.String("locale"), Value: aws.String(string(now.Language))},
		},
	})
	switch {
	case err == nil, errors.As(err, &missing):
		return nil
	case errors.As(err, &taken):
		return dpcoop.EmailInUse("update user")
	}
	return &dpcoop.Error{Op: "update user", Kind: dpcoop.KindUnavailable, Code: dpcoop.CodeUnavailable, Err: err}
}
