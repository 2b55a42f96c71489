package dpcoop

import (
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/payroll"
)

// What the co-op owes as an employer once a month is final: the money the
// members paid into its payroll account is owed on, to each PA (their net
// pay), to HMRC (PAYE and NI), to the pension provider, and held back for
// holiday. The ledger keeps each as an account, so the co-op's own accounts
// show money out as well as in, and a council auditor can follow a member's
// payment from the council to the PA.
const (
	AccountHMRC             Account = "liability:hmrc"         // PAYE and NI due to HMRC
	AccountPension          Account = "liability:pension"      // contributions due to the pension provider
	AccountHolidayProvision Account = "coop:holiday_provision" // holiday earned and not yet taken
	AccountPaidOut          Account = "external:paid"          // money that has left the co-op's bank
	// AccountEmploymentAllowance holds the employer NI the members were
	// charged that the Employment Allowance means HMRC is not paid: the
	// co-op's board decides what to do with it.
	AccountEmploymentAllowance Account = "coop:employment_allowance"
)

// NetPayAccount is what the co-op owes a PA in net pay.
func NetPayAccount(pa string) Account { return account(OfLiability, "pa:"+pa) }

// Sources of the entries a final run posts beyond the members' charges, and
// of a liability paid.
const (
	SourceNetPay         Source = "net_pay_due"
	SourceHMRCDue        Source = "hmrc_due"
	SourcePensionDue     Source = "pension_due"
	SourceHolidayAccrual Source = "holiday_accrual"
	SourceHolidayPaid    Source = "holiday_paid" // leave paid out of the provision
	SourcePaymentOut     Source = "payment_out"
	SourceAllowance      Source = "employment_allowance"
)

// HMRCDue is a run's PAYE and NI due to HMRC: the figures of the P32 for the
// tax month of its pay date, and the day they must reach HMRC.
type HMRCDue struct {
	TaxYear    string `json:"tax_year"`
	TaxMonth   int    `json:"tax_month"`
	PAYE       int64  `json:"paye_pence"` // negative when refunds exceed tax
	EmployeeNI int64  `json:"employee_ni_pence"`
	EmployerNI int64  `json:"employer_ni_pence"`
	// EmploymentAllowance is taken off the employer NI (shown on the EPS).
	EmploymentAllowance int64 `json:"employment_allowance_pence"`
	Total               int64 `json:"total_pence"`
	DueDate             Date  `json:"due_date"`
}

// Liabilities are what a final run leaves the co-op owing.
type Liabilities struct {
	NetPay           int64   `json:"net_pay_pence"`
	HMRC             HMRCDue `json:"hmrc"`
	Pension          int64   `json:"pension_pence"` // the PAs' deductions and the co-op's contributions
	HolidayProvision int64   `json:"holiday_provision_pence"`
}

// RunLiabilities are the run's liabilities, from its totals.
func RunLiabilities(r Run) Liabilities {
	t := r.Totals
	due := HMRCDue{PAYE: t.Tax, EmployeeNI: t.EmployeeNI, EmployerNI: t.EmployerNI, EmploymentAllowance: t.EmploymentAllowance,
		Total: t.Tax + t.EmployeeNI + t.EmployerNI - t.EmploymentAllowance}
	if r.PayDate != "" {
		pay := r.PayDate.Time()
		if y, err := payroll.YearFor(pay); err == nil {
			due.TaxYear = y.Name
		}
		due.TaxMonth = payroll.TaxMonth(pay)
		due.DueDate = HMRCDueDate(r.PayDate)
	}
	return Liabilities{NetPay: t.Net, HMRC: due, Pension: t.EmployeePension + t.EmployerPension - t.PensionRefund, HolidayProvision: t.HolidayAccrual}
}

// HMRCDueDate is when PAYE and NI deducted on payDate must reach HMRC
// electronically: the 22nd after the end of its tax month (tax months end on
// the 5th).
func HMRCDueDate(payDate Date) Date {
	t := payDate.Time()
	end := time.Date(t.Year(), t.Month(), 5, 0, 0, 0, 0, time.UTC)
	if t.Day() > 5 {
		end = end.AddDate(0, 1, 0)
	}
	return Date(time.Date(end.Year(), end.Month(), 22, 0, 0, 0, 0, time.UTC).Format(DateLayout))
}

// LiabilityEntries move a final run's money on from the co-op's payroll
// account: each PA's net pay, what HMRC and the pension provider are due,
// and the holiday provision. With the members' charges into the account they
// leave it at nothing for the month. Ids are derived from the run, so they
// are posted once.
func LiabilityEntries(coop CoopID, r Run, slips []Payslip, by string, at time.Time) []Entry {
	var out []Entry
	add := func(kind string, src Source, to Account, amount int64) {
		e := Entry{ID: DerivedID(kind, string(coop), r.Month, string(to)), Date: r.PayDate, Month: r.Month, Source: src,
			From: AccountPayroll, To: to, Amount: amount, Ref: "run:" + r.Month, RecordedBy: by, Recorded: at}
		if amount < 0 { // a refund: the money comes back the other way
			e.From, e.To, e.Amount = to, AccountPayroll, -amount
		}
		if e.Amount != 0 {
			out = append(out, e)
		}
	}
	for _, s := range slips {
		add("net-pay", SourceNetPay, NetPayAccount(s.PA), s.Result.NetPay)
	}
	l := RunLiabilities(r)
	add("hmrc-due", SourceHMRCDue, AccountHMRC, l.HMRC.Total)
	add("pension-due", SourcePensionDue, AccountPension, l.Pension)
	add("holiday-accrual", SourceHolidayAccrual, AccountHolidayProvision, l.HolidayProvision)
	add("employment-allowance", SourceAllowance, AccountEmploymentAllowance, r.Totals.EmploymentAllowance)
	add("holiday-paid", SourceHolidayPaid, AccountHolidayProvision, -r.Totals.HolidayPaid) // back into the payroll account
	return out
}

// LiabilityPayment is an admin's record that the co-op paid what it owed:
// a PA's net pay, HMRC or the pension provider.
type LiabilityPayment struct {
	Payee     string `json:"payee"` // "hmrc", "pension", or "pa"
	PA        string `json:"pa_id"`
	Amount    int64  `json:"amount_pence"`
	Date      string `json:"date"`
	Reference string `json:"reference"`
}

// Entry checks the payment and makes its ledger entry out of the liability.
func (in LiabilityPayment) Entry(by string, now time.Time) (Entry, error) {
	var p Problems
	var from Account
	switch strings.TrimSpace(in.Payee) {
	case "hmrc":
		from = AccountHMRC
	case "pension":
		from = AccountPension
	case "pa":
		if !ValidID(in.PA) {
			p.Add("pa_id", FieldInvalid)
		}
		from = NetPayAccount(in.PA)
	default:
		p.Add("payee", FieldChoice)
	}
	amount(&p, "amount_pence", in.Amount)
	d := requireDate(&p, "date", in.Date)
	checkRecent(&p, "date", d, now)
	if d != "" && DateOf(now).Before(d) {
		p.Add("date", FieldDateFuture)
	}
	ref := optionalText(&p, "reference", in.Reference, MaxReasonLen)
	if err := p.Err("record liability payment"); err != nil {
		return Entry{}, err
	}
	return Entry{Date: d, Month: d.Month(), Source: SourcePaymentOut, From: from, To: AccountPaidOut,
		Amount: in.Amount, Ref: ref, RecordedBy: by, Recorded: now.UTC()}, nil
}
