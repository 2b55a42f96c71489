package ballot

import "math/big"

// Ratio is an exact fraction (a share, a turnout, a support level) with a
// rounded figure for people to read. Decisions use Exact only.
type Ratio struct {
	// Exact is the fraction itself; it marshals to JSON as "num/den".
	Exact *big.Rat `json:"exact"`
	// BasisPoints is Exact × 10000 rounded half up (6667 for two thirds),
	// for display.
	BasisPoints int64 `json:"basis_points"`
}

func ratioOf(r *big.Rat) Ratio {
	return Ratio{Exact: new(big.Rat).Set(r), BasisPoints: basisPoints(r)}
}

func ratio(num, den int64) Ratio {
	if den == 0 {
		return ratioOf(new(big.Rat))
	}
	return ratioOf(big.NewRat(num, den))
}

// basisPoints rounds r × 10000 half up; r is never negative here.
func basisPoints(r *big.Rat) int64 {
	n := new(big.Int).Mul(r.Num(), big.NewInt(2*WholeWeight))
	n.Add(n, r.Denom())
	n.Quo(n, new(big.Int).Mul(r.Denom(), big.NewInt(2)))
	return n.Int64()
}

// Cmp compares the exact values, so callers never compare BasisPoints.
func (r Ratio) Cmp(o Ratio) int {
	return r.exact().Cmp(o.exact())
}

func (r Ratio) exact() *big.Rat {
	if r.Exact == nil {
		return new(big.Rat)
	}
	return r.Exact
}

// String shows the exact fraction ("2/3"), for logs and test failures.
func (r Ratio) String() string { return r.exact().RatString() }
