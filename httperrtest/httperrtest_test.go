package httperrtest_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrtest"
	"github.com/httperr/toolkit/internal/testkit"
	"github.com/httperr/toolkit/ratelimit"
)

// fakeTB records what a helper reports instead of failing the test.
type fakeTB struct {
	testing.TB
	helper int
	errors []string
}

func (f *fakeTB) Helper() { f.helper++ }
func (f *fakeTB) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}
func (f *fakeTB) Fatalf(format string, args ...any) { panic("httperrtest must not stop the test") }

var quiet = testkit.Quiet()

func record(err error, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", "/users/42", nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	quiet.Render(rec, r, err)
	return rec
}

func TestAssertPasses(t *testing.T) {
	tests := []struct {
		name string
		rec  *httptest.ResponseRecorder
		want httperrtest.Problem
	}{
		{"status only", record(httperr.NotFound("user")), httperrtest.Problem{Status: 404}},
		{"every text", record(httperr.NotFound("user").WithInstance("/users/42")), httperrtest.Problem{Status: 404, Type: "about:blank", Title: "Not Found", Detail: "user not found", Instance: "/users/42"}},
		{"French title", record(httperr.NotFound("user"), "Accept-Language", "fr"), httperrtest.Problem{Status: 404, Title: "Ressource introuvable"}},
		{"members as JSON", record(httperr.Conflict("taken").With("ids", []int{1, 2}).With("names", []string{"a"}).With("n", 3)),
			httperrtest.Problem{Status: 409, Members: map[string]any{"ids": []float64{1, 2}, "names": []any{"a"}, "n": 3.0}}},
		{"absent member", record(httperr.InternalServerError("").Wrap(io.ErrUnexpectedEOF)), httperrtest.Problem{Status: 500, Absent: []string{"cause", "errors"}}},
		{"violations", record(httperr.Validation(httperr.Violation{Pointer: "#/age", Detail: "must be positive", Extensions: map[string]any{"code": "min"}})),
			httperrtest.Problem{Status: 422, Violations: []httperr.Violation{{Pointer: "#/age", Detail: "must be positive", Extensions: map[string]any{"code": "min"}}}}},
		{"no violations wanted", record(httperr.BadRequest("no")), httperrtest.Problem{Status: 400, Violations: []httperr.Violation{}}},
		{"quota exceeded with header fields", record(ratelimit.QuotaExceeded().New("").WithRetryAfter(time.Minute).
			WithHeader("RateLimit", `"daily";r=0;t=60`).With(ratelimit.ViolatedPolicies, []string{"daily"})),
			httperrtest.Problem{Status: 429, Type: ratelimit.QuotaExceeded().URI(), Members: map[string]any{ratelimit.ViolatedPolicies: []string{"daily"}},
				Header: http.Header{"Retry-After": {"60"}, "RateLimit": {`"daily";r=0;t=60`}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := &fakeTB{TB: t}
			if !httperrtest.AssertRecorder(tb, tt.rec, tt.want) || len(tb.errors) > 0 {
				t.Fatalf("reported %q", tb.errors)
			}
			if tb.helper == 0 {
				t.Fatal("Helper not called")
			}
		})
	}
}

func TestAssertFails(t *testing.T) {
	notFound := record(httperr.NotFound("user"))
	tests := []struct {
		name string
		rec  *httptest.ResponseRecorder
		want httperrtest.Problem
		msgs []string // each in the report
	}{
		{"status and detail", notFound, httperrtest.Problem{Status: 409, Detail: "taken"},
			[]string{"status: got 404, want 409", `detail: got "user not found", want "taken"`, `body: {"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}`}},
		{"type", notFound, httperrtest.Problem{Type: "https://example.com/probs/x"}, []string{`type: got "about:blank", want "https://example.com/probs/x"`}},
		{"missing instance", notFound, httperrtest.Problem{Instance: "/x"}, []string{`instance: missing, want "/x"`}},
		{"missing member", notFound, httperrtest.Problem{Members: map[string]any{"code": "E1"}}, []string{`member "code": missing, want "E1"`}},
		{"wrong member", record(httperr.Conflict("x").With("code", "E2")), httperrtest.Problem{Members: map[string]any{"code": "E1"}}, []string{`member "code": got "E2", want "E1"`}},
		{"member present", record(httperr.Conflict("x").With("cause", "db")), httperrtest.Problem{Absent: []string{"code", "cause"}}, []string{`member "cause": got "db", want none`}},
		{"member wanted and absent", record(httperr.Conflict("x").With("cause", "db")), httperrtest.Problem{Members: map[string]any{"cause": "db"}, Absent: []string{"cause"}},
			[]string{`member "cause": both in Members and in Absent`}},
		{"violations", record(httperr.Validation(httperr.Violation{Pointer: "#/age", Detail: "too young"})),
			httperrtest.Problem{Violations: []httperr.Violation{{Pointer: "#/name", Detail: "required"}}},
			[]string{"violations:\n\t\tgot  [{\"detail\":\"too young\",\"pointer\":\"#/age\"}]\n\t\twant [{\"detail\":\"required\",\"pointer\":\"#/name\"}]"}},
		{"no errors member", notFound, httperrtest.Problem{Violations: []httperr.Violation{{Pointer: "#/a", Detail: "b"}}}, []string{`violations: no "errors" member`}},
		{"unwanted errors member", record(httperr.Validation(httperr.Violation{Pointer: "#/a", Detail: "b"})), httperrtest.Problem{Violations: []httperr.Violation{}}, []string{`member "errors": got [{"detail":"b","pointer":"#/a"}], want none`}},
		{"header", record(httperr.TooManyRequests(time.Second)), httperrtest.Problem{Header: http.Header{"Retry-After": {"60"}}}, []string{`header Retry-After: got ["1"], want ["60"]`}},
		{"not a problem", plain(http.NotFound), httperrtest.Problem{Status: 404}, []string{`body: Content-Type is "text/plain; charset=utf-8", want application/problem+json`}},
		{"status member disagrees", raw(404, `{"type":"about:blank","status":400}`), httperrtest.Problem{Status: 404}, []string{`member "status": got 400, but the response's status is 404`}},
		{"not JSON", raw(404, `{"type":`), httperrtest.Problem{}, []string{"body: not a JSON object"}},
		{"two values", raw(404, `{} {}`), httperrtest.Problem{}, []string{"body: more than one JSON value"}},
		{"unencodable want", notFound, httperrtest.Problem{Members: map[string]any{"c": make(chan int)}}, []string{`member "c": the wanted value does not encode as JSON`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := &fakeTB{TB: t}
			if httperrtest.AssertRecorder(tb, tt.rec, tt.want) {
				t.Fatal("reported success")
			}
			if len(tb.errors) != 1 {
				t.Fatalf("%d reports, want 1: %q", len(tb.errors), tb.errors)
			}
			for _, m := range tt.msgs {
				if !strings.Contains(tb.errors[0], m) {
					t.Errorf("report lacks %q:\n%s", m, tb.errors[0])
				}
			}
		})
	}
}

func plain(h http.HandlerFunc) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h(rec, httptest.NewRequest("GET", "/", nil))
	return rec
}

func raw(status int, body string) *httptest.ResponseRecorder {
	return plain(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(status)
		io.WriteString(w, body)
	})
}

// TestAssertResponse checks a response from a loopback server, and that its body can still be read.
func TestAssertResponse(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		quiet.Render(w, r, httperr.Conflict("email taken").With("field", "email"))
	}))
	defer srv.Close()
	res, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	want := httperrtest.Problem{Status: 409, Title: "Conflict", Detail: "email taken", Members: map[string]any{"field": "email"}}
	if !httperrtest.AssertResponse(t, res, want) {
		return
	}
	body, _ := io.ReadAll(res.Body)
	if got := string(body); got != `{"type":"about:blank","title":"Conflict","status":409,"detail":"email taken","field":"email"}`+"\n" {
		t.Fatalf("body after the check: %q", got)
	}
	tb := &fakeTB{TB: t}
	if httperrtest.AssertResponse(tb, nil, want) || httperrtest.AssertRecorder(tb, nil, want) || len(tb.errors) != 2 {
		t.Fatalf("nil response and recorder: %q", tb.errors)
	}
}
