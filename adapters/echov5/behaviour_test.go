package httperrechov5_test

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"net/textproto"
	"strings"
	"sync"
	"testing"

	"github.com/labstack/echo/v5"
	"github.com/labstack/echo/v5/middleware"

	httperrechov5 "github.com/httperr/toolkit/adapters/echov5"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestErrors checks how echo v5's own errors map: sentinels, HTTPError messages, what they wrap, binder
// errors.
func TestErrors(t *testing.T) {
	fail := func(err error) echo.HandlerFunc { return func(*echo.Context) error { return err } }
	routes := map[string]echo.HandlerFunc{
		"/sentinel":         fail(echo.ErrForbidden),
		"/wrapped-sentinel": fail(fmt.Errorf("x: %w", echo.ErrServiceUnavailable)),
		"/app-message":      fail(echo.NewHTTPError(http.StatusConflict, "custom message")),
		"/app-message-wrap": fail(echo.NewHTTPError(http.StatusConflict, "custom message").Wrap(errors.New("db: " + secret))),
		"/status-text":      fail(echo.ErrNotFound.Wrap(errors.New("db: " + secret))),
		"/5xx-message":      fail(echo.NewHTTPError(http.StatusBadGateway, "upstream: "+secret)),
		"/wrapped":          fail(fmt.Errorf("x: %w", echo.NewHTTPError(http.StatusForbidden, ""))),
		"/precedence":       fail(httperr.Conflict("email is taken").Wrap(echo.NewHTTPError(http.StatusNotFound, "nope"))),
		"/inside":           fail(echo.ErrBadRequest.Wrap(httperr.NotFound("user"))),
		"/nested":           fail(echo.ErrInternalServerError.Wrap(echo.NewHTTPError(http.StatusNotFound, "no such page"))),
		"/bad-status":       fail(echo.NewHTTPError(http.StatusFound, "moved")),
		"/query": func(c *echo.Context) error {
			_, err := echo.QueryParam[int](c, "age")
			return err
		},
		"/value-binder": func(c *echo.Context) error {
			var age int
			return echo.QueryParamsBinder(c).Int("age", &age).BindError()
		},
		"/bind": func(c *echo.Context) error {
			var u user
			return c.Bind(&u)
		},
	}
	rd, _ := renderer()
	e := echo.New()
	httperrechov5.Install(e, rd)
	for path, h := range routes {
		e.Any(path, h)
	}

	const (
		custom     = `{"type":"about:blank","title":"Conflict","status":409,"detail":"custom message"}` + "\n"
		emailTaken = `{"type":"about:blank","title":"Conflict","status":409,"detail":"email is taken"}` + "\n"
		noSuchPage = `{"type":"about:blank","title":"Not Found","status":404,"detail":"no such page"}` + "\n"
		userGone   = `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"
	)
	badAge := strings.TrimSuffix(catalogProblem(t, 400), "}\n") + `,"errors":[{"detail":"must be an integer","parameter":"age"}]}` + "\n"
	tests := []struct {
		name, method, target, contentType, body string
		wantStatus                              int
		wantBody                                string
	}{
		{"sentinel, through its StatusCode method", "GET", "/sentinel", "", "", 403, catalogProblem(t, 403)},
		{"wrapped sentinel", "GET", "/wrapped-sentinel", "", "", 503, catalogProblem(t, 503)},
		{"HTTPError with a message the app set", "GET", "/app-message", "", "", 409, custom},
		{"HTTPError with a message and a cause", "GET", "/app-message-wrap", "", "", 409, custom},
		{"HTTPError whose message is the status text", "GET", "/status-text", "", "", 404, catalogProblem(t, 404)},
		{"5xx HTTPError: its message is never sent", "GET", "/5xx-message", "", "", 502, catalogProblem(t, 502)},
		{"wrapped HTTPError with no message", "GET", "/wrapped", "", "", 403, catalogProblem(t, 403)},
		{"httperr.Error outside the HTTPError wins", "GET", "/precedence", "", "", 409, emailTaken},
		{"httperr.Error inside the HTTPError wins", "GET", "/inside", "", "", 404, userGone},
		{"HTTPError inside an HTTPError", "GET", "/nested", "", "", 404, noSuchPage},
		{"HTTPError with a status that is no error", "GET", "/bad-status", "", "", 500, catalogProblem(t, 500)},
		{"BindingError from QueryParam: the parameter named", "GET", "/query?age=old", "", "", 400, badAge},
		{"BindingError from the ValueBinder", "GET", "/value-binder?age=old", "", "", 400, badAge},
		{"c.Bind: bad query parameter, echo's message not shown", "GET", "/bind?age=x", "", "", 400, badAge},
		{"c.Bind: unsupported media type", "POST", "/bind", "text/csv", "a,b", 415, catalogProblem(t, 415)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var header []string
			if tt.contentType != "" {
				header = []string{"Content-Type", tt.contentType}
			}
			check(t, serve(e, tt.method, tt.target, tt.body, header...), tt.wantStatus, problemHeader(tt.wantBody), tt.wantBody)
		})
	}
}

// TestCause checks that the rendered problem wraps the error the handler returned.
func TestCause(t *testing.T) {
	original := fmt.Errorf("x: %w", echo.NewHTTPError(http.StatusForbidden, "no"))
	var got *httperr.Error
	rd := &httperr.Renderer{Enrich: func(_ *http.Request, e *httperr.Error) *httperr.Error { got = e; return e }}
	e := echo.New()
	httperrechov5.Install(e, rd)
	e.GET("/h", func(*echo.Context) error { return original })
	for target, want := range map[string]error{"/h": original, "/nowhere": echo.ErrNotFound} {
		got = nil
		serve(e, "GET", target, "")
		if got == nil || !errors.Is(got, want) {
			t.Errorf("GET %s: rendered %v does not wrap %v", target, got, want)
		}
	}
}

func TestPanic(t *testing.T) {
	rd, logs := renderer()
	e := newEcho(rd)
	want := catalogProblem(t, 500)
	check(t, serve(e, "GET", "/panic", ""), 500, problemHeader(want), want)
	if l := logs.String(); !strings.Contains(l, "level=ERROR") || !strings.Contains(l, "panic: boom") {
		t.Errorf("panic not logged at error with its value:\n%s", l)
	}
	check(t, serve(e, "GET", "/things", ""), 200, http.Header{"Content-Type": {"text/plain; charset=UTF-8"}}, "things")
}

func TestAbortHandlerRepanics(t *testing.T) {
	rd, logs := renderer()
	e := newEcho(rd)
	e.GET("/abort", func(*echo.Context) error { panic(http.ErrAbortHandler) })
	rec, p := testkit.ServePanicking(e, "/abort")
	if p != http.ErrAbortHandler {
		t.Fatalf("recovered %v, want http.ErrAbortHandler", p)
	}
	if rec.Body.Len() != 0 || rec.Header().Get("Content-Type") != "" || logs.String() != "" {
		t.Errorf("an abort was written or logged: %v %q\n%s", rec.Header(), rec.Body, logs)
	}
}

func TestCommitted(t *testing.T) {
	partial := func(c *echo.Context) error { return c.String(http.StatusOK, "partial") }
	tests := []struct {
		name      string
		handler   echo.HandlerFunc
		wantPanic any
	}{
		{"error after commit", func(c *echo.Context) error { partial(c); return errors.New("late: " + secret) }, nil},
		{"sentinel after commit", func(c *echo.Context) error { partial(c); return echo.ErrServiceUnavailable }, nil},
		{"problem after commit", func(c *echo.Context) error { partial(c); return httperr.NotFound("user") }, nil},
		{"panic after commit aborts", func(c *echo.Context) error { partial(c); panic("late boom") }, http.ErrAbortHandler},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd, logs := renderer()
			e := newEcho(rd)
			e.GET("/late", tt.handler)
			testkit.CheckCommitted(t, e, "/late", tt.wantPanic, logs, "text/plain; charset=UTF-8")
		})
	}
}

// wrapped is a writer that middleware puts in front of echo's Response, unwrapping to it.
type wrapped struct{ http.ResponseWriter }

func (w wrapped) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// TestCommittedBehindWrapper checks that the committed response is found behind a middleware's writer.
func TestCommittedBehindWrapper(t *testing.T) {
	rd, logs := renderer()
	e := echo.New()
	httperrechov5.Install(e, rd)
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) error {
			c.SetResponse(wrapped{c.Response()})
			return next(c)
		}
	})
	e.GET("/late", func(c *echo.Context) error { c.String(http.StatusOK, "partial"); return errors.New("late") })
	check(t, serve(e, "GET", "/late", ""), 200, http.Header{"Content-Type": {"text/plain; charset=UTF-8"}}, "partial")
	if n := strings.Count(logs.String(), dropped); n != 1 {
		t.Errorf("%d drop records, want 1:\n%s", n, logs)
	}
}

// TestInformational checks that a 103 Early Hints sent before the error does not count as committed: the
// problem follows it, on a real server.
func TestInformational(t *testing.T) {
	rd, logs := renderer()
	e := newEcho(rd)
	e.GET("/hints", func(c *echo.Context) error {
		c.Response().Header().Set("Link", "</style.css>; rel=preload")
		c.Response().WriteHeader(http.StatusEarlyHints)
		return httperr.NotFound("user")
	})
	srv := httptest.NewServer(e)
	defer srv.Close()
	var informational []int
	trace := &httptrace.ClientTrace{Got1xxResponse: func(code int, _ textproto.MIMEHeader) error {
		informational = append(informational, code)
		return nil
	}}
	req, _ := http.NewRequestWithContext(httptrace.WithClientTrace(t.Context(), trace), http.MethodGet, srv.URL+"/hints", nil)
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	want := `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"
	if res.StatusCode != 404 || string(body) != want || res.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("got %d %v %q, want the 404 problem", res.StatusCode, res.Header, body)
	}
	if len(informational) != 1 || informational[0] != http.StatusEarlyHints {
		t.Errorf("informational responses %v, want [103]", informational)
	}
	if strings.Contains(logs.String(), dropped) {
		t.Errorf("the error was logged as lost:\n%s", logs)
	}
}

// TestHandledTwice checks that the error that RequestLogger with HandleError rendered and then returned is
// not logged as lost; a different error after it is.
func TestHandledTwice(t *testing.T) {
	t.Run("RequestLogger with HandleError", func(t *testing.T) {
		rd, logs := renderer()
		e := echo.New()
		httperrechov5.Install(e, rd)
		e.Use(middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
			HandleError: true, LogStatus: true,
			LogValuesFunc: func(*echo.Context, middleware.RequestLoggerValues) error { return nil },
		}))
		e.GET("/users/:id", func(*echo.Context) error { return httperr.NotFound("user") })
		e.GET("/panic", func(*echo.Context) error { panic("boom") })
		e.GET("/bind", func(c *echo.Context) error { var u user; return c.Bind(&u) })
		want := testkit.ErrorsProblem(400, `[{"detail":"must be an integer","parameter":"age"}]`)
		check(t, serve(e, "GET", "/bind?age=x", ""), 400, problemHeader(want), want)
		testkit.CheckRenderedOnce(t, e, logs)
	})
	t.Run("another error after the problem", func(t *testing.T) {
		rd, logs := renderer()
		e := echo.New()
		httperrechov5.Install(e, rd)
		e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c *echo.Context) error {
				c.Echo().HTTPErrorHandler(c, next(c))
				return errors.New("audit failed")
			}
		})
		e.GET("/users/:id", func(*echo.Context) error { return httperr.NotFound("user") })
		testkit.CheckLostOnce(t, e, logs)
	})
}

// TestDefaultHandler checks that echo v5's own error handler, without this package, answers an
// *httperr.Error with its status: it looks for a StatusCode() int method.
func TestDefaultHandler(t *testing.T) {
	if _, ok := any(httperr.NotFound("user")).(echo.HTTPStatusCoder); !ok {
		t.Skip("*httperr.Error has no StatusCode method on this branch yet (the core adds func (e *Error) StatusCode() int)")
	}
	e := echo.New()
	e.GET("/users/:id", func(*echo.Context) error { return httperr.NotFound("user") })
	rec := serve(e, "GET", "/users/7", "")
	if rec.Code != http.StatusNotFound {
		t.Errorf("echo v5's DefaultHTTPErrorHandler answered %d, want 404", rec.Code)
	}
}

// TestConcurrent renders echo's shared errors from many goroutines: under -race it shows that rendering
// never writes to them.
func TestConcurrent(t *testing.T) {
	e := newEcho(testkit.Quiet())
	shared := echo.NewHTTPError(http.StatusConflict, "shared")
	e.GET("/shared", func(*echo.Context) error { return shared })
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			method, target, status := "GET", "/nowhere", 404
			switch i % 3 {
			case 1:
				method, target, status = "POST", "/things", 405
			case 2:
				target, status = "/shared", 409
			}
			if rec := serve(e, method, target, ""); rec.Code != status {
				t.Errorf("%s %s: status %d, want %d", method, target, rec.Code, status)
			}
		})
	}
	wg.Wait()
	if shared.Message != "shared" || shared.Unwrap() != nil {
		t.Errorf("a shared HTTPError was changed: %v", shared)
	}
}

func TestNilRenderer(t *testing.T) {
	e := echo.New()
	httperrechov5.Install(e, nil)
	want := catalogProblem(t, 404)
	check(t, serve(e, "GET", "/nowhere", ""), 404, problemHeader(want), want)

	rec := httptest.NewRecorder()
	c := e.NewContext(httptest.NewRequest(http.MethodGet, "/", nil), echo.NewResponse(rec, slog.New(slog.DiscardHandler)))
	httperrechov5.ErrorHandler(nil)(c, echo.NewHTTPError(http.StatusConflict, "custom message"))
	want = `{"type":"about:blank","title":"Conflict","status":409,"detail":"custom message"}` + "\n"
	check(t, rec, 409, problemHeader(want), want)
}
