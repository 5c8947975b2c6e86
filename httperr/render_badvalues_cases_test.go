package httperr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The cases of TestRenderBadValues (render_badvalues_test.go): the bad values an application may hand the
// renderer, and what the response and the log must show for each.

// panickingError is an error whose Error method panics.
type panickingError struct{}

func (panickingError) Error() string { panic("Error method exploded") }

// panickingStatus is an error whose StatusCode method panics while the renderer maps it.
type panickingStatus struct{}

func (panickingStatus) Error() string   { return "status unknown" }
func (panickingStatus) StatusCode() int { panic("StatusCode exploded") }

// panickingUnwrap is an error whose Unwrap method panics.
type panickingUnwrap struct{}

func (panickingUnwrap) Error() string { return "unwrap me" }
func (panickingUnwrap) Unwrap() error { panic("Unwrap exploded") }

// loopError's Unwrap returns itself; twinError's returns its twin; forkError's returns itself twice.
type (
	loopError struct{ msg string }
	twinError struct{ other *twinError }
	forkError struct{}
)

func (e *loopError) Error() string   { return e.msg }
func (e *loopError) Unwrap() error   { return e }
func (e *twinError) Error() string   { return "twin" }
func (e *twinError) Unwrap() error   { return e.other }
func (e *forkError) Error() string   { return "fork" }
func (e *forkError) Unwrap() []error { return []error{e, e} }

// cyclicMap returns a map that holds itself.
func cyclicMap() map[string]any {
	m := map[string]any{"name": "loop"}
	m["self"] = m
	return m
}

// cyclicSlice returns a slice that holds itself.
func cyclicSlice() []any {
	s := []any{"loop", nil}
	s[1] = s
	return s
}

// brokenHandler is a slog.Handler whose methods panic, as configured.
type brokenHandler struct {
	enabled, handle bool
	calls           *int
}

func (h brokenHandler) Enabled(context.Context, slog.Level) bool {
	*h.calls++
	if h.enabled {
		panic("Enabled exploded")
	}
	return true
}

func (h brokenHandler) Handle(context.Context, slog.Record) error {
	*h.calls++
	if h.handle {
		panic("Handle exploded")
	}
	return nil
}
func (h brokenHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h brokenHandler) WithGroup(string) slog.Handler      { return h }

// badValueCase is one bad value and what its response and log must show.
type badValueCase struct {
	name   string
	err    error
	rd     Renderer // Logger is set by the test unless the case sets one
	status int
	// log lists text the log must hold (each a substring of the JSON records); level is the level of the
	// problem record ("" when the case's logger is broken and nothing can be asserted of the log).
	log   []string
	level string
	// check inspects the decoded body: the JSON members, or the XML root.
	checkJSON func(t *testing.T, m map[string]any, raw []byte)
	checkXML  func(t *testing.T, p *xmlNode, raw []byte)
	header    func(t *testing.T, h http.Header)
}

func badValueCases() []badValueCase {
	var typedNil *Error
	mib := strings.Repeat("0123456789abcdef", 1<<16) // 1 MiB
	wantDetail := func(json, xml string) (func(*testing.T, map[string]any, []byte), func(*testing.T, *xmlNode, []byte)) {
		return func(t *testing.T, m map[string]any, raw []byte) {
				t.Helper()
				if m["detail"] != json {
					t.Errorf("detail %q, want %q", m["detail"], json)
				}
			}, func(t *testing.T, p *xmlNode, raw []byte) {
				t.Helper()
				if got := p.child(t, "detail").Text; got != xml {
					t.Errorf("detail %q, want %q", got, xml)
				}
			}
	}
	withoutMember := func(name string) (func(*testing.T, map[string]any, []byte), func(*testing.T, *xmlNode, []byte)) {
		return func(t *testing.T, m map[string]any, raw []byte) {
				t.Helper()
				if _, ok := m[name]; ok || m["kept"] != "yes" {
					t.Errorf("member %q sent or member kept lost: %s", name, raw)
				}
			}, func(t *testing.T, p *xmlNode, raw []byte) {
				t.Helper()
				if p.has(name) || !p.has("kept") {
					t.Errorf("element %q sent or element kept lost: %s", name, raw)
				}
			}
	}
	retryAfter := func(want string) func(*testing.T, http.Header) {
		return func(t *testing.T, h http.Header) {
			t.Helper()
			if got := h.Values("Retry-After"); len(got) != 1 || got[0] != want {
				t.Errorf("Retry-After %q, want %q", got, want)
			}
		}
	}
	catalog500 := func() (func(*testing.T, map[string]any, []byte), func(*testing.T, *xmlNode, []byte)) {
		return wantDetail(English().Description(500), English().Description(500))
	}

	var cases []badValueCase
	add := func(c badValueCase) { cases = append(cases, c) }

	j, x := wantDetail("bad \uFFFD\uFFFD byte, truncated \uFFFD\uFFFD", "bad \uFFFD\uFFFD byte, truncated \uFFFD\uFFFD")
	add(badValueCase{name: "detail with invalid UTF-8", err: BadRequest("bad \xff\xfe byte, truncated \xe2\x82"),
		status: 400, level: "DEBUG", log: []string{`"status":400`}, checkJSON: j, checkXML: x})

	j, x = wantDetail("nul\x00 bel\x07 esc\x1b del\x7f c1\u0085 tab\t cr\r lf\n",
		"nul\uFFFD bel\uFFFD esc\uFFFD del\uFFFD c1\uFFFD tab\t cr\r lf\n")
	add(badValueCase{name: "detail with control characters", err: BadRequest("nul\x00 bel\x07 esc\x1b del\x7f c1\u0085 tab\t cr\r lf\n"),
		status: 400, level: "DEBUG", log: []string{`"status":400`}, checkJSON: j, checkXML: x})

	j, x = wantDetail(`</script><script>alert("x")</script>`, `</script><script>alert("x")</script>`)
	add(badValueCase{name: "detail with </script>", err: BadRequest(`</script><script>alert("x")</script>`),
		status: 400, level: "DEBUG", log: []string{`"status":400`}, checkJSON: j, checkXML: x})

	j, x = wantDetail("line\u2028separator\u2029paragraph", "line\u2028separator\u2029paragraph")
	add(badValueCase{name: "detail with U+2028", err: BadRequest("line\u2028separator\u2029paragraph"),
		status: 400, level: "DEBUG", log: []string{`"status":400`}, checkJSON: j, checkXML: x})

	j, x = wantDetail(mib, mib)
	add(badValueCase{name: "1 MiB detail", err: Conflict(mib), status: 409, level: "DEBUG", log: []string{`"status":409`},
		checkJSON: j, checkXML: x})
	add(badValueCase{name: "1 MiB detail on a 5xx", err: BadGateway(mib), status: 502, level: "ERROR", log: []string{`"status":502`},
		checkJSON: func(t *testing.T, m map[string]any, raw []byte) {
			if len(raw) < 1<<20 {
				t.Errorf("body of %d bytes lost the detail", len(raw))
			}
		}})

	for name, v := range map[string]any{
		"NaN": math.NaN(), "+Inf": math.Inf(1), "-Inf": math.Inf(-1), "float32 NaN": float32(math.NaN()),
		"channel": make(chan int), "func": func() {}, "cyclic map": cyclicMap(), "cyclic slice": cyclicSlice(),
		"map holding a cyclic map": map[string]any{"inner": cyclicMap()},
		"MarshalJSON panics":       panicMarshaler{}, "MarshalJSON errors": errMarshaler{},
		"MarshalJSON panics in a map": map[string]any{"p": panicMarshaler{}},
	} {
		j, x := withoutMember("bad")
		add(badValueCase{name: "extension " + name, err: Conflict("x").With("bad", v).With("kept", "yes"),
			status: 409, level: "WARN", log: []string{`extension member \"bad\"`}, checkJSON: j, checkXML: x})
	}
	j, x = withoutMember("errors")
	add(badValueCase{name: "violation with a cyclic member",
		err:    Conflict("x").WithErrors(Violation{Pointer: "#/a", Detail: "d", Extensions: map[string]any{"loop": cyclicMap()}}).With("kept", "yes"),
		status: 409, level: "WARN", log: []string{`extension member \"errors\"`}, checkJSON: j, checkXML: x})

	for _, name := range []string{"type", "title", "status", "detail", "instance"} {
		add(badValueCase{name: "With reserved " + name, err: NotFound("user").With(name, "injected"),
			status: 404, level: "WARN", log: []string{`reserved by RFC 9457`},
			checkJSON: func(t *testing.T, m map[string]any, raw []byte) {
				if bytes.Contains(raw, []byte("injected")) {
					t.Errorf("reserved member overwritten: %s", raw)
				}
			},
			checkXML: func(t *testing.T, p *xmlNode, raw []byte) {
				if bytes.Contains(raw, []byte("injected")) {
					t.Errorf("reserved member overwritten: %s", raw)
				}
			}})
	}

	for name, v := range map[string]string{"CR": "a\rb", "LF": "a\nSet-Cookie: x=1", "CRLF": "a\r\nSet-Cookie: x=1",
		"NUL": "a\x00b", "other control character": "a\x01b", "DEL": "a\x7fb"} {
		add(badValueCase{name: "WithHeader " + name, err: Conflict("x").WithHeader("X-Trace", v),
			status: 409, level: "WARN", log: []string{`CR, LF, NUL or another control character`},
			header: func(t *testing.T, h http.Header) {
				if _, ok := h["X-Trace"]; ok {
					t.Errorf("X-Trace sent: %q", h["X-Trace"])
				}
			}})
	}

	add(badValueCase{name: "Retry-After zero", err: ServiceUnavailable(0), status: 503, level: "ERROR",
		log: []string{`"status":503`}, header: retryAfter("0")})
	add(badValueCase{name: "Retry-After negative", err: TooManyRequests(-time.Hour), status: 429, level: "DEBUG",
		log: []string{`"status":429`}, header: retryAfter("0")})
	add(badValueCase{name: "Retry-After over a year", err: ServiceUnavailable(10 * 365 * 24 * time.Hour), status: 503,
		level: "ERROR", log: []string{`"status":503`}, header: retryAfter("31536000")})

	j, x = catalog500()
	add(badValueCase{name: "typed nil *Error as error", err: error(typedNil), status: 500, level: "ERROR",
		log: []string{`nil *Error returned as error`}, checkJSON: j, checkXML: x})
	add(badValueCase{name: "typed nil *Error wrapped", err: fmt.Errorf("loading user: %w", error(typedNil)), status: 500,
		level: "ERROR", log: []string{`nil *Error returned as error: in loading user: httperr: <nil>`}, checkJSON: j, checkXML: x})
	add(badValueCase{name: "nil error", err: nil, status: 500, level: "ERROR", log: []string{`nil error rendered`},
		checkJSON: j, checkXML: x})

	add(badValueCase{name: "Error() panics", err: panickingError{}, status: 500, level: "ERROR",
		log: []string{`(Error method panicked)`}, checkJSON: j, checkXML: x})
	add(badValueCase{name: "Error() panics in a cause", err: BadRequest("x").Wrap(panickingError{}), status: 400,
		level: "DEBUG", log: []string{`(Error method panicked)`}})
	add(badValueCase{name: "Error() panics, exposed", err: InternalServerError("").Wrap(panickingError{}),
		rd: Renderer{ExposeCause: true}, status: 500, level: "ERROR", log: []string{`(Error method panicked)`},
		checkJSON: func(t *testing.T, m map[string]any, raw []byte) {
			if m["cause"] != "(Error method panicked)" {
				t.Errorf("cause %v", m["cause"])
			}
		},
		checkXML: func(t *testing.T, p *xmlNode, raw []byte) {
			if got := p.child(t, "cause").Text; got != "(Error method panicked)" {
				t.Errorf("cause %q", got)
			}
		}})
	add(badValueCase{name: "Error() panics, replaced by Map", err: panickingError{},
		rd: Renderer{Map: func(error) *Error { return Conflict("mapped") }}, status: 409, level: "DEBUG",
		log: []string{`"chain":"(Error method panicked)"`}})
	add(badValueCase{name: "StatusCode() panics", err: fmt.Errorf("call: %w", panickingStatus{}), status: 500,
		level: "ERROR", log: []string{`mapping the error panicked`, `StatusCode exploded`}, checkJSON: j, checkXML: x})
	add(badValueCase{name: "Unwrap() panics", err: panickingUnwrap{}, status: 500,
		level: "ERROR", log: []string{`mapping the error panicked`, `Unwrap exploded`}, checkJSON: j, checkXML: x})

	for _, status := range []int{0, 200, 302, 600} {
		add(badValueCase{name: fmt.Sprintf("New(%d)", status), err: New(status, "meant for another status"),
			status: 500, level: "ERROR", log: []string{fmt.Sprintf("status %d is not an error status; sent 500", status)},
			checkJSON: j, checkXML: x})
	}

	ping, pong := &twinError{}, &twinError{}
	ping.other, pong.other = pong, ping
	add(badValueCase{name: "Unwrap cycle", err: fmt.Errorf("outer: %w", &loopError{"loop"}), status: 500,
		level: "ERROR", log: []string{`outer: loop`}, checkJSON: j, checkXML: x})
	add(badValueCase{name: "Unwrap two-cycle", err: ping, status: 500, level: "ERROR", log: []string{`"cause":"twin"`},
		checkJSON: j, checkXML: x})
	add(badValueCase{name: "Unwrap []error cycle", err: errors.Join(errors.New("a"), &forkError{}), status: 500,
		level: "ERROR", log: []string{`fork`}, checkJSON: j, checkXML: x})

	add(badValueCase{name: "Map panics", err: NotFound("user"),
		rd:     Renderer{Map: func(error) *Error { panic("Map exploded") }},
		status: 404, level: "DEBUG", log: []string{`httperr: Map hook panicked`, `Map exploded`}})
	add(badValueCase{name: "Map panics with an error whose Error panics", err: NotFound("user"),
		rd:     Renderer{Map: func(error) *Error { panic(panickingError{}) }},
		status: 404, level: "DEBUG", log: []string{`httperr: Map hook panicked`}})
	add(badValueCase{name: "Enrich panics", err: Conflict("x"),
		rd:     Renderer{Enrich: func(*http.Request, *Error) *Error { panic("Enrich exploded") }},
		status: 409, level: "DEBUG", log: []string{`httperr: Enrich hook panicked`, `Enrich exploded`}})
	add(badValueCase{name: "Enrich returns a cyclic member", err: Conflict("x"),
		rd: Renderer{Enrich: func(_ *http.Request, e *Error) *Error {
			return e.With("bad", cyclicMap()).With("kept", "yes")
		}},
		status: 409, level: "WARN", log: []string{`extension member \"bad\"`}})
	return cases
}
