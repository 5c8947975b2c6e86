package httperrdoc_test

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"strconv"
	"time"

	"golang.org/x/text/language"

	"github.com/httperr/toolkit/httperr"
)

// outOfCredit is RFC 9457 section 3's example type, declared in English and French.
var outOfCredit = httperr.NewProblemType("https://example.com/problems/out-of-credit", http.StatusForbidden,
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

// clientCases are problems of every shape the Renderer sends, as httperr's own client tests render them.
func clientCases() []struct {
	name string
	err  error
} {
	cases := []struct {
		name string
		err  error
	}{
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
		{"validation", httperr.Validation(
			httperr.Violation{Pointer: "#/name", Detail: "must not be empty"},
			httperr.Violation{Pointer: "#/age", Detail: "must be between 0 and 150",
				Extensions: map[string]any{"minimum": 0, "maximum": 150, "code": "range"}},
		)},
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
		cases = append(cases, struct {
			name string
			err  error
		}{"status " + strconv.Itoa(code), httperr.New(code, "")})
	}
	return cases
}
