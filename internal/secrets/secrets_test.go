package secrets

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	sm "github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/rti"
)

// fakeSM behaves as Secrets Manager does for these calls: a secret must be
// created before a value is put, and reading a missing one is
// ResourceNotFoundException.
type fakeSM struct{ secrets map[string]string }

func (f *fakeSM) GetSecretValue(_ context.Context, in *sm.GetSecretValueInput, _ ...func(*sm.Options)) (*sm.GetSecretValueOutput, error) {
	v, ok := f.secrets[aws.ToString(in.SecretId)]
	if !ok {
		return nil, &types.ResourceNotFoundException{Message: aws.String("no such secret")}
	}
	return &sm.GetSecretValueOutput{SecretString: aws.String(v)}, nil
}

func (f *fakeSM) PutSecretValue(_ context.Context, in *sm.PutSecretValueInput, _ ...func(*sm.Options)) (*sm.PutSecretValueOutput, error) {
	if _, ok := f.secrets[aws.ToString(in.SecretId)]; !ok {
		return nil, &types.ResourceNotFoundException{Message: aws.String("no such secret")}
	}
	f.secrets[aws.ToString(in.SecretId)] = aws.ToString(in.SecretString)
	return &sm.PutSecretValueOutput{}, nil
}

func (f *fakeSM) CreateSecret(_ context.Context, in *sm.CreateSecretInput, _ ...func(*sm.Options)) (*sm.CreateSecretOutput, error) {
	f.secrets[aws.ToString(in.Name)] = aws.ToString(in.SecretString)
	return &sm.CreateSecretOutput{}, nil
}

func TestOneSecretPerCoopUnderTheStagePrefix(t *testing.T) {
	ctx := context.Background()
	f := &fakeSM{secrets: map[string]string{}}
	v := Vault{Client: f, Prefix: NamePrefix("prod")}
	if _, err := v.Credentials(ctx, "coop-a"); !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		t.Fatalf("none kept: %v", err)
	}
	for _, pw := range []string{"first-pw", "second-pw"} { // created, then replaced
		if err := v.SetCredentials(ctx, "coop-a", rti.Credentials{SenderID: "SENDER1", Password: pw}); err != nil {
			t.Fatal(err)
		}
		c, err := v.Credentials(ctx, "coop-a")
		if err != nil || c.SenderID != "SENDER1" || c.Password != pw {
			t.Fatalf("read back %v %v", c.SenderID, err)
		}
	}
	if len(f.secrets) != 1 || f.secrets["dpcoop/prod/hmrc/coop-a"] == "" {
		t.Fatalf("secrets %v", keys(f.secrets))
	}
	if _, err := v.Credentials(ctx, "coop-b"); !dpcoop.IsKind(err, dpcoop.KindNotFound) {
		t.Errorf("another co-op's: %v", err)
	}
}

func keys(m map[string]string) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return strings.Join(out, ",")
}
