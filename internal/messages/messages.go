// Package messages holds every sentence a person reads from the API, in Welsh
// and in English, keyed by the stable codes of package dpcoop. Welsh is
// offered no less favourably than English: a key missing in either language
// fails the tests.
package messages

import (
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

type text struct{ cy, en string }

// catalogue keys: error codes as they are; field error codes as "field.<code>".
var catalogue = map[string]text{
	dpcoop.CodeInternal:            {"Aeth rhywbeth o'i le ar ein hochr ni. Rhowch gynnig arall arni nes ymlaen.", "Something went wrong on our side. Please try again later."},
	dpcoop.CodeValidation:          {"Mae angen newid rhai atebion. Gwiriwch y meysydd a restrir.", "Some answers need changing. Check the fields listed."},
	dpcoop.CodeMalformed:           {"Doedden ni ddim yn gallu darllen y cais hwn. Anfonwch JSON dilys neu ffurflen we.", "We could not read this request. Send valid JSON or a web form."},
	dpcoop.CodeUnauthenticated:     {"Mewngofnodwch i wneud hyn.", "Please sign in to do this."},
	dpcoop.CodeForbidden:           {"Does gennych chi ddim caniatâd i wneud hyn.", "You do not have permission to do this."},
	dpcoop.CodeAccessEnded:         {"Mae eich mynediad i'r cwmni cydweithredol wedi dod i ben. I gael copi o'ch cofnodion a'ch datganiadau, cysylltwch â'r cwmni cydweithredol.", "Your access to the co-op has ended. To get a copy of your records and statements, contact the co-op."},
	dpcoop.CodeNotFound:            {"Doedden ni ddim yn gallu dod o hyd i hynny.", "We could not find that."},
	dpcoop.CodeRouteNotFound:       {"Does dim cyfeiriad o'r fath yn y gwasanaeth hwn.", "There is no such address in this service."},
	dpcoop.CodeSlugTaken:           {"Mae cwmni cydweithredol arall eisoes yn defnyddio'r enw byr hwnnw. Dewiswch un gwahanol.", "Another co-op already uses that short name. Choose a different one."},
	dpcoop.CodeAlreadyDecided:      {"Mae penderfyniad gwahanol eisoes wedi'i wneud ar y cais hwn.", "A different decision has already been made on this application."},
	dpcoop.CodeAlreadyCeased:       {"Mae'r aelod hwn eisoes wedi gadael y cwmni cydweithredol ar ddyddiad arall.", "This member already left the co-op on another date."},
	dpcoop.CodeIdempotencyMismatch: {"Mae'r allwedd cais hon eisoes wedi'i defnyddio ar gyfer cais gwahanol. Defnyddiwch allwedd newydd.", "This request key was already used for a different request. Use a new key."},
	dpcoop.CodeReferenceTaken:      {"Doedden ni ddim yn gallu rhoi cyfeirnod i'r cais. Anfonwch ef eto mewn munud.", "We could not give the application a reference. Send it again in a moment."},
	dpcoop.CodeTooLarge:            {"Mae'r hyn a anfonwyd gennych yn rhy hir. Byrhewch ef a rhowch gynnig arall arni.", "What you sent is too long. Shorten it and try again."},
	dpcoop.CodeUnsupportedMedia:    {"Anfonwch y cais fel JSON neu fel ffurflen we.", "Send the request as JSON or as a web form."},
	dpcoop.CodeRateLimited:         {"Gormod o ymdrechion. Arhoswch funud a rhowch gynnig arall arni.", "Too many attempts. Please wait a minute and try again."},
	dpcoop.CodeUnavailable:         {"Mae'r gwasanaeth yn brysur. Rhowch gynnig arall arni mewn munud.", "The service is busy. Please try again in a moment."},
	dpcoop.CodeRedirectNotAllowed:  {"Nid yw'r dudalen i ddychwelyd iddi ar wefan y cwmni cydweithredol hwn.", "The page to return to is not on this co-op's website."},
	dpcoop.CodeChangedMeanwhile:    {"Newidiodd rhywun arall hyn ar yr un pryd. Edrychwch arno eto a rhowch gynnig arall arni.", "Someone else changed this at the same time. Look at it again and try again."},
	dpcoop.CodeNotAcceptable:       {"Gallwn ateb mewn JSON, neu CSV lle mae ar gael, yn unig.", "We can answer only in JSON, or CSV where it is offered."},

	"field." + dpcoop.FieldRequired:     {"Llenwch y maes hwn.", "Fill in this field."},
	"field." + dpcoop.FieldTooLong:      {"Defnyddiwch {max} nod neu lai.", "Use {max} characters or fewer."},
	"field." + dpcoop.FieldTooMany:      {"Rhowch {max} neu lai.", "Give {max} or fewer."},
	"field." + dpcoop.FieldInvalid:      {"Mae hwn yn cynnwys rhywbeth na allwn ei dderbyn. Gwiriwch ef.", "This holds something we cannot accept. Check it."},
	"field." + dpcoop.FieldHidden:       {"Mae hwn yn cynnwys nodau cudd neu nodau rheoli. Teipiwch ef eto yn lle ei gludo.", "This holds hidden or control characters. Type it again instead of pasting it."},
	"field." + dpcoop.FieldOneLine:      {"Ysgrifennwch hwn ar un llinell.", "Write this on one line."},
	"field." + dpcoop.FieldNoLetter:     {"Rhaid i enw gynnwys o leiaf un llythyren.", "A name must have at least one letter."},
	"field." + dpcoop.FieldEmail:        {"Rhowch gyfeiriad e-bost fel enw@example.com.", "Enter an email address like name@example.com."},
	"field." + dpcoop.FieldEmailInUse:   {"Mae rhywun arall yn mewngofnodi gyda'r cyfeiriad e-bost hwn. Rhowch gyfeiriad arall.", "Someone else signs in with this email address. Enter a different one."},
	"field." + dpcoop.FieldSlug:         {"Defnyddiwch 3 i 40 o lythrennau bach, rhifau a chysylltnodau sengl, fel fy-nghwmni.", "Use 3 to 40 small letters, numbers and single hyphens, like my-coop."},
	"field." + dpcoop.FieldOrigin:       {"Rhowch gyfeiriad gwe fel https://www.example.org heb ddim ar ôl yr enw.", "Enter a web address like https://www.example.org with nothing after the name."},
	"field." + dpcoop.FieldLanguage:     {"Dewiswch Gymraeg (cy) neu Saesneg (en).", "Choose Welsh (cy) or English (en)."},
	"field." + dpcoop.FieldChoice:       {"Dewiswch un o'r dewisiadau.", "Choose one of the options."},
	"field." + dpcoop.FieldBoolean:      {"Atebwch ie (yes) neu na (no).", "Answer yes or no."},
	"field." + dpcoop.FieldDate:         {"Rhowch ddyddiad go iawn fel 2026-04-06.", "Enter a real date like 2026-04-06."},
	"field." + dpcoop.FieldDateFuture:   {"Ni all y dyddiad fod yn y dyfodol.", "The date cannot be in the future."},
	"field." + dpcoop.FieldDateBefore:   {"Ni all y dyddiad fod cyn i'r aelod ymuno ({entered}).", "The date cannot be before the member joined ({entered})."},
	"field." + dpcoop.FieldEntryTooOld:  {"Ni allwn gofnodi arian â dyddiad mwy na {months} mis yn ôl. Rhowch ddyddiad ar {min} neu wedyn.", "Money cannot be recorded with a date more than {months} months back. Enter a date on or after {min}."},
	"field." + dpcoop.FieldDateTooEarly: {"Ni all y dyddiad fod cyn {min}.", "The date cannot be before {min}."},
	"field." + dpcoop.FieldUnknown:      {"Dydyn ni ddim yn adnabod y maes hwn. Tynnwch ef.", "We do not know this field. Remove it."},
	"field." + dpcoop.FieldRepeated:     {"Rhowch y maes hwn unwaith yn unig.", "Give this field once only."},
	"field." + dpcoop.FieldPhone:        {"Rhowch rif ffôn fel 01234 567890.", "Enter a phone number like 01234 567890."},
	"field." + dpcoop.FieldCursor:       {"Nid yw'r ddolen dudalen hon yn ddilys. Dechreuwch o'r dudalen gyntaf.", "This page link is not valid. Start again from the first page."},
	"field." + dpcoop.FieldNumber:       {"Rhowch rif cyfan.", "Enter a whole number."},
	"field." + dpcoop.FieldOutOfRange:   {"Rhowch rif o {min} i {max}.", "Enter a number from {min} to {max}."},
	"field." + dpcoop.FieldNotOnOrigins: {"Nid yw'r dudalen hon ar wefan y cwmni cydweithredol.", "This page is not on the co-op's website."},
	"field." + dpcoop.FieldType:         {"Mae'r math anghywir o werth yma. Gwiriwch y fformat.", "This has the wrong kind of value. Check the format."},
}

// Text is the sentence for key in language l with {name} placeholders filled
// from params. An unknown key yields the generic internal-error sentence, so a
// person is never shown a bare code.
func Text(l dpcoop.Lang, key string, params map[string]string) string {
	t, ok := catalogue[key]
	if !ok {
		t = catalogue[dpcoop.CodeInternal]
	}
	s := t.en
	if l == dpcoop.Welsh {
		s = t.cy
	}
	for k, v := range params {
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	return s
}

// Field is the sentence for a field error code.
func Field(l dpcoop.Lang, code string, params map[string]string) string {
	return Text(l, "field."+code, params)
}

// add puts a capability's sentences in the catalogue; a key defined twice is
// a bug found at start-up.
func add(texts map[string]text) {
	for k, t := range texts {
		if _, dup := catalogue[k]; dup {
			panic("messages: " + k + " defined twice")
		}
		catalogue[k] = t
	}
}

// Has reports whether the catalogue holds key in both languages.
func Has(key string) bool {
	t, ok := catalogue[key]
	return ok && t.cy != "" && t.en != ""
}
