package awsenv

import (
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/dpcoop/dpcoop/internal/metrics"
	"github.com/dpcoop/dpcoop/internal/retention"
)

// ServeRetention starts the function the weekly retention schedule invokes:
// it deletes the payslips past their retention, and nothing else.
func ServeRetention() {
	log, _, store := setup()
	job := &retention.Job{Store: store, Now: time.Now, Log: log, Metrics: metrics.New(os.Stdout, os.Getenv("STAGE"))}
	lambda.Start(job.Handle)
}
