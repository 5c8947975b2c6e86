package httperrfiber

import (
	"context"
	"testing"

	"github.com/valyala/fasthttp"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestApply: apply, with normalization off and without Del on a header that has nothing to delete, sets the
// same header, byte for byte, as Response.Apply on fasthttp's header as it is, for every kind of field the
// problem sets (a default challenge, the error's own fields, a merged Vary) over every kind of header a
// failed handler may leave, on a server that normalizes header names and on one that does not.
func TestApply(t *testing.T) {
	errs := map[string]*httperr.Error{
		"404":        httperr.NotFound("user"),
		"401":        httperr.Unauthorized(""),
		"405":        httperr.MethodNotAllowed("GET", "POST"),
		"416":        httperr.RequestedRangeNotSatisfiable(100),
		"429":        httperr.TooManyRequests(0),
		"own header": httperr.Conflict("taken").WithHeader("x-request-STATE", "one"),
	}
	headers := map[string][][2]string{
		"fresh":            nil,
		"text answer":      {{"Content-Type", "text/plain"}, {"Content-Length", "9"}},
		"server":           {{"Server", "fiber"}},
		"stale fields":     {{"etag", `"v1"`}, {"CACHE-control", "max-age=60"}, {"Content-Encoding", "gzip"}, {"Content-Range", "bytes 0-9/100"}},
		"vary":             {{"Vary", "Origin"}, {"Vary", "Accept-Encoding"}},
		"challenge":        {{"WWW-Authenticate", `Basic realm="x"`}},
		"own field set":    {{"X-Request-State", "zero"}, {"x-request-state", "again"}},
		"cookie":           {{"Set-Cookie", "a=b"}},
		"renderer's field": {{"X-Content-Type-Options", "none"}, {"Content-Language", "de"}},
	}
	rd := testkit.Quiet()
	rd.TypeBase = "https://example.com/problems/"
	for _, normalizing := range []bool{true, false} {
		for en, e := range errs {
			for hn, fields := range headers {
				preset := func(h *fasthttp.ResponseHeader) {
					if !normalizing {
						h.DisableNormalizing()
					}
					for _, f := range fields {
						h.Add(f[0], f[1])
					}
				}
				var ours, want fasthttp.ResponseHeader
				preset(&ours)
				preset(&want)
				var vary []string
				for _, v := range ours.PeekAll("Vary") {
					vary = append(vary, string(v))
				}
				p := rd.Prepare(context.Background(), e, httperr.Request{Method: "GET", Vary: vary})
				apply(&ours, p)
				p.Apply(&want)
				if got, want := ours.String(), want.String(); got != want {
					t.Errorf("normalizing %v, %s over %s:\n%s\nwant\n%s", normalizing, en, hn, got, want)
				}
				if disabled := ours.DisableNormalizing(); disabled != !normalizing {
					t.Errorf("normalizing %v, %s over %s: normalization left disabled=%v", normalizing, en, hn, disabled)
				}
			}
		}
	}
}
