// Package signinmail writes the emails Cognito sends a person: the sign-in
// code and the invitation, in the person's stored language first and then
// the other, since Cognito's own messages are English only. It is the
// user pool's CustomMessage Lambda trigger.
package signinmail

import (
	"context"
	"strconv"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"github.com/dpcoop/dpcoop/internal/dpcoop"
)

// The trigger sources this package writes; Cognito names each in the
// event's triggerSource. Every other source keeps Cognito's own message.
const (
	// SignInCode is the code of the pages' passwordless sign-in (USER_AUTH
	// with EMAIL_OTP) and of any other code sent while signing in.
	SignInCode = "CustomMessage_Authentication"
	// Invitation is an admin's AdminCreateUser: the username and a
	// temporary password.
	Invitation = "CustomMessage_AdminCreateUser"
)

// InvitationDays is how long an invitation's temporary password lasts: the
// user pool's setting and what the invitation says.
const InvitationDays = 7

// text is one message in one language: a subject and its paragraphs.
type text struct {
	subject string
	lines   []string
}

// texts returns a source's message in each language, with code and username
// placed where they go; ok is false for a source not written here.
func texts(source, code, username string) (cy, en text, ok bool) {
	days := strconv.Itoa(InvitationDays)
	switch source {
	case SignInCode:
		return text{"Eich cod mewngofnodi dpcoop", []string{
				"Eich cod i fewngofnodi i dpcoop yw " + code + ".",
				"Dim ond am ychydig funudau y mae'r cod yn gweithio.",
				"Os nad chi ofynnodd am y cod, gallwch anwybyddu'r neges hon.",
			}}, text{"Your dpcoop sign-in code", []string{
				"Your code to sign in to dpcoop is " + code + ".",
				"The code works for a few minutes only.",
				"If you did not ask for it, you can ignore this email.",
			}}, true
	case Invitation:
		return text{"Croeso i dpcoop", []string{
				"Croeso i dpcoop. Mae eich cwmni cydweithredol wedi eich gwahodd i fewngofnodi.",
				"Eich enw defnyddiwr: " + username,
				"Eich cyfrinair dros dro: " + code,
				"Mae'r cyfrinair dros dro yn para " + days + " diwrnod. Byddwch yn dewis cyfrinair newydd y tro cyntaf y byddwch yn mewngofnodi.",
				"Os nad oeddech yn disgwyl y neges hon, gallwch ei hanwybyddu.",
			}}, text{"Welcome to dpcoop", []string{
				"Welcome to dpcoop. Your co-operative has invited you to sign in.",
				"Your username: " + username,
				"Your temporary password: " + code,
				"The temporary password lasts " + days + " days. You will choose a new password the first time you sign in.",
				"If you were not expecting this email, you can ignore it.",
			}}, true
	}
	return text{}, text{}, false
}

// Message is a source's subject and HTML body for a person whose language is
// lang, that language first; a person with no language stored gets Welsh
// first, as the Welsh Language Standards ask. code and username are the
// placeholders Cognito replaces ({####} and {username}); ok is false for a
// source this package does not write.
func Message(source string, lang dpcoop.Lang, code, username string) (subject, body string, ok bool) {
	cy, en, ok := texts(source, code, username)
	if !ok {
		return "", "", false
	}
	first, second, firstLang, secondLang := cy, en, dpcoop.Welsh, dpcoop.English
	if lang == dpcoop.English {
		first, second, firstLang, secondLang = en, cy, dpcoop.English, dpcoop.Welsh
	}
	var b strings.Builder
	for _, part := range []struct {
		lang dpcoop.Lang
		t    text
	}{{firstLang, first}, {secondLang, second}} {
		b.WriteString(`<p lang="` + string(part.lang) + `">` + strings.Join(part.t.lines, "<br>") + "</p>")
	}
	return first.subject + " / " + second.subject, b.String(), true
}

// Handle is the CustomMessage trigger: it writes the sign-in code's and the
// invitation's email in the person's language (the locale attribute) first,
// keeping the placeholders Cognito sent, and passes every other source
// through unchanged, as it does an event without the placeholders (Cognito
// would refuse a message without them, and the person would get no code).
// It reads nothing else and logs nothing: the event holds the person's email.
func Handle(_ context.Context, ev events.CognitoEventUserPoolsCustomMessage) (events.CognitoEventUserPoolsCustomMessage, error) {
	if ev.Request.CodeParameter == "" || ev.TriggerSource == Invitation && ev.Request.UsernameParameter == "" {
		return ev, nil
	}
	locale, _ := ev.Request.UserAttributes["locale"].(string)
	lang, _ := dpcoop.ParseLang(locale)
	subject, body, ok := Message(ev.TriggerSource, lang, ev.Request.CodeParameter, ev.Request.UsernameParameter)
	if ok {
		ev.Response.EmailSubject, ev.Response.EmailMessage = subject, body
	}
	return ev, nil
}
