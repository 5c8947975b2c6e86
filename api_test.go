// The users API that the conformance suite serves through every stack: handlers written once as
// func(http.ResponseWriter, *http.Request) error, reading path parameters with r.PathValue (the echo and gin
// stacks copy their router's parameters there). Test scaffolding: only this package's tests use it.
package toolkit_test

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

// user is one user of the API.
type user struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
	Age   int    `json:"age,omitempty"`
}

// maxBody is the largest request body the API accepts, in bytes.
const maxBody = 4 << 10

// maintenanceRetry is the Retry-After of GET /maintenance.
const maintenanceRetry = 120 * time.Second

// route is one route: a method, a ServeMux-style pattern with {name} parameters, and a handler that reads
// path parameters with r.PathValue. Each stack file (stack_*_test.go) serves a list of them.
type route struct {
	Method  string
	Pattern string
	Handler func(http.ResponseWriter, *http.Request) error
}

// usersAPI holds the users in memory. User 1 exists from the start.
type usersAPI struct {
	mu     sync.Mutex
	users  map[int]user
	nextID int
}

// newUsersAPI returns an API that knows user 1, Ada.
func newUsersAPI() *usersAPI {
	return &usersAPI{users: map[int]user{1: {ID: 1, Name: "Ada Lovelace", Email: "ada@example.com"}}, nextID: 2}
}

// routes lists the API's routes.
func (a *usersAPI) routes() []route {
	return []route{
		{http.MethodGet, "/users/{id}", a.getUser},
		{http.MethodPost, "/users", a.createUser},
		{http.MethodGet, "/maintenance", maintenance},
		{http.MethodGet, "/report", report},
		{http.MethodGet, "/panic", panicking},
	}
}

// getUser answers GET /users/{id}: user 1 exists, any other id is a 404 problem.
func (a *usersAPI) getUser(w http.ResponseWriter, r *http.Request) error {
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

// createUser answers POST /users: 400 for a body that is not JSON, 413 for one over maxBody, 422 with one
// violation per bad field, 409 when the email is taken, else 201.
func (a *usersAPI) createUser(w http.ResponseWriter, r *http.Request) error {
	var in user
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
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
	return httperr.ServiceUnavailable(maintenanceRetry).WithDetail("scheduled maintenance")
}

// secret is the text of report's internal cause: it must never reach a response.
const secret = "dsn=postgres://report:hunter2@db.internal/reports"

// report answers GET /report with a 500 whose cause holds a secret.
func report(http.ResponseWriter, *http.Request) error {
	return fmt.Errorf("building report: %w", errors.New("connect "+secret+": connection refused"))
}

// panicking answers GET /panic by panicking.
func panicking(http.ResponseWriter, *http.Request) error {
	panic("boom: " + secret)
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
