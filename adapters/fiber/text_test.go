package httperrfiber_test

import (
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/basicauth"
	"github.com/gofiber/fiber/v3/middleware/limiter"
	"github.com/gofiber/fiber/v3/middleware/static"
	"github.com/gofiber/fiber/v3/middleware/timeout"

	httperrfiber "github.com/httperr/toolkit/adapters/fiber"
	"github.com/httperr/toolkit/httperr"
	httpanswer "github.com/httperr/toolkit/internal/answer"
)

// textApp returns an app with the adapter first, then fiber's own middlewares and handlers that answer
// errors in text; slow is closed when the slow handler behind fiber's timeout middleware returns.
func textApp(t *testing.T, rd *httperr.Renderer) (app *fiber.App, slow <-chan struct{}) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	app = fiber.New(fiber.Config{ErrorHandler: httperrfiber.ErrorHandler(rd)})
	app.Use(httperrfiber.Middleware(rd))
	ok := func(c fiber.Ctx) error { return c.SendString("ok") }
	app.Get("/limited", limiter.New(limiter.Config{Max: 1, Expiration: time.Minute, KeyGenerator: func(fiber.Ctx) string { return "k" }}), ok)
	app.Get("/private", basicauth.New(basicauth.Config{Users: map[string]string{"admin": "{SHA256}XohImNooBHFR0OVvjcYpJ3NgPQ1qq73WKhHvch0VQtg="}}), ok)
	done := make(chan struct{})
	app.Get("/slow", timeout.New(func(c fiber.Ctx) error {
		defer close(done)
		time.Sleep(50 * time.Millisecond)
		return nil
	}, timeout.Config{Timeout: 5 * time.Millisecond}))
	app.Get("/status-only", func(c fiber.Ctx) error { c.Status(fiber.StatusNotFound); return nil })
	app.Get("/db", func(c fiber.Ctx) error { return c.Status(fiber.StatusInternalServerError).SendString("db: " + secret) })
	app.Get("/json", func(c fiber.Ctx) error { return c.Status(fiber.StatusBadRequest).JSON(fiber.Map{"error": "bad"}) })
	app.Get("/conflict", func(c fiber.Ctx) error {
		return c.Status(fiber.StatusConflict).SendString("user exists\nsecond line")
	})
	app.Get("/html", func(c fiber.Ctx) error {
		return c.Status(fiber.StatusBadGateway).Type("html").SendString("<h1>upstream " + secret + "</h1>")
	})
	app.Get("/long", func(c fiber.Ctx) error {
		return c.Status(fiber.StatusBadRequest).SendString(strings.Repeat("x", httpanswer.MaxBody+1))
	})
	app.Get("/stream", func(c fiber.Ctx) error {
		return c.Status(fiber.StatusServiceUnavailable).SendStream(strings.NewReader("streamed"))
	})
	app.Use("/files", static.New(dir, static.Config{ByteRange: true}))
	return app, done
}

// get sends a GET through app.Test, or to base on a real listener when base is not empty.
func get(t *testing.T, app *fiber.App, base, target string, header map[string]string) answer {
	t.Helper()
	if base == "" {
		return play(t, app, "GET", target, "", header)
	}
	req, err := http.NewRequest("GET", base+target, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{res.StatusCode, res.Header, string(b)}
}

// TestTextAnswers: every error answer in text that fiber's middlewares (limiter, basicauth, timeout,
// static) and handlers give becomes the problem of its status, with the header fields they set kept; other
// answers go out as they were. Through app.Test and on a real listener served by fiber.
func TestTextAnswers(t *testing.T) {
	const textPlain = "text/plain; charset=utf-8"
	tests := []struct {
		name, target string
		header       map[string]string
		warm         int // requests sent first (the limiter's allowance)
		status       int
		want         string
		fields       map[string][]string // exact values; nil slice: the field must be absent
		logs         string
	}{
		{name: "limiter 429: Retry-After kept", target: "/limited", warm: 1, status: 429,
			want: problem(429, "Too Many Requests", httperr.English().Description(429)),
			fields: map[string][]string{"Content-Type": {"application/problem+json"}, "X-Ratelimit-Limit": nil,
				"X-Ratelimit-Remaining": nil, "X-Ratelimit-Reset": nil}},
		{name: "basicauth 401: its challenge kept", target: "/private", status: 401,
			want: problem(401, "Unauthorized", httperr.English().Description(401)),
			fields: map[string][]string{"Www-Authenticate": {`Basic realm="Restricted", charset="UTF-8"`},
				"Content-Type": {"application/problem+json"}, "Vary": {"Authorization", "Accept, Accept-Language"}}},
		{name: "timeout 408", target: "/slow", status: 408,
			want:   problem(408, "Request Timeout", httperr.English().Description(408)),
			fields: map[string][]string{"Content-Type": {"application/problem+json"}}},
		{name: "c.Status(404) with nothing sent", target: "/status-only", status: 404,
			want: problem(404, "Not Found", httperr.English().Description(404))},
		{name: "5xx text is the cause, never sent", target: "/db", status: 500, want: internal,
			logs: secret},
		{name: "5xx HTML is the cause, never sent", target: "/html", status: 502,
			want: problem(502, "Bad Gateway", httperr.English().Description(502)), logs: secret},
		{name: "4xx text: its first line is the detail", target: "/conflict", status: 409,
			want: problem(409, "Conflict", "user exists")},
		{name: "JSON left alone", target: "/json", status: 400, want: `{"error":"bad"}`,
			fields: map[string][]string{"Content-Type": {"application/json; charset=utf-8"}}},
		{name: "text over MaxBody left alone", target: "/long", status: 400, want: strings.Repeat("x", httpanswer.MaxBody+1),
			fields: map[string][]string{"Content-Type": {textPlain}}},
		{name: "a body stream left alone", target: "/stream", status: 503, want: "streamed"},
		{name: "static 416 for a Range past the end", target: "/files/a.txt", header: map[string]string{"Range": "bytes=100-200"},
			status: 416, want: problem(416, "Range Not Satisfiable", httperr.English().Description(416)),
			fields: map[string][]string{"Content-Type": {"application/problem+json"}}},
		{name: "static 200 untouched", target: "/files/a.txt", status: 200, want: "hello"},
	}
	for _, mode := range []string{"app.Test", "listener"} {
		t.Run(mode, func(t *testing.T) {
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					rd, logs := renderer()
					app, slow := textApp(t, rd)
					base := ""
					if mode == "listener" {
						base = listen(t, app)
					}
					for range tt.warm {
						if got := get(t, app, base, tt.target, tt.header); got.status != 200 {
							t.Fatalf("warm-up: %d %q", got.status, got.body)
						}
					}
					got := get(t, app, base, tt.target, tt.header)
					if tt.target == "/slow" {
						<-slow
					}
					if got.status != tt.status || got.body != tt.want {
						t.Errorf("got %d %q %q\nwant %d %q", got.status, got.header.Get("Content-Type"), got.body, tt.status, tt.want)
					}
					for k, want := range tt.fields {
						if g := got.header.Values(k); !slices.Equal(g, want) {
							t.Errorf("%s %q, want %q", k, g, want)
						}
					}
					if ra := got.header.Get("Retry-After"); tt.target == "/limited" && ra != "60" && ra != "59" {
						t.Errorf("Retry-After %q, want the limiter's 60 (or 59 across a second)", ra)
					}
					if strings.Contains(got.body, secret) {
						t.Errorf("the cause reached the body: %s", got.body)
					}
					if tt.logs != "" && !strings.Contains(logs.String(), tt.logs) {
						t.Errorf("the log lacks %q:\n%s", tt.logs, logs)
					}
				})
			}
		})
	}
}

// TestKeepText: under Renderer.KeepText, the limiter's text 429 goes out as fiber wrote it.
func TestKeepText(t *testing.T) {
	rd, _ := renderer()
	rd.KeepText = true
	app, _ := textApp(t, rd)
	get(t, app, "", "/limited", nil)
	got := get(t, app, "", "/limited", nil)
	if got.status != 429 || got.body != "Too Many Requests" || got.header.Get("Content-Type") != "text/plain; charset=utf-8" ||
		got.header.Get("Retry-After") == "" {
		t.Errorf("got %d %q %q Retry-After %q", got.status, got.header.Get("Content-Type"), got.body, got.header.Get("Retry-After"))
	}
	// An empty error answer still becomes its problem.
	if got := get(t, app, "", "/status-only", nil); got.status != 404 || got.body != problem(404, "Not Found", httperr.English().Description(404)) {
		t.Errorf("got %d %q", got.status, got.body)
	}
}

// TestTimeoutLog: the request fiber's timeout middleware answers is logged once, with the status the client
// gets, and not as an error after the response had started. Run with -race: the slow handler's end makes the
// timeout middleware restore the request's context (c.SetContext) while the adapter renders, which must not
// read it.
func TestTimeoutLog(t *testing.T) {
	rd, logs := renderer()
	app, slow := textApp(t, rd)
	got := get(t, app, listen(t, app), "/slow", nil)
	<-slow
	time.Sleep(20 * time.Millisecond) // for the timeout middleware's clean-up, which runs once the handler is done
	if got.status != 408 {
		t.Errorf("got %d %q", got.status, got.body)
	}
	log := logs.String()
	if strings.Count(log, "\n") != 1 || !strings.Contains(log, "status=408 ") || strings.Contains(log, "after the response had started") {
		t.Errorf("the log does not agree with the 408 sent:\n%s", log)
	}
	if !strings.Contains(log, "path=/slow") {
		t.Errorf("the log lacks the path:\n%s", log)
	}
}

// TestTextThenError: a text error answer given before the handler returns an error is replaced too, by the
// ErrorHandler alone (no Middleware): by the error's problem when it has the status sent, by the text's
// problem, with the error in its cause, otherwise; fiber's timeout middleware's 408 as well.
func TestTextThenError(t *testing.T) {
	rd, logs := renderer()
	app := fiber.New(fiber.Config{ErrorHandler: httperrfiber.ErrorHandler(rd)})
	app.Get("/same", func(c fiber.Ctx) error {
		c.Status(fiber.StatusNotFound).SendString("no such user") //nolint:errcheck // the error follows
		return httperr.NotFound("user")
	})
	app.Get("/other", func(c fiber.Ctx) error {
		c.Status(fiber.StatusConflict).SendString("name taken") //nolint:errcheck // the error follows
		return errors.New("insert: " + secret)
	})
	app.Get("/slow", timeout.New(func(fiber.Ctx) error { time.Sleep(30 * time.Millisecond); return nil },
		timeout.Config{Timeout: 5 * time.Millisecond, OnTimeout: func(fiber.Ctx) error { return errors.New("too slow") }}))
	for _, tt := range []struct{ target, want, logs string }{
		{"/same", notFound, "status=404"},
		{"/other", problem(409, "Conflict", "name taken"), "insert: " + secret},
		{"/slow", problem(408, "Request Timeout", httperr.English().Description(408)), "too slow"},
	} {
		got := play(t, app, "GET", tt.target, "", nil)
		if got.body != tt.want || got.header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: got %d %q %q\nwant %q", tt.target, got.status, got.header.Get("Content-Type"), got.body, tt.want)
		}
		if !strings.Contains(logs.String(), tt.logs) || strings.Contains(logs.String(), "after the response had started") {
			t.Errorf("%s: the log lacks %q:\n%s", tt.target, tt.logs, logs)
		}
	}
	time.Sleep(40 * time.Millisecond) // the abandoned handler ends within the test
}
