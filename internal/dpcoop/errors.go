package dpcoop

import (
	"errors"
	"fmt"
	"time"
)

// Kind says what sort of failure an error is, so that the edge maps it to a
// status exactly once and the layers below never think in HTTP.
type Kind int

// The kinds of failure. KindInternal is the zero value: an error nobody
// classified is treated as ours, never blamed on the caller.
const (
	KindInternal        Kind = iota // a fault of ours; said outside as "internal error" only
	KindInvalid                     // the request was read but fields are wrong
	KindMalformed                   // the request could not be read at all
	KindUnauthenticated             // no valid identity
	KindForbidden                   // identity known, action not allowed
	KindNotFound                    // nothing there, or nothing this caller may know of
	KindConflict                    // the state does not allow it (already decided, taken slug)
	KindTooLarge                    // the body is over the limit
	KindUnsupported                 // a content type we do not read
	KindRateLimited                 // the client must slow down
	KindUnavailable                 // a dependency failed for now; retrying may work
)

// FieldError names one field that is wrong and why, with the values a message
// needs (for example "max"), so each language can say it plainly.
type FieldError struct {
	Field  string
	Code   string
	Params map[string]string
}

// Error is the one error type that crosses layers: an operation, a kind, a
// stable code people and programs can rely on, and the per-field list.
type Error struct {
	Op         string
	Kind       Kind
	Code       string
	Fields     []FieldError
	RetryAfter time.Duration
	Err        error
}

func (e *Error) Error() string {
	msg := e.Code
	if e.Op != "" {
		msg = e.Op + ": " + msg
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// E builds an Error; it exists so call sites stay one line long.
func E(op string, kind Kind, code string) *Error {
	return &Error{Op: op, Kind: kind, Code: code}
}

// Wrap marks an unexpected failure of a dependency with the operation it broke,
// once, at the place it happened.
func Wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var de *Error
	if errors.As(err, &de) {
		return err
	}
	return &Error{Op: op, Kind: KindInternal, Code: CodeInternal, Err: err}
}

// ErrorOf returns the domain error inside err, classifying anything else as
// internal, so the edge has a single thing to map.
func ErrorOf(err error) *Error {
	var de *Error
	if errors.As(err, &de) {
		return de
	}
	return &Error{Kind: KindInternal, Code: CodeInternal, Err: err}
}

// IsKind reports whether err is a domain error of the given kind.
func IsKind(err error, k Kind) bool {
	var de *Error
	return errors.As(err, &de) && de.Kind == k
}

// IsCode reports whether err is a domain error with the given code.
func IsCode(err error, code string) bool {
	var de *Error
	return errors.As(err, &de) && de.Code == code
}

// Stable error codes. Clients and the message catalogue key on these; never
// rename one.
const (
	CodeInternal            = "internal_error"
	CodeValidation          = "validation_failed"
	CodeMalformed           = "malformed_request"
	CodeUnauthenticated     = "unauthenticated"
	CodeForbidden           = "forbidden"
	CodeNotFound            = "not_found"
	CodeRouteNotFound       = "route_not_found"
	CodeSlugTaken           = "slug_taken"
	CodeAlreadyDecided      = "already_decided"
	CodeAlreadyCeased       = "already_ceased"
	CodeIdempotencyMismatch = "idempotency_key_reused"
	CodeReferenceTaken      = "reference_taken"
	CodeTooLarge            = "body_too_large"
	CodeUnsupportedMedia    = "unsupported_media_type"
	CodeRateLimited         = "rate_limited"
	CodeUnavailable         = "temporarily_unavailable"
	CodeRedirectNotAllowed  = "redirect_not_allowed"
	CodeNotAcceptable       = "not_acceptable"
	CodeMonthPaid           = "month_paid"
	CodeShiftState          = "shift_not_in_that_state"
	CodeRunState            = "run_not_in_that_state"
	CodeRunBlocked          = "run_has_blocking_problems"
	CodeNothingToRetry      = "no_failed_submission"
	CodeBankMissing         = "bank_details_missing"
	CodeChangedMeanwhile    = "changed_meanwhile"
	CodeEmploymentExists    = "employment_exists"
	CodeAlreadyLeft         = "already_left"
	CodeNotLeft             = "pa_has_not_left"
	CodeYearNotEnded        = "tax_year_not_ended"
	CodeLeftBeforeYearEnd   = "left_before_year_end"
	CodeMonthNotEnded       = "month_not_ended"
	CodeEarlierMonthUnpaid  = "earlier_month_unpaid"
	CodePreviewStale        = "preview_stale"
	CodeAccessEnded         = "access_ended"
	CodeLastAdmin           = "last_admin"
	CodeAccessRevoked       = "access_revoked"
	CodePersonLeft          = "person_left"
	CodeNoSSP1              = "no_ssp1_due"
	CodeNoSMP1              = "no_smp1_due"
	CodeFigureNotPublished  = "figure_not_published"
)

// Field error codes: why one field is wrong.
const (
	FieldRequired           = "required"
	FieldTooLong            = "too_long"
	FieldTooMany            = "too_many"
	FieldInvalid            = "invalid"
	FieldEmail              = "invalid_email"
	FieldEmailInUse         = "email_in_use"
	FieldSlug               = "invalid_slug"
	FieldOrigin             = "invalid_origin"
	FieldLanguage           = "invalid_language"
	FieldChoice             = "invalid_choice"
	FieldBoolean            = "invalid_boolean"
	FieldDate               = "invalid_date"
	FieldDateFuture         = "date_in_future"
	FieldDateBefore         = "date_before_entered"
	FieldDateTooEarly       = "date_too_early"
	FieldUnknown            = "unknown_field"
	FieldRepeated           = "repeated_field"
	FieldPhone              = "invalid_phone"
	FieldCursor             = "invalid_cursor"
	FieldNumber             = "invalid_number"
	FieldOutOfRange         = "out_of_range"
	FieldNotOnOrigins       = "not_on_origins"
	FieldType               = "invalid_type"
	FieldNINumber           = "invalid_ni_number"
	FieldTaxCode            = "invalid_tax_code"
	FieldOneOf              = "give_one_of"
	FieldEndBeforeStart     = "end_before_start"
	FieldPAIncomplete       = "pa_record_incomplete"
	FieldBeforePAStart      = "before_pa_start"
	FieldMemberCeased       = "member_ceased"
	FieldBelowMinimumWage   = "below_minimum_wage"
	FieldTooLongShift       = "shift_over_24_hours"
	FieldOverlap            = "overlaps_another_shift"
	FieldNotEmployed        = "not_employed_for_member"
	FieldNotMemberOnDate    = "member_not_member_on_date"
	FieldSplit              = "invalid_split"
	FieldTime               = "invalid_time"
	FieldMiles              = "invalid_miles"
	FieldPensionTotal       = "pension_below_minimum"
	FieldConsent            = "consent_required"
	FieldNotInPool          = "not_in_pool"
	FieldHumanCheck         = "human_check_failed"
	FieldOnlyWithP45        = "only_with_p45"
	FieldNeedsNotice        = "tax_code_needs_notice"
	FieldLoanNeedsNotice    = "loan_needs_notice"
	FieldLoanPlanNotice     = "loan_plan_not_for_notice"
	FieldOverlapsEmployment = "overlaps_employment"
	FieldOutsideEmployment  = "outside_employment"
	FieldShiftsChanged      = "shifts_changed"
	FieldRatesChanged       = "rates_changed"
	FieldTaxCodesChanged    = "tax_codes_changed"
	FieldPARecordsChanged   = "pa_records_changed"
	FieldSettingsChanged    = "settings_changed"
	FieldOneLine            = "not_one_line"
	FieldNoLetter           = "no_letter"
	FieldHidden             = "hidden_characters"
	FieldPAYEReference      = "invalid_paye_reference"
	FieldAORef              = "invalid_accounts_office_reference"
	FieldOverlapsAbsence    = "overlaps_another_absence"
	FieldSSPAlreadyPaid     = "ssp_already_paid"
	FieldRoleNotGranted     = "role_not_granted"
	// FieldEntryTooOld is money dated before EarliestEntryDate.
	FieldEntryTooOld         = "entry_too_old"
	FieldExpiryNotAfterStart = "expiry_not_after_start"
	FieldBelowLegalCover     = "below_legal_minimum_cover"
)

// Problems gathers field errors while a request is checked, so a person learns
// every wrong field at once rather than one per attempt.
type Problems struct {
	Fields []FieldError
}

// Add records that field is wrong for the reason code.
func (p *Problems) Add(field, code string, params ...string) {
	fe := FieldError{Field: field, Code: code}
	if len(params) > 0 {
		fe.Params = map[string]string{}
		for i := 0; i+1 < len(params); i += 2 {
			fe.Params[params[i]] = params[i+1]
		}
	}
	p.Fields = append(p.Fields, fe)
}

// Has reports whether field already has an error, so checks do not pile up.
func (p *Problems) Has(field string) bool {
	for _, f := range p.Fields {
		if f.Field == field {
			return true
		}
	}
	return false
}

// Err returns the gathered problems as one invalid-request error, or nil.
func (p *Problems) Err(op string) error {
	if len(p.Fields) == 0 {
		return nil
	}
	return &Error{Op: op, Kind: KindInvalid, Code: CodeValidation, Fields: p.Fields}
}

// Errorf is a convenience for internal errors with context.
func Errorf(op, format string, args ...any) error {
	return &Error{Op: op, Kind: KindInternal, Code: CodeInternal, Err: fmt.Errorf(format, args...)}
}
