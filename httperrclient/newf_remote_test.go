package httperrclient_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/httperr/toolkit/httperr"
)

// upstreamError returns what FromResponse decodes from an upstream's 400 whose title and detail hold
// internal facts.
func upstreamError(t *testing.T) *httperr.Error {
	t.Helper()
	res := &http.Response{StatusCode: 400, Header: http.Header{"Content-Type": {"application/problem+json"}},
		Body: io.NopCloser(strings.NewReader(`{"title":"Upstream Title","detail":"pq: no row for tenant 42"}`))}
	return clientDecode(t, res)
}

// problemBody is the JSON body of a problem with the catalog's title and the given detail.
func problemBody(status int, detail string) string {
	return `{"type":"about:blank","title":"` + httperr.English().Title(status) + `","status":` + strconv.Itoa(status) +
		`,"detail":` + strconv.Quote(detail) + "}\n"
}

// TestUpstreamTextNeverInBody checks that an upstream's title and detail reach no body, whatever the
// status and however the error carrying them is handed to Newf, New or From, unless the application puts
// them there itself.
func TestUpstreamTextNeverInBody(t *testing.T) {
	remote := upstreamError(t)
	local := errors.New("local reason")
	everyVerb := "%s|%q|%+v|%#v|%x|%d" // a variable: vet rightly objects to %d of an error
	tests := []struct {
		name string
		err  error
		body string
	}{
		{"Newf 422 with %w", httperr.Newf(422, "upstream rejected: %w", remote),
			problemBody(422, "upstream rejected: upstream error")},
		{"Newf 422 with %v", httperr.Newf(422, "upstream rejected: %v", remote),
			problemBody(422, "upstream rejected: upstream error")},
		{"Newf 409 with every verb", httperr.Newf(409, everyVerb, remote, remote, remote, remote, remote, remote),
			problemBody(409, `upstream error|"upstream error"|upstream error|"upstream error"|757073747265616d206572726f72|{}`)},
		{"Newf 422 with %v of a wrapped remote error", httperr.Newf(422, "lookup: %v", fmt.Errorf("billing: %w", remote)),
			problemBody(422, "lookup: upstream error")},
		{"Newf 422 with %v of an *Error wrapping it", httperr.Newf(422, "lookup: %v", httperr.New(400, "x").Wrap(remote)),
			problemBody(422, "lookup: upstream error")},
		{"Newf 422 with two %w", httperr.Newf(422, "%w and %w", remote, local),
			problemBody(422, "upstream error and local reason")},
		{"Newf 502 with %w", httperr.Newf(502, "upstream rejected: %w", remote), gatewayBody(502)},
		{"New and Wrap", httperr.New(422, "upstream rejected").Wrap(remote), problemBody(422, "upstream rejected")},
		{"From of the remote error", httperr.From(remote), gatewayBody(502)},
		{"From of a wrapped remote error", httperr.From(fmt.Errorf("billing: %w", remote)), gatewayBody(502)},
		{"returned wrapped", fmt.Errorf("billing: %w", remote), gatewayBody(502)},
		// The application's own choice: an upstream's words it puts in the detail are sent.
		{"Newf 422 with the upstream's detail", httperr.Newf(422, "upstream rejected: %s", remote.Detail()),
			problemBody(422, "upstream rejected: pq: no row for tenant 42")},
		{"Newf 422 with %v of a passed through error", httperr.Newf(422, "upstream rejected: %v", remote.PassThrough()),
			problemBody(422, "upstream rejected: 400 Upstream Title: pq: no row for tenant 42")},
		{"WithDetail", httperr.New(422, "").WithDetail(remote.Detail()).Wrap(remote),
			problemBody(422, "pq: no row for tenant 42")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := clientRenderer.Prepare(context.Background(), tc.err, httperr.Request{Method: http.MethodGet})
			if string(r.Body) != tc.body {
				t.Errorf("body:\n%s\nwant:\n%s", r.Body, tc.body)
			}
		})
	}
}

// TestNewfRemoteKeepsCause checks that the error Newf builds around an upstream's error still wraps it and
// that its Error(), which the log records, keeps the upstream's text that the detail leaves out.
func TestNewfRemoteKeepsCause(t *testing.T) {
	remote := upstreamError(t)
	for _, tc := range []struct {
		name  string
		err   *httperr.Error
		error string
		is    bool
	}{
		{"%w", httperr.Newf(422, "upstream rejected: %w", remote),
			"422 Unprocessable Content: upstream rejected: upstream error: 400 Upstream Title: pq: no row for tenant 42", true},
		{"%v", httperr.Newf(422, "upstream rejected: %v", remote),
			"422 Unprocessable Content: upstream rejected: upstream error: upstream rejected: 400 Upstream Title: pq: no row for tenant 42", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.error {
				t.Errorf("Error() = %q, want %q", got, tc.error)
			}
			if got := errors.Is(tc.err, remote); got != tc.is {
				t.Errorf("errors.Is(err, remote) = %v, want %v", got, tc.is)
			}
			if tc.err.Remote() || tc.err.Status() != 422 {
				t.Errorf("Remote() = %v, Status() = %d: the application's error is its own", tc.err.Remote(), tc.err.Status())
			}
		})
	}
}

// TestExposeCauseSendsUpstreamText checks that ExposeCause, the development setting that sends causes,
// sends an upstream's error as any other cause: the application asked for it.
func TestExposeCauseSendsUpstreamText(t *testing.T) {
	rd := &httperr.Renderer{ExposeCause: true, Logger: clientRenderer.Logger}
	r := rd.Prepare(context.Background(), httperr.Newf(422, "upstream rejected: %w", upstreamError(t)), httperr.Request{Method: http.MethodGet})
	want := `{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"upstream rejected: upstream error",` +
		`"cause":"400 Upstream Title: pq: no row for tenant 42"}` + "\n"
	if string(r.Body) != want {
		t.Errorf("body:\n%s\nwant:\n%s", r.Body, want)
	}
}

// unwrapPanics is an error whose Unwrap panics.
type unwrapPanics struct{}

func (unwrapPanics) Error() string { return "its own text" }
func (unwrapPanics) Unwrap() error { panic("broken Unwrap") }

// TestNewfUnwrapPanics checks that Newf does not panic on an operand whose chain cannot be walked, and
// formats it as it would an upstream's error: what it wraps is unknown.
func TestNewfUnwrapPanics(t *testing.T) {
	e := httperr.Newf(422, "lookup: %v", unwrapPanics{})
	if got, want := e.Detail(), "lookup: upstream error"; got != want {
		t.Errorf("Detail() = %q, want %q", got, want)
	}
}
