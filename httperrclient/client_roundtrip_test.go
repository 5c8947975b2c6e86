package httperrclient_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"log/slog"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// clientRenderer renders without logging.
var clientRenderer = testkit.Quiet()

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
		Header:     r.Header(),
		Body:       io.NopCloser(bytes.NewReader(r.Body)),
	}
}

// clientCases are the problems the round-trip test renders and decodes: testkit.Problems, its validation
// problem with a coded violation.
func clientCases() []testkit.Case {
	return testkit.Problems(httperr.Validation(
		httperr.Violation{Pointer: "#/name", Detail: "must not be empty"},
		httperr.Violation{Pointer: "#/age", Detail: "must be between 0 and 150", Code: "range",
			Extensions: map[string]any{"minimum": 0, "maximum": 150}},
	))
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
				t.Run(tc.Name+"/"+rdc.name+"/"+rq.name, func(t *testing.T) {
					rendered := rdc.rd.Prepare(context.Background(), tc.Err, rq.req)
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

					orig := httperr.From(tc.Err)
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
						orig.Title() != httperr.English().Title(orig.Status()) && orig.Title() != want.Title || orig.Detail() != "" && orig.Detail() != want.Detail {
						t.Errorf("rendered %+v does not show the original %v", want, orig)
					}
					if rdc.name == "zero" && !strings.HasSuffix(rq.name, "fr") &&
						(got.Title() != cmp.Or(orig.Title(), httperr.English().Title(orig.Status())) ||
							got.Detail() != cmp.Or(orig.Detail(), httperr.English().Description(orig.Status())) ||
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
						if v, ok := rendered.Header()[k]; ok {
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
