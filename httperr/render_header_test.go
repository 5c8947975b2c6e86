package httperr

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestRenderReplacesHandlerHeaders checks the fields a failed handler may have set before it failed.
func TestRenderReplacesHandlerHeaders(t *testing.T) {
	pre := map[string]string{
		"Content-Type":     "text/html; charset=utf-8",
		"Content-Encoding": "gzip",
		"Content-Length":   "12345",
		"Vary":             "Origin",
		"Etag":             `"abc"`,
		"Last-Modified":    "Mon, 02 Jan 2006 15:04:05 GMT",
		"X-Request-Id":     "r-1",
	}
	for _, accept := range []string{"", "application/xml"} {
		res := render(quiet(Renderer{}), "GET", "/", map[string]string{"Accept": accept}, pre, NotFound("user"))
		b := body(t, res)
		checkProblem(t, "GET", res, b)
		h := res.Header
		if h.Get("Content-Encoding") != "" || h.Get("Etag") != "" || h.Get("Last-Modified") != "" {
			t.Errorf("stale fields kept: %v", h)
		}
		if !strings.HasPrefix(h.Get("Content-Type"), "application/problem+") {
			t.Errorf("Content-Type %q", h.Get("Content-Type"))
		}
		if got := strings.Join(h.Values("Vary"), ", "); got != "Origin, Accept, Accept-Language" {
			t.Errorf("Vary %q, want Origin kept and Accept, Accept-Language added", got)
		}
		if h.Get("X-Request-Id") != "r-1" {
			t.Errorf("unrelated field dropped: %v", h)
		}
	}
}

// TestPrepareHeaderIsOwned checks that changing a Response's header values in place changes neither later
// responses nor the shared *Error they came from.
func TestPrepareHeaderIsOwned(t *testing.T) {
	rd := quiet(Renderer{})
	shared := MethodNotAllowed("GET").WithHeader("X-Extra", "1")
	for _, req := range []Request{{Method: "GET", AcceptLanguage: "fr"}, {Method: "GET", Accept: "application/xml"}} {
		want := rd.Prepare(context.Background(), shared, req).Header().Clone()
		first := rd.Prepare(context.Background(), shared, req)
		for _, vs := range first.Header() {
			for i := range vs {
				vs[i] = "changed"
			}
		}
		first.Header().Add("Vary", "Origin")
		if got := rd.Prepare(context.Background(), shared, req); !headersEqual(got.Header(), want) {
			t.Errorf("a change to one Response's header reached the next:\n%v\nwant\n%v", got.Header(), want)
		}
	}
	if got := shared.Header(); got.Get("Allow") != "GET" || got.Get("X-Extra") != "1" {
		t.Errorf("a change to a Response's header reached the shared error: %v", got)
	}
}

// TestRenderHeaderIsOwned is TestPrepareHeaderIsOwned through Render, for the values that come from the
// error: a middleware that rewrites them in place after Render must not reach the shared error or other
// responses, and the handler's own Vary array is not written to. (The renderer's constant values, such as
// Content-Type, are shared read-only slices through Render, as gin's are: replace them, never write into
// them.)
func TestRenderHeaderIsOwned(t *testing.T) {
	rd := quiet(Renderer{})
	shared := MethodNotAllowed("GET")
	r := httptest.NewRequest("GET", "/", nil)
	want := render(rd, "GET", "/", nil, nil, shared).Header
	vary := make([]string, 1, 4)
	vary[0] = "Origin"
	rec := httptest.NewRecorder()
	rec.Header()["Vary"] = vary
	rd.Render(rec, r, shared)
	if spare := vary[:2]; spare[1] != "" {
		t.Errorf("Render appended into the handler's Vary array: %q", spare)
	}
	for _, k := range []string{"Allow", "Vary"} {
		vs := rec.Header()[k]
		for i := range vs {
			vs[i] = "changed"
		}
	}
	if got := render(rd, "GET", "/", nil, nil, shared).Header; !headersEqual(got, want) {
		t.Errorf("a change to one response's header reached the next:\n%v\nwant\n%v", got, want)
	}
	if shared.Header().Get("Allow") != "GET" {
		t.Errorf("a change to a response's header reached the shared error")
	}
}

// TestRenderVaryKept checks that a Vary the handler set is kept and only the missing names are added, without
// regard to case; a Vary of "*" already covers them.
func TestRenderVaryKept(t *testing.T) {
	for _, tt := range []struct{ pre, want string }{
		{"Origin", "Origin, Accept, Accept-Language"},
		{"Accept", "Accept, Accept-Language"},
		{"accept-language, Origin", "accept-language, Origin, Accept"},
		{"Origin,Accept ,ACCEPT-LANGUAGE", "Origin,Accept ,ACCEPT-LANGUAGE"},
		{"*", "*"},
	} {
		res := render(quiet(Renderer{}), "GET", "/", nil, map[string]string{"Vary": tt.pre}, NotFound("user"))
		if got := strings.Join(res.Header.Values("Vary"), ", "); got != tt.want {
			t.Errorf("Vary %q set by the handler: sent %q, want %q", tt.pre, got, tt.want)
		}
	}
}

// TestRenderChallengeChecked checks that a configured challenge with CR or LF is not sent, as it would split
// the header: Bearer is sent instead, and the record says why, at Warn.
func TestRenderChallengeChecked(t *testing.T) {
	for _, tt := range []struct {
		err   *Error
		field string
	}{
		{Unauthorized(""), "Www-Authenticate"},
		{New(http.StatusProxyAuthRequired, ""), "Proxy-Authenticate"},
	} {
		logger, logs := captureLogger()
		rd := &Renderer{Logger: logger, Challenge: "Basic realm=\"x\"\r\nSet-Cookie: a=b"}
		res := render(rd, "GET", "/", nil, nil, tt.err)
		if got := res.Header.Values(tt.field); len(got) != 1 || got[0] != "Bearer" {
			t.Errorf("%s %q, want Bearer", tt.field, got)
		}
		rec := oneRecord(t, logs)
		notes, _ := rec["problems"].([]any)
		if rec["level"] != "WARN" || len(notes) != 1 || notes[0] != "Renderer.Challenge has a control character; sent Bearer" {
			t.Errorf("record %v", rec)
		}
	}
	res := render(&Renderer{Challenge: `Basic realm="x"`}, "GET", "/", nil, nil, Unauthorized(""))
	if got := res.Header.Get("Www-Authenticate"); got != `Basic realm="x"` {
		t.Errorf("WWW-Authenticate %q, want the configured challenge", got)
	}
}
