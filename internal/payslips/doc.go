// Package payslips turns a final monthly payroll run into its documents:
// one bilingual PDF payslip per PA, the payroll journal, the pension
// contribution schedule and the bank payments list (CSV), and the figures
// for HMRC's Full Payment Submission (JSON).
//
// It is pure: no AWS, no storage, no clock. The same input always gives
// the same bytes. Money is int64 pence throughout, formatted with integer
// arithmetic; nothing here touches floating point except the PDF page
// geometry.
//
// The figures come from package payroll: build each Slip from the engine's
// Input and Payslip with NewSlip (or from a stored run's dpcoop.Payslip
// with SlipFromRecord), pair it with the PA's Employee (EmployeeFromPA) in
// a Row, and call
//
//   - PDF for each PA's payslip (Employment Rights Act 1996 s.8: gross pay,
//     every deduction with its amount and purpose, net pay, and the hours
//     and rates of variable pay), in Welsh and English, the PA's own
//     language first;
//   - Journal for the accounts (one line per PA and a totals line);
//   - PensionSchedule for the pension provider;
//   - BankPayments for the co-op's bank (it refuses a PA who is owed money
//     but has no bank details);
//   - FPS for the figures the co-op's RTI filing software or payroll bureau
//     puts into the Full Payment Submission. FPS is an export, not a
//     submission: nothing here talks to HMRC.
//
// Every CSV is UTF-8 with CRLF line ends and no byte order mark. Text cells
// that a spreadsheet would read as a formula (starting with = + - @, a tab
// or a carriage return) get a leading apostrophe; plain numbers are left as
// they are.
//
// The Welsh wording is ours and should be checked by a translator before
// the documents go to PAs (Welsh Language Standards).
package payslips
