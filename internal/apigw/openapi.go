package apigw

import (
	"context"
	_ "embed"
	"net/http"
)

// OpenAPI is the API's description for the people who build co-ops' websites;
// a test keeps it equal to the route table and checks handlers against it.
//
//go:embed openapi.json
var OpenAPI []byte

func (h *Handler) openAPI(context.Context, *request) (*response, error) {
	return &response{status: http.StatusOK, body: OpenAPI, headers: map[string]string{"content-type": "application/json"}}, nil
}
