package hold

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/answer"
)

type hijacker struct{ *httptest.ResponseRecorder }

func (hijacker) Hijack() (net.Conn, *bufio.ReadWriter, error) { return nil, nil, nil }

type plain struct{ http.ResponseWriter }

// TestViewInterfaces checks that the view has exactly the optional interfaces of the writer wrapped (the
// recorder's WriteString included: a handler's io.WriteString takes it), and unwraps to it.
func TestViewInterfaces(t *testing.T) {
	rec := httptest.NewRecorder()
	for _, w := range []http.ResponseWriter{rec, hijacker{rec}, plain{rec}, plain{hijacker{rec}}} {
		hw := New(w, nil)
		v := hw.View()
		_, vf := v.(http.Flusher)
		_, wf := w.(http.Flusher)
		_, vh := v.(http.Hijacker)
		_, wh := w.(http.Hijacker)
		_, vs := v.(io.StringWriter)
		_, ws := w.(io.StringWriter)
		if vf != wf || vh != wh || vs != ws {
			t.Errorf("%T: view Flusher %v Hijacker %v StringWriter %v, want %v %v %v", w, vf, vh, vs, wf, wh, ws)
		}
		if u := v.(interface{ Unwrap() http.ResponseWriter }).Unwrap(); u != w {
			t.Errorf("%T: Unwrap %T", w, u)
		}
		hw.Release()
	}
}

// TestSentAsItWas checks the answers that go out as they were: a text over MaxBody, a flushed one; that one
// the request ended without rendering is dropped; and that a held one is rendered with the status and size
// counted.
func TestSentAsItWas(t *testing.T) {
	long := strings.Repeat("x", answer.MaxBody+1)
	tests := []struct {
		name   string
		write  func(w http.ResponseWriter)
		render bool
		status int
		body   string
	}{
		{"over MaxBody", func(w http.ResponseWriter) {
			w.WriteHeader(400)
			w.Write([]byte(long[:10]))
			w.Write([]byte(long[10:]))
		}, true, 400, long},
		{"flushed", func(w http.ResponseWriter) {
			w.WriteHeader(400)
			w.Write([]byte("partial"))
			w.(http.Flusher).Flush()
		}, true, 400, "partial"},
		{"released unrendered: dropped", func(w http.ResponseWriter) { w.WriteHeader(404); w.Write([]byte("gone")) }, false, 200, ""},
		{"success", func(w http.ResponseWriter) { w.Write([]byte("ok")) }, true, 200, "ok"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			hw := New(rec, nil)
			tt.write(hw.View())
			if tt.render {
				if _, _, ok := hw.Finish(httptest.NewRequest("GET", "/", nil)); ok {
					t.Error("rendered an answer that was sent")
				}
			}
			hw.Release()
			if rec.Code != tt.status || rec.Body.String() != tt.body {
				t.Errorf("got %d %q", rec.Code, rec.Body.String()[:min(rec.Body.Len(), 40)])
			}
		})
	}
	rec := httptest.NewRecorder()
	hw := New(rec, nil)
	hw.View().WriteHeader(404)
	hw.View().Write([]byte("404 page not found\n"))
	status, size, ok := hw.Finish(httptest.NewRequest("GET", "/", nil))
	want := `{"type":"about:blank","title":"Not Found","status":404,"detail":"` + httperr.English().Description(404) + `"}` + "\n"
	if !ok || status != 404 || size != int64(len(want)) || rec.Body.String() != want {
		t.Errorf("Finish: %v %d %d %q", ok, status, size, rec.Body.String())
	}
}

// TestReleasedRefusesWrites checks that a Writer released refuses writes, through its view and through what
// its Unwrap returns.
func TestReleasedRefusesWrites(t *testing.T) {
	rec := httptest.NewRecorder()
	hw := New(rec, nil)
	v := hw.View()
	hw.Release()
	v.WriteHeader(500)
	if n, err := v.Write([]byte("late")); n != 0 || err == nil {
		t.Errorf("late write: %d %v", n, err)
	}
	v.(http.Flusher).Flush()
	v.Header().Set("X", "y")
	u := v.(interface{ Unwrap() http.ResponseWriter }).Unwrap() // what http.ResponseController reaches
	if u == nil {
		t.Fatal("Unwrap returned nil once released: a caller of its methods panics")
	}
	if _, err := u.Write([]byte("late")); err == nil {
		t.Error("a write through Unwrap succeeded once released")
	}
	if err := http.NewResponseController(v).SetWriteDeadline(time.Now()); err == nil {
		t.Error("http.ResponseController reached the writer once released")
	}
	if rec.Code != 200 || rec.Body.Len() != 0 || rec.Header().Get("X") != "" || rec.Flushed {
		t.Errorf("a released Writer wrote: %d %q %v", rec.Code, rec.Body, rec.Header())
	}
}

// TestKeptWriterNeverReachesTheNextRequest checks that a goroutine that kept a request's writer and writes
// after the request was over, while the next requests run, never reaches their responses (the Writers are
// not pooled), under -race too.
func TestKeptWriterNeverReachesTheNextRequest(t *testing.T) {
	first := New(httptest.NewRecorder(), nil)
	kept := first.View()
	first.Release()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 1000 {
			if _, err := kept.Write([]byte("STRAY")); err == nil {
				t.Error("a write through a released writer succeeded")
				return
			}
		}
	}()
	for range 1000 {
		rec := httptest.NewRecorder()
		hw := New(rec, nil)
		hw.View().Write([]byte("ok")) //nolint:errcheck
		hw.Release()
		if rec.Body.String() != "ok" {
			t.Fatalf("body %q", rec.Body.String())
		}
	}
	<-done
}
