package messages

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// The rota and cover for a PA who is away: problems, and the emails a PA
// asked to cover, and the member and admins when it is covered, are sent.
func init() {
	add(map[string]text{
		dpcoop.CodePlanCancelled:   {"Mae'r shifft hon wedi'i chanslo.", "This shift has been cancelled."},
		dpcoop.CodeShiftCovered:    {"Mae rhywun arall eisoes wedi cymryd y shifft hon. Diolch am gynnig.", "Someone else has already taken this shift. Thank you for offering."},
		dpcoop.CodeNoCoverNeeded:   {"Nid oes angen rhywun i gyflenwi ar gyfer y shifft hon: mae ei chynorthwyydd ar gael.", "This shift does not need cover: its PA is available."},
		dpcoop.CodeNotAskedToCover: {"Ni ofynnwyd i chi gyflenwi ar gyfer y shifft hon.", "You were not asked to cover this shift."},

		"field." + dpcoop.FieldPlanInPast:      {"Rhaid i'r shifft ddechrau yn y dyfodol.", "The shift must start in the future."},
		"field." + dpcoop.FieldPlanTooFarAhead: {"Gallwch gynllunio shifft hyd at {max_days} diwrnod ymlaen llaw.", "You can plan a shift up to {max_days} days ahead."},
		"field." + dpcoop.FieldNotACandidate:   {"Dewiswch gynorthwywyr o'r rhestr o'r rhai a allai gyflenwi yn unig.", "Choose only PAs from the list of those who could cover."},
		"field." + dpcoop.FieldNoCandidates:    {"Nid oes unrhyw gynorthwyydd ar gael i gyflenwi. Cysylltwch â'r gydweithfa.", "No PA is free to cover. Contact the co-op."},

		"cover.cover_request.subject": {"A allwch chi gyflenwi shifft ar {date}?", "Can you cover a shift on {date}?"},
		"cover.cover_request.body": {"Mae angen rhywun i gyflenwi shifft ar {date} o {start} tan {end}.\n\nMewngofnodwch i dpcoop ac ewch i'ch tudalennau cynorthwyydd i'w derbyn neu ei gwrthod. Y cyntaf i'w derbyn sy'n cael y shifft.",
			"A shift on {date} from {start} to {end} needs cover.\n\nSign in to dpcoop and go to your PA pages to accept or decline it. The first to accept gets the shift."},
		"cover.cover_taken.subject": {"Mae'r shifft ar {date} wedi'i chyflenwi", "The shift on {date} is covered"},
		"cover.cover_taken.body": {"Mae cynorthwyydd wedi derbyn y shifft ar {date} o {start} tan {end}.\n\nMewngofnodwch i dpcoop i weld pwy fydd yn dod.",
			"A PA has accepted the shift on {date} from {start} to {end}.\n\nSign in to dpcoop to see who is coming."},
	})
}
