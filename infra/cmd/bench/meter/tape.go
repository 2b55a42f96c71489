package meter

import (
	"bytes"
	"io"
	"net/http"
	"sync"
)

// Tape is an HTTP transport for the DynamoDB client that can record the
// responses it passes on and play them back, in order, without a server:
// the same calls answered in no time, so what remains of a call's time is
// the client's own work (ours and the SDK's).
type Tape struct {
	mu        sync.Mutex
	next      http.RoundTripper
	recording bool
	tape      []Response
}

// Response is one recorded HTTP response.
type Response struct {
	status int
	header http.Header
	body   []byte
}

// NewTape passes requests to next (nil: http.DefaultTransport) until told
// to record or play.
func NewTape(next http.RoundTripper) *Tape {
	if next == nil {
		next = http.DefaultTransport
	}
	return &Tape{next: next}
}

// Record starts recording afresh.
func (t *Tape) Record() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.recording, t.tape = true, nil
}

// Stop stops recording and returns the recording.
func (t *Tape) Stop() []Response {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.recording = false
	return t.tape
}

// Player is a transport that answers from a recording, in order.
type Player struct {
	mu   sync.Mutex
	tape []Response
}

// Load sets what the player answers next.
func (p *Player) Load(tape []Response) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tape = tape
}

// RoundTrip answers with the next Response response.
func (p *Player) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	p.mu.Lock()
	if len(p.tape) == 0 {
		p.mu.Unlock()
		return &http.Response{StatusCode: http.StatusInternalServerError, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(nil)), Request: req}, nil
	}
	r := p.tape[0]
	p.tape = p.tape[1:]
	p.mu.Unlock()
	return &http.Response{StatusCode: r.status, Status: http.StatusText(r.status), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: r.header.Clone(), Body: io.NopCloser(bytes.NewReader(r.body)), ContentLength: int64(len(r.body)), Request: req}, nil
}

// RoundTrip passes the request on, keeping the response if recording.
func (t *Tape) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	t.mu.Lock()
	rec := t.recording
	t.mu.Unlock()
	if err != nil || !rec {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	t.mu.Lock()
	t.tape = append(t.tape, Response{status: resp.StatusCode, header: resp.Header.Clone(), body: body})
	t.mu.Unlock()
	return resp, nil
}
