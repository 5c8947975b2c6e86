package httperr_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// Helpers shared by the external tests (package httperr_test) of the error value, its constructors and
// the mapping of foreign errors. Their names are specific on purpose: every external test file of the
// package shares them.

// loggingRenderer is a Renderer that logs every level as JSON into the returned buffer.
func loggingRenderer() (*httperr.Renderer, *bytes.Buffer) {
	var buf bytes.Buffer
	return testkit.LogJSON(&buf), &buf
}

// respondQuiet renders err as JSON, in English, for GET, with a quiet Renderer.
func respondQuiet(err error) httperr.Response {
	return testkit.Quiet().Prepare(context.Background(), err, httperr.Request{Method: http.MethodGet})
}

// problemMembers decodes a problem+json body into its members, failing the test when it is not one JSON
// object followed by a single newline.
func problemMembers(t *testing.T, body []byte) map[string]json.RawMessage {
	t.Helper()
	if !bytes.HasSuffix(body, []byte("}\n")) || bytes.Count(body, []byte("\n")) != 1 {
		t.Fatalf("body is not one JSON object and a newline: %q", body)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, body)
	}
	return m
}

// errorSnapshot is everything observable about an *Error.
type errorSnapshot struct {
	Status                              int
	Title, Detail, Type, Instance       string
	Extensions                          map[string]any
	Violations                          []httperr.Violation
	Header                              http.Header
	Cause                               error
	Text                                string
	JSON, formatXML, French, HeaderSent string
	JSONStatus, XMLStatus, FRState      int
}

func snapshotError(e *httperr.Error) errorSnapshot {
	rd := testkit.Quiet()
	rd.ExposeCause = true
	j := rd.Prepare(context.Background(), e, httperr.Request{Method: http.MethodGet})
	x := rd.Prepare(context.Background(), e, httperr.Request{Method: http.MethodGet, Accept: "application/problem+xml"})
	f := rd.Prepare(context.Background(), e, httperr.Request{Method: http.MethodGet, AcceptLanguage: "fr"})
	var hdr strings.Builder
	j.Header().Write(&hdr) //nolint:errcheck // strings.Builder does not fail
	return errorSnapshot{
		Status: e.Status(), Title: e.Title(), Detail: e.Detail(), Type: e.Type(), Instance: e.Instance(),
		Extensions: e.Extensions(), Violations: e.Violations(), Header: e.Header(), Cause: e.Unwrap(),
		Text: e.Error(),
		JSON: string(j.Body), formatXML: string(x.Body), French: string(f.Body), HeaderSent: hdr.String(),
		JSONStatus: j.Status, XMLStatus: x.Status, FRState: f.Status,
	}
}

// jsonLogger logs as JSON into buf, without the time.
func jsonLogger(buf *bytes.Buffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) == 0 && a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
}
