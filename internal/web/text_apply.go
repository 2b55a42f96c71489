package web

import (
	"github.com/dpcoop/dpcoop/internal/dpcoop"
	"github.com/dpcoop/dpcoop/internal/signup"
)

// The hosted application form's words, its confirmation and the page that
// explains a form post that failed. Messages are the field's own, keyed
// "apply.<field>.<code>", so no one reads "Fill in this field".
func init() {
	chooseKind := text{"Dewiswch sut rydych chi eisiau ymuno", "Select how you want to join"}
	chooseLang := text{"Dewiswch pa iaith rydych chi eisiau i ni ei defnyddio gyda chi", "Select which language you want us to use with you"}
	nameLetters := text{"Rhaid i'ch enw gynnwys o leiaf un llythyren", "Your name must have at least one letter"}
	retype := text{"Teipiwch eich ateb eto yn lle ei gludo", "Type your answer again instead of pasting it"}
	addText(map[string]text{
		"apply.title":                  {"Ymuno â {coop}", "Apply to join {coop}"},
		"apply.intro":                  {"Llenwch y ffurflen hon i ymuno â'r cwmni cydweithredol. Mae'n cymryd tua 5 munud.", "Fill in this form to join the co-op. It takes about 5 minutes."},
		"apply.help":                   {"Gallwch ofyn i rywun eich helpu.", "You can ask someone to help you."},
		"apply.kind":                   {"Sut rydych chi eisiau ymuno?", "How do you want to join?"},
		"apply.kind.member":            {"Aelod – rydw i'n cael taliadau uniongyrchol", "Member – I get direct payments"},
		"apply.kind.member.hint":       {"Arian gan eich cyngor i dalu am eich gofal a'ch cymorth yw taliadau uniongyrchol.", "Direct payments are money from your council to pay for your care and support."},
		"apply.kind.pa":                {"Cynorthwy-ydd personol (PA)", "Personal assistant (PA)"},
		"apply.kind.pa.hint":           {"Rydych chi eisiau gweithio i aelod o'r cwmni cydweithredol.", "You want to work for a member of the co-op."},
		"apply.kind.supporter":         {"Cefnogwr", "Supporter"},
		"apply.kind.supporter.hint":    {"Rydych chi eisiau helpu'r cwmni cydweithredol.", "You want to help the co-op."},
		"apply.name":                   {"Eich enw llawn", "Your full name"},
		"apply.email":                  {"Eich cyfeiriad e-bost", "Your email address"},
		"apply.email.hint":             {"Byddwn yn defnyddio hwn i gysylltu â chi.", "We will use this to contact you."},
		"apply.phone":                  {"Eich rhif ffôn (dewisol)", "Your phone number (optional)"},
		"apply.phone.hint":             {"Er enghraifft, 01234 567890", "For example, 01234 567890"},
		"apply.address":                {"Eich cyfeiriad post", "Your postal address"},
		"apply.address.hint":           {"Rhowch eich cod post hefyd.", "Put your postcode in too."},
		"apply.language":               {"Pa iaith rydych chi eisiau i ni ei defnyddio gyda chi?", "Which language do you want us to use with you?"},
		"apply.language.hint":          {"Byddwn yn ysgrifennu atoch ac yn siarad â chi yn yr iaith hon.", "We will write to you and speak to you in this language."},
		"apply.consent_electronic":     {"Papurau drwy e-bost", "Papers by email"},
		"apply.consent_electronic.yes": {"Gallwch anfon papurau'r cwmni cydweithredol ataf drwy e-bost", "You can send me the co-op's papers by email"},
		"apply.consent_electronic.yes.hint": {"Hynny yw, hysbysiadau, papurau cyfarfodydd a phapurau pleidleisio. Os na fyddwch yn ticio'r blwch, byddwn yn eu hanfon drwy'r post.",
			"This means notices, meeting papers and voting papers. If you do not tick the box, we will send them by post."},
		"apply.support_needs": {"Oes angen unrhyw help neu newidiadau arnoch i gymryd rhan? (dewisol)", "Do you need any help or changes to take part? (optional)"},
		"apply.support_needs.hint": {"Er enghraifft: Hawdd ei Ddeall, print bras, BSL, neu rywun i ddod gyda chi i gyfarfodydd. Dim ond y bobl yn y cwmni cydweithredol sy'n delio â cheisiadau fydd yn gweld hyn.",
			"For example: Easy Read, large print, BSL, or someone to come with you to meetings. Only the people in the co-op who deal with applications will see this."},
		"apply.send":          {"Anfon fy nghais", "Send my application"},
		"apply.privacy.title": {"Eich gwybodaeth", "Your information"},
		"apply.privacy": {"Rydym yn defnyddio eich atebion i ddelio â'ch cais. Os byddwch yn dod yn aelod, bydd eich enw a'ch cyfeiriad yn mynd ar y gofrestr aelodau. Mae'r gyfraith yn dweud bod rhaid i ni gadw'r gofrestr hon.",
			"We use your answers to deal with your application. If you become a member, your name and address go on the register of members. The law says we must keep this register."},
		"apply.nonce": {"Doedden ni ddim yn gallu anfon eich cais. Gwiriwch eich atebion a'i anfon eto. Rhaid i'ch porwr dderbyn cwcis o'r wefan hon.",
			"We could not send your application. Check your answers and send it again. Your browser must accept cookies from this site."},

		"apply.kind." + dpcoop.FieldRequired:                            chooseKind,
		"apply.kind." + dpcoop.FieldChoice:                              chooseKind,
		"apply.name." + dpcoop.FieldRequired:                            {"Rhowch eich enw llawn", "Enter your full name"},
		"apply.name." + dpcoop.FieldTooLong:                             {"Rhaid i'ch enw fod yn 200 nod neu lai", "Your name must be 200 characters or fewer"},
		"apply.name." + dpcoop.FieldNoLetter:                            nameLetters,
		"apply.name." + dpcoop.FieldOneLine:                             {"Ysgrifennwch eich enw ar un llinell", "Write your name on one line"},
		"apply.name." + dpcoop.FieldHidden:                              retype,
		"apply.email." + dpcoop.FieldRequired:                           {"Rhowch eich cyfeiriad e-bost", "Enter your email address"},
		"apply.email." + dpcoop.FieldEmail:                              {"Rhowch eich cyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com", "Enter your email address in the correct format, like name@example.com"},
		"apply.phone." + dpcoop.FieldPhone:                              {"Rhowch eich rhif ffôn yn y fformat cywir, fel 01234 567890", "Enter your phone number in the correct format, like 01234 567890"},
		"apply.address." + dpcoop.FieldRequired:                         {"Rhowch eich cyfeiriad post", "Enter your postal address"},
		"apply.address." + dpcoop.FieldTooLong:                          {"Rhaid i'ch cyfeiriad fod yn 500 nod neu lai", "Your address must be 500 characters or fewer"},
		"apply.address." + dpcoop.FieldHidden:                           retype,
		"apply.language." + dpcoop.FieldRequired:                        chooseLang,
		"apply.language." + dpcoop.FieldLanguage:                        chooseLang,
		"apply.consent_electronic." + dpcoop.FieldBoolean:               {"Ticiwch y blwch os gallwn anfon papurau atoch drwy e-bost, neu gadewch ef yn wag", "Tick the box if we can send you papers by email, or leave it empty"},
		"apply.support_needs." + dpcoop.FieldTooLong:                    {"Rhaid i'ch ateb am help neu newidiadau fod yn 2,000 nod neu lai", "Your answer about help or changes must be 2,000 characters or fewer"},
		"apply.support_needs." + dpcoop.FieldHidden:                     retype,
		"apply." + signup.TurnstileField + "." + dpcoop.FieldHumanCheck: {"Doedden ni ddim yn gallu gwirio mai person sy'n anfon y ffurflen. Ewch yn ôl, arhoswch i'r gwiriad orffen a'i hanfon eto.", "We could not check that a person sent the form. Go back, wait for the check to finish and send it again."},
		"apply.redirect." + dpcoop.FieldNotOnOrigins:                    {"Nid yw'r ffurflen ar y wefan a ddefnyddioch wedi'i gosod yn iawn. Rhowch wybod i'r cwmni cydweithredol, neu defnyddiwch y ffurflen ar y wefan hon.", "The form on the website you used is not set up right. Tell the co-op, or use the form on this site."},
		"apply.nonce." + dpcoop.FieldTooLong:                            {"Doedden ni ddim yn gallu darllen y ffurflen. Ail-lwythwch ei thudalen a'i hanfon eto.", "We could not read the form. Reload its page and send it again."},
		"apply.nonce." + dpcoop.FieldInvalid:                            {"Doedden ni ddim yn gallu darllen y ffurflen. Ail-lwythwch ei thudalen a'i hanfon eto.", "We could not read the form. Reload its page and send it again."},

		"apply.received.title":     {"Cais wedi'i anfon", "Application sent"},
		"apply.received.panel":     {"Mae eich cais gyda ni", "We have your application"},
		"apply.received.reference": {"Eich cyfeirnod", "Your reference"},
		"apply.received.write":     {"Ysgrifennwch y cyfeirnod i lawr. Rhowch ef i ni os byddwch chi'n cysylltu â ni.", "Write the reference down. Give it to us if you contact us."},
		"apply.received.next":      {"Beth sy'n digwydd nesaf", "What happens next"},
		"apply.received.look":      {"Bydd rhywun o {coop} yn edrych ar eich cais ac yn cysylltu â chi.", "Someone from {coop} will look at your application and contact you."},
		"apply.received.once":      {"Does dim angen i chi anfon y ffurflen eto.", "You do not need to send the form again."},

		"apply.problem.title":  {"Nid yw eich cais wedi'i anfon", "Your application has not been sent"},
		"apply.problem.fix":    {"Mae angen newid rhai atebion:", "Some answers need changing:"},
		"apply.problem.back":   {"Ewch yn ôl i'r ffurflen gyda botwm 'Yn ôl' eich porwr, newidiwch yr atebion a'i hanfon eto.", "Go back to the form with your browser's Back button, change the answers and send it again."},
		"apply.problem.again":  {"Ewch yn ôl i'r ffurflen gyda botwm 'Yn ôl' eich porwr a'i hanfon eto.", "Go back to the form with your browser's Back button and send it again."},
		"apply.problem.hosted": {"Neu llenwch y ffurflen ar y wefan hon", "Or fill in the form on this site"},
		"apply.problem." + dpcoop.CodeRateLimited: {"Mae gormod o geisiadau wedi'u hanfon o'r fan hon mewn amser byr. Arhoswch funud cyn rhoi cynnig arall arni.",
			"Too many applications were sent from here in a short time. Wait a minute before you try again."},
		"apply.problem." + dpcoop.CodeIdempotencyMismatch: {"Roedd y ffurflen wedi'i defnyddio ar gyfer cais arall yn barod. Ail-lwythwch dudalen y ffurflen cyn ei hanfon eto.",
			"The form had already been used for another application. Reload the form's page before you send it again."},
		"apply.problem." + dpcoop.CodeNotFound: {"Doedden ni ddim yn gallu dod o hyd i'r cwmni cydweithredol y mae'r ffurflen yn anfon ato. Rhowch wybod i'r cwmni cydweithredol.",
			"We could not find the co-op the form sends to. Tell the co-op."},
	})
}
