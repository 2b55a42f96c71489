// Command openapi writes the API's OpenAPI document, merged from its
// fragments, to standard output, so that make test can lint it with
// Redocly's recommended rules.
package main

import (
	"os"

	"github.com/dpcoop/dpcoop/internal/apigw"
)

func main() {
	if _, err := os.Stdout.Write(apigw.OpenAPI()); err != nil {
		os.Exit(1)
	}
}
