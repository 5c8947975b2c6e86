// Command nethttp serves a small users API with net/http's ServeMux and the httperrhttp adapter: handlers
// return errors, and httperrhttp.Middleware renders them, ServeMux's own 404 and 405, and panics as
// RFC 9457 problems.
//
//	go run ./examples/nethttp -addr 127.0.0.1:8080
package main

import (
	"encoding/json"
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

	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
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

func getUser(w http.ResponseWriter, r *http.Request) error {
	id, _ := strconv.Atoi(r.PathValue("id"))
	mu.Lock()
	u, ok := users[id]
	mu.Unlock()
	if !ok {
		return httperr.NotFound("user") // 404, detail "user not found"
	}
	w.Header().Set("Content-Type", "application/json")
	return json.NewEncoder(w).Encode(u)
}

func createUser(w http.ResponseWriter, r *http.Request) error {
	var in user
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10)).Decode(&in); err != nil {
		return httperr.RequestBodyError(err) // 400 for JSON that does not parse, 413 past the limit
	}
	var vs []httperr.Violation
	if in.Name == "" {
		vs = append(vs, httperr.Violation{Pointer: "#/name", Detail: "is required"})
	}
	if a, err := mail.ParseAddress(in.Email); in.Email == "" {
		vs = append(vs, httperr.Violation{Pointer: "#/email", Detail: "is required"})
	} else if err != nil || a.Address != in.Email {
		vs = append(vs, httperr.Violation{Pointer: "#/email", Detail: "must be an email address"})
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
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Location", "/users/"+strconv.Itoa(in.ID))
	w.WriteHeader(http.StatusCreated)
	return json.NewEncoder(w).Encode(in)
}

func newServer(rd *httperr.Renderer) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /users/{id}", httperrhttp.HandlerFunc(getUser))
	mux.Handle("POST /users", httperrhttp.HandlerFunc(createUser))
	mux.Handle("GET /maintenance", httperrhttp.HandlerFunc(func(http.ResponseWriter, *http.Request) error {
		return httperr.ServiceUnavailable(2 * time.Minute).WithDetail("scheduled maintenance") // Retry-After: 120
	}))
	mux.Handle("GET /report", httperrhttp.HandlerFunc(func(http.ResponseWriter, *http.Request) error {
		return fmt.Errorf("building report: %w", errors.New("db: password=hunter2")) // a 500; the cause is only logged
	}))
	mux.HandleFunc("GET /panic", func(http.ResponseWriter, *http.Request) { panic("boom") })
	return httperrhttp.Middleware(rd)(mux)
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	logger.Info("listening", "addr", *addr)
	if err := http.ListenAndServe(*addr, newServer(&httperr.Renderer{Logger: logger})); err != nil {
		logger.Error("server stopped", "error", err)
		os.Exit(1)
	}
}
