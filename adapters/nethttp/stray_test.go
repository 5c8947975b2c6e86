package httperrhttp_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/internal/childtest"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestSubprocessStrayWriteDuringRender: a goroutine the handler started writes while HandlerFunc renders
// the error the handler returned. Each response is either exactly the problem (the stray write refused) or,
// when the stray write came first, the stray write alone with the error logged as unsent; never a
// concurrent map access (a fatal error, hence the child process), never the problem after the stray bytes.
// With and without the Middleware, on a loopback server and through ServeHTTP directly.
func TestSubprocessStrayWriteDuringRender(t *testing.T) {
	if childtest.Mode(t) == "" {
		childtest.Run(t)
		return
	}
	quiet := testkit.Quiet()
	strayProblem, want := testkit.StrayProblem() // a 404 with 64 header fields: a stray write lands in the middle

	var strayFirst atomic.Int64
	handler := httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		done := make(chan struct{})
		go func() { <-done; io.WriteString(w, "STRAY") }()
		defer close(done)
		return strayProblem
	})
	check := func(t *testing.T, status int, h http.Header, body string) {
		t.Helper()
		if status == http.StatusOK && body == "STRAY" && h.Get("Content-Type") != "application/problem+json" &&
			h.Get("X-Field-0") == "" {
			strayFirst.Add(1)
			return
		}
		if status != want.Code || body != want.Body.String() {
			t.Errorf("got %d %q, want %d %q or 200 \"STRAY\"", status, body, want.Code, want.Body.String())
			return
		}
		for k, v := range want.Header() {
			if got := h.Values(k); len(got) != len(v) || got[0] != v[0] {
				t.Errorf("%s: %q, want %q", k, got, v)
			}
		}
	}
	for _, stack := range []struct {
		name string
		h    http.Handler
	}{{"Middleware", httperrhttp.Middleware(quiet)(handler)}, {"HandlerFunc alone", handler}} {
		t.Run(stack.name+"/loopback", func(t *testing.T) {
			strayFirst.Store(0)
			srv := httptest.NewServer(stack.h)
			defer srv.Close()
			var clients sync.WaitGroup
			var next atomic.Int64
			for range 4 {
				clients.Go(func() {
					for next.Add(1) <= 1000 {
						res, err := srv.Client().Get(srv.URL + "/")
						if err != nil {
							t.Error(err)
							return
						}
						body, _ := io.ReadAll(res.Body)
						res.Body.Close()
						check(t, res.StatusCode, res.Header, string(body))
					}
				})
			}
			clients.Wait()
			t.Logf("outcomes: %s: stray write first in %d of 1000, the problem in the others", t.Name(), strayFirst.Load())
		})
		t.Run(stack.name+"/ServeHTTP", func(t *testing.T) {
			strayFirst.Store(0)
			for range 1000 {
				w := httptest.NewRecorder()
				stack.h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
				// Under HandlerFunc alone the stray write may still be on its way to the recorder: Result
				// and Body are read under the writer's release, which waits for it (see internal/hold).
				check(t, w.Code, w.Header(), w.Body.String())
			}
			t.Logf("outcomes: %s: stray write first in %d of 1000, the problem in the others", t.Name(), strayFirst.Load())
		})
	}
}
