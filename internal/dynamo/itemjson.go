package dynamo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// An item in DynamoDB JSON, the format of DynamoDB's own export to S3
// (ExportFormat DYNAMODB_JSON) and of the aws CLI: one line per item,
//
//	{"Item":{"PK":{"S":"T#demo"},"SK":{"S":"COOP"},"Shares":{"N":"1"},...}}
//
// every value an object with one type key: S (string), N (number, as its
// decimal text), B (binary, base64), BOOL, NULL (true), M (map), L (list),
// SS, NS, BS (sets). Attribute names are written in byte order, so the same
// item is always the same line.

// numberText is a number as DynamoDB writes one (JSON's number grammar).
var numberText = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

type itemLine struct {
	Item map[string]json.RawMessage `json:"Item"`
}

// encodeItem writes one item as its line (without the newline).
func encodeItem(item map[string]types.AttributeValue) ([]byte, error) {
	v, err := encodeMap(item)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // names and Welsh text stay readable: "Siân", "<", "&"
	if err := enc.Encode(map[string]any{"Item": v}); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func encodeMap(m map[string]types.AttributeValue) (map[string]any, error) {
	out := make(map[string]any, len(m))
	for k, v := range m {
		e, err := encodeValue(v)
		if err != nil {
			return nil, fmt.Errorf("attribute %q: %w", k, err)
		}
		out[k] = e
	}
	return out, nil
}

func encodeValue(v types.AttributeValue) (map[string]any, error) {
	switch x := v.(type) {
	case *types.AttributeValueMemberS:
		return map[string]any{"S": x.Value}, nil
	case *types.AttributeValueMemberN:
		return map[string]any{"N": x.Value}, nil
	case *types.AttributeValueMemberB:
		return map[string]any{"B": x.Value}, nil // []byte marshals as base64
	case *types.AttributeValueMemberBOOL:
		return map[string]any{"BOOL": x.Value}, nil
	case *types.AttributeValueMemberNULL:
		return map[string]any{"NULL": true}, nil
	case *types.AttributeValueMemberSS:
		return map[string]any{"SS": sortedCopy(x.Value)}, nil
	case *types.AttributeValueMemberNS:
		return map[string]any{"NS": sortedCopy(x.Value)}, nil
	case *types.AttributeValueMemberBS:
		bs := make([][]byte, len(x.Value))
		copy(bs, x.Value)
		sort.Slice(bs, func(i, j int) bool { return bytes.Compare(bs[i], bs[j]) < 0 })
		return map[string]any{"BS": bs}, nil
	case *types.AttributeValueMemberL:
		l := make([]any, len(x.Value))
		for i, e := range x.Value {
			ev, err := encodeValue(e)
			if err != nil {
				return nil, err
			}
			l[i] = ev
		}
		return map[string]any{"L": l}, nil
	case *types.AttributeValueMemberM:
		m, err := encodeMap(x.Value)
		if err != nil {
			return nil, err
		}
		return map[string]any{"M": m}, nil
	}
	return nil, fmt.Errorf("unknown attribute value type %T", v)
}

// sortedCopy orders a set's members: DynamoDB returns sets in no fixed order.
func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

// decodeItem reads one line back into an item.
func decodeItem(line []byte) (map[string]types.AttributeValue, error) {
	var il itemLine
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&il); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("more than one JSON value on the line")
	}
	if il.Item == nil {
		return nil, errors.New(`no "Item"`)
	}
	return decodeMap(il.Item)
}

func decodeMap(m map[string]json.RawMessage) (map[string]types.AttributeValue, error) {
	out := make(map[string]types.AttributeValue, len(m))
	for k, raw := range m {
		v, err := decodeValue(raw)
		if err != nil {
			return nil, fmt.Errorf("attribute %q: %w", k, err)
		}
		out[k] = v
	}
	return out, nil
}

func decodeValue(raw json.RawMessage) (types.AttributeValue, error) {
	var typed map[string]json.RawMessage
	if err := json.Unmarshal(raw, &typed); err != nil {
		return nil, err
	}
	if len(typed) != 1 {
		return nil, fmt.Errorf("a value must have exactly one type key, has %d", len(typed))
	}
	for typ, body := range typed {
		switch typ {
		case "S":
			var s string
			err := json.Unmarshal(body, &s)
			return &types.AttributeValueMemberS{Value: s}, err
		case "N":
			var s string
			if err := json.Unmarshal(body, &s); err != nil {
				return nil, err
			}
			if !numberText.MatchString(s) {
				return nil, fmt.Errorf("N %q is not a number", s)
			}
			return &types.AttributeValueMemberN{Value: s}, nil
		case "B":
			var b []byte
			err := json.Unmarshal(body, &b)
			return &types.AttributeValueMemberB{Value: b}, err
		case "BOOL":
			var b bool
			err := json.Unmarshal(body, &b)
			return &types.AttributeValueMemberBOOL{Value: b}, err
		case "NULL":
			var b bool
			if err := json.Unmarshal(body, &b); err != nil || !b {
				return nil, errors.New("NULL must be true")
			}
			return &types.AttributeValueMemberNULL{Value: true}, nil
		case "SS":
			var s []string
			err := json.Unmarshal(body, &s)
			return &types.AttributeValueMemberSS{Value: s}, err
		case "NS":
			var s []string
			err := json.Unmarshal(body, &s)
			return &types.AttributeValueMemberNS{Value: s}, err
		case "BS":
			var b [][]byte
			err := json.Unmarshal(body, &b)
			return &types.AttributeValueMemberBS{Value: b}, err
		case "L":
			var l []json.RawMessage
			if err := json.Unmarshal(body, &l); err != nil {
				return nil, err
			}
			out := make([]types.AttributeValue, len(l))
			for i, e := range l {
				v, err := decodeValue(e)
				if err != nil {
					return nil, err
				}
				out[i] = v
			}
			return &types.AttributeValueMemberL{Value: out}, nil
		case "M":
			var m map[string]json.RawMessage
			if err := json.Unmarshal(body, &m); err != nil {
				return nil, err
			}
			v, err := decodeMap(m)
			if err != nil {
				return nil, err
			}
			return &types.AttributeValueMemberM{Value: v}, nil
		default:
			return nil, fmt.Errorf("unknown type key %q", typ)
		}
	}
	panic("unreachable")
}
