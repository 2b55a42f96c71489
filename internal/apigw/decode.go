package apigw

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"slices"
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// decodeJSON reads a JSON object into v strictly: unknown fields, wrong types,
// trailing data and an empty body are refused with a per-field list where one
// can be named. allowEmpty lets bodiless actions (approve) omit it.
func decodeJSON(body []byte, v any, allowEmpty bool) error {
	const op = "decode json"
	if len(bytes.TrimSpace(body)) == 0 {
		if allowEmpty {
			return nil
		}
		return dpcoop.E(op, dpcoop.KindMalformed, dpcoop.CodeMalformed)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, tail := dec.Token(); tail != io.EOF {
			return dpcoop.E(op, dpcoop.KindMalformed, dpcoop.CodeMalformed)
		}
		return nil
	}
	var p dpcoop.Problems
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field != "":
		p.Add(typeErr.Field, dpcoop.FieldType)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		p.Add(strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), dpcoop.FieldUnknown)
	default:
		return &dpcoop.Error{Op: op, Kind: dpcoop.KindMalformed, Code: dpcoop.CodeMalformed, Err: err}
	}
	return p.Err(op)
}

// form is a decoded urlencoded body whose fields have been checked against
// what the form may hold.
type form url.Values

// decodeForm parses a urlencoded body, refusing unknown fields and fields given
// more than once unless they are lists.
func decodeForm(body []byte, fields, lists []string) (form, error) {
	const op = "decode form"
	vals, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, &dpcoop.Error{Op: op, Kind: dpcoop.KindMalformed, Code: dpcoop.CodeMalformed, Err: err}
	}
	var p dpcoop.Problems
	for k, vs := range vals {
		switch {
		case slices.Contains(lists, k):
		case !slices.Contains(fields, k):
			p.Add(k, dpcoop.FieldUnknown)
		case len(vs) > 1:
			p.Add(k, dpcoop.FieldRepeated)
		}
	}
	return form(vals), p.Err(op)
}

func (f form) get(k string) string { return url.Values(f).Get(k) }

// list returns a repeated field's non-empty values.
func (f form) list(k string) []string {
	var out []string
	for _, v := range f[k] {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}

// yesNo reads a form yes/no answer; an unticked box sends nothing, which is no.
func (f form) yesNo(p *dpcoop.Problems, k string) bool {
	switch strings.ToLower(f.get(k)) {
	case "yes", "on", "true":
		return true
	case "", "no", "false":
		return false
	}
	p.Add(k, dpcoop.FieldBoolean)
	return false
}
