package toolkit_test

// The users API as a net/http user writes it: httperrhttp.HandlerFunc handlers, json.NewDecoder over
// http.MaxBytesReader, go-playground/validator called directly, the Renderer's Map set to
// httperrvalidator.Map. The same handlers serve the ServeMux, chi and gorilla/mux stacks; only the reading of
// path parameters differs (r.PathValue, chi.URLParam, mux.Vars).

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/go-playground/validator/v10"

	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
)

// httpAPI holds the net/http handlers of the users API.
type httpAPI struct {
	users    *users
	validate *validator.Validate
	param    func(r *http.Request, name string) string // the router's path parameter
}

func newHTTPAPI(param func(*http.Request, string) string) *httpAPI {
	return &httpAPI{users: newUsers(), validate: newValidator(), param: param}
}

// getUser answers GET /users/{id}: user 1 exists, any other id is a 404 problem.
func (a *httpAPI) getUser(w http.ResponseWriter, r *http.Request) error {
	u, ok := a.users.get(a.param(r, "id"))
	if !ok {
		return httperr.NotFound("user")
	}
	return writeJSON(w, http.StatusOK, u)
}

// createUser answers POST /users: 400 for a body that is not JSON, 413 for one over maxBody, 422 with one
// violation per bad field, 409 when the email is taken, else 201.
func (a *httpAPI) createUser(w http.ResponseWriter, r *http.Request) error {
	var in signup
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody)).Decode(&in); err != nil {
		return httperr.RequestBodyError(err)
	}
	if err := a.validate.Struct(in); err != nil {
		return err // validator.ValidationErrors: the Renderer's Map, httperrvalidator.Map, makes it a 422
	}
	u, err := a.users.add(in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/users/"+strconv.Itoa(u.ID))
	return writeJSON(w, http.StatusCreated, u)
}

func maintenance(http.ResponseWriter, *http.Request) error {
	return httperr.ServiceUnavailable(maintenanceRetry).WithDetail("scheduled maintenance")
}

func report(http.ResponseWriter, *http.Request) error { return errReport() }

func panicking(http.ResponseWriter, *http.Request) error { panic("boom: " + secret) }

func headUser(http.ResponseWriter, *http.Request) error { return httperr.NotFound("user") }

func partial(w http.ResponseWriter, _ *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, "partial answer")
	return errors.New("failed after the answer had started")
}

func teapot(http.ResponseWriter, *http.Request) error { return errTeapot }

// widget answers GET /widgets/7 with its own plain-text 404, as a handler that knows nothing of httperr
// does.
func widget(w http.ResponseWriter, _ *http.Request) { http.Error(w, widgetText, http.StatusNotFound) }

// hints sends 103 Early Hints, then fails with a 404.
func hints(w http.ResponseWriter, _ *http.Request) error {
	w.Header().Set("Link", "</style.css>; rel=preload; as=style")
	w.WriteHeader(http.StatusEarlyHints)
	return httperr.NotFound("user")
}

// slow waits for its request to end (http.TimeoutHandler's deadline), then returns.
func slow(w http.ResponseWriter, r *http.Request) error {
	<-r.Context().Done()
	return nil
}

// rateLimited is a rate limiter's answer as net/http middlewares write it: Retry-After and http.Error's
// plain-text 429. This one has no budget left.
func rateLimited(http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", rateLimitRetry)
		http.Error(w, http.StatusText(http.StatusTooManyRequests), http.StatusTooManyRequests)
	})
}

// basicAuth asks for the credentials ada:secret with a Basic challenge and http.Error's plain-text 401.
func basicAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != "ada" || p != "secret" {
			w.Header().Set("WWW-Authenticate", `Basic realm="api"`)
			http.Error(w, http.StatusText(http.StatusUnauthorized), http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// private is what the rate limiter and basicAuth guard.
func private(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "private") } //nolint:errcheck

// fileServer serves staticFiles under /files/ with http.FileServerFS (http.ServeContent answers ranges).
func fileServer() http.Handler { return http.StripPrefix("/files/", http.FileServerFS(staticFiles)) }

func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(v)
}

// subMux is the inner ServeMux mounted under http.StripPrefix("/api", ...): GET /widgets/{id} is a 404
// problem; its own 404 and 405 must be problems too.
func subMux() http.Handler {
	sub := http.NewServeMux()
	sub.Handle("GET /widgets/{id}", httperrhttp.HandlerFunc(func(http.ResponseWriter, *http.Request) error {
		return httperr.NotFound("widget")
	}))
	return http.StripPrefix("/api", sub)
}

// withRequestID is a middleware that calls r.WithContext, as request-id, tracing and auth middlewares do.
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, "req-1")))
	})
}

// inner returns h with the options' middlewares that go between httperr's Middleware and the router. The
// TimeoutHandler's writer hides the outer Middleware's, so the routes behind it get a Middleware of their own
// with the same Renderer, inside the TimeoutHandler, as docs/nethttp.md shows.
func (o options) inner(rd *httperr.Renderer, h http.Handler) http.Handler {
	if o.timeout > 0 {
		h = http.TimeoutHandler(httperrhttp.Middleware(rd)(h), o.timeout, "")
	}
	if o.withContext {
		h = withRequestID(h)
	}
	return h
}

// serveNetHTTP serves the users API with a ServeMux behind httperrhttp.Middleware.
func serveNetHTTP(rd *httperr.Renderer, o options, extra ...route) http.Handler {
	a := newHTTPAPI((*http.Request).PathValue)
	mux := http.NewServeMux()
	mux.Handle("GET /users/{id}", httperrhttp.HandlerFunc(a.getUser))
	mux.Handle("POST /users", httperrhttp.HandlerFunc(a.createUser))
	mux.Handle("GET /maintenance", httperrhttp.HandlerFunc(maintenance))
	mux.Handle("GET /report", httperrhttp.HandlerFunc(report))
	mux.Handle("GET /panic", httperrhttp.HandlerFunc(panicking))
	mux.Handle("HEAD /head/{id}", httperrhttp.HandlerFunc(headUser))
	mux.Handle("GET /partial", httperrhttp.HandlerFunc(partial))
	mux.Handle("GET /teapot", httperrhttp.HandlerFunc(teapot))
	mux.HandleFunc("GET /widgets/7", widget)
	mux.Handle("GET /hints", httperrhttp.HandlerFunc(hints))
	mux.Handle("GET /slow", httperrhttp.HandlerFunc(slow))
	mux.Handle("/api/", subMux())
	mux.Handle("GET /limited", rateLimited(http.HandlerFunc(private)))
	mux.Handle("GET /private", basicAuth(http.HandlerFunc(private)))
	mux.Handle("GET /files/", fileServer())
	for _, rt := range extra {
		mux.Handle(rt.Method+" "+rt.Pattern, httperrhttp.HandlerFunc(rt.Handler))
	}
	nrd := withValidatorMap(rd)
	return httperrhttp.Middleware(nrd)(o.inner(nrd, mux))
}
