package dpcoop

import (
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// cleanText trims a person's text and reports whether it holds only printable
// characters (new lines allowed), so control bytes never reach the register.
func cleanText(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if !utf8.ValidString(s) {
		return "", false
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			return "", false
		}
	}
	return s, true
}

func optionalText(p *Problems, field, value string, max int) string {
	s, ok := cleanText(value)
	switch {
	case !ok:
		p.Add(field, FieldInvalid)
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
