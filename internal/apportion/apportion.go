// Package apportion splits a whole into parts by weights exactly: the parts
// always sum to the whole, to the penny (or minute, or basis point). Shared
// shifts, members' charges and pool costs are all split with it.
package apportion

import (
	"errors"
	"math/big"
	"sort"
)

// ErrWeights is returned when no part has a positive weight, or one is negative.
var ErrWeights = errors.New("apportion: weights must be non-negative and not all zero")

// Split divides total among weights by the largest-remainder method: each part
// gets the floor of its exact share, and the units left over go one each to
// the parts with the largest remainders, earlier parts first on a tie. The
// result is deterministic and sums to total exactly; a negative total is split
// as the negation of splitting its absolute value.
func Split(total int64, weights []int64) ([]int64, error) {
	var sum big.Int
	for _, w := range weights {
		if w < 0 {
			return nil, ErrWeights
		}
		sum.Add(&sum, big.NewInt(w))
	}
	if sum.Sign() == 0 {
		return nil, ErrWeights
	}
	neg := total < 0
	abs := new(big.Int).Abs(big.NewInt(total))
	parts := make([]int64, len(weights))
	rems := make([]*big.Int, len(weights))
	given := new(big.Int)
	for i, w := range weights {
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(abs, big.NewInt(w)), &sum, new(big.Int))
		parts[i], rems[i] = q.Int64(), r
		given.Add(given, q)
	}
	left := new(big.Int).Sub(abs, given).Int64() // fewer than len(weights)
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rems[order[a]].Cmp(rems[order[b]]) > 0 })
	for _, i := range order[:left] {
		parts[i]++
	}
	if neg {
		for i := range parts {
			parts[i] = -parts[i]
		}
	}
	return parts, nil
}

// Equal divides total into n parts that differ by at most one unit.
func Equal(total int64, n int) ([]int64, error) {
	w := make([]int64, n)
	for i := range w {
		w[i] = 1
	}
	return Split(total, w)
}
