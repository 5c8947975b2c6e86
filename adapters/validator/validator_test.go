package httperrvalidator_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-playground/validator/v10"

	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// badOrder breaks a rule of each field of testkit.Order.
var badOrder = testkit.Order{
	Items:  []testkit.Item{{Name: "a"}, {}},
	Tags:   []string{"ab", "cd", "ef", "gh"},
	Code:   "ab",
	Color:  "pink",
	Ref:    "x",
	Labels: map[string]string{"k": ""},
}

// orderErrors is the errors member of badOrder's 422: testkit's violations, then its empty label's.
const orderErrors = `[` + testkit.OrderViolations + `,{"detail":"is required","pointer":"#/labels/k","code":"required"}]`

func render(t *testing.T, rd *httperr.Renderer, err error) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	rd.Render(rec, httptest.NewRequest(http.MethodPost, "/orders", nil), err)
	return rec.Code, rec.Body.String()
}

func TestMap(t *testing.T) {
	named := validator.New()
	named.RegisterTagNameFunc(httperrvalidator.FieldName)
	plain := validator.New()
	const head = `{"type":"about:blank","title":"Unprocessable Content","status":422,` +
		`"detail":"The server understands the content type of the request and the content is syntactically correct, but the server was unable to process the contained instructions.",`
	tests := []struct {
		name   string
		err    error
		status int
		body   string
	}{
		{"json names", named.Struct(badOrder), 422, head + `"errors":` + orderErrors + "}\n"},
		{"wrapped", fmt.Errorf("create order: %w", named.Struct(badOrder)), 422, head + `"errors":` + orderErrors + "}\n"},
		{"go names lower-cased", plain.Struct(struct {
			UserName string `validate:"required"`
			Age      int    `validate:"gte=18"`
		}{Age: 3}), 422, head + `"errors":[{"detail":"is required","pointer":"#/userName","code":"required"},` +
			`{"detail":"must be at least 18","pointer":"#/age","code":"gte"}]}` + "\n"},
		{"single variable", named.Var("x", "email"), 422, head + `"errors":[{"detail":"must be an email address","pointer":"#","code":"email"}]}` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := render(t, &httperr.Renderer{Map: httperrvalidator.Map}, tt.err)
			if status != tt.status || body != tt.body {
				t.Errorf("got %d\n%s\nwant %d\n%s", status, body, tt.status, tt.body)
			}
			// Without the Map, the validator's error is a plain 500 whose text (Go struct names) is not shown.
			if status, body := render(t, testkit.Quiet(), tt.err); status != 500 || body != `{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"The server encountered an unexpected condition that prevented it from fulfilling the request."}`+"\n" {
				t.Errorf("without Map: %d %s", status, body)
			}
		})
	}
}

func TestMapOtherErrors(t *testing.T) {
	for _, err := range []error{nil, errors.New("boom"), httperr.NotFound("user"), &validator.InvalidValidationError{}, validator.ValidationErrors{}} {
		if e := httperrvalidator.Map(err); e != nil {
			t.Errorf("Map(%v) = %v, want nil", err, e)
		}
	}
}

func TestMapKeepsChain(t *testing.T) {
	v := validator.New()
	err := fmt.Errorf("signup: %w", v.Var("", "required"))
	e := httperrvalidator.Map(err)
	var ve validator.ValidationErrors
	if !errors.As(e, &ve) || len(ve) != 1 || e.Status() != 422 {
		t.Fatalf("Map(%v) = %v: the validator's errors must stay reachable", err, e)
	}
}

// loop is an error that wraps itself: errors.As would never return.
type loop struct{}

func (l *loop) Error() string { return "loop" }
func (l *loop) Unwrap() error { return l }

func TestMapCycle(t *testing.T) {
	if e := httperrvalidator.Map(&loop{}); e != nil {
		t.Errorf("Map(cycle) = %v, want nil", e)
	}
}
