package translate

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"testing"

	"github.com/go-playground/validator/v10"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/errchain"
)

// fwError is a framework's status-and-message error, as echo's *HTTPError.
type fwError struct {
	code int
	msg  string
	err  error
}

func (e *fwError) Error() string { return "code=" + strconv.Itoa(e.code) + " " + e.msg }
func (e *fwError) Unwrap() error { return e.err }

// binderError is a framework's binder error, naming its parameter.
type binderError struct{ field string }

func (e *binderError) Error() string { return "binding " + e.field }

var fw = Framework[string]{
	Validation: func(err error) *httperr.Error {
		if _, ok := errchain.As[validator.ValidationErrors](err); !ok {
			return nil
		}
		return httperr.Validation(httperr.Violation{Pointer: "#", Detail: "is required"}).Wrap(err)
	},
	Error: func(_ string, err error) (int, string, error, bool) {
		fe, ok := errchain.As[*fwError](err)
		if !ok || fe == nil {
			return 0, "", nil, false
		}
		return fe.code, fe.msg, fe.err, true
	},
	Binder: func(_ string, err error) *httperr.Error {
		be, ok := errchain.As[*binderError](err)
		if !ok {
			return nil
		}
		return httperr.BadRequest("").WithErrors(httperr.Violation{Parameter: be.field, Detail: "is invalid"}).Wrap(err)
	},
	Conversion: func(c string, err error) *httperr.Error {
		if c != "limit=abc" {
			return nil
		}
		return httperr.BadRequest("").WithErrors(httperr.Violation{Parameter: "limit", Detail: "must be an integer"}).Wrap(err)
	},
}

// problemOf returns what the rule gives for err, as From has it: status, the detail set (the catalog's is
// filled in at rendering), how many violations.
func problemOf(c string, err error) string {
	e := httperr.From(fw.Problem(c, err))
	return fmt.Sprint(e.Status(), " ", strconv.Quote(e.Detail()), " ", len(e.Violations()))
}

func TestProblem(t *testing.T) {
	syntax := json.Unmarshal([]byte("{"), new(any))
	var ve validator.ValidationErrors
	if err := validator.New().Var("", "required"); !errors.As(err, &ve) {
		t.Fatal(err)
	}
	conflict := httperr.Conflict("taken")
	for _, tt := range []struct {
		name string
		c    string
		err  error
		want string
	}{
		{"a plain error: the core maps it", "", errors.New("boom"), `500 "" 0`},
		{"the framework's 404, its message the application's", "", &fwError{404, "user not found", nil}, `404 "user not found" 0`},
		{"its reason phrase is no detail", "", &fwError{404, "Not Found", nil}, `404 "" 0`},
		{"a 5xx message is never a detail", "", &fwError{500, "pq: password", nil}, `500 "" 0`},
		{"a validator's text is never a detail", "", &fwError{400, ve.Error(), nil}, `400 "" 0`},
		{"validator errors: the 422", "", fmt.Errorf("bind: %w", ve), `422 "" 1`},
		{"validator errors under a 400 refine it", "", &fwError{400, "", ve}, `422 "" 1`},
		{"under a 503 they do not", "", &fwError{503, "", ve}, `503 "" 0`},
		{"a binder error", "", &binderError{"id"}, `400 "" 1`},
		{"a wrapped error's problem refines a 400", "", &fwError{400, "Syntax error", syntax}, `400 "request body is not valid JSON (unexpected end)" 0`},
		{"but the framework's 401 decides", "", &fwError{401, "", syntax}, `401 "" 0`},
		{"an empty body under a 400", "", &fwError{400, "", fmt.Errorf("read: %w", io.EOF)}, `400 "request body is empty" 0`},
		{"a conversion error under a 400", "limit=abc", &fwError{400, "", strconv.ErrSyntax}, `400 "" 1`},
		{"nested: the inner one answers", "", &fwError{400, "", &fwError{403, "no", nil}}, `403 "no" 0`},
		{"an *Error anywhere wins", "", errors.Join(&fwError{503, "", nil}, conflict), `409 "taken" 0`},
		{"inside the framework's error too", "", &fwError{503, "", conflict}, `409 "taken" 0`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := problemOf(tt.c, tt.err); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// TestProblemCause checks what the problem wraps: err itself always, and an *Error found outside the
// framework's error is rendered as it is, as From has it.
func TestProblemCause(t *testing.T) {
	conflict := httperr.Conflict("taken")
	outside := errors.Join(&fwError{503, "", nil}, conflict)
	if got := fw.Problem("", outside); got != outside {
		t.Errorf("an *Error outside the framework's error: got %v, want err itself", got)
	}
	inside := &fwError{503, "", conflict}
	if got := fw.Problem("", inside); !errors.Is(got, inside) || httperr.StatusOf(got) != 409 {
		t.Errorf("an *Error inside the framework's error: got %v, want the 409 wrapping err", got)
	}
	if got := fw.Problem("", conflict); got != error(conflict) {
		t.Errorf("a bare *Error: got %v, want it as it is", got)
	}
}

// TestProblemCycle: a framework error that is its own wrapped error ends at the walk's bound.
func TestProblemCycle(t *testing.T) {
	e := &fwError{code: 400}
	e.err = e
	if got := httperr.StatusOf(fw.Problem("", e)); got != 400 {
		t.Errorf("status %d, want 400", got)
	}
}

func TestUnder(t *testing.T) {
	syntax := json.Unmarshal([]byte("{"), new(any))
	for _, tt := range []struct {
		name string
		code int
		err  error
		want int
	}{
		{"no error status decides nothing", 200, errors.New("boom"), 500},
		{"the status given decides over a plain error", 400, errors.New("bad"), 400},
		{"a wrapped error's problem refines a 400", 400, fmt.Errorf("read: %w", &http.MaxBytesError{Limit: 10}), 413},
		{"but not a 401", 401, syntax, 401},
		{"an *Error decides", 401, fmt.Errorf("x: %w", httperr.Conflict("")), 409},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := httperr.StatusOf(fw.Under("", tt.code, tt.err)); got != tt.want {
				t.Errorf("status %d, want %d", got, tt.want)
			}
		})
	}
}
