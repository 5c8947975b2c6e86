package httperr

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/language"
)

// updateGolden rewrites the golden files: go test ./httperr -run TestRenderGolden -update. Review every
// changed file by hand against RFC 9457 before committing it.
var updateGolden = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

const goldenDir = "testdata/golden"

// quiet returns rd with a logger that drops everything, so that tests do not write to the default
// logger.
func quiet(rd Renderer) *Renderer {
	if rd.Logger == nil {
		rd.Logger = slog.New(slog.DiscardHandler)
	}
	return &rd
}

// captureLogger returns a logger that writes JSON records, every level included, to the returned buffer.
func captureLogger() (*slog.Logger, *bytes.Buffer) {
	var buf bytes.Buffer
	return slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})), &buf
}

// logRecords decodes the records a captureLogger wrote.
func logRecords(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var recs []map[string]any
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	for dec.More() {
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("log record is not JSON: %v\n%s", err, buf)
		}
		recs = append(recs, m)
	}
	return recs
}

// oneRecord returns the only log record, failing the test when there is not exactly one.
func oneRecord(t *testing.T, buf *bytes.Buffer) map[string]any {
	t.Helper()
	recs := logRecords(t, buf)
	if len(recs) != 1 {
		t.Fatalf("got %d log records, want 1:\n%s", len(recs), buf)
	}
	return recs[0]
}

// render renders err through rd.Render for a request with the given method, path and header fields, after
// the handler set the fields in pre on the response.
func render(rd *Renderer, method, target string, reqHeader, pre map[string]string, err error) *http.Response {
	r := httptest.NewRequest(method, target, nil)
	for k, v := range reqHeader {
		r.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	for k, v := range pre {
		rec.Header().Set(k, v)
	}
	rd.Render(rec, r, err)
	return rec.Result()
}

func body(t *testing.T, res *http.Response) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(res.Body); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

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
	name    string // file name under testdata/golden; .xml files are requested with Accept: application/problem+xml
	rd      Renderer
	method  string // GET when empty
	target  string // /users/42 when empty
	header  map[string]string
	pre     map[string]string // fields the handler set before it failed
	err     error
	checkFn func(t *testing.T, res *http.Response, body []byte)
}

// secret is a cause that must never reach a client.
var secret = errors.New("db: dial tcp 10.0.0.7:5432: password=s3cr3t-hunter2 rejected")

const secretText = "s3cr3t-hunter2"

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
		{name: "internal-secret.json", err: InternalServerError("").Wrap(secret)},
		{name: "internal-secret.xml", header: xmlAccept, err: InternalServerError("").Wrap(secret)},
		{name: "plain-error.json", err: fmt.Errorf("load user 42: %w", secret)},
		{
			name: "expose-cause.json", rd: Renderer{ExposeCause: true},
			err: fmt.Errorf("load user 42: %w", secret),
		},
		{
			name: "expose-cause.xml", rd: Renderer{ExposeCause: true}, header: xmlAccept,
			err: fmt.Errorf("load user 42: %w", secret),
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

// checkProblem checks what every problem response must satisfy.
func checkProblem(t *testing.T, method string, res *http.Response, body []byte) {
	t.Helper()
	h := res.Header
	ct := h.Get("Content-Type")
	if ct != "application/problem+json" && ct != "application/problem+xml" {
		t.Errorf("Content-Type %q", ct)
	}
	if method == http.MethodHead {
		if len(body) != 0 {
			t.Errorf("HEAD response has a body: %q", body)
		}
	} else if cl := h.Get("Content-Length"); cl != strconv.Itoa(len(body)) {
		t.Errorf("Content-Length %s, body is %d bytes", cl, len(body))
	}
	if got := h.Values("X-Content-Type-Options"); !slices.Equal(got, []string{"nosniff"}) {
		t.Errorf("X-Content-Type-Options %q", got)
	}
	if vary := strings.Join(h.Values("Vary"), ", "); !strings.HasSuffix(vary, "Accept, Accept-Language") {
		t.Errorf("Vary %q does not list Accept, Accept-Language", vary)
	}
	if cl := h.Values("Content-Language"); len(cl) != 1 || (cl[0] != "en" && cl[0] != "fr") {
		t.Errorf("Content-Language %q", cl)
	}
	if h.Get("Content-Encoding") != "" {
		t.Errorf("Content-Encoding %q on a problem", h.Get("Content-Encoding"))
	}
	if method == http.MethodHead {
		return
	}
	if !bytes.HasSuffix(body, []byte("\n")) || bytes.HasSuffix(body, []byte("\n\n")) {
		t.Errorf("body does not end with exactly one newline: %q", body)
	}
	if ct == "application/problem+json" {
		checkJSONProblem(t, res.StatusCode, body)
	} else {
		checkXMLProblem(t, res.StatusCode, body)
	}
}

// checkJSONProblem checks a problem+json body: valid JSON, members in RFC 9457 order then extensions by
// name, type and title present, status equal to the response's, HTML-sensitive characters escaped.
func checkJSONProblem(t *testing.T, status int, body []byte) map[string]any {
	t.Helper()
	if !json.Valid(body) {
		t.Fatalf("invalid JSON: %s", body)
	}
	if i := bytes.IndexAny(body, "<>&\u2028\u2029"); i >= 0 {
		t.Errorf("unescaped HTML-sensitive character at %d: %s", i, body)
	}
	keys := jsonKeys(t, body)
	order := []string{"type", "title", "status", "detail", "instance"}
	var std, ext []string
	for _, k := range keys {
		if slices.Contains(order, k) {
			std = append(std, k)
		} else {
			ext = append(ext, k)
		}
	}
	if want := slices.DeleteFunc(slices.Clone(order), func(k string) bool { return !slices.Contains(std, k) }); !slices.Equal(keys[:len(std)], want) {
		t.Errorf("members %q: the RFC 9457 members must come first, in the order %q", keys, want)
	}
	if !slices.IsSorted(ext) {
		t.Errorf("extension members %q are not sorted", ext)
	}
	if len(keys) != len(slices.Compact(slices.Sorted(slices.Values(keys)))) {
		t.Errorf("duplicate members: %q", keys)
	}
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	if s, _ := m["type"].(string); s == "" {
		t.Errorf("type member missing or empty: %s", body)
	}
	if s, _ := m["title"].(string); s == "" {
		t.Errorf("title member missing or empty: %s", body)
	}
	if s, _ := m["status"].(float64); int(s) != status {
		t.Errorf("status member %v, response status %d", m["status"], status)
	}
	return m
}

// jsonKeys returns the top-level member names of a JSON object, in order.
func jsonKeys(t *testing.T, body []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", body)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

// xmlNode is any XML element, its character data and its child elements in document order.
type xmlNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []xmlNode  `xml:",any"`
}

const problemNS = "urn:ietf:rfc:7807"

// child returns the path of child elements named by names, failing when one is missing.
func (n *xmlNode) child(t *testing.T, names ...string) *xmlNode {
	t.Helper()
	cur := n
next:
	for _, name := range names {
		for i := range cur.Nodes {
			if cur.Nodes[i].XMLName.Local == name {
				cur = &cur.Nodes[i]
				continue next
			}
		}
		t.Fatalf("no element %q in <%s>", name, cur.XMLName.Local)
	}
	return cur
}

func (n *xmlNode) has(name string) bool {
	return slices.ContainsFunc(n.Nodes, func(c xmlNode) bool { return c.XMLName.Local == name })
}

func (n *xmlNode) names() []string {
	var s []string
	for _, c := range n.Nodes {
		s = append(s, c.XMLName.Local)
	}
	return s
}

// texts returns the text of each <i> child.
func (n *xmlNode) items() []string {
	var s []string
	for _, c := range n.Nodes {
		if c.XMLName.Local == "i" {
			s = append(s, c.Text)
		}
	}
	return s
}

// checkXMLProblem parses a problem+xml body with encoding/xml and checks the shape of RFC 9457 appendix B.
func checkXMLProblem(t *testing.T, status int, body []byte) *xmlNode {
	t.Helper()
	if !bytes.HasPrefix(body, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		t.Errorf("no XML declaration: %s", body)
	}
	var root xmlNode
	if err := xml.Unmarshal(body, &root); err != nil {
		t.Fatalf("invalid XML: %v\n%s", err, body)
	}
	if root.XMLName != (xml.Name{Space: problemNS, Local: "problem"}) {
		t.Errorf("root element %v, want {%s}problem", root.XMLName, problemNS)
	}
	for _, c := range root.Nodes {
		if c.XMLName.Space != problemNS {
			t.Errorf("element <%s> in namespace %q", c.XMLName.Local, c.XMLName.Space)
		}
	}
	names := root.names()
	order := []string{"type", "title", "status", "detail", "instance"}
	n := 0
	for n < len(names) && slices.Contains(order, names[n]) {
		n++
	}
	if want := slices.DeleteFunc(slices.Clone(order), func(k string) bool { return !slices.Contains(names[:n], k) }); !slices.Equal(names[:n], want) {
		t.Errorf("elements %q: want %q first", names, want)
	}
	if !slices.IsSorted(names[n:]) || slices.ContainsFunc(names[n:], func(s string) bool { return slices.Contains(order, s) }) {
		t.Errorf("extension elements %q are not sorted, or repeat a standard member", names[n:])
	}
	if root.child(t, "type").Text == "" || root.child(t, "title").Text == "" {
		t.Errorf("type or title empty: %s", body)
	}
	if got := root.child(t, "status").Text; got != strconv.Itoa(status) {
		t.Errorf("<status>%s</status>, response status %d", got, status)
	}
	return &root
}

// TestXMLGoldenValues parses every XML golden file back with encoding/xml and checks its values.
func TestXMLGoldenValues(t *testing.T) {
	expect := map[string]func(t *testing.T, p *xmlNode){
		"not-found.xml": func(t *testing.T, p *xmlNode) {
			wantText(t, p, map[string]string{"type": "about:blank", "title": "Not Found", "status": "404", "detail": "user not found"})
			if p.has("instance") {
				t.Error("instance present")
			}
		},
		"conflict-extensions.xml": func(t *testing.T, p *xmlNode) {
			wantText(t, p, map[string]string{
				"title": "Conflict", "status": "409", "detail": "the email ann@example.com is already taken",
				"email": "ann@example.com", "attempts": "3", "ratio": "0.25", "verified": "false",
			})
			o := p.child(t, "owner")
			if got := o.names(); !slices.Equal(got, []string{"address", "id", "name", "roles"}) {
				t.Errorf("owner children %q", got)
			}
			wantText(t, o, map[string]string{"id": "7", "name": "Ann <ann@example.com> & co"})
			wantText(t, o.child(t, "address"), map[string]string{"city": "Paris", "zip": "75001"})
			if got := o.child(t, "roles").items(); !slices.Equal(got, []string{"admin", "dev"}) {
				t.Errorf("roles %q", got)
			}
		},
		"validation.xml": func(t *testing.T, p *xmlNode) {
			wantText(t, p, map[string]string{"title": "Unprocessable Content", "status": "422"})
			errs := p.child(t, "errors")
			if len(errs.Nodes) != 3 {
				t.Fatalf("%d error items, want 3", len(errs.Nodes))
			}
			want := [][2]string{
				{"#/age", "must be a positive integer"},
				{"#/email", "must be an email address"},
				{"#/profile/color", `must be "green", "red" or "blue"`},
			}
			for i, it := range errs.Nodes {
				if it.XMLName.Local != "i" {
					t.Errorf("item %d is <%s>, want <i>", i, it.XMLName.Local)
				}
				wantText(t, &it, map[string]string{"pointer": want[i][0], "detail": want[i][1]})
			}
		},
		"service-unavailable.xml": func(t *testing.T, p *xmlNode) {
			wantText(t, p, map[string]string{"title": "Service Unavailable", "status": "503"})
		},
		"internal-secret.xml": func(t *testing.T, p *xmlNode) {
			wantText(t, p, map[string]string{"title": "Internal Server Error", "status": "500", "detail": Description(500)})
			if p.has("cause") {
				t.Error("cause present")
			}
		},
		"expose-cause.xml": func(t *testing.T, p *xmlNode) {
			wantText(t, p, map[string]string{"status": "500", "cause": "load user 42: " + secret.Error()})
		},
		"french.xml": func(t *testing.T, p *xmlNode) {
			title, desc := catalogText(404, langFrench)
			wantText(t, p, map[string]string{"title": title, "detail": desc, "status": "404"})
		},
		"escaping.xml": func(t *testing.T, p *xmlNode) {
			wantText(t, p, map[string]string{
				"detail": "<script>alert(\"x\") & 'y'</script> \u2028 tab\there nul\uFFFD bad\uFFFD",
				"html":   "</p><p>&amp;",
			})
		},
		"unencodable-extension.xml": func(t *testing.T, p *xmlNode) {
			wantText(t, p, map[string]string{"kept": "yes"})
			if p.has("channel") || p.has("nan") {
				t.Errorf("unencodable members present: %q", p.names())
			}
		},
	}
	files, err := filepath.Glob(filepath.Join(goldenDir, "*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no XML golden files: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			status, h, body := splitDump(t, data)
			if h.Get("Content-Type") != "application/problem+xml" {
				t.Errorf("Content-Type %q", h.Get("Content-Type"))
			}
			p := checkXMLProblem(t, status, body)
			check, ok := expect[filepath.Base(f)]
			if !ok {
				t.Fatal("no expectations for this file: add them")
			}
			check(t, p)
		})
	}
}

func wantText(t *testing.T, n *xmlNode, want map[string]string) {
	t.Helper()
	for name, text := range want {
		if got := n.child(t, name).Text; got != text {
			t.Errorf("<%s> = %q, want %q", name, got, text)
		}
	}
}

// TestJSONGoldenValues decodes the JSON golden files and checks the values that matter.
func TestJSONGoldenValues(t *testing.T) {
	read := func(t *testing.T, name string) (int, http.Header, map[string]any) {
		data, err := os.ReadFile(filepath.Join(goldenDir, name))
		if err != nil {
			t.Fatal(err)
		}
		status, h, body := splitDump(t, data)
		if h.Get("Content-Type") != "application/problem+json" {
			t.Errorf("Content-Type %q", h.Get("Content-Type"))
		}
		var m map[string]any
		if len(body) > 0 {
			m = checkJSONProblem(t, status, body)
		}
		return status, h, m
	}
	t.Run("validation", func(t *testing.T) {
		_, _, m := read(t, "validation.json")
		errs, _ := m["errors"].([]any)
		if len(errs) != 3 {
			t.Fatalf("errors %v", m["errors"])
		}
		for _, e := range errs {
			v := e.(map[string]any)
			if len(v) != 2 || v["detail"] == nil || !strings.HasPrefix(v["pointer"].(string), "#/") {
				t.Errorf("violation %v: want exactly detail and a #/ pointer", v)
			}
		}
	})
	t.Run("type base", func(t *testing.T) {
		if _, _, m := read(t, "type-base.json"); m["type"] != "https://example.com/problems/not-found" {
			t.Errorf("type %v", m["type"])
		}
	})
	t.Run("enrich", func(t *testing.T) {
		_, _, m := read(t, "enrich.json")
		if m["instance"] != "/requests/7f3c" || m["trace_id"] != "4bf92f3577b34da6a3ce929d0e0e4736" {
			t.Errorf("instance %v, trace_id %v", m["instance"], m["trace_id"])
		}
	})
	t.Run("retry after", func(t *testing.T) {
		if _, h, _ := read(t, "service-unavailable.json"); h.Get("Retry-After") != "90" {
			t.Errorf("Retry-After %q", h.Get("Retry-After"))
		}
	})
	t.Run("unauthorized", func(t *testing.T) {
		if _, h, _ := read(t, "unauthorized.json"); h.Get("Www-Authenticate") != "Bearer" {
			t.Errorf("WWW-Authenticate %q", h.Get("Www-Authenticate"))
		}
	})
	t.Run("method not allowed", func(t *testing.T) {
		if _, h, _ := read(t, "method-not-allowed.json"); h.Get("Allow") != "GET, HEAD" {
			t.Errorf("Allow %q", h.Get("Allow"))
		}
	})
	t.Run("escaping", func(t *testing.T) {
		_, _, m := read(t, "escaping.json")
		if m["detail"] != "<script>alert(\"x\") & 'y'</script> \u2028 tab\there nul\x00 bad\uFFFD" || m["html"] != "</p><p>&amp;" {
			t.Errorf("detail %q, html %q", m["detail"], m["html"])
		}
	})
	t.Run("conflict", func(t *testing.T) {
		_, _, m := read(t, "conflict-extensions.json")
		owner, _ := m["owner"].(map[string]any)
		if m["attempts"] != 3.0 || m["ratio"] != 0.25 || m["verified"] != false || owner["name"] != "Ann <ann@example.com> & co" {
			t.Errorf("extensions %v", m)
		}
	})
	t.Run("head", func(t *testing.T) {
		_, hh, _ := read(t, "head.json")
		_, hg, _ := read(t, "not-found.json")
		if !headersEqual(hh, hg) {
			t.Errorf("HEAD header\n%v\nGET header\n%v", hh, hg)
		}
	})
}

func headersEqual(a, b http.Header) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// secretErrors returns every way a secret cause can reach the renderer.
func secretErrors() map[string]error {
	m := map[string]error{
		"fmt.Errorf %w":           fmt.Errorf("query users: %w", secret),
		"plain":                   secret,
		"errors.Join":             errors.Join(errors.New("first"), secret),
		"Newf %w":                 Newf(500, "query users: %w", secret),
		"Newf 503 %w":             Newf(503, "upstream: %w", secret),
		"InternalServerError":     InternalServerError("").Wrap(secret),
		"BadGateway":              BadGateway("").Wrap(secret),
		"ServiceUnavailable":      ServiceUnavailable(time.Second).Wrap(secret),
		"GatewayTimeout":          GatewayTimeout("").Wrap(secret),
		"wrapped *Error":          fmt.Errorf("handler: %w", InternalServerError("").Wrap(secret)),
		"StatusCode() error":      statusCodeError{502},
		"status outside range":    New(200, "").Wrap(secret),
		"Recovered panic":         Recovered(secret.Error()),
		"Recovered error panic":   Recovered(secret),
		"4xx wrapping":            BadRequest("the request is malformed").Wrap(secret),
		"404 wrapping fs":         fmt.Errorf("open %s: %w", secretText, fs.ErrNotExist),
		"deadline":                fmt.Errorf("%s: %w", secretText, context.DeadlineExceeded),
		"joined with *Error":      errors.Join(secret, NotImplemented("")),
		"exposed member reserved": InternalServerError("").With("cause", "public").Wrap(secret),
	}
	for status := 500; status <= 511; status++ {
		m["New("+strconv.Itoa(status)+")"] = New(status, "").Wrap(secret)
		m["fmt.Errorf New("+strconv.Itoa(status)+")"] = fmt.Errorf("wrapped: %w", New(status, "").Wrap(secret))
	}
	return m
}

type statusCodeError struct{ code int }

func (e statusCodeError) Error() string   { return "upstream said " + secret.Error() }
func (e statusCodeError) StatusCode() int { return e.code }

// TestRenderSecretCause checks that no cause reaches the client, in any format, in the body or the header
// fields, while the log does get it.
func TestRenderSecretCause(t *testing.T) {
	for name, err := range secretErrors() {
		for _, accept := range []string{"", "application/problem+xml"} {
			for _, method := range []string{http.MethodGet, http.MethodHead} {
				t.Run(name+"/"+accept+"/"+method, func(t *testing.T) {
					logger, logs := captureLogger()
					res := render(&Renderer{Logger: logger}, method, "/users/42", map[string]string{"Accept": accept}, nil, err)
					b := body(t, res)
					checkProblem(t, method, res, b)
					if bytes.Contains(b, []byte(secretText)) {
						t.Errorf("secret in body:\n%s", b)
					}
					for k, vs := range res.Header {
						for _, v := range vs {
							if strings.Contains(k, secretText) || strings.Contains(v, secretText) {
								t.Errorf("secret in header %s: %s", k, v)
							}
						}
					}
					if res.StatusCode >= 500 && !strings.Contains(logs.String(), secretText) {
						t.Errorf("the log does not have the cause:\n%s", logs)
					}
				})
			}
		}
	}
}

// TestRenderExposeCause shows that the secret test above can fail: with ExposeCause the cause is sent.
func TestRenderExposeCause(t *testing.T) {
	rd := quiet(Renderer{ExposeCause: true})
	for _, accept := range []string{"", "application/problem+xml"} {
		for status := 500; status <= 511; status++ {
			res := render(rd, "GET", "/", map[string]string{"Accept": accept}, nil, New(status, "").Wrap(secret))
			b := body(t, res)
			checkProblem(t, "GET", res, b)
			if !bytes.Contains(b, []byte(secretText)) {
				t.Errorf("%d %s: ExposeCause did not send the cause:\n%s", status, accept, b)
			}
		}
	}
	// An extension member named cause wins over the exposed cause: no duplicate member.
	res := render(rd, "GET", "/", nil, nil, InternalServerError("").With("cause", "public").Wrap(secret))
	b := body(t, res)
	m := checkJSONProblem(t, 500, b)
	if m["cause"] != "public" {
		t.Errorf("cause %v", m["cause"])
	}
	// Members before and after "cause" keep their order.
	res = render(rd, "GET", "/", nil, nil, InternalServerError("").With("a", 1).With("z", 2).Wrap(secret))
	b = body(t, res)
	checkJSONProblem(t, 500, b)
	if keys := jsonKeys(t, b); !slices.Equal(keys[len(keys)-3:], []string{"a", "cause", "z"}) {
		t.Errorf("members %q", keys)
	}
}

func TestRenderMapRunsFirst(t *testing.T) {
	errNoCredit := errors.New("no credit")
	var calls []string
	rd := quiet(Renderer{
		Map: func(err error) *Error {
			calls = append(calls, "Map")
			if errors.Is(err, errNoCredit) {
				return Forbidden("you do not have enough credit").WithType("https://example.com/probs/out-of-credit")
			}
			if target := (*Error)(nil); !errors.As(err, &target) {
				t.Errorf("Map got %v, want the error as rendered", err)
			}
			return nil
		},
		Enrich: func(r *http.Request, e *Error) *Error {
			calls = append(calls, "Enrich")
			return e.With("seen_status", e.Status())
		},
	})
	res := render(rd, "GET", "/", nil, nil, fmt.Errorf("charge: %w", errNoCredit))
	m := checkJSONProblem(t, 403, body(t, res))
	if m["type"] != "https://example.com/probs/out-of-credit" || m["seen_status"] != 403.0 {
		t.Errorf("body %v", m)
	}
	if !slices.Equal(calls, []string{"Map", "Enrich"}) {
		t.Errorf("calls %q, want Map then Enrich", calls)
	}
	// Map returning nil falls back to the built-in mapping, and Map wins over it.
	calls = nil
	res = render(rd, "GET", "/", nil, nil, NotFound("user"))
	if res.StatusCode != 404 || !slices.Equal(calls, []string{"Map", "Enrich"}) {
		t.Errorf("status %d, calls %q", res.StatusCode, calls)
	}
	rd.Map = func(error) *Error { return Teapot("mapped") }
	if res := render(rd, "GET", "/", nil, nil, NotFound("user")); res.StatusCode != 418 {
		t.Errorf("Map did not win over an *Error: %d", res.StatusCode)
	}
}

func TestRenderHookPanics(t *testing.T) {
	logger, logs := captureLogger()
	rd := &Renderer{
		Logger: logger,
		Map:    func(error) *Error { panic("Map broke") },
		Enrich: func(*http.Request, *Error) *Error { panic("Enrich broke") },
	}
	res := render(rd, "GET", "/", nil, nil, NotFound("user"))
	checkProblem(t, "GET", res, body(t, res))
	if res.StatusCode != 404 {
		t.Errorf("status %d", res.StatusCode)
	}
	var msgs []string
	for _, r := range logRecords(t, logs) {
		msgs = append(msgs, r["level"].(string)+" "+r["msg"].(string))
	}
	if !slices.Contains(msgs, "ERROR httperr: Map hook panicked") || !slices.Contains(msgs, "ERROR httperr: Enrich hook panicked") {
		t.Errorf("records %q", msgs)
	}
}

// TestRenderHead checks that HEAD gets the status and header fields of GET, Content-Length included, and
// no body.
func TestRenderHead(t *testing.T) {
	for _, err := range []error{NotFound("user"), conflictErr, validationErr, ServiceUnavailable(time.Minute), secret} {
		for _, accept := range []string{"", "application/xml"} {
			rd := quiet(Renderer{})
			h := map[string]string{"Accept": accept, "Accept-Language": "fr"}
			get := render(rd, "GET", "/x", h, nil, err)
			head := render(rd, "HEAD", "/x", h, nil, err)
			if b := body(t, head); len(b) != 0 {
				t.Errorf("HEAD body %q", b)
			}
			if head.StatusCode != get.StatusCode || !headersEqual(head.Header, get.Header) {
				t.Errorf("%v: HEAD %d %v\nGET %d %v", err, head.StatusCode, head.Header, get.StatusCode, get.Header)
			}
			if cl := head.Header.Get("Content-Length"); cl != strconv.Itoa(len(body(t, get))) || cl == "0" {
				t.Errorf("HEAD Content-Length %s", cl)
			}
			resp := rd.Prepare(context.Background(), err, Request{Method: "HEAD", Accept: accept, AcceptLanguage: "fr"})
			if resp.Body != nil || resp.Status != get.StatusCode || !headersEqual(resp.Header, get.Header) {
				t.Errorf("Prepare HEAD: %d %v %q", resp.Status, resp.Header, resp.Body)
			}
		}
	}
}

// startedWriter is a ResponseWriter whose response has already started.
type startedWriter struct {
	header  http.Header
	written bool
	calls   []string
}

func (w *startedWriter) Header() http.Header { return w.header }
func (w *startedWriter) Write(b []byte) (int, error) {
	w.calls = append(w.calls, "Write")
	return len(b), nil
}
func (w *startedWriter) WriteHeader(int) { w.calls = append(w.calls, "WriteHeader") }
func (w *startedWriter) Written() bool   { return w.written }

func TestRenderResponseStarted(t *testing.T) {
	logger, logs := captureLogger()
	rd := &Renderer{Logger: logger}
	w := &startedWriter{header: http.Header{"Content-Type": {"text/plain"}}, written: true}
	r := httptest.NewRequest("GET", "/stream", nil)
	rd.Render(w, r, InternalServerError("").Wrap(secret))
	if len(w.calls) != 0 {
		t.Errorf("calls on a started response: %q", w.calls)
	}
	if !headersEqual(w.header, http.Header{"Content-Type": {"text/plain"}}) {
		t.Errorf("header changed: %v", w.header)
	}
	rec := oneRecord(t, logs)
	if rec["level"] != "ERROR" || rec["msg"] != "error after the response had started; nothing written" ||
		rec["path"] != "/stream" || rec["status"] != 500.0 {
		t.Errorf("record %v", rec)
	}

	// Written() false: rendered as usual.
	w = &startedWriter{header: http.Header{}}
	rd.Render(w, r, NotFound("user"))
	if !slices.Equal(w.calls, []string{"WriteHeader", "Write"}) {
		t.Errorf("calls %q, want WriteHeader then one Write", w.calls)
	}
}

type errMarshalerExt struct{}

func (errMarshalerExt) MarshalJSON() ([]byte, error) { return nil, errors.New("cannot marshal") }

// TestRenderUnencodableExtension checks that a member that cannot be encoded is left out of a problem that
// is still sent, and that the failure is logged.
func TestRenderUnencodableExtension(t *testing.T) {
	values := map[string]any{
		"channel":           make(chan int),
		"NaN":               math.NaN(),
		"+Inf":              math.Inf(1),
		"float32 NaN":       float32(math.NaN()),
		"func":              func() {},
		"MarshalJSON fail":  errMarshalerExt{},
		"MarshalJSON panic": panicMarshaler{},
		"NaN in a map":      map[string]any{"x": math.NaN()},
	}
	for name, v := range values {
		for _, accept := range []string{"", "application/problem+xml"} {
			for _, status := range []int{409, 500} {
				t.Run(fmt.Sprintf("%s/%s/%d", name, accept, status), func(t *testing.T) {
					logger, logs := captureLogger()
					e := New(status, "some members cannot be encoded").With("bad", v).With("good", "kept").With("a", 1)
					res := render(&Renderer{Logger: logger}, "GET", "/x", map[string]string{"Accept": accept}, nil, e)
					b := body(t, res)
					checkProblem(t, "GET", res, b)
					if res.StatusCode != status {
						t.Errorf("status %d", res.StatusCode)
					}
					if accept == "" {
						m := checkJSONProblem(t, status, b)
						if _, ok := m["bad"]; ok || m["good"] != "kept" || m["a"] != 1.0 {
							t.Errorf("members: %s", b)
						}
					} else {
						p := checkXMLProblem(t, status, b)
						if p.has("bad") || !p.has("good") || !p.has("a") {
							t.Errorf("elements: %s", b)
						}
					}
					rec := oneRecord(t, logs)
					wantLevel := "WARN"
					if status >= 500 {
						wantLevel = "ERROR"
					}
					problems := fmt.Sprint(rec["problems"])
					if rec["level"] != wantLevel || rec["msg"] != "httperr: problem response" || !strings.Contains(problems, `"bad"`) {
						t.Errorf("record %v", rec)
					}
				})
			}
		}
	}
}

// TestRenderLogs checks the record of each rendered problem: 5xx at ERROR with method, path, status and
// cause; 4xx and 499 at DEBUG.
func TestRenderLogs(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		level  string
		status float64
		cause  string
	}{
		{"5xx", InternalServerError("").Wrap(secret), "ERROR", 500, secret.Error()},
		{"plain error", fmt.Errorf("load: %w", secret), "ERROR", 500, "load: " + secret.Error()},
		{"502", BadGateway("upstream").Wrap(secret), "ERROR", 502, secret.Error()},
		{"4xx", NotFound("user"), "DEBUG", 404, ""},
		{"422", validationErr, "DEBUG", 422, ""},
		{"499", fmt.Errorf("read body: %w", context.Canceled), "DEBUG", 499, "read body: context canceled"},
		{"bad status", New(302, "redirect?"), "ERROR", 500, ""},
		{"refused member", NotFound("user").With("status", 1), "WARN", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logger, logs := captureLogger()
			render(&Renderer{Logger: logger}, "POST", "/users/42?secret=no", nil, nil, tt.err)
			rec := oneRecord(t, logs)
			if rec["level"] != tt.level || rec["msg"] != "httperr: problem response" {
				t.Errorf("level %v msg %v, want %s", rec["level"], rec["msg"], tt.level)
			}
			if rec["method"] != "POST" || rec["path"] != "/users/42" || rec["status"] != tt.status {
				t.Errorf("method %v path %v status %v", rec["method"], rec["path"], rec["status"])
			}
			errGroup, _ := rec["error"].(map[string]any)
			if errGroup == nil || errGroup["status"] != tt.status {
				t.Errorf("error attribute %v", rec["error"])
			}
			if tt.cause != "" && errGroup["cause"] != tt.cause {
				t.Errorf("cause %v, want %q", errGroup["cause"], tt.cause)
			}
		})
	}
	// A logger that drops debug records sees nothing of a 4xx.
	var buf bytes.Buffer
	render(&Renderer{Logger: slog.New(slog.NewJSONHandler(&buf, nil))}, "GET", "/", nil, nil, NotFound("user"))
	if buf.Len() != 0 {
		t.Errorf("4xx logged at info: %s", buf.String())
	}
}

// uncomparableError is an error type whose values == cannot compare: the renderer must not panic on it.
type uncomparableError struct{ parts []string }

func (e uncomparableError) Error() string { return strings.Join(e.parts, "; ") }

// TestRenderLogsChain checks that the record keeps what the error given to Render says beyond the *Error it
// resolved to: context wrapped around an *Error, errors joined with it, an error Map replaced.
func TestRenderLogsChain(t *testing.T) {
	tests := []struct {
		name  string
		rd    Renderer
		err   error
		chain string // "" when the record must have no chain
	}{
		{"bare *Error", Renderer{}, BadGateway("").Wrap(secret), ""},
		{"foreign error, the cause already", Renderer{}, fmt.Errorf("load: %w", secret), ""},
		{"context around an *Error", Renderer{}, fmt.Errorf("charge card 42: %w", BadGateway("")), "charge card 42: 502 Bad Gateway"},
		{"joined", Renderer{}, errors.Join(secret, NotImplemented("")), secret.Error() + "\n501 Not Implemented"},
		{"Map replaced it", Renderer{Map: func(error) *Error { return ServiceUnavailable(0) }}, secret, secret.Error()},
		// The cause already, but == cannot tell: logged twice rather than a panic.
		{"uncomparable", Renderer{}, uncomparableError{[]string{"a", "b"}}, "a; b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logger, logs := captureLogger()
			tt.rd.Logger = logger
			res := render(&tt.rd, "GET", "/", nil, nil, tt.err)
			checkProblem(t, "GET", res, body(t, res))
			rec := oneRecord(t, logs)
			chain, ok := rec["chain"]
			if tt.chain == "" && ok {
				t.Errorf("chain %q, want none", chain)
			}
			if tt.chain != "" && chain != tt.chain {
				t.Errorf("chain %q, want %q", chain, tt.chain)
			}
		})
	}
}

// TestRenderReplacesHandlerHeaders checks the fields a failed handler may have set before it failed.
func TestRenderReplacesHandlerHeaders(t *testing.T) {
	pre := map[string]string{
		"Content-Type":     "text/html; charset=utf-8",
		"Content-Encoding": "gzip",
		"Content-Length":   "12345",
		"Vary":             "Origin",
		"Etag":             `"abc"`,
		"Last-Modified":    "Mon, 02 Jan 2006 15:04:05 GMT",
		"X-Request-Id":     "r-1",
	}
	for _, accept := range []string{"", "application/xml"} {
		res := render(quiet(Renderer{}), "GET", "/", map[string]string{"Accept": accept}, pre, NotFound("user"))
		b := body(t, res)
		checkProblem(t, "GET", res, b)
		h := res.Header
		if h.Get("Content-Encoding") != "" || h.Get("Etag") != "" || h.Get("Last-Modified") != "" {
			t.Errorf("stale fields kept: %v", h)
		}
		if !strings.HasPrefix(h.Get("Content-Type"), "application/problem+") {
			t.Errorf("Content-Type %q", h.Get("Content-Type"))
		}
		if got := strings.Join(h.Values("Vary"), ", "); got != "Origin, Accept, Accept-Language" {
			t.Errorf("Vary %q, want Origin kept and Accept, Accept-Language added", got)
		}
		if h.Get("X-Request-Id") != "r-1" {
			t.Errorf("unrelated field dropped: %v", h)
		}
	}
}

func TestRenderLanguages(t *testing.T) {
	frTitle, frDesc := catalogText(404, langFrench)
	if frTitle == Title(404) || frDesc == Description(404) {
		t.Fatal("the French catalog has the English text for 404")
	}
	tests := []struct {
		acceptLanguage string
		french         bool
	}{
		{"fr", true},
		{"fr-CA", true},
		{"fr-FR;q=0.9,en;q=0.8", true},
		{"fr-BE, de;q=0.5", true},
		{"de", false},
		{"", false},
		{"*", false},
		{"garbage", false},
		{"!!;q=x,,", false},
		{"en-US", false},
		{"en", false},
		{"en;q=0.9, fr;q=0.1", false},
	}
	for _, tt := range tests {
		for _, accept := range []string{"", "application/xml"} {
			t.Run(tt.acceptLanguage+"/"+accept, func(t *testing.T) {
				rd := quiet(Renderer{})
				res := render(rd, "GET", "/", map[string]string{"Accept-Language": tt.acceptLanguage, "Accept": accept}, nil, NotFound(""))
				b := body(t, res)
				checkProblem(t, "GET", res, b)
				wantTitle, wantDetail, wantLang := Title(404), Description(404), "en"
				if tt.french {
					wantTitle, wantDetail, wantLang = frTitle, frDesc, "fr"
				}
				title, detail := problemText(t, b)
				if title != wantTitle || detail != wantDetail {
					t.Errorf("title %q detail %q, want %q %q", title, detail, wantTitle, wantDetail)
				}
				if got := res.Header.Get("Content-Language"); got != wantLang {
					t.Errorf("Content-Language %q, want %q", got, wantLang)
				}
			})
		}
	}
}

// problemText returns the title and detail of a JSON or XML problem body.
func problemText(t *testing.T, b []byte) (title, detail string) {
	t.Helper()
	if bytes.HasPrefix(b, []byte("<?xml")) {
		var p struct {
			Title  string `xml:"title"`
			Detail string `xml:"detail"`
		}
		if err := xml.Unmarshal(b, &p); err != nil {
			t.Fatal(err)
		}
		return p.Title, p.Detail
	}
	var p struct{ Title, Detail string }
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return p.Title, p.Detail
}

func TestRenderLanguageGivenText(t *testing.T) {
	rd := quiet(Renderer{})
	fr := map[string]string{"Accept-Language": "fr"}
	// A fixed title is not translated; the default detail still is.
	res := render(rd, "GET", "/", fr, nil, NotFound("").WithTitle("No Such User"))
	title, detail := problemText(t, body(t, res))
	_, frDesc := catalogText(404, langFrench)
	if title != "No Such User" || detail != frDesc || res.Header.Get("Content-Language") != "fr" {
		t.Errorf("title %q detail %q", title, detail)
	}
	// A detail the code gave is sent as given.
	res = render(rd, "GET", "/", fr, nil, NotFound("user"))
	frTitle, _ := catalogText(404, langFrench)
	if title, detail := problemText(t, body(t, res)); title != frTitle || detail != "user not found" {
		t.Errorf("title %q detail %q", title, detail)
	}
	// Unregistered codes get the class title in French.
	res = render(rd, "GET", "/", fr, nil, New(460, ""))
	if title, _ := problemText(t, body(t, res)); title != "Erreur du client" {
		t.Errorf("460 title %q", title)
	}
}

func TestRenderCustomLanguages(t *testing.T) {
	german := Catalog{Tag: language.German, Titles: map[int]string{404: "Nicht gefunden"}}
	rd := quiet(Renderer{Languages: []Catalog{English(), german}})
	tests := []struct {
		acceptLanguage     string
		status             int
		title, detail, tag string
	}{
		{"de", 404, "Nicht gefunden", Description(404), "de"},
		{"de-AT", 404, "Nicht gefunden", Description(404), "de"},
		{"de", 500, Title(500), Description(500), "de"}, // missing entries fall back to English text
		{"en", 404, Title(404), Description(404), "en"},
		{"fr", 404, Title(404), Description(404), "en"}, // French is not among this renderer's languages
		{"", 404, Title(404), Description(404), "en"},
	}
	for _, tt := range tests {
		t.Run(tt.acceptLanguage+"/"+strconv.Itoa(tt.status), func(t *testing.T) {
			res := render(rd, "GET", "/", map[string]string{"Accept-Language": tt.acceptLanguage}, nil, New(tt.status, ""))
			title, detail := problemText(t, body(t, res))
			if title != tt.title || detail != tt.detail {
				t.Errorf("title %q detail %q, want %q %q", title, detail, tt.title, tt.detail)
			}
			if got := res.Header.Get("Content-Language"); got != tt.tag {
				t.Errorf("Content-Language %q, want %q", got, tt.tag)
			}
			if got := strings.Join(res.Header.Values("Vary"), ", "); got != "Accept, Accept-Language" {
				t.Errorf("Vary %q", got)
			}
		})
	}
	// A custom French catalog overrides some built-in French text and falls back to the rest.
	frOverride := Catalog{Tag: language.MustParse("fr-CA"), Titles: map[int]string{404: "Introuvable"}}
	rd = quiet(Renderer{Languages: []Catalog{English(), frOverride}})
	res := render(rd, "GET", "/", map[string]string{"Accept-Language": "fr-CA"}, nil, New(404, ""))
	title, detail := problemText(t, body(t, res))
	if _, frDesc := catalogText(404, langFrench); title != "Introuvable" || detail != frDesc {
		t.Errorf("title %q detail %q", title, detail)
	}
	if got := res.Header.Get("Content-Language"); got != "fr-CA" {
		t.Errorf("Content-Language %q", got)
	}
}

// TestRenderSingleLanguage checks a renderer with one catalog: its language is always sent and named, and
// Vary does not list Accept-Language, since the language does not depend on it.
func TestRenderSingleLanguage(t *testing.T) {
	rd := quiet(Renderer{Languages: []Catalog{French()}})
	for _, al := range []string{"", "en", "fr"} {
		res := render(rd, "GET", "/", map[string]string{"Accept-Language": al}, nil, NotFound(""))
		frTitle, _ := catalogText(404, langFrench)
		if title, _ := problemText(t, body(t, res)); title != frTitle {
			t.Errorf("%q: title %q", al, title)
		}
		if got := res.Header.Get("Content-Language"); got != "fr" {
			t.Errorf("%q: Content-Language %q, want fr", al, got)
		}
		if got := strings.Join(res.Header.Values("Vary"), ", "); got != "Accept" {
			t.Errorf("%q: Vary %q, want Accept", al, got)
		}
	}
}

// TestPrepareMatchesRender checks that the lower-level Prepare yields what Render writes.
func TestPrepareMatchesRender(t *testing.T) {
	rd := quiet(Renderer{TypeBase: "https://example.com/p/"})
	for _, tc := range goldenCases() {
		if tc.rd.Enrich != nil || tc.pre != nil || tc.rd.ExposeCause {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			method := cmpOr(tc.method, "GET")
			res := render(rd, method, "/users/42", tc.header, nil, tc.err)
			b := body(t, res)
			resp := rd.Prepare(context.Background(), tc.err, Request{
				Method: method, Path: "/users/42",
				Accept: tc.header["Accept"], AcceptLanguage: tc.header["Accept-Language"],
			})
			if resp.Status != res.StatusCode || !headersEqual(resp.Header, res.Header) || !bytes.Equal(resp.Body, b) {
				t.Errorf("Prepare: %d %v\n%s\nRender: %d %v\n%s", resp.Status, resp.Header, resp.Body, res.StatusCode, res.Header, b)
			}
		})
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// TestPrepareHeaderIsOwned checks that changing a Response's header values in place changes neither later
// responses nor the shared *Error they came from.
func TestPrepareHeaderIsOwned(t *testing.T) {
	rd := quiet(Renderer{})
	shared := MethodNotAllowed("GET").WithHeader("X-Extra", "1")
	for _, req := range []Request{{Method: "GET", AcceptLanguage: "fr"}, {Method: "GET", Accept: "application/xml"}} {
		want := rd.Prepare(context.Background(), shared, req).Header.Clone()
		first := rd.Prepare(context.Background(), shared, req)
		for _, vs := range first.Header {
			for i := range vs {
				vs[i] = "changed"
			}
		}
		first.Header.Add("Vary", "Origin")
		if got := rd.Prepare(context.Background(), shared, req); !headersEqual(got.Header, want) {
			t.Errorf("a change to one Response's header reached the next:\n%v\nwant\n%v", got.Header, want)
		}
	}
	if got := shared.Header(); got.Get("Allow") != "GET" || got.Get("X-Extra") != "1" {
		t.Errorf("a change to a Response's header reached the shared error: %v", got)
	}
}

// TestRenderHeaderIsOwned is TestPrepareHeaderIsOwned through Render, for the values that come from the
// error: a middleware that rewrites them in place after Render must not reach the shared error or other
// responses, and the handler's own Vary array is not written to. (The renderer's constant values, such as
// Content-Type, are shared read-only slices through Render, as gin's are: replace them, never write into
// them.)
func TestRenderHeaderIsOwned(t *testing.T) {
	rd := quiet(Renderer{})
	shared := MethodNotAllowed("GET")
	r := httptest.NewRequest("GET", "/", nil)
	want := render(rd, "GET", "/", nil, nil, shared).Header
	vary := make([]string, 1, 4)
	vary[0] = "Origin"
	rec := httptest.NewRecorder()
	rec.Header()["Vary"] = vary
	rd.Render(rec, r, shared)
	if spare := vary[:2]; spare[1] != "" {
		t.Errorf("Render appended into the handler's Vary array: %q", spare)
	}
	for _, k := range []string{"Allow", "Vary"} {
		vs := rec.Header()[k]
		for i := range vs {
			vs[i] = "changed"
		}
	}
	if got := render(rd, "GET", "/", nil, nil, shared).Header; !headersEqual(got, want) {
		t.Errorf("a change to one response's header reached the next:\n%v\nwant\n%v", got, want)
	}
	if shared.Header().Get("Allow") != "GET" {
		t.Errorf("a change to a response's header reached the shared error")
	}
}

func TestRenderPackageLevel(t *testing.T) {
	r := httptest.NewRequest("GET", "/users/42", nil)
	rec := httptest.NewRecorder()
	Render(rec, r, NotFound("user"))
	res := rec.Result()
	b := body(t, res)
	checkProblem(t, "GET", res, b)
	nilRd := (*Renderer)(nil)
	rec2 := httptest.NewRecorder()
	nilRd.Render(rec2, r, NotFound("user"))
	if !bytes.Equal(b, rec2.Body.Bytes()) {
		t.Errorf("nil Renderer %s, package Render %s", rec2.Body.Bytes(), b)
	}
	if want := `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"; string(b) != want {
		t.Errorf("body %s", b)
	}
}

// TestRenderSharedErrorConcurrently renders one shared error from many goroutines under -race; it must
// neither race nor change.
func TestRenderSharedErrorConcurrently(t *testing.T) {
	shared := ServiceUnavailable(time.Minute).With("region", "eu").Wrap(secret)
	before := shared.Error()
	rd := quiet(Renderer{
		Enrich: func(r *http.Request, e *Error) *Error { return e.WithInstance(r.URL.Path).With("trace_id", r.URL.Path) },
	})
	want := map[string][]byte{}
	for _, accept := range []string{"", "application/xml"} {
		res := render(rd, "GET", "/r", map[string]string{"Accept": accept}, nil, shared)
		want[accept] = body(t, res)
	}
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			for j := range 50 {
				accept := []string{"", "application/xml"}[(i+j)%2]
				res := render(rd, "GET", "/r", map[string]string{"Accept": accept, "Accept-Language": "fr"[:2*(j%2)]}, map[string]string{"Vary": "Origin"}, shared)
				b := body(t, res)
				if j%2 == 0 && !bytes.Equal(b, want[accept]) {
					t.Errorf("concurrent render differs:\n%s\nwant\n%s", b, want[accept])
				}
			}
		})
	}
	wg.Wait()
	if shared.Error() != before || shared.Instance() != "" || len(shared.Extensions()) != 1 {
		t.Errorf("the shared error changed: %v", shared)
	}
}

// TestRenderMemberOrder checks that extension members come out sorted by name whatever order they were added
// in, each with the value it was given last: few members (sorted in place) and many (sorted otherwise).
func TestRenderMemberOrder(t *testing.T) {
	few := Conflict("x").With("b", 1).With("a", 2).With("b", 3).With("c", 4).With("a", 5)
	many := Conflict("x")
	want := `{"type":"about:blank","title":"Conflict","status":409,"detail":"x"`
	for i := 19; i >= 0; i-- {
		many = many.With(fmt.Sprintf("k%02d", i), i)
	}
	many = many.With("k05", "new").With("k19", "newer")
	for i := range 20 {
		switch i {
		case 5:
			want += `,"k05":"new"`
		case 19:
			want += `,"k19":"newer"`
		default:
			want += fmt.Sprintf(`,"k%02d":%d`, i, i)
		}
	}
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"few", few, `{"type":"about:blank","title":"Conflict","status":409,"detail":"x","a":5,"b":3,"c":4}` + "\n"},
		{"many", many, want + "}\n"},
	}
	for _, tt := range tests {
		if got := string(body(t, render(nil, "GET", "/", nil, nil, tt.err))); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
	if got := few.Extensions(); len(got) != 3 || got["a"] != 5 || got["b"] != 3 || got["c"] != 4 {
		t.Errorf("Extensions() = %v, want a:5 b:3 c:4", got)
	}
	if v, ok := few.Extension("b"); !ok || v != 3 {
		t.Errorf(`Extension("b") = %v, %t; want 3, true`, v, ok)
	}
}

// TestRenderVaryKept checks that a Vary the handler set is kept and only the missing names are added, without
// regard to case; a Vary of "*" already covers them.
func TestRenderVaryKept(t *testing.T) {
	for _, tt := range []struct{ pre, want string }{
		{"Origin", "Origin, Accept, Accept-Language"},
		{"Accept", "Accept, Accept-Language"},
		{"accept-language, Origin", "accept-language, Origin, Accept"},
		{"Origin,Accept ,ACCEPT-LANGUAGE", "Origin,Accept ,ACCEPT-LANGUAGE"},
		{"*", "*"},
	} {
		res := render(quiet(Renderer{}), "GET", "/", nil, map[string]string{"Vary": tt.pre}, NotFound("user"))
		if got := strings.Join(res.Header.Values("Vary"), ", "); got != tt.want {
			t.Errorf("Vary %q set by the handler: sent %q, want %q", tt.pre, got, tt.want)
		}
	}
}

// TestRenderChallengeChecked checks that a configured challenge with CR or LF is not sent, as it would split
// the header: Bearer is sent instead, and the record says why, at Warn.
func TestRenderChallengeChecked(t *testing.T) {
	for _, tt := range []struct {
		err   *Error
		field string
	}{
		{Unauthorized(""), "Www-Authenticate"},
		{New(http.StatusProxyAuthRequired, ""), "Proxy-Authenticate"},
	} {
		logger, logs := captureLogger()
		rd := &Renderer{Logger: logger, Challenge: "Basic realm=\"x\"\r\nSet-Cookie: a=b"}
		res := render(rd, "GET", "/", nil, nil, tt.err)
		if got := res.Header.Values(tt.field); len(got) != 1 || got[0] != "Bearer" {
			t.Errorf("%s %q, want Bearer", tt.field, got)
		}
		rec := oneRecord(t, logs)
		notes, _ := rec["problems"].([]any)
		if rec["level"] != "WARN" || len(notes) != 1 || notes[0] != "Renderer.Challenge has a control character; sent Bearer" {
			t.Errorf("record %v", rec)
		}
	}
	res := render(&Renderer{Challenge: `Basic realm="x"`}, "GET", "/", nil, nil, Unauthorized(""))
	if got := res.Header.Get("Www-Authenticate"); got != `Basic realm="x"` {
		t.Errorf("WWW-Authenticate %q, want the configured challenge", got)
	}
}

// TestRenderLogsPanicStack checks that the Error record of a recovered panic carries the stack captured by
// Recovered, and that other records have none.
func TestRenderLogsPanicStack(t *testing.T) {
	recovered := func() (e *Error) {
		defer func() { e = Recovered(recover()) }()
		panic("boom")
	}()
	for _, tc := range []struct {
		name  string
		err   error
		stack bool
	}{
		{"recovered panic", recovered, true},
		{"recovered panic, wrapped", fmt.Errorf("handler: %w", recovered), true},
		{"plain 500", InternalServerError("").Wrap(secret), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			logger, logs := captureLogger()
			render(&Renderer{Logger: logger}, "GET", "/", nil, nil, tc.err)
			rec := oneRecord(t, logs)
			stack, _ := rec["stack"].(string)
			if !tc.stack {
				if _, ok := rec["stack"]; ok {
					t.Errorf("stack attribute on a record without a panic: %v", rec["stack"])
				}
				return
			}
			if rec["level"] != "ERROR" || !strings.Contains(stack, "goroutine ") || !strings.Contains(stack, "TestRenderLogsPanicStack") {
				t.Errorf("level %v, stack %q: want the panicking goroutine's stack", rec["level"], stack)
			}
		})
	}
}
