package httperr_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"time"

	"github.com/httperr/toolkit/httperr"
)

// A handler's 404, written by the package-level Render: an RFC 9457 problem with the "about:blank" type, the
// status phrase as title, and the detail NotFound builds from the resource name.
func ExampleNotFound() {
	w := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodGet, "/users/42", nil)

	httperr.Render(w, r, httperr.NotFound("user"))

	fmt.Println(w.Code)
	fmt.Println(w.Header().Get("Content-Type"))
	fmt.Println(w.Header().Get("Content-Length"))
	fmt.Println(w.Header().Get("X-Content-Type-Options"))
	fmt.Print(w.Body)
	// Output:
	// 404
	// application/problem+json
	// 82
	// nosniff
	// {"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}
}

// Extension members follow the five standard members, sorted by name.
func ExampleConflict() {
	err := httperr.Conflict("email already registered").
		With("email", "ada@example.com").
		With("account_id", 7)

	w := httptest.NewRecorder()
	httperr.Render(w, httptest.NewRequest(http.MethodPost, "/users", nil), err)

	fmt.Println(w.Code)
	fmt.Print(w.Body)
	// Output:
	// 409
	// {"type":"about:blank","title":"Conflict","status":409,"detail":"email already registered","account_id":7,"email":"ada@example.com"}
}

// The violations of RFC 9457 section 3's example, as an "errors" member.
func ExampleValidation() {
	err := httperr.Validation(
		httperr.Violation{Pointer: "#/age", Detail: "must be a positive integer"},
		httperr.Violation{Pointer: "#/profile/color", Detail: "must be 'green', 'red' or 'blue'"},
	).WithType("https://example.net/validation-error").
		WithDetail("2 fields are invalid")

	w := httptest.NewRecorder()
	httperr.Render(w, httptest.NewRequest(http.MethodPost, "/users", nil), err)

	fmt.Println(w.Code)
	fmt.Print(w.Body)
	// Output:
	// 422
	// {"type":"https://example.net/validation-error","title":"Unprocessable Content","status":422,"detail":"2 fields are invalid","errors":[{"detail":"must be a positive integer","pointer":"#/age"},{"detail":"must be 'green', 'red' or 'blue'","pointer":"#/profile/color"}]}
}

// The cause of a 5xx stays on the server: errors.Is and the logs see it, the client gets the catalog's
// sentence. A plain error returned by a handler is treated the same way.
func ExampleError_Wrap() {
	dbErr := errors.New(`pq: password authentication failed for user "admin"`)
	err := httperr.InternalServerError("").Wrap(dbErr)

	fmt.Println(errors.Is(err, dbErr))
	fmt.Println(err) // for logs

	quiet := &httperr.Renderer{Logger: slog.New(slog.DiscardHandler)}
	for _, e := range []error{err, fmt.Errorf("load order 7: %w", dbErr)} {
		w := httptest.NewRecorder()
		quiet.Render(w, httptest.NewRequest(http.MethodGet, "/orders/7", nil), e)
		fmt.Print(w.Body)
	}
	// Output:
	// true
	// 500 Internal Server Error: pq: password authentication failed for user "admin"
	// {"type":"about:blank","title":"Internal Server Error","status":500,"detail":"The server encountered an unexpected condition that prevented it from fulfilling the request."}
	// {"type":"about:blank","title":"Internal Server Error","status":500,"detail":"The server encountered an unexpected condition that prevented it from fulfilling the request."}
}

// Newf formats the detail; %w keeps the cause for errors.Is. For a 5xx the formatted text, which holds the
// cause's, stays out of the detail.
func ExampleNewf() {
	id := "abc"
	_, parseErr := strconv.Atoi(id)
	err := httperr.Newf(http.StatusBadRequest, "invalid user id %q: %w", id, parseErr)
	fmt.Println(err.Status())
	fmt.Println(err.Detail())
	fmt.Println(errors.Is(err, strconv.ErrSyntax))

	down := httperr.Newf(http.StatusServiceUnavailable, "inventory: %w", errors.New("connection refused"))
	fmt.Printf("%d %q\n", down.Status(), down.Detail())
	fmt.Println(down)
	// Output:
	// 400
	// invalid user id "abc": strconv.Atoi: parsing "abc": invalid syntax
	// true
	// 503 ""
	// 503 Service Unavailable: inventory: connection refused
}

// StatusOf finds the status anywhere in an error's chain, and maps common standard-library errors.
func ExampleStatusOf() {
	fmt.Println(httperr.StatusOf(nil))
	fmt.Println(httperr.StatusOf(httperr.NotFound("user")))
	fmt.Println(httperr.StatusOf(fmt.Errorf("load profile: %w", httperr.Forbidden(""))))
	fmt.Println(httperr.StatusOf(context.DeadlineExceeded))
	fmt.Println(httperr.StatusOf(fmt.Errorf("read config: %w", fs.ErrNotExist)))
	fmt.Println(httperr.StatusOf(errors.New("boom")))
	// Output:
	// 0
	// 404
	// 403
	// 504
	// 404
	// 500
}

// From turns any error into an *Error: the foreign error's text is never the detail, and a JSON type error
// points at the offending member.
func ExampleFrom() {
	_, err := os.Open("/nonexistent/config.yaml")
	e := httperr.From(err)
	fmt.Println(e.Status(), e.Detail() == "", errors.Is(e, fs.ErrNotExist))

	var body struct {
		Age int `json:"age"`
	}
	err = json.Unmarshal([]byte(`{"age":"forty"}`), &body)
	e = httperr.From(fmt.Errorf("decode body: %w", err))
	fmt.Println(e.Status(), e.Detail())
	for _, v := range e.Violations() {
		fmt.Println(v.Pointer, v.Detail)
	}
	// Output:
	// 404 true true
	// 400 request body has a value of the wrong type
	// #/age must be an integer
}

// With TypeBase, problems without a type of their own get one made from the status title.
func ExampleRenderer_typeBase() {
	rd := &httperr.Renderer{TypeBase: "https://example.com/problems/"}
	for _, err := range []*httperr.Error{
		httperr.Gone("report"),
		httperr.RequestEntityTooLarge("uploads are limited to 10 MB"),
		httperr.Conflict("").WithType("https://example.com/problems/email-taken"),
	} {
		w := httptest.NewRecorder()
		rd.Render(w, httptest.NewRequest(http.MethodPost, "/reports", nil), err)
		fmt.Print(w.Body)
	}
	// Output:
	// {"type":"https://example.com/problems/gone","title":"Gone","status":410,"detail":"report is gone"}
	// {"type":"https://example.com/problems/content-too-large","title":"Content Too Large","status":413,"detail":"uploads are limited to 10 MB"}
	// {"type":"https://example.com/problems/email-taken","title":"Conflict","status":409,"detail":"The request could not be completed due to a conflict with the current state of the target resource."}
}

// Prepare is the step under Render: status, header fields and body, without an http.ResponseWriter.
func ExampleRenderer_Prepare() {
	rd := &httperr.Renderer{}
	res := rd.Prepare(context.Background(), httperr.TooManyRequests(90*time.Second), httperr.Request{
		Method: http.MethodGet,
		Accept: "application/json",
	})
	fmt.Println(res.Status)
	for _, k := range []string{"Content-Type", "Content-Length", "Retry-After", "Vary"} {
		fmt.Printf("%s: %s\n", k, res.Header().Get(k))
	}
	fmt.Print(string(res.Body))
	// Output:
	// 429
	// Content-Type: application/problem+json
	// Content-Length: 140
	// Retry-After: 90
	// Vary: Accept, Accept-Language
	// {"type":"about:blank","title":"Too Many Requests","status":429,"detail":"The client has sent too many requests in a given amount of time."}
}

// Accept-Language picks the French catalog for the title and the default detail; a detail the code gave is
// sent as it is.
func ExampleRender_french() {
	for _, err := range []*httperr.Error{httperr.NotFound(""), httperr.NotFound("user")} {
		w := httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodGet, "/users/42", nil)
		r.Header.Set("Accept-Language", "fr-CA, fr;q=0.9, en;q=0.5")
		httperr.Render(w, r, err)
		fmt.Println(w.Header().Get("Content-Language"))
		fmt.Print(w.Body)
	}
	// Output:
	// fr
	// {"type":"about:blank","title":"Ressource introuvable","status":404,"detail":"Le serveur ne trouve pas la ressource demandée."}
	// fr
	// {"type":"about:blank","title":"Ressource introuvable","status":404,"detail":"user not found"}
}
