package dpcoop

import (
	"context"
	"time"
)

// LeavingStep is one thing a person's leaving ends outside their own
// record (a member ceasing: their match preferences, buddying, answers and
// calendar feed; a PA leaving: their match profile and offers), so that
// nothing they shared stays live once they have gone (UK GDPR art.
// 5(1)(c),(e); docs/leaving.md). The service that records the leaving runs
// every step after it, and again when the leaving is retried, so each step
// must be idempotent. Step names it in the audit trail, without personal
// data.
type LeavingStep struct {
	Step string
	Do   func(ctx context.Context, p Principal, person string, now time.Time) error
}
