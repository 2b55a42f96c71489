package payroll

// Rate is a percentage in basis points (hundredths of a percent): 12.07 % is
// Rate(1207). Rates are integers so that no money calculation touches
// floating point; multiplying pence by a Rate gives units of 1/10000 penny.
type Rate int64

// rateDenominator is the number of basis points in 100 %.
const rateDenominator = 10000

// Every helper below takes non-negative amounts; callers clamp first. Each
// one names its rounding so that the rule used for every figure is explicit.

// ceilDiv divides a by b (b > 0, a >= 0) rounding up.
func ceilDiv(a, b int64) int64 {
	return (a + b - 1) / b
}

// mulRateFloor is amount × rate rounded down to the penny.
func mulRateFloor(amount int64, r Rate) int64 {
	return amount * int64(r) / rateDenominator
}

// mulRateCeil is amount × rate rounded up to the penny.
func mulRateCeil(amount int64, r Rate) int64 {
	return ceilDiv(amount*int64(r), rateDenominator)
}

// niRound turns an exact National Insurance amount (one band's share), in units of 1/10000
// penny (pence × basis points), into whole pence by HMRC's rule for the
// exact percentage method (Social Security (Contributions) Regulations 2001,
// reg. 12(1)): the amount is taken to three decimal places of a pound
// (tenths of a penny, truncated) and rounded to the nearest penny, with an
// amount of half a penny or less disregarded. So 0.56p rounds to 0p and
// 2.56p to 2p, but 0.64p rounds to 1p: HMRC's NICs test data 2025-26
// confirms exactly this at every threshold boundary.
func niRound(units int64) int64 {
	tenths := units / 1000
	pence := tenths / 10
	if tenths%10 > 5 {
		pence++
	}
	return pence
}

// clamp limits v to the closed range [lo, hi].
func clamp(v, lo, hi int64) int64 {
	return max(lo, min(v, hi))
}
