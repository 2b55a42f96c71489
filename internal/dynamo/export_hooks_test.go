package dynamo

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// SetExportPageLimit makes every export read pages of at most n items, so
// tests in dynamo_test prove that an export follows pages; it returns the
// function that puts the default back.
func SetExportPageLimit(n int32) (restore func()) {
	old := exportPageLimit
	exportPageLimit = n
	return func() { exportPageLimit = old }
}

// PutLegacyEntry writes an entry as the ledger did before it kept months:
// the entry's item alone, so tests can prove an old ledger is carried
// forward.
func (s *Store) PutLegacyEntry(ctx context.Context, coop dpcoop.CoopID, e dpcoop.Entry) error {
	item, err := marshal("put legacy entry", newEntryItem(coop, e))
	if err != nil {
		return err
	}
	_, err = s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item})
	return err
}
