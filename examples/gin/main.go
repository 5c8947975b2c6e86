// Command gin serves a small users API with gin and the httperrgin adapter: handlers wrapped in
// httperrgin.Handle return errors, and the middleware httperrgin.Install adds renders them, binding and
// validation errors (one violation per field), gin's 404 and 405 and panics as RFC 9457 problems.
//
//	go run ./examples/gin -addr 127.0.0.1:8080
package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	httperrgin "github.com/httperr/toolkit/adapters/gin"
	"github.com/httperr/toolkit/httperr"
)

type user struct {
	ID    int    `json:"id"`
	Name  string `json:"name" binding:"required"`
	Email string `json:"email" binding:"required,email"`
}

var (
	mu    sync.Mutex
	users = map[int]user{1: {ID: 1, Name: "Ada Lovelace", Email: "ada@example.com"}}
)

func getUser(c *gin.Context) error {
	id, _ := strconv.Atoi(c.Param("id"))
	mu.Lock()
	u, ok := users[id]
	mu.Unlock()
	if !ok {
		return httperr.NotFound("user") // 404, detail "user not found"
	}
	c.JSON(http.StatusOK, u)
	return nil
}

func createUser(c *gin.Context) error {
	var in user
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, 4<<10)
	if err := c.ShouldBindJSON(&in); err != nil {
		return err // 400 for JSON that does not parse, 413 past the limit, 422 with one violation per field
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
	c.Header("Location", "/users/"+strconv.Itoa(in.ID))
	c.JSON(http.StatusCreated, in)
	return nil
}

func newServer(rd *httperr.Renderer) *gin.Engine {
	g := gin.New()
	httperrgin.Install(g, rd) // the middleware (errors, panics), NoRoute, NoMethod and HandleMethodNotAllowed
	g.GET("/users/:id", httperrgin.Handle(getUser))
	g.POST("/users", httperrgin.Handle(createUser))
	g.GET("/maintenance", httperrgin.Handle(func(*gin.Context) error {
		return httperr.ServiceUnavailable(2 * time.Minute).WithDetail("scheduled maintenance") // Retry-After: 120
	}))
	g.GET("/report", httperrgin.Handle(func(*gin.Context) error {
		return fmt.Errorf("building report: %w", errors.New("db: password=hunter2")) // a 500; the cause is only logged
	}))
	g.GET("/panic", func(*gin.Context) { panic("boom") })
	return g
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	gin.SetMode(gin.ReleaseMode)
	logger.Info("listening", "addr", *addr)
	if err := newServer(&httperr.Renderer{Logger: logger}).Run(*addr); err != nil {
		logger.Error("server stopped", "error", err)
		os.Exit(1)
	}
}
