package httperrgin_test

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"

	httperrgin "github.com/httperr/toolkit/adapters/gin"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

func init() { gin.SetMode(gin.ReleaseMode) }

// problem returns the JSON problem body the zero Renderer writes, for the members that vary.
func problem(title string, status int, detail, rest string) string {
	return `{"type":"about:blank","title":"` + title + `","status":` + strconv.Itoa(status) +
		`,"detail":"` + detail + `"` + rest + "}\n"
}

type signup struct {
	Email string `json:"email" binding:"required,email"`
	Age   int    `json:"age" binding:"gte=0,lte=150"`
}

func bind[T any](c *gin.Context) error {
	var in T
	if err := c.ShouldBindJSON(&in); err != nil {
		return err
	}
	c.JSON(http.StatusCreated, in)
	return nil
}

func routes(e *gin.Engine) {
	e.GET("/users/:id", httperrgin.Handle(func(c *gin.Context) error {
		if c.Param("id") == "1" {
			c.JSON(http.StatusOK, gin.H{"id": 1})
			return nil
		}
		return httperr.NotFound("user")
	}))
	e.POST("/users", httperrgin.Handle(bind[signup]))
	e.POST("/orders", httperrgin.Handle(bind[testkit.Order]))
	e.GET("/plain", func(c *gin.Context) {
		c.Error(httperr.Conflict("email is already registered").With("email", "ada@example.com")) //nolint:errcheck
	})
	v := validator.New() // no tag name function
	v.SetTagName("binding")
	e.GET("/wrapped", httperrgin.Handle(func(c *gin.Context) error {
		return fmt.Errorf("signup: %w", v.Struct(signup{Email: "Ada"}))
	}))
	e.GET("/written", httperrgin.Handle(func(c *gin.Context) error {
		c.String(http.StatusOK, "partial")
		return httperr.InternalServerError("too late")
	}))
	e.GET("/panic", func(c *gin.Context) { panic("boom") })
}

func TestAdapter(t *testing.T) {
	const (
		json    = "application/problem+json"
		nosniff = "nosniff"
	)
	bindRest := `,"errors":[{"detail":"must be an email address","pointer":"#/email","code":"email"},` +
		`{"detail":"must be at most 150","pointer":"#/age","code":"lte"}]`
	orderRest := `,"errors":[` + testkit.OrderViolations + `]`
	d422, d404, d405 := httperr.English().Description(422), httperr.English().Description(404), httperr.English().Description(405)
	t422 := httperr.English().Title(422)
	tests := []struct {
		name, method, path, body string
		status                   int
		ctype, allow             string
		want                     string
	}{
		{"Handle NotFound", "GET", "/users/42", "", 404, json, "",
			problem("Not Found", 404, "user not found", "")},
		{"success untouched", "GET", "/users/1", "", 200, "application/json; charset=utf-8", "",
			`{"id":1}`},
		{"c.Error from a gin handler", "GET", "/plain", "", 409, json, "",
			problem("Conflict", 409, "email is already registered", `,"email":"ada@example.com"`)},
		{"NoRoute", "GET", "/nope", "", 404, json, "",
			problem("Not Found", 404, d404, "")},
		{"NoMethod", "DELETE", "/users/1", "", 405, json, "GET",
			problem("Method Not Allowed", 405, d405, "")},
		{"NoMethod, two methods", "PUT", "/users", "", 405, json, "POST",
			problem("Method Not Allowed", 405, d405, "")},
		{"ShouldBindJSON validation", "POST", "/users", `{"email":"nope","age":200}`, 422, json, "",
			problem(t422, 422, d422, bindRest)},
		{"ShouldBindJSON required", "POST", "/users", `{"age":-1}`, 422, json, "",
			problem(t422, 422, d422, `,"errors":[{"detail":"is required","pointer":"#/email","code":"required"},`+
				`{"detail":"must be at least 0","pointer":"#/age","code":"gte"}]`)},
		{"nested, slices, tags", "POST", "/orders",
			`{"items":[{"name":"a"},{}],"tags":["ab","cd","ef","gh"],"code":"ab","color":"pink","ref":"x"}`,
			422, json, "", problem(t422, 422, d422, orderRest)},
		{"validator without tag names, wrapped", "GET", "/wrapped", "", 422, json, "",
			problem(t422, 422, d422, `,"errors":[{"detail":"must be an email address","pointer":"#/email","code":"email"}]`)},
		{"malformed JSON", "POST", "/users", `{"email":`, 400, json, "",
			problem("Bad Request", 400, "request body is not valid JSON (unexpected end)", "")},
		{"syntax error", "POST", "/users", `{"email" 1}`, 400, json, "",
			problem("Bad Request", 400, "request body is not valid JSON (at byte 10)", "")},
		{"empty body", "POST", "/users", "", 400, json, "",
			problem("Bad Request", 400, "request body is empty", "")},
		{"wrong type", "POST", "/users", `{"age":"old"}`, 400, json, "",
			problem("Bad Request", 400, "request body has a value of the wrong type",
				`,"errors":[{"detail":"must be an integer","pointer":"#/age"}]`)},
		{"panic", "GET", "/panic", "", 500, json, "",
			problem("Internal Server Error", 500, httperr.English().Description(500), "")},
		{"written then error", "GET", "/written", "", 200, "text/plain; charset=utf-8", "", "partial"},
	}
	for _, rd := range []*httperr.Renderer{nil, testkit.Quiet()} {
		e := gin.New()
		httperrgin.Install(e, rd)
		routes(e)
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/nil=%t", tt.name, rd == nil), func(t *testing.T) {
				rec := serve(e, tt.method, tt.path, tt.body)
				if rec.Code != tt.status {
					t.Errorf("status = %d, want %d", rec.Code, tt.status)
				}
				if got := rec.Body.String(); got != tt.want {
					t.Errorf("body =\n%s\nwant\n%s", got, tt.want)
				}
				h := rec.Header()
				if got := h.Get("Content-Type"); got != tt.ctype {
					t.Errorf("Content-Type = %q, want %q", got, tt.ctype)
				}
				if got := h.Get("Allow"); got != tt.allow {
					t.Errorf("Allow = %q, want %q", got, tt.allow)
				}
				if tt.ctype != json {
					return
				}
				if got, want := h.Get("Content-Length"), strconv.Itoa(len(tt.want)); got != want {
					t.Errorf("Content-Length = %q, want %q", got, want)
				}
				if got := h.Get("X-Content-Type-Options"); got != nosniff {
					t.Errorf("X-Content-Type-Options = %q, want %q", got, nosniff)
				}
			})
		}
	}
}

// serve plays one request on h and returns what h answered.
var serve = testkit.Serve

func TestPanicThenNextRequest(t *testing.T) {
	e := gin.New()
	httperrgin.Install(e, testkit.Quiet())
	routes(e)
	for i := range 3 {
		if rec := serve(e, "GET", "/panic", ""); rec.Code != 500 {
			t.Fatalf("request %d: panic status = %d, want 500", i, rec.Code)
		}
		if rec := serve(e, "GET", "/users/1", ""); rec.Code != 200 || rec.Body.String() != `{"id":1}` {
			t.Fatalf("request %d after a panic: %d %q", i, rec.Code, rec.Body)
		}
	}
}

func TestPanicAbort(t *testing.T) {
	var log bytes.Buffer
	e := gin.New()
	httperrgin.Install(e, testkit.LogText(&log))
	e.GET("/abort", func(*gin.Context) { panic(http.ErrAbortHandler) })
	e.GET("/late", func(c *gin.Context) {
		c.String(http.StatusOK, "partial")
		panic("late")
	})
	t.Run("ErrAbortHandler is re-panicked", func(t *testing.T) {
		rec, p := testkit.ServePanicking(e, "/abort")
		if p != http.ErrAbortHandler {
			t.Fatalf("panic = %v, want http.ErrAbortHandler", p)
		}
		if rec.Body.Len() != 0 {
			t.Errorf("body = %q, want none", rec.Body)
		}
	})
	t.Run("panic after the response started", func(t *testing.T) {
		rec, p := testkit.ServePanicking(e, "/late")
		if p != http.ErrAbortHandler {
			t.Fatalf("panic = %v, want http.ErrAbortHandler", p)
		}
		if rec.Code != 200 || rec.Body.String() != "partial" {
			t.Errorf("response = %d %q, want 200 \"partial\"", rec.Code, rec.Body)
		}
		if !strings.Contains(log.String(), "nothing written") || !strings.Contains(log.String(), "panic: late") {
			t.Errorf("log does not record the dropped panic:\n%s", log.String())
		}
	})
}

func TestWrittenThenErrorIsLogged(t *testing.T) {
	var log bytes.Buffer
	e := gin.New()
	httperrgin.Install(e, testkit.LogText(&log))
	routes(e)
	serve(e, "GET", "/written", "")
	if !strings.Contains(log.String(), "nothing written") || !strings.Contains(log.String(), "too late") {
		t.Errorf("log does not record the dropped error:\n%s", log.String())
	}
}

// TestHead checks that a HEAD problem has the problem's headers and no body, and that gin's plain-text
// default is not written in its place.
func TestHead(t *testing.T) {
	e := gin.New()
	httperrgin.Install(e, testkit.Quiet())
	routes(e)
	e.HEAD("/users/:id", httperrgin.Handle(func(*gin.Context) error { return httperr.NotFound("user") }))
	for _, path := range []string{"/nope", "/users/42"} {
		rec := serve(e, "HEAD", path, "")
		if rec.Code != 404 || rec.Body.Len() != 0 || rec.Header().Get("Content-Type") != "application/problem+json" {
			t.Errorf("HEAD %s = %d %q %q", path, rec.Code, rec.Header().Get("Content-Type"), rec.Body)
		}
	}
}

// TestWithoutInstall checks Handle without any Middleware, and the Middleware alone, without the NoRoute and
// NoMethod handlers of Install.
func TestWithoutInstall(t *testing.T) {
	notFound := problem("Not Found", 404, "user not found", "")
	t.Run("Handle alone", func(t *testing.T) {
		e := gin.New()
		e.GET("/users/:id", httperrgin.Handle(func(*gin.Context) error { return httperr.NotFound("user") }))
		rec := serve(e, "GET", "/users/42", "")
		if rec.Code != 404 || rec.Body.String() != notFound {
			t.Errorf("got %d %q, want 404 %q", rec.Code, rec.Body, notFound)
		}
	})
	t.Run("Middleware alone", func(t *testing.T) {
		e := gin.New()
		e.HandleMethodNotAllowed = true
		e.Use(httperrgin.Middleware(nil))
		e.GET("/users/:id", httperrgin.Handle(func(*gin.Context) error { return httperr.NotFound("user") }))
		for _, tt := range []struct{ method, path, want string }{
			{"GET", "/users/42", notFound},
			{"GET", "/nope", problem("Not Found", 404, httperr.English().Description(404), "")},
			{"POST", "/users/1", problem("Method Not Allowed", 405, httperr.English().Description(405), "")},
		} {
			rec := serve(e, tt.method, tt.path, "")
			if rec.Body.String() != tt.want {
				t.Errorf("%s %s = %d %q, want %q", tt.method, tt.path, rec.Code, rec.Body, tt.want)
			}
		}
	})
}

// TestBindErrorIsTheCause checks that the rendered problem wraps the validator's errors, for Map and logs.
func TestBindErrorIsTheCause(t *testing.T) {
	var seen error
	rd := testkit.Quiet()
	rd.Map = func(err error) *httperr.Error {
		seen = err
		return nil
	}
	e := gin.New()
	httperrgin.Install(e, rd)
	routes(e)
	serve(e, "POST", "/users", `{"email":"x"}`)
	var ve validator.ValidationErrors
	if !errors.As(seen, &ve) || len(ve) != 1 {
		t.Errorf("Map saw %v, want an error wrapping one validator.ValidationErrors", seen)
	}
	if got := httperr.From(seen).Violations(); len(got) != 1 || got[0].Pointer != "#/email" {
		t.Errorf("violations = %v", got)
	}
}

// wrappingWriter stands for a middleware's writer that embeds gin.ResponseWriter, as gin-contrib/gzip's does.
type wrappingWriter struct {
	gin.ResponseWriter
}

// TestHandleFindsMiddlewareThroughWrappers checks that Handle leaves its error to the Middleware's Renderer
// when a middleware inside replaced c.Writer with a wrapper.
func TestHandleFindsMiddlewareThroughWrappers(t *testing.T) {
	e := gin.New()
	rd := testkit.Quiet()
	rd.TypeBase = "https://example.com/problems/"
	httperrgin.Install(e, rd)
	e.Use(func(c *gin.Context) {
		c.Writer = &wrappingWriter{c.Writer}
		c.Next()
	})
	e.GET("/users/:id", httperrgin.Handle(func(*gin.Context) error { return httperr.NotFound("user") }))
	rec := serve(e, "GET", "/users/42", "")
	if want := `{"type":"https://example.com/problems/not-found",`; rec.Code != 404 || !strings.HasPrefix(rec.Body.String(), want) {
		t.Errorf("got %d %q, want the Middleware's Renderer: %s...", rec.Code, rec.Body, want)
	}
}

// TestWrapperLeftInPlace checks that a middleware inside the adapter's, which wraps c.Writer and leaves its
// wrapper there (as gin-contrib's gzip does), keeps working for what runs outside once the adapter's
// middleware has returned: the adapter's writer is not recycled under it.
func TestWrapperLeftInPlace(t *testing.T) {
	e := gin.New()
	var status, size int
	e.Use(func(c *gin.Context) { // outermost, as a request logger would be
		c.Next()
		status, size = c.Writer.Status(), c.Writer.Size()
	})
	httperrgin.Install(e, testkit.Quiet())
	e.Use(func(c *gin.Context) {
		c.Writer = &wrappingWriter{c.Writer} // not restored
		c.Next()
	})
	e.GET("/users/:id", httperrgin.Handle(func(*gin.Context) error { return httperr.NotFound("user") }))
	for range 3 {
		rec := serve(e, "GET", "/users/42", "")
		want := problem("Not Found", 404, "user not found", "")
		if rec.Code != 404 || rec.Body.String() != want {
			t.Fatalf("got %d %q, want %q", rec.Code, rec.Body, want)
		}
		if status != 404 || size != len(want) {
			t.Errorf("the outer middleware read status %d and size %d, want 404 and %d", status, size, len(want))
		}
	}
}
