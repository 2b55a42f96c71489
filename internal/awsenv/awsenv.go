// Package awsenv builds a Lambda function's dependencies from its
// environment (TABLE_NAME, USER_POOL_ID, SERVICE_ORIGINS,
// PAYROLL_STATE_MACHINE_ARN, DUE_QUEUE_URL) and starts it, so each functions/<name>/main.go
// is one line of wiring.
package awsenv

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/dpcoop/dpcoop/internal/apigw"
	"github.com/dpcoop/dpcoop/internal/app"
	"github.com/dpcoop/dpcoop/internal/cognito"
	"github.com/dpcoop/dpcoop/internal/daily"
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/duequeue"
	"github.com/dpcoop/dpcoop/internal/dynamo"
	"github.com/dpcoop/dpcoop/internal/email"
	"github.com/dpcoop/dpcoop/internal/filing"
	"github.com/dpcoop/dpcoop/internal/metrics"
	"github.com/dpcoop/dpcoop/internal/payrun"
	"github.com/dpcoop/dpcoop/internal/reminders"
	"github.com/dpcoop/dpcoop/internal/route"
	"github.com/dpcoop/dpcoop/internal/rti"
	"github.com/dpcoop/dpcoop/internal/secrets"
	"github.com/dpcoop/dpcoop/internal/stepfunctions"
	"github.com/dpcoop/dpcoop/internal/turnstile"
)

// Logger is the JSON logger every function writes to CloudWatch with.
func Logger() *slog.Logger {
	level := slog.LevelInfo
	if strings.EqualFold(os.Getenv("LOG_LEVEL"), "debug") {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: level})).
		With(slog.String("function", os.Getenv("AWS_LAMBDA_FUNCTION_NAME")))
}

// setup is what every function starts with: the JSON logger, the AWS
// configuration and the store. Nothing here calls the network: the SDK
// resolves credentials on first use.
func setup() (*slog.Logger, aws.Config, *dynamo.Store) {
	log := Logger()
	slog.SetDefault(log)
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Error("load aws config", slog.String("error", err.Error()))
		os.Exit(1)
	}
	return log, cfg, dynamo.New(dynamodb.NewFromConfig(cfg), os.Getenv("TABLE_NAME"))
}

// ServePayrollTasks starts the function the payroll state machine's Task
// states invoke.
func ServePayrollTasks() {
	log, cfg, store := setup()
	filer, err := hmrcFiler(cfg, store)
	if err != nil {
		log.Error("hmrc filing", slog.String("error", err.Error()))
		os.Exit(1)
	}
	lambda.Start((&payrun.Runner{Store: store, Pools: store, Now: time.Now, Metrics: metrics.New(os.Stdout, os.Getenv("STAGE")), Filer: filer}).Handle)
}

// hmrcFiler files with HMRC's service of the stage (HMRC_SERVICE), as
// dpcoop's vendor (HMRC_VENDOR_ID), with credentials from Secrets Manager
// (HMRC_SECRETS_PREFIX).
func hmrcFiler(cfg aws.Config, store *dynamo.Store) (*filing.Filer, error) {
	service, err := rti.ServiceNamed(os.Getenv("HMRC_SERVICE"))
	if err != nil {
		return nil, err
	}
	return &filing.Filer{
		Store: store, Service: service,
		Vault:   secrets.Vault{Client: secretsmanager.NewFromConfig(cfg), Prefix: os.Getenv("HMRC_SECRETS_PREFIX")},
		Channel: rti.Channel{VendorID: os.Getenv("HMRC_VENDOR_ID"), Product: rti.Product, Version: rti.ProductVersion},
		HTTP:    &http.Client{Timeout: 60 * time.Second},
	}, nil
}

// ServeDispatch starts the function the daily schedule invokes: it queues
// every co-op, one message each, for ServePayrollStart. It reads no run and
// tells no reminder itself.
func ServeDispatch() {
	log, cfg, store := setup()
	queue := duequeue.New(sqs.NewFromConfig(cfg), os.Getenv("DUE_QUEUE_URL"))
	lambda.Start(func(ctx context.Context, ev payrun.ScheduleEvent) (map[string]int, error) {
		if ev.Task != "payroll-dispatch" {
			return nil, fmt.Errorf("dispatch: unexpected event %+v", ev)
		}
		queued, err := payrun.Fanout(ctx, store, queue.Send)
		log.InfoContext(ctx, "daily dispatch", slog.Int("queued", queued))
		return map[string]int{"queued": queued}, err
	})
}

// ServePayrollStart starts the function the due co-ops' queue invokes: it
// does each co-op's daily work (internal/daily: its due runs started, its
// reminders emailed from NOTICE_SENDER; without one none are sent), and
// answers which messages failed, so only those are delivered again (and,
// after the queue's retries, dead-lettered).
func ServePayrollStart() {
	log, cfg, store := setup()
	outside := app.Outside{Log: log}
	if from := os.Getenv("NOTICE_SENDER"); from != "" {
		outside.Notices = email.New(sesv2.NewFromConfig(cfg), from, log)
	}
	work := daily.Work{
		Runs: store, Starter: stepfunctions.New(sfn.NewFromConfig(cfg), os.Getenv("PAYROLL_STATE_MACHINE_ARN")),
		Reminders: &reminders.Job{Store: store, Services: app.New(store, outside), Mail: outside.Notices},
	}
	rec := metrics.New(os.Stdout, os.Getenv("STAGE"))
	lambda.Start(func(ctx context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
		var day daily.Done
		out := duequeue.Consume(ctx, ev, log, func(ctx context.Context, id dpcoop.CoopID) error {
			c, err := store.Coop(ctx, id)
			if err != nil {
				return err
			}
			done, err := work.Coop(ctx, c, time.Now())
			day.Add(done)
			return err
		})
		rec.Count(metrics.RunsOverdue, int64(day.Overdue))
		log.InfoContext(ctx, "daily work", slog.Int("coops", len(ev.Records)), slog.Int("started", len(day.Started)),
			slog.Int("overdue", day.Overdue), slog.Int("emails", day.Emails), slog.Int("failed", len(out.BatchItemFailures)))
		return out, nil
	})
}

// ServeHTTP starts the Lambda function fn serving its API routes.
func ServeHTTP(fn route.Function) {
	log, cfg, store := setup()
	d := deps(log, cfg, store)
	if fn == route.HMRCCredentials {
		// The one function that may write the co-ops' credentials.
		d.Services.Filing.Credentials = secrets.Vault{Client: secretsmanager.NewFromConfig(cfg), Prefix: os.Getenv("HMRC_SECRETS_PREFIX")}
	}
	lambda.Start(apigw.New(fn, d).Handle)
}

// deps are every HTTP function's dependencies, from the environment. Clients
// for services a function may not use are built but never called.
func deps(log *slog.Logger, cfg aws.Config, store *dynamo.Store) apigw.Deps {
	var origins []string
	for _, o := range strings.Split(os.Getenv("SERVICE_ORIGINS"), ",") {
		if o = strings.TrimSpace(o); o != "" {
			origins = append(origins, o)
		}
	}
	outside := app.Outside{
		Identities: cognito.New(cip.NewFromConfig(cfg), os.Getenv("USER_POOL_ID")),
		Starter:    stepfunctions.New(sfn.NewFromConfig(cfg), os.Getenv("PAYROLL_STATE_MACHINE_ARN")),
		HumanCheck: turnstile.New(turnstile.SiteVerify),
		Log:        log,
	}
	if from := os.Getenv("NOTICE_SENDER"); from != "" {
		outside.Notices = email.New(sesv2.NewFromConfig(cfg), from, log)
	}
	return apigw.Deps{
		Services: app.New(store, outside), Store: store, Limiter: store, Keys: store,
		Metrics: metrics.New(os.Stdout, os.Getenv("STAGE")), Log: log, ServiceOrigins: origins,
		Identities: outside.Identities,
	}
}
