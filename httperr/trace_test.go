package httperr_test

import (
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

const validTraceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

// TestTraceID runs, through EnrichTraceID, the cases of the W3C Trace Context specification's traceparent section (and of its test
// suite, test/test.py) that a strict parser must tell apart.
func TestTraceID(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		want   string // "" for no trace id
	}{
		{"valid", []string{validTraceparent}, "4bf92f3577b34da6a3ce929d0e0e4736"},
		{"not sampled", []string{"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"}, "4bf92f3577b34da6a3ce929d0e0e4736"},
		{"unknown flags kept", []string{"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09"}, "4bf92f3577b34da6a3ce929d0e0e4736"},
		{"future version, longer", []string{"cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-holds"}, "4bf92f3577b34da6a3ce929d0e0e4736"},
		{"future version, same length", []string{"01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}, "4bf92f3577b34da6a3ce929d0e0e4736"},
		{"absent", nil, ""},
		{"two field lines", []string{validTraceparent, validTraceparent}, ""},
		{"version ff", []string{"ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}, ""},
		{"version 00, longer", []string{validTraceparent + "-extra"}, ""},
		{"future version, no dash after flags", []string{"cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x"}, ""},
		{"uppercase trace-id", []string{"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"}, ""},
		{"uppercase version", []string{"0A-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}, ""},
		{"zero trace-id", []string{"00-00000000000000000000000000000000-00f067aa0ba902b7-01"}, ""},
		{"zero parent-id", []string{"00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"}, ""},
		{"short trace-id", []string{"00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01"}, ""},
		{"non-hex parent-id", []string{"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902bz-01"}, ""},
		{"non-hex flags", []string{"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g"}, ""},
		{"wrong separator", []string{"00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}, ""},
		{"leading space", []string{" " + validTraceparent}, ""},
		{"empty", []string{""}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &http.Request{Header: http.Header{"Traceparent": tt.values}}
			id, ok := httperr.EnrichTraceID(r, httperr.NotFound("x")).Extension("traceId")
			if ok != (tt.want != "") || ok && id != tt.want {
				t.Fatalf("traceId member = %v, %v; want %q", id, ok, tt.want)
			}
		})
	}
}

func TestEnrichTraceID(t *testing.T) {
	rd := testkit.Quiet()
	rd.Enrich = httperr.EnrichTraceID
	tests := []struct {
		name        string
		err         error
		traceparent string
		want        string
	}{
		{"404", httperr.NotFound("user"), validTraceparent,
			`{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found","traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}`},
		{"500 from a plain error", errSecret, validTraceparent,
			`{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"The server encountered an unexpected condition that prevented it from fulfilling the request.","traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}`},
		{"own member kept", httperr.Conflict("taken").With("traceId", "mine"), validTraceparent,
			`{"type":"about:blank","title":"Conflict","status":409,"detail":"taken","traceId":"mine"}`},
		{"no traceparent", httperr.NotFound("user"), "",
			`{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}`},
		{"invalid traceparent", httperr.NotFound("user"), "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
			`{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/users/7", nil)
			if tt.traceparent != "" {
				r.Header.Set("traceparent", tt.traceparent)
			}
			rec := httptest.NewRecorder()
			rd.Render(rec, r, tt.err)
			if got := strings.TrimSuffix(rec.Body.String(), "\n"); got != tt.want {
				t.Fatalf("body\n got %s\nwant %s", got, tt.want)
			}
		})
	}
	if got := httperr.EnrichTraceID(nil, httperr.NotFound("x")); got.Status() != 404 {
		t.Fatal("nil request")
	}
}

type secretError struct{}

func (secretError) Error() string { return "db: password=hunter2" }

var errSecret error = secretError{}

// TestCoreImportsNoTracing checks that the core stays on the standard library and golang.org/x/text: the
// OpenTelemetry modules are dependencies of examples/otel only.
func TestCoreImportsNoTracing(t *testing.T) {
	gotool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	out, err := exec.Command(gotool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for dep := range strings.Lines(string(out)) {
		dep = strings.TrimSpace(dep)
		first, _, _ := strings.Cut(dep, "/")
		if strings.Contains(first, ".") && !strings.HasPrefix(dep, "golang.org/x/text/") && !strings.HasPrefix(dep, "github.com/httperr/toolkit/") && !strings.HasPrefix(dep, "vendor/") {
			t.Errorf("the core imports %s", dep)
		}
	}
}
