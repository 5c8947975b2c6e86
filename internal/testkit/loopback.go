package testkit

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// NewRequest returns a request of method for url with body, and each key, value pair of header set on it
// but those whose value is empty (a table's "no Range" or "no Authorization"). A bad method or url ends the
// test.
func NewRequest(t testing.TB, method, url, body string, header ...string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] != "" {
			req.Header.Set(header[i], header[i+1])
		}
	}
	return req
}

// Do sends req through c and returns the response, Date removed from its header fields, and its body,
// read and closed. A transport error or a body that does not read ends the test.
func Do(t testing.TB, c *http.Client, req *http.Request) (*http.Response, string) {
	t.Helper()
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	res.Header.Del("Date")
	return res, string(b)
}

// Send sends the request [NewRequest] makes of its arguments through c and returns what [Do] returns.
func Send(t testing.TB, c *http.Client, method, url, body string, header ...string) (*http.Response, string) {
	t.Helper()
	return Do(t, c, NewRequest(t, method, url, body, header...))
}

// CheckResponse reports, through t.Errorf, a status other than status, a body other than want, header
// fields other than header (all of them, exactly, but Date, which [Do] removes), and a body that holds
// [Secret].
func CheckResponse(t testing.TB, res *http.Response, body string, status int, header http.Header, want string) {
	t.Helper()
	got := res.Header.Clone()
	got.Del("Date")
	if res.StatusCode != status || body != want || !EqualHeader(got, header) {
		t.Errorf("got %d %v\n%q\nwant %d %v\n%q", res.StatusCode, got, body, status, header, want)
	}
	if strings.Contains(body, Secret) {
		t.Errorf("body leaks the secret: %s", body)
	}
}

// CheckFields reports, through t.Errorf, a status other than status, a body other than want, each field of
// header whose value differs (the response's other fields are not checked), and a body that holds [Secret].
// Bodies are quoted up to 200 bytes.
func CheckFields(t testing.TB, res *http.Response, body string, status int, header map[string]string, want string) {
	t.Helper()
	if res.StatusCode != status || body != want {
		t.Errorf("got %d %q\nwant %d %q", res.StatusCode, body[:min(len(body), 200)], status, want[:min(len(want), 200)])
	}
	for k, v := range header {
		if got := res.Header.Get(k); got != v {
			t.Errorf("%s: %q, want %q", k, got, v)
		}
	}
	if strings.Contains(body, Secret) {
		t.Errorf("body leaks the secret")
	}
}

// Handshake opens a WebSocket connection to the ws path of srv with gorilla/websocket's dialer, checks that
// the handshake answered 101 and closes it.
func Handshake(t testing.TB, srv *httptest.Server, path string) {
	t.Helper()
	ws, res, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(srv.URL, "http")+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	ws.Close()
	if res.StatusCode != http.StatusSwitchingProtocols {
		t.Errorf("handshake status %d", res.StatusCode)
	}
}

// Await waits, for up to a second, until what was written to b holds s, and reports whether it does: a
// server logs a request after its handler returns, which may be after the client has its answer.
func (b *LogBuffer) Await(s string) bool {
	for range 200 {
		if strings.Contains(b.String(), s) {
			return true
		}
		time.Sleep(5 * time.Millisecond)
	}
	return strings.Contains(b.String(), s)
}

// Take returns what was written so far and empties the buffer.
func (b *LogBuffer) Take() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.buf.String()
	b.buf.Reset()
	return s
}

// Get sends a GET of url through c with the fields of header set on it and returns what [Do] returns.
func Get(t testing.TB, c *http.Client, url string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req := NewRequest(t, http.MethodGet, url, "")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return Do(t, c, req)
}
