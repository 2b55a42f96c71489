package apportion

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestSplitByHand(t *testing.T) {
	cases := []struct {
		total   int64
		weights []int64
		want    []int64
	}{
		{100, []int64{1, 1, 1}, []int64{34, 33, 33}},
		{10000, []int64{1, 1, 1}, []int64{3334, 3333, 3333}},
		{-100, []int64{1, 1, 1}, []int64{-34, -33, -33}},
		{276988, []int64{600, 300, 120}, []int64{162934, 81467, 32587}}, // 276988*600/1020 = 162934.1, *300 = 81467.05, *120 = 32586.82
		{5, []int64{0, 2, 3}, []int64{0, 2, 3}},
		{1, []int64{1, 1}, []int64{1, 0}},
		{0, []int64{3, 4}, []int64{0, 0}},
	}
	for _, c := range cases {
		got, err := Split(c.total, c.weights)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("Split(%d, %v) = %v, %v; want %v", c.total, c.weights, got, err, c.want)
		}
	}
	for _, w := range [][]int64{{}, {0, 0}, {1, -1}} {
		if _, err := Split(10, w); err == nil {
			t.Errorf("weights %v accepted", w)
		}
	}
}

// TestPartsAlwaysSumToTheWhole over random totals and weights, including
// amounts near the int64 limits where a naive multiply would overflow.
func TestPartsAlwaysSumToTheWhole(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		n := 1 + r.IntN(12)
		w := make([]int64, n)
		var wsum int64
		for i := range w {
			w[i] = r.Int64N(1 << 40)
			wsum += w[i]
		}
		if wsum == 0 {
			w[0] = 1
		}
		total := r.Int64() - r.Int64()/2
		parts, err := Split(total, w)
		if err != nil {
			t.Fatal(err)
		}
		var sum int64
		for _, p := range parts {
			sum += p
		}
		if sum != total {
			t.Fatalf("Split(%d, %v) sums to %d", total, w, sum)
		}
		// No part has the opposite sign of the total.
		for i, p := range parts {
			if p < 0 != (total < 0) && p != 0 {
				t.Fatalf("part %d has the wrong sign: %v", i, parts)
			}
		}
	}
}

func BenchmarkSplitThirty(b *testing.B) {
	w := make([]int64, 30)
	for i := range w {
		w[i] = int64(100 + i*7)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Split(12345678, w); err != nil {
			b.Fatal(err)
		}
	}
}
