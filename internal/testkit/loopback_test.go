package testkit_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorilla/websocket"

	"github.com/httperr/toolkit/internal/testkit"
)

// TestSendAndChecks checks, on a loopback server, that Send sets the fields of non-empty value only and
// reads the body, that Do removes Date, and that CheckResponse and CheckFields report each difference.
func TestSendAndChecks(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		_, rng := r.Header["Range"]
		w.Header().Set("X-Got", r.Method+"|"+r.Header.Get("Authorization")+"|"+strings.Repeat("R", len(r.Header["Range"])))
		if rng {
			w.Header().Set("X-Range", "sent")
		}
		w.WriteHeader(http.StatusTeapot)
		io.WriteString(w, string(b)+testkit.Secret)
	}))
	defer srv.Close()
	res, body := testkit.Send(t, srv.Client(), http.MethodPost, srv.URL, "in:", "Authorization", "Basic x", "Range", "")
	if res.Header.Get("X-Got") != "POST|Basic x|" || res.Header.Get("X-Range") != "" || res.Header.Get("Date") != "" {
		t.Errorf("header %v", res.Header)
	}
	if body != "in:"+testkit.Secret {
		t.Errorf("body %q", body)
	}
	tb := &fakeTB{TB: t}
	testkit.CheckResponse(tb, res, body, 200, http.Header{"X-Got": {"POST|Basic x|"}}, "in:")
	if got := strings.Join(tb.errors, "\n"); len(tb.errors) != 2 || !strings.Contains(got, "got 418") || !strings.Contains(got, "leaks") {
		t.Errorf("CheckResponse reports:\n%s", got)
	}
	tb = &fakeTB{TB: t}
	testkit.CheckFields(tb, res, body, 418, map[string]string{"X-Got": "GET"}, "in:"+testkit.Secret)
	if got := strings.Join(tb.errors, "\n"); len(tb.errors) != 2 || !strings.Contains(got, "X-Got") || !strings.Contains(got, "leaks") {
		t.Errorf("CheckFields reports:\n%s", got)
	}
	res, _ = testkit.Get(t, srv.Client(), srv.URL, map[string]string{"Range": "bytes=0-"})
	if res.Header.Get("X-Range") != "sent" || res.Header.Get("X-Got") != "GET||R" {
		t.Errorf("Get: header %v", res.Header)
	}
}

// TestHandshake checks that Handshake completes a WebSocket handshake.
func TestHandshake(t *testing.T) {
	var upgrader websocket.Upgrader
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, err := upgrader.Upgrade(w, r, nil); err == nil {
			c.Close()
		}
	}))
	defer srv.Close()
	testkit.Handshake(t, srv, "/ws")
}

// TestLogBufferTakeAwait checks that Take empties the buffer and Await sees a write made meanwhile.
func TestLogBufferTakeAwait(t *testing.T) {
	var b testkit.LogBuffer
	b.Write([]byte("a"))
	if b.Take() != "a" || b.String() != "" {
		t.Errorf("after Take: %q", b.String())
	}
	go b.Write([]byte("late line"))
	if !b.Await("late") || b.Await("never") {
		t.Errorf("Await: %q", b.String())
	}
}
