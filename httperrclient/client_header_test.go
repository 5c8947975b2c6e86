package httperrclient_test

import (
	"context"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrclient"
)

func TestFromResponseHeaders(t *testing.T) {
	h := http.Header{
		"Content-Type":     {"text/plain"},
		"Set-Cookie":       {"session=1"},
		"Location":         {"/elsewhere"},
		"Cache-Control":    {"max-age=60"},
		"Www-Authenticate": {`Basic realm="a"`, `Bearer realm="b"`},
		"Retry-After":      {"7"},
		"Allow":            {"GET"},
		"Upgrade":          {"bad\r\nInjected: 1"},
		"X-Request-Id":     {"abc"},
	}
	res := &http.Response{StatusCode: 401, Header: h, Body: http.NoBody}
	e := clientDecodeWith(t, httperrclient.Decoder{}, res)
	want := http.Header{
		"Www-Authenticate": {`Basic realm="a"`, `Bearer realm="b"`},
		"Retry-After":      {"7"},
		"Allow":            {"GET"},
	}
	if got := e.Header(); !reflect.DeepEqual(got, want) {
		t.Errorf("header\n got %v\nwant %v", got, want)
	}
	if d, ok := e.RetryAfter(); d != 7*time.Second || !ok {
		t.Errorf("RetryAfter = %v, %v", d, ok)
	}

	res = &http.Response{StatusCode: 401, Header: h, Body: http.NoBody}
	e = clientDecodeWith(t, httperrclient.Decoder{Headers: []string{"x-request-id", "bad name"}}, res)
	if got, want := e.Header(), (http.Header{"X-Request-Id": {"abc"}}); !reflect.DeepEqual(got, want) {
		t.Errorf("own list: header %v, want %v", got, want)
	}
	res = &http.Response{StatusCode: 401, Header: h, Body: http.NoBody}
	e = clientDecodeWith(t, httperrclient.Decoder{Headers: []string{}}, res)
	if got := e.Header(); len(got) != 0 {
		t.Errorf("empty list: header %v", got)
	}
	// The header is the error's own: changing the response's does not change it.
	h.Set("Allow", "POST")
	if got := e.Header().Get("Allow"); got != "" {
		t.Errorf("Allow %q", got)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Now()
	tests := []struct {
		value string
		want  time.Duration
		ok    bool
	}{
		{"120", 2 * time.Minute, true},
		{"0", 0, true},
		{" 5\t", 5 * time.Second, true},
		{"007", 7 * time.Second, true},
		{"31536000", 365 * 24 * time.Hour, true},
		{"31536001", 365 * 24 * time.Hour, true},
		{"99999999999999999999999999", 365 * 24 * time.Hour, true},
		{"", 0, false},
		{"-1", 0, false},
		{"+1", 0, false},
		{"1.5", 0, false},
		{"1 2", 0, false},
		{"soon", 0, false},
		{now.Add(-time.Hour).UTC().Format(http.TimeFormat), 0, true},
		{"Sun, 06 Nov 1994 08:49:37 GMT", 0, true},
		{"Sunday, 06-Nov-94 08:49:37 GMT", 0, true},
		{"Sun Nov  6 08:49:37 1994", 0, true},
		{"Sun, 06 Nov 1994 08:49:37", 0, false},
	}
	for _, tc := range tests {
		e := httperr.TooManyRequests(0).WithHeader("Retry-After", tc.value)
		if got, ok := e.RetryAfter(); got != tc.want || ok != tc.ok {
			t.Errorf("Retry-After %q: got %v, %v; want %v, %v", tc.value, got, ok, tc.want, tc.ok)
		}
	}
	for _, ahead := range []time.Duration{90 * time.Second, 2 * time.Hour} {
		e := httperr.ServiceUnavailable(0).WithRetryAt(time.Now().Add(ahead))
		got, ok := e.RetryAfter()
		if !ok || got > ahead || got < ahead-2*time.Second {
			t.Errorf("date %v ahead: got %v, %v", ahead, got, ok)
		}
	}
	if got, ok := httperr.ServiceUnavailable(2 * time.Minute).RetryAfter(); got != 2*time.Minute || !ok {
		t.Errorf("ServiceUnavailable(2m).RetryAfter() = %v, %v", got, ok)
	}
	if got, ok := httperr.NotFound("x").RetryAfter(); got != 0 || ok {
		t.Errorf("no Retry-After: %v, %v", got, ok)
	}
	if got, ok := (*httperr.Error)(nil).RetryAfter(); got != 0 || ok {
		t.Errorf("nil: %v, %v", got, ok)
	}
}

// clientRetryAfterClamped reports whether v is a Retry-After as the renderer would send it: delay-seconds
// of at most a year without leading zeros, or an HTTP-date at most a year ahead.
func clientRetryAfterClamped(v string) bool {
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return n >= 0 && n <= 31536000 && strconv.FormatInt(n, 10) == v
	}
	t, err := http.ParseTime(v)
	return err == nil && time.Until(t) <= 365*24*time.Hour
}

func TestFromResponseRetryAfterClamped(t *testing.T) {
	future := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	tests := []struct {
		name   string
		values []string
		want   []string
	}{
		{"seconds", []string{"120"}, []string{"120"}},
		{"leading zeros and space", []string{" 007"}, []string{"7"}},
		{"beyond a year", []string{"31536001"}, []string{"31536000"}},
		{"beyond int64", []string{"99999999999999999999"}, []string{"31536000"}},
		{"date", []string{future}, []string{future}},
		{"date beyond a year", []string{"Fri, 31 Dec 9999 23:59:59 GMT"}, []string{"31536000"}},
		{"neither form", []string{"soon"}, nil},
		{"two values", []string{"1", "2"}, []string{"1"}},
		{"control character", []string{"1\x01"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := &http.Response{StatusCode: 503, Header: http.Header{"Retry-After": tc.values}, Body: http.NoBody}
			e := clientDecodeWith(t, httperrclient.Decoder{}, res)
			if got := e.Header()["Retry-After"]; !slices.Equal(got, tc.want) {
				t.Errorf("kept %q, want %q", got, tc.want)
			}
			r := clientRenderer.Prepare(context.Background(), e.PassThrough(), httperr.Request{Method: http.MethodGet})
			if got := r.Header()["Retry-After"]; !slices.Equal(got, tc.want) {
				t.Errorf("re-rendered %q, want %q", got, tc.want)
			}
		})
	}
}
