package messages

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// constants returns the string constants of a Go file whose names start with
// one of the prefixes, name → value.
func constants(t *testing.T, file string, prefixes ...string) map[string]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	ast.Inspect(f, func(node ast.Node) bool {
		vs, ok := node.(*ast.ValueSpec)
		if !ok || len(vs.Values) != 1 {
			return true
		}
		lit, ok := vs.Values[0].(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		for _, p := range prefixes {
			if strings.HasPrefix(vs.Names[0].Name, p) {
				out[vs.Names[0].Name], _ = strconv.Unquote(lit.Value)
			}
		}
		return true
	})
	return out
}

// TestEveryVoteCodeInBothLanguages covers the codes the votes capability
// adds (in dpcoop/motion.go) and every code of the ballot rules, which reach
// people as field errors on a motion or a vote.
func TestEveryVoteCodeInBothLanguages(t *testing.T) {
	n := 0
	for name, v := range constants(t, "../dpcoop/motion.go", "Code", "Field") {
		n++
		key := v
		if strings.HasPrefix(name, "Field") {
			key = "field." + v
		}
		if !Has(key) {
			t.Errorf("%s (%q) lacks Welsh or English text", name, key)
		}
	}
	for name, v := range constants(t, "../ballot/rules.go", "Code") {
		n++
		if !Has("field." + v) {
			t.Errorf("ballot.%s (%q) lacks Welsh or English text", name, v)
		}
	}
	if n < 50 {
		t.Fatalf("found only %d codes: the parse is not seeing the constants", n)
	}
}

func TestNoticesInBothLanguages(t *testing.T) {
	for _, kind := range []string{dpcoop.NoticeOpened, dpcoop.NoticeClosing} {
		for _, part := range []string{"subject", "body"} {
			key := "notice." + kind + "." + part
			if !Has(key) {
				t.Errorf("%s lacks Welsh or English text", key)
			}
			cy := Text(dpcoop.Welsh, key, map[string]string{"title": "T", "closes": "C", "text": "X", "motion": "M"})
			if strings.Contains(cy, "{") {
				t.Errorf("%s: unfilled placeholder in %q", key, cy)
			}
		}
	}
}
