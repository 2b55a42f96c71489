package apigw_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/internal/route"
)

// TestOpenAPIMatchesRouteTable fails when a route is missing from the document
// or the document describes a route the table lacks.
func TestOpenAPIMatchesRouteTable(t *testing.T) {
	doc := loadDoc(t)
	var inDoc, inTable []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			inDoc = append(inDoc, strings.ToUpper(method)+" "+path)
		}
	}
	for _, rt := range route.Table {
		inTable = append(inTable, rt.Key())
		item := doc.Paths.Find(rt.Path)
		if item == nil {
			continue // reported below as a difference
		}
		op := item.GetOperation(rt.Method)
		if op != nil && !rt.Public() && op.Responses.Value("429") == nil {
			t.Errorf("%s: a signed-in route must document its co-op's rate limit (429)", rt.Key())
		}
		if op != nil && rt.Method != "GET" {
			if op.Parameters.GetByInAndName("header", "Idempotency-Key") == nil || op.Responses.Value("409") == nil {
				t.Errorf("%s: a write route must document Idempotency-Key and its 409", rt.Key())
			}
		}
		if secured := op != nil && op.Security != nil && len(*op.Security) > 0; secured == rt.Public() {
			t.Errorf("%s: the document's security does not match the table (public=%v)", rt.Key(), rt.Public())
		}
	}
	sort.Strings(inDoc)
	sort.Strings(inTable)
	if strings.Join(inDoc, "\n") != strings.Join(inTable, "\n") {
		t.Fatalf("document:\n%s\n\nroute table:\n%s", strings.Join(inDoc, "\n"), strings.Join(inTable, "\n"))
	}
}
