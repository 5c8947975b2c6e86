package httperrfiber_test

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/basicauth"
	"github.com/gofiber/fiber/v3/middleware/limiter"

	httperrfiber "github.com/httperr/toolkit/adapters/fiber"
	"github.com/httperr/toolkit/httperr"
)

// TestFrameworkDecisionsKept drives fiber's own middleware and idioms on a loopback server: the header
// fields the application or a middleware set before it returned a *fiber.Error stay (a Basic challenge is
// not replaced by the Renderer's Bearer; the limiter's Retry-After; a 416's Content-Range), and a *fiber.Error's code decides over the other errors of its chain.
//
// basicauth's default Unauthorized handler answers itself, with fiber's text "Unauthorized", through no
// error handler; its Unauthorized option, returning fiber.ErrUnauthorized, goes through ours.
func TestFrameworkDecisionsKept(t *testing.T) {
	rd, logs := renderer()
	app := fiber.New(fiber.Config{ErrorHandler: httperrfiber.ErrorHandler(rd)})
	app.Use(httperrfiber.Middleware(rd))
	ok := func(c fiber.Ctx) error { return c.SendString("secret") }
	sum := sha256.Sum256([]byte("lovelace"))
	app.Get("/basic", basicauth.New(basicauth.Config{
		Users: map[string]string{"ada": "{SHA256}" + base64.StdEncoding.EncodeToString(sum[:])},
		Unauthorized: func(c fiber.Ctx) error {
			c.Set(fiber.HeaderWWWAuthenticate, `Basic realm="Restricted", charset="UTF-8"`)
			return fiber.ErrUnauthorized
		},
	}), ok)
	app.Get("/limited", limiter.New(limiter.Config{
		Max: 1, Expiration: time.Hour,
		LimitReached: func(c fiber.Ctx) error { return fiber.ErrTooManyRequests },
	}), ok)
	app.Get("/range", func(c fiber.Ctx) error {
		c.Set(fiber.HeaderContentRange, "bytes */1000")
		return fiber.ErrRequestedRangeNotSatisfiable
	})
	app.Get("/forbidden", func(c fiber.Ctx) error {
		var in struct {
			Name string `validate:"required"`
		}
		return errors.Join(fiber.ErrForbidden, validator.New().Struct(in))
	})
	app.Get("/token", func(c fiber.Ctx) error {
		var header map[string]any
		if err := c.App().Config().JSONDecoder([]byte("abc.def.ghi"), &header); err != nil {
			return fmt.Errorf("%w: %w", fiber.ErrUnauthorized, err)
		}
		return ok(c)
	})
	base := listen(t, app)

	b401, b403 := fiberCatalogProblem(401), fiberCatalogProblem(403)
	b416, b429 := fiberCatalogProblem(416), fiberCatalogProblem(429)
	get := func(path string) (*http.Response, string) {
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		res.Header.Del("Date")
		return res, string(b)
	}
	get("/limited") // the one request the limiter lets through
	for _, tt := range []struct {
		name, path string
		status     int
		header     http.Header
		body       string
	}{
		{"basicauth's Unauthorized returning fiber.ErrUnauthorized", "/basic", 401,
			fiberProblemHeader(b401, "WWW-Authenticate", `Basic realm="Restricted", charset="UTF-8"`), b401},
		{"limiter's LimitReached returning fiber.ErrTooManyRequests", "/limited", 429,
			fiberProblemHeader(b429, "Retry-After", "3600"), b429}, // the limiter sets X-RateLimit-* on the requests it lets through
		{"a 416 with its Content-Range", "/range", 416, fiberProblemHeader(b416, "Content-Range", "bytes */1000"), b416},
		{"fiber.ErrForbidden joined to validator errors", "/forbidden", 403, fiberProblemHeader(b403), b403},
		{"fiber.ErrUnauthorized wrapping a *json.SyntaxError", "/token", 401, fiberProblemHeader(b401, "WWW-Authenticate", "Bearer"), b401},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, body := get(tt.path)
			if tt.path == "/limited" { // the reset counts down from 3600 as the window passes
				if n, err := strconv.Atoi(res.Header.Get("Retry-After")); err == nil && n > 3590 {
					res.Header.Set("Retry-After", "3600")
				}
			}
			if res.StatusCode != tt.status || body != tt.body || !fiberEqualHeader(res.Header, tt.header) {
				t.Errorf("got %d %v\n%q\nwant %d %v\n%q", res.StatusCode, res.Header, body, tt.status, tt.header, tt.body)
			}
		})
	}
	if t.Failed() {
		t.Log(logs)
	}
}

// fiberCatalogProblem is the body of a problem whose detail is the catalog's sentence for status.
func fiberCatalogProblem(status int) string {
	return problem(status, httperr.English().Title(status), httperr.English().Description(status))
}

// fiberProblemHeader is the header of a JSON problem with body, plus the given key, value pairs.
func fiberProblemHeader(body string, kv ...string) http.Header {
	h := http.Header{
		"Content-Type":           {"application/problem+json"},
		"Content-Length":         {strconv.Itoa(len(body))},
		"X-Content-Type-Options": {"nosniff"},
		"Content-Language":       {"en"},
		"Vary":                   {"Accept, Accept-Language"},
	}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return h
}

// fiberEqualHeader reports whether a and b hold the same fields with the same values.
func fiberEqualHeader(a, b http.Header) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if strings.Join(v, "\x00") != strings.Join(b[k], "\x00") {
			return false
		}
	}
	return true
}
