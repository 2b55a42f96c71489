package payslips

import (
	"errors"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// RunReports name a final run's reports, in the order the pages offer them:
// the payroll journal, the pension contribution schedule, the bank payments
// list, the FPS figures (JSON, for the co-op's filing software or bureau)
// and the contribution schedule in NEST's format.
var RunReports = []string{"journal", "pensions", "bank", "fps", "nest"}

// RunReport is one of a final run's reports, in l first where it has words.
// The JSON API and the pages both give it from here, so the two never
// differ. A bank list with a PA owed pay but without bank details, or a
// NEST schedule before the co-op's NEST references are set, is a conflict.
func RunReport(kind string, c dpcoop.Coop, run dpcoop.Run, slips []dpcoop.Payslip, pas map[string]dpcoop.PA, l dpcoop.Lang) ([]byte, error) {
	const op = "run report"
	er := EmployerFromCoop(c)
	rows := make([]Row, 0, len(slips))
	for _, s := range slips {
		slip, err := SlipFromRecord(s)
		if err != nil {
			return nil, dpcoop.Wrap(op, err)
		}
		rows = append(rows, Row{Employee: EmployeeFromPA(pas[s.PA], s), Slip: slip})
	}
	var body []byte
	var err error
	switch kind {
	case "journal":
		body = Journal(er, rows, l)
	case "pensions":
		body, err = PensionSchedule(er, rows, l)
	case "bank":
		body, err = BankPayments(rows, l)
	case "fps":
		body, err = FPS(er, run.Month, run.PayDate.Time(), rows)
	case "nest":
		body, err = nestSchedule(c, run.Month, run.PayDate.Time(), rows)
	default:
		return nil, dpcoop.E(op, dpcoop.KindNotFound, dpcoop.CodeNotFound)
	}
	var missing *MissingBankError
	if errors.As(err, &missing) {
		return nil, &dpcoop.Error{Op: op, Kind: dpcoop.KindConflict, Code: dpcoop.CodeBankMissing, Err: err}
	}
	return body, dpcoop.Wrap(op, err)
}

// nestSchedule is a final run's contribution schedule in NEST's format,
// from the co-op's NEST references (a conflict until they are set).
func nestSchedule(c dpcoop.Coop, month string, payDate time.Time, rows []Row) ([]byte, error) {
	s := c.PayrollSettings()
	if s.NestEmployerReference == "" || s.NestPaymentSource == "" {
		return nil, dpcoop.E("nest schedule", dpcoop.KindConflict, dpcoop.CodeNestNotSetUp)
	}
	m, _ := time.Parse(dpcoop.MonthLayout, month) // a run's month
	return NESTSchedule(NEST{EmployerReference: s.NestEmployerReference, PaymentSource: s.NestPaymentSource}, m, payDate, rows)
}
