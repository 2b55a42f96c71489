package dpcoop

import "time"

// Record keeping: what the service keeps, for how long, and why. Only
// payslips are ever deleted for age (by the weekly retention job); everything
// else is kept for as long as the co-op uses the service.
//
// Payslips are payroll records. The shortest legal minimum is HMRC's: PAYE
// records kept "for not less than three years after the end of the tax year to
// which they relate" (Income Tax (PAYE) Regulations 2003, reg. 97;
// gov.uk/paye-for-employers/keeping-records). But the same payslip, with its
// hours and rates, is also:
//   - the National Minimum Wage record, which since 1 April 2021 must be kept
//     for six years (National Minimum Wage Regulations 2015, reg. 59, as
//     amended; HMRC: "there are different rules for keeping records to prove
//     you have paid the correct minimum wage");
//   - the automatic-enrolment record of each jobholder's pay and contributions,
//     kept six years (Employers' Duties (Registration and Compliance)
//     Regulations 2010, SI 2010/5; The Pensions Regulator's guidance);
//   - the evidence a council asks for when it audits a direct payment (wage
//     slips, timesheets, payroll records). Councils' instructions differ:
//     Shropshire asks for six years for every direct-payment document,
//     Wokingham three complete financial years, and the CIPFA-based schedule
//     Worcestershire and Warwickshire publish keeps financial summaries six
//     years and leaves employer records to HMRC's rules. Six years meets the
//     longest of them.
//
// So payslips are kept PayslipRetentionYears after the end of the tax year
// their pay date falls in, plus PayslipRetentionMarginMonths, then deleted: UK
// GDPR's storage limitation asks that they go once no purpose needs them.
// Six years after the tax year is at least three years after it (HMRC) and at
// least six years after the pay reference period (NMW, pensions).
//
// Kept, never deleted by age:
//   - the register of members, former members included: s.30 of the
//     Co-operative and Community Benefit Societies Act 2014 records the date a
//     member ceased, and a ceased member stays on the register;
//   - ledger entries of members' direct-payment accounts: a statement's
//     balance brought forward is the sum of every earlier entry, so deleting
//     one would change every later balance a council has audited;
//   - payroll runs (a month's totals and each member's charge: the source of
//     the ledger entries), shifts, PA and employment records, votes.
//
// Deleted by DynamoDB's TTL, not by the weekly job:
//   - a payroll run's batches (BATCH#<month>#<attempt>#<n>), the work its
//     start step hands its calculate steps (PA and member ids, minutes and
//     miles: figures the shifts and the payslips hold too) and the problems
//     those record for its post step. Only that attempt's execution reads
//     them, and it ends, final, in preview or failed, within hours (no state
//     waits; its retries add minutes): PayrollBatchKept after the attempt
//     started, they are no record of anything.
//
// A co-op leaving the service takes an export of its data (make export) and
// its partition is then deleted on request; that is not done by age.
const (
	// PayslipRetentionYears is how many years after the end of its tax year
	// a payslip is kept: the six years of the National Minimum Wage and
	// automatic-enrolment records, which cover HMRC's three.
	PayslipRetentionYears = 6
	// PayslipRetentionMarginMonths is added so that nothing is deleted on the
	// boundary: a weekly job, a late correction or an enquiry opened on the
	// last day still finds the record.
	PayslipRetentionMarginMonths = 3
	// PayrollBatchKept is how long after its attempt started a payroll
	// run's batch item lives: far past the end of the execution that reads
	// it, with weeks for an operator to look into a failed run.
	PayrollBatchKept = 30 * 24 * time.Hour
)

// TaxYearEnd is 5 April ending the UK tax year (6 April to 5 April) that
// date falls in.
func TaxYearEnd(d Date) (Date, bool) {
	t, err := time.Parse(DateLayout, string(d))
	if err != nil {
		return "", false
	}
	y := t.Year()
	if t.Month() > time.April || (t.Month() == time.April && t.Day() >= 6) {
		y++
	}
	return Date(time.Date(y, time.April, 5, 0, 0, 0, 0, time.UTC).Format(DateLayout)), true
}

// PayslipKeptUntil is the last day a payslip paid on payDate must be kept.
// A pay date that cannot be read has no such day (ok is false): such a
// payslip is kept.
func PayslipKeptUntil(payDate Date) (Date, bool) {
	end, ok := TaxYearEnd(payDate)
	if !ok {
		return "", false
	}
	return Date(end.Time().AddDate(PayslipRetentionYears, PayslipRetentionMarginMonths, 0).Format(DateLayout)), true
}

// PayslipExpired reports whether a payslip paid on payDate may be deleted on
// today: only once its last day to keep has passed.
func PayslipExpired(payDate, today Date) bool {
	until, ok := PayslipKeptUntil(payDate)
	return ok && until < today
}

// PayslipsExpiringBefore is the earliest run month (YYYY-MM, the month
// worked) none of whose payslips can have expired on today, so a store need
// read only the payslips of earlier months and then check each pay date.
func PayslipsExpiringBefore(today Date) string {
	// A payslip expires once its tax year's end plus the retention has
	// passed; the end is no earlier than the pay date, and the pay date is
	// in the month after the month worked. So a payslip expired by today was
	// paid before today minus the retention, for a month before that one.
	// (AddDate may roll 31 May back to 3 March, not 28 February: a later
	// bound only reads a few more payslips.)
	return today.Time().AddDate(-PayslipRetentionYears, -PayslipRetentionMarginMonths, 0).Format(MonthLayout)
}

// Purged is what a retention pass over one co-op found and did.
type Purged struct {
	// Examined is how many payslips old enough to be candidates were read.
	Examined int `json:"examined"`
	// Deleted is how many were deleted (or, in a dry run, would have been).
	Deleted int `json:"deleted"`
}
