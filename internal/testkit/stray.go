package testkit

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/httperr/toolkit/httperr"
)

// StrayProblem returns the error of the stray-write tests, a 404 with 64 header fields, so that setting
// them takes long enough for a stray write to land in the middle, and answer, what a [Quiet] Renderer sends
// for it.
func StrayProblem() (problem *httperr.Error, answer *httptest.ResponseRecorder) {
	problem = httperr.NotFound("x")
	for i := range 64 {
		problem = problem.WithHeader("X-Field-"+strconv.Itoa(i), "value "+strconv.Itoa(i))
	}
	answer = httptest.NewRecorder()
	Quiet().Render(answer, httptest.NewRequest(http.MethodGet, "/", nil), problem)
	return problem, answer
}

// StrayOutcomes sends 1,000 GETs of url through c, from 4 goroutines, and logs how many got exactly answer
// (status, Content-Type and body), how many the stray write alone (200 "STRAY"), and how many anything
// else.
func StrayOutcomes(t testing.TB, c *http.Client, url string, answer *httptest.ResponseRecorder) {
	var exact, stray, other, next atomic.Int64
	var clients sync.WaitGroup
	for range 4 {
		clients.Go(func() {
			for next.Add(1) <= 1000 {
				res, err := c.Get(url)
				if err != nil {
					other.Add(1)
					continue
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				switch {
				case res.StatusCode == answer.Code && string(body) == answer.Body.String() &&
					res.Header.Get("Content-Type") == answer.Header().Get("Content-Type"):
					exact.Add(1)
				case res.StatusCode == http.StatusOK && string(body) == "STRAY":
					stray.Add(1)
				default:
					other.Add(1)
				}
			}
		})
	}
	clients.Wait()
	t.Logf("outcomes: %d the error's answer, %d the stray write alone, %d anything else", exact.Load(), stray.Load(), other.Load())
}

// ServeStray serves h on a loopback server for the time of [StrayOutcomes] on its root.
func ServeStray(t testing.TB, h http.Handler, answer *httptest.ResponseRecorder) {
	srv := httptest.NewServer(h)
	defer srv.Close()
	StrayOutcomes(t, srv.Client(), srv.URL+"/", answer)
}

// ServePanicking plays a GET of target on h and returns what h wrote and the value it panicked with, nil
// when it returned.
func ServePanicking(h http.Handler, target string) (rec *httptest.ResponseRecorder, p any) {
	rec = httptest.NewRecorder()
	defer func() { p = recover() }()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec, nil
}

// CheckCommitted plays a GET of target on h, whose handler wrote "partial" with contentType and status 200
// before it failed, and reports through t a panic other than wantPanic (ending the test), an answer other
// than that partial one, and logs holding other than one record of [Unsent].
func CheckCommitted(t testing.TB, h http.Handler, target string, wantPanic any, logs *LogBuffer, contentType string) {
	t.Helper()
	rec, p := ServePanicking(h, target)
	if p != wantPanic {
		t.Fatalf("panicked with %v, want %v", p, wantPanic)
	}
	Check(t, rec, 200, http.Header{"Content-Type": {contentType}}, "partial")
	if n := strings.Count(logs.String(), Unsent); n != 1 {
		t.Errorf("%d drop records, want 1:\n%s", n, logs)
	}
}
