package httperr_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// statusCase is one constructor of the completeness table.
type statusCase struct {
	name   string
	err    *httperr.Error
	status int
	title  string
	detail string            // Detail() of the value
	header map[string]string // header fields the rendered response must carry, with their values
}

// constructorTable lists, written out one by one, a call of the constructor of every 4xx and 5xx status
// constant of net/http, with what RFC 9110 and its companions want of it.
func constructorTable() []statusCase {
	return []statusCase{
		{"BadRequest", httperr.BadRequest("d"), http.StatusBadRequest, "Bad Request", "d", nil},
		{"Unauthorized", httperr.Unauthorized("d"), http.StatusUnauthorized, "Unauthorized", "d",
			map[string]string{"WWW-Authenticate": "Bearer"}},
		{"PaymentRequired", httperr.PaymentRequired("d"), http.StatusPaymentRequired, "Payment Required", "d", nil},
		{"Forbidden", httperr.Forbidden("d"), http.StatusForbidden, "Forbidden", "d", nil},
		{"NotFound", httperr.NotFound("user"), http.StatusNotFound, "Not Found", "user not found", nil},
		{"MethodNotAllowed", httperr.MethodNotAllowed("GET", "HEAD"), http.StatusMethodNotAllowed, "Method Not Allowed", "",
			map[string]string{"Allow": "GET, HEAD"}},
		{"NotAcceptable", httperr.NotAcceptable("d"), http.StatusNotAcceptable, "Not Acceptable", "d", nil},
		{"ProxyAuthRequired", httperr.ProxyAuthRequired("d"), http.StatusProxyAuthRequired, "Proxy Authentication Required", "d",
			map[string]string{"Proxy-Authenticate": "Bearer"}},
		{"RequestTimeout", httperr.RequestTimeout("d"), http.StatusRequestTimeout, "Request Timeout", "d", nil},
		{"Conflict", httperr.Conflict("d"), http.StatusConflict, "Conflict", "d", nil},
		{"Gone", httperr.Gone("user"), http.StatusGone, "Gone", "user is gone", nil},
		{"LengthRequired", httperr.LengthRequired("d"), http.StatusLengthRequired, "Length Required", "d", nil},
		{"PreconditionFailed", httperr.PreconditionFailed("d"), http.StatusPreconditionFailed, "Precondition Failed", "d", nil},
		{"RequestEntityTooLarge", httperr.RequestEntityTooLarge("d"), http.StatusRequestEntityTooLarge, "Content Too Large", "d", nil},
		{"RequestURITooLong", httperr.RequestURITooLong("d"), http.StatusRequestURITooLong, "URI Too Long", "d", nil},
		{"UnsupportedMediaType", httperr.UnsupportedMediaType("d"), http.StatusUnsupportedMediaType, "Unsupported Media Type", "d", nil},
		{"RequestedRangeNotSatisfiable", httperr.RequestedRangeNotSatisfiable(1234), http.StatusRequestedRangeNotSatisfiable,
			"Range Not Satisfiable", "", map[string]string{"Content-Range": "bytes */1234"}},
		{"ExpectationFailed", httperr.ExpectationFailed("d"), http.StatusExpectationFailed, "Expectation Failed", "d", nil},
		{"Teapot", httperr.Teapot("d"), http.StatusTeapot, "I'm a teapot", "d", nil},
		{"MisdirectedRequest", httperr.MisdirectedRequest("d"), http.StatusMisdirectedRequest, "Misdirected Request", "d", nil},
		{"UnprocessableEntity", httperr.UnprocessableEntity("d"), http.StatusUnprocessableEntity, "Unprocessable Content", "d", nil},
		{"Locked", httperr.Locked("d"), http.StatusLocked, "Locked", "d", nil},
		{"FailedDependency", httperr.FailedDependency("d"), http.StatusFailedDependency, "Failed Dependency", "d", nil},
		{"TooEarly", httperr.TooEarly("d"), http.StatusTooEarly, "Too Early", "d", nil},
		{"UpgradeRequired", httperr.UpgradeRequired("HTTP/2", "HTTP/3"), http.StatusUpgradeRequired, "Upgrade Required", "",
			map[string]string{"Upgrade": "HTTP/2, HTTP/3"}},
		{"PreconditionRequired", httperr.PreconditionRequired("d"), http.StatusPreconditionRequired, "Precondition Required", "d", nil},
		{"TooManyRequests", httperr.TooManyRequests(1500 * time.Millisecond), http.StatusTooManyRequests, "Too Many Requests", "",
			map[string]string{"Retry-After": "2"}},
		{"RequestHeaderFieldsTooLarge", httperr.RequestHeaderFieldsTooLarge("d"), http.StatusRequestHeaderFieldsTooLarge,
			"Request Header Fields Too Large", "d", nil},
		{"UnavailableForLegalReasons", httperr.UnavailableForLegalReasons("d"), http.StatusUnavailableForLegalReasons,
			"Unavailable For Legal Reasons", "d", nil},

		{"InternalServerError", httperr.InternalServerError("d"), http.StatusInternalServerError, "Internal Server Error", "d", nil},
		{"NotImplemented", httperr.NotImplemented("d"), http.StatusNotImplemented, "Not Implemented", "d", nil},
		{"BadGateway", httperr.BadGateway("d"), http.StatusBadGateway, "Bad Gateway", "d", nil},
		{"ServiceUnavailable", httperr.ServiceUnavailable(30 * time.Second), http.StatusServiceUnavailable, "Service Unavailable", "",
			map[string]string{"Retry-After": "30"}},
		{"GatewayTimeout", httperr.GatewayTimeout("d"), http.StatusGatewayTimeout, "Gateway Timeout", "d", nil},
		{"HTTPVersionNotSupported", httperr.HTTPVersionNotSupported("d"), http.StatusHTTPVersionNotSupported,
			"HTTP Version Not Supported", "d", nil},
		{"VariantAlsoNegotiates", httperr.VariantAlsoNegotiates("d"), http.StatusVariantAlsoNegotiates, "Variant Also Negotiates", "d", nil},
		{"InsufficientStorage", httperr.InsufficientStorage("d"), http.StatusInsufficientStorage, "Insufficient Storage", "d", nil},
		{"LoopDetected", httperr.LoopDetected("d"), http.StatusLoopDetected, "Loop Detected", "d", nil},
		{"NotExtended", httperr.NotExtended("d"), http.StatusNotExtended, "Not Extended", "d", nil},
		{"NetworkAuthenticationRequired", httperr.NetworkAuthenticationRequired("d"), http.StatusNetworkAuthenticationRequired,
			"Network Authentication Required", "d", nil},
	}
}

// requiredHeaders names the header fields RFC 9110 (and RFC 6585 for 429) requires, or strongly expects, of
// a status; the table must set each of them for its status, and no constructor may send them for another.
var requiredHeaders = map[int]string{
	401: "WWW-Authenticate",   // RFC 9110 section 15.5.2: MUST
	405: "Allow",              // section 15.5.6: MUST
	407: "Proxy-Authenticate", // section 15.5.8: MUST
	416: "Content-Range",      // section 15.5.17: SHOULD, "bytes */length"
	426: "Upgrade",            // section 15.5.22: MUST
	429: "Retry-After",        // RFC 6585 section 4: MAY; the design makes it part of the constructor
	503: "Retry-After",        // section 15.6.4: MAY; likewise
}

func TestConstructorsComplete(t *testing.T) {
	table := constructorTable()
	seen := map[int]bool{}
	for _, c := range table {
		if seen[c.status] {
			t.Errorf("status %d is listed twice", c.status)
		}
		seen[c.status] = true
	}
	// Every 4xx and 5xx code net/http has a constant for (StatusText knows exactly those) is in the table.
	for code := 400; code <= 599; code++ {
		if http.StatusText(code) != "" && !seen[code] {
			t.Errorf("no constructor case for net/http's %d %s", code, http.StatusText(code))
		}
	}
	if len(table) != 40 {
		t.Errorf("the table has %d cases; net/http has 40 4xx and 5xx constants", len(table))
	}
}

func TestConstructors(t *testing.T) {
	for _, c := range constructorTable() {
		t.Run(c.name, func(t *testing.T) {
			e := c.err
			if e.Status() != c.status {
				t.Errorf("Status() = %d, want %d", e.Status(), c.status)
			}
			if got := httperr.English().Title(c.status); got != c.title {
				t.Errorf("Title(%d) = %q, want %q", c.status, got, c.title)
			}
			if e.Title() != c.title {
				t.Errorf("Title() = %q, want the catalog's %q", e.Title(), c.title)
			}
			if e.Detail() != c.detail {
				t.Errorf("Detail() = %q, want %q", e.Detail(), c.detail)
			}
			if got := httperr.StatusOf(e); got != c.status {
				t.Errorf("StatusOf = %d", got)
			}
			if want, ok := requiredHeaders[c.status]; ok && c.header[want] == "" {
				t.Errorf("the table does not check the required %s", want)
			}

			res := respondQuiet(e)
			if res.Status != c.status {
				t.Errorf("rendered status %d", res.Status)
			}
			m := problemMembers(t, res.Body)
			if got, want := string(m["title"]), strconv.Quote(c.title); got != want {
				t.Errorf("title member %s, want %s", got, want)
			}
			if got := string(m["status"]); got != strconv.Itoa(c.status) {
				t.Errorf("status member %s", got)
			}
			if got := string(m["type"]); got != `"about:blank"` {
				t.Errorf("type member %s", got)
			}
			wantDetail := c.detail
			if wantDetail == "" {
				wantDetail = httperr.English().Description(c.status)
			}
			if got := string(m["detail"]); got != strconv.Quote(wantDetail) {
				t.Errorf("detail member %s, want %q", got, wantDetail)
			}
			for k, v := range c.header {
				if got := res.Header().Values(k); !reflect.DeepEqual(got, []string{v}) {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			// No constructor sends another status's required field.
			for code, k := range requiredHeaders {
				if _, want := c.header[k]; !want && code != c.status && res.Header().Get(k) != "" {
					t.Errorf("unexpected %s: %q", k, res.Header().Get(k))
				}
			}
		})
	}
}

func TestChallenge(t *testing.T) {
	own := `Basic realm="own", charset="UTF-8"`
	tests := []struct {
		name      string
		rd        *httperr.Renderer
		err       *httperr.Error
		field     string
		challenge string
	}{
		{"401 default", testkit.Quiet(), httperr.Unauthorized(""), "WWW-Authenticate", "Bearer"},
		{"401 nil renderer", nil, httperr.Unauthorized(""), "WWW-Authenticate", "Bearer"},
		{"401 renderer challenge", &httperr.Renderer{Challenge: `Basic realm="api"`}, httperr.Unauthorized(""),
			"WWW-Authenticate", `Basic realm="api"`},
		{"401 own challenge wins over the default", testkit.Quiet(),
			httperr.Unauthorized("").WithHeader("WWW-Authenticate", own), "WWW-Authenticate", own},
		{"401 own challenge wins over the renderer's", &httperr.Renderer{Challenge: `Basic realm="api"`},
			httperr.Unauthorized("").WithHeader("www-authenticate", own), "WWW-Authenticate", own},
		{"401 from New", testkit.Quiet(), httperr.New(401, "token expired"), "WWW-Authenticate", "Bearer"},
		{"407 default", testkit.Quiet(), httperr.ProxyAuthRequired(""), "Proxy-Authenticate", "Bearer"},
		{"407 renderer challenge", &httperr.Renderer{Challenge: `Basic realm="proxy"`}, httperr.ProxyAuthRequired(""),
			"Proxy-Authenticate", `Basic realm="proxy"`},
		{"407 own challenge", testkit.Quiet(), httperr.ProxyAuthRequired("").WithHeader("Proxy-Authenticate", own),
			"Proxy-Authenticate", own},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := tt.rd.Prepare(context.Background(), tt.err, httperr.Request{Method: http.MethodGet})
			if got := res.Header().Values(tt.field); !reflect.DeepEqual(got, []string{tt.challenge}) {
				t.Errorf("%s = %q, want %q", tt.field, got, tt.challenge)
			}
		})
	}
	// A challenge is only for 401 and 407.
	res := (&httperr.Renderer{Challenge: "Basic"}).Prepare(context.Background(), httperr.Forbidden(""), httperr.Request{})
	if res.Header().Get("WWW-Authenticate") != "" || res.Header().Get("Proxy-Authenticate") != "" {
		t.Errorf("403 carries a challenge: %v", res.Header())
	}
}

func TestConstructorHeaderArguments(t *testing.T) {
	tests := []struct {
		name  string
		err   *httperr.Error
		field string
		want  []string
	}{
		{"Allow one", httperr.MethodNotAllowed("POST"), "Allow", []string{"POST"}},
		{"Allow none: the resource allows nothing", httperr.MethodNotAllowed(), "Allow", []string{""}},
		{"Content-Range zero", httperr.RequestedRangeNotSatisfiable(0), "Content-Range", []string{"bytes */0"}},
		{"Content-Range negative", httperr.RequestedRangeNotSatisfiable(-1), "Content-Range", []string{"bytes */0"}},
		{"Content-Range large", httperr.RequestedRangeNotSatisfiable(1 << 40), "Content-Range", []string{"bytes */1099511627776"}},
		{"Upgrade one", httperr.UpgradeRequired("TLS/1.3"), "Upgrade", []string{"TLS/1.3"}},
		{"Upgrade none: no empty field", httperr.UpgradeRequired(), "Upgrade", nil},
		{"Retry-After zero", httperr.TooManyRequests(0), "Retry-After", []string{"0"}},
		{"Retry-After rounded up", httperr.ServiceUnavailable(time.Millisecond), "Retry-After", []string{"1"}},
		{"Retry-After replaced", httperr.ServiceUnavailable(time.Second).WithRetryAfter(time.Hour), "Retry-After", []string{"3600"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := respondQuiet(tt.err).Header()[http.CanonicalHeaderKey(tt.field)]; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%s = %q, want %q", tt.field, got, tt.want)
			}
		})
	}
}

func TestNotFoundAndGone(t *testing.T) {
	tests := []struct {
		name   string
		err    *httperr.Error
		detail string
	}{
		{"NotFound user", httperr.NotFound("user"), "user not found"},
		{"NotFound empty", httperr.NotFound(""), ""},
		{"Gone user", httperr.Gone("user"), "user is gone"},
		{"Gone empty", httperr.Gone(""), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err.Detail() != tt.detail {
				t.Errorf("Detail() = %q, want %q", tt.err.Detail(), tt.detail)
			}
			m := problemMembers(t, respondQuiet(tt.err).Body)
			want := tt.detail
			if want == "" {
				want = httperr.English().Description(tt.err.Status())
			}
			if string(m["detail"]) != strconv.Quote(want) {
				t.Errorf("detail member %s, want %q", m["detail"], want)
			}
		})
	}
	const want = `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"
	if got := string(respondQuiet(httperr.NotFound("user")).Body); got != want {
		t.Errorf("NotFound(\"user\") body\n%s\nwant\n%s", got, want)
	}
}

func TestValidation(t *testing.T) {
	// The violations of RFC 9457 section 3's example.
	e := httperr.Validation(
		httperr.Violation{Pointer: "#/age", Detail: "must be a positive integer"},
		httperr.Violation{Pointer: "#/profile/color", Detail: "must be 'green', 'red' or 'blue'",
			Extensions: map[string]any{"allowed": []string{"green", "red", "blue"}, "pointer": "ignored"}},
	)
	if e.Status() != 422 {
		t.Errorf("Status() = %d", e.Status())
	}
	vs := e.Violations()
	if len(vs) != 2 || vs[0].Pointer != "#/age" || vs[1].Detail != "must be 'green', 'red' or 'blue'" {
		t.Errorf("Violations() = %+v", vs)
	}
	const want = `{"type":"about:blank","title":"Unprocessable Content","status":422,` +
		`"detail":"The server understands the content type of the request and the content is syntactically correct, but the server was unable to process the contained instructions.",` +
		`"errors":[{"detail":"must be a positive integer","pointer":"#/age"},` +
		`{"detail":"must be 'green', 'red' or 'blue'","pointer":"#/profile/color","allowed":["green","red","blue"]}]}` + "\n"
	if got := string(respondQuiet(e).Body); got != want {
		t.Errorf("body\n%s\nwant\n%s", got, want)
	}

	// Extension members of the problem sort around "errors".
	e2 := e.WithType("https://example.net/validation-error").With("zone", 1).With("account", "a")
	m := problemMembers(t, respondQuiet(e2).Body)
	if len(m) != 7 {
		t.Errorf("%d members: %v", len(m), m)
	}

	// No violation: an empty array, never null.
	m = problemMembers(t, respondQuiet(httperr.Validation()).Body)
	if got := string(m["errors"]); got != "[]" {
		t.Errorf("Validation() errors member = %s, want []", got)
	}
	// WithErrors replaces the list.
	e3 := e.WithErrors(httperr.Violation{Pointer: "#/name", Detail: "is required"})
	if got := e3.Violations(); len(got) != 1 || got[0].Pointer != "#/name" {
		t.Errorf("WithErrors did not replace: %+v", got)
	}
}

// TestResourceDetailSuffix checks that the detail NotFound and Gone build from a resource name, kept as the
// name and a constant ending, renders as the whole string would: escaped together in JSON and XML, and
// replaced whole by WithDetail.
func TestResourceDetailSuffix(t *testing.T) {
	rd := testkit.Quiet()
	for _, tc := range []struct {
		err  *httperr.Error
		want string
	}{
		{httperr.NotFound("user"), "user not found"},
		{httperr.NotFound("<b>\xff\xe2\x82"), "<b>\xff\xe2\x82 not found"},
		{httperr.Gone("page & co"), "page & co is gone"},
		{httperr.NotFound("user").WithDetail("no such user"), "no such user"},
		{httperr.NotFound("user").With("id", 7), "user not found"},
	} {
		if got := tc.err.Detail(); got != tc.want {
			t.Errorf("Detail() = %q, want %q", got, tc.want)
		}
		wantJSON, _ := json.Marshal(tc.want)
		body := string(rd.Prepare(context.Background(), tc.err, httperr.Request{Method: "GET"}).Body)
		if !strings.Contains(body, `"detail":`+string(wantJSON)+`,`) && !strings.Contains(body, `"detail":`+string(wantJSON)+`}`) {
			t.Errorf("JSON body %s lacks the detail %s", body, wantJSON)
		}
		var p struct {
			Detail string `xml:"detail"`
		}
		xmlBody := rd.Prepare(context.Background(), tc.err, httperr.Request{Method: "GET", Accept: "application/xml"}).Body
		if err := xml.Unmarshal(xmlBody, &p); err != nil || p.Detail != string([]rune(tc.want)) { // each invalid byte becomes U+FFFD
			t.Errorf("XML detail %q (%v), want %q", p.Detail, err, tc.want)
		}
		if !strings.Contains(tc.err.Error(), tc.want) {
			t.Errorf("Error() = %q lacks %q", tc.err.Error(), tc.want)
		}
	}
}

// TestErrorTitle: Title is the title sent in English: the one set with WithTitle, else the catalog's for the
// status sent.
func TestErrorTitle(t *testing.T) {
	var nilError *httperr.Error
	tests := []struct {
		name string
		err  *httperr.Error
		want string
	}{
		{"catalog", httperr.NotFound("user"), "Not Found"},
		{"set", httperr.NotFound("user").WithTitle("No Such User"), "No Such User"},
		{"set, then a detail", httperr.Conflict("taken").WithTitle("Taken").WithDetail("email taken"), "Taken"},
		{"unregistered 4xx", httperr.New(460, "odd"), "Client Error"},
		{"status out of range, sent as 500", httperr.New(200, "not an error"), "Internal Server Error"},
		{"teapot", httperr.Teapot("short and stout"), "I'm a teapot"},
		{"nil, sent as 500", nilError, "Internal Server Error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Title(); got != tt.want {
				t.Errorf("Title() = %q, want %q", got, tt.want)
			}
			if tt.err == nil {
				return
			}
			rec := httptest.NewRecorder()
			rd := testkit.Quiet()
			rd.Render(rec, httptest.NewRequest(http.MethodGet, "/", nil), tt.err)
			var body struct{ Title string }
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Title != tt.want {
				t.Errorf("rendered title %q (%v), Title() %q", body.Title, err, tt.want)
			}
			if msg := tt.err.Error(); !strings.HasPrefix(msg, strconv.Itoa(tt.err.Status())+" "+tt.want) {
				t.Errorf("Error() = %q, want it to start with the status and %q", msg, tt.want)
			}
		})
	}
}
