package httperr_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// statusCodeError knows its status through StatusCode() int, as many client libraries' errors do.
type statusCodeError struct{ code int }

func (e statusCodeError) Error() string {
	return "upstream answered " + strconv.Itoa(e.code) + " token=s3cr3t"
}
func (e statusCodeError) StatusCode() int { return e.code }

// httpStatusError knows its status through HTTPStatus() int.
type httpStatusError struct{ code int }

func (e *httpStatusError) Error() string {
	return "http status " + strconv.Itoa(e.code) + " token=s3cr3t"
}
func (e *httpStatusError) HTTPStatus() int { return e.code }

// ignoredStatusError reports a status that is not an error status, and wraps another error.
type ignoredStatusError struct{ err error }

func (e ignoredStatusError) Error() string   { return "ok? token=s3cr3t" }
func (e ignoredStatusError) StatusCode() int { return http.StatusOK }
func (e ignoredStatusError) Unwrap() error   { return e.err }

// violationsError describes invalid input field by field.
type violationsError struct{}

func (violationsError) Error() string { return "invalid input token=s3cr3t" }
func (violationsError) Violations() []httperr.Violation {
	return []httperr.Violation{{Pointer: "#/name", Detail: "is required"}, {Pointer: "#/age", Detail: "must be at least 18"}}
}

// conflictViolationsError is a Violator that also names its own status through HTTPStatus.
type conflictViolationsError struct{ violationsError }

func (conflictViolationsError) HTTPStatus() int { return http.StatusConflict }

// maxBytesError returns the error of reading a 16-byte body through http.MaxBytesReader limited to 10 bytes.
func maxBytesError(t *testing.T) error {
	t.Helper()
	body := http.MaxBytesReader(httptest.NewRecorder(), io.NopCloser(strings.NewReader("0123456789abcdef")), 10)
	_, err := io.ReadAll(body)
	var mb *http.MaxBytesError
	if !errors.As(err, &mb) {
		t.Fatalf("MaxBytesReader gave %T %v", err, err)
	}
	return err
}

// person is a request body.
type person struct {
	Name string `json:"name"`
	Age  int    `json:"age"`
}

// jsonError returns the error of decoding body into a person.
func jsonError(t *testing.T, body string) error {
	t.Helper()
	var p person
	err := json.Unmarshal([]byte(body), &p)
	if err == nil {
		t.Fatalf("%s decoded", body)
	}
	return err
}

// mapCase is one error of the mapping table.
type mapCase struct {
	name    string
	err     error
	status  int
	detail  string   // the detail member; "" for the catalog's description
	errors  string   // the raw "errors" member, "" for none
	secrets []string // text that must not reach the body
	same    bool     // From returns this very *Error
}

func mapTable(t *testing.T) []mapCase {
	tempDir := t.TempDir()
	_, openErr := os.Open(filepath.Join(tempDir, "secret-dir", "missing.txt"))
	var pathErr *fs.PathError
	if !errors.As(openErr, &pathErr) {
		t.Fatalf("os.Open gave %T %v", openErr, openErr)
	}
	deadline, cancel := context.WithTimeout(context.Background(), -time.Second)
	defer cancel()
	canceled, cancel2 := context.WithCancel(context.Background())
	cancel2()
	syntaxErr := jsonError(t, `{"name": "ada", "age": x}`)
	var se *json.SyntaxError
	if !errors.As(syntaxErr, &se) {
		t.Fatalf("json gave %T", syntaxErr)
	}
	typeErr := jsonError(t, `{"name":"ada","age":"forty"}`)
	var te *json.UnmarshalTypeError
	if !errors.As(typeErr, &te) {
		t.Fatalf("json gave %T", typeErr)
	}
	notFound := httperr.NotFound("user")

	return []mapCase{
		{name: "*Error", err: notFound, status: 404, detail: "user not found", same: true},
		{name: "typed nil *Error", err: (*httperr.Error)(nil), status: 500},
		{name: "StatusCode", err: statusCodeError{418}, status: 418, secrets: []string{"s3cr3t", "upstream"}},
		{name: "StatusCode 5xx", err: statusCodeError{502}, status: 502, secrets: []string{"s3cr3t", "upstream"}},
		{name: "StatusCode 200 ignored", err: statusCodeError{200}, status: 500, secrets: []string{"s3cr3t"}},
		{name: "StatusCode 700 ignored", err: statusCodeError{700}, status: 500, secrets: []string{"s3cr3t"}},
		{name: "HTTPStatus", err: &httpStatusError{409}, status: 409, secrets: []string{"s3cr3t"}},
		{name: "HTTPStatus 200 ignored", err: &httpStatusError{200}, status: 500, secrets: []string{"s3cr3t"}},
		{name: "HTTPStatus 399 ignored", err: &httpStatusError{399}, status: 500, secrets: []string{"s3cr3t"}},
		{name: "ignored status wrapping a 404", err: ignoredStatusError{fs.ErrNotExist}, status: 404, secrets: []string{"s3cr3t"}},
		{name: "MaxBytesError", err: maxBytesError(t), status: 413, detail: "request body exceeds the limit of 10 bytes"},
		{name: "DeadlineExceeded", err: context.DeadlineExceeded, status: 504, secrets: []string{"deadline"}},
		{name: "DeadlineExceeded from a context", err: deadline.Err(), status: 504, secrets: []string{"deadline"}},
		{name: "DeadlineExceeded in a url.Error", status: 504,
			err:     &url.Error{Op: "Get", URL: "http://billing.internal:8080/charge", Err: context.DeadlineExceeded},
			secrets: []string{"billing.internal", "deadline"}},
		{name: "Canceled", err: context.Canceled, status: 499, secrets: []string{"canceled"}},
		{name: "Canceled from a context", err: canceled.Err(), status: 499, secrets: []string{"canceled"}},
		{name: "fs.ErrNotExist", err: fs.ErrNotExist, status: 404, secrets: []string{"does not exist"}},
		{name: "os.Open of a missing file", err: openErr, status: 404,
			secrets: []string{tempDir, "secret-dir", "missing.txt", "no such file"}},
		{name: "fs.ErrPermission", err: fs.ErrPermission, status: 403, secrets: []string{"permission"}},
		{name: "PathError permission", err: &fs.PathError{Op: "open", Path: "/etc/shadow", Err: fs.ErrPermission}, status: 403,
			secrets: []string{"/etc/shadow", "permission"}},
		{name: "json.SyntaxError", err: syntaxErr, status: 400,
			detail:  "request body is not valid JSON (at byte " + strconv.FormatInt(se.Offset, 10) + ")",
			secrets: []string{"invalid character"}},
		{name: "json.UnmarshalTypeError", err: typeErr, status: 400, detail: "request body has a value of the wrong type",
			errors:  `[{"detail":"must be an integer","pointer":"#/age"}]`,
			secrets: []string{"Go struct", "forty", "person"}},
		{name: "Violator", err: violationsError{}, status: 422,
			errors:  `[{"detail":"is required","pointer":"#/name"},{"detail":"must be at least 18","pointer":"#/age"}]`,
			secrets: []string{"s3cr3t"}},
		{name: "Violator with HTTPStatus", err: conflictViolationsError{}, status: 409,
			errors:  `[{"detail":"is required","pointer":"#/name"},{"detail":"must be at least 18","pointer":"#/age"}]`,
			secrets: []string{"s3cr3t"}},
		{name: "unknown", err: errors.New("db: password=hunter2"), status: 500, secrets: []string{"hunter2", "db:"}},
	}
}

// wrappings are the ways an error reaches a handler's return: bare, and wrapped.
var wrappings = []struct {
	name string
	wrap func(error) error
}{
	{"bare", func(err error) error { return err }},
	{"fmt.Errorf", func(err error) error { return fmt.Errorf("handler secret-context: %w", err) }},
	{"twice", func(err error) error {
		return fmt.Errorf("handler secret-context: %w", fmt.Errorf("service: %w", err))
	}},
	{"errors.Join", func(err error) error { return errors.Join(errors.New("secret-context cleanup"), err) }},
	{"Join in fmt.Errorf", func(err error) error {
		return fmt.Errorf("handler secret-context: %w", errors.Join(io.ErrUnexpectedEOF, err))
	}},
	{"several %w", func(err error) error { return fmt.Errorf("secret-context %w and %w", errors.New("other"), err) }},
}

func TestStatusOfAndFrom(t *testing.T) {
	for _, c := range mapTable(t) {
		for _, w := range wrappings {
			t.Run(c.name+"/"+w.name, func(t *testing.T) {
				err := w.wrap(c.err)
				if got := httperr.StatusOf(err); got != c.status {
					t.Errorf("StatusOf = %d, want %d", got, c.status)
				}
				e := httperr.From(err)
				if e == nil {
					t.Fatal("From = nil")
				}
				if e.Status() != c.status {
					t.Errorf("From(err).Status() = %d, want %d", e.Status(), c.status)
				}
				if c.same && e != c.err {
					t.Errorf("From did not return the *Error in the chain")
				}
				if !c.same && c.err != (*httperr.Error)(nil) {
					if !errors.Is(e, c.err) {
						t.Errorf("From(err) does not wrap the error: errors.Is is false")
					}
					if !errors.Is(e, err) {
						t.Errorf("From(err) does not wrap the whole error handed to it")
					}
				}
				if errors.As(err, new(*httperr.Error)) != c.same && c.err != (*httperr.Error)(nil) {
					t.Errorf("errors.As for *Error = %v", !c.same)
				}

				res := respondQuiet(err)
				if res.Status != c.status {
					t.Errorf("rendered %d, want %d", res.Status, c.status)
				}
				m := problemMembers(t, res.Body)
				detail := c.detail
				if detail == "" {
					detail = httperr.English().Description(c.status)
				}
				if got := string(m["detail"]); got != strconv.Quote(detail) {
					t.Errorf("detail member %s, want %q", got, detail)
				}
				if got := string(m["errors"]); got != c.errors {
					t.Errorf("errors member %s, want %s", got, c.errors)
				}
				if got, want := string(m["title"]), strconv.Quote(httperr.English().Title(c.status)); got != want {
					t.Errorf("title member %s, want %s", got, want)
				}
				for _, s := range append(c.secrets, "secret-context", "other", "unexpected EOF") {
					if bytes.Contains(bytes.ToLower(res.Body), []byte(strings.ToLower(s))) {
						t.Errorf("body contains %q:\n%s", s, res.Body)
					}
				}
			})
		}
	}
}

func TestStatusOfNil(t *testing.T) {
	if got := httperr.StatusOf(nil); got != 0 {
		t.Errorf("StatusOf(nil) = %d, want 0", got)
	}
	if got := httperr.From(nil); got != nil {
		t.Errorf("From(nil) = %v, want nil", got)
	}
}

func TestStatusOfClientClosedRequest(t *testing.T) {
	if got := httperr.StatusOf(context.Canceled); got != 499 {
		t.Errorf("StatusOf(context.Canceled) = %d, want 499", got)
	}
	// 499 is not registered: it takes the 4xx class title, as RFC 9110 section 15 has clients treat it.
	m := problemMembers(t, respondQuiet(context.Canceled).Body)
	if string(m["title"]) != `"Client Error"` {
		t.Errorf("title member %s", m["title"])
	}
	// The client went away: it is no server error, so it is logged at Debug.
	rd, logs := loggingRenderer()
	rd.Prepare(context.Background(), fmt.Errorf("query: %w", context.Canceled), httperr.Request{Method: http.MethodGet})
	if !strings.Contains(logs.String(), `"level":"DEBUG"`) || strings.Contains(logs.String(), `"level":"ERROR"`) {
		t.Errorf("499 not logged at Debug:\n%s", logs)
	}
}

func TestStatusOfAllocs(t *testing.T) {
	_, openErr := os.Open(filepath.Join(t.TempDir(), "missing"))
	errs := []struct {
		name string
		err  error
	}{
		{"*Error", httperr.NotFound("user")},
		{"wrapped *Error", fmt.Errorf("find: %w", httperr.NotFound("user"))},
		{"plain error", errors.New("plain")},
		{"joined", errors.Join(errors.New("a"), httperr.Conflict("x"))},
		{"PathError", openErr},
		{"Canceled wrapped", fmt.Errorf("q: %w", context.Canceled)},
		{"StatusCode", statusCodeError{418}},
		{"MaxBytesError", maxBytesError(t)},
		{"Violator", violationsError{}},
	}
	for _, e := range errs {
		t.Run(e.name, func(t *testing.T) {
			want := httperr.StatusOf(e.err)
			allocs := testing.AllocsPerRun(100, func() {
				if httperr.StatusOf(e.err) != want {
					t.Fatal("unstable")
				}
			})
			if allocs != 0 {
				t.Errorf("StatusOf allocates %v times per call", allocs)
			}
		})
	}
}

func TestRendererMap(t *testing.T) {
	errQuota := errors.New("legacy: quota exceeded for tenant 42")
	var seen []error
	rd := testkit.Quiet()
	rd.Map = func(err error) *httperr.Error {
		seen = append(seen, err)
		switch {
		case errors.Is(err, errQuota):
			return httperr.TooManyRequests(time.Minute).WithDetail("quota exceeded")
		case httperr.StatusOf(err) == 404:
			return httperr.Gone("page") // runs before From: even an *Error can be remapped
		case errors.Is(err, io.ErrUnexpectedEOF):
			return (*httperr.Error)(nil) // a nil *Error falls back too
		case errors.Is(err, io.ErrNoProgress):
			panic("broken hook")
		}
		return nil
	}
	tests := []struct {
		name   string
		err    error
		status int
		detail string
	}{
		{"mapped", fmt.Errorf("charge: %w", errQuota), 429, "quota exceeded"},
		{"*Error remapped", httperr.NotFound("page"), 410, "page is gone"},
		{"foreign error remapped", fs.ErrNotExist, 410, "page is gone"},
		{"nil falls back to the *Error", httperr.Conflict("taken"), 409, "taken"},
		{"nil falls back to the built-in mapping", context.DeadlineExceeded, 504, httperr.English().Description(504)},
		{"typed nil falls back", io.ErrUnexpectedEOF, 500, httperr.English().Description(500)},
		{"panicking hook falls back", fmt.Errorf("x: %w", io.ErrNoProgress), 500, httperr.English().Description(500)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seen = seen[:0]
			res := rd.Prepare(context.Background(), tt.err, httperr.Request{Method: http.MethodGet})
			if len(seen) != 1 || seen[0] != tt.err {
				t.Errorf("Map saw %v, want the error itself once", seen)
			}
			m := problemMembers(t, res.Body)
			if res.Status != tt.status || string(m["detail"]) != strconv.Quote(tt.detail) {
				t.Errorf("got %d %s, want %d %q", res.Status, m["detail"], tt.status, tt.detail)
			}
		})
	}
	// Render, with a request, runs the same hook.
	w := httptest.NewRecorder()
	rd.Render(w, httptest.NewRequest(http.MethodGet, "/", nil), errQuota)
	if w.Code != 429 || w.Header().Get("Retry-After") != "60" {
		t.Errorf("Render: %d Retry-After %q", w.Code, w.Header().Get("Retry-After"))
	}
}
