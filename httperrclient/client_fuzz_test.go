package httperrclient_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrclient"
)

// FuzzFromResponse checks that any body with any content type decodes without panic into an *Error with the
// HTTP status, that the error renders again as valid JSON and XML, and that it keeps no unsafe header value.
func FuzzFromResponse(f *testing.F) {
	for _, tc := range clientCases()[:24] {
		for _, accept := range []string{"", "application/problem+xml"} {
			r := clientRenderer.Prepare(context.Background(), tc.Err, httperr.Request{Method: http.MethodGet, Accept: accept})
			f.Add(r.Body, r.Header().Get("Content-Type"), r.Status, r.Header().Get("Retry-After"))
		}
	}
	f.Add([]byte("<html>502</html>"), "text/html", 502, "")
	f.Add([]byte(`{"errors":[{"detail":"d","pointer":"#/a"}],"n":1e400}`), "application/problem+json", 422, "Sun, 06 Nov 1994 08:49:37 GMT")
	f.Fuzz(func(t *testing.T, body []byte, contentType string, status int, retryAfter string) {
		status = 400 + int(uint(status)%200)
		h := http.Header{"Content-Type": {contentType}, "Retry-After": {retryAfter}}
		res := &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(bytes.NewReader(body))}
		err := httperrclient.FromResponse(res)
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
			!bytes.HasSuffix(gw.Body, []byte(`"detail":`+strconv.Quote(httperr.English().Description(gw.Status))+"}\n")) ||
			gw.Header().Get("Retry-After") != "" {
			t.Fatalf("remote error rendered as %d %v\n%s", gw.Status, gw.Header(), gw.Body)
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
