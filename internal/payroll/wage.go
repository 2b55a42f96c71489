package payroll

import "time"

// WageRates are the hourly minimum rates (pence) in force from a date. The
// statutory rates change on 1 April each year; the Real Living Wage is
// Welsh Government policy for social care, including PAs funded by direct
// payments, and is a warning, not a legal floor.
type WageRates struct {
	From               time.Time `json:"-"`
	NationalLivingWage int64     `json:"nationalLivingWagePence"` // 21 and over
	Age18To20          int64     `json:"age18To20Pence"`
	Age16To17          int64     `json:"age16To17Pence"`
	Apprentice         int64     `json:"apprenticePence"` // apprentices under 19 or in their first year
	RealLivingWage     int64     `json:"realLivingWagePence"`
}

func (w WageRates) valid() bool {
	return w.NationalLivingWage > 0 && w.Age18To20 > 0 && w.Age16To17 > 0 && w.Apprentice > 0 && w.RealLivingWage > 0
}

// WageRatesOn returns the minimum wage rates for a pay reference period
// starting on date (rates apply from the first period starting on or after
// 1 April).
func WageRatesOn(date time.Time) (WageRates, error) {
	return wageRatesOn(date)
}

// WageBand is the minimum wage band that applies to a PA.
type WageBand int

// The bands, each with the check code reported when pay falls below it.
const (
	BandUnder16 WageBand = iota + 1 // no minimum wage entitlement
	BandApprentice
	Band16To17
	Band18To20
	BandNationalLivingWage // 21 and over
)

// WageBandFor gives the band from the PA's age at the start of the pay
// reference period; apprentice means the apprentice rate applies (an
// apprentice under 19, or in the first year of the apprenticeship).
func WageBandFor(dateOfBirth, periodStart time.Time, apprentice bool) WageBand {
	age := AgeOn(dateOfBirth, periodStart)
	switch {
	case age < 16:
		return BandUnder16
	case apprentice:
		return BandApprentice
	case age < 18:
		return Band16To17
	case age < 21:
		return Band18To20
	}
	return BandNationalLivingWage
}

// Minimum is the band's hourly rate in pence, and the check reported when
// average pay falls below it (0 and "" for BandUnder16).
func (w WageRates) Minimum(b WageBand) (int64, Check) {
	switch b {
	case BandApprentice:
		return w.Apprentice, CheckBelowApprenticeRate
	case Band16To17:
		return w.Age16To17, CheckBelowMinimumWage16To17
	case Band18To20:
		return w.Age18To20, CheckBelowMinimumWage18To20
	case BandNationalLivingWage:
		return w.NationalLivingWage, CheckBelowNationalLivingWage
	}
	return 0, ""
}

// belowHourlyRate reports whether pay for minutes of work averages less
// than rate pence an hour, compared exactly (no rounding).
func belowHourlyRate(pay, minutes, rate int64) bool {
	return pay*60 < rate*minutes
}
