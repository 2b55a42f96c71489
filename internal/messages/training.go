package messages

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// PAs' training and the co-op's employers' liability insurance.
func init() {
	add(map[string]text{
		"field." + dpcoop.FieldExpiryNotAfter:  {"Rhaid i'r dyddiad dod i ben fod ar ôl y dyddiad y cwblhawyd y cwrs neu y dechreuodd y polisi.", "The expiry date must be after the day the course was completed or the policy started."},
		"field." + dpcoop.FieldBelowLegalCover: {"Yn ôl y gyfraith, rhaid i yswiriant atebolrwydd cyflogwr roi o leiaf £5 miliwn o yswiriant.", "By law, employers' liability insurance must give at least £5 million of cover."},
	})
}
