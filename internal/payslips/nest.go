package payslips

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"time"

	"github.com/dpcoop/dpcoop/internal/payroll"
	"github.com/dpcoop/dpcoop/internal/sheet"
)

// NEST is what NEST's contribution schedule header needs from the co-op.
type NEST struct {
	EmployerReference string // "EMP" and nine digits
	PaymentSource     string // exactly as named in the co-op's NEST account
}

// NEST's reason for partial or non-payment of contributions: the member
// earned too little in the period for a contribution.
const nestInsufficientEarnings = "5"

// NESTSchedule is a final run's contribution schedule in NEST's CSV file
// format (docs/pensions.md lists the fields and the sources followed): a
// header record (H), one detail record (D) per PA who is a member this
// month, and a trailer (T) with the count. It is data for NEST, so its
// codes and dates are NEST's, in neither language; the generic bilingual
// schedule is PensionSchedule.
func NESTSchedule(n NEST, month, payDate time.Time, rows []Row) ([]byte, error) {
	if err := checkRun(rows); err != nil {
		return nil, err
	}
	var details [][]string
	for _, r := range rows {
		if r.Employee.PensionStatus != payroll.PensionEnrolled {
			continue
		}
		res, ni, alt := r.Slip.Result, niNumber(r.Employee.NINumber), ""
		if ni == "" {
			alt = r.Employee.ID
		}
		reason := ""
		if res.Pension.QualifyingEarnings == 0 {
			reason = nestInsufficientEarnings
		}
		details = append(details, []string{"D", ni, alt, sheet.Pounds(res.Pension.QualifyingEarnings), sheet.Pounds(res.Pension.Employer),
			sheet.Pounds(res.Pension.EmployeeDeduction), "", "", reason})
	}
	start := time.Date(month.Year(), month.Month(), 1, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(0, 1, -1)
	// A file for NEST's upload, not a person's spreadsheet: no byte order
	// mark, plain CSV as NEST's file specification has it.
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	_ = w.Write([]string{"H", n.EmployerReference, "CS", end.Format("2006-01-02"), n.PaymentSource, payDate.Format("2006-01-02"),
		"Monthly", "", "", start.Format("2006-01-02"), strconv.Itoa(len(details))}) // writes to a bytes.Buffer cannot fail
	_ = w.WriteAll(append(details, []string{"T", strconv.Itoa(len(details))}))
	return buf.Bytes(), nil
}
