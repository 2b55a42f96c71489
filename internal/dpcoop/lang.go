package dpcoop

import (
	"strconv"
	"strings"
)

// Lang is a language the service speaks. Welsh is offered no less favourably
// than English: both are complete, and each person's choice is stored.
type Lang string

// The two languages.
const (
	Welsh   Lang = "cy"
	English Lang = "en"
)

// ParseLang accepts "cy" or "en" (any case), nothing else.
func ParseLang(s string) (Lang, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "cy":
		return Welsh, true
	case "en":
		return English, true
	}
	return "", false
}

// NegotiateLang picks Welsh or English from an Accept-Language header by the
// quality values it gives, falling back to English when neither is asked for.
func NegotiateLang(header string) Lang {
	best, bestQ := English, -1
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		l, ok := ParseLang(base)
		if !ok {
			continue
		}
		q := 1000
		if v, found := strings.CutPrefix(strings.TrimSpace(params), "q="); found {
			parsed, ok := qualityMillis(v)
			if !ok {
				continue
			}
			q = parsed
		}
		if q > bestQ {
			best, bestQ = l, q
		}
	}
	return best
}

// qualityMillis reads an HTTP quality value ("1", "0.8", "0.125") as
// thousandths, the precision RFC 9110 allows, without floating point.
func qualityMillis(v string) (int, bool) {
	whole, frac, _ := strings.Cut(v, ".")
	if (whole != "0" && whole != "1") || len(frac) > 3 {
		return 0, false
	}
	frac += strings.Repeat("0", 3-len(frac))
	n, err := strconv.Atoi(frac)
	if err != nil || n < 0 || (whole == "1" && n != 0) {
		return 0, false
	}
	if whole == "1" {
		return 1000, true
	}
	return n, true
}
