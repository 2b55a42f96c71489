package dynamo

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Every co-op's items share the partition prefix T#<coop>: a key is built only
// from a co-op the caller was given by a verified token or a public slug.
func tenant(c dpcoop.CoopID) string { return "T#" + string(c) }

const (
	skCoop        = "COOP"
	prefixPerson  = "PERSON#"
	prefixApp     = "APP#"
	prefixAppRef  = "APPREF#" // APPREF#<reference>: the application holding it
	prefixMember  = "MEMBER#"
	coopsIndexKey = "COOPS"
	prefixRate    = "RATE#"
	prefixKey     = "KEY#"
	prefixAccess  = "ACCESS#" // ACCESS#<person>: the day their access ended
)

// sortLayout writes an instant at a fixed width, to the nanosecond, so that
// sort keys holding instants sort as the instants do. RFC3339Nano drops
// trailing zeros: "10:00:00.5Z" sorts before "10:00:00Z", and "…00.15Z"
// before "…00.1Z".
const sortLayout = "2006-01-02T15:04:05.000000000Z"

// sortable is t, in UTC, as a sort key.
func sortable(t time.Time) string { return t.UTC().Format(sortLayout) }

func applicationsByStatus(c dpcoop.CoopID, s dpcoop.ApplicationStatus) string {
	return tenant(c) + "#APP#" + string(s)
}

// cursor is what a page token carries: only sort keys. The partition key is
// rebuilt from the caller's co-op, so a token forged or carried from another
// co-op can never start a read in someone else's partition.
type cursor struct {
	SK     string `json:"s"`
	GSI1SK string `json:"g,omitempty"`
}

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c) // a struct of strings always marshals
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads a page token, refusing anything not made for this list.
func decodeCursor(token, skPrefix string) (cursor, error) {
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err == nil {
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		err = dec.Decode(&c)
	}
	if err != nil || !strings.HasPrefix(c.SK, skPrefix) || len(c.SK) > 200 || len(c.GSI1SK) > 200 {
		var p dpcoop.Problems
		p.Add("cursor", dpcoop.FieldCursor)
		return cursor{}, p.Err("decode cursor")
	}
	return c, nil
}
