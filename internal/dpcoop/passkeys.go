package dpcoop

import "time"

// Passkey is one passkey a person signs in with, as the pages list it: the
// credential's id (base64url) and when it was added. The public key and its
// checks stay with the sign-in adapter.
type Passkey struct {
	ID    string
	Added time.Time
}

// WrongPasskey is the answer to a passkey the server could not accept
// (unknown, removed, a failed signature or challenge, or one registered
// already), whichever adapter checked it: a problem with the field "passkey".
func WrongPasskey() error {
	var p Problems
	p.Add("passkey", FieldInvalid)
	return p.Err("verify passkey")
}
