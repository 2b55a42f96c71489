package messages

import "github.com/dpcoop/dpcoop/internal/dpcoop"

// Safe recruitment: right-to-work checks, references and DBS checks.
func init() {
	add(map[string]text{
		"field." + dpcoop.FieldRightToWorkNotChecked:   {"Does dim gwiriad hawl i weithio dilys ar gyfer y PA hwn ar y dyddiad hwn, felly ni ellir talu am y gwaith. Gofynnwch i'r cwmni cydweithredol wirio a chofnodi ei hawl i weithio yn gyntaf.", "There is no valid right to work check for this PA on this date, so the work cannot be paid. Ask the co-op to check and record their right to work first."},
		"field." + dpcoop.FieldExpiryNotAfterCheck:     {"Rhaid i'r dyddiad y daw'r caniatâd i ben fod ar ôl dyddiad y gwiriad.", "The date the permission ends must be after the date of the check."},
		"field." + dpcoop.FieldIDSPNoExpiry:            {"Dim ond pasbortau Prydeinig a Gwyddelig y mae darparwr gwasanaeth hunaniaeth yn eu gwirio, ac nid oes terfyn amser ar yr hawl i weithio y maent yn ei dangos. Gadewch y dyddiad hwn yn wag.", "An identity service provider checks British and Irish passports only, and the right to work they show has no time limit. Leave this date empty."},
		"field." + dpcoop.FieldReceivedBeforeRequested: {"Ni all geirda ddod i law cyn i chi ofyn amdano.", "A reference cannot arrive before you asked for it."},
		"problem." + dpcoop.FieldRightToWorkNotChecked: {"Mae gwaith wedi'i gymeradwyo i'r PA hwn ar ddiwrnod nad oes gwiriad hawl i weithio dilys ar ei gyfer. Ni ellir ei dalu: cofnodwch y gwiriad (os cafodd ei wneud cyn y gwaith) neu gwrthodwch y gwaith, ac ailgyfrifwch cyn cwblhau.", "Work is approved for this PA on a day no valid right to work check covers. It cannot be paid: record the check (if it was done before the work) or reject the work, and calculate again before finalising."},
	})
}
