package httperrclient_test

import (
	"cmp"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrclient"
)

// clientDecode decodes res and checks that the result is an *Error.
func clientDecode(t *testing.T, res *http.Response) *httperr.Error {
	t.Helper()
	err := httperrclient.FromResponse(res)
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
		if err := httperrclient.FromResponse(res); err != nil {
			t.Errorf("%d: %v", code, err)
		}
		if body.closed || body.n != 0 || res.Body != body {
			t.Errorf("%d: body touched", code)
		}
	}
	if err := httperrclient.FromResponse(nil); err != nil {
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
		dec         httperrclient.Decoder
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
			dec: httperrclient.Decoder{UseNumber: true},
			ext: map[string]any{"id": json.Number("12345678901234567890"), "l": []any{json.Number("1")}}},
		{name: "member names are case sensitive", status: 400, contentType: pj, body: `{"Title":"T"}`,
			ext: map[string]any{"Title": "T"}},
		{name: "errors not violations", status: 422, contentType: pj, body: `{"errors":[{"field":"name","message":"bad"}]}`,
			ext: map[string]any{"errors": []any{map[string]any{"field": "name", "message": "bad"}}}},
		{name: "errors with a bad pointer", status: 422, contentType: pj, body: `{"errors":[{"detail":"d","pointer":1}]}`,
			ext: map[string]any{"errors": []any{map[string]any{"detail": "d", "pointer": 1.0}}}},
		{name: "errors as violations", status: 422, contentType: pj, body: `{"errors":[{"detail":"d"},{"pointer":"#/a","code":7}]}`,
			ext: map[string]any{"errors": []httperr.Violation{{Detail: "d"}, {Pointer: "#/a", Extensions: map[string]any{"code": 7.0}}}}},
		{name: "body at the limit", status: 400, contentType: pj, body: big, dec: httperrclient.Decoder{MaxBody: int64(len(big))},
			title: "T", ext: map[string]any{"pad": strings.Repeat("x", 100)}},
		{name: "body over the limit", status: 400, contentType: pj, body: big, dec: httperrclient.Decoder{MaxBody: int64(len(big)) - 1}},
		{name: "body not read", status: 400, contentType: pj, body: big, dec: httperrclient.Decoder{MaxBody: -1}},

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
			if e.Title() != cmp.Or(tc.title, httperr.English().Title(wantStatus)) || e.Detail() != tc.detail || e.Type() != tc.typ || e.Instance() != tc.instance {
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
	for _, dec := range []httperrclient.Decoder{{}, {MaxBody: 10}, {MaxBody: -1}} {
		body := &clientBody{r: clientZeros{}}
		res := &http.Response{StatusCode: 500, Header: http.Header{"Content-Type": {"application/problem+json"}}, Body: body}
		e := clientDecodeWith(t, dec, res)
		if e.Status() != 500 || e.Title() != httperr.English().Title(500) {
			t.Errorf("got %v", e)
		}
		limit := cmp.Or(max(dec.MaxBody, 0), 1<<20) // 1 MiB by default
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
	if e := clientDecodeWith(t, httperrclient.Decoder{}, res); e.Title() != httperr.English().Title(404) || e.Status() != 404 {
		t.Errorf("a body cut by a read error was decoded: %v", e)
	}
	res = &http.Response{StatusCode: 404, Header: http.Header{}}
	if e := clientDecodeWith(t, httperrclient.Decoder{}, res); e.Status() != 404 || res.Body == nil {
		t.Errorf("nil body: %v, body %v", e, res.Body)
	}
}

func clientDecodeWith(t *testing.T, dec httperrclient.Decoder, res *http.Response) *httperr.Error {
	t.Helper()
	var e *httperr.Error
	if err := dec.FromResponse(res); !errors.As(err, &e) {
		t.Fatalf("got %v (%T), want an *Error", err, err)
	}
	return e
}

// clientAs is errors.As for *httperr.Error (errors.AsType needs Go 1.26; the module supports 1.25).
func clientAs(err error) (*httperr.Error, bool) {
	var e *httperr.Error
	ok := errors.As(err, &e)
	return e, ok
}
