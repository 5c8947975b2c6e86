package testkit

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/httperr/toolkit/httperr"
)

// Case is a named error of a table of problems.
type Case struct {
	Name string
	Err  error
}

// Problems returns errors of every shape the Renderer sends: the members, the header fields, extensions of
// every JSON kind, escaping, hidden 5xx causes, mapped foreign errors, then one problem for each status
// from 400 to 599. validation, the test's own, is the 12th, named "validation".
func Problems(validation error) []Case {
	cases := []Case{
		{"not found", httperr.NotFound("user")},
		{"all members", httperr.NotFound("user").WithType("https://example.com/problems/no-user").
			WithTitle("No such user").WithInstance("/users/42#x")},
		{"method not allowed", httperr.MethodNotAllowed("GET", "HEAD")},
		{"unauthorized default challenge", httperr.Unauthorized("token expired")},
		{"unauthorized own challenge", httperr.Unauthorized("").WithHeader("WWW-Authenticate", `Basic realm="api"`)},
		{"proxy auth", httperr.ProxyAuthRequired("")},
		{"range", httperr.RequestedRangeNotSatisfiable(1000)},
		{"upgrade", httperr.UpgradeRequired("HTTP/2")},
		{"unsupported media type", httperr.UnsupportedMediaType("send JSON").WithHeader("Accept", "application/json")},
		{"too many requests", httperr.TooManyRequests(90 * time.Second)},
		{"service unavailable", httperr.ServiceUnavailable(2 * time.Minute).WithDetail("scheduled maintenance")},
		{"validation", validation},
		{"extensions", httperr.Conflict("email is already registered").
			With("email", "ada@example.com").With("existing_user", "/users/1").
			With("count", 3).With("ratio", 0.5).With("big", int64(1)<<40).With("ok", true).
			With("tags", []string{"a", "b"}).With("empty", []string{}).With("none", nil).
			With("nested", map[string]any{"x": 1, "y": []any{"p", 2, false}, "z": map[string]any{"deep": "yes"}})},
		{"escaping", httperr.BadRequest(`<script>alert("&")</script> é ✓ 'q'`+"\u2028\t\n").
			With("html", "<b>&amp;</b>")},
		{"internal detail", httperr.InternalServerError("the report generator failed")},
		{"5xx with cause", httperr.Newf(http.StatusBadGateway, "upstream: %w", errors.New("password=hunter2"))},
		{"plain error", errors.New("db: password=hunter2")},
		{"mapped fs error", fmt.Errorf("open: %w", fs.ErrNotExist)},
		{"mapped max bytes", &http.MaxBytesError{Limit: 4096}},
		{"teapot", httperr.Teapot("short and stout")},
	}
	for code := 400; code <= 599; code++ {
		cases = append(cases, Case{"status " + strconv.Itoa(code), httperr.New(code, "")})
	}
	return cases
}

// OutOfCredit returns RFC 9457 section 3's example type, declared in English and French, with its members
// balance (required) and accounts.
func OutOfCredit() httperr.ProblemType {
	return httperr.NewProblemType("https://example.com/problems/out-of-credit", http.StatusForbidden,
		httperr.TypeText{Tag: language.English, Title: "You do not have enough credit.",
			Description: "The account's balance does not cover the price of the request.",
			Members:     map[string]string{"balance": "The account's balance, in cents.", "accounts": "The accounts that could pay."}},
		httperr.TypeText{Tag: language.French, Title: "Vous n'avez pas assez de crédit.",
			Description: "Le solde du compte ne couvre pas le prix de la requête.",
			Members:     map[string]string{"balance": "Le solde du compte, en centimes.", "accounts": "Les comptes qui pourraient payer."}},
	).WithMembers(
		httperr.Member{Name: "balance", Schema: `{"type":"integer","minimum":0}`, Example: 30, Required: true},
		httperr.Member{Name: "accounts", Schema: `{"type":"array","items":{"type":"string","format":"uri-reference"}}`,
			Example: []string{"/account/12345", "/account/67890"}},
	)
}

// Render renders err through rd for a GET of /buy with each key, value pair of header set on the request,
// and returns what rd wrote.
func Render(rd *httperr.Renderer, err error, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, "/buy", nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	rd.Render(w, req, err)
	return w
}

// Order is a request body with nested structs, slices and maps, each field with the rules of
// go-playground/validator under both tag names: validate (the validator's own) and binding (gin's).
type Order struct {
	Address Address           `json:"address"`
	Items   []Item            `json:"items" binding:"min=1,dive" validate:"min=1,dive"`
	Tags    []string          `json:"tags" binding:"max=3,dive,min=2" validate:"max=3,dive,min=2"`
	Code    string            `json:"code" binding:"len=1" validate:"len=1"`
	Color   string            `json:"color" binding:"oneof=red green blue" validate:"oneof=red green blue"`
	Ref     string            `json:"ref" binding:"omitempty,uuid" validate:"omitempty,uuid"`
	Note    string            `json:"-" binding:"required" validate:"required"`
	Count   int               `json:",omitempty" binding:"min=1" validate:"min=1"`
	Labels  map[string]string `json:"labels" binding:"dive,keys,min=1,endkeys,required" validate:"dive,keys,min=1,endkeys,required"`
}

// OrderViolations is what go-playground/validator, named by FieldName, finds wrong in an [Order] with two
// items, the second nameless, four tags, the code "ab", the color "pink" and the ref "x", its other fields
// and a Labels without keys left zero: the violations of its 422's errors member, in order, without the
// brackets of the array.
const OrderViolations = `{"detail":"is required","pointer":"#/address/street_name","code":"required"},` +
	`{"detail":"is required","pointer":"#/items/1/name","code":"required"},` +
	`{"detail":"must have at most 3 items","pointer":"#/tags","code":"max"},` +
	`{"detail":"must be exactly 1 character long","pointer":"#/code","code":"len"},` +
	`{"detail":"must be one of red, green, blue","pointer":"#/color","code":"oneof"},` +
	`{"detail":"must be a UUID","pointer":"#/ref","code":"uuid"},` +
	`{"detail":"is required","pointer":"#/note","code":"required"},` +
	`{"detail":"must be at least 1","pointer":"#/count","code":"min"}`

// Address is the nested struct of [Order].
type Address struct {
	Street string `json:"street_name" binding:"required" validate:"required"`
}

// Item is the element of [Order]'s slice of structs.
type Item struct {
	Name string `json:"name" binding:"required" validate:"required"`
}

// CheckRender renders err through rd as [Render] does, with the request fields of header, and reports,
// through t.Errorf, a status, a body (its newline left out of want) or a Content-Language other than
// status, want and lang.
func CheckRender(t testing.TB, rd *httperr.Renderer, err error, header []string, status int, lang, want string) {
	t.Helper()
	w := Render(rd, err, header...)
	if w.Code != status || w.Body.String() != want+"\n" || w.Header().Get("Content-Language") != lang {
		t.Errorf("got %d %q\n%s\nwant %d %q\n%s", w.Code, w.Header().Get("Content-Language"), w.Body, status, lang, want)
	}
}
