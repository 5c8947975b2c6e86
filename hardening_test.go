// The cross-adapter hardening suite: panics on a real loopback server, a bounded load burst, and secrets,
// each through every stack of the conformance suite (ServeMux, chi, gorilla/mux, echo v4, gin, echo v5,
// fiber). fiber is served by fiber itself on a real listener (startServer).
package toolkit_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/httperr/toolkit/httperr"
)

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a server's handlers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// loopbackServer is a stack served on a real loopback listener: by net/http's server, or, for fiber, by
// fiber's own (fasthttp) on app.Listener.
type loopbackServer struct {
	URL   string
	close func()
	once  sync.Once
}

// Close stops the server and waits for its handlers to end.
func (s *loopbackServer) Close() { s.once.Do(s.close) }

// startServer serves h on a loopback listener, with net/http's error log written to errorLog; a
// fiberServer is served by fiber itself.
func startServer(t *testing.T, h http.Handler, errorLog io.Writer) *loopbackServer {
	t.Helper()
	if fs, ok := h.(fiberServer); ok {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			fs.app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true}) //nolint:errcheck // ends with Shutdown
		}()
		return &loopbackServer{URL: "http://" + ln.Addr().String(), close: func() {
			fs.app.ShutdownWithTimeout(10 * time.Second) //nolint:errcheck // best effort
			<-done
		}}
	}
	ts := httptest.NewUnstartedServer(h)
	ts.Config.ErrorLog = log.New(errorLog, "", 0)
	ts.Start()
	return &loopbackServer{URL: ts.URL, close: ts.Close}
}

// loopback starts h on a real loopback listener (startServer), with net/http's own error log captured, and
// returns the server, a client with its own transport, and that log.
func loopback(t *testing.T, h http.Handler) (*loopbackServer, *http.Client, *syncBuffer) {
	t.Helper()
	var serverLog syncBuffer
	ts := startServer(t, h, &serverLog)
	tr := &http.Transport{MaxIdleConnsPerHost: 64}
	t.Cleanup(func() {
		ts.Close()
		tr.CloseIdleConnections()
	})
	return ts, &http.Client{Transport: tr, Timeout: 30 * time.Second}, &serverLog
}

// get does a request and reads the whole body; readErr is the error reading the body, if any.
func get(c *http.Client, method, url string, header map[string]string, body string) (res *http.Response, b []byte, err, readErr error) {
	var rb io.Reader
	if body != "" {
		rb = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rb)
	if err != nil {
		return nil, nil, err, nil
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err = c.Do(req)
	if err != nil {
		return nil, nil, err, nil
	}
	defer res.Body.Close()
	b, readErr = io.ReadAll(res.Body)
	return res, b, nil, readErr
}

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
				var logs syncBuffer
				rd := &httperr.Renderer{Logger: slog.New(slog.NewJSONHandler(&logs, nil))}
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

// loadRequest is one kind of request of the load burst.
type loadRequest struct {
	name, method, path, body string
	header                   map[string]string
}

var loadRequests = []loadRequest{
	{name: "success", method: "GET", path: "/users/1"},
	{name: "404", method: "GET", path: "/users/42"},
	{name: "422", method: "POST", path: "/users", body: `{"name":"","email":"nope","age":-1}`},
	{name: "500", method: "GET", path: "/report"},
	{name: "panic", method: "GET", path: "/panic"},
	{name: "405", method: "DELETE", path: "/users/1"},
	{name: "XML", method: "GET", path: "/users/42", header: map[string]string{"Accept": "application/problem+xml"}},
	{name: "French", method: "GET", path: "/maintenance", header: map[string]string{"Accept-Language": "fr"}},
}

// loadAnswer is what one kind of request must get, byte for byte.
type loadAnswer struct {
	status             int
	contentType, allow string
	body               string
}

// TestLoad serves the users API with each framework on a loopback listener and drives a bounded burst of
// concurrent requests mixing success, 4xx, 5xx, panics, XML and French. Every answer must be complete and the
// one its request calls for, byte for byte, with a matching Content-Length; afterwards the goroutines and the
// heap must come back to where they were.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	const (
		total   = 20000 // across the stacks
		workers = 64
	)
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	baseline := runtime.NumGoroutine()
	start := time.Now()

	var transports []*http.Transport
	func() {
		for i, fw := range frameworks {
			rd := &httperr.Renderer{Logger: slog.New(slog.DiscardHandler)}
			var serverLog syncBuffer
			ts := startServer(t, fw.serve(rd), &serverLog)
			defer ts.Close()
			tr := &http.Transport{MaxIdleConnsPerHost: workers, MaxIdleConns: workers}
			transports = append(transports, tr)
			c := &http.Client{Transport: tr, Timeout: 30 * time.Second}

			// The answer each kind of request must get, taken from one request made alone.
			want := make([]loadAnswer, len(loadRequests))
			for k, lr := range loadRequests {
				res, b, err, readErr := get(c, lr.method, ts.URL+lr.path, lr.header, lr.body)
				if err != nil || readErr != nil {
					t.Fatalf("%s %s: %v %v", fw.name, lr.name, err, readErr)
				}
				want[k] = loadAnswer{res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Allow"), string(b)}
			}
			if !checkLoadAnswers(t, fw, want) {
				continue // no burst against wrong reference answers; the other stacks still run
			}

			n := total / len(frameworks)
			if i == 0 {
				n += total % len(frameworks)
			}
			var next atomic.Int64
			var failures atomic.Int64
			var wg sync.WaitGroup
			for range workers {
				wg.Go(func() {
					for {
						j := next.Add(1) - 1
						if j >= int64(n) || failures.Load() > 10 {
							return
						}
						k := int(j) % len(loadRequests)
						lr := loadRequests[k]
						res, b, err, readErr := get(c, lr.method, ts.URL+lr.path, lr.header, lr.body)
						var got loadAnswer
						if err == nil {
							got = loadAnswer{res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Allow"), string(b)}
						}
						switch {
						case err != nil || readErr != nil:
							t.Errorf("%s %s #%d: %v %v", fw.name, lr.name, j, err, readErr)
						case got != want[k]:
							t.Errorf("%s %s #%d: got %+v\nwant %+v", fw.name, lr.name, j, got, want[k])
						case res.ContentLength != int64(len(b)):
							t.Errorf("%s %s #%d: Content-Length %d for %d bytes", fw.name, lr.name, j, res.ContentLength, len(b))
						default:
							continue
						}
						failures.Add(1)
					}
				})
			}
			wg.Wait()
			if s := serverLog.String(); s != "" {
				t.Errorf("%s: net/http logged:\n%.2000s", fw.name, s)
			}
		}
	}()
	for _, tr := range transports {
		tr.CloseIdleConnections()
	}
	t.Logf("%d requests, %d concurrent, in %v", total, workers, time.Since(start).Round(time.Millisecond))

	// No goroutine outlives the servers and the client's connections.
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > baseline+2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > baseline+2 {
		var stacks bytes.Buffer
		pprof.Lookup("goroutine").WriteTo(&stacks, 1)
		t.Errorf("%d goroutines after the burst, %d before:\n%.8000s", n, baseline, stacks.String())
	}

	// The heap comes back near where it was (pools and caches may keep a little).
	runtime.GC()
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	const slack = 64 << 20
	if after.HeapAlloc > before.HeapAlloc+slack {
		t.Errorf("heap %d MiB after the burst, %d MiB before", after.HeapAlloc>>20, before.HeapAlloc>>20)
	}
	t.Logf("heap %d KiB before, %d KiB after; goroutines %d before, %d after", before.HeapAlloc>>10, after.HeapAlloc>>10,
		baseline, runtime.NumGoroutine())
}

// checkLoadAnswers checks the reference answers against what the conformance suite pins, so that the burst
// is compared with right answers and not merely with the first ones. It reports whether they all are.
func checkLoadAnswers(t *testing.T, fw framework, want []loadAnswer) bool {
	t.Helper()
	bodies := map[string]string{
		"success": fw.userBody,
		"500":     body500,
		"panic":   body500,
		"404":     scenarioBody("handler 404"),
		"422":     scenarioBody("422 from the binder and validator"),
		"405":     scenarioBody("router 405 with Allow"),
		"XML":     scenarioBody("XML"),
		"French":  scenarioBody("French"),
	}
	ok := true
	for k, lr := range loadRequests {
		if want[k].body != bodies[lr.name] {
			t.Errorf("%s %s: reference answer %q, want %q", fw.name, lr.name, want[k].body, bodies[lr.name])
			ok = false
		}
		if lr.name == "405" && want[k].allow == "" {
			t.Errorf("%s: 405 without Allow", fw.name)
		}
	}
	return ok
}

func scenarioBody(name string) string {
	for _, sc := range scenarios {
		if sc.name == name {
			return sc.want
		}
	}
	panic("no scenario " + name)
}

// The secret every cause below carries.
const secretText = "pa55w0rd-TOPSECRET"

var errSecret = errors.New("dial db.internal:5432 user=admin password=" + secretText)

type secretStatusCoder struct{ code int }

func (e secretStatusCoder) Error() string   { return "upstream " + secretText }
func (e secretStatusCoder) StatusCode() int { return e.code }

type secretHTTPStatuser struct{ code int }

func (e secretHTTPStatuser) Error() string   { return "remote " + secretText }
func (e secretHTTPStatuser) HTTPStatus() int { return e.code }

type secretViolator struct{}

func (secretViolator) Error() string { return "validation, token=" + secretText }
func (secretViolator) Violations() []httperr.Violation {
	return []httperr.Violation{{Pointer: "#/name", Detail: "is required"}}
}

// secretCases returns every way a secret cause can reach an adapter: each 5xx constructor, each foreign error
// the core maps, plain errors, and each kind of panic. Each handler fails or panics with errSecret inside.
func secretCases(t *testing.T) map[string]func() error {
	var syntaxErr *json.SyntaxError
	if err := json.Unmarshal([]byte(`{"a":`+secretText), new(any)); !errors.As(err, &syntaxErr) {
		t.Fatalf("no *json.SyntaxError: %v", err)
	}
	var typeErr *json.UnmarshalTypeError
	if err := json.Unmarshal([]byte(`{"age":"x"}`), new(struct {
		Age int `json:"age"`
	})); !errors.As(err, &typeErr) {
		t.Fatalf("no *json.UnmarshalTypeError: %v", err)
	}
	fail := func(err error) func() error { return func() error { return err } }
	wrap := func(err error) error { return fmt.Errorf("%s: %w", secretText, err) }
	cases := map[string]func() error{
		"InternalServerError":           fail(httperr.InternalServerError("").Wrap(errSecret)),
		"NotImplemented":                fail(httperr.NotImplemented("").Wrap(errSecret)),
		"BadGateway":                    fail(httperr.BadGateway("").Wrap(errSecret)),
		"ServiceUnavailable":            fail(httperr.ServiceUnavailable(time.Minute).Wrap(errSecret)),
		"GatewayTimeout":                fail(httperr.GatewayTimeout("").Wrap(errSecret)),
		"HTTPVersionNotSupported":       fail(httperr.HTTPVersionNotSupported("").Wrap(errSecret)),
		"VariantAlsoNegotiates":         fail(httperr.VariantAlsoNegotiates("").Wrap(errSecret)),
		"InsufficientStorage":           fail(httperr.InsufficientStorage("").Wrap(errSecret)),
		"LoopDetected":                  fail(httperr.LoopDetected("").Wrap(errSecret)),
		"NotExtended":                   fail(httperr.NotExtended("").Wrap(errSecret)),
		"NetworkAuthenticationRequired": fail(httperr.NetworkAuthenticationRequired("").Wrap(errSecret)),
		"Newf 5xx %w":                   fail(httperr.Newf(502, "calling billing: %w", errSecret)),
		"wrapped 5xx *Error":            fail(fmt.Errorf("handler: %w", httperr.BadGateway("").Wrap(errSecret))),
		"plain error":                   fail(errSecret),
		"fmt.Errorf %w":                 fail(fmt.Errorf("load report: %w", errSecret)),
		"errors.Join":                   fail(errors.Join(errors.New("first"), errSecret)),
		"StatusCode() 502":              fail(secretStatusCoder{502}),
		"StatusCode() 409":              fail(secretStatusCoder{409}),
		"StatusCode() out of range":     fail(secretStatusCoder{200}),
		"HTTPStatus() 503":              fail(secretHTTPStatuser{503}),
		"HTTPStatus() 404":              fail(secretHTTPStatuser{404}),
		"Violator":                      fail(secretViolator{}),
		"*http.MaxBytesError":           fail(wrap(&http.MaxBytesError{Limit: 4096})),
		"context.DeadlineExceeded":      fail(wrap(context.DeadlineExceeded)),
		"context.Canceled":              fail(wrap(context.Canceled)),
		"fs.ErrNotExist":                fail(&fs.PathError{Op: "open", Path: "/srv/" + secretText, Err: fs.ErrNotExist}),
		"fs.ErrPermission":              fail(&fs.PathError{Op: "open", Path: "/srv/" + secretText, Err: fs.ErrPermission}),
		"*json.SyntaxError":             fail(wrap(syntaxErr)),
		"*json.UnmarshalTypeError":      fail(wrap(typeErr)),
		"panic string":                  func() error { panic("boom " + secretText) },
		"panic error":                   func() error { panic(errSecret) },
		"panic wrapped error":           func() error { panic(fmt.Errorf("query: %w", errSecret)) },
		"panic 5xx *Error":              func() error { panic(httperr.InternalServerError("").Wrap(errSecret)) },
		"panic 4xx *Error":              func() error { panic(httperr.BadRequest("bad").Wrap(errSecret)) },
		"panic struct":                  func() error { panic(struct{ DSN string }{secretText}) },
	}
	return cases
}

// serveSecret answers GET /secret, whose handler is fn, with framework fw and renderer rd.
func serveSecret(fw func(*httperr.Renderer, ...route) http.Handler, rd *httperr.Renderer, fn func() error, accept string) answer {
	h := fw(rd, route{Method: "GET", Pattern: "/secret", Handler: func(http.ResponseWriter, *http.Request) error { return fn() }})
	return serve(h, "GET", "/secret", "", map[string]string{"Accept": accept})
}

// TestSecretsNeverSent checks that no cause reaches a client, through any adapter, in JSON or XML, in the
// body or any header field, while the log does get it.
func TestSecretsNeverSent(t *testing.T) {
	for name, fn := range secretCases(t) {
		for _, fw := range frameworks {
			for _, accept := range []string{"application/problem+json", "application/problem+xml"} {
				t.Run(name+"/"+fw.name+"/"+accept, func(t *testing.T) {
					var logs syncBuffer
					rd := &httperr.Renderer{Logger: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
					got := serveSecret(fw.serve, rd, fn, accept)
					if got.status < 400 || got.header.Get("Content-Type") != accept {
						t.Errorf("status %d, Content-Type %q, body %s", got.status, got.header.Get("Content-Type"), got.body)
					}
					if strings.Contains(got.body, secretText) {
						t.Errorf("secret in the body:\n%s", got.body)
					}
					for k, vs := range got.header {
						for _, v := range vs {
							if strings.Contains(k+v, secretText) {
								t.Errorf("secret in header %s: %s", k, v)
							}
						}
					}
					if !strings.Contains(logs.String(), secretText) {
						t.Errorf("the log lacks the cause, so the test proves nothing:\n%s", logs.String())
					}
				})
			}
		}
	}
}

// TestSecretsExposeCause shows that the test above can fail: with ExposeCause every one of its causes is
// sent, through every adapter and in both formats.
func TestSecretsExposeCause(t *testing.T) {
	rd := &httperr.Renderer{Logger: slog.New(slog.DiscardHandler), ExposeCause: true}
	for name, fn := range secretCases(t) {
		for _, fw := range frameworks {
			for _, accept := range []string{"application/problem+json", "application/problem+xml"} {
				got := serveSecret(fw.serve, rd, fn, accept)
				if !strings.Contains(got.body, secretText) {
					t.Errorf("%s/%s/%s: ExposeCause did not send the cause:\n%s", name, fw.name, accept, got.body)
				}
			}
		}
	}
}

// loopError's Unwrap returns itself: errors.As and errors.Is would follow it forever.
type loopError struct{}

func (e *loopError) Error() string { return "loop" }
func (e *loopError) Unwrap() error { return e }

// TestUnwrapCycleThroughAdapters checks that an error whose Unwrap chain cycles back on itself is answered,
// as a 500, by every adapter, returned or panicked, before and after the response started, instead of
// hanging the handler.
func TestUnwrapCycleThroughAdapters(t *testing.T) {
	for _, fw := range frameworks {
		for _, mode := range []string{"returned", "returned late", "panicked"} {
			late := mode == "returned late"
			t.Run(fw.name+"/"+mode, func(t *testing.T) {
				var logs syncBuffer
				rd := &httperr.Renderer{Logger: slog.New(slog.NewJSONHandler(&logs, nil))}
				h := fw.serve(rd, route{Method: "GET", Pattern: "/loop", Handler: func(w http.ResponseWriter, _ *http.Request) error {
					if late {
						w.WriteHeader(http.StatusOK)
						io.WriteString(w, "partial answer")
					}
					if mode == "panicked" {
						panic(fmt.Errorf("outer: %w", &loopError{}))
					}
					return fmt.Errorf("outer: %w", &loopError{})
				}})
				done := make(chan answer, 1)
				go func() { done <- serve(h, "GET", "/loop", "", nil) }()
				select {
				case got := <-done:
					if !late && (got.status != 500 || got.body != body500) {
						t.Errorf("got %d %s", got.status, got.body)
					}
					if late && (got.status != 200 || got.body != "partial answer") {
						t.Errorf("got %d %s", got.status, got.body)
					}
					if !strings.Contains(logs.String(), `"level":"ERROR"`) || !strings.Contains(logs.String(), "outer: loop") {
						t.Errorf("log:\n%s", logs.String())
					}
				case <-time.After(10 * time.Second):
					t.Fatal("the adapter did not return: an Unwrap cycle is followed without end")
				}
			})
		}
	}
}
