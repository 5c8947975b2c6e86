package httperr_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

func TestErrorGetters(t *testing.T) {
	cause := errors.New("cause")
	e := httperr.New(409, "detail text").
		WithTitle("Title Text").
		WithType("https://example.com/probs/x").
		WithInstance("/things/1").
		With("balance", 30).
		WithHeader("x-custom", "v").
		Wrap(cause)
	checks := []struct {
		name      string
		got, want any
	}{
		{"Status", e.Status(), 409},
		{"Title", e.Title(), "Title Text"},
		{"Detail", e.Detail(), "detail text"},
		{"Type", e.Type(), "https://example.com/probs/x"},
		{"Instance", e.Instance(), "/things/1"},
		{"Extensions", e.Extensions(), map[string]any{"balance": 30}},
		{"Header", e.Header(), http.Header{"X-Custom": {"v"}}},
		{"Unwrap", e.Unwrap(), cause},
		{"Violations", e.Violations(), []httperr.Violation(nil)},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s() = %#v, want %#v", c.name, c.got, c.want)
		}
	}
	if v, ok := e.Extension("balance"); !ok || v != 30 {
		t.Errorf("Extension(balance) = %v, %v", v, ok)
	}
	if v, ok := e.Extension("missing"); ok || v != nil {
		t.Errorf("Extension(missing) = %v, %v", v, ok)
	}

	// A fresh error: the catalog's title, other texts empty, no extensions, an empty header.
	p := httperr.BadRequest("")
	if p.Title() != "Bad Request" || p.Detail() != "" || p.Type() != "" || p.Instance() != "" || p.Unwrap() != nil {
		t.Errorf("fresh error has texts: %+v", snapshotError(p))
	}
	if p.Extensions() != nil {
		t.Errorf("Extensions() = %#v, want nil", p.Extensions())
	}
	if h := p.Header(); h == nil || len(h) != 0 {
		t.Errorf("Header() = %#v, want an empty non-nil header", h)
	}
}

func TestErrorNilReceiver(t *testing.T) {
	var e *httperr.Error
	var asError error = e // the typed-nil trap: a non-nil error holding a nil *Error
	calls := []struct {
		name string
		call func() any
		want any // nil: only "does not panic"
	}{
		{"Status", func() any { return e.Status() }, 500},
		{"Title", func() any { return e.Title() }, "Internal Server Error"},
		{"Detail", func() any { return e.Detail() }, ""},
		{"Type", func() any { return e.Type() }, ""},
		{"Instance", func() any { return e.Instance() }, ""},
		{"Extensions", func() any { return e.Extensions() }, map[string]any(nil)},
		{"Extension", func() any { v, ok := e.Extension("k"); return []any{v, ok} }, []any{nil, false}},
		{"Violations", func() any { return e.Violations() }, []httperr.Violation(nil)},
		{"Header", func() any { return e.Header() }, http.Header{}},
		{"Unwrap", func() any { return e.Unwrap() }, error(nil)},
		{"Error", func() any { return e.Error() }, "httperr: <nil>"},
		{"LogValue", func() any { return e.LogValue().String() }, "<nil>"},
		{"With", func() any { return e.With("k", 1).Extensions() }, map[string]any{"k": 1}},
		{"With reserved", func() any { return e.With("title", "x").Status() }, 500},
		{"WithDetail", func() any { return e.WithDetail("d").Detail() }, "d"},
		{"WithTitle", func() any { return e.WithTitle("t").Title() }, "t"},
		{"WithType", func() any { return e.WithType("u").Type() }, "u"},
		{"WithInstance", func() any { return e.WithInstance("/i").Instance() }, "/i"},
		{"WithHeader", func() any { return e.WithHeader("X-A", "b").Header() }, http.Header{"X-A": {"b"}}},
		{"WithRetryAfter", func() any { return e.WithRetryAfter(time.Second).Header().Get("Retry-After") }, "1"},
		{"WithRetryAt", func() any {
			return e.WithRetryAt(time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)).Header().Get("Retry-After")
		}, "Wed, 02 Jan 2030 03:04:05 GMT"},
		{"WithErrors", func() any { return len(e.WithErrors(httperr.Violation{Pointer: "#/a"}).Violations()) }, 1},
		{"Wrap", func() any { return e.Wrap(io.EOF).Unwrap() }, io.EOF},
		{"With status", func() any { return e.WithDetail("d").Status() }, 500},
		{"StatusOf", func() any { return httperr.StatusOf(asError) }, 500},
		{"StatusOf wrapped", func() any { return httperr.StatusOf(fmt.Errorf("find: %w", asError)) }, 500},
		{"From", func() any { return httperr.From(asError).Status() }, 500},
		{"From wrapped", func() any { return httperr.From(fmt.Errorf("find: %w", asError)).Status() }, 500},
		{"From not nil", func() any { return httperr.From(asError) != nil }, true},
		{"errors.As", func() any { var x *httperr.Error; return errors.As(asError, &x) && x == nil }, true},
		{"fmt", func() any { return fmt.Sprint(asError) }, "httperr: <nil>"},
		{"slog", func() any {
			var buf bytes.Buffer
			slog.New(slog.NewTextHandler(&buf, nil)).Info("m", "err", e)
			return strings.Contains(buf.String(), "err=<nil>")
		}, true},
		{"Prepare", func() any {
			res := testkit.Quiet().Prepare(context.Background(), asError, httperr.Request{Method: http.MethodGet})
			return res.Status
		}, 500},
		{"Prepare XML", func() any {
			res := testkit.Quiet().Prepare(context.Background(), asError, httperr.Request{Method: http.MethodGet, Accept: "application/xml"})
			return res.Status
		}, 500},
		{"Render", func() any {
			w := httptest.NewRecorder()
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			testkit.Quiet().Render(w, r, asError)
			return w.Code
		}, 500},
		{"Render nil *Error argument", func() any {
			w := httptest.NewRecorder()
			testkit.Quiet().Render(w, httptest.NewRequest(http.MethodGet, "/", nil), e)
			return w.Header().Get("Content-Type")
		}, "application/problem+json"},
	}
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("panicked: %v", p)
				}
			}()
			if got := c.call(); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %#v, want %#v", got, c.want)
			}
		})
	}

	// The body of a rendered typed nil is a plain 500 that says nothing more.
	res := respondQuiet(asError)
	m := problemMembers(t, res.Body)
	if string(m["status"]) != "500" || string(m["title"]) != `"Internal Server Error"` {
		t.Errorf("typed nil renders %s", res.Body)
	}
}

// panicky is an error whose Error method panics.
type panicky struct{}

func (panicky) Error() string { panic("no message") }

func TestErrorString(t *testing.T) {
	tests := []struct {
		name string
		err  *httperr.Error
		want string
	}{
		{"catalog title", httperr.NotFound("user"), "404 Not Found: user not found"},
		{"no detail", httperr.BadRequest(""), "400 Bad Request"},
		{"own title", httperr.Conflict("email taken").WithTitle("Email Taken"), "409 Email Taken: email taken"},
		{"cause", httperr.InternalServerError("").Wrap(errors.New("db: down")), "500 Internal Server Error: db: down"},
		{"detail and cause", httperr.BadGateway("upstream failed").Wrap(errors.New("dial tcp: refused")),
			"502 Bad Gateway: upstream failed: dial tcp: refused"},
		{"cause equal to detail", httperr.BadRequest("EOF").Wrap(io.EOF), "400 Bad Request: EOF"},
		{"detail ending with the cause", httperr.BadRequest("decode body: EOF").Wrap(io.EOF),
			"400 Bad Request: decode body: EOF"},
		{"Newf 4xx", httperr.Newf(400, "decode body: %w", io.EOF), "400 Bad Request: decode body: EOF"},
		{"Newf 5xx", httperr.Newf(503, "users db: %w", errors.New("timeout")), "503 Service Unavailable: users db: timeout"},
		{"unregistered code", httperr.New(460, "x"), "460 Client Error: x"},
		{"bad status", httperr.New(302, "moved"), "500 Internal Server Error: moved"},
		{"panicking cause", httperr.BadRequest("x").Wrap(panicky{}), "400 Bad Request: x: (Error method panicked)"},
		{"teapot", httperr.Teapot(""), "418 I'm a teapot"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestErrorLogValue(t *testing.T) {
	tests := []struct {
		name string
		err  *httperr.Error
		want string
	}{
		{"full", httperr.Conflict("email taken").
			WithTitle("Email Taken").
			WithType("https://example.com/probs/email-taken").
			WithInstance("/users/7").
			With("email", "ada@example.com").
			Wrap(errors.New("unique violation")),
			`{"status":409,"title":"Email Taken","detail":"email taken","type":"https://example.com/probs/email-taken","instance":"/users/7","cause":"unique violation"}`},
		{"status only", httperr.NotFound(""), `{"status":404}`},
		{"bad status", httperr.New(302, "moved"), `{"status":500,"requested_status":302,"detail":"moved"}`},
		{"status 0", httperr.New(0, ""), `{"status":500,"requested_status":0}`},
		{"5xx Newf", httperr.Newf(502, "billing: %w", errors.New("connection reset")),
			`{"status":502,"cause":"billing: connection reset"}`},
		{"nil", nil, `"<nil>"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			jsonLogger(&buf).Info("request failed", "error", tt.err)
			want := `{"level":"INFO","msg":"request failed","error":` + tt.want + "}\n"
			if buf.String() != want {
				t.Errorf("log =\n%s\nwant\n%s", buf.String(), want)
			}
		})
	}
	var _ slog.LogValuer = (*httperr.Error)(nil)
}
