package httperrhttp_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"net/textproto"
	"strings"
	"testing"
	"time"

	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// protos are the two servers every test here runs on: HTTP/1.1, and HTTP/2 over TLS.
var protos = []struct {
	name  string
	major int
}{{"HTTP/1.1", 1}, {"HTTP/2", 2}}

// serve starts a loopback server for h speaking HTTP/major, and returns it; its Client speaks the same.
func serve(t *testing.T, major int, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = nil
	if major == 2 {
		srv.EnableHTTP2 = true
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	return srv
}

// get sends a request to srv and returns the response with its body read.
func get(t *testing.T, srv *httptest.Server, method, path string, body io.Reader) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+path, body)
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

var quiet = testkit.Quiet()

// interfaces lists the optional interfaces w has, and what an http.ResponseController reaches through it.
func interfaces(w http.ResponseWriter) string {
	var has []string
	if _, ok := w.(http.Flusher); ok {
		has = append(has, "Flusher")
	}
	if _, ok := w.(interface{ FlushError() error }); ok {
		has = append(has, "FlushError")
	}
	if _, ok := w.(http.Hijacker); ok {
		has = append(has, "Hijacker")
	}
	if _, ok := w.(http.Pusher); ok {
		has = append(has, "Pusher")
	}
	if _, ok := w.(io.ReaderFrom); ok {
		has = append(has, "ReaderFrom")
	}
	if _, ok := w.(io.StringWriter); ok {
		has = append(has, "StringWriter")
	}
	rc := http.NewResponseController(w)
	soon := time.Now().Add(time.Minute)
	for _, c := range []struct {
		name string
		err  error
	}{{"SetReadDeadline", rc.SetReadDeadline(soon)}, {"SetWriteDeadline", rc.SetWriteDeadline(soon)}, {"EnableFullDuplex", rc.EnableFullDuplex()}} {
		if c.err == nil {
			has = append(has, "RC."+c.name)
		}
	}
	return strings.Join(has, " ")
}

func TestOptionalInterfaces(t *testing.T) {
	want := map[int]string{
		1: "Flusher FlushError Hijacker ReaderFrom StringWriter RC.SetReadDeadline RC.SetWriteDeadline RC.EnableFullDuplex",
		2: "Flusher FlushError Pusher StringWriter RC.SetReadDeadline RC.SetWriteDeadline RC.EnableFullDuplex",
	}
	for _, p := range protos {
		for _, stack := range []string{"Middleware", "HandlerFunc alone"} {
			t.Run(p.name+"/"+stack, func(t *testing.T) {
				var bare, ours string
				var h http.Handler = httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
					ours = interfaces(w)
					return nil
				})
				if stack == "Middleware" {
					h = httperrhttp.Middleware(quiet)(h)
				}
				srv := serve(t, p.major, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					bare = interfaces(w)
					h.ServeHTTP(w, r)
				}))
				if res, _ := get(t, srv, "GET", "/", nil); res.ProtoMajor != p.major {
					t.Fatalf("served over %s", res.Proto)
				}
				if bare != want[p.major] || ours != bare {
					t.Errorf("wrapper has %q, net/http's writer %q, want %q", ours, bare, want[p.major])
				}
			})
		}
	}
}

func TestFlushErrorReachesTheHandler(t *testing.T) {
	for _, p := range protos {
		t.Run(p.name, func(t *testing.T) {
			flushed := make(chan error, 1)
			srv := serve(t, p.major, httperrhttp.Middleware(quiet)(httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
				rc := http.NewResponseController(w)
				if err := rc.SetWriteDeadline(time.Now().Add(-time.Second)); err != nil {
					return err
				}
				io.WriteString(w, strings.Repeat("x", 64<<10))
				err := rc.Flush()
				flushed <- err
				return err
			})))
			req, _ := http.NewRequest("GET", srv.URL, nil)
			if res, err := srv.Client().Do(req); err == nil {
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
			if err := <-flushed; err == nil {
				t.Fatal("Flush through the ResponseController returned nil after the write deadline passed")
			}
		})
	}
}

func TestHijack(t *testing.T) {
	t.Run("HTTP/1.1 succeeds and starts the response", func(t *testing.T) {
		for _, via := range []string{"type assertion", "ResponseController"} {
			t.Run(via, func(t *testing.T) {
				srv := serve(t, 1, httperrhttp.Middleware(quiet)(httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
					var c net.Conn
					var brw *bufio.ReadWriter
					var err error
					if via == "ResponseController" {
						c, brw, err = http.NewResponseController(w).Hijack()
					} else {
						c, brw, err = w.(http.Hijacker).Hijack()
					}
					if err != nil {
						return err
					}
					brw.WriteString("HTTP/1.1 299 Hijacked\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
					brw.Flush()
					c.Close()
					return errors.New("after the hijack") // dropped: the connection is no longer ours
				})))
				if res, body := get(t, srv, "GET", "/", nil); res.StatusCode != 299 || body != "ok" {
					t.Fatalf("got %d %q, want 299 \"ok\"", res.StatusCode, body)
				}
			})
		}
	})
	failing := func(t *testing.T, major int, below func(http.Handler) http.Handler) {
		srv := serve(t, major, below(httperrhttp.Middleware(quiet)(httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
			if _, _, err := http.NewResponseController(w).Hijack(); err != nil {
				return fmt.Errorf("hijack: %w", err)
			}
			return errors.New("hijacked")
		}))))
		res, body := get(t, srv, "GET", "/", nil)
		if res.StatusCode != 500 || body != body500 || res.Header.Get("Content-Type") != "application/problem+json" {
			t.Fatalf("got %d %q, want the 500 problem", res.StatusCode, body)
		}
	}
	t.Run("HTTP/2 has none: the handler's 500 goes out", func(t *testing.T) {
		failing(t, 2, func(h http.Handler) http.Handler { return h })
	})
	t.Run("a failed Hijack does not start the response", func(t *testing.T) {
		failing(t, 1, func(h http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(failingHijacker{w}, r) })
		})
	})
}

// failingHijacker is a writer, below the Middleware, whose Hijack fails.
type failingHijacker struct{ http.ResponseWriter }

func (failingHijacker) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return nil, nil, errors.New("not today")
}

func TestPush(t *testing.T) {
	for _, p := range protos {
		t.Run(p.name, func(t *testing.T) {
			var bareErr, ourErr error
			var ok bool
			inner := httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
				var pu http.Pusher
				if pu, ok = w.(http.Pusher); ok {
					ourErr = pu.Push("/style.css", nil)
				}
				return nil
			})
			srv := serve(t, p.major, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if pu, ok := w.(http.Pusher); ok {
					bareErr = pu.Push("/style.css", nil)
				}
				httperrhttp.Middleware(quiet)(inner).ServeHTTP(w, r)
			}))
			get(t, srv, "GET", "/", nil)
			if ok != (p.major == 2) {
				t.Fatalf("Pusher = %v on %s", ok, p.name)
			}
			if ourErr != bareErr {
				t.Errorf("Push returned %v, net/http's own %v", ourErr, bareErr)
			}
		})
	}
}

func TestReadFromAndWriteString(t *testing.T) {
	for _, p := range protos {
		t.Run(p.name, func(t *testing.T) {
			srv := serve(t, p.major, httperrhttp.Middleware(quiet)(httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
				if _, err := io.WriteString(w, "head;"); err != nil {
					return err
				}
				_, err := io.Copy(w, strings.NewReader("copied")) // ReadFrom where the writer has it
				return err
			})))
			if res, body := get(t, srv, "GET", "/", nil); res.StatusCode != 200 || body != "head;copied" {
				t.Fatalf("got %d %q", res.StatusCode, body)
			}
		})
	}
}

// TestMaxBytesReaderClosesTheConnection: past http.MaxBytesReader's limit, net/http's HTTP/1 writer sends
// Connection: close, as it does without the Middleware.
func TestMaxBytesReaderClosesTheConnection(t *testing.T) {
	read := func(w http.ResponseWriter, r *http.Request) error {
		_, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 10))
		return err
	}
	for _, tc := range []struct {
		name string
		h    http.Handler
	}{
		{"bare net/http", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if read(w, r) != nil {
				http.Error(w, "too large", http.StatusRequestEntityTooLarge)
			}
		})},
		{"returned error", httperrhttp.Middleware(quiet)(httperrhttp.HandlerFunc(read))},
		{"handler's own 413", httperrhttp.Middleware(quiet)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if read(w, r) != nil {
				http.Error(w, "too large", http.StatusRequestEntityTooLarge)
			}
		}))},
	} {
		for _, p := range protos {
			t.Run(tc.name+"/"+p.name, func(t *testing.T) {
				srv := serve(t, p.major, tc.h)
				res, _ := get(t, srv, "POST", "/", strings.NewReader(strings.Repeat("x", 1024)))
				// The client turns the Connection: close it received into res.Close.
				if want := p.major == 1; res.StatusCode != 413 || res.Close != want {
					t.Fatalf("got %d, Connection: close %v, want 413 and %v", res.StatusCode, res.Close, want)
				}
			})
		}
	}
}

// TestStartedThroughUserWrapper: a user's writer with Unwrap between the Middleware and the handler; the
// stream the handler started is not followed by a problem.
func TestStartedThroughUserWrapper(t *testing.T) {
	for _, p := range protos {
		t.Run(p.name, func(t *testing.T) {
			sse := httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
				w.Header().Set("Content-Type", "text/event-stream")
				io.WriteString(w, "data: 1\n\n")
				if err := http.NewResponseController(w).Flush(); err != nil {
					return err
				}
				return errors.New("stream broke")
			})
			user := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sse.ServeHTTP(unwrapper{unwrapper{w}}, r) })
			srv := serve(t, p.major, httperrhttp.Middleware(quiet)(user))
			res, body := get(t, srv, "GET", "/", nil)
			if res.StatusCode != 200 || body != "data: 1\n\n" {
				t.Fatalf("got %d %q, want the stream alone", res.StatusCode, body)
			}
		})
	}
}

// TestEarlyHintsDoNotStartTheResponse: a 103 goes out, and the handler's error still renders.
func TestEarlyHintsDoNotStartTheResponse(t *testing.T) {
	hinted := httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Link", "</style.css>; rel=preload")
		w.WriteHeader(http.StatusEarlyHints)
		return httperr.NotFound("user")
	})
	for _, p := range protos {
		for _, stack := range []struct {
			name string
			h    http.Handler
		}{{"Middleware", httperrhttp.Middleware(quiet)(hinted)}, {"HandlerFunc alone", hinted}} {
			t.Run(p.name+"/"+stack.name, func(t *testing.T) {
				srv := serve(t, p.major, stack.h)
				var hints []int
				ctx := httptrace.WithClientTrace(t.Context(), &httptrace.ClientTrace{
					Got1xxResponse: func(code int, _ textproto.MIMEHeader) error { hints = append(hints, code); return nil },
				})
				req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
				res, err := srv.Client().Do(req)
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if len(hints) != 1 || hints[0] != 103 || res.StatusCode != 404 || string(body) != body404User {
					t.Fatalf("got 1xx %v then %d %q, want [103] then the 404 problem", hints, res.StatusCode, body)
				}
			})
		}
	}
}
