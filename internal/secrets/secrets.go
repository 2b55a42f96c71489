// Package secrets keeps each co-op's Government Gateway credentials in AWS
// Secrets Manager: one secret per co-op, named from a stage's prefix and
// the co-op's id, so IAM can scope who reads and who writes them by name.
// Nothing here logs or returns a password anywhere but to the caller.
package secrets

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	sm "github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/rti"
)

// Client is the part of the Secrets Manager API the vault uses.
type Client interface {
	GetSecretValue(ctx context.Context, in *sm.GetSecretValueInput, opts ...func(*sm.Options)) (*sm.GetSecretValueOutput, error)
	PutSecretValue(ctx context.Context, in *sm.PutSecretValueInput, opts ...func(*sm.Options)) (*sm.PutSecretValueOutput, error)
	CreateSecret(ctx context.Context, in *sm.CreateSecretInput, opts ...func(*sm.Options)) (*sm.CreateSecretOutput, error)
}

// Vault keeps credentials under Prefix + co-op id.
type Vault struct {
	Client Client
	// Prefix is the stage's name prefix, as Name gives it.
	Prefix string
}

// Name is the secret of a co-op's credentials: NamePrefix(stage) + its id.
func (v Vault) Name(coop dpcoop.CoopID) string { return v.Prefix + string(coop) }

// NamePrefix is where a stage's credentials are kept ("dpcoop/prod/hmrc/"):
// the stack grants read and write on this prefix only.
func NamePrefix(stage string) string { return "dpcoop/" + stage + "/hmrc/" }

type secret struct {
	SenderID string `json:"sender_id"`
	Password string `json:"password"`
}

// Credentials reads a co-op's credentials; KindNotFound when none are kept.
func (v Vault) Credentials(ctx context.Context, coop dpcoop.CoopID) (rti.Credentials, error) {
	const op = "read hmrc credentials"
	out, err := v.Client.GetSecretValue(ctx, &sm.GetSecretValueInput{SecretId: aws.String(v.Name(coop))})
	var missing *types.ResourceNotFoundException
	if errors.As(err, &missing) {
		return rti.Credentials{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	if err != nil {
		return rti.Credentials{}, &dpcoop.Error{Op: op, Kind: dpcoop.KindUnavailable, Code: dpcoop.CodeUnavailable, Err: err}
	}
	var s secret
	if err := json.Unmarshal([]byte(aws.ToString(out.SecretString)), &s); err != nil || s.SenderID == "" || s.Password == "" {
		return rti.Credentials{}, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	return rti.Credentials{SenderID: s.SenderID, Password: s.Password}, nil
}

// SetCredentials writes a co-op's credentials, creating its secret the
// first time.
func (v Vault) SetCredentials(ctx context.Context, coop dpcoop.CoopID, c rti.Credentials) error {
	const op = "write hmrc credentials"
	b, err := json.Marshal(secret{SenderID: c.SenderID, Password: c.Password})
	if err != nil {
		return dpcoop.Wrap(op, err)
	}
	_, err = v.Client.PutSecretValue(ctx, &sm.PutSecretValueInput{SecretId: aws.String(v.Name(coop)), SecretString: aws.String(string(b))})
	var missing *types.ResourceNotFoundException
	if errors.As(err, &missing) {
		_, err = v.Client.CreateSecret(ctx, &sm.CreateSecretInput{
			Name: aws.String(v.Name(coop)), SecretString: aws.String(string(b)),
			Description: aws.String("dpcoop: a co-op's Government Gateway credentials for filing PAYE with HMRC"),
		})
	}
	if err != nil {
		// The SDK's error names the secret and the operation, not its value.
		return &dpcoop.Error{Op: op, Kind: dpcoop.KindUnavailable, Code: dpcoop.CodeUnavailable, Err: err}
	}
	return nil
}
