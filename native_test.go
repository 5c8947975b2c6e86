package toolkit_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/gofiber/fiber/v3"
	"github.com/labstack/echo/v4"
	echov5 "github.com/labstack/echo/v5"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	httperrechov5 "github.com/httperr/toolkit/adapters/echov5"
	httperrfiber "github.com/httperr/toolkit/adapters/fiber"
	httperrgin "github.com/httperr/toolkit/adapters/gin"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestFrameworkNativeErrors checks that each framework's own error values render as the equivalent core
// error does through net/http.
func TestFrameworkNativeErrors(t *testing.T) {
	reference := func(err error, body string) answer {
		return serve(serveNetHTTP(testkit.Quiet(), options{}, route{Method: "POST", Pattern: "/x",
			Handler: func(http.ResponseWriter, *http.Request) error { return err }}), "POST", "/x", body, nil)
	}

	t.Run("echo.HTTPError with an app message", func(t *testing.T) {
		e := echo.New()
		httperrecho.Install(e, testkit.Quiet())
		e.POST("/x", func(echo.Context) error { return echo.NewHTTPError(http.StatusNotFound, "user not found") })
		got := serve(e, "POST", "/x", "", nil)
		want := reference(httperr.NotFound("user"), "")
		if got.status != want.status || got.body != want.body {
			t.Errorf("echo: %d %s, want %d %s", got.status, got.body, want.status, want.body)
		}
	})

	t.Run("echo v5 HTTPError with an app message", func(t *testing.T) {
		e := echov5.New()
		httperrechov5.Install(e, testkit.Quiet())
		e.POST("/x", func(*echov5.Context) error { return echov5.NewHTTPError(http.StatusNotFound, "user not found") })
		got := serve(e, "POST", "/x", "", nil)
		want := reference(httperr.NotFound("user"), "")
		if got.status != want.status || got.body != want.body {
			t.Errorf("echo v5: %d %s, want %d %s", got.status, got.body, want.status, want.body)
		}
	})

	// fiber's own errors and its binder's, each beside the core error, or the json.Decoder error, that
	// net/http renders.
	fiberCases := []struct {
		name    string
		handler fiber.Handler
		body    string
		want    error
	}{
		{"fiber.Error with an app message", func(fiber.Ctx) error { return fiber.NewError(fiber.StatusNotFound, "user not found") },
			"", httperr.NotFound("user")},
		{"fiber.Error 5xx: its message is not sent", func(fiber.Ctx) error { return fiber.NewError(fiber.StatusBadGateway, "billing: "+secret) },
			"", httperr.BadGateway("")},
		{"fiber.ErrUnprocessableEntity", func(fiber.Ctx) error { return fiber.ErrUnprocessableEntity },
			"", httperr.UnprocessableEntity("")},
		{"c.Bind().Body: a value of the wrong type", func(c fiber.Ctx) error {
			var in struct {
				Age int `json:"age"`
			}
			return c.Bind().Body(&in)
		}, `{"age":"old"}`, decodeError(`{"age":"old"}`)},
	}
	for _, fc := range fiberCases {
		t.Run(fc.name, func(t *testing.T) {
			app := fiber.New(fiber.Config{ErrorHandler: httperrfiber.ErrorHandler(testkit.Quiet())})
			app.Use(httperrfiber.Middleware(testkit.Quiet()))
			app.Post("/x", fc.handler)
			got := serve(fiberServer{app}, "POST", "/x", fc.body, nil)
			want := reference(fc.want, "")
			if got.status != want.status || got.body != want.body || strings.Contains(got.body, secret) {
				t.Errorf("fiber: %d %s, want %d %s", got.status, got.body, want.status, want.body)
			}
		})
	}

	t.Run("gin binding errors", func(t *testing.T) {
		type signup struct {
			Email string `json:"email" binding:"required,email"`
			Age   int    `json:"age" binding:"gte=0,lte=150"`
		}
		gin.SetMode(gin.ReleaseMode)
		g := gin.New()
		httperrgin.Install(g, testkit.Quiet())
		g.POST("/x", httperrgin.Handle(func(c *gin.Context) error {
			var in signup
			return c.ShouldBindJSON(&in)
		}))
		got := serve(g, "POST", "/x", `{"email":"nope","age":200}`, nil)
		if got.status != http.StatusUnprocessableEntity {
			t.Fatalf("gin: status %d, body %s", got.status, got.body)
		}
		var p struct {
			Errors []struct{ Pointer, Detail, Code string } `json:"errors"`
		}
		if err := json.Unmarshal([]byte(got.body), &p); err != nil || len(p.Errors) != 2 ||
			p.Errors[0].Pointer != "#/email" || p.Errors[1].Pointer != "#/age" {
			t.Errorf("gin: violations %+v (%v) in %s", p.Errors, err, got.body)
		}
		// The same violations through the core give the same bytes.
		vs := make([]httperr.Violation, len(p.Errors))
		for i, v := range p.Errors {
			vs[i] = httperr.Violation{Pointer: v.Pointer, Detail: v.Detail, Code: v.Code}
		}
		if want := reference(httperr.Validation(vs...), ""); got.body != want.body {
			t.Errorf("gin body\n%s\nnet/http body\n%s", got.body, want.body)
		}
	})

	t.Run("gin malformed JSON", func(t *testing.T) {
		g := gin.New()
		httperrgin.Install(g, testkit.Quiet())
		g.POST("/x", httperrgin.Handle(func(c *gin.Context) error {
			var in struct{ Name string }
			return c.ShouldBindJSON(&in)
		}))
		got := serve(g, "POST", "/x", `{"name":`, nil)
		if got.status != http.StatusBadRequest || !bytes.Contains([]byte(got.body), []byte(`"title":"Bad Request"`)) {
			t.Errorf("gin: %d %s", got.status, got.body)
		}
	})
}

// decodeError returns the error json.Decoder gives for body, as net/http handlers decode it.
func decodeError(body string) error {
	var in struct {
		Age int `json:"age"`
	}
	return json.NewDecoder(strings.NewReader(body)).Decode(&in)
}
