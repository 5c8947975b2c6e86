package httperrclient

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestRetryablehttp runs the real go-retryablehttp, with Transport as its HTTPClient's transport and
// CheckRetry and Backoff as its policies, against a loopback server. The waits CheckRetry would make are
// recorded instead of slept.
func TestRetryablehttp(t *testing.T) {
	quiet := testkit.Quiet()
	tests := []struct {
		name     string
		answers  []error // one per request, the last repeated; nil is 200
		requests int
		waits    []time.Duration
		status   int // of the error at the end, 0 for a 200
	}{
		{name: "404 asked once", answers: []error{httperr.NotFound("user")}, requests: 1, status: 404},
		{name: "400 asked once", answers: []error{httperr.BadRequest("no")}, requests: 1, status: 400},
		{name: "501 asked once", answers: []error{httperr.New(501, "")}, requests: 1, status: 501},
		{name: "503 with Retry-After 1 retried after 1s", answers: []error{httperr.ServiceUnavailable(time.Second), nil},
			requests: 2, waits: []time.Duration{time.Second}},
		{name: "429 until the retries run out", answers: []error{httperr.TooManyRequests(time.Second)},
			// CheckRetry cannot tell the last attempt: it waits once more before the loop gives up.
			requests: 4, waits: []time.Duration{time.Second, time.Second, time.Second, time.Second}, status: 429},
		{name: "502 without Retry-After", answers: []error{httperr.BadGateway(""), httperr.BadGateway(""), nil}, requests: 3},
		{name: "503 with Retry-After beyond maxRetryWait not retried", answers: []error{httperr.ServiceUnavailable(time.Hour)},
			requests: 1, status: 503},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var waits []time.Duration
			retryWait = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil }
			defer func() { retryWait = defaultRetryWait }()

			var n atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				i := min(int(n.Add(1))-1, len(tc.answers)-1)
				if tc.answers[i] == nil {
					io.WriteString(w, "fine")
					return
				}
				quiet.Render(w, r, tc.answers[i])
			}))
			defer srv.Close()

			rc := retryablehttp.NewClient()
			rc.Logger = nil
			rc.RetryMax = 3
			rc.RetryWaitMin, rc.RetryWaitMax = time.Millisecond, 4*time.Millisecond
			rc.HTTPClient.Transport = &Transport{Base: srv.Client().Transport}
			rc.CheckRetry = CheckRetry
			var backoffs []time.Duration
			rc.Backoff = func(min, max time.Duration, attempt int, res *http.Response) time.Duration {
				d := Backoff(min, max, attempt, res)
				backoffs = append(backoffs, d)
				return d
			}
			res, err := rc.Get(srv.URL)
			if got := int(n.Load()); got != tc.requests {
				t.Errorf("%d requests, want %d", got, tc.requests)
			}
			if !slices.Equal(waits, tc.waits) {
				t.Errorf("CheckRetry waited %v, want %v", waits, tc.waits)
			}
			if len(backoffs) != tc.requests-1 {
				t.Errorf("Backoff gave %v, want %d waits", backoffs, tc.requests-1)
			}
			for i, d := range backoffs {
				if want := time.Millisecond << i; d != min(want, 4*time.Millisecond) {
					t.Errorf("Backoff %d = %v, want %v", i, d, want)
				}
			}
			if tc.status == 0 {
				if err != nil {
					t.Fatalf("got %v", err)
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				if res.StatusCode != 200 || string(body) != "fine" {
					t.Errorf("got %d %q", res.StatusCode, body)
				}
				return
			}
			if res != nil || httperr.StatusOf(err) != tc.status {
				t.Errorf("got %v, status %d, want %d", err, httperr.StatusOf(err), tc.status)
			}
			want := "GET " + srv.URL + " giving up after " + strconv.Itoa(tc.requests) + " attempt(s): "
			if got := err.Error(); len(got) < len(want) || got[:len(want)] != want {
				t.Errorf("error %q", got)
			}
		})
	}
}

func TestCheckRetry(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	soon, stop := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer stop()
	refused := func() error {
		srv := httptest.NewServer(http.NotFoundHandler())
		srv.Close()
		_, err := (&http.Client{Transport: &Transport{}}).Get(srv.URL)
		return err
	}()
	res := func(status int, retryAfter string) *http.Response {
		return &http.Response{StatusCode: status, Header: http.Header{"Retry-After": {retryAfter}}}
	}
	tests := []struct {
		name  string
		ctx   context.Context
		res   *http.Response
		err   error
		retry bool
	}{
		{"connection refused", context.Background(), nil, refused, true},
		{"unexpected EOF", context.Background(), nil, io.ErrUnexpectedEOF, true},
		{"no such host", context.Background(), nil, &net.DNSError{Err: "no such host", IsNotFound: true}, false},
		{"other error", context.Background(), nil, io.ErrShortWrite, false},
		{"cancelled", cancelled, nil, httperr.ServiceUnavailable(0), false},
		{"wait beyond the deadline", soon, nil, httperr.ServiceUnavailable(time.Second), false},
		{"response 503", context.Background(), res(503, "1"), nil, true},
		{"response 503 asks too long", context.Background(), res(503, "31"), nil, false},
		{"response 404", context.Background(), res(404, ""), nil, false},
		{"response 200", context.Background(), res(200, ""), nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			retry, err := CheckRetry(tc.ctx, tc.res, tc.err)
			if retry != tc.retry || (err != nil) != (tc.ctx.Err() != nil) {
				t.Errorf("got %v, %v; want %v", retry, err, tc.retry)
			}
		})
	}
}

func TestBackoff(t *testing.T) {
	res := &http.Response{StatusCode: 503, Header: http.Header{"Retry-After": {"7"}}}
	tests := []struct {
		name    string
		attempt int
		res     *http.Response
		want    time.Duration
	}{
		{"first", 0, nil, time.Second},
		{"third", 2, nil, 4 * time.Second},
		{"capped", 10, nil, 30 * time.Second},
		{"huge attempt", 1 << 30, nil, 30 * time.Second},
		{"Retry-After", 0, res, 7 * time.Second},
	}
	for _, tc := range tests {
		if got := Backoff(time.Second, 30*time.Second, tc.attempt, tc.res); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
