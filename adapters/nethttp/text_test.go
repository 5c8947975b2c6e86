package httperrhttp_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/coder/websocket"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/go-chi/httprate"
	gorillaws "github.com/gorilla/websocket"

	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// The bodies of the problems of the tests below.
const (
	body400 = `{"type":"about:blank","title":"Bad Request","status":400,"detail":"The server cannot or will not process the request due to something that is perceived to be a client error."}` + "\n"
	body429 = `{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"The client has sent too many requests in a given amount of time."}` + "\n"
)

// problemFields returns the header fields of a problem of the given Content-Length, with more (name, value
// pairs): those of the answer it replaced, kept.
func problemFields(length int, more ...string) map[string]string {
	h := map[string]string{"Content-Type": "application/problem+json", "Content-Length": strconv.Itoa(length),
		"Content-Language": "en", "Vary": "Accept, Accept-Language", "X-Content-Type-Options": "nosniff"}
	for i := 0; i+1 < len(more); i += 2 {
		h[more[i]] = more[i+1]
	}
	return h
}

// textFields returns the header fields of http.Error's answer of the given body, with more.
func textFields(body string, more ...string) map[string]string {
	h := map[string]string{"Content-Type": "text/plain; charset=utf-8", "Content-Length": strconv.Itoa(len(body)),
		"X-Content-Type-Options": "nosniff"}
	for i := 0; i+1 < len(more); i += 2 {
		h[more[i]] = more[i+1]
	}
	return h
}

// loopback serves h behind the Middleware with rd (its Logger set to the returned buffer) on 127.0.0.1.
func loopback(t *testing.T, rd *httperr.Renderer, h http.Handler) (*httptest.Server, *testkit.LogBuffer) {
	t.Helper()
	logs := new(testkit.LogBuffer)
	if rd == nil {
		rd = &httperr.Renderer{}
	}
	rd.Logger = slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv := httptest.NewServer(httperrhttp.Middleware(rd)(h))
	t.Cleanup(srv.Close)
	return srv, logs
}

// getText sends a GET of path to srv with the header fields given as name, value pairs and returns the
// response with its body read.
func getText(t *testing.T, srv *httptest.Server, path string, header ...string) (*http.Response, []byte) {
	t.Helper()
	res, body := testkit.Send(t, srv.Client(), http.MethodGet, srv.URL+path, "", header...)
	return res, []byte(body)
}

// TestChiThrottle: chi's middleware.Throttle answers a request over its limit with http.Error's 429 text
// and the Retry-After its RetryAfterFn gives: the 429 problem, its text the detail, Retry-After kept.
func TestChiThrottle(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	r := chi.NewRouter()
	r.Use(middleware.ThrottleWithOpts(middleware.ThrottleOpts{
		Limit:          1,
		RetryAfterFn:   func(bool) time.Duration { return 2 * time.Second },
		BacklogTimeout: time.Minute,
	}))
	r.Get("/slow", func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		<-release
	})
	srv, _ := loopback(t, nil, r)
	done := make(chan struct{})
	go func() {
		defer close(done)
		res, err := srv.Client().Get(srv.URL + "/slow")
		if err == nil {
			res.Body.Close()
		}
	}()
	select {
	case <-entered:
	case <-time.After(10 * time.Second):
		t.Fatal("the first request never reached the handler")
	}
	res, body := getText(t, srv, "/slow")
	close(release)
	<-done
	want := `{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Server capacity exceeded."}` + "\n"
	checkExact(t, res, body, 429, problemFields(len(want), "Retry-After", "2"), want)
}

// TestHTTPRate: go-chi/httprate answers a client over its rate with http.Error(w, "Too Many Requests",
// 429), Retry-After and its X-RateLimit-* fields: the 429 problem with the catalog's detail (the text only
// restates the status), every field kept.
func TestHTTPRate(t *testing.T) {
	r := chi.NewRouter()
	//lint:ignore SA1019 LimitByIP is what the README of httprate shows; the key does not matter here
	r.Use(httprate.LimitByIP(1, time.Hour))
	r.Get("/", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	srv, _ := loopback(t, nil, r)
	if res, body := getText(t, srv, "/"); res.StatusCode != 200 || string(body) != "ok" {
		t.Fatalf("first request: %d %q", res.StatusCode, body)
	}
	res, body := getText(t, srv, "/")
	reset := res.Header.Get("X-RateLimit-Reset")
	if n, err := strconv.ParseInt(reset, 10, 64); err != nil || n < time.Now().Unix() || n > time.Now().Add(time.Hour+time.Minute).Unix() {
		t.Errorf("X-RateLimit-Reset = %q, want the end of the window", reset)
	}
	checkExact(t, res, body, 429, problemFields(len(body429), "Retry-After", "3600", "X-Ratelimit-Limit", "1",
		"X-Ratelimit-Remaining", "0", "X-Ratelimit-Reset", reset), body429)
}

// TestUnsatisfiableRange: http.ServeContent and http.FileServer answer a Range past the end with a 416
// text and Content-Range: the 416 problem, its text the detail, Content-Range kept.
func TestUnsatisfiableRange(t *testing.T) {
	content := strings.Repeat("x", 1000)
	modified := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /content", func(w http.ResponseWriter, r *http.Request) {
		http.ServeContent(w, r, "report.txt", modified, strings.NewReader(content))
	})
	mux.Handle("GET /files/", http.StripPrefix("/files", http.FileServerFS(fstest.MapFS{
		"report.txt": {Data: []byte(content), ModTime: modified},
	})))
	srv, _ := loopback(t, nil, mux)
	want := `{"type":"about:blank","title":"Range Not Satisfiable","status":416,"detail":"invalid range: failed to overlap"}` + "\n"
	for _, path := range []string{"/content", "/files/report.txt"} {
		t.Run(path, func(t *testing.T) {
			res, body := getText(t, srv, path, "Range", "bytes=5000-")
			checkExact(t, res, body, 416, problemFields(len(want), "Content-Range", "bytes */1000"), want)
		})
	}
}

// TestWebSocketPlainGET: a WebSocket endpoint asked a plain GET. coder/websocket's Accept answers 426
// with its reason in text and Connection and Upgrade fields, gorilla/websocket's Upgrade 400 "Bad Request"
// with Sec-Websocket-Version: each becomes the problem of its status, those fields kept.
func TestWebSocketPlainGET(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /coder", func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return // Accept has answered
		}
		c.CloseNow()
	})
	upgrader := gorillaws.Upgrader{}
	mux.HandleFunc("GET /gorilla", func(w http.ResponseWriter, r *http.Request) {
		c, err := upgrader.Upgrade(w, r, nil)
		if err != nil {
			return // Upgrade has answered
		}
		c.Close()
	})
	srv, _ := loopback(t, nil, mux)
	t.Run("coder/websocket", func(t *testing.T) {
		res, body := getText(t, srv, "/coder")
		want := `{"type":"about:blank","title":"Upgrade Required","status":426,"detail":"WebSocket protocol violation: Connection header \"\" does not contain Upgrade"}` + "\n"
		checkExact(t, res, body, 426, problemFields(len(want), "Connection", "Upgrade", "Upgrade", "websocket"), want)
	})
	t.Run("gorilla/websocket", func(t *testing.T) {
		res, body := getText(t, srv, "/gorilla")
		checkExact(t, res, body, 400, problemFields(len(body400), "Sec-Websocket-Version", "13"), body400)
	})
}

// TestHandlersText: what a handler writes itself with http.Error, and what is left alone.
func TestHandlersText(t *testing.T) {
	long := strings.Repeat("stock level unknown; ", 250) // 5,250 bytes: more than the 4 KiB held back
	atLimit := "first line\n" + strings.Repeat("x", 4096-len("first line\n"))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /basic", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("WWW-Authenticate", `Basic realm="api"`)
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
	})
	mux.HandleFunc("GET /secret", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "db: password=hunter2", http.StatusInternalServerError)
	})
	mux.HandleFunc("GET /json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"error":"no such widget"}`)
	})
	mux.HandleFunc("GET /long", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, long[:4000]) // held back
		io.WriteString(w, long[4000:]) // past the limit: all of it goes out as it was
	})
	mux.HandleFunc("GET /at-limit", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, atLimit[:2000])
		io.WriteString(w, atLimit[2000:])
	})
	mux.HandleFunc("GET /flushed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, "draining, ")
		http.NewResponseController(w).Flush()
		io.WriteString(w, "come back later")
	})
	srv, logs := loopback(t, nil, mux)
	bodyAtLimit := `{"type":"about:blank","title":"Bad Request","status":400,"detail":"first line"}` + "\n"
	for _, tt := range []struct {
		name, path string
		status     int
		header     map[string]string
		body       string
	}{
		{"a Basic challenge and http.Error's 401", "/basic", 401, problemFields(len(body401), "Www-Authenticate", `Basic realm="api"`), body401},
		{"http.Error's 500 text is never sent", "/secret", 500, problemFields(len(body500)), body500},
		{"JSON is the application's", "/json", 404, map[string]string{"Content-Type": "application/json", "Content-Length": "26"}, `{"error":"no such widget"}`},
		{"a text longer than 4 KiB is left alone", "/long", 404, map[string]string{"Content-Type": "text/plain; charset=utf-8"}, long},
		{"a text of 4 KiB in two writes is replaced", "/at-limit", 400, problemFields(len(bodyAtLimit)), bodyAtLimit},
		{"a flushed text is left alone", "/flushed", 503, map[string]string{"Content-Type": "text/plain; charset=utf-8"}, "draining, come back later"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, body := getText(t, srv, tt.path)
			checkExact(t, res, body, tt.status, tt.header, tt.body)
		})
	}
	if !strings.Contains(logs.String(), `"level":"ERROR"`) || !strings.Contains(logs.String(), "db: password=hunter2") {
		t.Errorf("the 500's text is not logged as its cause: %s", logs)
	}
}

// TestKeepText: with Renderer.KeepText, a text 429 goes out as it was, while an empty 404 still becomes
// the problem.
func TestKeepText(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /limited", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "30")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	mux.HandleFunc("GET /empty", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNotFound) })
	srv, _ := loopback(t, &httperr.Renderer{KeepText: true}, mux)
	res, body := getText(t, srv, "/limited")
	checkExact(t, res, body, 429, textFields("slow down\n", "Retry-After", "30"), "slow down\n")
	res, body = getText(t, srv, "/empty")
	checkExact(t, res, body, 404, problemFields(len(body404Mux)), body404Mux)
}
