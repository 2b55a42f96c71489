package apigw

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"sync"
)

// The API's description is kept in fragments, one per capability, beside a
// base that holds what they share; OpenAPI is them merged.
//
//go:embed openapi/*.json
var openAPIFragments embed.FS

// OpenAPI is the API's description for the people who build co-ops' websites;
// a test keeps it equal to the route table and checks handlers against it.
// It is merged on first use, so only the function that serves it pays at
// start-up.
var OpenAPI = sync.OnceValue(func() []byte { return mustMergeOpenAPI(openAPIFragments) })

type openAPIDoc = map[string]any

// mustMergeOpenAPI adds every fragment's paths and components to base.json,
// refusing a path or component defined twice.
func mustMergeOpenAPI(fsys fs.FS) []byte {
	read := func(name string) openAPIDoc {
		b, err := fs.ReadFile(fsys, name)
		var doc openAPIDoc
		if err == nil {
			err = json.Unmarshal(b, &doc)
		}
		if err != nil {
			panic(fmt.Sprintf("openapi fragment %s: %v", name, err))
		}
		return doc
	}
	base := read("openapi/base.json")
	names, _ := fs.Glob(fsys, "openapi/*.json") // the pattern is valid
	for _, name := range names {
		if path.Base(name) == "base.json" {
			continue
		}
		frag := read(name)
		mergeInto(base, "paths", frag["paths"], name)
		comps, _ := frag["components"].(openAPIDoc)
		for kind, v := range comps {
			mergeInto(base["components"].(openAPIDoc), kind, v, name)
		}
	}
	b, err := json.Marshal(base)
	if err != nil {
		panic(err)
	}
	return b
}

func mergeInto(dst openAPIDoc, key string, src any, from string) {
	m, _ := src.(openAPIDoc)
	into, ok := dst[key].(openAPIDoc)
	if !ok {
		into = openAPIDoc{}
		dst[key] = into
	}
	for k, v := range m {
		if _, dup := into[k]; dup {
			panic(fmt.Sprintf("openapi: %s defines %s %s again", from, key, k))
		}
		into[k] = v
	}
}

func (h *Handler) openAPI(context.Context, *request) (*response, error) {
	return &response{status: http.StatusOK, body: OpenAPI(), headers: map[string]string{"content-type": "application/json"}}, nil
}
