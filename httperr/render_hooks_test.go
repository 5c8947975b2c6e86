package httperr

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"testing"
)

func TestRenderMapRunsFirst(t *testing.T) {
	errNoCredit := errors.New("no credit")
	var calls []string
	rd := quiet(Renderer{
		Map: func(err error) *Error {
			calls = append(calls, "Map")
			if errors.Is(err, errNoCredit) {
				return Forbidden("you do not have enough credit").WithType("https://example.com/probs/out-of-credit")
			}
			if target := (*Error)(nil); !errors.As(err, &target) {
				t.Errorf("Map got %v, want the error as rendered", err)
			}
			return nil
		},
		Enrich: func(r *http.Request, e *Error) *Error {
			calls = append(calls, "Enrich")
			return e.With("seen_status", e.Status())
		},
	})
	res := render(rd, "GET", "/", nil, nil, fmt.Errorf("charge: %w", errNoCredit))
	m := checkJSONProblem(t, 403, body(t, res))
	if m["type"] != "https://example.com/probs/out-of-credit" || m["seen_status"] != 403.0 {
		t.Errorf("body %v", m)
	}
	if !slices.Equal(calls, []string{"Map", "Enrich"}) {
		t.Errorf("calls %q, want Map then Enrich", calls)
	}
	// Map returning nil falls back to the built-in mapping, and Map wins over it.
	calls = nil
	res = render(rd, "GET", "/", nil, nil, NotFound("user"))
	if res.StatusCode != 404 || !slices.Equal(calls, []string{"Map", "Enrich"}) {
		t.Errorf("status %d, calls %q", res.StatusCode, calls)
	}
	rd.Map = func(error) *Error { return Teapot("mapped") }
	if res := render(rd, "GET", "/", nil, nil, NotFound("user")); res.StatusCode != 418 {
		t.Errorf("Map did not win over an *Error: %d", res.StatusCode)
	}
}

func TestRenderHookPanics(t *testing.T) {
	logger, logs := captureLogger()
	rd := &Renderer{
		Logger: logger,
		Map:    func(error) *Error { panic("Map broke") },
		Enrich: func(*http.Request, *Error) *Error { panic("Enrich broke") },
	}
	res := render(rd, "GET", "/", nil, nil, NotFound("user"))
	checkProblem(t, "GET", res, body(t, res))
	if res.StatusCode != 404 {
		t.Errorf("status %d", res.StatusCode)
	}
	var msgs []string
	for _, r := range logRecords(t, logs) {
		msgs = append(msgs, r["level"].(string)+" "+r["msg"].(string))
	}
	if !slices.Contains(msgs, "ERROR httperr: Map hook panicked") || !slices.Contains(msgs, "ERROR httperr: Enrich hook panicked") {
		t.Errorf("records %q", msgs)
	}
}
