package httperr

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The checks every problem response must pass, in JSON and in XML, shared by the internal tests.

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

func wantText(t *testing.T, n *xmlNode, want map[string]string) {
	t.Helper()
	for name, text := range want {
		if got := n.child(t, name).Text; got != text {
			t.Errorf("<%s> = %q, want %q", name, got, text)
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
