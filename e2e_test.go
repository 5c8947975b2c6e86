package toolkit_test

// The end-to-end benchmark: each stack on a real loopback server (127.0.0.1), driven by a bounded load
// generator in the same process over -e2e.conns keep-alive connections, with a mixed load of one third
// each: 200 (a JSON user), 404 (the handler's "user not found") and 422 (three violations from the
// framework's own binder). b.N is the number of requests: the run stops by itself once they are answered
// (scripts/bench.sh passes -test.benchtime Nx, a fixed count). Reported: req/s, the 50th and 99th percentile
// latency in microseconds as the client saw it, and ns/op, the wall time over the requests (1/throughput).
// The client and the server share the machine's cores, as they do on any single host.
//
// A benchmark, not a test: `go test ./...` builds it and does not run it.

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
	echov5 "github.com/labstack/echo/v5"
)

var e2eConns = flag.Int("e2e.conns", 64, "BenchmarkEndToEnd: concurrent client connections")

// benchUser is the success answer of the end-to-end load.
var benchUser = struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
}{1, "Ada Lovelace", "ada@example.com"}

// userPath answers 200 with benchUser as JSON, each framework its own way.
var userPath = path{
	status: http.StatusOK,
	netNative: func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(benchUser) //nolint:errcheck // nowhere to report it
	},
	echoNative:   func(c echo.Context) error { return c.JSON(http.StatusOK, benchUser) },
	echov5Native: func(c *echov5.Context) error { return c.JSON(http.StatusOK, benchUser) },
	ginNative:    func(c *gin.Context) { c.JSON(http.StatusOK, benchUser) },
	netOurs: func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Content-Type", "application/json")
		return json.NewEncoder(w).Encode(benchUser)
	},
	echoOurs:   func(c echo.Context) error { return c.JSON(http.StatusOK, benchUser) },
	echov5Ours: func(c *echov5.Context) error { return c.JSON(http.StatusOK, benchUser) },
	ginOurs: func(c *gin.Context) error {
		c.JSON(http.StatusOK, benchUser)
		return nil
	},
}

// e2eMounts are the routes every stack serves for the end-to-end load.
var e2eMounts = []mount{
	{"/users/{id}", userPath},
	{"/missing/{id}", notFoundPath},
	{"/users", bindPath},
}

// e2eRequest is one kind of request of the mixed load.
type e2eRequest struct {
	method, target, body string
	status               int
}

// e2eMix is the mixed load, sent in this order, round and round.
var e2eMix = []e2eRequest{
	{http.MethodGet, "/users/1", "", http.StatusOK},
	{http.MethodGet, "/missing/42", "", http.StatusNotFound},
	{http.MethodPost, "/users", invalidSignup, http.StatusUnprocessableEntity},
}

// BenchmarkEndToEnd serves the mixed load through each framework with its own recovery middleware (native)
// and with httperr installed.
func BenchmarkEndToEnd(b *testing.B) {
	for _, fw := range benchFrameworks {
		for _, impl := range []string{"native", "httperr"} {
			b.Run("fw="+fw+"/impl="+impl, func(b *testing.B) {
				loadTest(b, build(fw, impl, benchRenderer(), e2eMounts...), *e2eConns)
			})
		}
	}
}

// loadTest serves h on a loopback server and sends it b.N requests of e2eMix over conns connections.
func loadTest(b *testing.B, h http.Handler, conns int) {
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.Start()
	defer srv.Close()
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	for _, q := range e2eMix { // the stack answers as meant, before anything is measured
		if err := send(client, srv.URL, q); err != nil {
			b.Fatal(err)
		}
	}

	latency := make([]time.Duration, b.N)
	var next atomic.Int64
	var failure atomic.Pointer[error]
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for range min(conns, b.N) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(latency) || failure.Load() != nil {
					return
				}
				t0 := time.Now()
				if err := send(client, srv.URL, e2eMix[i%len(e2eMix)]); err != nil {
					failure.CompareAndSwap(nil, &err)
					return
				}
				latency[i] = time.Since(t0)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if err := failure.Load(); err != nil {
		b.Fatal(*err)
	}
	slices.Sort(latency)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(latency[len(latency)*50/100])/1e3, "p50-us")
	b.ReportMetric(float64(latency[len(latency)*99/100])/1e3, "p99-us")
}

// send sends q and reads its answer to the end, so that the connection is kept for the next request.
func send(client *http.Client, base string, q e2eRequest) error {
	var body io.Reader
	if q.body != "" {
		body = strings.NewReader(q.body)
	}
	req, err := http.NewRequest(q.method, base+q.target, body)
	if err != nil {
		return err
	}
	if q.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != q.status {
		return fmt.Errorf("%s %s: status %d, want %d", q.method, q.target, resp.StatusCode, q.status)
	}
	return nil
}
