// What every stack of the conformance suite serves, written once: the users it knows, the shape of a
// signup, the constants its answers depend on, and the neutral routes that the panic and cycle tests mount
// on each stack. The handlers themselves are written per framework, in its idiom (stack_*_test.go).
package toolkit_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-playground/validator/v10"

	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/httperr"
)

// user is one user of the API.
type user struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
	Age   int    `json:"age,omitempty"`
}

// signup is the body of POST /users, validated by go-playground/validator's `validate` tags (gin's stack
// declares the same fields with its `binding` tags).
type signup struct {
	Name  string `json:"name" validate:"required"`
	Email string `json:"email" validate:"required,email"`
	Age   int    `json:"age" validate:"gte=0,lte=150"`
}

// maxBody is the largest request body the API accepts, in bytes.
const maxBody = 4 << 10

// maintenanceRetry is the Retry-After of GET /maintenance.
const maintenanceRetry = 120 * time.Second

// secret is the text of GET /report's internal cause and of GET /panic's value: it must never reach a
// response.
const secret = "dsn=postgres://report:hunter2@db.internal/reports"

// errReport is the cause GET /report wraps.
func errReport() error {
	return fmt.Errorf("building report: %w", fmt.Errorf("connect %s: connection refused", secret))
}

// widgetText is the plain-text 404 a handler of GET /widgets/7 writes itself with http.Error: behind
// httperrhttp.Middleware it becomes the detail of the 404 problem.
const widgetText = "widget 7 is not in stock"

// users holds the users in memory. User 1 exists from the start.
type users struct {
	mu     sync.Mutex
	byID   map[int]user
	nextID int
}

// newUsers returns a store that knows user 1, Ada.
func newUsers() *users {
	return &users{byID: map[int]user{1: {ID: 1, Name: "Ada Lovelace", Email: "ada@example.com"}}, nextID: 2}
}

// get returns the user whose id is the decimal id, if there is one.
func (s *users) get(id string) (user, bool) {
	n, err := strconv.Atoi(id)
	if err != nil {
		return user{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.byID[n]
	return u, ok
}

// add stores in as a new user, unless its email is taken: then it returns the 409 problem, naming the user
// who has it.
func (s *users) add(in signup) (user, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range s.byID {
		if strings.EqualFold(u.Email, in.Email) {
			return user{}, httperr.Conflict("email is already registered").
				With("email", in.Email).
				With("existing_user", "/users/"+strconv.Itoa(u.ID))
		}
	}
	u := user{ID: s.nextID, Name: in.Name, Email: in.Email, Age: in.Age}
	s.nextID++
	s.byID[u.ID] = u
	return u, nil
}

// newValidator returns a validator that names fields by their json tag (httperrvalidator.FieldName), as
// httperrvalidator's doc asks.
func newValidator() *validator.Validate {
	v := validator.New()
	v.RegisterTagNameFunc(httperrvalidator.FieldName)
	return v
}

// route is one extra route that a test mounts on every stack beside the users API: a method, a
// ServeMux-style pattern without parameters, and a handler in net/http's form. The echo and gin stacks call
// it with their response writer and request, the fiber stack with a writer over fiber's response
// (fiberWriter) and adaptor.ConvertRequest's request; the panic and cycle tests use it for handlers that fail
// or panic in ways no framework idiom changes.
type route struct {
	Method  string
	Pattern string
	Handler func(http.ResponseWriter, *http.Request) error
}

// options are the variations of a stack that some scenarios need. The zero value is the stack as its
// users set it up by default.
type options struct {
	// withContext puts a middleware that calls r.WithContext (a request id, as many do) between httperr's
	// Middleware and the router.
	withContext bool
	// timeout puts http.TimeoutHandler, with this duration, between httperr's Middleware and the router,
	// and inside it a Middleware of its own with the same Renderer (net/http stacks only).
	timeout time.Duration
	// recoverer puts chi's middleware.Recoverer inside httperr's Middleware (chi only).
	recoverer bool
	// use mounts httperr's Middleware with gorilla's r.Use instead of around the router (gorilla only).
	use bool
	// gzip adds gin-contrib/gzip after Install (gin only); gzipFirst adds it before Install.
	gzip, gzipFirst bool
}

// requestIDKey is the context key of the withContext middleware.
type requestIDKey struct{}
