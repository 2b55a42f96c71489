package dpcoop

import (
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// cleanText trims a person's text, NFC-normalised so the same name is always
// stored the same way, and reports whether it is fit to keep: printable
// characters only (new lines and tabs allowed), no bidirectional overrides,
// embeddings or isolates that could make the register read differently from
// what it holds, and something visible unless it is empty.
func cleanText(s string) (string, bool) {
	if !utf8.ValidString(s) {
		return "", false
	}
	s = strings.TrimFunc(norm.NFC.String(s), invisible)
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' || bidiControl(r) {
			return "", false
		}
	}
	return s, true
}

// invisible is a space or a zero-width format character such as U+200B or
// U+FEFF: text that holds only these says nothing.
func invisible(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) && !bidiControl(r)
}

// bidiControl is a character that reorders the text around it.
func bidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200E || r == 0x200F || r == 0x061C
}

func optionalText(p *Problems, field, value string, max int) string {
	s, ok := cleanText(value)
	switch {
	case !ok:
		p.Add(field, FieldHidden)
	case utf8.RuneCountInString(s) > max:
		p.Add(field, FieldTooLong, "max", strconv.Itoa(max))
	}
	return s
}

func requireText(p *Problems, field, value string, max int) string {
	s := optionalText(p, field, value, max)
	if s == "" && !p.Has(field) {
		p.Add(field, FieldRequired)
	}
	return s
}

// requireName is a name as the register and every document shows it: one
// line, with at least one letter.
func requireName(p *Problems, field, value string, max int) string {
	s := requireText(p, field, value, max)
	if p.Has(field) {
		return s
	}
	if strings.ContainsAny(s, "\r\n\t") {
		p.Add(field, FieldOneLine)
	} else if strings.IndexFunc(s, unicode.IsLetter) < 0 {
		p.Add(field, FieldNoLetter)
	}
	return s
}

func requireEmail(p *Problems, field, value string) string {
	s := strings.TrimSpace(value)
	if s == "" {
		p.Add(field, FieldRequired)
		return ""
	}
	if !ValidEmail(s) {
		p.Add(field, FieldEmail)
		return ""
	}
	return s
}

// ValidEmail accepts a bare address (no display name) with a dotted domain.
func ValidEmail(s string) bool {
	if len(s) > MaxEmailLen {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	_, domain, ok := strings.Cut(s, "@")
	return ok && strings.Contains(domain, ".") && !strings.HasSuffix(domain, ".")
}

func requireLang(p *Problems, field, value string) Lang {
	if strings.TrimSpace(value) == "" {
		p.Add(field, FieldRequired)
		return ""
	}
	l, ok := ParseLang(value)
	if !ok {
		p.Add(field, FieldLanguage)
	}
	return l
}

var phonePattern = regexp.MustCompile(`^\+?[0-9 ()-]{7,20}$`)

func optionalPhone(p *Problems, field, value string) string {
	s := strings.TrimSpace(value)
	if s != "" && !phonePattern.MatchString(s) {
		p.Add(field, FieldPhone)
	}
	return s
}
