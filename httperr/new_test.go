package httperr_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

func TestNewf(t *testing.T) {
	t.Run("4xx with %w", func(t *testing.T) {
		cause := errors.New(`strconv.Atoi: parsing "abc": invalid syntax`)
		e := httperr.Newf(400, "invalid id %q: %w", "abc", cause)
		const detail = `invalid id "abc": strconv.Atoi: parsing "abc": invalid syntax`
		if e.Status() != 400 || e.Detail() != detail {
			t.Errorf("Newf = %d %q, want 400 %q", e.Status(), e.Detail(), detail)
		}
		if !errors.Is(e, cause) || e.Unwrap() != cause {
			t.Errorf("Unwrap() = %v, want the %%w operand", e.Unwrap())
		}
		m := problemMembers(t, respondQuiet(e).Body)
		if got, want := string(m["detail"]), `"invalid id \"abc\": strconv.Atoi: parsing \"abc\": invalid syntax"`; got != want {
			t.Errorf("detail member = %s, want %s", got, want)
		}
	})
	t.Run("4xx without %w", func(t *testing.T) {
		e := httperr.Newf(409, "user %d exists", 7)
		if e.Detail() != "user 7 exists" || e.Unwrap() != nil {
			t.Errorf("Newf = %q, %v", e.Detail(), e.Unwrap())
		}
	})
	t.Run("5xx with %w", func(t *testing.T) {
		errSecret := errors.New("dial tcp 10.0.0.5:5432: password authentication failed for user admin")
		e := httperr.Newf(503, "users db %s: %w", "primary", errSecret)
		if e.Detail() != "" {
			t.Errorf("Detail() = %q, want empty: the cause must not reach the client", e.Detail())
		}
		if !errors.Is(e, errSecret) {
			t.Error("errors.Is does not find the cause")
		}
		if !strings.Contains(e.Error(), "users db primary: dial tcp 10.0.0.5") {
			t.Errorf("Error() = %q, want the formatted text for logs", e.Error())
		}
		for _, accept := range []string{"", "application/problem+xml"} {
			res := testkit.Quiet().Prepare(context.Background(), e, httperr.Request{Method: http.MethodGet, Accept: accept})
			for _, leak := range []string{"10.0.0.5", "password", "users db", "primary"} {
				if bytes.Contains(res.Body, []byte(leak)) {
					t.Errorf("Accept %q: body contains %q:\n%s", accept, leak, res.Body)
				}
			}
			if !bytes.Contains(res.Body, []byte(httperr.English().Description(503))) {
				t.Errorf("Accept %q: body lacks the catalog's detail:\n%s", accept, res.Body)
			}
		}
	})
	t.Run("several %w", func(t *testing.T) {
		a, b := errors.New("a"), errors.New("b")
		e := httperr.Newf(422, "%w and %w", a, b)
		if e.Detail() != "a and b" || !errors.Is(e, a) || !errors.Is(e, b) {
			t.Errorf("Newf = %q, Is(a) %v, Is(b) %v", e.Detail(), errors.Is(e, a), errors.Is(e, b))
		}
	})
	t.Run("wrapped *Error keeps the outer status", func(t *testing.T) {
		inner := httperr.NotFound("user")
		e := httperr.Newf(502, "lookup: %w", inner)
		if httperr.StatusOf(e) != 502 {
			t.Errorf("StatusOf = %d, want 502", httperr.StatusOf(e))
		}
		var got *httperr.Error
		if !errors.As(e.Unwrap(), &got) || got != inner {
			t.Errorf("the inner *Error is not in the chain")
		}
	})
}

func TestNewStatus(t *testing.T) {
	tests := []struct {
		status, want int
		logged       string // the refusal the renderer logs, "" for none
	}{
		{0, 500, "status 0 is not an error status"},
		{200, 500, "status 200 is not an error status"},
		{302, 500, "status 302 is not an error status"},
		{600, 500, "status 600 is not an error status"},
		{-1, 500, "is not an error status"},
		{399, 500, "status 399 is not an error status"},
		{400, 400, ""},
		{460, 460, ""},
		{499, 499, ""},
		{500, 500, ""},
		{599, 599, ""},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.status), func(t *testing.T) {
			for name, e := range map[string]*httperr.Error{
				"New":  httperr.New(tt.status, "d"),
				"Newf": httperr.Newf(tt.status, "%s", "d"),
			} {
				if e.Status() != tt.want {
					t.Errorf("%s: Status() = %d, want %d", name, e.Status(), tt.want)
				}
				if got := httperr.StatusOf(e); got != tt.want {
					t.Errorf("%s: StatusOf = %d, want %d", name, got, tt.want)
				}
				rd, logs := loggingRenderer()
				res := rd.Prepare(context.Background(), e, httperr.Request{Method: http.MethodGet})
				if res.Status != tt.want {
					t.Errorf("%s: rendered %d, want %d", name, res.Status, tt.want)
				}
				m := problemMembers(t, res.Body)
				if string(m["status"]) != strconv.Itoa(tt.want) {
					t.Errorf("%s: status member %s, want %d", name, m["status"], tt.want)
				}
				if tt.logged != "" && !strings.Contains(logs.String(), tt.logged) {
					t.Errorf("%s: log lacks %q:\n%s", name, tt.logged, logs)
				}
				if tt.logged == "" && strings.Contains(logs.String(), "not an error status") {
					t.Errorf("%s: log complains about a valid status:\n%s", name, logs)
				}
			}
		})
	}
}
