// Package cost is make bench's model of the AWS bill of the hosted service:
// every billed item, its list price and source, and how much of it a month
// of use takes. Money is counted in whole pico-dollars (10⁻¹² US$), so every
// AWS list price is an exact integer and no sum drifts; quantities are
// counted in thousandths of their unit, so a per-operation measurement such
// as 6.6 read units stays exact too.
package cost

import (
	"fmt"
	"math/bits"
	"strings"
)

// Money is an amount of US dollars in pico-dollars.
type Money int64

// Dollar is one US dollar.
const Dollar Money = 1_000_000_000_000

// Milli is one whole unit of a quantity (quantities are in thousandths).
const Milli = 1000

// Item is one thing AWS bills: its price per unit, the units free each
// month, and where the price was found.
type Item struct {
	Name, Unit string
	Price      Money // per unit
	Free       int64 // units free each month, in thousandths
	Source     string
}

// Cost is what a month's quantity (in thousandths of the unit) of the item
// costs after its free units, rounded to the nearest pico-dollar (halves
// up). The product is taken in 128 bits, so no realistic bill overflows.
func (it Item) Cost(milli int64) Money {
	billed := milli - it.Free
	if billed <= 0 || it.Price <= 0 {
		return 0
	}
	hi, lo := bits.Mul64(uint64(billed), uint64(it.Price))
	lo, carry := bits.Add64(lo, Milli/2, 0)
	hi += carry
	if hi >= Milli {
		panic(fmt.Sprintf("cost: %s: %d × %d overflows", it.Name, billed, it.Price))
	}
	q, _ := bits.Div64(hi, lo, Milli)
	return Money(q)
}

// Line is one item's share of a month's bill.
type Line struct {
	Item     Item
	Quantity int64 // thousandths of the unit
	Why      string
}

// Cost is the line's amount.
func (l Line) Cost() Money { return l.Item.Cost(l.Quantity) }

// Bill is a month's lines.
type Bill []Line

// Total is the sum of the lines.
func (b Bill) Total() Money {
	var t Money
	for _, l := range b {
		t += l.Cost()
	}
	return t
}

// Of is the bill's line for an item (zero if it has none).
func (b Bill) Of(it Item) Line {
	for _, l := range b {
		if l.Item == it {
			return l
		}
	}
	return Line{Item: it}
}

// Per divides the total among n (members, co-ops), rounded to the nearest
// pico-dollar.
func (b Bill) Per(n int64) Money {
	if n <= 0 {
		return 0
	}
	return (b.Total() + Money(n/2)) / Money(n)
}

// String shows an amount in dollars: cents for a dollar or more, four
// significant places below a dollar, never in exponent form.
func (m Money) String() string {
	neg := m < 0
	if neg {
		m = -m
	}
	whole, frac := int64(m/Dollar), int64(m%Dollar)
	digits := fmt.Sprintf("%012d", frac)
	var s string
	switch {
	case whole > 0: // a dollar or more: to the cent
		cents := (int64(m) + 5_000_000_000) / 10_000_000_000
		s = fmt.Sprintf("$%s.%02d", thousands(cents/100), cents%100)
	case frac == 0:
		s = "$0"
	default:
		lead := len(digits) - len(strings.TrimLeft(digits, "0"))
		keep := min(lead+4, len(digits))
		s = "$0." + strings.TrimRight(digits[:keep], "0")
	}
	if neg {
		return "−" + s
	}
	return s
}

// Quantity shows a quantity in thousandths as its whole units (three
// places when it has a fraction), with thousands separated.
func Quantity(milli int64) string {
	if milli%Milli == 0 {
		return thousands(milli / Milli)
	}
	return fmt.Sprintf("%s.%03d", thousands(milli/Milli), milli%Milli)
}

func thousands(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
