package payslips

import (
	"strconv"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Integer-only formatting of money, time and mileage.

// splitPence returns the sign, whole pounds and pence of an amount,
// without overflowing on the most negative int64.
func splitPence(p int64) (neg bool, pounds, pence uint64) {
	u := uint64(p)
	if p < 0 {
		neg, u = true, -u
	}
	return neg, u / 100, u % 100
}

// pounds formats pence for people: "£1,234.56", "-£12.00".
func pounds(p int64) string {
	neg, whole, pence := splitPence(p)
	digits := strconv.FormatUint(whole, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteString("£")
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	b.WriteByte('.')
	b.WriteString(twoDigits(pence))
	return b.String()
}

func twoDigits(v uint64) string {
	if v < 10 {
		return "0" + strconv.FormatUint(v, 10)
	}
	return strconv.FormatUint(v, 10)
}

// hoursMinutes formats minutes as h:mm ("120:00", "0:45").
func hoursMinutes(m int64) string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	return sign + strconv.FormatInt(m/60, 10) + ":" + twoDigits(uint64(m%60))
}

// miles formats tenths of a mile: "30.0".
func miles(tenths int64) string {
	return strconv.FormatInt(tenths/10, 10) + "." + strconv.FormatInt(tenths%10, 10)
}

// maskNINumber shows only the last three characters of an NI number (the
// last two digits and the suffix letter): "•• •• •• 56 C". Anything not
// shaped like an NI number keeps its last three characters only.
func maskNINumber(ni string) string {
	n := strings.ToUpper(strings.Join(strings.Fields(ni), ""))
	r := []rune(n)
	switch {
	case len(r) == 0:
		return ""
	case len(r) == 9:
		return "•• •• •• " + string(r[6:8]) + " " + string(r[8])
	case len(r) <= 3:
		return strings.Repeat("•", len(r))
	}
	return strings.Repeat("•", len(r)-3) + string(r[len(r)-3:])
}

// niNumber is an NI number in canonical form (no spaces, upper case).
func niNumber(ni string) string {
	return strings.ToUpper(strings.Join(strings.Fields(ni), ""))
}

// digitsOnly drops dashes and spaces from a sort code or account number.
func digitsOnly(s string) string {
	return strings.NewReplacer("-", "", " ", "").Replace(s)
}

func allDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// dayMonthYear is a date as 28/05/2026, the same in both languages.
func dayMonthYear(t time.Time) string { return t.Format("02/01/2006") }

var (
	monthsCY = [...]string{"Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"}
	monthsEN = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)

// monthName is "Mai 2026 / May 2026" for a "YYYY-MM" month.
func monthName(m time.Time) bi {
	y := strconv.Itoa(m.Year())
	return bi{monthsCY[m.Month()-1] + " " + y, monthsEN[m.Month()-1] + " " + y}
}

// MonthName names a month ("2026-10") in language l, "Hydref 2026" or
// "October 2026"; a malformed month is given as it is.
func MonthName(l dpcoop.Lang, month string) string {
	t, err := parseMonth(month)
	if err != nil {
		return month
	}
	return monthName(t).in(l)
}
