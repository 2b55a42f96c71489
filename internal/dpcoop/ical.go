package dpcoop

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// icalStamp is the UTC date-time form of RFC 5545 (section 3.3.5, form #2).
const icalStamp = "20060102T150405Z"

// Calendar is an iCalendar (RFC 5545) feed of activities in lang, for a
// calendar app that cannot sign in: each activity is one VEVENT whose UID
// is stable (its id at domain), so a changed or cancelled activity replaces
// the one the app already shows (SEQUENCE is its version). Nothing about
// other members is in it.
func Calendar(acts []Activity, lang Lang, domain string, now time.Time) []byte {
	var b strings.Builder
	line := func(name, value string) { b.WriteString(foldLine(name + ":" + value)) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//dpcoop//activities//"+strings.ToUpper(string(lang)))
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	for _, a := range acts {
		line("BEGIN", "VEVENT")
		line("UID", a.ID+"@"+domain)
		line("DTSTAMP", now.UTC().Format(icalStamp))
		line("DTSTART", a.Start.UTC().Format(icalStamp))
		line("DTEND", a.End.UTC().Format(icalStamp))
		line("SEQUENCE", strconv.FormatInt(a.Version, 10))
		line("SUMMARY", icalText(a.Title(lang)))
		desc := a.Description(lang)
		if acc := a.Access(lang); acc != "" {
			desc += "\n\n" + acc
		}
		line("DESCRIPTION", icalText(desc))
		line("LOCATION", icalText(a.Place))
		if a.Cancelled {
			line("STATUS", "CANCELLED")
		} else {
			line("STATUS", "CONFIRMED")
		}
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return []byte(b.String())
}

// icalText escapes a TEXT value (RFC 5545 section 3.3.11): backslash,
// semicolon and comma take a backslash; a line break becomes \n.
func icalText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// foldLine ends a content line with CRLF, folded (RFC 5545 section 3.1) so
// no line is longer than 75 octets: each further line starts with a space,
// and a character's UTF-8 octets are never split.
func foldLine(s string) string {
	var b strings.Builder
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}
