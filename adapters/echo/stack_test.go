package httperrecho_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/httperr"
)

// structValidator is the echo.Validator of echo's documentation, in its two forms: returning the
// validator's error as it is, or wrapping it in a 400 HTTPError with the error as Internal.
type structValidator struct {
	v    *validator.Validate
	wrap string // "": the error as it is; "internal": a 400 HTTPError with it as Internal; "docs": echo's docs
}

func (sv structValidator) Validate(i any) error {
	err := sv.v.Struct(i)
	switch {
	case err != nil && sv.wrap == "internal":
		return echo.NewHTTPError(http.StatusBadRequest, err.Error()).SetInternal(err)
	case err != nil && sv.wrap == "docs": // as echo's documentation writes it
		return echo.NewHTTPError(http.StatusBadRequest, err.Error())
	}
	return err
}

type signup struct {
	Name  string `json:"name" validate:"required"`
	Email string `json:"email" validate:"required,email"`
}

const (
	d400    = "The server cannot or will not process the request due to something that is perceived to be a client error."
	d422    = "The server understands the content type of the request and the content is syntactically correct, but the server was unable to process the contained instructions."
	want422 = `{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"` + d422 +
		`","errors":[{"detail":"is required","pointer":"#/name","code":"required"},{"detail":"must be an email address","pointer":"#/email","code":"email"}]}` + "\n"
)

// TestIdiomaticHandlers drives handlers written as echo's documentation writes them: c.Bind, c.Validate
// with go-playground/validator as e.Validator, 103 Early Hints before the answer.
func TestIdiomaticHandlers(t *testing.T) {
	v := validator.New()
	v.RegisterTagNameFunc(httperrvalidator.FieldName)
	bindAndValidate := func(c echo.Context) error {
		var in signup
		if err := c.Bind(&in); err != nil {
			return err
		}
		if err := c.Validate(&in); err != nil {
			return err
		}
		return c.JSON(http.StatusCreated, in)
	}
	tests := []struct {
		name, method, path, body string
		wrap                     string
		status                   int
		want                     string
	}{
		{"c.Validate, error as it is", "POST", "/signup", `{"email":"x"}`, "", 422, want422},
		{"c.Validate, HTTPError with Internal", "POST", "/signup", `{"email":"x"}`, "internal", 422, want422},
		{"c.Validate, echo's documented 400 of the error's text", "POST", "/signup", `{"email":"x"}`, "docs", 400,
			`{"type":"about:blank","title":"Bad Request","status":400,"detail":"` + d400 + `"}` + "\n"},
		{"c.Bind, truncated body", "POST", "/signup", `{"name":`, "", 400,
			`{"type":"about:blank","title":"Bad Request","status":400,"detail":"request body is not valid JSON (unexpected end)"}` + "\n"},
		{"c.Bind, JSON syntax error", "POST", "/signup", `{"name":}`, "", 400,
			`{"type":"about:blank","title":"Bad Request","status":400,"detail":"request body is not valid JSON (at byte 9)"}` + "\n"},
		{"103 Early Hints, then NotFound", "GET", "/hints", "", "", 404,
			`{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := echo.New()
			rd, logs := renderer()
			httperrecho.Install(e, rd)
			e.Validator = structValidator{v: v, wrap: tt.wrap}
			e.POST("/signup", bindAndValidate)
			e.GET("/hints", func(c echo.Context) error {
				c.Response().Header().Set("Link", "</style.css>; rel=preload; as=style")
				c.Response().WriteHeader(http.StatusEarlyHints)
				return httperr.NotFound("user")
			})
			srv := httptest.NewServer(e)
			defer srv.Close()
			req, _ := http.NewRequest(tt.method, srv.URL+tt.path, strings.NewReader(tt.body))
			req.Header.Set("Content-Type", "application/json")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body := new(bytes.Buffer)
			body.ReadFrom(res.Body) //nolint:errcheck
			if res.StatusCode != tt.status || body.String() != tt.want ||
				res.Header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("got %d %s\n%s\nwant %d\n%s\nlog: %s", res.StatusCode, res.Header.Get("Content-Type"), body, tt.status, tt.want, logs)
			}
			if strings.Contains(body.String(), "Key: ") || strings.Contains(body.String(), "User.") {
				t.Errorf("the validator's text reached the body: %s", body)
			}
		})
	}
}

// TestAccessLogSeesPanics: with Install after the access logger, as its doc says, the logger records the
// 500 a panic becomes, for echo's Logger and RequestLogger alike.
func TestAccessLogSeesPanics(t *testing.T) {
	for _, name := range []string{"Logger", "RequestLogger"} {
		t.Run(name, func(t *testing.T) {
			var access bytes.Buffer
			e := echo.New()
			if name == "Logger" {
				//lint:ignore SA1019 the deprecated Logger is still what many services run: it must see our statuses
				e.Use(middleware.LoggerWithConfig(middleware.LoggerConfig{Format: "status=${status} uri=${uri}\n", Output: &access}))
			} else {
				e.Use(middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
					LogStatus: true, LogURI: true, HandleError: true, // as echo documents for the error's status
					LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
						fmt.Fprintf(&access, "status=%d uri=%s\n", v.Status, v.URI)
						return nil
					},
				}))
			}
			rd, _ := renderer()
			httperrecho.Install(e, rd)
			e.GET("/panic", func(echo.Context) error { panic("boom") })
			rec := httptest.NewRecorder()
			e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/panic", nil))
			if rec.Code != 500 || access.String() != "status=500 uri=/panic\n" {
				t.Errorf("got %d, access log %q", rec.Code, access.String())
			}
		})
	}
}
