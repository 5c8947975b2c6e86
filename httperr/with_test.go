package httperr_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrclient"
	"github.com/httperr/toolkit/internal/testkit"
)

func TestErrorWithReservedNames(t *testing.T) {
	base := httperr.NotFound("user").With("id", 42)
	want := string(respondQuiet(base).Body)
	for _, name := range []string{"type", "title", "status", "detail", "instance"} {
		t.Run(name, func(t *testing.T) {
			rd, logs := loggingRenderer()
			e := base.With(name, "injected")
			if _, ok := e.Extension(name); ok {
				t.Errorf("Extension(%q) is set", name)
			}
			if _, ok := e.Extensions()[name]; ok {
				t.Errorf("Extensions() has %q", name)
			}
			res := rd.Prepare(context.Background(), e, httperr.Request{Method: http.MethodGet})
			if string(res.Body) != want {
				t.Errorf("body = %s\nwant   %s", res.Body, want)
			}
			if res.Status != 404 {
				t.Errorf("status = %d", res.Status)
			}
			if !strings.Contains(logs.String(), `"level":"WARN"`) || !strings.Contains(logs.String(), "reserved") {
				t.Errorf("the refusal was not logged at Warn: %s", logs)
			}
		})
	}
	// Member names are case-sensitive: "Type" is an ordinary extension.
	if v, ok := base.With("Type", "x").Extension("Type"); !ok || v != "x" {
		t.Errorf(`With("Type") = %v, %v; want it kept`, v, ok)
	}
}

func TestErrorWithHeader(t *testing.T) {
	base := httperr.Conflict("x").WithHeader("X-Keep", "1")
	refused := []struct{ name, key, value string }{
		{"CR in value", "X-A", "a\rb"},
		{"LF in value", "X-A", "a\nSet-Cookie: x=1"},
		{"CRLF in value", "X-A", "a\r\nb"},
		{"NUL in value", "X-A", "a\x00b"},
		{"empty name", "", "v"},
		{"space in name", "X A", "v"},
		{"colon in name", "X-A:", "v"},
		{"CRLF in name", "X-A\r\nSet-Cookie", "v"},
		{"non-ASCII name", "X-Ä", "v"},
		{"Content-Type", "Content-Type", "text/html"},
		{"content-type lowercase", "content-type", "text/html"},
		{"Content-Length", "Content-Length", "0"},
		{"X-Content-Type-Options", "X-Content-Type-Options", "none"},
		{"Content-Encoding", "Content-Encoding", "gzip"},
		{"content-encoding lowercase", "content-encoding", "br"},
		{"Transfer-Encoding", "Transfer-Encoding", "chunked"},
		{"transfer-encoding lowercase", "transfer-encoding", "gzip, chunked"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			rd, logs := loggingRenderer()
			e := base.WithHeader(tt.key, tt.value)
			if !reflect.DeepEqual(e.Header(), base.Header()) {
				t.Errorf("Header() = %v, want %v", e.Header(), base.Header())
			}
			w := httptest.NewRecorder()
			rd.Render(w, httptest.NewRequest(http.MethodGet, "/", nil), e)
			for k, vs := range w.Header() {
				for _, v := range vs {
					if strings.ContainsAny(k+v, "\r\n\x00") || v == tt.value && tt.value != "v" {
						t.Errorf("response carries %s: %q", k, v)
					}
				}
			}
			if got := w.Header().Get("Content-Type"); got != "application/problem+json" {
				t.Errorf("Content-Type = %q", got)
			}
			if got := w.Header().Get("Content-Length"); got != strconv.Itoa(w.Body.Len()) {
				t.Errorf("Content-Length = %q for a body of %d bytes", got, w.Body.Len())
			}
			if got := w.Header().Get("X-Keep"); got != "1" {
				t.Errorf("X-Keep = %q", got)
			}
			if !strings.Contains(logs.String(), `"level":"WARN"`) {
				t.Errorf("the refusal was not logged at Warn: %s", logs)
			}
		})
	}

	t.Run("accepted", func(t *testing.T) {
		e := base.WithHeader("x-request-id", "abc").WithHeader("X-Request-ID", "def").WithHeader("Cache-Control", "no-store")
		want := http.Header{"X-Keep": {"1"}, "X-Request-Id": {"def"}, "Cache-Control": {"no-store"}}
		if !reflect.DeepEqual(e.Header(), want) {
			t.Errorf("Header() = %v, want %v", e.Header(), want)
		}
		res := respondQuiet(e)
		for k, v := range want {
			if !reflect.DeepEqual(res.Header()[k], v) {
				t.Errorf("sent %s = %v, want %v", k, res.Header()[k], v)
			}
		}
		// An empty value is a valid field value.
		if got, ok := base.WithHeader("X-Empty", "").Header()["X-Empty"]; !ok || !reflect.DeepEqual(got, []string{""}) {
			t.Errorf("X-Empty = %v, %v", got, ok)
		}
	})
}

func TestErrorWithRetryAfter(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{1500 * time.Millisecond, "2"},
		{time.Nanosecond, "1"},
		{time.Second, "1"},
		{time.Second + time.Nanosecond, "2"},
		{90 * time.Second, "90"},
		{0, "0"},
		{-5 * time.Second, "0"},
		{-time.Nanosecond, "0"},
		{2 * 365 * 24 * time.Hour, "31536000"},
		{365 * 24 * time.Hour, "31536000"},
		{1<<63 - 1, "31536000"},
		{-1 << 63, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.d.String(), func(t *testing.T) {
			e := httperr.ServiceUnavailable(time.Hour).WithRetryAfter(tt.d)
			if got := e.Header().Values("Retry-After"); !reflect.DeepEqual(got, []string{tt.want}) {
				t.Errorf("Retry-After = %q, want %q", got, tt.want)
			}
			if got := respondQuiet(e).Header().Get("Retry-After"); got != tt.want {
				t.Errorf("sent Retry-After = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestErrorWithRetryAt(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 30, 15, 999, time.FixedZone("CET", 3600))
	e := httperr.ServiceUnavailable(time.Minute).WithRetryAt(at)
	const want = "Sun, 01 Mar 2026 11:30:15 GMT" // IMF-fixdate, RFC 9110 section 5.6.7: always GMT
	if got := e.Header().Get("Retry-After"); got != want {
		t.Errorf("Retry-After = %q, want %q", got, want)
	}
	parsed, err := http.ParseTime(e.Header().Get("Retry-After"))
	if err != nil || !parsed.Equal(at.Truncate(time.Second)) {
		t.Errorf("ParseTime = %v, %v; want %v", parsed, err, at.Truncate(time.Second))
	}
	if got := len(e.Header().Values("Retry-After")); got != 1 {
		t.Errorf("Retry-After has %d values, want 1 (the delay is replaced)", got)
	}
}

// TestErrorWithHeaderFramingOverHTTP sends a problem whose code asked for Content-Encoding and
// Transfer-Encoding through a real server and client: the fields are refused, and the client reads the body.
func TestErrorWithHeaderFramingOverHTTP(t *testing.T) {
	e := httperr.Conflict("email taken").WithHeader("Content-Encoding", "gzip").WithHeader("Transfer-Encoding", "chunked")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		testkit.Quiet().Render(w, r, e)
	}))
	defer srv.Close()
	res, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.Header.Get("Content-Encoding") != "" || len(res.TransferEncoding) != 0 {
		t.Errorf("Content-Encoding %q, Transfer-Encoding %q sent", res.Header.Get("Content-Encoding"), res.TransferEncoding)
	}
	got := httperr.From(httperrclient.FromResponse(res))
	if got.Status() != 409 || got.Detail() != "email taken" {
		t.Errorf("client read %d %q, want 409 %q", got.Status(), got.Detail(), "email taken")
	}
}

func TestErrorWithRetryAtOutOfRange(t *testing.T) {
	for _, tt := range []struct {
		name string
		at   time.Time
		want string
	}{
		{"year -5", time.Date(-5, 6, 1, 0, 0, 0, 0, time.UTC), "Sat, 01 Jan 0000 00:00:00 GMT"},
		{"year 99999", time.Date(99999, 6, 1, 0, 0, 0, 0, time.UTC), "Fri, 31 Dec 9999 23:59:59 GMT"},
		{"year 10000 only in UTC", time.Date(9999, 12, 31, 23, 30, 0, 0, time.FixedZone("EST", -5*3600)), "Fri, 31 Dec 9999 23:59:59 GMT"},
		{"year 0", time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), "Sat, 01 Jan 0000 00:00:00 GMT"},
		{"year 9999", time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), "Fri, 31 Dec 9999 23:59:59 GMT"},
		{"zero time", time.Time{}, "Mon, 01 Jan 0001 00:00:00 GMT"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := respondQuiet(httperr.ServiceUnavailable(time.Minute).WithRetryAt(tt.at)).Header().Get("Retry-After")
			if got != tt.want {
				t.Errorf("Retry-After = %q, want %q", got, tt.want)
			}
			if _, err := http.ParseTime(got); err != nil {
				t.Errorf("ParseTime(%q): %v", got, err)
			}
		})
	}
}
