package httperrecho_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/labstack/echo/v4"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	"github.com/httperr/toolkit/httperr"
)

// Helpers shared by the adapter's tests: a logging Renderer, the Echo the tests serve, and exact checks of
// the responses.

const secret = "password=hunter2"

// logBuffer collects a Renderer's log records.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// renderer returns a Renderer that logs everything to the returned buffer.
func renderer() (*httperr.Renderer, *logBuffer) {
	logs := new(logBuffer)
	return &httperr.Renderer{Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}, logs
}

// dropped is the message of the record [httperr.Renderer.LogUnsent] writes for an error it could not send.
const dropped = "error after the response had started"

type user struct {
	Name string `json:"name"`
	Age  int    `json:"age" query:"age"`
}

// newEcho returns an Echo with httperrecho installed and the routes the tests use.
func newEcho(rd *httperr.Renderer) *echo.Echo {
	e := echo.New()
	httperrecho.Install(e, rd)
	fail := func(err error) echo.HandlerFunc { return func(echo.Context) error { return err } }
	e.GET("/users/:id", fail(httperr.NotFound("user")))
	e.GET("/conflict", fail(echo.NewHTTPError(http.StatusConflict, "custom message")))
	e.GET("/forbidden", fail(echo.ErrForbidden))
	e.GET("/wrapped", fail(fmt.Errorf("x: %w", echo.NewHTTPError(http.StatusForbidden))))
	e.GET("/map-message", fail(echo.NewHTTPError(http.StatusUnprocessableEntity, map[string]string{"field": "bad"})))
	e.GET("/things", func(c echo.Context) error { return c.String(http.StatusOK, "things") })
	e.GET("/precedence", fail(httperr.Conflict("email is taken").Wrap(echo.ErrNotFound)))
	e.GET("/internal-problem", fail(echo.NewHTTPError(http.StatusBadRequest).SetInternal(httperr.NotFound("user"))))
	e.GET("/nested", fail(echo.NewHTTPError(http.StatusInternalServerError).SetInternal(echo.NewHTTPError(http.StatusNotFound, "no such page"))))
	e.GET("/internal-secret", fail(echo.NewHTTPError(http.StatusBadGateway, "upstream: "+secret).SetInternal(errors.New("dial: "+secret))))
	e.GET("/bad-status", fail(echo.NewHTTPError(http.StatusFound, "moved")))
	e.GET("/plain", fail(errors.New("db: "+secret)))
	e.GET("/ok", func(c echo.Context) error { return c.String(http.StatusOK, "ok") })
	e.GET("/panic", func(echo.Context) error { panic("boom: " + secret) })
	bind := func(c echo.Context) error {
		var u user
		if err := c.Bind(&u); err != nil {
			return err
		}
		return c.JSON(http.StatusOK, u)
	}
	e.POST("/bind", bind)
	e.GET("/bind", bind)
	return e
}

// problemHeader is the header of a JSON problem with body, plus the given key, value pairs.
func problemHeader(body string, kv ...string) http.Header {
	h := http.Header{
		"Content-Type":           {"application/problem+json"},
		"Content-Length":         {strconv.Itoa(len(body))},
		"X-Content-Type-Options": {"nosniff"},
		"Content-Language":       {"en"},
		"Vary":                   {"Accept, Accept-Language"},
	}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return h
}

// catalogProblem is the body of a problem whose detail is the catalog's sentence for status.
func catalogProblem(t *testing.T, status int) string {
	t.Helper()
	detail, err := json.Marshal(httperr.Description(status))
	if err != nil || httperr.Description(status) == "" {
		t.Fatalf("no catalog description for %d: %v", status, err)
	}
	return `{"type":"about:blank","title":"` + httperr.Title(status) + `","status":` + strconv.Itoa(status) +
		`,"detail":` + string(detail) + "}\n"
}

// coreProblem is what the core renders for err, without any adapter.
func coreProblem(err error) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	httperr.Render(rec, httptest.NewRequest(http.MethodPost, "/", nil), err)
	return rec
}

// decodeError is the error encoding/json gives for body, as net/http handlers see it.
func decodeError(body string) error {
	var u user
	return json.NewDecoder(strings.NewReader(body)).Decode(&u)
}

func serve(e http.Handler, method, target, contentType, body string) *httptest.ResponseRecorder {
	var rb io.Reader
	if body != "" {
		rb = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, rb)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	return rec
}

func check(t *testing.T, rec *httptest.ResponseRecorder, status int, header http.Header, body string) {
	t.Helper()
	if rec.Code != status {
		t.Errorf("status = %d, want %d", rec.Code, status)
	}
	if got := rec.Body.String(); got != body {
		t.Errorf("body =\n%q\nwant\n%q", got, body)
	}
	if got := rec.Header(); !equalHeader(got, header) {
		t.Errorf("header =\n%v\nwant\n%v", got, header)
	}
	if strings.Contains(rec.Body.String(), secret) {
		t.Errorf("body leaks the secret: %s", rec.Body)
	}
}

func equalHeader(a, b http.Header) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if strings.Join(v, "\x00") != strings.Join(b[k], "\x00") {
			return false
		}
	}
	return true
}
