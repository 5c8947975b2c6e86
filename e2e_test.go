package toolkit_test

// The end-to-end benchmark: each stack served by a child process of its own, the test binary run again as
// TestEndToEndServer on a loopback listener (127.0.0.1), and driven from this process by a bounded load
// generator over -e2e.conns keep-alive connections, with a mixed load of one third each: 200 (a JSON user),
// 404 (the handler's "user not found") and 422 (three violations from the framework's own binder). The two
// processes have a runtime, a heap and a garbage collector each, as a service and its clients have; they
// share the machine's cores. b.N is the number of requests: the run stops by itself once they are answered
// (scripts/bench.sh passes -test.benchtime Nx, a fixed count). Reported: req/s, the 50th and 99th percentile
// latency in microseconds as the client saw it, and ns/op, the wall time over the requests (1/throughput).
//
// A benchmark, not a test: `go test ./...` builds it and does not run it, and TestEndToEndServer skips
// unless it is the child.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
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
// and with httperr installed, each in a server process of its own.
func BenchmarkEndToEnd(b *testing.B) {
	var child *e2eServer // the server of the sub-benchmark running, kept over its runs (b.N = 1, then b.N)
	b.Cleanup(func() { child.stop() })
	for _, fw := range benchFrameworks {
		for _, impl := range []string{"native", "httperr"} {
			b.Run("fw="+fw+"/impl="+impl, func(b *testing.B) {
				warm := child == nil || child.stack != fw+"/"+impl
				if warm {
					child.stop()
					child = startE2EServer(b, fw, impl)
				}
				loadTest(b, child.url, *e2eConns, warm)
			})
		}
	}
}

// e2eServerEnv names, in a server child of BenchmarkEndToEnd, the stack it serves: "fw/impl".
const e2eServerEnv = "HTTPERR_E2E_SERVER"

// TestEndToEndServer is the server child of BenchmarkEndToEnd, and skips anywhere else: it serves the stack
// e2eServerEnv names, with the benchmarks' Renderer, on a loopback port it prints as "listening
// 127.0.0.1:port", until its standard input is closed (by the benchmark, or by its end).
func TestEndToEndServer(t *testing.T) {
	stack := os.Getenv(e2eServerEnv)
	if stack == "" {
		t.Skip("the server child of BenchmarkEndToEnd")
	}
	fw, impl, _ := strings.Cut(stack, "/")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: build(fw, impl, benchRenderer(), e2eMounts...), ErrorLog: log.New(io.Discard, "", 0)}
	go srv.Serve(ln) //nolint:errcheck // ends with Close below
	fmt.Printf("listening %s\n", ln.Addr())
	io.Copy(io.Discard, os.Stdin) //nolint:errcheck // EOF, or the pipe broken: either way the benchmark is done
	srv.Close()
}

// e2eServer is a running server child.
type e2eServer struct {
	stack  string // fw/impl
	url    string
	cmd    *exec.Cmd
	stdin  io.Closer
	stderr bytes.Buffer
	done   chan error // the child's exit
}

// startE2EServer runs the test binary again as TestEndToEndServer for the stack fw/impl, and returns once it
// listens.
func startE2EServer(b *testing.B, fw, impl string) *e2eServer {
	s := &e2eServer{stack: fw + "/" + impl, done: make(chan error, 1)}
	s.cmd = exec.Command(os.Args[0], "-test.run=^TestEndToEndServer$", "-test.count=1", "-test.timeout=30m")
	s.cmd.Env = append(os.Environ(), e2eServerEnv+"="+s.stack)
	s.cmd.Stderr = &s.stderr
	stdin, err := s.cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	s.stdin = stdin
	if err := s.cmd.Start(); err != nil {
		b.Fatal(err)
	}
	out := bufio.NewReader(stdout)
	for s.url == "" {
		line, err := out.ReadString('\n')
		if err != nil { // the child ended before it listened
			s.cmd.Wait() //nolint:errcheck // its stderr says why
			b.Fatalf("server child for %s: %v\n%s", s.stack, err, &s.stderr)
		}
		if addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening "); ok {
			s.url = "http://" + addr
		}
	}
	go func() {
		io.Copy(io.Discard, out) //nolint:errcheck // the child's PASS line
		s.done <- s.cmd.Wait()
	}()
	return s
}

// stop closes the child's standard input, which ends it, and waits for it to exit (killing it after 10 s);
// a nil s is none.
func (s *e2eServer) stop() {
	if s == nil {
		return
	}
	s.stdin.Close()
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill() //nolint:errcheck // it may have exited meanwhile
		<-s.done
	}
}

var e2eWarmup = flag.Int("e2e.warmup", 2000, "BenchmarkEndToEnd: requests sent to a new server child before it is measured")

// loadTest sends b.N requests of e2eMix to the server at url over conns connections; to a new server child
// (warm), e2eWarmup requests first, unmeasured, so that its heap and connections are those of a running
// service.
func loadTest(b *testing.B, url string, conns int, warm bool) {
	tr := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	for _, q := range e2eMix { // the stack answers as meant, before anything is measured
		if err := send(client, url, q); err != nil {
			b.Fatal(err)
		}
	}
	if warm {
		if _, err := drive(client, url, make([]time.Duration, *e2eWarmup), conns); err != nil {
			b.Fatal(err)
		}
	}
	latency := make([]time.Duration, b.N)
	b.ResetTimer()
	elapsed, err := drive(client, url, latency, conns)
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	slices.Sort(latency)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(latency[len(latency)*50/100])/1e3, "p50-us")
	b.ReportMetric(float64(latency[len(latency)*99/100])/1e3, "p99-us")
}

// drive sends len(latency) requests of e2eMix over conns connections, recording each one's latency, and
// returns the wall time they took, or the first failure.
func drive(client *http.Client, url string, latency []time.Duration, conns int) (time.Duration, error) {
	var next atomic.Int64
	var failure atomic.Pointer[error]
	var wg sync.WaitGroup
	start := time.Now()
	for range min(conns, len(latency)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(latency) || failure.Load() != nil {
					return
				}
				t0 := time.Now()
				if err := send(client, url, e2eMix[i%len(e2eMix)]); err != nil {
					failure.CompareAndSwap(nil, &err)
					return
				}
				latency[i] = time.Since(t0)
			}
		})
	}
	wg.Wait()
	if err := failure.Load(); err != nil {
		return 0, *err
	}
	return time.Since(start), nil
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
