package toolkit_test

// A bounded load through every stack on real servers.

import (
	"bytes"
	"net/http"
	"runtime"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/httperr/toolkit/internal/testkit"
)

// loadRequest is one kind of request of the load burst.
type loadRequest struct {
	name, method, path, body string
	header                   map[string]string
}

var loadRequests = []loadRequest{
	{name: "success", method: "GET", path: "/users/1"},
	{name: "404", method: "GET", path: "/users/42"},
	{name: "422", method: "POST", path: "/users", body: `{"name":"","email":"nope","age":-1}`},
	{name: "500", method: "GET", path: "/report"},
	{name: "panic", method: "GET", path: "/panic"},
	{name: "405", method: "DELETE", path: "/users/1"},
	{name: "XML", method: "GET", path: "/users/42", header: map[string]string{"Accept": "application/problem+xml"}},
	{name: "French", method: "GET", path: "/maintenance", header: map[string]string{"Accept-Language": "fr"}},
}

// loadAnswer is what one kind of request must get, byte for byte.
type loadAnswer struct {
	status             int
	contentType, allow string
	body               string
}

// TestLoad serves the users API with each framework on a loopback listener and drives a bounded burst of
// concurrent requests mixing success, 4xx, 5xx, panics, XML and French. Every answer must be complete and the
// one its request calls for, byte for byte, with a matching Content-Length; afterwards the goroutines and the
// heap must come back to where they were.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	const (
		total   = 20000 // across the stacks
		workers = 64
	)
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	baseline := runtime.NumGoroutine()
	start := time.Now()

	var transports []*http.Transport
	func() {
		for i, fw := range frameworks {
			rd := testkit.Quiet()
			var serverLog testkit.LogBuffer
			ts := startServer(t, fw.serve(rd), &serverLog)
			defer ts.Close()
			tr := &http.Transport{MaxIdleConnsPerHost: workers, MaxIdleConns: workers}
			transports = append(transports, tr)
			c := &http.Client{Transport: tr, Timeout: 30 * time.Second}

			// The answer each kind of request must get, taken from one request made alone.
			want := make([]loadAnswer, len(loadRequests))
			for k, lr := range loadRequests {
				res, b, err, readErr := get(c, lr.method, ts.URL+lr.path, lr.header, lr.body)
				if err != nil || readErr != nil {
					t.Fatalf("%s %s: %v %v", fw.name, lr.name, err, readErr)
				}
				want[k] = loadAnswer{res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Allow"), string(b)}
			}
			if !checkLoadAnswers(t, fw, want) {
				continue // no burst against wrong reference answers; the other stacks still run
			}

			n := total / len(frameworks)
			if i == 0 {
				n += total % len(frameworks)
			}
			var next atomic.Int64
			var failures atomic.Int64
			var wg sync.WaitGroup
			for range workers {
				wg.Go(func() {
					for {
						j := next.Add(1) - 1
						if j >= int64(n) || failures.Load() > 10 {
							return
						}
						k := int(j) % len(loadRequests)
						lr := loadRequests[k]
						res, b, err, readErr := get(c, lr.method, ts.URL+lr.path, lr.header, lr.body)
						var got loadAnswer
						if err == nil {
							got = loadAnswer{res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Allow"), string(b)}
						}
						switch {
						case err != nil || readErr != nil:
							t.Errorf("%s %s #%d: %v %v", fw.name, lr.name, j, err, readErr)
						case got != want[k]:
							t.Errorf("%s %s #%d: got %+v\nwant %+v", fw.name, lr.name, j, got, want[k])
						case res.ContentLength != int64(len(b)):
							t.Errorf("%s %s #%d: Content-Length %d for %d bytes", fw.name, lr.name, j, res.ContentLength, len(b))
						default:
							continue
						}
						failures.Add(1)
					}
				})
			}
			wg.Wait()
			if s := serverLog.String(); s != "" {
				t.Errorf("%s: net/http logged:\n%.2000s", fw.name, s)
			}
		}
	}()
	for _, tr := range transports {
		tr.CloseIdleConnections()
	}
	t.Logf("%d requests, %d concurrent, in %v", total, workers, time.Since(start).Round(time.Millisecond))

	// No goroutine outlives the servers and the client's connections.
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > baseline+2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > baseline+2 {
		var stacks bytes.Buffer
		pprof.Lookup("goroutine").WriteTo(&stacks, 1)
		t.Errorf("%d goroutines after the burst, %d before:\n%.8000s", n, baseline, stacks.String())
	}

	// The heap comes back near where it was (pools and caches may keep a little).
	runtime.GC()
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	const slack = 64 << 20
	if after.HeapAlloc > before.HeapAlloc+slack {
		t.Errorf("heap %d MiB after the burst, %d MiB before", after.HeapAlloc>>20, before.HeapAlloc>>20)
	}
	t.Logf("heap %d KiB before, %d KiB after; goroutines %d before, %d after", before.HeapAlloc>>10, after.HeapAlloc>>10,
		baseline, runtime.NumGoroutine())
}

// checkLoadAnswers checks the reference answers against what the conformance suite pins, so that the burst
// is compared with right answers and not merely with the first ones. It reports whether they all are.
func checkLoadAnswers(t *testing.T, fw framework, want []loadAnswer) bool {
	t.Helper()
	bodies := map[string]string{
		"success": fw.userBody,
		"500":     body500,
		"panic":   body500,
		"404":     scenarioBody("handler 404"),
		"422":     scenarioBody("422 from the binder and validator"),
		"405":     scenarioBody("router 405 with Allow"),
		"XML":     scenarioBody("XML"),
		"French":  scenarioBody("French"),
	}
	ok := true
	for k, lr := range loadRequests {
		if want[k].body != bodies[lr.name] {
			t.Errorf("%s %s: reference answer %q, want %q", fw.name, lr.name, want[k].body, bodies[lr.name])
			ok = false
		}
		if lr.name == "405" && want[k].allow == "" {
			t.Errorf("%s: 405 without Allow", fw.name)
		}
	}
	return ok
}

func scenarioBody(name string) string {
	for _, sc := range scenarios {
		if sc.name == name {
			return sc.want
		}
	}
	panic("no scenario " + name)
}
