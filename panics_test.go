package toolkit_test

// Panics and panicking hooks, through every adapter, on real servers.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// panicRoutes are handlers that panic in each way a handler can, served beside each stack's users API.
func panicRoutes() []route {
	return []route{
		{Method: "GET", Pattern: "/panic-error", Handler: func(http.ResponseWriter, *http.Request) error {
			panic(fmt.Errorf("wrapped: %w", errors.New("boom error")))
		}},
		{Method: "GET", Pattern: "/panic-late", Handler: func(w http.ResponseWriter, r *http.Request) error {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusOK)
			io.WriteString(w, "partial answer")
			http.NewResponseController(w).Flush() //nolint:errcheck // the panic is the point
			panic("late boom")
		}},
		{Method: "GET", Pattern: "/abort", Handler: func(http.ResponseWriter, *http.Request) error {
			panic(http.ErrAbortHandler)
		}},
		{Method: "GET", Pattern: "/abort-late", Handler: func(w http.ResponseWriter, r *http.Request) error {
			w.WriteHeader(http.StatusOK)
			io.WriteString(w, "partial answer")
			http.NewResponseController(w).Flush() //nolint:errcheck // the panic is the point
			panic(http.ErrAbortHandler)
		}},
	}
}

// TestPanicsOnLoopback drives every kind of panic through each adapter on a real server, and checks after
// each that the same server answers the next request.
func TestPanicsOnLoopback(t *testing.T) {
	tests := []struct {
		path string
		// complete: a whole 500 problem is expected; otherwise the client must see a broken response (an
		// error before the status line, or a body that ends too early), never a complete-looking one.
		complete bool
		log      string // text the renderer's log must hold, "" for none
	}{
		{"/panic", true, "panic: boom: "},
		{"/panic-error", true, "panic: wrapped: boom error"},
		{"/panic-late", false, "error after the response had started"},
		{"/abort", false, ""},
		{"/abort-late", false, ""},
	}
	for _, fw := range frameworks {
		for _, tt := range tests {
			if fw.name == sFiber && !tt.complete {
				// fasthttp sends nothing before the handler returns, so there is no started response to
				// break: whatever the handler wrote, and http.ErrAbortHandler (net/http's sentinel) or not,
				// the client gets the whole 500 problem and the panic is logged.
				tt.complete, tt.log = true, "panic: "
			}
			t.Run(fw.name+tt.path, func(t *testing.T) {
				var logs testkit.LogBuffer
				rd := testkit.LogJSON(&logs)
				ts, c, serverLog := loopback(t, fw.serve(rd, panicRoutes()...))
				res, b, err, readErr := get(c, "GET", ts.URL+tt.path, nil, "")
				switch {
				case tt.complete:
					if err != nil || readErr != nil {
						t.Fatalf("request failed: %v %v", err, readErr)
					}
					if res.StatusCode != 500 || string(b) != body500 || res.ContentLength != int64(len(b)) {
						t.Errorf("got %d (Content-Length %d) %s", res.StatusCode, res.ContentLength, b)
					}
					if strings.Contains(string(b), "boom") {
						t.Errorf("the panic value reached the body: %s", b)
					}
				case err == nil && readErr == nil:
					t.Errorf("a complete-looking response after an aborted handler: %d %q", res.StatusCode, b)
				}
				if tt.log != "" && !strings.Contains(logs.String(), tt.log) {
					t.Errorf("renderer log lacks %q:\n%s", tt.log, logs.String())
				}
				if strings.Contains(serverLog.String(), "panic serving") {
					t.Errorf("a panic reached net/http (ErrAbortHandler aside):\n%s", serverLog.String())
				}
				// The next request on the same server succeeds.
				res, b, err, readErr = get(c, "GET", ts.URL+"/users/1", nil, "")
				if err != nil || readErr != nil || res.StatusCode != 200 || string(b) != fw.userBody {
					t.Fatalf("next request: %v %v %v %q", res, err, readErr, b)
				}
			})
		}
	}
}

// TestHookPanicsOnLoopback checks that a Map, Enrich or Logger hook that panics costs neither the response
// nor the server, through each adapter.
func TestHookPanicsOnLoopback(t *testing.T) {
	notFound := `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"
	hooks := map[string]*httperr.Renderer{
		"Map":    {Logger: slog.New(slog.DiscardHandler), Map: func(error) *httperr.Error { panic("Map boom") }},
		"Enrich": {Logger: slog.New(slog.DiscardHandler), Enrich: func(*http.Request, *httperr.Error) *httperr.Error { panic("Enrich boom") }},
		"Logger": {Logger: slog.New(panickingHandler{})},
	}
	for _, fw := range frameworks {
		for name, rd := range hooks {
			t.Run(fw.name+"/"+name, func(t *testing.T) {
				ts, c, serverLog := loopback(t, fw.serve(rd, panicRoutes()...))
				for _, tt := range []struct{ path, want string }{{"/users/42", notFound}, {"/panic", body500}, {"/users/1", fw.userBody}} {
					res, b, err, readErr := get(c, "GET", ts.URL+tt.path, nil, "")
					if err != nil || readErr != nil || string(b) != tt.want {
						t.Errorf("%s: %v %v %v %q", tt.path, res, err, readErr, b)
					}
				}
				if serverLog.String() != "" {
					t.Errorf("net/http logged:\n%s", serverLog.String())
				}
			})
		}
	}
}

// panickingHandler is a slog.Handler that panics on every record.
type panickingHandler struct{}

func (panickingHandler) Enabled(context.Context, slog.Level) bool  { return true }
func (panickingHandler) Handle(context.Context, slog.Record) error { panic("Logger boom") }
func (h panickingHandler) WithAttrs([]slog.Attr) slog.Handler      { return h }
func (h panickingHandler) WithGroup(string) slog.Handler           { return h }
