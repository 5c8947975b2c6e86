package httperrfiber_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/recover"
	"github.com/gofiber/fiber/v3/middleware/requestid"

	httperrfiber "github.com/httperr/toolkit/adapters/fiber"
	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

const secret = "password=hunter2"

// logBuffer collects a Renderer's log records.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// renderer returns a Renderer that logs everything to the returned buffer.
func renderer() (*httperr.Renderer, *logBuffer) {
	logs := new(logBuffer)
	return &httperr.Renderer{Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}, logs
}

type user struct {
	Name  string `json:"name" validate:"required"`
	Email string `json:"email" validate:"required,email"`
	Age   int    `json:"age" validate:"gte=0"`
}

// structValidator is the fiber.StructValidator that fiber's users register for go-playground/validator.
type structValidator struct{ v *validator.Validate }

func (sv structValidator) Validate(out any) error { return sv.v.Struct(out) }

const maxBody = 64

// newApp returns a fiber app with the adapter installed and handlers as fiber's users write them.
func newApp(rd *httperr.Renderer, cfg ...fiber.Config) *fiber.App {
	v := validator.New()
	v.RegisterTagNameFunc(httperrvalidator.FieldName)
	c := fiber.Config{BodyLimit: maxBody, StructValidator: structValidator{v}}
	if len(cfg) > 0 {
		c = cfg[0]
	}
	c.ErrorHandler = httperrfiber.ErrorHandler(rd)
	app := fiber.New(c)
	app.Use(httperrfiber.Middleware(rd))
	app.Get("/users/:id", func(c fiber.Ctx) error {
		if c.Params("id") == "1" {
			return c.JSON(fiber.Map{"id": 1})
		}
		return httperr.NotFound("user")
	})
	app.Post("/users", func(c fiber.Ctx) error {
		var in user
		if err := c.Bind().Body(&in); err != nil {
			return err
		}
		return c.SendStatus(fiber.StatusCreated)
	})
	app.Get("/fiber-message", func(fiber.Ctx) error { return fiber.NewError(fiber.StatusNotFound, "user not found") })
	app.Get("/fiber-bare", func(fiber.Ctx) error { return fiber.NewError(fiber.StatusConflict) })
	app.Get("/fiber-500", func(fiber.Ctx) error { return fiber.NewError(fiber.StatusInternalServerError, "db: "+secret) })
	app.Get("/fiber-wrapped", func(fiber.Ctx) error {
		return errors.Join(errors.New("loading"), fiber.NewError(fiber.StatusForbidden, "not your team"))
	})
	app.Get("/stale", func(c fiber.Ctx) error {
		c.Set("Cache-Control", "max-age=3600")
		c.Set("ETag", `"v1"`)
		c.Set("Content-Encoding", "gzip")
		c.Set("X-Request-Id", "r-1")
		return httperr.Conflict("stale")
	})
	app.Get("/cors", func(c fiber.Ctx) error {
		c.Vary(fiber.HeaderOrigin)
		return httperr.NotFound("user")
	})
	app.Get("/panic", func(fiber.Ctx) error { panic("boom: " + secret) })
	app.Get("/panic-late", func(c fiber.Ctx) error {
		if err := c.SendString("partial answer"); err != nil {
			return err
		}
		panic("late boom")
	})
	app.Get("/partial", func(c fiber.Ctx) error {
		if err := c.SendString("partial answer"); err != nil {
			return err
		}
		return errors.New("failed after the answer was given")
	})
	app.Get("/status-only", func(c fiber.Ctx) error {
		c.Status(fiber.StatusAccepted)
		return httperr.BadRequest("bad")
	})
	app.Head("/head/:id", func(fiber.Ctx) error { return httperr.NotFound("user") })
	return app
}

type answer struct {
	status int
	header http.Header
	body   string
}

// play sends a request through app.Test.
func play(t *testing.T, app *fiber.App, method, target, body string, header map[string]string) answer {
	t.Helper()
	var rb io.Reader = http.NoBody
	if body != "" {
		rb = strings.NewReader(body)
	}
	r := httptest.NewRequest(method, target, rb)
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		r.Header.Set(k, v)
	}
	res, err := app.Test(r)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{res.StatusCode, res.Header, string(b)}
}

func problem(status int, title, detail string) string {
	return `{"type":"about:blank","title":"` + title + `","status":` + strconv.Itoa(status) + `,"detail":"` + detail + `"}` + "\n"
}

var (
	notFound   = problem(404, "Not Found", "user not found")
	router404  = problem(404, "Not Found", httperr.English().Description(404))
	router405  = problem(405, "Method Not Allowed", httperr.English().Description(405))
	internal   = problem(500, "Internal Server Error", httperr.English().Description(500))
	validation = `{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"` + httperr.English().Description(422) + `",` +
		`"errors":[{"detail":"is required","pointer":"#/name","code":"required"},{"detail":"must be an email address","pointer":"#/email","code":"email"}]}` + "\n"
)

func TestErrorHandler(t *testing.T) {
	tests := []struct {
		name, method, target, body string
		header                     map[string]string
		status                     int
		want                       string
		fields                     map[string][]string // exact values; nil slice: the field must be absent
		logs                       string              // text the log must hold
	}{
		{name: "httperr.NotFound", method: "GET", target: "/users/42", status: 404, want: notFound,
			fields: map[string][]string{
				"Content-Type": {"application/problem+json"}, "Content-Length": {strconv.Itoa(len(notFound))},
				"Content-Language": {"en"}, "Vary": {"Accept, Accept-Language"}, "X-Content-Type-Options": {"nosniff"},
			}},
		{name: "router 404", method: "GET", target: "/nope", status: 404, want: router404},
		{name: "router 405 keeps Allow", method: "DELETE", target: "/users/1", status: 405, want: router405,
			fields: map[string][]string{"Allow": {"GET, HEAD"}}},
		{name: "fiber.NewError with an app message", method: "GET", target: "/fiber-message", status: 404, want: notFound},
		{name: "fiber.NewError without a message", method: "GET", target: "/fiber-bare", status: 409,
			want: problem(409, "Conflict", httperr.English().Description(409))},
		{name: "fiber.NewError 500: the message is not sent", method: "GET", target: "/fiber-500", status: 500,
			want: internal, logs: secret},
		{name: "wrapped *fiber.Error", method: "GET", target: "/fiber-wrapped", status: 403,
			want: problem(403, "Forbidden", "not your team")},
		{name: "stale representation fields removed", method: "GET", target: "/stale", status: 409,
			want:   problem(409, "Conflict", "stale"),
			fields: map[string][]string{"Cache-Control": nil, "Etag": nil, "Content-Encoding": nil, "X-Request-Id": {"r-1"}}},
		{name: "an existing Vary is merged", method: "GET", target: "/cors", status: 404, want: notFound,
			fields: map[string][]string{"Vary": {"Origin", "Accept, Accept-Language"}}},
		{name: "a status set before the error is replaced", method: "GET", target: "/status-only", status: 400,
			want: problem(400, "Bad Request", "bad")},
		{name: "XML", method: "GET", target: "/users/42", header: map[string]string{"Accept": "application/problem+xml"}, status: 404,
			want: `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
				`<problem xmlns="urn:ietf:rfc:7807"><type>about:blank</type><title>Not Found</title><status>404</status><detail>user not found</detail></problem>` + "\n",
			fields: map[string][]string{"Content-Type": {"application/problem+xml"}}},
		{name: "French", method: "GET", target: "/nope", header: map[string]string{"Accept-Language": "fr"}, status: 404,
			want:   `{"type":"about:blank","title":"Ressource introuvable","status":404,"detail":"` + httperr.French().Description(404) + `"}` + "\n",
			fields: map[string][]string{"Content-Language": {"fr"}}},
		{name: "HEAD: no body, the document's length", method: "HEAD", target: "/head/42", status: 404, want: "",
			fields: map[string][]string{"Content-Length": {strconv.Itoa(len(notFound))}, "Content-Type": {"application/problem+json"}}},
		{name: "bind: empty JSON body", method: "POST", target: "/users", body: "", status: 400,
			header: map[string]string{"Content-Type": "application/json"},
			want:   problem(400, "Bad Request", "request body is empty")},
		{name: "bind: truncated JSON", method: "POST", target: "/users", body: `{"name":`, status: 400,
			want: problem(400, "Bad Request", "request body is not valid JSON (unexpected end)")},
		{name: "bind: malformed JSON", method: "POST", target: "/users", body: `{"name":}`, status: 400,
			want: problem(400, "Bad Request", "request body is not valid JSON (at byte 9)")},
		{name: "bind: wrong type", method: "POST", target: "/users", body: `{"age":"x"}`, status: 400,
			want: `{"type":"about:blank","title":"Bad Request","status":400,"detail":"request body has a value of the wrong type",` +
				`"errors":[{"detail":"must be an integer","pointer":"#/age"}]}` + "\n"},
		{name: "bind: validator", method: "POST", target: "/users", body: `{"name":"","email":"x"}`, status: 422, want: validation},
		{name: "panic", method: "GET", target: "/panic", status: 500, want: internal, logs: "panic: boom: " + secret},
		{name: "panic after a body was set", method: "GET", target: "/panic-late", status: 500, want: internal, logs: "late boom"},
		{name: "an error after the body was set: left alone", method: "GET", target: "/partial", status: 200,
			want: "partial answer", logs: "error after the response had started"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd, logs := renderer()
			got := play(t, newApp(rd), tt.method, tt.target, tt.body, tt.header)
			if got.status != tt.status || got.body != tt.want {
				t.Errorf("got %d %q\nwant %d %q", got.status, got.body, tt.status, tt.want)
			}
			for k, want := range tt.fields {
				if g := got.header.Values(k); !slices.Equal(g, want) {
					t.Errorf("%s %q, want %q", k, g, want)
				}
			}
			if strings.Contains(got.body, secret) || strings.Contains(got.body, "boom") {
				t.Errorf("the cause reached the body: %s", got.body)
			}
			if tt.logs != "" && !strings.Contains(logs.String(), tt.logs) {
				t.Errorf("the log lacks %q:\n%s", tt.logs, logs)
			}
		})
	}
}

// TestPanicStack checks that the log of a panic holds its stack, with the panicking handler in it.
func TestPanicStack(t *testing.T) {
	rd, logs := renderer()
	play(t, newApp(rd), "GET", "/panic", "", nil)
	if !strings.Contains(logs.String(), "fiber_test.newApp") {
		t.Errorf("the log lacks the panicking handler's frame:\n%s", logs)
	}
}

// TestBodyLimit checks on a real listener (app.Test returns fasthttp's error instead of the response) that a
// body over Config.BodyLimit is the 413 net/http's http.MaxBytesReader gets, naming the limit.
func TestBodyLimit(t *testing.T) {
	rd, _ := renderer()
	base := listen(t, newApp(rd))
	res, err := http.Post(base+"/users", "application/json", strings.NewReader(`{"name":"`+strings.Repeat("a", maxBody)+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	want := problem(413, "Content Too Large", "request body exceeds the limit of "+strconv.Itoa(maxBody)+" bytes")
	if res.StatusCode != 413 || string(b) != want || res.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("got %d %q %s\nwant 413 %s", res.StatusCode, res.Header.Get("Content-Type"), b, want)
	}
}

// listen serves app on a loopback listener until the test ends, and returns its base URL.
func listen(t *testing.T, app *fiber.App) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true}) //nolint:errcheck // ends with Shutdown
	t.Cleanup(func() { app.ShutdownWithTimeout(5 * time.Second) })       //nolint:errcheck // best effort
	return "http://" + ln.Addr().String()
}

type traceKey struct{}

// TestEnrich checks that Enrich runs for fiber's problems, router ones included, and sees the request's
// context: a trace id set with c.SetContext (as otelfiber keeps its span) and the requestid middleware's id
// with PassLocalsToContext.
func TestEnrich(t *testing.T) {
	rd := testkit.Quiet()
	rd.Enrich = func(r *http.Request, e *httperr.Error) *httperr.Error {
		trace, _ := r.Context().Value(traceKey{}).(string)
		return e.With("trace_id", trace).With("request_id", requestid.FromContext(r.Context())).WithInstance(r.URL.Path)
	}
	app := fiber.New(fiber.Config{ErrorHandler: httperrfiber.ErrorHandler(rd), PassLocalsToContext: true})
	app.Use(httperrfiber.Middleware(rd))
	app.Use(requestid.New(requestid.Config{Generator: func() string { return "req-7" }}))
	app.Use(func(c fiber.Ctx) error {
		c.SetContext(context.WithValue(c.Context(), traceKey{}, "4bf92f3577b34da6"))
		return c.Next()
	})
	app.Get("/users/:id", func(fiber.Ctx) error { return httperr.NotFound("user") })
	app.Get("/panic", func(fiber.Ctx) error { panic("boom") })
	for _, tt := range []struct{ target, title, detail string }{
		{"/users/42", "Not Found", "user not found"},
		{"/nope", "Not Found", httperr.English().Description(404)},
		{"/panic", "Internal Server Error", httperr.English().Description(500)},
	} {
		t.Run(tt.target, func(t *testing.T) {
			got := play(t, app, "GET", tt.target, "", nil)
			status := 404
			if tt.target == "/panic" {
				status = 500
			}
			want := `{"type":"about:blank","title":"` + tt.title + `","status":` + strconv.Itoa(status) + `,"detail":"` + tt.detail +
				`","instance":"` + tt.target + `","request_id":"req-7","trace_id":"4bf92f3577b34da6"}` + "\n"
			if got.body != want {
				t.Errorf("got %s\nwant %s", got.body, want)
			}
		})
	}
}

// TestNilRenderer checks that a nil *httperr.Renderer is the zero Renderer.
func TestNilRenderer(t *testing.T) {
	slog.SetDefault(slog.New(slog.DiscardHandler))
	if got := play(t, newApp(nil), "GET", "/users/42", "", nil); got.status != 404 || got.body != notFound {
		t.Errorf("got %d %s", got.status, got.body)
	}
}

// TestDefaultHandlerLeaks shows what the adapter is for: fiber's DefaultErrorHandler sends err.Error() as
// text/plain, so a 500's cause, and recover.New's panic value, reach the client.
func TestDefaultHandlerLeaks(t *testing.T) {
	app := fiber.New()
	app.Use(recover.New())
	app.Get("/report", func(fiber.Ctx) error { return errors.New("db: " + secret) })
	app.Get("/panic", func(fiber.Ctx) error { panic("boom: " + secret) })
	for _, target := range []string{"/report", "/panic"} {
		got := play(t, app, "GET", target, "", nil)
		if got.status != 500 || !strings.HasSuffix(got.body, secret) || got.header.Get("Content-Type") != "text/plain; charset=utf-8" {
			t.Errorf("%s: fiber's default handler answered %d %q %q: the pinned leak changed", target, got.status, got.header.Get("Content-Type"), got.body)
		}
	}
}
