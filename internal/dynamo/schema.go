// Package dynamo keeps the service's data in one DynamoDB table: the schema
// the stack deploys and the local stack creates, the keys, and the store.
package dynamo

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Attribute names of the table's keys and of the item expiry.
const (
	PK      = "PK"
	SK      = "SK"
	GSI1    = "GSI1"
	GSI1PK  = "GSI1PK"
	GSI1SK  = "GSI1SK"
	GSI2    = "GSI2"
	GSI2PK  = "GSI2PK"
	GSI2SK  = "GSI2SK"
	Expires = "expires" // TTL attribute: epoch seconds
)

// Index describes one global secondary index (all attributes projected).
type Index struct {
	Name, PartitionKey, SortKey string
}

// Indexes are the table's two generic GSIs.
var Indexes = []Index{{GSI1, GSI1PK, GSI1SK}, {GSI2, GSI2PK, GSI2SK}}

// CreateTableInput is the table as the local stack and tests create it; the
// CDK stack declares the same keys and indexes from the names above.
func CreateTableInput(name string) *dynamodb.CreateTableInput {
	in := &dynamodb.CreateTableInput{
		TableName:   aws.String(name),
		BillingMode: types.BillingModePayPerRequest,
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String(PK), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String(SK), KeyType: types.KeyTypeRange},
		},
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String(PK), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String(SK), AttributeType: types.ScalarAttributeTypeS},
		},
	}
	for _, ix := range Indexes {
		in.AttributeDefinitions = append(in.AttributeDefinitions,
			types.AttributeDefinition{AttributeName: aws.String(ix.PartitionKey), AttributeType: types.ScalarAttributeTypeS},
			types.AttributeDefinition{AttributeName: aws.String(ix.SortKey), AttributeType: types.ScalarAttributeTypeS})
		in.GlobalSecondaryIndexes = append(in.GlobalSecondaryIndexes, types.GlobalSecondaryIndex{
			IndexName: aws.String(ix.Name),
			KeySchema: []types.KeySchemaElement{
				{AttributeName: aws.String(ix.PartitionKey), KeyType: types.KeyTypeHash},
				{AttributeName: aws.String(ix.SortKey), KeyType: types.KeyTypeRange},
			},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		})
	}
	return in
}
