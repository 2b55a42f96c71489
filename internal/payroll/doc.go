// Package payroll is dpcoop's UK payroll engine: PAYE income tax, Class 1
// National Insurance, workplace pension automatic enrolment, holiday for
// irregular hours, minimum wage checks and statutory sick pay, for PAs
// employed by a citizen directed co-operative in Wales.
//
// It is pure: standard library only, no I/O beyond its embedded data, no
// floating point. Money is int64 pence, rates are basis points (Rate),
// time worked is whole minutes. Every rounding step is explicit:
//
//   - PAYE (HMRC's tax table routines): free pay per period rounded up to
//     the penny from the code (Tables A), taxable pay to date rounded down
//     to whole pounds, tax rounded down to the penny, the 50 % overriding
//     limit rounded down to the penny.
//   - NI (exact percentage method): each band's exact amount taken to a
//     tenth of a penny, then to the nearest penny with half a penny or less
//     dropped.
//   - Pay for time: minutes × hourly rate rounded up to the penny. Mileage:
//     tenths of a mile × pence per mile, rounded up to the penny.
//   - Pension contributions rounded up to the penny; relief at source
//     rounded down.
//   - Holiday accrual (12.07 %) rounded up to the minute or penny.
//   - SSP: part-week amounts rounded up to the penny.
//
// Tax-year figures live in years.json, chosen by pay date (6 April to
// 5 April); adding a tax year is a data change. Use Calculate for a whole
// payslip, or the Year methods for one piece.
package payroll
