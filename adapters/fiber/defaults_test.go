package httperrfiber_test

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/basicauth"
	"github.com/gofiber/fiber/v3/middleware/limiter"

	httperrfiber "github.com/httperr/toolkit/adapters/fiber"
	"github.com/httperr/toolkit/internal/testkit"
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

	b401, b403 := testkit.CatalogProblem(401), testkit.CatalogProblem(403)
	b416, b429 := testkit.CatalogProblem(416), testkit.CatalogProblem(429)
	get := func(path string) (*http.Response, string) { return testkit.Get(t, http.DefaultClient, base+path, nil) }
	get("/limited") // the one request the limiter lets through
	for _, tt := range []struct {
		name, path string
		status     int
		header     http.Header
		body       string
	}{
		{"basicauth's Unauthorized returning fiber.ErrUnauthorized", "/basic", 401,
			testkit.ProblemHeader(b401, "WWW-Authenticate", `Basic realm="Restricted", charset="UTF-8"`), b401},
		{"limiter's LimitReached returning fiber.ErrTooManyRequests", "/limited", 429,
			testkit.ProblemHeader(b429, "Retry-After", "3600"), b429}, // the limiter sets X-RateLimit-* on the requests it lets through
		{"a 416 with its Content-Range", "/range", 416, testkit.ProblemHeader(b416, "Content-Range", "bytes */1000"), b416},
		{"fiber.ErrForbidden joined to validator errors", "/forbidden", 403, testkit.ProblemHeader(b403), b403},
		{"fiber.ErrUnauthorized wrapping a *json.SyntaxError", "/token", 401, testkit.ProblemHeader(b401, "WWW-Authenticate", "Bearer"), b401},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, body := get(tt.path)
			if tt.path == "/limited" { // the reset counts down from 3600 as the window passes
				if n, err := strconv.Atoi(res.Header.Get("Retry-After")); err == nil && n > 3590 {
					res.Header.Set("Retry-After", "3600")
				}
			}
			testkit.CheckResponse(t, res, body, tt.status, tt.header, tt.body)
		})
	}
	if t.Failed() {
		t.Log(logs)
	}
}
