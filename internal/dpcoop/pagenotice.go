package dpcoop

import (
	"slices"
	"time"
)

// The kinds of notice a person may hear about, each with its own setting.
const (
	NoticeNewActivity = "new_activity" // the co-op added an activity
	NoticeBuddy       = "buddy"        // a buddy request answered, paired or ended
	NoticePAMatch     = "pa_match"     // a PA who matches what the member asked for
)

// NoticeKinds are the kinds of notice, in the order the settings page
// lists them.
var NoticeKinds = []string{NoticeNewActivity, NoticeBuddy, NoticePAMatch}

// PageNotice is a notice kept for a person's home page: the kind and the
// event it tells of (its key and values for the text in their language),
// whether they have read it, and whether its email went.
type PageNotice struct {
	ID      string            `json:"id"`
	Person  string            `json:"-"`
	Kind    string            `json:"kind"`
	Event   string            `json:"event"`
	Params  map[string]string `json:"params,omitempty"`
	At      time.Time         `json:"at"`
	Read    bool              `json:"read"`
	Emailed bool              `json:"-"`
}

// NoticeSettings are what a person wants to be emailed about, by kind. A
// kind not listed is on: people hear about what they asked for unless they
// say otherwise, and the page keeps every notice whatever they chose.
type NoticeSettings struct {
	Off []string `json:"off"`
}

// Wants reports whether the person wants kind's notices by email.
func (s NoticeSettings) Wants(kind string) bool { return !slices.Contains(s.Off, kind) }

// NoticeSettingsInput is a change to the settings: each kind on or off.
type NoticeSettingsInput map[string]bool

// Validate refuses a kind that is not one of NoticeKinds and gives the
// settings in NoticeKinds' order; a kind not given keeps what was.
func (in NoticeSettingsInput) Validate(was NoticeSettings) (NoticeSettings, error) {
	var p Problems
	for k := range in {
		if !slices.Contains(NoticeKinds, k) {
			p.Add(k, FieldUnknown)
		}
	}
	if err := p.Err("set notice settings"); err != nil {
		return was, err
	}
	out := NoticeSettings{Off: []string{}}
	for _, k := range NoticeKinds {
		on, given := in[k]
		if given && !on || !given && !was.Wants(k) {
			out.Off = append(out.Off, k)
		}
	}
	return out, nil
}
