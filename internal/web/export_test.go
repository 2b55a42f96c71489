package web

// EnglishOnly are the catalogue's English sentences that differ from their
// Welsh, which no Welsh page may show.
func EnglishOnly() []string {
	var out []string
	for _, t := range pageText {
		if t.en != t.cy && len(t.en) > 3 {
			out = append(out, t.en)
		}
	}
	return out
}
