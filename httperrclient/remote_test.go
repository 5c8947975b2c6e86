package httperrclient_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrclient"
	"github.com/httperr/toolkit/internal/testkit"
)

// remoteUpstream answers every request with the status in its path, a detail that leaks internals, a
// cause member and header fields that belong to it, written by hand as any service might.
func remoteUpstream(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		status, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
		h := w.Header()
		h.Set("Content-Type", "application/problem+json")
		h.Set("WWW-Authenticate", `Basic realm="upstream-admin"`)
		h.Set("Retry-After", "99999999999999999999")
		h.Set("Allow", "GET")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"type":"https://upstream.internal/problems/db","title":"Upstream Title","status":%d,`+
			`"detail":"pq: password authentication failed for user \"app\"","instance":"/internal/42",`+
			`"cause":"dial tcp 10.0.0.7:5432","errors":[{"detail":"d","pointer":"#/a"}]}`, status)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// remoteGateway is a service whose handler returns, wrapped, the error Transport decoded from the upstream,
// passed through hand when it is set.
func remoteGateway(upstream string, rd *httperr.Renderer, hand func(*httperr.Error) *httperr.Error) http.Handler {
	client := &http.Client{Transport: &httperrclient.Transport{}}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		res, err := client.Get(upstream + r.URL.Path)
		if err == nil {
			res.Body.Close()
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if e, ok := clientAs(err); ok && hand != nil {
			err = hand(e)
		}
		rd.Render(w, r, fmt.Errorf("fetching the report: %w", err))
	})
}

func gatewayBody(status int) string {
	return `{"type":"about:blank","title":"` + httperr.English().Title(status) + `","status":` + strconv.Itoa(status) +
		`,"detail":"` + httperr.English().Description(status) + `"}` + "\n"
}

func TestRemoteErrorRendersAsGateway(t *testing.T) {
	upstream := remoteUpstream(t)
	leak := []string{"pq:", "upstream-admin", "upstream.internal", "10.0.0.7", "Upstream Title", "/internal/42", "#/a"}
	tests := []struct {
		name     string
		upstream int
		hand     func(*httperr.Error) *httperr.Error
		status   int
		body     string
		header   http.Header // besides Content-Type, Content-Length, Content-Language, Vary and nosniff
	}{
		{name: "500 is a 502", upstream: 500, status: 502, body: gatewayBody(502), header: http.Header{}},
		{name: "503 is a 502 without Retry-After", upstream: 503, status: 502, body: gatewayBody(502), header: http.Header{}},
		{name: "504 stays 504", upstream: 504, status: 504, body: gatewayBody(504), header: http.Header{}},
		{name: "401 is a 502 without the upstream's challenge", upstream: 401, status: 502, body: gatewayBody(502), header: http.Header{}},
		{name: "404 is a 502", upstream: 404, status: 502, body: gatewayBody(502), header: http.Header{}},
		{name: "422 is a 502", upstream: 422, status: 502, body: gatewayBody(502), header: http.Header{}},
		{name: "a copy made with With stays remote", upstream: 500,
			hand:   func(e *httperr.Error) *httperr.Error { return e.With("trace", "t1").WithDetail("mine") },
			status: 502, body: gatewayBody(502), header: http.Header{}},
		{name: "pass through keeps status, members and the kept header fields", upstream: 404,
			hand:   (*httperr.Error).PassThrough,
			status: 404,
			body: `{"type":"https://upstream.internal/problems/db","title":"Upstream Title","status":404,` +
				`"detail":"pq: password authentication failed for user \"app\"","instance":"/internal/42",` +
				`"cause":"dial tcp 10.0.0.7:5432","errors":[{"detail":"d","pointer":"#/a"}]}` + "\n",
			header: http.Header{"Allow": {"GET"}, "Retry-After": {"31536000"}, "Www-Authenticate": {`Basic realm="upstream-admin"`}}},
		{name: "pass through the status alone", upstream: 404,
			hand:   func(e *httperr.Error) *httperr.Error { return httperr.New(httperr.StatusOf(e), "") },
			status: 404, body: gatewayBody(404), header: http.Header{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var log bytes.Buffer
			rd := &httperr.Renderer{Logger: slog.New(slog.NewTextHandler(&log, nil))}
			gw := httptest.NewServer(remoteGateway(upstream.URL, rd, tc.hand))
			defer gw.Close()
			res, err := http.Get(gw.URL + "/" + strconv.Itoa(tc.upstream))
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tc.status || string(body) != tc.body {
				t.Errorf("got %d\n%s\nwant %d\n%s", res.StatusCode, body, tc.status, tc.body)
			}
			got := res.Header.Clone()
			for _, k := range []string{"Content-Type", "Content-Length", "Content-Language", "Vary", "X-Content-Type-Options", "Date"} {
				got.Del(k)
			}
			if !reflect.DeepEqual(got, tc.header) {
				t.Errorf("header\n got %v\nwant %v", got, tc.header)
			}
			if tc.hand == nil {
				for _, s := range leak {
					if strings.Contains(string(body), s) || strings.Contains(fmt.Sprint(res.Header), s) {
						t.Errorf("the upstream's %q reached the client", s)
					}
				}
				// The log keeps what the upstream said, for the operator.
				if !strings.Contains(log.String(), "pq: password authentication failed") {
					t.Errorf("the log lost the upstream's detail:\n%s", log.String())
				}
			}
		})
	}
}

func TestRemoteMark(t *testing.T) {
	res := &http.Response{StatusCode: 404, Header: http.Header{"Content-Type": {"application/problem+json"}},
		Body: io.NopCloser(strings.NewReader(`{"detail":"user not found"}`))}
	err := httperrclient.FromResponse(res)
	e, _ := clientAs(err)
	if !e.Remote() || httperr.StatusOf(err) != 404 || e.Status() != 404 || e.Detail() != "user not found" {
		t.Errorf("decoded: remote %v, status %d, detail %q", e.Remote(), httperr.StatusOf(err), e.Detail())
	}
	if !e.WithTitle("T").Remote() || !e.With("k", 1).Remote() || !e.Wrap(io.EOF).Remote() {
		t.Error("a With copy lost the mark")
	}
	p := e.PassThrough()
	if p.Remote() || !e.Remote() || p.Status() != 404 || p.Detail() != "user not found" {
		t.Errorf("PassThrough: %v remote %v; original remote %v", p, p.Remote(), e.Remote())
	}
	local := httperr.NotFound("user")
	if local.Remote() || local.PassThrough() != local || (*httperr.Error)(nil).Remote() {
		t.Error("a local error is marked remote")
	}
	// A local error wrapping a remote one is rendered as the local one.
	r := clientRenderer.Prepare(context.Background(), httperr.NotFound("user").Wrap(err), httperr.Request{Method: http.MethodGet})
	if r.Status != 404 || !strings.Contains(string(r.Body), `"detail":"user not found"`) {
		t.Errorf("local wrapping remote: %d %s", r.Status, r.Body)
	}
	// The zero Renderer and Prepare convert as Render does; the cause is the upstream's error.
	for _, rd := range []*httperr.Renderer{nil, clientRenderer} {
		r := rd.Prepare(context.Background(), err, httperr.Request{Method: http.MethodGet, Accept: "application/xml"})
		if r.Status != 502 || strings.Contains(string(r.Body), "user not found") {
			t.Errorf("Prepare: %d %s", r.Status, r.Body)
		}
	}
	exposed := testkit.Quiet()
	exposed.ExposeCause = true
	if r := exposed.Prepare(context.Background(), err, httperr.Request{}); !strings.Contains(string(r.Body), `"cause":"404 Not Found: user not found"`) {
		t.Errorf("ExposeCause: %s", r.Body)
	}
	if !errors.Is(fmt.Errorf("x: %w", err), e) {
		t.Error("errors.Is lost the decoded error")
	}
}
