package dynamo

import (
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestItemJSONRoundTrip: every attribute type survives a line and back, and
// the same item always makes the same line (names and set members ordered).
func TestItemJSONRoundTrip(t *testing.T) {
	item := map[string]types.AttributeValue{
		"PK":    &types.AttributeValueMemberS{Value: "T#demo"},
		"SK":    &types.AttributeValueMemberS{Value: "MEMBER#1"},
		"Name":  &types.AttributeValueMemberS{Value: "Siân <Hughes> & \"co\"\n"},
		"Pence": &types.AttributeValueMemberN{Value: "-12.5E+3"},
		"Blob":  &types.AttributeValueMemberB{Value: []byte{0, 1, 2, 255}},
		"Ok":    &types.AttributeValueMemberBOOL{Value: true},
		"Gone":  &types.AttributeValueMemberNULL{Value: true},
		"Tags":  &types.AttributeValueMemberSS{Value: []string{"b", "a"}},
		"Nums":  &types.AttributeValueMemberNS{Value: []string{"2", "1"}},
		"Bins":  &types.AttributeValueMemberBS{Value: [][]byte{{2}, {1}}},
		"List": &types.AttributeValueMemberL{Value: []types.AttributeValue{
			&types.AttributeValueMemberS{Value: "x"}, &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
				"Deep": &types.AttributeValueMemberL{Value: []types.AttributeValue{}},
			}},
		}},
		"Empty": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{}},
	}
	line, err := encodeItem(item)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(line), `{"Item":{"Bins":{"BS":["AQ==","Ag=="]},"Blob":{"B":"AAEC/w=="}`) || strings.Contains(string(line), "\n") ||
		!strings.Contains(string(line), `"Name":{"S":"Siân <Hughes> & \"co\"\n"}`) || !strings.Contains(string(line), `"Tags":{"SS":["a","b"]}`) {
		t.Fatalf("line %s", line)
	}
	back, err := decodeItem(line)
	if err != nil {
		t.Fatal(err)
	}
	again, err := encodeItem(back)
	if err != nil || string(again) != string(line) {
		t.Fatalf("not stable:\n%s\n%s (%v)", line, again, err)
	}
	if !reflect.DeepEqual(back["List"], item["List"]) || !reflect.DeepEqual(back["Pence"], item["Pence"]) {
		t.Fatalf("list or number changed: %#v", back)
	}
}

func TestItemJSONRefusesWhatIsNotAnItem(t *testing.T) {
	for _, line := range []string{
		``, `[]`, `{}`, `{"Item":{"PK":"T#demo"}}`, `{"Item":{"PK":{"S":"a","N":"1"}}}`, `{"Item":{"PK":{"X":"a"}}}`,
		`{"Item":{"N":{"N":"one"}}}`, `{"Item":{"N":{"N":"01"}}}`, `{"Item":{"Z":{"NULL":false}}}`, `{"Item":{}, "Extra":1}`,
		`{"Item":{"PK":{"S":"a"}}} {"Item":{}}`, `{"Item":{"L":{"L":[{"Q":1}]}}}`,
	} {
		if _, err := decodeItem([]byte(line)); err == nil {
			t.Errorf("%s was read as an item", line)
		}
	}
}

// FuzzDecodeItem: an import file is outside input. Whatever a line holds,
// reading it never panics, and a line read as an item writes back as a line
// that reads as the same item.
func FuzzDecodeItem(f *testing.F) {
	for _, s := range []string{
		`{"Item":{"PK":{"S":"T#demo"},"SK":{"S":"COOP"},"N":{"N":"1.5"},"L":{"L":[{"NULL":true},{"M":{"a":{"BOOL":false}}}]}}}`,
		`{"Item":{"B":{"B":"AAE="},"BS":{"BS":["AQ=="]},"NS":{"NS":["1","2"]},"SS":{"SS":["x"]}}}`,
		`{"Item":{}}`, `{"Item":{"PK":{"S":"a","N":"1"}}}`, `not json`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		item, err := decodeItem(line)
		if err != nil {
			return
		}
		out, err := encodeItem(item)
		if err != nil {
			t.Fatalf("decoded %q but cannot encode it: %v", line, err)
		}
		again, err := decodeItem(out)
		if err != nil {
			t.Fatalf("wrote %q, which does not read: %v", out, err)
		}
		if out2, _ := encodeItem(again); string(out2) != string(out) {
			t.Fatalf("not stable: %s then %s", out, out2)
		}
	})
}
