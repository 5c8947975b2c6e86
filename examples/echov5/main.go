// Command echov5 serves a small users API with echo v5 and the httperrechov5 adapter: handlers take
// *echo.Context and return errors (httperr's, echo's own *echo.HTTPError, c.Bind's and c.Validate's), and
// the error handler httperrechov5.Install sets renders them, echo's router 404 and 405 and panics as RFC 9457
// problems.
//
//	go run ./examples/echov5 -addr 127.0.0.1:8080
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/labstack/echo/v5"

	httperrechov5 "github.com/httperr/toolkit/adapters/echov5"
	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/httperr"
)

type user struct {
	ID    int    `json:"id"`
	Name  string `json:"name" validate:"required"`
	Email string `json:"email" validate:"required,email"`
}

// structValidator is echo's Validator over go-playground/validator: c.Validate returns its errors, which
// the adapter renders as a 422 with one violation per field.
type structValidator struct{ v *validator.Validate }

func (sv structValidator) Validate(i any) error { return sv.v.Struct(i) }

var (
	mu    sync.Mutex
	users = map[int]user{1: {ID: 1, Name: "Ada Lovelace", Email: "ada@example.com"}}
)

func getUser(c *echo.Context) error {
	id, _ := strconv.Atoi(c.Param("id"))
	mu.Lock()
	u, ok := users[id]
	mu.Unlock()
	if !ok {
		return echo.NewHTTPError(http.StatusNotFound, "user not found") // the same problem as httperr.NotFound("user")
	}
	return c.JSON(http.StatusOK, u)
}

func createUser(c *echo.Context) error {
	var in user
	c.Request().Body = http.MaxBytesReader(c.Response(), c.Request().Body, 4<<10)
	if err := c.Bind(&in); err != nil {
		return err // 400 for JSON that does not parse, 413 past the limit
	}
	if err := c.Validate(&in); err != nil {
		return err // 422, one violation per field
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
	c.Response().Header().Set("Location", "/users/"+strconv.Itoa(in.ID))
	return c.JSON(http.StatusCreated, in)
}

func newServer(rd *httperr.Renderer) *echo.Echo {
	v := validator.New()
	v.RegisterTagNameFunc(httperrvalidator.FieldName) // violations point at #/email, not #/Email
	e := echo.New()
	e.Validator = structValidator{v}
	httperrechov5.Install(e, rd) // after an access logger, before other e.Use: it recovers panics, sets e.HTTPErrorHandler
	e.GET("/users/:id", getUser)
	e.POST("/users", createUser)
	e.GET("/maintenance", func(*echo.Context) error {
		return httperr.ServiceUnavailable(2 * time.Minute).WithDetail("scheduled maintenance") // Retry-After: 120
	})
	e.GET("/report", func(*echo.Context) error {
		return fmt.Errorf("building report: %w", errors.New("db: password=hunter2")) // a 500; the cause is only logged
	})
	e.GET("/panic", func(*echo.Context) error { panic("boom") })
	return e
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	e := newServer(&httperr.Renderer{Logger: logger})
	e.Logger = logger
	logger.Info("listening", "addr", *addr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM) // shut down on ctrl+c
	sc := echo.StartConfig{Address: *addr, HideBanner: true, HidePort: true}
	err := sc.Start(ctx, e)
	stop()
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		logger.Error("server stopped", "error", err)
		os.Exit(1)
	}
}
