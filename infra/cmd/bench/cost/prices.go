package cost

// Prices as AWS lists them, looked up on 7 December 2026 (Cognito, backups,
// CloudWatch, SQS, SES) and 23 November 2026 (the rest). London
// (eu-west-2) where a London figure was found, US East otherwise: London
// prices are the same or up to about a quarter higher, as the sources say.
const (
	srcCognito   = "[aws.amazon.com/cognito/pricing](https://aws.amazon.com/cognito/pricing/), read through its transcription of 20 Sep 2026 ([api-evangelist/amazon-cognito](https://raw.githubusercontent.com/api-evangelist/amazon-cognito/refs/heads/main/plans/amazon-cognito-plans-pricing.yml)); the plans are described in [the developer guide](https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html). Worked examples on the page, US East"
	srcLambda    = "[aws.amazon.com/lambda/pricing](https://aws.amazon.com/lambda/pricing/), Arm first tier; US East, London assumed the same"
	srcAPI       = "[AWS whitepaper, API Gateway cost optimisation](https://docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html), HTTP API, US East, first 300 M"
	srcDynamo    = "London on-demand $1.4135/M WRU, $0.283/M RRU, $0.283/GB-month ([engineering-ed7.pages.dev](https://engineering-ed7.pages.dev/docs/architecture/aws/services/dynamodb)), throughput halved from 1 Nov 2024 ([airbyte.com](https://airbyte.com/data-engineering-resources/dynamodb-pricing)); 25 GB stored free"
	srcBackup    = "PITR $0.20/GB-month of table, on-demand backups $0.10/GB-month each ([finops.com.py](https://finops.com.py/services/dynamodb/backups), from AWS's DynamoDB pricing; billing as in [AWS's guide](https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/backup-restore-billing.html)); US East"
	srcSFN       = "[aws.amazon.com/step-functions/pricing](https://aws.amazon.com/step-functions/pricing/), Standard, Europe (London) $0.0250 per 1,000; 4,000 free"
	srcSQS       = "$0.40/M standard requests, 1 M free each month, every 64 KB of a message one request ([unanswered.io](https://unanswered.io/guide/aws-sqs-pricing-and-cost-optimization), [cloudburn.io](https://cloudburn.io/blog/amazon-sqs-pricing), from AWS's SQS pricing); US East"
	srcLogs      = "$0.50/GB ingested ([factualminds.com](https://www.factualminds.com/blog/amazon-cloudwatch-pricing-metrics-logs-alarms-dashboards/)), 5 GB free ([aws.amazon.com/cloudwatch/pricing](https://aws.amazon.com/cloudwatch/pricing/)); storage $0.03/GB-month (AWS's CloudWatch pricing, not confirmed in a source read here); US East"
	srcAlarms    = "$0.10 per standard alarm metric a month, 10 free ([aws.amazon.com/cloudwatch/pricing](https://aws.amazon.com/cloudwatch/pricing/) free tier; price from [factualminds.com](https://www.factualminds.com/blog/amazon-cloudwatch-pricing-metrics-logs-alarms-dashboards/)); custom metrics $0.30 each a month, 10 free ([signoz.io](https://signoz.io/guides/cloudwatch-pricing)); US East"
	srcXRay      = "$5.00 per million traces recorded, 100,000 free (AWS's X-Ray pricing; not confirmed in a source read here)"
	srcScheduler = "EventBridge Scheduler $1.00 per million invocations, 14 M free (AWS's pricing; not confirmed in a source read here)"
	srcSecrets   = "$0.40 per secret a month (AWS's Secrets Manager pricing; not confirmed in a source read here): the stack keeps no secret there"
	srcSES       = "$0.10 per 1,000 emails ([cloudcostkit.com](https://cloudcostkit.com/guides/aws-ses-pricing))"
	srcTransfer  = "$0.09/GB out to the internet after 100 GB free a month ([unanswered.io](https://unanswered.io/guide/aws-sqs-pricing-and-cost-optimization), from AWS's data transfer pricing)"
)

// The stack's billed items.
var (
	CognitoLite       = Item{Name: "Cognito, Lite plan", Unit: "MAU", Price: 5_500_000_000, Free: 10_000 * Milli, Source: srcCognito + "; $0.0055 from 10,001 to 100,000 MAU"}
	CognitoEssentials = Item{Name: "Cognito, Essentials plan", Unit: "MAU", Price: 15_000_000_000, Free: 10_000 * Milli, Source: srcCognito}
	CognitoPlus       = Item{Name: "Cognito, Plus plan", Unit: "MAU", Price: 20_000_000_000, Source: srcCognito + "; no free tier"}
	LambdaRequests    = Item{Name: "Lambda requests", Unit: "request", Price: 200_000, Source: srcLambda}
	LambdaDuration    = Item{Name: "Lambda duration, Arm", Unit: "GB-second", Price: 13_333_400, Source: srcLambda}
	HTTPAPI           = Item{Name: "API Gateway HTTP API", Unit: "request", Price: 1_000_000, Source: srcAPI}
	DynamoWrites      = Item{Name: "DynamoDB writes, on-demand", Unit: "WRU", Price: 706_750, Source: srcDynamo}
	DynamoReads       = Item{Name: "DynamoDB reads, on-demand", Unit: "RRU", Price: 141_500, Source: srcDynamo}
	DynamoStorage     = Item{Name: "DynamoDB storage", Unit: "GB-month", Price: 283_000_000_000, Free: 25 * Milli, Source: srcDynamo}
	PITR              = Item{Name: "DynamoDB point-in-time recovery", Unit: "GB-month", Price: 200_000_000_000, Source: srcBackup}
	Backups           = Item{Name: "AWS Backup of the table", Unit: "GB-month", Price: 100_000_000_000, Source: srcBackup}
	Transitions       = Item{Name: "Step Functions transitions", Unit: "transition", Price: 25_000_000, Free: 4_000 * Milli, Source: srcSFN}
	SQSRequests       = Item{Name: "SQS requests", Unit: "request", Price: 400_000, Free: 1_000_000 * Milli, Source: srcSQS}
	Schedules         = Item{Name: "EventBridge Scheduler", Unit: "invocation", Price: 1_000_000, Free: 14_000_000 * Milli, Source: srcScheduler}
	LogIngestion      = Item{Name: "CloudWatch Logs ingestion", Unit: "GB", Price: 500_000_000_000, Free: 5 * Milli, Source: srcLogs}
	LogStorage        = Item{Name: "CloudWatch Logs storage", Unit: "GB-month", Price: 30_000_000_000, Source: srcLogs}
	XRay              = Item{Name: "X-Ray traces", Unit: "trace", Price: 5_000_000, Free: 100_000 * Milli, Source: srcXRay}
	Alarms            = Item{Name: "CloudWatch alarms", Unit: "alarm metric", Price: 100_000_000_000, Free: 10 * Milli, Source: srcAlarms}
	Metrics           = Item{Name: "CloudWatch custom metrics", Unit: "metric", Price: 300_000_000_000, Free: 10 * Milli, Source: srcAlarms}
	Secrets           = Item{Name: "Secrets Manager", Unit: "secret", Price: 400_000_000_000, Source: srcSecrets}
	Emails            = Item{Name: "SES email", Unit: "email", Price: 100_000_000, Source: srcSES}
	TransferOut       = Item{Name: "Data transfer out", Unit: "GB", Price: 90_000_000_000, Free: 100 * Milli, Source: srcTransfer}
)
