package dpcoop

import (
	"context"
	"time"
)

// AuditEntry records who did what: every change made through the API, and
// every read of special category or sensitive data (support needs, NI
// numbers, bank details). It names the records touched, never their content:
// a secret ballot's entry says a vote was cast, not how.
type AuditEntry struct {
	ID     string            `json:"id"`
	At     time.Time         `json:"at"`
	Person string            `json:"person"`
	Roles  []Role            `json:"roles"`
	Action string            `json:"action"`
	Target map[string]string `json:"target,omitempty"`
	Status int               `json:"status"`
	Read   bool              `json:"sensitive_read,omitempty"`
}

// Audit keeps the audit trail, readable by the co-op's admins.
type Audit interface {
	// Record adds an entry to the co-op's trail.
	Record(ctx context.Context, coop CoopID, e AuditEntry) error
	// AuditTrail lists a month's entries, oldest first, a page at a time.
	AuditTrail(ctx context.Context, coop CoopID, month string, page PageRequest) (Page[AuditEntry], error)
}
