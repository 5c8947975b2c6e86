package httperr

import (
	"context"
	"net/http"
	"net/textproto"
	"slices"
	"testing"
)

// traceKey is the context key of the trace id in TestPrepareRunsEnrich.
type traceKey struct{}

// TestPrepareRunsEnrich checks that Prepare runs Enrich, as Render does, with a request built from the
// Request and Prepare's context: a server not built on net/http keeps its trace ids.
func TestPrepareRunsEnrich(t *testing.T) {
	var seen *http.Request
	rd := quiet(Renderer{Enrich: func(r *http.Request, e *Error) *Error {
		seen = r
		trace, _ := r.Context().Value(traceKey{}).(string)
		return e.With("trace_id", trace).WithInstance(r.URL.Path)
	}})
	ctx := context.WithValue(context.Background(), traceKey{}, "4bf92f35")
	res := rd.Prepare(ctx, NotFound("user"), Request{
		Method: http.MethodPost, Path: "/users/42", Accept: "application/json", AcceptLanguage: "fr",
	})
	const want = `{"type":"about:blank","title":"Ressource introuvable","status":404,"detail":"user not found",` +
		`"instance":"/users/42","trace_id":"4bf92f35"}` + "\n"
	if string(res.Body) != want {
		t.Errorf("body\n got %s\nwant %s", res.Body, want)
	}
	if seen == nil || seen.Method != http.MethodPost || seen.Header.Get("Accept") != "application/json" ||
		seen.Header.Get("Accept-Language") != "fr" || seen.RequestURI != "/users/42" {
		t.Errorf("Enrich saw %+v", seen)
	}
	// Without Enrich nothing is built, and Prepare with a nil context still works.
	//lint:ignore SA1012 Prepare documents that a nil context works: this checks it
	if res := quiet(Renderer{}).Prepare(nil, NotFound("user"), Request{Method: http.MethodGet}); res.Status != 404 {
		t.Errorf("status %d", res.Status)
	}
}

// fieldMap is a response header that is not an http.Header: keys without canonical form, as fasthttp's
// ResponseHeader takes them, with the two methods Apply needs.
type fieldMap map[string][]string

func (m fieldMap) Add(key, value string) {
	key = textproto.CanonicalMIMEHeaderKey(key)
	m[key] = append(m[key], value)
}

func (m fieldMap) Del(key string) { delete(m, textproto.CanonicalMIMEHeaderKey(key)) }

// TestResponseApply checks the header policy of Prepare applied to a response header it did not write:
// the response's Vary is merged (through Request.Vary), the stale representation fields are removed, the
// problem's fields replace the handler's, and the error's own fields are kept, into an http.Header and into
// a header of another type.
func TestResponseApply(t *testing.T) {
	rd := quiet(Renderer{})
	handlerSet := func() map[string][]string {
		return map[string][]string{
			"Vary": {"Origin"}, "Etag": {`"v1"`}, "Cache-Control": {"max-age=3600"}, "Content-Type": {"text/html"},
			"Content-Length": {"12345"}, "Access-Control-Allow-Origin": {"*"},
		}
	}
	for _, tc := range []struct {
		name   string
		err    error
		req    Request
		header map[string][]string // the Response's fields besides the five every problem has
	}{
		{"404, Vary merged", NotFound("user"), Request{Method: "GET", Vary: []string{"Origin"}}, nil},
		{"416 keeps its Content-Range", RequestedRangeNotSatisfiable(1000), Request{Method: "GET", Vary: []string{"Origin"}},
			map[string][]string{"Content-Range": {"bytes */1000"}}},
	} {
		res := rd.Prepare(context.Background(), tc.err, tc.req)
		if got, want := res.Header()["Vary"], []string{"Origin", "Accept, Accept-Language"}; !slices.Equal(got, want) {
			t.Errorf("%s: Vary %q, want %q", tc.name, got, want)
		}
		want := http.Header{
			"Access-Control-Allow-Origin": {"*"}, "Vary": {"Origin", "Accept, Accept-Language"},
			"Content-Type": {"application/problem+json"}, "Content-Length": res.Header()["Content-Length"],
			"Content-Language": {"en"}, "X-Content-Type-Options": {"nosniff"},
		}
		for k, v := range tc.header {
			want[k] = v
		}
		t.Run(tc.name+"/http.Header", func(t *testing.T) {
			h := http.Header(handlerSet())
			res.Apply(h)
			if !headersEqual(h, want) {
				t.Errorf("got  %v\nwant %v", h, want)
			}
		})
		t.Run(tc.name+"/other header type", func(t *testing.T) {
			h := fieldMap(handlerSet())
			res.Apply(h)
			if !headersEqual(http.Header(h), want) {
				t.Errorf("got  %v\nwant %v", h, want)
			}
		})
	}
}
