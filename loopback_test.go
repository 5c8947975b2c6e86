package toolkit_test

// This file holds the loopback servers and the client the root suites drive them with.

import (
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/httperr/toolkit/internal/testkit"
)

// syncBuffer is httperr_test.go's name for testkit.LogBuffer, kept until that file moves onto testkit.
type syncBuffer = testkit.LogBuffer

// loopbackServer is a stack served on a real loopback listener: by net/http's server, or, for fiber, by
// fiber's own (fasthttp) on app.Listener.
type loopbackServer struct {
	URL   string
	close func()
	once  sync.Once
}

// Close stops the server and waits for its handlers to end.
func (s *loopbackServer) Close() { s.once.Do(s.close) }

// startServer serves h on a loopback listener, with net/http's error log written to errorLog; a
// fiberServer is served by fiber itself.
func startServer(t *testing.T, h http.Handler, errorLog io.Writer) *loopbackServer {
	t.Helper()
	if fs, ok := h.(fiberServer); ok {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			fs.app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true}) //nolint:errcheck // ends with Shutdown
		}()
		return &loopbackServer{URL: "http://" + ln.Addr().String(), close: func() {
			fs.app.ShutdownWithTimeout(10 * time.Second) //nolint:errcheck // best effort
			<-done
		}}
	}
	ts := httptest.NewUnstartedServer(h)
	ts.Config.ErrorLog = log.New(errorLog, "", 0)
	ts.Start()
	return &loopbackServer{URL: ts.URL, close: ts.Close}
}

// loopback starts h on a real loopback listener (startServer), with net/http's own error log captured, and
// returns the server, a client with its own transport, and that log.
func loopback(t *testing.T, h http.Handler) (*loopbackServer, *http.Client, *testkit.LogBuffer) {
	t.Helper()
	var serverLog testkit.LogBuffer
	ts := startServer(t, h, &serverLog)
	tr := &http.Transport{MaxIdleConnsPerHost: 64}
	t.Cleanup(func() {
		ts.Close()
		tr.CloseIdleConnections()
	})
	return ts, &http.Client{Transport: tr, Timeout: 30 * time.Second}, &serverLog
}

// get does a request and reads the whole body; readErr is the error reading the body, if any.
func get(c *http.Client, method, url string, header map[string]string, body string) (res *http.Response, b []byte, err, readErr error) {
	var rb io.Reader
	if body != "" {
		rb = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rb)
	if err != nil {
		return nil, nil, err, nil
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err = c.Do(req)
	if err != nil {
		return nil, nil, err, nil
	}
	defer res.Body.Close()
	b, readErr = io.ReadAll(res.Body)
	return res, b, nil, readErr
}
