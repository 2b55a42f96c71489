package messages

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// Workplace pensions: notices and settings.
func init() {
	add(map[string]text{
		dpcoop.CodePensionNotMember:     {"Nid yw'r PA hwn yn aelod o'r cynllun pensiwn ar hyn o bryd.", "This PA is not a member of the pension scheme at the moment."},
		dpcoop.CodePensionNotInformed:   {"Nid yw'r llythyr cofrestru wedi'i roi eto, felly nid yw'r cyfnod optio allan wedi dechrau. Mae'n dechrau pan fydd cyflogres y mis wedi'i chwblhau.", "The enrolment letter has not been issued yet, so the opt-out period has not begun. It begins when the month's payroll is final."},
		dpcoop.CodePensionOptOutClosed:  {"Mae'r cyfnod optio allan wedi dod i ben (mis o'r cofrestru neu o'r llythyr, pa un bynnag sydd hwyraf), neu nid oes hawl i optio allan o'r aelodaeth hon. Gall y PA adael y cynllun o hyd (POST .../pension/cease): daw'r cyfraniadau i ben, ond nid oes ad-daliad.", "The opt-out period has ended (a month from enrolment or from the letter, whichever is later), or this membership has no right to opt out. The PA can still leave the scheme (POST .../pension/cease): contributions stop, but nothing is refunded."},
		dpcoop.CodePensionAlreadyMember: {"Mae'r PA hwn eisoes yn aelod o'r cynllun pensiwn.", "This PA is already a member of the pension scheme."},
		dpcoop.CodeNestNotSetUp:         {"Rhowch gyfeirnod cyflogwr NEST (nest_employer_reference) ac enw'r ffynhonnell dalu (nest_payment_source) yng ngosodiadau'r gyflogres yn gyntaf.", "Set the NEST employer reference (nest_employer_reference) and payment source name (nest_payment_source) in the payroll settings first."},

		"field." + dpcoop.FieldReEnrolmentWindow: {"Rhaid i'r dyddiad ailgofrestru fod o fewn tri mis y naill ochr i drydydd pen-blwydd dyddiad dechrau'r dyletswyddau (neu'r dyddiad ailgofrestru diwethaf).", "The re-enrolment date must be within three months either side of the third anniversary of the duties start date (or of the last re-enrolment date)."},
		"field." + dpcoop.FieldNestReference:     {"Rhowch gyfeirnod cyflogwr NEST: EMP a naw digid, fel EMP123456789.", "Enter a NEST employer reference: EMP and nine digits, like EMP123456789."},
	})
}
