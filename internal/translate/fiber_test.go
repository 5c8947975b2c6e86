package translate

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/schema"
	"github.com/valyala/fasthttp"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/errchain"
)

// fiberRule is fiber's description, for adapters/fiber's problem to become fiberRule.Problem(c, err). Its
// Binder stands for the adapter's bindingProblem (gofiber/schema's MultiError, a violation per key).
var fiberRule = Framework[fiber.Ctx]{
	Error: func(c fiber.Ctx, err error) (int, string, error, bool) {
		fe, ok := errchain.As[*fiber.Error](err)
		if !ok || fe == nil {
			return 0, "", nil, false
		}
		if fe == fiber.ErrRequestEntityTooLarge { // over Config.BodyLimit: the core's 413 naming the limit
			return fe.Code, "", &http.MaxBytesError{Limit: int64(c.App().Config().BodyLimit)}, true
		}
		return fe.Code, fe.Message, nil, true
	},
	Binder: func(_ fiber.Ctx, err error) *httperr.Error {
		me, ok := errchain.As[schema.MultiError](err)
		if !ok || len(me) == 0 {
			return nil
		}
		vs := make([]httperr.Violation, 0, len(me))
		for key := range me {
			vs = append(vs, httperr.ParameterViolation(key, "is required"))
		}
		return httperr.New(http.StatusUnprocessableEntity, "").WithErrors(vs...).Wrap(err)
	},
}

// TestFiber checks the rule with fiber's description against what adapters/fiber's problem gives today.
func TestFiber(t *testing.T) {
	app := fiber.New(fiber.Config{BodyLimit: 1024})
	c := app.AcquireCtx(&fasthttp.RequestCtx{})
	defer app.ReleaseCtx(c)
	var ve validator.ValidationErrors
	if err := validator.New().Var("", "required"); !errors.As(err, &ve) {
		t.Fatal(err)
	}
	missing := schema.MultiError{"limit": schema.EmptyFieldError{Key: "limit"}}
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"fiber's own 404", fiber.ErrNotFound, `404 "" 0`},
		{"the application's message", fiber.NewError(404, "user not found"), `404 "user not found" 0`},
		{"a 5xx message is never a detail", fiber.NewError(500, "pq: password"), `500 "" 0`},
		{"over the body limit", fmt.Errorf("read: %w", fiber.ErrRequestEntityTooLarge), `413 "request body exceeds the limit of 1024 bytes" 0`},
		{"validator errors", fmt.Errorf("bind: %w", ve), `422 "" 1`},
		{"validator errors under fiber's 400", errors.Join(fiber.ErrBadRequest, ve), `422 "" 1`},
		{"under fiber's 503 they do not decide", errors.Join(fiber.ErrServiceUnavailable, ve), `503 "" 0`},
		{"the binder's errors", missing, `422 "" 1`},
		{"an *Error anywhere wins", errors.Join(fiber.ErrServiceUnavailable, httperr.Conflict("taken")), `409 "taken" 0`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := httperr.From(fiberRule.Problem(c, tt.err))
			if got := fmt.Sprint(e.Status(), " ", fmt.Sprintf("%q", e.Detail()), " ", len(e.Violations())); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}
