// Package sheet writes the CSV files people download and open in a
// spreadsheet: UTF-8 with a byte order mark, so that Excel shows Welsh
// letters (ŵ, ŷ) rightly when the file is double-clicked; CRLF line ends, as
// RFC 4180 has them; and every text cell made safe from formula injection.
// Every CSV of the service is written here, so they all behave the same.
package sheet

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
)

// bom is the UTF-8 byte order mark Excel looks for to read a CSV as UTF-8.
const bom = "\uFEFF"

// Sheet is one CSV file being written.
type Sheet struct {
	buf bytes.Buffer
	w   *csv.Writer
}

// New starts a sheet with its heading row.
func New(heading ...string) *Sheet {
	s := &Sheet{}
	s.buf.WriteString(bom)
	s.w = csv.NewWriter(&s.buf)
	s.w.UseCRLF = true
	s.Row(heading...)
	return s
}

// Row adds a row, each cell made safe.
func (s *Sheet) Row(cells ...string) {
	safe := make([]string, len(cells))
	for i, c := range cells {
		safe[i] = Safe(c)
	}
	_ = s.w.Write(safe) // writes to a bytes.Buffer cannot fail
}

// Bytes is the finished file.
func (s *Sheet) Bytes() []byte {
	s.w.Flush()
	return s.buf.Bytes()
}

// Safe stops a spreadsheet reading a text cell as a formula (CSV
// injection): a cell starting with = + - @, a tab or a carriage return
// gets a leading apostrophe. A plain number such as "-12.00" is left alone,
// since it cannot be a formula and must stay a number.
func Safe(s string) string {
	if s == "" || isPlainNumber(s) {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// isPlainNumber matches -?[0-9]+(\.[0-9]+)?
func isPlainNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(s, ".")
	digits := func(t string) bool {
		if t == "" {
			return false
		}
		for i := range len(t) {
			if t[i] < '0' || t[i] > '9' {
				return false
			}
		}
		return true
	}
	return digits(whole) && (!dot || digits(frac))
}

// Pounds writes pence as pounds with two decimals for a spreadsheet:
// "1234.56", "-12.00". Every amount, even the most negative, is exact.
func Pounds(pence int64) string {
	u, sign := uint64(pence), ""
	if pence < 0 {
		u, sign = -u, "-"
	}
	p := strconv.FormatUint(u%100, 10)
	if len(p) < 2 {
		p = "0" + p
	}
	return sign + strconv.FormatUint(u/100, 10) + "." + p
}

// Pence writes pence as a whole number.
func Pence(pence int64) string { return strconv.FormatInt(pence, 10) }
