package web

import (
	"strings"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/messages"
)

// text is one sentence of the pages in Welsh and in English.
type text struct{ cy, en string }

// pageText holds every word the pages show that is not an API problem
// (those come from package messages). Form fields follow a pattern:
// "<form>.<field>" is the label, "<form>.<field>.hint" its hint and
// "<form>.<field>.<code>" a message for one error code more specific than
// the API's.
var pageText = map[string]text{
	"service.name":               {"Cwmni cydweithredol", "Co-op"},
	"lang.switch":                {"Iaith", "Language"},
	"lang.cy":                    {"Cymraeg", "Cymraeg"},
	"lang.en":                    {"English", "English"},
	"skip":                       {"Neidio i'r prif gynnwys", "Skip to main content"},
	"menu":                       {"Dewislen", "Menu"},
	"footer.help":                {"Cysylltwch â'ch cwmni cydweithredol os oes angen help arnoch.", "Contact your co-op if you need help."},
	"error.title":                {"Mae problem", "There is a problem"},
	"error.prefix":               {"Gwall:", "Error:"},
	"notice.title":               {"Llwyddiant", "Success"},
	"notice.important":           {"Pwysig", "Important"},
	"button.continue":            {"Parhau", "Continue"},
	"nav.signout":                {"Allgofnodi", "Sign out"},
	"date.day":                   {"Diwrnod", "Day"},
	"date.month":                 {"Mis", "Month"},
	"date.year":                  {"Blwyddyn", "Year"},
	"notfound.title":             {"Heb ddod o hyd i'r dudalen", "Page not found"},
	"notfound.body":              {"Os teipioch y cyfeiriad, gwiriwch ei fod yn gywir.", "If you typed the address, check it is correct."},
	"problem.title":              {"Mae'n ddrwg gennym, mae problem gyda'r gwasanaeth", "Sorry, there is a problem with the service"},
	"forbidden.title":            {"Does gennych chi ddim mynediad i'r dudalen hon", "You cannot see this page"},
	"expired.body":               {"Fe wnaethon ni eich allgofnodi i ddiogelu eich manylion. Mewngofnodwch eto i barhau.", "We signed you out to keep your details safe. Sign in again to carry on."},
	"csrf.title":                 {"Doedden ni ddim yn gallu cadw hynny", "We could not save that"},
	"csrf.body":                  {"Roedd y dudalen ar agor yn rhy hir neu fe'i hanfonwyd o rywle arall. Ewch yn ôl a rhowch gynnig arall arni.", "The page was open too long or was sent from somewhere else. Go back and try again."},
	"home.title":                 {"Eich cyfrif", "Your account"},
	"home.nothing":               {"Does dim tudalennau i'ch rôl chi yma eto.", "There are no pages for your role here yet."},
	"signout.done":               {"Rydych wedi allgofnodi.", "You have signed out."},
	"ended.title":                {"Mae eich mynediad wedi dod i ben", "Your access has ended"},
	"signin.title":               {"Mewngofnodi", "Sign in"},
	"signin.intro":               {"Byddwn yn anfon cod at eich cyfeiriad e-bost. Does dim angen cyfrinair.", "We will send a code to your email address. You do not need a password."},
	"signin.email":               {"Cyfeiriad e-bost", "Email address"},
	"signin.email.hint":          {"Yr un y rhoesoch i'ch cwmni cydweithredol", "The one you gave your co-op"},
	"signin.email.required":      {"Rhowch eich cyfeiriad e-bost", "Enter your email address"},
	"signin.email.invalid_email": {"Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com", "Enter an email address in the correct format, like name@example.com"},
	"signin.send":                {"Anfon cod", "Send code"},
	"code.title":                 {"Gwiriwch eich e-bost", "Check your email"},
	"code.intro":                 {"Os yw'r cyfeiriad yn un rydym yn ei adnabod, rydym wedi anfon cod 6 digid ato. Mae'r cod yn gweithio am 10 munud.", "If we know the address, we have sent a 6-digit code to it. The code works for 10 minutes."},
	"code.code":                  {"Cod", "Code"},
	"code.code.hint":             {"Er enghraifft, 123456", "For example, 123456"},
	"code.code.required":         {"Rhowch y cod o'r e-bost", "Enter the code from the email"},
	"code.code.invalid":          {"Mae'r cod yn anghywir neu wedi dod i ben. Gwiriwch yr e-bost, neu gofynnwch am god newydd", "The code is wrong or has expired. Check the email, or ask for a new code"},
	"code.again":                 {"Heb gael cod? Gofynnwch am un newydd", "Not got a code? Ask for a new one"},
	"choose.title":               {"Pa gwmni cydweithredol?", "Which co-op?"},
	"choose.coop":                {"Rydych yn perthyn i fwy nag un. Dewiswch pa un i'w ddefnyddio nawr.", "You belong to more than one. Choose which to use now."},
	"choose.coop.required":       {"Dewiswch gwmni cydweithredol", "Choose a co-op"},
	"role.admin":                 {"gweinyddwr", "admin"},
	"role.member":                {"aelod", "member"},
	"role.pa":                    {"cynorthwyydd personol", "personal assistant"},
	"role.operator":              {"gweithredwr", "operator"},
}

// T is the page text for key in l, or the API's sentence for a problem
// code; {name} placeholders are filled from pairs of args. A key in neither
// is a bug: it panics in tests (see text_test.go) rather than show a code.
func T(l dpcoop.Lang, key string, args ...string) string {
	s, ok := lookup(l, key)
	if !ok {
		s = messages.Text(l, key, nil)
	}
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+args[i]+"}", args[i+1])
	}
	return s
}

func lookup(l dpcoop.Lang, key string) (string, bool) {
	t, ok := pageText[key]
	if !ok {
		return "", false
	}
	if l == dpcoop.Welsh {
		return t.cy, true
	}
	return t.en, true
}

// fieldMessage is the message for an error code on a form's field: the
// page's own, more specific one if it has it, else the pages' words for the
// code (a date typed as day, month and year), else the API's.
func fieldMessage(l dpcoop.Lang, form string, fe dpcoop.FieldError) string {
	if s, ok := lookup(l, form+"."+fe.Field+"."+fe.Code); ok {
		return s
	}
	if s, ok := lookup(l, "form."+fe.Code); ok && len(fe.Params) == 0 {
		return s
	}
	return messages.Field(l, fe.Code, fe.Params)
}

// addText puts a group of pages' sentences in the catalogue; a key defined
// twice is a bug found at start-up.
func addText(texts map[string]text) {
	for k, t := range texts {
		if _, dup := pageText[k]; dup {
			panic("web: " + k + " defined twice")
		}
		pageText[k] = t
	}
}
