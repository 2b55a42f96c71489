package web

import (
	"embed"
	"io/fs"
	"net/http"
)

// assetFiles are the pages' styles, images and script: dpcoop.css and
// enhance.mjs of our own, and under govuk/ GOV.UK Frontend's compiled CSS,
// JavaScript and images, copied from the pinned npm package at build time
// (make web-assets) and embedded in the binary, so the Lambda function serves
// them with the pages.
//
//go:embed all:assets
var assetFiles embed.FS

// assets serves /assets/; they may be cached for a day (their names do not
// change with their content).
func assets() http.Handler {
	sub, err := fs.Sub(assetFiles, "assets")
	if err != nil {
		panic(err)
	}
	files := http.StripPrefix("/assets/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}
