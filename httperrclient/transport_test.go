package httperrclient_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrclient"
)

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
	client := &http.Client{Transport: &httperrclient.Transport{Base: srv.Client().Transport}}

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
	tr := &httperrclient.Transport{Base: base, Decoder: httperrclient.Decoder{Headers: []string{}}}
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
	(&httperrclient.Transport{}).CloseIdleConnections() // http.DefaultTransport: must not panic
}
