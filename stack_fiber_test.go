package toolkit_test

// The users API as a fiber v3 user writes it: fiber.Ctx handlers, c.Params, c.Bind().Body with
// go-playground/validator as the app's StructValidator, Config.BodyLimit, fiber.NewError, c.JSON,
// c.SendString; httperrfiber.ErrorHandler in fiber.Config and httperrfiber.Middleware as the first app.Use.
//
// fiber is not net/http: the stack is a fiberServer, which plays each request through app.Test (fiber's own
// test path: its fasthttp server on an in-memory connection) for the suite's recorder, and which loopback
// serves with app.Listener on a real listener.

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/adaptor"
	"github.com/gofiber/fiber/v3/middleware/basicauth"
	"github.com/gofiber/fiber/v3/middleware/static"
	"github.com/gofiber/fiber/v3/middleware/timeout"

	httperrfiber "github.com/httperr/toolkit/adapters/fiber"
	"github.com/httperr/toolkit/httperr"
)

// fiberAPI holds the fiber handlers of the users API.
type fiberAPI struct{ users *users }

func (a fiberAPI) getUser(c fiber.Ctx) error {
	u, ok := a.users.get(c.Params("id"))
	if !ok {
		return fiber.NewError(fiber.StatusNotFound, "user not found")
	}
	return c.JSON(u)
}

func (a fiberAPI) createUser(c fiber.Ctx) error {
	var in signup
	if err := c.Bind().Body(&in); err != nil { // decodes, then runs the app's StructValidator
		return err
	}
	u, err := a.users.add(in)
	if err != nil {
		return err
	}
	c.Location("/users/" + strconv.Itoa(u.ID))
	return c.Status(fiber.StatusCreated).JSON(u)
}

// fiberValidator is the fiber.StructValidator of fiber's documentation over go-playground/validator.
type fiberValidator struct {
	v interface{ Struct(any) error }
}

func (fv fiberValidator) Validate(out any) error { return fv.v.Struct(out) }

func fiberPrivate(c fiber.Ctx) error { return c.SendString("private") }

// serveFiber serves the users API with fiber v3 and httperrfiber.
func serveFiber(rd *httperr.Renderer, o options, extra ...route) http.Handler {
	a := fiberAPI{users: newUsers()}
	app := fiber.New(fiber.Config{
		ErrorHandler:    httperrfiber.ErrorHandler(rd),
		StructValidator: fiberValidator{newValidator()},
		BodyLimit:       maxBody,
	})
	app.Use(httperrfiber.Middleware(rd))
	if o.withContext {
		app.Use(func(c fiber.Ctx) error {
			c.SetContext(context.WithValue(c.Context(), requestIDKey{}, "req-1"))
			return c.Next()
		})
	}
	app.Get("/users/:id", a.getUser)
	app.Post("/users", a.createUser)
	app.Get("/maintenance", func(fiber.Ctx) error {
		return httperr.ServiceUnavailable(maintenanceRetry).WithDetail("scheduled maintenance")
	})
	app.Get("/report", func(fiber.Ctx) error { return errReport() })
	app.Get("/panic", func(fiber.Ctx) error { panic("boom: " + secret) })
	app.Head("/head/:id", func(fiber.Ctx) error { return fiber.NewError(fiber.StatusNotFound, "user not found") })
	app.Get("/partial", func(c fiber.Ctx) error {
		if err := c.SendString("partial answer"); err != nil {
			return err
		}
		return errors.New("failed after the answer had started")
	})
	app.Get("/teapot", func(fiber.Ctx) error { return errTeapot })
	app.Get("/hints", func(c fiber.Ctx) error {
		if err := c.SendEarlyHints([]string{"</style.css>; rel=preload; as=style"}); err != nil {
			return err
		}
		return httperr.NotFound("user")
	})
	app.Get("/limited", func(c fiber.Ctx) error {
		c.Set("Retry-After", rateLimitRetry)
		return c.Status(fiber.StatusTooManyRequests).SendString(http.StatusText(http.StatusTooManyRequests))
	}, fiberPrivate)
	app.Get("/private", basicauth.New(basicauth.Config{
		Authorizer: func(u, p string, _ fiber.Ctx) bool { return u == "ada" && p == "secret" },
	}), fiberPrivate)
	app.Get("/files/*", static.New("", static.Config{FS: staticFiles, ByteRange: true}))
	if o.timeout > 0 {
		app.Get("/slow", timeout.New(func(c fiber.Ctx) error {
			<-c.Context().Done()
			return c.Context().Err()
		}, timeout.Config{Timeout: o.timeout}))
	}
	for _, rt := range extra {
		h := rt.Handler
		app.Add([]string{rt.Method}, rt.Pattern, func(c fiber.Ctx) error {
			r, err := adaptor.ConvertRequest(c, false)
			if err != nil {
				return err
			}
			return h(&fiberWriter{c: c, h: http.Header{}}, r)
		})
	}
	return fiberServer{app}
}

// fiberServer is a fiber app as an http.Handler, for the suite's recorder: each request is played through
// app.Test and its answer copied. A request that app.Test cannot answer (fasthttp's own errors, such as a
// body over BodyLimit, come back as errors, not responses) gets a 599, which no scenario wants.
type fiberServer struct{ app *fiber.App }

func (s fiberServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	res, err := s.app.Test(r, fiber.TestConfig{Timeout: 30 * time.Second, FailOnTimeout: true})
	if err != nil {
		http.Error(w, "app.Test: "+err.Error(), 599)
		return
	}
	defer res.Body.Close()
	for k, vs := range res.Header {
		w.Header()[k] = vs
	}
	w.WriteHeader(res.StatusCode)
	io.Copy(w, res.Body) //nolint:errcheck // a recorder
}

// fiberWriter is the http.ResponseWriter through which the neutral routes (route) write on fiber: header
// fields are set on fiber's response at WriteHeader, writes go to its body. fasthttp sends nothing before the
// handler returns, so Flush has nothing to do.
type fiberWriter struct {
	c     fiber.Ctx
	h     http.Header
	wrote bool
}

func (w *fiberWriter) Header() http.Header { return w.h }

func (w *fiberWriter) WriteHeader(code int) {
	if w.wrote {
		return
	}
	w.wrote = true
	for k, vs := range w.h {
		for _, v := range vs {
			w.c.Response().Header.Add(k, v)
		}
	}
	w.c.Status(code)
}

func (w *fiberWriter) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.c.Write(b)
}

func (w *fiberWriter) Flush() {}
