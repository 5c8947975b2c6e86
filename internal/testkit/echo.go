package testkit

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// The tables and checks that the tests of the echo v4 and echo v5 adapters share: the two echos bind,
// validate, authenticate and write alike, so the same requests get the same answers from both.

// ShelfParams is what the server of [EchoLocations] binds with c.Bind from the path and the query, as
// echo's users tag it, and validates with c.Validate.
type ShelfParams struct {
	Shelf int    `param:"shelf"`
	Limit int    `query:"limit" validate:"omitempty,max=100"`
	Sort  string `query:"sort" validate:"omitempty,oneof=name date"`
}

// TraceFields is what the server of [EchoLocations] binds from the request's header fields and validates
// with c.Validate.
type TraceFields struct {
	RequestID string `header:"X-Request-Id" validate:"required,uuid"`
	Version   int    `header:"X-Api-Version"`
}

// GoodRequestID is a valid X-Request-Id of the rows of [EchoLocations].
const GoodRequestID = "6f1c2c1e-6a4e-4d3b-9c59-3f5b3f0c2a10"

// GetCase is a GET that [RunGets] plays on a loopback server: the path and the fields of the request, then
// the status, the body and, when Header is not nil, all the response's header fields (Date aside).
type GetCase struct {
	Name, Path string
	Request    map[string]string
	Status     int
	Header     http.Header
	Body       string
}

// RunGets plays each row of tests on srv, as a subtest of its name, and checks the answer: with
// [CheckResponse] when the row has a Header, else its status and body with [CheckFields].
func RunGets(t *testing.T, srv *httptest.Server, tests []GetCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.Name, func(t *testing.T) {
			res, body := Get(t, srv.Client(), srv.URL+tt.Path, tt.Request)
			if tt.Header != nil {
				CheckResponse(t, res, body, tt.Status, tt.Header, tt.Body)
				return
			}
			CheckFields(t, res, body, tt.Status, nil, tt.Body)
		})
	}
}

// ErrorsProblem returns the body of a problem of status with the catalog's title and detail and the errors
// member errors, a JSON array of violations.
func ErrorsProblem(status int, errors string) string {
	return strings.TrimSuffix(CatalogProblem(status), "}\n") + `,"errors":` + errors + "}\n"
}

// EchoLocations returns the rows both echos' binding-location tests share, for a server that binds
// /shelves/:shelf/items into a [ShelfParams] with c.Bind and then into a [TraceFields] from the header
// fields, validating each with go-playground/validator named by FieldName, and binds /page's query page with a required MustInt. bind
// begins the names of the rows of c.Bind's integers.
func EchoLocations(bind string) []GetCase {
	good := map[string]string{"X-Request-Id": GoodRequestID}
	return []GetCase{
		{Name: bind + "query integer", Path: "/shelves/1/items?limit=abc", Request: good, Status: 400,
			Body: ErrorsProblem(400, `[{"detail":"must be an integer","parameter":"limit"}]`)},
		{Name: bind + "path integer", Path: "/shelves/top/items", Request: good, Status: 400,
			Body: ErrorsProblem(400, `[{"detail":"must be an integer","parameter":"shelf"}]`)},
		{Name: "query validation", Path: "/shelves/1/items?limit=500&sort=size", Request: good, Status: 422,
			Body: ErrorsProblem(422, `[{"detail":"must be at most 100","parameter":"limit","code":"max"},`+
				`{"detail":"must be one of name, date","parameter":"sort","code":"oneof"}]`)},
		{Name: "header missing", Path: "/shelves/1/items", Status: 422,
			Body: ErrorsProblem(422, `[{"detail":"is required","header":"X-Request-Id","code":"required"}]`)},
		{Name: "header integer", Path: "/shelves/1/items", Request: map[string]string{"X-Request-Id": GoodRequestID, "X-Api-Version": "two"},
			Status: 400, Body: ErrorsProblem(400, `[{"detail":"must be an integer","header":"X-Api-Version"}]`)},
		{Name: "value binder required", Path: "/page", Status: 400,
			Body: ErrorsProblem(400, `[{"detail":"is required","parameter":"page"}]`)},
		{Name: "good", Path: "/shelves/1/items?limit=5", Request: good, Status: 200, Body: `{"limit":5}` + "\n"},
	}
}

// EchoDecisions returns the rows both echos' framework-decision tests share, for a server that guards
// /basic with middleware.BasicAuth (user ada, password lovelace) and ends /slow's wait for its context with
// middleware.ContextTimeout: Basic's challenge and ContextTimeout's 503 stay.
func EchoDecisions() []GetCase {
	b401, b503 := CatalogProblem(http.StatusUnauthorized), CatalogProblem(http.StatusServiceUnavailable)
	return []GetCase{
		{Name: "BasicAuth without credentials", Path: "/basic", Status: 401,
			Header: ProblemHeader(b401, "WWW-Authenticate", `basic realm="Restricted"`), Body: b401},
		{Name: "BasicAuth with wrong credentials", Path: "/basic", Request: map[string]string{"Authorization": "Basic YWRhOmJhYmJhZ2U="},
			Status: 401, Header: ProblemHeader(b401, "WWW-Authenticate", `basic realm="Restricted"`), Body: b401},
		{Name: "ContextTimeout", Path: "/slow", Status: 503, Header: ProblemHeader(b503), Body: b503},
	}
}

// TextCase is a GET that [RunTextAnswers] plays: the path and the Range field of the request, whether the
// Renderer keeps text answers, then the status, the response's fields checked and the body expected. A row
// whose Skip is not empty is skipped, Skip its reason.
type TextCase struct {
	Name, Path, Range string
	Keep              bool
	Status            int
	Header            map[string]string
	Body              string
	Skip              string
}

// EchoTexts returns the rows both echos' text-answer tests share, for a server that serves a.txt (ten
// bytes) under /static and on /file with the helper file names, answers /limited with a rate limiter's
// c.String(429) and Retry-After, /ws with a websocket.Upgrader, /json with c.JSON(400), /secret with a
// c.String(500) holding [Secret] and /gone with c.NoContent(410).
func EchoTexts(file string) []TextCase {
	p := StatusProblem
	return []TextCase{
		{Name: "Static, unsatisfiable range", Path: "/static/a.txt", Range: "bytes=999999-", Status: 416,
			Header: map[string]string{"Content-Type": "application/problem+json", "Content-Range": "bytes */10"}, Body: p(416, "invalid range: failed to overlap")},
		{Name: file + ", unsatisfiable range", Path: "/file", Range: "bytes=999999-", Status: 416,
			Header: map[string]string{"Content-Range": "bytes */10"}, Body: p(416, "invalid range: failed to overlap")},
		{Name: "c.String(429) from a middleware", Path: "/limited", Status: 429,
			Header: map[string]string{"Content-Type": "application/problem+json", "Retry-After": "30", "X-Ratelimit-Remaining": "0"}, Body: p(429, "slow down")},
		{Name: "websocket.Upgrader, plain GET", Path: "/ws", Status: 400,
			Header: map[string]string{"Content-Type": "application/problem+json", "Sec-Websocket-Version": "13"}, Body: p(400, "")},
		{Name: "c.JSON(400) left alone", Path: "/json", Status: 400,
			Header: map[string]string{"Content-Type": "application/json"}, Body: `{"error":"bad"}` + "\n"},
		{Name: "c.String(500) never sent", Path: "/secret", Status: 500, Header: map[string]string{"Content-Type": "application/problem+json"}, Body: p(500, "")},
		{Name: "c.NoContent(410)", Path: "/gone", Status: 410, Header: map[string]string{"Content-Type": "application/problem+json"}, Body: p(410, "")},
		{Name: "KeepText keeps c.String(429)", Path: "/limited", Keep: true, Status: 429,
			Header: map[string]string{"Content-Type": "text/plain; charset=UTF-8", "Retry-After": "30"}, Body: "slow down"},
		{Name: "KeepText, c.NoContent(410)", Path: "/gone", Keep: true, Status: 410, Header: map[string]string{"Content-Type": "application/problem+json"}, Body: p(410, "")},
	}
}

// RunTextAnswers plays, for KeepText false then true, on the loopback server start returns for it, a
// WebSocket handshake on /ws and then each row of tests of that KeepText, checking each answer with
// [CheckFields] and the record the server's access log wrote to access for it: "URI status\n". It closes
// each server.
func RunTextAnswers(t *testing.T, tests []TextCase, start func(keep bool, access io.Writer) *httptest.Server) {
	t.Helper()
	for _, keep := range []bool{false, true} {
		access, from := new(LogBuffer), 0 // from: where the record of the request played begins
		srv := start(keep, access)
		t.Run("websocket handshake", func(t *testing.T) { // a hijack goes through the holding writer
			Handshake(t, srv, "/ws")
			access.Await("/ws ") // the handler returns, and is logged, after the handshake
			from = len(access.String())
		})
		for _, tt := range tests {
			if tt.Keep != keep {
				continue
			}
			t.Run(tt.Name, func(t *testing.T) {
				if tt.Skip != "" {
					t.Skip(tt.Skip)
				}
				from = len(access.String())
				res, body := Send(t, srv.Client(), http.MethodGet, srv.URL+tt.Path, "", "Range", tt.Range)
				CheckFields(t, res, body, tt.Status, tt.Header, tt.Body)
				if want := tt.Path + " " + strconv.Itoa(tt.Status) + "\n"; access.String()[from:] != want {
					t.Errorf("access log %q, want %q", access.String()[from:], want)
				}
			})
		}
		srv.Close()
	}
}

// userNotFound is the body of httperr.NotFound("user").
const userNotFound = `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"

// CheckRenderedOnce checks h, an echo whose middleware hands each error over again once it is rendered (as
// echo's Logger, and RequestLogger with HandleError, do), /users/:id failing with httperr.NotFound("user")
// and /panic panicking: each answer is its problem, and logs, the Renderer's, holds no record of a lost
// error.
func CheckRenderedOnce(t *testing.T, h http.Handler, logs *LogBuffer) {
	t.Helper()
	Check(t, Serve(h, "GET", "/users/7", ""), 404, ProblemHeader(userNotFound), userNotFound)
	want := CatalogProblem(500)
	Check(t, Serve(h, "GET", "/panic", ""), 500, ProblemHeader(want), want)
	want = CatalogProblem(404)
	Check(t, Serve(h, "GET", "/nowhere", ""), 404, ProblemHeader(want), want)
	if strings.Contains(logs.String(), Unsent) {
		t.Errorf("a rendered error was logged as lost:\n%s", logs)
	}
}

// CheckLostOnce checks h, an echo whose middleware has the error handler render the error of /users/:id,
// httperr.NotFound("user"), and then returns another, "audit failed": the answer is the 404's problem, and
// logs, the Renderer's, records the other error as lost, once.
func CheckLostOnce(t *testing.T, h http.Handler, logs *LogBuffer) {
	t.Helper()
	Check(t, Serve(h, "GET", "/users/7", ""), 404, ProblemHeader(userNotFound), userNotFound)
	if l := logs.String(); strings.Count(l, Unsent) != 1 || !strings.Contains(l, "audit failed") {
		t.Errorf("the second error was not logged as lost:\n%s", l)
	}
}
