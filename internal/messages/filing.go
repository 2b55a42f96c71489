package messages

import (
	"regexp"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// Filing with HMRC: why a submission failed, and what HMRC's error numbers
// mean for the admin, with what to fix.
func init() {
	add(map[string]text{
		dpcoop.CodeNothingToRetry: {"Does dim cyflwyniad i CThEF wedi methu na'i wrthod y mis hwn, felly does dim i roi cynnig arall arno.", "No submission to HMRC failed or was rejected this month, so there is nothing to retry."},

		"submission.state." + string(dpcoop.SubmissionQueued):       {"Yn aros i'w anfon", "Waiting to be sent"},
		"submission.state." + string(dpcoop.SubmissionSent):         {"Wedi'i anfon, dim ateb eto", "Sent, no answer yet"},
		"submission.state." + string(dpcoop.SubmissionAcknowledged): {"Wedi'i dderbyn gan CThEF i'w wirio", "Received by HMRC for checking"},
		"submission.state." + string(dpcoop.SubmissionAccepted):     {"Wedi'i dderbyn gan CThEF", "Accepted by HMRC"},
		"submission.state." + string(dpcoop.SubmissionRejected):     {"Wedi'i wrthod gan CThEF", "Rejected by HMRC"},
		"submission.state." + string(dpcoop.SubmissionFailed):       {"Wedi methu", "Failed"},

		"submission.reason." + dpcoop.SubmissionReasonBusy:         {"Roedd CThEF yn brysur bob tro y rhoeson ni gynnig arni. Does dim wedi'i ffeilio. Rhowch gynnig arall arni yn nes ymlaen.", "HMRC was busy every time we tried. Nothing was filed. Retry later."},
		"submission.reason." + dpcoop.SubmissionReasonNoAnswer:     {"Aeth y cyflwyniad i CThEF ond ni ddaeth ateb. Pan fyddwch yn rhoi cynnig arall arni, byddwn yn gofyn i CThEF yn gyntaf a yw ganddo'r cyflwyniad, felly ni chaiff ei anfon ddwywaith.", "The submission went to HMRC but no answer came. When you retry, we first ask HMRC whether it has the submission, so it is never sent twice."},
		"submission.reason." + dpcoop.SubmissionReasonCredentials:  {"Nid yw manylion Porth y Llywodraeth y cwmni cydweithredol wedi'u cadw. Rhowch nhw (PUT /v1/payroll/hmrc-credentials), yna rhowch gynnig arall arni.", "The co-op's Government Gateway credentials are not stored. Give them (PUT /v1/payroll/hmrc-credentials), then retry."},
		"submission.reason." + dpcoop.SubmissionReasonReferences:   {"Nid yw cyfeirnod TWE y cyflogwr na chyfeirnod y Swyddfa Gyfrifon yng ngosodiadau'r gyflogres. Ychwanegwch nhw, yna rhowch gynnig arall arni.", "The employer PAYE reference or the Accounts Office reference is not in the payroll settings. Add them, then retry."},
		"submission.reason." + dpcoop.SubmissionReasonPARecord:     {"Mae cofnod PA sydd wedi'i dalu yn brin o rywbeth sydd ei angen ar CThEF (enw, cyfeiriad neu god treth). Gwiriwch gofnodion y PAs, yna rhowch gynnig arall arni.", "A paid PA's record lacks something HMRC needs (name, address or tax code). Check the PAs' records, then retry."},
		"submission.reason." + dpcoop.SubmissionReasonNoGender:     {"Mae angen i CThEF gael y rhyw sydd ar ei gofnodion ar gyfer pob PA a dalwyd (M neu F). Dyma'r rhyw sydd gan CThEF amdanyn nhw, a all fod yn wahanol i'r ffordd y mae'r PA yn disgrifio ei hun: gofynnwch iddyn nhw beth sydd gan CThEF. Ychwanegwch hmrc_gender at gofnod y PA, yna rhowch gynnig arall arni.", "HMRC needs the gender on its records for every PA paid (M or F). This is the gender HMRC holds for them, which may differ from how the PA describes themself: ask them what HMRC holds. Add hmrc_gender to the PA's record, then retry."},
		"submission.reason." + dpcoop.SubmissionReasonStarter:      {"Dyma daliad cyntaf y PA hwn, ac mae angen datganiad dechreuwr (A, B neu C) ar CThEF. Cofnodwch ef yn hanes cyflog y PA, yna rhowch gynnig arall arni.", "This is the PA's first payment, and HMRC needs their starter declaration (A, B or C). Record it in the PA's pay history, then retry."},
		"submission.reason." + dpcoop.SubmissionReasonUnknownState: {"Nid oes gan CThEF ateb i'r cyflwyniad hwn bellach, felly ni wyddom a gafodd ei dderbyn. Gwiriwch yn eich cyfrif TWE ar-lein gyda CThEF cyn rhoi cynnig arall arni.", "HMRC no longer holds an answer to this submission, so we do not know whether it was accepted. Check your PAYE online account with HMRC before you retry."},
		"submission.reason." + dpcoop.SubmissionReasonError:        {"Aeth rhywbeth o'i le wrth anfon hwn. Does dim wedi'i ffeilio oni bai bod CThEF wedi'i dderbyn. Rhowch gynnig arall arni; os bydd yn methu eto, cysylltwch â ni.", "Something went wrong sending this. Nothing is filed unless HMRC accepted it. Retry; if it fails again, contact us."},

		"hmrc.1000":     {"Roedd system CThEF yn brysur neu wedi methu. Does dim wedi'i ffeilio. Rhowch gynnig arall arni yn nes ymlaen.", "HMRC's system was busy or failed. Nothing was filed. Retry later."},
		"hmrc.1001":     {"Nid oedd y cyflwyniad ar y ffurf y mae CThEF yn ei mynnu. Mae hyn fel arfer yn golygu bod rhywbeth mewn cofnod PA (enw, cyfeiriad, rhif Yswiriant Gwladol, dyddiad) mewn ffurf na all CThEF ei derbyn: gwiriwch y cofnod a enwir isod, yna rhowch gynnig arall arni.", "The submission was not in the form HMRC requires. This usually means something in a PA's record (name, address, NI number, a date) is in a form HMRC cannot take: check the record named below, then retry."},
		"hmrc.1046":     {"Gwrthododd CThEF fanylion Porth y Llywodraeth. Gwiriwch yr ID defnyddiwr a'r cyfrinair (a bod y cyfrif wedi cofrestru ar gyfer TWE i gyflogwyr), rhowch nhw eto, yna rhowch gynnig arall arni.", "HMRC refused the Government Gateway credentials. Check the user ID and password (and that the account is enrolled for PAYE for employers), give them again, then retry."},
		"hmrc.2021":     {"Nid oedd y marc diogelwch (IRmark) yn cyfateb i'r cyflwyniad. Nid eich bai chi yw hyn: rhowch gynnig arall arni, a chysylltwch â ni os bydd yn digwydd eto.", "The security mark (IRmark) did not match the submission. This is not your fault: retry, and contact us if it happens again."},
		"hmrc.3001":     {"Gwrthododd CThEF y cyflwyniad oherwydd ei reolau busnes. Mae'r rheolau a dorrwyd wedi'u rhestru isod.", "HMRC refused the submission under its business rules. The rules broken are listed below."},
		"hmrc.5004":     {"Nid oedd cyfeirnod TWE y cyflogwr yn y cyflwyniad. Gwiriwch y cyfeirnod yn y gosodiadau cyflogres.", "The employer PAYE reference was missing from the submission. Check the reference in the payroll settings."},
		"hmrc.5005":     {"Nid oedd cyfeirnodau'r cyflogwr yn cyfateb drwy'r cyflwyniad. Nid eich bai chi yw hyn: cysylltwch â ni.", "The employer references did not match across the submission. This is not your fault: contact us."},
		"hmrc.7821":     {"Nid yw rhif swyddfa dreth (tri digid cyntaf cyfeirnod TWE y cyflogwr) yn cyfateb i gofnodion CThEF. Gwiriwch ef yn erbyn llythyr CThEF a'i gywiro yn y gosodiadau cyflogres.", "The tax office number (the first three digits of the employer PAYE reference) does not match HMRC's records. Check it against HMRC's letter and correct it in the payroll settings."},
		"hmrc.7822":     {"Nid yw cyfeirnod TWE y cyflogwr yn cyfateb i gofnodion CThEF. Gwiriwch ef yn erbyn llythyr CThEF a'i gywiro yn y gosodiadau cyflogres.", "The employer PAYE reference does not match HMRC's records. Check it against HMRC's letter and correct it in the payroll settings."},
		"hmrc.business": {"Torrodd y cyflwyniad reol {number} CThEF. Dywed CThEF: \"{text}\". Cywirwch y cofnod y mae'n ei enwi (lleoliad: {location}), yna rhowch gynnig arall arni.", "The submission broke HMRC's rule {number}. HMRC says: \"{text}\". Correct the record it names (location: {location}), then retry."},
		"hmrc.other":    {"Rhoddodd CThEF wall {number}: \"{text}\". Os nad yw'n glir beth i'w gywiro, cysylltwch â ni gyda'r rhif hwn.", "HMRC gave error {number}: \"{text}\". If it is not clear what to correct, contact us with this number."},
	})
}

// businessRule is one of HMRC's four-digit business rule numbers (raised
// with error 3001).
var businessRule = regexp.MustCompile(`^[4-9][0-9]{3}$`)

// HMRCExplanation is what one of HMRC's errors means for the admin and
// what to fix, in language l. HMRC's own text is kept beside it: rule
// numbers without their own explanation quote it.
func HMRCExplanation(l dpcoop.Lang, number, text, location string) string {
	key := "hmrc." + number
	if _, ok := catalogue[key]; !ok {
		key = "hmrc.other"
		if businessRule.MatchString(number) {
			key = "hmrc.business"
		}
	}
	if location == "" {
		location = "-"
	}
	return Text(l, key, map[string]string{"number": number, "text": text, "location": location})
}
