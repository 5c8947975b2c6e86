package httperr_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/httperr/toolkit/httperr"
)

// clientRenderer renders without logging.
var clientRenderer = &httperr.Renderer{Logger: slog.New(slog.DiscardHandler)}

// clientKeptHeaders are the header fields a decoded error keeps by default.
var clientKeptHeaders = []string{
	"Accept", "Accept-Encoding", "Accept-Patch", "Accept-Post", "Allow", "Content-Range",
	"Proxy-Authenticate", "Retry-After", "Upgrade", "Www-Authenticate",
}

// clientResponse makes the *http.Response a client would get for a rendered problem.
func clientResponse(r httperr.Response) *http.Response {
	return &http.Response{
		StatusCode: r.Status,
		Status:     strconv.Itoa(r.Status) + " " + http.StatusText(r.Status),
		Header:     r.Header,
		Body:       io.NopCloser(bytes.NewReader(r.Body)),
	}
}

// clientCases are the problems the round-trip test renders and decodes.
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

// clientBodyMembers parses the five members of a rendered body with encoding/json or encoding/xml, apart
// from the decoder under test.
type clientBodyMembers struct {
	Type     string `json:"type" xml:"type"`
	Title    string `json:"title" xml:"title"`
	Status   int    `json:"status" xml:"status"`
	Detail   string `json:"detail" xml:"detail"`
	Instance string `json:"instance" xml:"instance"`
}

// clientJSONForm returns v as encoding/json gives it back when decoded into any.
func clientJSONForm(t *testing.T, v any) any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// clientXMLForm returns v as the XML form of RFC 9457 appendix B gives it back: every scalar as its text,
// lists and objects as []any and map[string]any, empty ones as "".
func clientXMLForm(t *testing.T, v any) any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		t.Fatal(err)
	}
	var conv func(any) any
	conv = func(v any) any {
		switch x := v.(type) {
		case nil:
			return ""
		case bool:
			return strconv.FormatBool(x)
		case json.Number:
			return string(x)
		case []any:
			if len(x) == 0 {
				return ""
			}
			for i := range x {
				x[i] = conv(x[i])
			}
		case map[string]any:
			if len(x) == 0 {
				return ""
			}
			for k := range x {
				x[k] = conv(x[k])
			}
		}
		return v
	}
	return conv(generic)
}

func TestFromResponseRoundTrip(t *testing.T) {
	renderers := []struct {
		name string
		rd   *httperr.Renderer
	}{
		{"zero", clientRenderer},
		{"type base", &httperr.Renderer{Logger: slog.New(slog.DiscardHandler), TypeBase: "https://example.com/problems/"}},
	}
	requests := []struct {
		name string
		req  httperr.Request
	}{
		{"json", httperr.Request{Method: http.MethodGet}},
		{"json fr", httperr.Request{Method: http.MethodGet, AcceptLanguage: "fr-CA"}},
		{"xml", httperr.Request{Method: http.MethodGet, Accept: "application/problem+xml"}},
		{"xml fr", httperr.Request{Method: http.MethodPost, Accept: "application/xml", AcceptLanguage: "fr"}},
	}
	for _, tc := range clientCases() {
		for _, rdc := range renderers {
			for _, rq := range requests {
				t.Run(tc.name+"/"+rdc.name+"/"+rq.name, func(t *testing.T) {
					rendered := rdc.rd.Prepare(context.Background(), tc.err, rq.req)
					isXML := strings.HasPrefix(rq.name, "xml")
					var want clientBodyMembers
					var err error
					if isXML {
						err = xml.Unmarshal(rendered.Body, &want)
					} else {
						err = json.Unmarshal(rendered.Body, &want)
					}
					if err != nil {
						t.Fatalf("rendered body does not parse: %v\n%s", err, rendered.Body)
					}
					res := clientResponse(rendered)
					got := clientDecode(t, res)

					orig := httperr.From(tc.err)
					if got.Status() != rendered.Status || got.Status() != orig.Status() || want.Status != got.Status() {
						t.Errorf("status %d, rendered %d, original %d", got.Status(), rendered.Status, orig.Status())
					}
					if got.Type() != want.Type || got.Title() != want.Title || got.Detail() != want.Detail ||
						got.Instance() != want.Instance {
						t.Errorf("got type %q title %q detail %q instance %q,\nwant %+v", got.Type(), got.Title(),
							got.Detail(), got.Instance(), want)
					}
					// Anchor the independent parse to the error itself.
					if orig.Instance() != want.Instance || orig.Type() != "" && orig.Type() != want.Type ||
						orig.Title() != httperr.Title(orig.Status()) && orig.Title() != want.Title || orig.Detail() != "" && orig.Detail() != want.Detail {
						t.Errorf("rendered %+v does not show the original %v", want, orig)
					}
					if rdc.name == "zero" && !strings.HasSuffix(rq.name, "fr") &&
						(got.Title() != cmp.Or(orig.Title(), httperr.Title(orig.Status())) ||
							got.Detail() != cmp.Or(orig.Detail(), httperr.Description(orig.Status())) ||
							got.Type() != cmp.Or(orig.Type(), "about:blank")) {
						t.Errorf("English: got title %q detail %q type %q", got.Title(), got.Detail(), got.Type())
					}

					// Extensions, violations apart.
					form := func(v any) any { return clientJSONForm(t, v) }
					if isXML {
						form = func(v any) any { return clientXMLForm(t, v) }
					}
					wantExt := map[string]any{}
					for k, v := range orig.Extensions() {
						if k != "errors" {
							wantExt[k] = form(v)
						}
					}
					gotExt := got.Extensions()
					delete(gotExt, "errors")
					if len(wantExt) != 0 || len(gotExt) != 0 {
						if !reflect.DeepEqual(gotExt, wantExt) {
							t.Errorf("extensions\n got %#v\nwant %#v", gotExt, wantExt)
						}
					}
					wantVs := orig.Violations()
					for i := range wantVs {
						if len(wantVs[i].Extensions) > 0 {
							wantVs[i].Extensions = form(wantVs[i].Extensions).(map[string]any)
						} else {
							wantVs[i].Extensions = nil
						}
					}
					if gotVs := got.Violations(); !reflect.DeepEqual(gotVs, wantVs) {
						t.Errorf("violations\n got %#v\nwant %#v", gotVs, wantVs)
					}

					// Header fields: those the decoder keeps, as rendered; the error's own among them.
					wantHeader := http.Header{}
					for _, k := range clientKeptHeaders {
						if v, ok := rendered.Header[k]; ok {
							wantHeader[k] = v
						}
					}
					if gotHeader := got.Header(); !reflect.DeepEqual(gotHeader, wantHeader) {
						t.Errorf("header\n got %v\nwant %v", gotHeader, wantHeader)
					}
					for k, v := range orig.Header() {
						if !slices.Equal(got.Header()[k], v) {
							t.Errorf("header %s: got %q, want %q", k, got.Header()[k], v)
						}
					}
					if orig.Status() == http.StatusUnauthorized && got.Header().Get("WWW-Authenticate") == "" {
						t.Error("401 without WWW-Authenticate")
					}
					if d1, ok1 := orig.RetryAfter(); ok1 {
						if d2, ok2 := got.RetryAfter(); !ok2 || d1 != d2 {
							t.Errorf("RetryAfter %v %v, want %v", d2, ok2, d1)
						}
					}
					if strings.Contains(got.Error(), "hunter2") {
						t.Errorf("a 5xx cause crossed the wire: %v", got)
					}

					// Passed through, the decoded error renders again as the same body; as it is, as a gateway error.
					again := rdc.rd.Prepare(context.Background(), got.PassThrough(), rq.req)
					if !bytes.Equal(again.Body, rendered.Body) && !isXML {
						t.Errorf("re-rendered body differs:\n%s\n%s", again.Body, rendered.Body)
					}
					wantGateway := http.StatusBadGateway
					if got.Status() == http.StatusGatewayTimeout {
						wantGateway = http.StatusGatewayTimeout
					}
					if gw := rdc.rd.Prepare(context.Background(), got, rq.req); gw.Status != wantGateway {
						t.Errorf("remote error rendered as %d, want %d", gw.Status, wantGateway)
					}
				})
			}
		}
	}
}

// clientDecode decodes res and checks that the result is an *Error.
func clientDecode(t *testing.T, res *http.Response) *httperr.Error {
	t.Helper()
	err := httperr.FromResponse(res)
	var e *httperr.Error
	if !errors.As(err, &e) {
		t.Fatalf("FromResponse(%d) = %v (%T), want an *Error", res.StatusCode, err, err)
	}
	return e
}

func TestFromResponseNoError(t *testing.T) {
	for _, code := range []int{100, 200, 204, 301, 304, 399} {
		body := &clientBody{r: strings.NewReader("hello")}
		res := &http.Response{StatusCode: code, Header: http.Header{}, Body: body}
		if err := httperr.FromResponse(res); err != nil {
			t.Errorf("%d: %v", code, err)
		}
		if body.closed || body.n != 0 || res.Body != body {
			t.Errorf("%d: body touched", code)
		}
	}
	if err := httperr.FromResponse(nil); err != nil {
		t.Errorf("nil response: %v", err)
	}
}

// clientBody is a response body that counts what is read of it and remembers being closed.
type clientBody struct {
	r      io.Reader
	n      int64
	closed bool
}

func (b *clientBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.n += int64(n)
	return n, err
}

func (b *clientBody) Close() error { b.closed = true; return nil }

// clientZeros is an endless body.
type clientZeros struct{}

func (clientZeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestFromResponseBodies(t *testing.T) {
	const pj, px = "application/problem+json", "application/problem+xml"
	big := `{"title":"T","pad":"` + strings.Repeat("x", 100) + `"}`
	tests := []struct {
		name        string
		status      int
		contentType string
		encoding    string
		body        string
		dec         httperr.Decoder
		// want: title, detail, type, instance and extensions; a problem with none of them is the status alone.
		title, detail, typ, instance string
		ext                          map[string]any
	}{
		{name: "html from a proxy", status: 502, contentType: "text/html", body: "<html><body><h1>502 Bad Gateway</h1></body></html>"},
		{name: "empty", status: 404, contentType: pj},
		{name: "no content type", status: 404, body: `{"title":"T"}`},
		{name: "plain json", status: 400, contentType: "application/json", body: `{"title":"T","message":"m"}`},
		{name: "truncated", status: 404, contentType: pj, body: `{"type":"about:blank","title":"Not Fo`},
		{name: "array", status: 400, contentType: pj, body: `[{"title":"T"}]`},
		{name: "null", status: 400, contentType: pj, body: `null`},
		{name: "string", status: 400, contentType: pj, body: `"T"`},
		{name: "trailing data", status: 400, contentType: pj, body: `{"title":"T"} {"title":"U"}`},
		{name: "trailing space", status: 400, contentType: pj, body: "{\"title\":\"T\"} \n\t", title: "T"},
		{name: "bom", status: 400, contentType: pj, body: "\ufeff{\"title\":\"T\"}", title: "T"},
		{name: "content type parameters and case", status: 400, contentType: "Application/Problem+JSON; charset=utf-8", body: `{"title":"T"}`, title: "T"},
		{name: "bad content type parameters", status: 400, contentType: "application/problem+json; charset", body: `{"title":"T"}`, title: "T"},
		{name: "gzip", status: 400, contentType: pj, encoding: "gzip", body: `{"title":"T"}`},
		{name: "identity encoding", status: 400, contentType: pj, encoding: "identity", body: `{"title":"T"}`, title: "T"},
		{name: "wrong member types", status: 404, contentType: pj,
			body:   `{"type":1,"title":["T"],"status":"404","detail":"d","instance":{"a":1}}`,
			detail: "d"},
		{name: "status disagrees", status: 503, contentType: pj, body: `{"title":"Not Found","status":404,"detail":"d"}`,
			title: "Not Found", detail: "d"},
		{name: "all members", status: 409, contentType: pj,
			body:  `{"type":"https://e.x/t","title":"T","status":409,"detail":"D","instance":"/i","n":1.5,"s":"x","b":false,"z":null,"l":[1,"a"],"o":{"k":"v"}}`,
			title: "T", detail: "D", typ: "https://e.x/t", instance: "/i",
			ext: map[string]any{"n": 1.5, "s": "x", "b": false, "z": nil, "l": []any{1.0, "a"}, "o": map[string]any{"k": "v"}}},
		{name: "numbers as float64", status: 400, contentType: pj, body: `{"id":12345678901234567890,"huge":1e400}`,
			ext: map[string]any{"id": 12345678901234567890.0, "huge": json.Number("1e400")}},
		{name: "numbers as json.Number", status: 400, contentType: pj, body: `{"id":12345678901234567890,"l":[1]}`,
			dec: httperr.Decoder{UseNumber: true},
			ext: map[string]any{"id": json.Number("12345678901234567890"), "l": []any{json.Number("1")}}},
		{name: "member names are case sensitive", status: 400, contentType: pj, body: `{"Title":"T"}`,
			ext: map[string]any{"Title": "T"}},
		{name: "errors not violations", status: 422, contentType: pj, body: `{"errors":[{"field":"name","message":"bad"}]}`,
			ext: map[string]any{"errors": []any{map[string]any{"field": "name", "message": "bad"}}}},
		{name: "errors with a bad pointer", status: 422, contentType: pj, body: `{"errors":[{"detail":"d","pointer":1}]}`,
			ext: map[string]any{"errors": []any{map[string]any{"detail": "d", "pointer": 1.0}}}},
		{name: "errors as violations", status: 422, contentType: pj, body: `{"errors":[{"detail":"d"},{"pointer":"#/a","code":7}]}`,
			ext: map[string]any{"errors": []httperr.Violation{{Detail: "d"}, {Pointer: "#/a", Extensions: map[string]any{"code": 7.0}}}}},
		{name: "body at the limit", status: 400, contentType: pj, body: big, dec: httperr.Decoder{MaxBody: int64(len(big))},
			title: "T", ext: map[string]any{"pad": strings.Repeat("x", 100)}},
		{name: "body over the limit", status: 400, contentType: pj, body: big, dec: httperr.Decoder{MaxBody: int64(len(big)) - 1}},
		{name: "body not read", status: 400, contentType: pj, body: big, dec: httperr.Decoder{MaxBody: -1}},

		{name: "xml", status: 409, contentType: px,
			body: `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<!-- c --><problem xmlns="urn:ietf:rfc:7807"><type>https://e.x/t</type><title>T &amp; U</title>` +
				`<status>409</status><detail><![CDATA[<D>]]></detail><instance>/i</instance><n>1.5</n><l><i>1</i><i>a</i></l>` +
				`<o><k>v</k><k2><i>x</i></k2></o><empty/></problem>` + "\n",
			title: "T & U", detail: "<D>", typ: "https://e.x/t", instance: "/i",
			ext: map[string]any{"n": "1.5", "l": []any{"1", "a"}, "o": map[string]any{"k": "v", "k2": []any{"x"}}, "empty": ""}},
		{name: "xml violations", status: 422, contentType: px,
			body: `<problem xmlns="urn:ietf:rfc:7807"><errors><i><detail>d</detail><pointer>#/a</pointer><min>0</min></i></errors></problem>`,
			ext:  map[string]any{"errors": []httperr.Violation{{Detail: "d", Pointer: "#/a", Extensions: map[string]any{"min": "0"}}}}},
		{name: "xml prefixed namespace", status: 400, contentType: px,
			body:  `<p:problem xmlns:p="urn:ietf:rfc:7807"><p:title>T</p:title><x:title xmlns:x="urn:other">X</x:title><x:ext xmlns:x="urn:other">e</x:ext></p:problem>`,
			title: "T", ext: map[string]any{"ext": "e"}},
		{name: "xml member with children", status: 400, contentType: px,
			body:   `<problem xmlns="urn:ietf:rfc:7807"><title><b>T</b></title><detail>d</detail></problem>`,
			detail: "d"},
		{name: "xml no namespace", status: 400, contentType: px, body: `<problem><title>T</title></problem>`},
		{name: "xml other root", status: 400, contentType: px, body: `<html xmlns="urn:ietf:rfc:7807"><title>T</title></html>`},
		{name: "xml two roots", status: 400, contentType: px,
			body: `<problem xmlns="urn:ietf:rfc:7807"><title>T</title></problem><problem xmlns="urn:ietf:rfc:7807"/>`},
		{name: "xml text after root", status: 400, contentType: px, body: `<problem xmlns="urn:ietf:rfc:7807"/>junk`},
		{name: "xml truncated", status: 400, contentType: px, body: `<problem xmlns="urn:ietf:rfc:7807"><title>T</title>`},
		{name: "xml undefined entity", status: 400, contentType: px, body: `<problem xmlns="urn:ietf:rfc:7807"><title>&bomb;</title></problem>`},
		{name: "xml latin-1", status: 400, contentType: px,
			body: `<?xml version="1.0" encoding="ISO-8859-1"?><problem xmlns="urn:ietf:rfc:7807"><title>T</title></problem>`},
		{name: "xml too deep", status: 400, contentType: px,
			body: `<problem xmlns="urn:ietf:rfc:7807"><title>T</title><x>` + strings.Repeat("<a>", 1001) + strings.Repeat("</a>", 1001) + `</x></problem>`},
		{name: "xml deep enough", status: 400, contentType: px,
			body:  `<problem xmlns="urn:ietf:rfc:7807"><title>T</title><x>` + strings.Repeat("<a>", 998) + strings.Repeat("</a>", 998) + `</x></problem>`,
			title: "T", ext: map[string]any{"x": func() any {
				var v any = ""
				for range 998 {
					v = map[string]any{"a": v}
				}
				return v
			}()}},
		{name: "status above 599", status: 600, contentType: pj, body: `{"title":"T"}`, title: "T"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := &clientBody{r: strings.NewReader(tc.body)}
			h := http.Header{}
			if tc.contentType != "" {
				h.Set("Content-Type", tc.contentType)
			}
			if tc.encoding != "" {
				h.Set("Content-Encoding", tc.encoding)
			}
			res := &http.Response{StatusCode: tc.status, Header: h, Body: body}
			err := tc.dec.FromResponse(res)
			var e *httperr.Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v (%T), want an *Error", err, err)
			}
			wantStatus := tc.status
			if wantStatus > 599 {
				wantStatus = http.StatusInternalServerError
			}
			if e.Status() != wantStatus || httperr.StatusOf(err) != wantStatus {
				t.Errorf("status %d, want %d", e.Status(), wantStatus)
			}
			if e.Title() != cmp.Or(tc.title, httperr.Title(wantStatus)) || e.Detail() != tc.detail || e.Type() != tc.typ || e.Instance() != tc.instance {
				t.Errorf("got title %q detail %q type %q instance %q, want %q %q %q %q", e.Title(), e.Detail(),
					e.Type(), e.Instance(), tc.title, tc.detail, tc.typ, tc.instance)
			}
			if got := e.Extensions(); !reflect.DeepEqual(got, tc.ext) {
				t.Errorf("extensions\n got %#v\nwant %#v", got, tc.ext)
			}
			if !body.closed {
				t.Error("body not closed")
			}
			rest, _ := io.ReadAll(res.Body)
			if want := tc.body; tc.dec.MaxBody < 0 {
				if len(rest) != 0 {
					t.Errorf("body left: %q, want nothing", rest)
				}
			} else if tc.dec.MaxBody > 0 && int64(len(want)) > tc.dec.MaxBody {
				if string(rest) != want[:tc.dec.MaxBody] {
					t.Errorf("body left: %q, want the first %d bytes", rest, tc.dec.MaxBody)
				}
			} else if string(rest) != want {
				t.Errorf("body left: %q, want %q", rest, want)
			}
			if err := res.Body.Close(); err != nil {
				t.Errorf("closing again: %v", err)
			}
		})
	}
}

func TestFromResponseBounded(t *testing.T) {
	for _, dec := range []httperr.Decoder{{}, {MaxBody: 10}, {MaxBody: -1}} {
		body := &clientBody{r: clientZeros{}}
		res := &http.Response{StatusCode: 500, Header: http.Header{"Content-Type": {"application/problem+json"}}, Body: body}
		e := clientDecodeWith(t, dec, res)
		if e.Status() != 500 || e.Title() != httperr.Title(500) {
			t.Errorf("got %v", e)
		}
		limit := cmp.Or(max(dec.MaxBody, 0), httperr.DefaultMaxBody)
		if dec.MaxBody < 0 {
			limit = 0
		}
		if most := limit + 1 + 64<<10; body.n > most || !body.closed {
			t.Errorf("MaxBody %d: read %d bytes (at most %d wanted), closed %v", dec.MaxBody, body.n, most, body.closed)
		}
	}
}

// clientFailing is a body whose read fails after some data.
type clientFailing struct{ data string }

func (b *clientFailing) Read(p []byte) (int, error) {
	if b.data == "" {
		return 0, errors.New("connection reset")
	}
	n := copy(p, b.data)
	b.data = b.data[n:]
	return n, nil
}

func TestFromResponseReadError(t *testing.T) {
	res := &http.Response{StatusCode: 404, Header: http.Header{"Content-Type": {"application/problem+json"}},
		Body: io.NopCloser(&clientFailing{data: `{"title":"T"}`})}
	if e := clientDecodeWith(t, httperr.Decoder{}, res); e.Title() != httperr.Title(404) || e.Status() != 404 {
		t.Errorf("a body cut by a read error was decoded: %v", e)
	}
	res = &http.Response{StatusCode: 404, Header: http.Header{}}
	if e := clientDecodeWith(t, httperr.Decoder{}, res); e.Status() != 404 || res.Body == nil {
		t.Errorf("nil body: %v, body %v", e, res.Body)
	}
}

func clientDecodeWith(t *testing.T, dec httperr.Decoder, res *http.Response) *httperr.Error {
	t.Helper()
	var e *httperr.Error
	if err := dec.FromResponse(res); !errors.As(err, &e) {
		t.Fatalf("got %v (%T), want an *Error", err, err)
	}
	return e
}

func TestFromResponseHeaders(t *testing.T) {
	h := http.Header{
		"Content-Type":     {"text/plain"},
		"Set-Cookie":       {"session=1"},
		"Location":         {"/elsewhere"},
		"Cache-Control":    {"max-age=60"},
		"Www-Authenticate": {`Basic realm="a"`, `Bearer realm="b"`},
		"Retry-After":      {"7"},
		"Allow":            {"GET"},
		"Upgrade":          {"bad\r\nInjected: 1"},
		"X-Request-Id":     {"abc"},
	}
	res := &http.Response{StatusCode: 401, Header: h, Body: http.NoBody}
	e := clientDecodeWith(t, httperr.Decoder{}, res)
	want := http.Header{
		"Www-Authenticate": {`Basic realm="a"`, `Bearer realm="b"`},
		"Retry-After":      {"7"},
		"Allow":            {"GET"},
	}
	if got := e.Header(); !reflect.DeepEqual(got, want) {
		t.Errorf("header\n got %v\nwant %v", got, want)
	}
	if d, ok := e.RetryAfter(); d != 7*time.Second || !ok {
		t.Errorf("RetryAfter = %v, %v", d, ok)
	}

	res = &http.Response{StatusCode: 401, Header: h, Body: http.NoBody}
	e = clientDecodeWith(t, httperr.Decoder{Headers: []string{"x-request-id", "bad name"}}, res)
	if got, want := e.Header(), (http.Header{"X-Request-Id": {"abc"}}); !reflect.DeepEqual(got, want) {
		t.Errorf("own list: header %v, want %v", got, want)
	}
	res = &http.Response{StatusCode: 401, Header: h, Body: http.NoBody}
	e = clientDecodeWith(t, httperr.Decoder{Headers: []string{}}, res)
	if got := e.Header(); len(got) != 0 {
		t.Errorf("empty list: header %v", got)
	}
	// The header is the error's own: changing the response's does not change it.
	h.Set("Allow", "POST")
	if got := e.Header().Get("Allow"); got != "" {
		t.Errorf("Allow %q", got)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Now()
	tests := []struct {
		value string
		want  time.Duration
		ok    bool
	}{
		{"120", 2 * time.Minute, true},
		{"0", 0, true},
		{" 5\t", 5 * time.Second, true},
		{"007", 7 * time.Second, true},
		{"31536000", 365 * 24 * time.Hour, true},
		{"31536001", 365 * 24 * time.Hour, true},
		{"99999999999999999999999999", 365 * 24 * time.Hour, true},
		{"", 0, false},
		{"-1", 0, false},
		{"+1", 0, false},
		{"1.5", 0, false},
		{"1 2", 0, false},
		{"soon", 0, false},
		{now.Add(-time.Hour).UTC().Format(http.TimeFormat), 0, true},
		{"Sun, 06 Nov 1994 08:49:37 GMT", 0, true},
		{"Sunday, 06-Nov-94 08:49:37 GMT", 0, true},
		{"Sun Nov  6 08:49:37 1994", 0, true},
		{"Sun, 06 Nov 1994 08:49:37", 0, false},
	}
	for _, tc := range tests {
		e := httperr.TooManyRequests(0).WithHeader("Retry-After", tc.value)
		if got, ok := e.RetryAfter(); got != tc.want || ok != tc.ok {
			t.Errorf("Retry-After %q: got %v, %v; want %v, %v", tc.value, got, ok, tc.want, tc.ok)
		}
	}
	for _, ahead := range []time.Duration{90 * time.Second, 2 * time.Hour} {
		e := httperr.ServiceUnavailable(0).WithRetryAt(time.Now().Add(ahead))
		got, ok := e.RetryAfter()
		if !ok || got > ahead || got < ahead-2*time.Second {
			t.Errorf("date %v ahead: got %v, %v", ahead, got, ok)
		}
	}
	if got, ok := httperr.ServiceUnavailable(2 * time.Minute).RetryAfter(); got != 2*time.Minute || !ok {
		t.Errorf("ServiceUnavailable(2m).RetryAfter() = %v, %v", got, ok)
	}
	if got, ok := httperr.NotFound("x").RetryAfter(); got != 0 || ok {
		t.Errorf("no Retry-After: %v, %v", got, ok)
	}
	if got, ok := (*httperr.Error)(nil).RetryAfter(); got != 0 || ok {
		t.Errorf("nil: %v, %v", got, ok)
	}
}

// clientServer serves a few problems and a redirect.
func clientServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /ok", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "fine") })
	mux.HandleFunc("GET /moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ok", http.StatusFound) })
	mux.HandleFunc("GET /users/{id}", func(w http.ResponseWriter, r *http.Request) {
		clientRenderer.Render(w, r, httperr.NotFound("user").WithInstance(r.URL.Path))
	})
	mux.HandleFunc("GET /busy", func(w http.ResponseWriter, r *http.Request) {
		clientRenderer.Render(w, r, httperr.ServiceUnavailable(2*time.Minute))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestTransport(t *testing.T) {
	srv := clientServer(t)
	client := &http.Client{Transport: &httperr.Transport{Base: srv.Client().Transport}}

	res, err := client.Get(srv.URL + "/users/42")
	if res != nil {
		t.Errorf("got a response: %v", res.Status)
	}
	if got := httperr.StatusOf(err); got != http.StatusNotFound {
		t.Errorf("StatusOf = %d, want 404 (err %v)", got, err)
	}
	var uerr *url.Error
	if !errors.As(err, &uerr) {
		t.Errorf("not a *url.Error: %T", err)
	}
	e, ok := clientAs(err)
	if !ok || e.Detail() != "user not found" || e.Instance() != "/users/42" || e.Title() != "Not Found" {
		t.Errorf("AsType: %v, %v", e, ok)
	}
	if from := httperr.From(err); from != e {
		t.Errorf("From = %v, want the decoded error", from)
	}
	if want := `Get "` + srv.URL + `/users/42": 404 Not Found: user not found`; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}

	_, err = client.Get(srv.URL + "/busy")
	if d, ok := httperr.From(err).RetryAfter(); httperr.StatusOf(err) != 503 || d != 2*time.Minute || !ok {
		t.Errorf("busy: %v, Retry-After %v %v", err, d, ok)
	}

	for _, path := range []string{"/ok", "/moved"} {
		res, err = client.Get(srv.URL + path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || string(body) != "fine" {
			t.Errorf("%s: %d %q", path, res.StatusCode, body)
		}
	}

	// Transport errors pass through.
	srv.Close()
	_, err = client.Get(srv.URL + "/ok")
	if err == nil || httperr.StatusOf(err) != 500 {
		t.Errorf("closed server: %v", err)
	}
	if _, ok := clientAs(err); ok {
		t.Errorf("a connection error became an *Error: %v", err)
	}
	client.CloseIdleConnections()
}

// clientBase is a RoundTripper that answers every request with a 429 and counts CloseIdleConnections.
type clientBase struct{ closed int }

func (b *clientBase) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 429, Header: http.Header{"Retry-After": {"3"}}, Body: http.NoBody, Request: req}, nil
}

func (b *clientBase) CloseIdleConnections() { b.closed++ }

func TestTransportBase(t *testing.T) {
	base := &clientBase{}
	tr := &httperr.Transport{Base: base, Decoder: httperr.Decoder{Headers: []string{}}}
	client := &http.Client{Transport: tr}
	_, err := client.Get("http://example.invalid/")
	e, ok := clientAs(err)
	if !ok || e.Status() != 429 {
		t.Fatalf("got %v", err)
	}
	if _, ok := e.RetryAfter(); ok {
		t.Error("the Decoder's Headers were not used")
	}
	client.CloseIdleConnections()
	if base.closed != 1 {
		t.Errorf("CloseIdleConnections reached the base %d times", base.closed)
	}
	(&httperr.Transport{}).CloseIdleConnections() // http.DefaultTransport: must not panic
}

// FuzzFromResponse checks that any body with any content type decodes without panic into an *Error with the
// HTTP status, that the error renders again as valid JSON and XML, and that it keeps no unsafe header value.
func FuzzFromResponse(f *testing.F) {
	for _, tc := range clientCases()[:24] {
		for _, accept := range []string{"", "application/problem+xml"} {
			r := clientRenderer.Prepare(context.Background(), tc.err, httperr.Request{Method: http.MethodGet, Accept: accept})
			f.Add(r.Body, r.Header.Get("Content-Type"), r.Status, r.Header.Get("Retry-After"))
		}
	}
	f.Add([]byte("<html>502</html>"), "text/html", 502, "")
	f.Add([]byte(`{"errors":[{"detail":"d","pointer":"#/a"}],"n":1e400}`), "application/problem+json", 422, "Sun, 06 Nov 1994 08:49:37 GMT")
	f.Fuzz(func(t *testing.T, body []byte, contentType string, status int, retryAfter string) {
		status = 400 + int(uint(status)%200)
		h := http.Header{"Content-Type": {contentType}, "Retry-After": {retryAfter}}
		res := &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(bytes.NewReader(body))}
		err := httperr.FromResponse(res)
		e, ok := clientAs(err)
		if !ok || e.Status() != status || httperr.StatusOf(err) != status {
			t.Fatalf("got %v (%T), want an *Error with status %d", err, err, status)
		}
		if d, ok := e.RetryAfter(); d < 0 || d > 365*24*time.Hour || !ok && d != 0 {
			t.Fatalf("RetryAfter = %v, %v", d, ok)
		}
		if ra := e.Header()["Retry-After"]; len(ra) > 1 || len(ra) == 1 && !clientRetryAfterClamped(ra[0]) {
			t.Fatalf("Retry-After %q kept", ra)
		}
		for k, vs := range e.Header() {
			for _, v := range vs {
				if strings.ContainsAny(v, "\r\n\x00") {
					t.Fatalf("header %s: %q", k, v)
				}
			}
		}
		_ = e.Error()
		_ = e.Violations()
		gw := clientRenderer.Prepare(context.Background(), e, httperr.Request{Method: http.MethodGet})
		if gw.Status != http.StatusBadGateway && gw.Status != http.StatusGatewayTimeout ||
			!bytes.HasSuffix(gw.Body, []byte(`"detail":`+strconv.Quote(httperr.Description(gw.Status))+"}\n")) ||
			gw.Header.Get("Retry-After") != "" {
			t.Fatalf("remote error rendered as %d %v\n%s", gw.Status, gw.Header, gw.Body)
		}
		e = e.PassThrough()
		js := clientRenderer.Prepare(context.Background(), e, httperr.Request{Method: http.MethodGet})
		if !json.Valid(js.Body) || js.Status != status {
			t.Fatalf("re-rendered JSON is not valid:\n%s", js.Body)
		}
		xs := clientRenderer.Prepare(context.Background(), e, httperr.Request{Method: http.MethodGet, Accept: "application/xml"})
		var p struct {
			XMLName xml.Name
			Status  int `xml:"status"`
		}
		if err := xml.Unmarshal(xs.Body, &p); err != nil || p.Status != status {
			t.Fatalf("re-rendered XML: %v, status %d\n%s", err, p.Status, xs.Body)
		}
		// What decodes once decodes to the same thing again.
		again := clientDecode(t, clientResponse(js))
		if again.Type() != cmp.Or(e.Type(), "about:blank") || again.Instance() != e.Instance() ||
			e.Title() != "" && again.Title() != e.Title() || e.Detail() != "" && again.Detail() != e.Detail() {
			t.Fatalf("second decode differs: %v then %v", e, again)
		}
	})
}

// clientAs is errors.As for *httperr.Error (errors.AsType needs Go 1.26; the module supports 1.25).
func clientAs(err error) (*httperr.Error, bool) {
	var e *httperr.Error
	ok := errors.As(err, &e)
	return e, ok
}

// clientRetryAfterClamped reports whether v is a Retry-After as the renderer would send it: delay-seconds
// of at most a year without leading zeros, or an HTTP-date at most a year ahead.
func clientRetryAfterClamped(v string) bool {
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return n >= 0 && n <= 31536000 && strconv.FormatInt(n, 10) == v
	}
	t, err := http.ParseTime(v)
	return err == nil && time.Until(t) <= 365*24*time.Hour
}

func TestFromResponseRetryAfterClamped(t *testing.T) {
	future := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	tests := []struct {
		name   string
		values []string
		want   []string
	}{
		{"seconds", []string{"120"}, []string{"120"}},
		{"leading zeros and space", []string{" 007"}, []string{"7"}},
		{"beyond a year", []string{"31536001"}, []string{"31536000"}},
		{"beyond int64", []string{"99999999999999999999"}, []string{"31536000"}},
		{"date", []string{future}, []string{future}},
		{"date beyond a year", []string{"Fri, 31 Dec 9999 23:59:59 GMT"}, []string{"31536000"}},
		{"neither form", []string{"soon"}, nil},
		{"two values", []string{"1", "2"}, []string{"1"}},
		{"control character", []string{"1\x01"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := &http.Response{StatusCode: 503, Header: http.Header{"Retry-After": tc.values}, Body: http.NoBody}
			e := clientDecodeWith(t, httperr.Decoder{}, res)
			if got := e.Header()["Retry-After"]; !slices.Equal(got, tc.want) {
				t.Errorf("kept %q, want %q", got, tc.want)
			}
			r := clientRenderer.Prepare(context.Background(), e.PassThrough(), httperr.Request{Method: http.MethodGet})
			if got := r.Header["Retry-After"]; !slices.Equal(got, tc.want) {
				t.Errorf("re-rendered %q, want %q", got, tc.want)
			}
		})
	}
}
