// Command fiber serves a small users API with fiber v3 and the httperrfiber adapter: handlers return errors
// (httperr's or fiber's own *fiber.Error), and the error handler set in fiber.Config renders them, fiber's
// router 404 and 405, c.Bind() and validator errors, a body over BodyLimit and panics as RFC 9457 problems.
//
//	go run ./examples/fiber -addr 127.0.0.1:8080
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/gofiber/fiber/v3"

	httperrfiber "github.com/httperr/toolkit/adapters/fiber"
	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/httperr"
)

type user struct {
	ID    int    `json:"id"`
	Name  string `json:"name" validate:"required"`
	Email string `json:"email" validate:"required,email"`
}

// structValidator is fiber's StructValidator over go-playground/validator: c.Bind().Body returns its
// errors, which the adapter renders as a 422 with one violation per field.
type structValidator struct{ v *validator.Validate }

func (sv structValidator) Validate(out any) error { return sv.v.Struct(out) }

var (
	mu    sync.Mutex
	users = map[int]user{1: {ID: 1, Name: "Ada Lovelace", Email: "ada@example.com"}}
)

func getUser(c fiber.Ctx) error {
	id, _ := strconv.Atoi(c.Params("id"))
	mu.Lock()
	u, ok := users[id]
	mu.Unlock()
	if !ok {
		return fiber.NewError(fiber.StatusNotFound, "user not found") // the same problem as httperr.NotFound("user")
	}
	return c.JSON(u)
}

func createUser(c fiber.Ctx) error {
	var in user
	if err := c.Bind().Body(&in); err != nil {
		return err // 400 for JSON that does not parse, 422 from the validator
	}
	mu.Lock()
	defer mu.Unlock()
	for _, u := range users {
		if strings.EqualFold(u.Email, in.Email) {
			return httperr.Conflict("email is already registered").
				With("email", in.Email).With("existing_user", "/users/"+strconv.Itoa(u.ID))
		}
	}
	in.ID = len(users) + 1
	users[in.ID] = in
	c.Location("/users/" + strconv.Itoa(in.ID))
	return c.Status(fiber.StatusCreated).JSON(in)
}

func newServer(rd *httperr.Renderer) *fiber.App {
	v := validator.New()
	v.RegisterTagNameFunc(httperrvalidator.FieldName) // violations point at #/email, not #/Email
	app := fiber.New(fiber.Config{
		ErrorHandler:    httperrfiber.ErrorHandler(rd),
		StructValidator: structValidator{v},
		BodyLimit:       4 << 10, // 413 past the limit
	})
	app.Use(httperrfiber.Middleware(rd)) // first: it recovers panics into 500 problems
	app.Get("/users/:id", getUser)
	app.Post("/users", createUser)
	app.Get("/maintenance", func(fiber.Ctx) error {
		return httperr.ServiceUnavailable(2 * time.Minute).WithDetail("scheduled maintenance") // Retry-After: 120
	})
	app.Get("/report", func(fiber.Ctx) error {
		return fmt.Errorf("building report: %w", errors.New("db: password=hunter2")) // a 500; the cause is only logged
	})
	app.Get("/panic", func(fiber.Ctx) error { panic("boom") })
	return app
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	app := newServer(&httperr.Renderer{Logger: logger})
	logger.Info("listening", "addr", *addr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM) // shut down on ctrl+c
	err := app.Listen(*addr, fiber.ListenConfig{DisableStartupMessage: true, GracefulContext: ctx})
	stop()
	if err != nil {
		logger.Error("server stopped", "error", err)
		os.Exit(1)
	}
}
