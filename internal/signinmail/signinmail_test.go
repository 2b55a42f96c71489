package signinmail_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/dpcoop/dpcoop/internal/signinmail"
)

// event is a trigger event as Cognito sends it (the shape of the developer
// guide's example), for the given source and stored locale.
func event(t *testing.T, source, locale string) events.CognitoEventUserPoolsCustomMessage {
	t.Helper()
	attrs := map[string]any{"email": "person@example.org", "email_verified": "true", "custom:coop": "c1"}
	if locale != "" {
		attrs["locale"] = locale
	}
	raw, err := json.Marshal(map[string]any{
		"version": "1", "triggerSource": source, "region": "eu-west-2", "userPoolId": "eu-west-2_pool", "userName": "p1",
		"request":  map[string]any{"userAttributes": attrs, "codeParameter": "{####}", "usernameParameter": "{username}"},
		"response": map[string]any{"smsMessage": nil, "emailMessage": nil, "emailSubject": nil},
	})
	if err != nil {
		t.Fatal(err)
	}
	var ev events.CognitoEventUserPoolsCustomMessage
	if err := json.Unmarshal(raw, &ev); err != nil {
		t.Fatal(err)
	}
	return ev
}

func TestHandleWritesBothLanguagesPersonsFirst(t *testing.T) {
	cases := []struct {
		source, locale string
		first, second  string // a phrase of each language, in the order wanted
		subject        string
	}{
		{signinmail.SignInCode, "cy", "Eich cod i fewngofnodi i dpcoop yw {####}.", "Your code to sign in to dpcoop is {####}.",
			"Eich cod mewngofnodi dpcoop / Your dpcoop sign-in code"},
		{signinmail.SignInCode, "en", "Your code to sign in to dpcoop is {####}.", "Eich cod i fewngofnodi i dpcoop yw {####}.",
			"Your dpcoop sign-in code / Eich cod mewngofnodi dpcoop"},
		{signinmail.Invitation, "cy", "Eich cyfrinair dros dro: {####}", "Your temporary password: {####}",
			"Croeso i dpcoop / Welcome to dpcoop"},
		{signinmail.Invitation, "EN", "Your username: {username}", "Eich enw defnyddiwr: {username}",
			"Welcome to dpcoop / Croeso i dpcoop"},
		// No language stored: Welsh first.
		{signinmail.SignInCode, "", "Eich cod i fewngofnodi", "Your code to sign in", "Eich cod mewngofnodi dpcoop / Your dpcoop sign-in code"},
	}
	for _, c := range cases {
		t.Run(c.source+"/"+c.locale, func(t *testing.T) {
			out, err := signinmail.Handle(context.Background(), event(t, c.source, c.locale))
			if err != nil {
				t.Fatal(err)
			}
			body := out.Response.EmailMessage
			i, j := strings.Index(body, c.first), strings.Index(body, c.second)
			if i < 0 || j < 0 || i > j {
				t.Errorf("body must hold %q before %q:\n%s", c.first, c.second, body)
			}
			if out.Response.EmailSubject != c.subject {
				t.Errorf("subject = %q, want %q", out.Response.EmailSubject, c.subject)
			}
			if out.Response.SMSMessage != "" {
				t.Errorf("SMS message set: %q", out.Response.SMSMessage)
			}
		})
	}
}

// Cognito refuses a message without its placeholders, so every message must
// carry the code (and the invitation the username) in both languages.
func TestPlaceholdersInEachLanguage(t *testing.T) {
	for _, src := range []string{signinmail.SignInCode, signinmail.Invitation} {
		for _, locale := range []string{"cy", "en"} {
			out, _ := signinmail.Handle(context.Background(), event(t, src, locale))
			body := out.Response.EmailMessage
			for _, lang := range []string{`<p lang="cy">`, `<p lang="en">`} {
				if strings.Count(body, lang) != 1 {
					t.Errorf("%s %s: want one paragraph %s in %q", src, locale, lang, body)
				}
			}
			if n := strings.Count(body, "{####}"); n != 2 {
				t.Errorf("%s %s: {####} %d times, want once a language: %q", src, locale, n, body)
			}
			wantUser := 0
			if src == signinmail.Invitation {
				wantUser = 2
			}
			if n := strings.Count(body, "{username}"); n != wantUser {
				t.Errorf("%s %s: {username} %d times, want %d: %q", src, locale, n, wantUser, body)
			}
		}
	}
	// The placeholders are the event's, not fixed strings.
	ev := event(t, signinmail.SignInCode, "en")
	ev.Request.CodeParameter = "{1234}"
	out, _ := signinmail.Handle(context.Background(), ev)
	if strings.Count(out.Response.EmailMessage, "{1234}") != 2 || strings.Contains(out.Response.EmailMessage, "{####}") {
		t.Errorf("the event's code placeholder not used: %q", out.Response.EmailMessage)
	}
}

func TestOtherSourcesPassThrough(t *testing.T) {
	for _, src := range []string{"CustomMessage_SignUp", "CustomMessage_ForgotPassword", "CustomMessage_UpdateUserAttribute",
		"CustomMessage_VerifyUserAttribute", "CustomMessage_ResendCode"} {
		in := event(t, src, "en")
		out, err := signinmail.Handle(context.Background(), in)
		if err != nil || out.Response != in.Response {
			t.Errorf("%s: response %+v, %v; want it unchanged", src, out.Response, err)
		}
	}
	// Without the placeholders Cognito would refuse the message: unchanged.
	noCode := event(t, signinmail.SignInCode, "cy")
	noCode.Request.CodeParameter = ""
	noUser := event(t, signinmail.Invitation, "cy")
	noUser.Request.UsernameParameter = ""
	for _, in := range []events.CognitoEventUserPoolsCustomMessage{noCode, noUser} {
		if out, _ := signinmail.Handle(context.Background(), in); out.Response != in.Response {
			t.Errorf("%s without placeholders: response %+v, want it unchanged", in.TriggerSource, out.Response)
		}
	}
}

func TestInvitationSaysHowLongThePasswordLasts(t *testing.T) {
	_, body, ok := signinmail.Message(signinmail.Invitation, "en", "{####}", "{username}")
	if !ok || !strings.Contains(body, "para 7 diwrnod") || !strings.Contains(body, "lasts 7 days") || signinmail.InvitationDays != 7 {
		t.Errorf("invitation must give the temporary password's %d days in both languages: %q", signinmail.InvitationDays, body)
	}
	if _, _, ok := signinmail.Message("CustomMessage_SignUp", "en", "{####}", ""); ok {
		t.Error("a source not written here has a message")
	}
}
