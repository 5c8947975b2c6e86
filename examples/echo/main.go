// Command echo serves a small users API with echo v4 and the httperrecho adapter: handlers return errors
// (httperr's or echo's own *echo.HTTPError), and the error handler httperrecho.Install sets renders them,
// echo's router 404 and 405, binder errors and panics as RFC 9457 problems.
//
//	go run ./examples/echo -addr 127.0.0.1:8080
package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/mail"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	"github.com/httperr/toolkit/httperr"
)

type user struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}

var (
	mu    sync.Mutex
	users = map[int]user{1: {ID: 1, Name: "Ada Lovelace", Email: "ada@example.com"}}
)

func getUser(c echo.Context) error {
	id, _ := strconv.Atoi(c.Param("id"))
	mu.Lock()
	u, ok := users[id]
	mu.Unlock()
	if !ok {
		return echo.NewHTTPError(http.StatusNotFound, "user not found") // the same problem as httperr.NotFound("user")
	}
	return c.JSON(http.StatusOK, u)
}

func createUser(c echo.Context) error {
	var in user
	c.Request().Body = http.MaxBytesReader(c.Response(), c.Request().Body, 4<<10)
	if err := c.Bind(&in); err != nil {
		return err // 400 for JSON that does not parse, 413 past the limit
	}
	var vs []httperr.Violation
	if in.Name == "" {
		vs = append(vs, httperr.Violation{Pointer: "#/name", Code: "required"}) // detail: the catalog's, in the client's language
	}
	if a, err := mail.ParseAddress(in.Email); in.Email == "" {
		vs = append(vs, httperr.Violation{Pointer: "#/email", Code: "required"})
	} else if err != nil || a.Address != in.Email {
		vs = append(vs, httperr.Violation{Pointer: "#/email", Code: "email"})
	}
	if vs != nil {
		return httperr.Validation(vs...) // 422, one violation per field
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
	e := echo.New()
	e.HideBanner = true
	httperrecho.Install(e, rd) // after an access logger, before other e.Use: it recovers panics, sets e.HTTPErrorHandler
	e.GET("/users/:id", getUser)
	e.POST("/users", createUser)
	e.GET("/maintenance", func(echo.Context) error {
		return httperr.ServiceUnavailable(2 * time.Minute).WithDetail("scheduled maintenance") // Retry-After: 120
	})
	e.GET("/report", func(echo.Context) error {
		return fmt.Errorf("building report: %w", errors.New("db: password=hunter2")) // a 500; the cause is only logged
	})
	e.GET("/panic", func(echo.Context) error { panic("boom") })
	return e
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	e := newServer(&httperr.Renderer{Logger: logger})
	e.HidePort = true
	logger.Info("listening", "addr", *addr)
	if err := e.Start(*addr); err != nil {
		logger.Error("server stopped", "error", err)
		os.Exit(1)
	}
}
