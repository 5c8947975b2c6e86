package httperrhuma_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humachi"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	"github.com/danielgtaylor/huma/v2/humatest"
	"github.com/go-chi/chi/v5"

	httperrhuma "github.com/httperr/toolkit/adapters/huma"
	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/recovery"
	"github.com/httperr/toolkit/internal/testkit"
)

const secret = "password=hunter2"

var quiet = testkit.Quiet()

// answer is a response as the client sees it.
type answer struct {
	status int
	header http.Header
	body   string
}

// rendered is what httperr's Render sends on net/http for err, to a request with the given method and
// header fields ("Name: value").
func rendered(rd *httperr.Renderer, method string, err error, fields ...string) answer {
	r := httptest.NewRequest(method, "/", nil)
	for _, f := range fields {
		k, v, _ := strings.Cut(f, ": ")
		r.Header.Add(k, v)
	}
	w := httptest.NewRecorder()
	rd.Render(w, r, err)
	return answer{w.Code, w.Header(), w.Body.String()}
}

func recorded(w *httptest.ResponseRecorder) answer {
	return answer{w.Code, w.Result().Header, w.Body.String()}
}

func same(t *testing.T, got, want answer) {
	t.Helper()
	if got.status != want.status || !maps.EqualFunc(got.header, want.header, slices.Equal) || got.body != want.body {
		t.Errorf("got\n%d %v\n%s\nwant (httperr.Render on net/http)\n%d %v\n%s",
			got.status, got.header, got.body, want.status, want.header, want.body)
	}
}

type userInput struct {
	ID string `path:"id"`
}

type userOutput struct {
	Body struct {
		Name string `json:"name"`
	}
}

type createInput struct {
	Limit int `query:"limit" minimum:"1"`
	Body  struct {
		Name string   `json:"name" minLength:"2"`
		Age  int      `json:"age" minimum:"0"`
		Tags []string `json:"tags,omitempty" maxItems:"1"`
	}
}

// operations registers on api one operation per error a handler returns, and one that panics.
func operations(api huma.API, errs map[string]error) {
	for path, err := range errs {
		huma.Get(api, path, func(context.Context, *struct{}) (*userOutput, error) { return nil, err })
	}
	huma.Get(api, "/users/{id}", func(_ context.Context, in *userInput) (*userOutput, error) {
		return nil, fmt.Errorf("load %s: %w", in.ID, httperr.NotFound("user"))
	})
	huma.Post(api, "/users", func(context.Context, *createInput) (*userOutput, error) { return &userOutput{}, nil })
	huma.Get(api, "/panic", func(context.Context, *struct{}) (*userOutput, error) { panic("boom: " + secret) })
}

var handlerErrors = map[string]error{
	"/conflict": httperr.Conflict("version mismatch").With("current", 3).With("yours", 2),
	"/busy":     httperr.ServiceUnavailable(30 * time.Second),
	"/secret":   errors.New("db: " + secret),
	"/deadline": fmt.Errorf("query: %w", context.DeadlineExceeded),
	"/headers":  huma.ErrorWithHeaders(httperr.NotFound("user"), http.Header{"X-Request-Id": {"r1"}}),
}

// TestOperationErrors checks, through humatest, that an operation's error gets exactly the problem
// httperr.Render sends for it on net/http, in JSON, XML and French, HEAD included.
func TestOperationErrors(t *testing.T) {
	_, api := humatest.New(t, huma.DefaultConfig("Test", "1.0.0"))
	httperrhuma.Install(api, quiet)
	operations(api, handlerErrors)

	variants := [][]string{nil, {"Accept: application/problem+xml"}, {"Accept-Language: fr"},
		{"Accept: application/xml, application/json;q=0.5", "Accept-Language: fr-CH, en;q=0.5"}}
	paths := append(slices.Sorted(maps.Keys(handlerErrors)), "/users/42")
	for _, path := range paths {
		for _, fields := range variants {
			t.Run(path+" "+strings.Join(fields, " "), func(t *testing.T) {
				err := handlerErrors[path]
				if path == "/users/42" {
					err = fmt.Errorf("load 42: %w", httperr.NotFound("user"))
				}
				want := rendered(quiet, "GET", err, fields...)
				if path == "/headers" {
					want.header["X-Request-Id"] = []string{"r1"}
				}
				same(t, recorded(api.Get(path, anys(fields)...)), want)
			})
		}
	}
	if strings.Contains(api.Get("/secret").Body.String(), secret) {
		t.Error("a 5xx body holds its cause")
	}
}

func anys(fields []string) []any {
	a := make([]any, len(fields))
	for i, f := range fields {
		a[i] = f
	}
	return a
}

// TestValidation checks that huma's own 422 becomes httperr's validation problem, one violation per error
// huma lists, located as httperr.Violation locates them; and that huma's 400 for a missing body keeps its
// message as the detail.
func TestValidation(t *testing.T) {
	_, api := humatest.New(t, huma.DefaultConfig("Test", "1.0.0"))
	httperrhuma.Install(api, quiet)
	operations(api, nil)

	got := recorded(api.Post("/users?limit=0", "Accept-Language: fr", strings.NewReader(`{"name":"a","age":-1,"tags":["x","y"]}`)))
	want := rendered(quiet, "POST", httperr.Validation(
		httperr.Violation{Parameter: "limit", Detail: "expected number >= 1"},
		httperr.Violation{Pointer: "#/age", Detail: "expected number >= 0"},
		httperr.Violation{Pointer: "#/name", Detail: "expected length >= 2"},
		httperr.Violation{Pointer: "#/tags", Detail: "expected array length <= 1"},
	), "Accept-Language: fr")
	same(t, got, want)

	got = recorded(api.Post("/users", strings.NewReader(`{"age":1}`)))
	want = rendered(quiet, "POST", httperr.Validation(
		httperr.Violation{Pointer: "#", Detail: "expected required property name to be present"}))
	same(t, got, want)

	got = recorded(api.Post("/users"))
	same(t, got, rendered(quiet, "POST", httperr.BadRequest("request body is required")))
}

// TestPanic checks that a panicking operation gets the 500 problem the net/http adapter sends for a panic,
// its value in no byte of the body, and that http.ErrAbortHandler is re-panicked.
func TestPanic(t *testing.T) {
	_, api := humatest.New(t, huma.DefaultConfig("Test", "1.0.0"))
	httperrhuma.Install(api, quiet)
	operations(api, nil)
	huma.Get(api, "/abort", func(context.Context, *struct{}) (*userOutput, error) { panic(http.ErrAbortHandler) })

	same(t, recorded(api.Get("/panic")), rendered(quiet, "GET", recovery.Problem("boom")))
	defer func() {
		if p := recover(); p != http.ErrAbortHandler {
			t.Errorf("panic(http.ErrAbortHandler) became %v", p)
		}
	}()
	api.Get("/abort")
}

// TestAPIsApart checks that Install changes only the APIs it is called on: two APIs with their own
// Renderers, and one without httperr that keeps huma's own answer.
func TestAPIsApart(t *testing.T) {
	first := &httperr.Renderer{Logger: quiet.Logger, TypeBase: "https://first.example/problems/"}
	second := &httperr.Renderer{Logger: quiet.Logger, TypeBase: "https://second.example/problems/"}
	nf := map[string]error{"/nf": httperr.NotFound("user")}
	var apis []humatest.TestAPI
	for _, rd := range []*httperr.Renderer{first, second, nil} {
		_, api := humatest.New(t, huma.DefaultConfig("Test", "1.0.0"))
		if rd != nil {
			httperrhuma.Install(api, rd)
		}
		operations(api, nf)
		apis = append(apis, api)
	}
	same(t, recorded(apis[0].Get("/nf")), rendered(first, "GET", nf["/nf"]))
	same(t, recorded(apis[1].Get("/nf")), rendered(second, "GET", nf["/nf"]))
	got := recorded(apis[2].Get("/nf"))
	if want := `{"$schema":"http://localhost/schemas/ErrorModel.json","title":"Internal Server Error","status":500,` +
		`"detail":"unexpected error occurred","errors":[{"message":"404 Not Found: user not found"}]}` + "\n"; got.status != 500 || got.body != want {
		t.Errorf("without Install huma answered %d %s, want its own 500 %s", got.status, got.body, want)
	}
}

// TestVaryKept checks that a Vary field set by middleware before the error (a CORS middleware's Origin)
// stays, with the field names the problem varies on added, as Render keeps it.
func TestVaryKept(t *testing.T) {
	_, api := humatest.New(t, huma.DefaultConfig("Test", "1.0.0"))
	httperrhuma.Install(api, quiet)
	api.UseMiddleware(func(ctx huma.Context, next func(huma.Context)) {
		ctx.AppendHeader("Vary", "Origin")
		next(huma.WithValue(ctx, "k", "v"))
	})
	operations(api, nil)

	r := httptest.NewRequest("GET", "/", nil)
	w := httptest.NewRecorder()
	w.Header().Set("Vary", "Origin")
	quiet.Render(w, r, fmt.Errorf("load 42: %w", httperr.NotFound("user")))
	same(t, recorded(api.Get("/users/42")), answer{w.Code, w.Header(), w.Body.String()})
}

// TestLoopback serves humago and humachi APIs on 127.0.0.1, each router wrapped in httperrhttp.Middleware
// as the package doc says, and checks an operation's error, the router's 404 and 405, and a panic.
func TestLoopback(t *testing.T) {
	routers := []struct {
		name  string
		build func() (http.Handler, huma.API)
		allow []string // what the router puts in Allow
	}{
		{"humago", func() (http.Handler, huma.API) {
			mux := http.NewServeMux()
			return mux, humago.New(mux, huma.DefaultConfig("Test", "1.0.0"))
		}, []string{"GET", "HEAD"}},
		{"humachi", func() (http.Handler, huma.API) {
			r := chi.NewMux()
			return r, humachi.New(r, huma.DefaultConfig("Test", "1.0.0"))
		}, []string{"GET"}},
	}
	for _, rt := range routers {
		t.Run(rt.name, func(t *testing.T) {
			router, api := rt.build()
			httperrhuma.Install(api, quiet)
			operations(api, nil)
			srv := httptest.NewUnstartedServer(httperrhttp.Middleware(quiet)(router))
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			srv.Listener = ln
			srv.Start()
			defer srv.Close()

			for _, tc := range []struct {
				method, path string
				fields       []string
				want         answer
			}{
				{"GET", "/users/42", nil, rendered(quiet, "GET", httperr.NotFound("user"))},
				{"GET", "/users/42", []string{"Accept: application/problem+xml", "Accept-Language: fr"},
					rendered(quiet, "GET", httperr.NotFound("user"), "Accept: application/problem+xml", "Accept-Language: fr")},
				{"GET", "/panic", nil, rendered(quiet, "GET", recovery.Problem("boom"))},
				{"GET", "/nowhere", nil, rendered(quiet, "GET", httperr.NotFound(""))},
				{"DELETE", "/users/42", nil, rendered(quiet, "DELETE", httperr.MethodNotAllowed(rt.allow...))},
			} {
				req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
				for _, f := range tc.fields {
					k, v, _ := strings.Cut(f, ": ")
					req.Header.Set(k, v)
				}
				res, err := srv.Client().Do(req)
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				res.Header.Del("Date")
				t.Run(tc.method+" "+tc.path, func(t *testing.T) { same(t, answer{res.StatusCode, res.Header, string(body)}, tc.want) })
			}
		})
	}
}

// TestNoFormatFallback checks that with huma's Config.NoFormatFallback an Accept field that none of huma's
// formats suits still gets the problem in the form httperr negotiated, where huma panics after writing.
func TestNoFormatFallback(t *testing.T) {
	config := huma.DefaultConfig("Test", "1.0.0")
	config.NoFormatFallback = true
	_, api := humatest.New(t, config)
	httperrhuma.Install(api, quiet)
	operations(api, nil)

	xml := "Accept: application/problem+xml"
	same(t, recorded(api.Get("/users/42", xml)), rendered(quiet, "GET", httperr.NotFound("user"), xml))
}
