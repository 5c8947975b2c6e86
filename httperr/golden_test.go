package httperr

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// updateGolden rewrites the golden files: go test ./httperr -run TestRenderGolden -update. Review every
// changed file by hand against RFC 9457 before committing it.
var updateGolden = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

const goldenDir = "testdata/golden"

// dump is the golden file form of a response: the status code alone on the first line (net/http's reason
// phrases differ from RFC 9110's titles for 413 and 422, which would only confuse a reviewer), the header
// fields sorted by name, one value a line, an empty line, and the body exactly as it was sent.
func dump(res *http.Response, body []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%d\n", res.StatusCode)
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range res.Header {
			if !yield(k) {
				return
			}
		}
	}) {
		for _, v := range res.Header[k] {
			fmt.Fprintf(&b, "%s: %s\n", k, v)
		}
	}
	b.WriteByte('\n')
	b.Write(body)
	return b.Bytes()
}

// splitDump parses a golden file back into status, header and body.
func splitDump(t *testing.T, data []byte) (int, http.Header, []byte) {
	t.Helper()
	head, body, ok := bytes.Cut(data, []byte("\n\n"))
	if !ok {
		t.Fatalf("golden file without an empty line:\n%s", data)
	}
	lines := strings.Split(string(head), "\n")
	status, err := strconv.Atoi(lines[0])
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{}
	for _, l := range lines[1:] {
		k, v, _ := strings.Cut(l, ": ")
		h.Add(k, v)
	}
	return status, h, body
}

type goldenCase struct {
	name   string // file name under testdata/golden; .xml files are requested with Accept: application/problem+xml
	rd     Renderer
	method string // GET when empty
	target string // /users/42 when empty
	header map[string]string
	pre    map[string]string // fields the handler set before it failed
	err    error
}

var (
	conflictErr = Conflict("the email ann@example.com is already taken").
			With("email", "ann@example.com").
			With("attempts", 3).
			With("ratio", 0.25).
			With("verified", false).
			With("owner", map[string]any{
			"id":      7,
			"name":    "Ann <ann@example.com> & co",
			"roles":   []string{"admin", "dev"},
			"address": map[string]any{"city": "Paris", "zip": "75001"},
		})
	validationErr = Validation(
		Violation{Pointer: "#/age", Detail: "must be a positive integer"},
		Violation{Pointer: "#/email", Detail: "must be an email address"},
		Violation{Pointer: "#/profile/color", Detail: `must be "green", "red" or "blue"`},
	)
	escapingErr = BadRequest("<script>alert(\"x\") & 'y'</script> \u2028 tab\there nul\x00 bad\xff").
			With("html", "</p><p>&amp;")
)

func goldenCases() []goldenCase {
	xmlAccept := map[string]string{"Accept": "application/problem+xml"}
	return []goldenCase{
		{name: "not-found.json", err: NotFound("user")},
		{name: "not-found.xml", header: xmlAccept, err: NotFound("user")},
		{name: "conflict-extensions.json", err: conflictErr},
		{name: "conflict-extensions.xml", header: xmlAccept, err: conflictErr},
		{name: "validation.json", method: "POST", target: "/users", err: validationErr},
		{name: "validation.xml", method: "POST", target: "/users", header: xmlAccept, err: validationErr},
		{name: "service-unavailable.json", target: "/maintenance", err: ServiceUnavailable(90 * time.Second)},
		{name: "service-unavailable.xml", target: "/maintenance", header: xmlAccept, err: ServiceUnavailable(90 * time.Second)},
		{name: "internal-secret.json", err: InternalServerError("").Wrap(errSecret)},
		{name: "internal-secret.xml", header: xmlAccept, err: InternalServerError("").Wrap(errSecret)},
		{name: "plain-error.json", err: fmt.Errorf("load user 42: %w", errSecret)},
		{
			name: "expose-cause.json", rd: Renderer{ExposeCause: true},
			err: fmt.Errorf("load user 42: %w", errSecret),
		},
		{
			name: "expose-cause.xml", rd: Renderer{ExposeCause: true}, header: xmlAccept,
			err: fmt.Errorf("load user 42: %w", errSecret),
		},
		{name: "type-base.json", rd: Renderer{TypeBase: "https://example.com/problems/"}, err: NotFound("user")},
		{
			name: "enrich.json",
			rd: Renderer{Enrich: func(r *http.Request, e *Error) *Error {
				return e.WithInstance("/requests/"+r.Header.Get("X-Request-Id")).
					With("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
			}},
			header: map[string]string{"X-Request-Id": "7f3c"},
			err:    NotFound("user"),
		},
		{name: "french.json", header: map[string]string{"Accept-Language": "fr-CA"}, err: NotFound("")},
		{
			name:   "french.xml",
			header: map[string]string{"Accept-Language": "fr-FR;q=0.9,en;q=0.8", "Accept": "application/xml"},
			err:    NotFound(""),
		},
		{name: "head.json", method: http.MethodHead, err: NotFound("user")},
		{name: "escaping.json", err: escapingErr},
		{name: "escaping.xml", header: xmlAccept, err: escapingErr},
		{name: "unauthorized.json", err: Unauthorized("the token has expired")},
		{name: "method-not-allowed.json", method: "DELETE", err: MethodNotAllowed("GET", "HEAD")},
		{
			name: "handler-headers.json",
			pre: map[string]string{
				"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip", "Content-Length": "9999",
				"Vary": "Origin", "Etag": `"v1"`, "Content-Language": "de",
			},
			err: NotFound("user"),
		},
		{
			name: "unencodable-extension.json",
			err: Conflict("cannot encode some members").
				With("channel", make(chan int)).
				With("nan", math.NaN()).
				With("kept", "yes"),
		},
		{
			name: "unencodable-extension.xml", header: xmlAccept,
			err: Conflict("cannot encode some members").
				With("channel", make(chan int)).
				With("nan", math.NaN()).
				With("kept", "yes"),
		},
	}
}

// TestRenderGolden renders each case and compares the whole response with its golden file. Each golden
// file was read line by line against RFC 9457: member order type, title, status, detail, instance, then
// extensions by name; "about:blank" without a type; one trailing newline; HTML-sensitive characters escaped
// as encoding/json does; the XML form of appendix B.
func TestRenderGolden(t *testing.T) {
	names := map[string]bool{}
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			names[tc.name] = true
			method, target := tc.method, tc.target
			if method == "" {
				method = http.MethodGet
			}
			if target == "" {
				target = "/users/42"
			}
			res := render(quiet(tc.rd), method, target, tc.header, tc.pre, tc.err)
			b := body(t, res)
			got := dump(res, b)
			path := filepath.Join(goldenDir, tc.name)
			if *updateGolden {
				if err := os.MkdirAll(goldenDir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("response differs from %s\n--- got\n%s\n--- want\n%s", path, got, want)
			}
			checkProblem(t, method, res, b)
		})
	}
	// No golden file is left over from a case that no longer exists.
	files, _ := filepath.Glob(filepath.Join(goldenDir, "*"))
	for _, f := range files {
		if !names[filepath.Base(f)] {
			t.Errorf("golden file %s has no case", f)
		}
	}
}
