package dpcoop

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseHundredths reads a number a person typed with at most two decimal
// places ("12.6", "£12.60", "1,250") as hundredths: pounds as pence, hours
// as hundredths of an hour. It reports false for anything else, so a form
// can say which answer is not a number.
func ParseHundredths(s string) (int64, bool) {
	s = strings.ReplaceAll(strings.TrimPrefix(strings.TrimSpace(s), "£"), ",", "")
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" && !dot || len(frac) > 2 || dot && frac == "" || strings.HasPrefix(whole, "-") || strings.HasPrefix(whole, "+") {
		return 0, false
	}
	for len(frac) < 2 {
		frac += "0"
	}
	if whole == "" {
		whole = "0"
	}
	w, err1 := strconv.ParseInt(whole, 10, 64)
	f, err2 := strconv.ParseInt(frac, 10, 64)
	if err1 != nil || err2 != nil || w > 1_000_000_000 || strings.HasPrefix(frac, "-") || strings.HasPrefix(frac, "+") {
		return 0, false
	}
	return w*100 + f, true
}

// FormatHundredths writes hundredths as ParseHundredths reads them, with
// only the decimals needed ("12", "12.5", "12.33"), so a form shows back a
// number its reader can send again.
func FormatHundredths(n int64) string {
	s := strconv.FormatInt(n/100, 10)
	if frac := n % 100; frac != 0 {
		s += "." + strings.TrimSuffix(fmt.Sprintf("%02d", frac), "0")
	}
	return s
}
