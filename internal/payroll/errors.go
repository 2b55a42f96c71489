package payroll

import "fmt"

// ErrorCode is a stable identifier for a rejected input, so the API layer can
// map it to a field-level problem and render a message in Welsh or English.
type ErrorCode string

// The input error codes this package returns. They are part of the API:
// never rename one.
const (
	CodeInvalidTaxCode      ErrorCode = "invalid_tax_code"      // the tax code cannot be read
	CodeUnsupportedTaxCode  ErrorCode = "unsupported_tax_code"  // readable, but no rate exists for it this year (e.g. D2 outside Scotland)
	CodeNoTaxYear           ErrorCode = "no_tax_year"           // no parameters are loaded for the date
	CodeInvalidFrequency    ErrorCode = "invalid_frequency"     // unknown pay frequency
	CodeInvalidPeriod       ErrorCode = "invalid_period"        // period number outside the tax year
	CodeInvalidNICategory   ErrorCode = "invalid_ni_category"   // unknown National Insurance category letter
	CodePensionBelowMinimum ErrorCode = "pension_below_minimum" // scheme contribution rates under the legal minimum
	CodeInvalidPension      ErrorCode = "invalid_pension"       // pension settings missing or contradictory
	CodeInvalidPayLine      ErrorCode = "invalid_pay_line"      // a shift line is malformed
	CodeInvalidHolidayMode  ErrorCode = "invalid_holiday_mode"  // holiday mode is neither accrued nor rolled up
	CodeInvalidAmount       ErrorCode = "invalid_amount"        // a money, mileage or time amount is negative or missing
	CodeInvalidDate         ErrorCode = "invalid_date"          // a required date is missing or impossible
	CodeInvalidSickness     ErrorCode = "invalid_sickness"      // statutory sick pay input is inconsistent
	CodeInvalidParentalPay  ErrorCode = "invalid_parental_pay"  // a week of SMP or SPP is inconsistent
	CodeInvalidLoan         ErrorCode = "invalid_loan"          // an unknown loan plan, or two undergraduate plans at once
	CodeNoLoanThreshold     ErrorCode = "no_loan_threshold"     // years.json has no threshold for the plan in the pay date's tax year
	CodeFigureNotPublished  ErrorCode = "figure_not_published"  // the payment needs a figure of its tax year that is not published yet; Figure names it
)

// InputError reports an input the engine refuses to calculate with. Field
// names the input field (as in the Go struct), Code is stable, and Detail is
// an English explanation for logs and developers, not for end users. Figure
// names the missing figure (e.g. "scottish_bands_2027_28") when Code is
// CodeFigureNotPublished.
type InputError struct {
	Field  string
	Code   ErrorCode
	Detail string
	Figure string
}

// Error implements error.
func (e *InputError) Error() string {
	return fmt.Sprintf("payroll: %s: %s (%s)", e.Field, e.Detail, e.Code)
}

func inputError(field string, code ErrorCode, detail string) error {
	return &InputError{Field: field, Code: code, Detail: detail}
}
