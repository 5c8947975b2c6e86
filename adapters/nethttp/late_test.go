package httperrhttp_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
)

// TestLateWritesStayInTheirRequest serves thousands of requests on a loopback server, a fifth of whose
// handlers keep writing from a goroutine after they returned (a bug net/http forbids). No response may
// carry another request's bytes or headers, and nothing may panic in the wrapper.
//
// Some late writers start at once, racing the end of their own request (those use only Write, WriteString,
// WriteHeader and Flush, which the wrapper serialises with its release); the others wait until the
// Middleware has returned and also touch Header, Hijack and the ResponseController.
func TestLateWritesStayInTheirRequest(t *testing.T) {
	lateWritesBoth(t, 2000)
}

// lateWritesBoth runs requests through the Middleware, then through HandlerFunc alone.
func lateWritesBoth(t *testing.T, requests int) {
	for _, withMiddleware := range []bool{true, false} {
		name := map[bool]string{true: "Middleware", false: "HandlerFunc alone"}[withMiddleware]
		t.Run(name, func(t *testing.T) { lateWrites(t, requests, withMiddleware) })
	}
}

// lateWrites runs TestLateWritesStayInTheirRequest's requests through the Middleware or without it.
func lateWrites(t *testing.T, requests int, withMiddleware bool) {
	var (
		tried, panics atomic.Int64
		released      sync.Map // request id -> chan struct{}, closed once the Middleware returned
		late          sync.WaitGroup
	)
	lateWrite := func(w http.ResponseWriter, id string, wait chan struct{}) {
		defer late.Done()
		if wait != nil {
			<-wait
		}
		for i := 0; i < 20; i++ {
			tried.Add(1)
			if !lateOnce(w, id, wait != nil) {
				panics.Add(1)
			}
		}
	}
	mux := http.NewServeMux()
	mux.Handle("GET /r/{id}", httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("id")
		n, _ := strconv.Atoi(id)
		w.Header().Set("X-Request", id)
		if n%5 == 0 {
			var wait chan struct{}
			if n%10 == 0 {
				wait = make(chan struct{})
				released.Store(id, wait)
			}
			late.Add(1)
			go lateWrite(w, id, wait)
		}
		if n%7 == 0 {
			return httperr.NotFound("request " + id)
		}
		_, err := io.WriteString(w, "request "+id)
		return err
	}))
	var mw http.Handler = mux
	if withMiddleware {
		mw = httperrhttp.Middleware(&httperr.Renderer{Logger: slog.New(slog.DiscardHandler)})(mux)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mw.ServeHTTP(w, r) // without the Middleware, the HandlerFunc's own writer is released when it returns
		if ch, ok := released.LoadAndDelete(strings.TrimPrefix(r.URL.Path, "/r/")); ok {
			close(ch.(chan struct{}))
		}
	}))
	defer srv.Close()

	var foreign atomic.Int64
	var clients sync.WaitGroup
	next := atomic.Int64{}
	for c := 0; c < 8; c++ {
		clients.Add(1)
		go func() {
			defer clients.Done()
			for {
				n := next.Add(1)
				if n > int64(requests) {
					return
				}
				id := strconv.FormatInt(n, 10)
				res, err := srv.Client().Get(srv.URL + "/r/" + id)
				if err != nil {
					continue // a late Hijack may have closed a kept-alive connection under us
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if bad := foreignIn(id, res.Header, string(body)); bad != "" {
					foreign.Add(1)
					t.Errorf("request %s carries %s", id, bad)
				}
			}
		}()
	}
	clients.Wait()
	late.Wait()
	t.Logf("%d requests, %d late writes tried, %d responses with foreign bytes or headers, %d panics",
		requests, tried.Load(), foreign.Load(), panics.Load())
	if panics.Load() != 0 {
		t.Errorf("%d late writes panicked", panics.Load())
	}
}

// foreignIn returns what in a response to request id belongs to another request, or "".
func foreignIn(id string, h http.Header, body string) string {
	for _, k := range []string{"X-Request", "X-Leak"} {
		for _, v := range h.Values(k) {
			if v != id {
				return k + ": " + v
			}
		}
	}
	for _, tok := range strings.FieldsFunc(body, func(r rune) bool { return r < '0' || r > '9' }) {
		if tok != id && tok != "404" {
			return "body " + strconv.Quote(body)
		}
	}
	return ""
}

// lateOnce writes to w as a handler's stray goroutine would, and reports false if that panicked. With all
// set, it also sets a header, tries to hijack and goes through the ResponseController.
func lateOnce(w http.ResponseWriter, id string, all bool) (ok bool) {
	defer func() { ok = recover() == nil }()
	if all {
		w.Header().Set("X-Leak", id)
		if hj, ok := w.(http.Hijacker); ok {
			if c, _, err := hj.Hijack(); err == nil {
				c.Close()
			}
		}
		rc := http.NewResponseController(w)
		rc.SetWriteDeadline(time.Now().Add(time.Second))
		rc.Flush()
	}
	w.WriteHeader(http.StatusTeapot)
	fmt.Fprintf(w, "LEAK %s;", id)
	io.WriteString(w, "LEAK "+id+";")
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	return true
}
