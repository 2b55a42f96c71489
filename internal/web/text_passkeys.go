package web

// The passkeys page's words and the sign-in page's passkey button. "Allwedd
// mynediad" is the Welsh for a passkey (feminine: "wedi'i hychwanegu").
func init() {
	addText(map[string]text{
		"passkeys.title":        {"Allweddi mynediad", "Passkeys"},
		"passkeys.intro":        {"Gydag allwedd mynediad, gallwch fewngofnodi gyda'ch wyneb, ôl eich bys neu PIN eich dyfais, heb aros am god drwy e-bost.", "With a passkey, you can sign in with your face, fingerprint or your device's PIN, without waiting for a code by email."},
		"passkeys.yours":        {"Eich allweddi mynediad", "Your passkeys"},
		"passkeys.added":        {"Ychwanegwyd", "Added"},
		"passkeys.action":       {"Gweithred", "Action"},
		"passkeys.remove":       {"Dileu", "Remove"},
		"passkeys.remove.which": {"yr allwedd mynediad a ychwanegwyd {date}", "the passkey added {date}"},
		"passkeys.none":         {"Does gennych chi ddim allwedd mynediad eto.", "You have no passkeys yet."},
		"passkeys.add":          {"Ychwanegu allwedd mynediad", "Add a passkey"},
		"passkeys.unable":       {"I ychwanegu allwedd mynediad, mae angen porwr sy'n gallu defnyddio allweddi mynediad, gyda JavaScript ymlaen. Gallwch chi bob amser fewngofnodi gyda chod drwy e-bost.", "To add a passkey you need a browser that can use passkeys, with JavaScript turned on. You can always sign in with a code by email."},
		"passkeys.failed":       {"Doedd dim modd defnyddio allwedd mynediad. Rhowch gynnig arall arni.", "We could not use a passkey. Try again."},
		"passkeys.wrong":        {"Doedd dim modd derbyn yr allwedd mynediad honno. Rhowch gynnig arall arni, neu defnyddiwch god drwy e-bost.", "We could not accept that passkey. Try again, or use a code by email."},
		"passkeys.done.added":   {"Mae eich allwedd mynediad wedi'i hychwanegu", "Your passkey is added"},
		"passkeys.done.removed": {"Mae'r allwedd mynediad wedi'i dileu", "The passkey is removed"},
		"passkeys.manage":       {"Rheoli eich allweddi mynediad", "Manage your passkeys"},
		"signin.passkey.title":  {"Neu defnyddiwch allwedd mynediad", "Or use a passkey"},
		"signin.passkey.intro":  {"Os ydych chi wedi ychwanegu allwedd mynediad, gallwch fewngofnodi gyda hi heb god. Rhowch eich cyfeiriad e-bost uchod yn gyntaf.", "If you have added a passkey, you can sign in with it without a code. Enter your email address above first."},
		"signin.passkey":        {"Mewngofnodi gydag allwedd mynediad", "Sign in with a passkey"},
	})
}
