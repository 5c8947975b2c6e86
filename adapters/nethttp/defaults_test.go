package httperrhttp_test

import (
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
)

const body401 = `{"type":"about:blank","title":"Unauthorized","status":401,"detail":"The request lacks valid authentication credentials for the target resource."}` + "\n"

// TestResponseFieldsKept checks, on a loopback server, that the header fields a handler set on the response
// before it failed stay as it set them: a Basic challenge is not replaced by the Renderer's Bearer, so a
// browser still shows its login prompt; a 416's Content-Range is not removed as stale.
func TestResponseFieldsKept(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /basic", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("WWW-Authenticate", `Basic realm="api"`)
		w.WriteHeader(http.StatusUnauthorized)
	})
	mux.Handle("GET /basic-error", httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("WWW-Authenticate", `Basic realm="api"`)
		return httperr.Unauthorized("")
	}))
	mux.Handle("GET /bearer", httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return httperr.Unauthorized("")
	}))
	mux.HandleFunc("GET /range", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Range", "bytes */1000")
		w.WriteHeader(http.StatusRequestedRangeNotSatisfiable)
	})
	srv, _ := loopback(t, nil, mux)
	problem := func(length string, more ...string) map[string]string {
		n, _ := strconv.Atoi(length)
		return problemFields(n, more...)
	}
	for _, tt := range []struct {
		name, path string
		status     int
		header     map[string]string
		body       string
	}{
		{"a handler's 401 with its own challenge", "/basic", 401, problem("146", "Www-Authenticate", `Basic realm="api"`), body401},
		{"a HandlerFunc's 401 after it set a challenge", "/basic-error", 401, problem("146", "Www-Authenticate", `Basic realm="api"`), body401},
		{"a 401 without one gets the default", "/bearer", 401, problem("146", "Www-Authenticate", "Bearer"), body401},
		{"a 416's Content-Range", "/range", 416, problem("188", "Content-Range", "bytes */1000"),
			`{"type":"about:blank","title":"Range Not Satisfiable","status":416,"detail":"None of the ranges in the Range header field of the request can be satisfied by the selected representation."}` + "\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, b := getText(t, srv, tt.path)
			checkExact(t, res, b, tt.status, tt.header, tt.body)
		})
	}
}

// checkExact checks status, every header field but Date, and body.
func checkExact(t *testing.T, res *http.Response, body []byte, status int, header map[string]string, want string) {
	t.Helper()
	if res.StatusCode != status || string(body) != want {
		t.Errorf("got %d %q\nwant %d %q", res.StatusCode, body, status, want)
	}
	got := map[string]string{}
	for k, v := range res.Header {
		if k != "Date" {
			got[k] = strings.Join(v, ", ")
		}
	}
	if !maps.Equal(got, header) {
		t.Errorf("header fields %v\nwant %v", got, header)
		for _, k := range slices.Sorted(maps.Keys(got)) {
			if got[k] != header[k] {
				t.Logf("%s: %q, want %q", k, got[k], header[k])
			}
		}
	}
}
