package answer

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/httperr/toolkit/httperr"
)

func TestReplaceable(t *testing.T) {
	for _, tc := range []struct {
		status int
		ct     string
		want   bool
	}{
		{404, "", true},
		{429, "text/plain; charset=utf-8", true},
		{503, "text/html", true},
		{503, "TEXT/HTML; charset=UTF-8", true},
		{400, "application/json", false},
		{422, "application/problem+json", false},
		{404, "image/png", false},
		{404, "text/plain; charset", false}, // not a media type
		{200, "text/plain", false},
		{304, "", false},
		{600, "", false},
	} {
		if got := Replaceable(tc.status, tc.ct); got != tc.want {
			t.Errorf("Replaceable(%d, %q) = %v, want %v", tc.status, tc.ct, got, tc.want)
		}
	}
}

func TestReplace(t *testing.T) {
	keep := &httperr.Renderer{KeepText: true}
	for _, tc := range []struct {
		name string
		rd   *httperr.Renderer
		ct   string
		n    int
		want bool
	}{
		{"text", nil, "text/plain", 10, true},
		{"text at the limit", nil, "text/plain", MaxBody, true},
		{"text over the limit", nil, "text/plain", MaxBody + 1, false},
		{"text kept", keep, "text/plain", 10, false},
		{"empty, KeepText", keep, "", 0, true},
		{"json", nil, "application/json", 10, false},
	} {
		if got := Replace(tc.rd, 429, tc.ct, tc.n); got != tc.want {
			t.Errorf("%s: Replace = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestProblem(t *testing.T) {
	long := strings.Repeat("é", MaxDetail) // two bytes each: the cut falls between two of them
	for _, tc := range []struct {
		name, ct, body string
		status         int
		detail         string
	}{
		{"empty", "", "", 401, ""},
		{"net/http's 404", "text/plain; charset=utf-8", "404 page not found\n", 404, ""},
		{"ServeMux's 405", "text/plain; charset=utf-8", "Method Not Allowed\n", 405, ""},
		{"gin's 405", "text/plain", "405 method not allowed", 405, ""},
		{"reason phrase", "text/plain", "Too Many Requests\n", 429, ""},
		{"catalog title", "text/plain", "Content Too Large.", 413, ""},
		{"a sentence", "text/plain; charset=utf-8", "Server capacity exceeded.\n", 429, "Server capacity exceeded."},
		{"first line only", "text/plain", "\n  invalid range: failed to overlap  \nmore\n", 416, "invalid range: failed to overlap"},
		{"control characters", "text/plain", "a\tb\x00c", 400, "a b c"},
		{"invalid UTF-8", "text/plain", "bad \xff byte", 400, "bad \uFFFD byte"},
		{"long line", "text/plain", long, 400, strings.Repeat("é", MaxDetail/2)},
		{"html", "text/html", "<h1>Unauthorized user</h1>", 401, ""},
		{"5xx text", "text/plain", "db: password=hunter2\n", 500, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := Problem(tc.status, tc.ct, []byte(tc.body))
			if e.Status() != tc.status || e.Detail() != tc.detail {
				t.Errorf("Problem = %d %q, want %d %q", e.Status(), e.Detail(), tc.status, tc.detail)
			}
			if tc.body == "" {
				if e.Unwrap() != nil {
					t.Errorf("cause %v for an empty body", e.Unwrap())
				}
				return
			}
			if c := e.Unwrap(); c == nil || !strings.Contains(c.Error(), "answered in text") {
				t.Errorf("cause = %v, want the text", c)
			}
		})
	}
	var he *httperr.Error
	if !errors.As(Problem(429, "", []byte("x")), &he) {
		t.Error("not an *httperr.Error")
	}
}

func TestHeld(t *testing.T) {
	h := http.Header{"Content-Type": {"text/plain; charset=utf-8"}, "Retry-After": {"30"}}
	var a Held
	if !a.Hold(nil, 429, h) {
		t.Fatal("a text 429 not held")
	}
	if !a.AddString("Too many requests, ") || !a.Add([]byte("slow down\n")) {
		t.Fatal("a short body not held")
	}
	if e := a.Problem(); e.Status() != 429 || e.Detail() != "Too many requests, slow down" {
		t.Errorf("Problem = %d %q", e.Status(), e.Detail())
	}
	if string(a.Body()) != "Too many requests, slow down\n" || h.Get("Retry-After") != "30" {
		t.Errorf("Body %q, header %v", a.Body(), h)
	}
	if a.Add(make([]byte, MaxBody)) {
		t.Error("a body over MaxBody still held")
	}
	var b Held
	if b.Hold(nil, 400, http.Header{"Content-Type": {"application/json"}}) {
		t.Error("a JSON answer held")
	}
	keep := &httperr.Renderer{KeepText: true}
	if b.Hold(keep, 429, h) {
		t.Error("a text answer held under KeepText")
	}
	if !b.Hold(keep, 404, http.Header{}) || b.Problem().Status() != 404 {
		t.Error("an empty answer not held under KeepText")
	}
	if b.Hold(nil, 200, http.Header{}) {
		t.Error("a 200 held")
	}
}

func TestHeldKeepText(t *testing.T) {
	var a Held
	if !a.Hold(&httperr.Renderer{KeepText: true}, 404, http.Header{}) {
		t.Fatal("an answer without Content-Type not held under KeepText")
	}
	if !a.Add(nil) || a.AddString("not here") {
		t.Error("under KeepText, a body is held")
	}
}

// TestOf: a whole answer at hand is replaced by the same rule as a held one, and a success costs nothing.
func TestOf(t *testing.T) {
	keep := &httperr.Renderer{KeepText: true}
	for _, tc := range []struct {
		name   string
		rd     *httperr.Renderer
		status int
		ct     string
		body   string
		want   string // the problem's status and detail, "" for none
	}{
		{"a success", nil, 200, "text/plain", "ok", ""},
		{"a 4xx text", nil, 409, "text/plain; charset=utf-8", "name taken\n", `409 "name taken"`},
		{"a 5xx text", nil, 502, "text/plain", "upstream: secret", `502 ""`},
		{"empty", nil, 404, "application/json", "", ""},
		{"empty text", keep, 404, "text/plain", "", `404 ""`},
		{"JSON", nil, 400, "application/json", `{"a":1}`, ""},
		{"over MaxBody", nil, 400, "text/plain", strings.Repeat("x", MaxBody+1), ""},
		{"text kept", keep, 429, "text/plain", "slow down", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ""
			if e := Of(tc.rd, tc.status, []byte(tc.ct), []byte(tc.body)); e != nil {
				got = strconv.Itoa(e.Status()) + " " + strconv.Quote(e.Detail())
			}
			if got != tc.want {
				t.Errorf("Of = %s, want %s", got, tc.want)
			}
		})
	}
	ct, body := []byte("text/plain"), []byte("ok")
	if n := testing.AllocsPerRun(100, func() { Of(nil, 200, ct, body) }); n != 0 {
		t.Errorf("a success: %v allocations, want 0", n)
	}
}
