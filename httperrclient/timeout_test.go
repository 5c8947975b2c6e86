package httperrclient_test

import (
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrclient"
)

// TestTransportClientTimeout runs an http.Client with a Timeout over Transport against a loopback server
// whose error responses are slow in coming: the status must survive the Client's timeout.
func TestTransportClientTimeout(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /fast", func(w http.ResponseWriter, r *http.Request) {
		clientRenderer.Render(w, r, httperr.ServiceUnavailable(2*time.Second).WithDetail("maintenance"))
	})
	// The header fields at once, then half the body, then nothing until the client goes away.
	mux.HandleFunc("GET /stalled", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.Header().Set("Retry-After", "2")
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, `{"title":"Service Unavailable","detail":"mainten`)
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	// No header fields before the timeout: the Client's own timeout error, as without Transport.
	mux.HandleFunc("GET /silent", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	const timeout = 2 * time.Second // the body is cut 500ms before it
	tests := []struct {
		path   string
		status int
		detail string
	}{
		{"/fast", 503, "maintenance"},
		{"/stalled", 503, ""},
		{"/silent", 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			client := &http.Client{Transport: &httperrclient.Transport{Base: srv.Client().Transport}, Timeout: timeout}
			defer client.CloseIdleConnections()
			_, err := client.Get(srv.URL + tc.path)
			e, ok := clientAs(err)
			if tc.status == 0 {
				var ne net.Error
				if ok || !errors.As(err, &ne) || !ne.Timeout() {
					t.Errorf("got %v, want the Client's timeout", err)
				}
				return
			}
			if !ok || httperr.StatusOf(err) != tc.status || e.Detail() != tc.detail || strings.Contains(err.Error(), "Client.Timeout") {
				t.Fatalf("got %v (status %d), want a %d with detail %q", err, httperr.StatusOf(err), tc.status, tc.detail)
			}
			if d, ok := e.RetryAfter(); d != 2*time.Second || !ok {
				t.Errorf("RetryAfter = %v, %v", d, ok)
			}
		})
	}
}
