package payroll

// mileageRates are HMRC's approved mileage allowance payments for a PA's
// own car: tax-free up to a rate per business mile (lower after a yearly
// number of miles), and free of NI up to a single rate for all miles.
type mileageRates struct {
	TaxFreePence      int64 `json:"taxFreePencePerMile"`      // 45p
	TaxFreeMiles      int64 `json:"taxFreeMilesPerYear"`      // for the first 10,000 business miles in the tax year
	TaxFreePenceAfter int64 `json:"taxFreePencePerMileAfter"` // 25p after that
	NIFreePence       int64 `json:"niFreePencePerMile"`       // 45p for every mile
}

func (m mileageRates) valid() bool {
	return m.TaxFreePence > 0 && m.TaxFreeMiles > 0 && m.TaxFreePenceAfter > 0 && m.NIFreePence > 0
}

// Mileage is a period's business mileage, in tenths of a mile, and the
// co-op's rate for it.
type Mileage struct {
	Tenths       int64 // this period
	RatePence    int64 // the co-op's rate, pence per mile
	TenthsToDate int64 // already paid in this tax year, before this period
}

// mileagePay splits a mileage payment into the amount paid, the part above
// HMRC's approved amount for tax (taxable) and the part above it for NI
// (NI-able). Each amount is miles × rate rounded up to the penny, the same
// way for the payment and the approved amounts, so paying exactly the
// approved rate leaves nothing taxable.
func (y *Year) mileagePay(m Mileage) (paid, taxable, niable int64) {
	paid = ceilDiv(m.Tenths*m.RatePence, 10)
	r := y.mileage
	atFullRate := min(m.Tenths, max(r.TaxFreeMiles*10-m.TenthsToDate, 0))
	taxFree := ceilDiv(atFullRate*r.TaxFreePence+(m.Tenths-atFullRate)*r.TaxFreePenceAfter, 10)
	niFree := ceilDiv(m.Tenths*r.NIFreePence, 10)
	return paid, max(paid-taxFree, 0), max(paid-niFree, 0)
}
