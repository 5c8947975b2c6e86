package testkit_test

import (
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"log/slog"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestBodiesAreRendered checks Problem, CatalogProblem, ErrorsProblem and ProblemHeader against what the renderer writes.
func TestBodiesAreRendered(t *testing.T) {
	for _, tt := range []struct {
		name   string
		err    error
		status int
		body   string
		kv     []string
	}{
		{"detail", httperr.NotFound("user"), 404, testkit.Problem(404, "Not Found", "user not found"), nil},
		{"members and HTML", httperr.Conflict("a <b> & c").With("code", "E1").With("ids", []int{1, 2}), 409,
			testkit.Problem(409, "Conflict", "a <b> & c", `"code":"E1"`, `"ids":[1,2]`), nil},
		{"catalog", httperr.InternalServerError("").Wrap(errors.New(testkit.Secret)), 500, testkit.CatalogProblem(500), nil},
		{"header field", httperr.MethodNotAllowed("GET", "HEAD"), 405, testkit.CatalogProblem(405), []string{"Allow", "GET, HEAD"}},
		{"errors member", httperr.Validation(httperr.Violation{Pointer: "#/age", Detail: "must be an integer"}), 422,
			testkit.ErrorsProblem(422, `[{"detail":"must be an integer","pointer":"#/age"}]`), nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { testkit.Quiet().Render(w, r, tt.err) })
			rec := testkit.Serve(h, "GET", "/x", "")
			testkit.Check(t, rec, tt.status, testkit.ProblemHeader(tt.body, tt.kv...), tt.body)
		})
	}
	if got, want := testkit.Problem(400, "Bad Request", ""), `{"type":"about:blank","title":"Bad Request","status":400}`+"\n"; got != want {
		t.Errorf("no detail: %s, want %s", got, want)
	}
}

// TestServe checks that Serve sends the body and header fields it is given.
func TestServe(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := new(strings.Builder)
		fmt.Fprintf(b, "%s %s %s %s ", r.Method, r.URL, r.Header.Get("Content-Type"), r.Header.Get("Accept"))
		if r.Body != nil {
			buf := make([]byte, 64)
			n, _ := r.Body.Read(buf)
			b.Write(buf[:n])
		}
		w.Write([]byte(b.String()))
	})
	rec := testkit.Serve(h, "POST", "/users?x=1", `{"a":1}`, "Content-Type", "application/json", "Accept", "application/xml")
	if got, want := rec.Body.String(), `POST /users?x=1 application/json application/xml {"a":1}`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// fakeTB records what a check reports instead of failing the test.
type fakeTB struct {
	testing.TB
	errors []string
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}

// TestCheckReports checks that Check reports a wrong status, body and header, and a leaked secret.
func TestCheckReports(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Extra", "1")
		w.WriteHeader(http.StatusTeapot)
		w.Write([]byte("cause: " + testkit.Secret))
	})
	tb := &fakeTB{TB: t}
	testkit.Check(tb, testkit.Serve(h, "GET", "/", ""), 404, http.Header{}, "x")
	got := strings.Join(tb.errors, "\n")
	for _, want := range []string{"status = 418, want 404", "body =", "header =", "body leaks the secret"} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q:\n%s", want, got)
		}
	}
	if len(tb.errors) != 4 {
		t.Errorf("%d reports, want 4", len(tb.errors))
	}
}

func TestEqualHeader(t *testing.T) {
	for _, tt := range []struct {
		name string
		a, b http.Header
		want bool
	}{
		{"same", http.Header{"A": {"1", "2"}}, http.Header{"A": {"1", "2"}}, true},
		{"both empty", http.Header{}, nil, true},
		{"other order", http.Header{"A": {"1", "2"}}, http.Header{"A": {"2", "1"}}, false},
		{"other field", http.Header{"A": {""}}, http.Header{"B": {""}}, false},
		{"one more", http.Header{"A": {"1"}}, http.Header{"A": {"1"}, "B": {"2"}}, false},
		{"joined", http.Header{"A": {"1", "2"}}, http.Header{"A": {"1\x002"}}, false},
	} {
		if got := testkit.EqualHeader(tt.a, tt.b); got != tt.want || testkit.EqualHeader(tt.b, tt.a) != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestRenderers checks where each Renderer's records go.
func TestRenderers(t *testing.T) {
	if h := testkit.Quiet().Logger.Handler(); h != slog.DiscardHandler {
		t.Errorf("Quiet logs to %T", h)
	}
	if a, b := testkit.Quiet(), testkit.Quiet(); a == b {
		t.Error("Quiet returns a shared Renderer")
	}
	rd, logs := testkit.Logging()
	testkit.Serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { rd.Render(w, r, httperr.NotFound("user")) }), "GET", "/", "")
	rd.LogUnsent(testkitRequest(), httperr.NotFound("user"))
	if got := logs.String(); !strings.Contains(got, "level=DEBUG") || !strings.Contains(got, `msg="`+testkit.Unsent) {
		t.Errorf("Logging: %s", got)
	}
	var js testkit.LogBuffer
	rd = testkit.LogJSON(&js)
	testkit.Serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { rd.Render(w, r, httperr.NotFound("user")) }), "GET", "/", "")
	rd.LogUnsent(testkitRequest(), httperr.NotFound("user"))
	if got := js.String(); !strings.Contains(got, `"level":"DEBUG"`) || !strings.Contains(got, `"msg":"`+testkit.Unsent) {
		t.Errorf("LogJSON: %s", got)
	}
}

func testkitRequest() *http.Request {
	r, _ := http.NewRequest("GET", "/late", nil)
	return r
}

// TestLogBufferConcurrent writes from many goroutines while reading (run it with -race).
func TestLogBufferConcurrent(t *testing.T) {
	var b testkit.LogBuffer
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for range 100 {
				b.Write([]byte(strconv.Itoa(i)))
				_ = b.String()
			}
		})
	}
	wg.Wait()
	if n := len(b.String()); n != 800 {
		t.Errorf("%d bytes, want 800", n)
	}
}

func TestLoopError(t *testing.T) {
	e := &testkit.LoopError{}
	if errors.Unwrap(e) != e || e.Error() != "loop" {
		t.Errorf("Unwrap %v, Error %q", errors.Unwrap(e), e.Error())
	}
}

// TestAsProblem checks that only errors.As sees the problem AsProblem holds.
func TestAsProblem(t *testing.T) {
	p := httperr.Conflict("email taken")
	err := fmt.Errorf("x: %w", testkit.AsProblem(p))
	var got *httperr.Error
	if !errors.As(err, &got) || got != p || errors.Unwrap(errors.Unwrap(err)) != nil || httperr.StatusOf(err) != 409 {
		t.Errorf("errors.As found %v, want %v", got, p)
	}
}

// TestOnlyTestsImport checks that no file of the module but a _test.go file imports testkit or spectest
// (spectest, scaffolding too, may import testkit): they are test scaffolding, never part of what users
// build.
func TestOnlyTestsImport(t *testing.T) {
	scaffolding := map[string]bool{
		`"github.com/httperr/toolkit/internal/testkit"`:  true,
		`"github.com/httperr/toolkit/internal/spectest"`: true,
	}
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") ||
				p == filepath.Join(root, "internal", "spectest") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, im := range f.Imports {
			if scaffolding[im.Path.Value] {
				t.Errorf("%s imports %s", p, im.Path.Value)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
