package messages

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// PAs' training, the co-op's employers' liability insurance and risk
// assessments.
func init() {
	add(map[string]text{
		"field." + dpcoop.FieldExpiryNotAfterStart: {"Rhaid i'r dyddiad hwn fod ar ôl y cyntaf: y dyddiad dod i ben ar ôl cwblhau'r cwrs neu ddechrau'r polisi, a'r adolygiad ar ôl yr asesiad.", "This date must be after the first: the expiry after the course was completed or the policy started, the review after the assessment."},
		"field." + dpcoop.FieldBelowLegalCover:     {"Yn ôl y gyfraith, rhaid i yswiriant atebolrwydd cyflogwr roi o leiaf £5 miliwn o yswiriant.", "By law, employers' liability insurance must give at least £5 million of cover."},
	})
}
