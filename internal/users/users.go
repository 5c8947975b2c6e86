// Package users is the small users API that every example server mounts: the same handlers, written once as
// func(http.ResponseWriter, *http.Request) error, behind net/http, echo and gin. Path parameters are read with
// r.PathValue; the echo and gin examples copy their router's parameters there.
package users

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/mail"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/httperr/toolkit/httperr"
)

// User is one user of the API.
type User struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
	Age   int    `json:"age,omitempty"`
}

// MaxBody is the largest request body the API accepts, in bytes.
const MaxBody = 4 << 10

// MaintenanceRetry is the Retry-After of GET /maintenance.
const MaintenanceRetry = 120 * time.Second

// Route is one route of the API: a method, a ServeMux pattern with {name} parameters, and the handler.
type Route struct {
	Method  string
	Pattern string
	Handler func(http.ResponseWriter, *http.Request) error
}

// API holds the users in memory. User 1 exists from the start.
type API struct {
	mu     sync.Mutex
	users  map[int]User
	nextID int
}

// New returns an API that knows user 1, Ada.
func New() *API {
	return &API{users: map[int]User{1: {ID: 1, Name: "Ada Lovelace", Email: "ada@example.com"}}, nextID: 2}
}

// Routes lists the API's routes.
func (a *API) Routes() []Route {
	return []Route{
		{http.MethodGet, "/users/{id}", a.getUser},
		{http.MethodPost, "/users", a.createUser},
		{http.MethodGet, "/maintenance", maintenance},
		{http.MethodGet, "/report", report},
		{http.MethodGet, "/panic", panicking},
	}
}

// getUser answers GET /users/{id}: user 1 exists, any other id is a 404 problem.
func (a *API) getUser(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil {
		return httperr.NotFound("user")
	}
	a.mu.Lock()
	u, ok := a.users[id]
	a.mu.Unlock()
	if !ok {
		return httperr.NotFound("user")
	}
	return writeJSON(w, http.StatusOK, u)
}

// createUser answers POST /users: 400 for a body that is not JSON, 413 for one over MaxBody, 422 with one
// violation per bad field, 409 when the email is taken, else 201.
func (a *API) createUser(w http.ResponseWriter, r *http.Request) error {
	var in User
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxBody))
	if err := dec.Decode(&in); err != nil {
		return httperr.RequestBodyError(err) // empty, truncated: 400; *json.SyntaxError, *http.MaxBytesError: mapped
	}
	var vs []httperr.Violation
	if strings.TrimSpace(in.Name) == "" {
		vs = append(vs, httperr.Violation{Pointer: "#/name", Detail: "must not be empty"})
	}
	if _, err := mail.ParseAddress(in.Email); err != nil || strings.ContainsAny(in.Email, "<> ") {
		vs = append(vs, httperr.Violation{Pointer: "#/email", Detail: "must be an email address"})
	}
	if in.Age < 0 || in.Age > 150 {
		vs = append(vs, httperr.Violation{Pointer: "#/age", Detail: "must be between 0 and 150"})
	}
	if len(vs) > 0 {
		return httperr.Validation(vs...)
	}
	a.mu.Lock()
	for _, u := range a.users {
		if strings.EqualFold(u.Email, in.Email) {
			a.mu.Unlock()
			return httperr.Conflict("email is already registered").
				With("email", in.Email).
				With("existing_user", "/users/"+strconv.Itoa(u.ID))
		}
	}
	in.ID = a.nextID
	a.nextID++
	a.users[in.ID] = in
	a.mu.Unlock()
	w.Header().Set("Location", "/users/"+strconv.Itoa(in.ID))
	return writeJSON(w, http.StatusCreated, in)
}

// maintenance answers GET /maintenance with a 503 and Retry-After.
func maintenance(http.ResponseWriter, *http.Request) error {
	return httperr.ServiceUnavailable(MaintenanceRetry).WithDetail("scheduled maintenance")
}

// Secret is the text of report's internal cause: it must never reach a response.
const Secret = "dsn=postgres://report:hunter2@db.internal/reports"

// report answers GET /report with a 500 whose cause holds a secret.
func report(http.ResponseWriter, *http.Request) error {
	return fmt.Errorf("building report: %w", errors.New("connect "+Secret+": connection refused"))
}

// panicking answers GET /panic by panicking.
func panicking(http.ResponseWriter, *http.Request) error {
	panic("boom: " + Secret)
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, err = w.Write(append(body, '\n'))
	return err
}
