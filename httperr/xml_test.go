package httperr

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"os/exec"
	"strings"
	"testing"
)

// Tests of the XML form: what a json.Number, a key that is not an XML name or a non-ASCII name become, each
// body checked by a strict XML decoder (and by xmllint where it is installed).

// rendered is one problem rendered both ways, with the log records it left.
type rendered struct {
	json, xml []byte
	log       string
}

// renderBoth prepares e as problem+json and problem+xml through a renderer whose log is captured, and checks
// that the JSON body is valid JSON and the XML body well-formed XML.
func renderBoth(t *testing.T, e *Error) rendered {
	t.Helper()
	logger, logs := captureLogger()
	rd := &Renderer{Logger: logger}
	var r rendered
	r.json = rd.Prepare(context.Background(), e, Request{Method: http.MethodGet}).Body
	r.xml = rd.Prepare(context.Background(), e, Request{Method: http.MethodGet, Accept: "application/problem+xml"}).Body
	r.log = logs.String()
	if !json.Valid(r.json) {
		t.Fatalf("JSON body is not valid JSON (%d bytes): %.300s", len(r.json), r.json)
	}
	strictXML(t, r.xml)
	return r
}

// strictXML decodes the whole of body with encoding/xml in strict mode, and with xmllint --noout when it is
// installed, failing the test on any error or on more than one root element.
func strictXML(t *testing.T, body []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = true
	depth, roots := 0, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("XML body does not parse: %v\n%.300s", err, body)
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if roots != 1 || depth != 0 {
		t.Fatalf("XML body has %d root elements, depth %d at the end: %.300s", roots, depth, body)
	}
	if path, err := exec.LookPath("xmllint"); err == nil && len(body) < 1<<20 {
		cmd := exec.Command(path, "--noout", "--huge", "-")
		cmd.Stdin = bytes.NewReader(body)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("xmllint: %v\n%s\n%.300s", err, out, body)
		}
	}
}

// xmlRoot returns the problem element of an XML body.
func xmlRoot(t *testing.T, body []byte) *xmlNode {
	t.Helper()
	var root xmlNode
	if err := xml.Unmarshal(body, &root); err != nil {
		t.Fatalf("invalid XML: %v\n%s", err, body)
	}
	return &root
}

func TestXMLJSONNumber(t *testing.T) {
	for _, tt := range []struct {
		name, number string
		want         string // the member's text in both forms; "" for a member left out
	}{
		{"integer", "42", "42"},
		{"exponent", "-1.5e+10", "-1.5e+10"},
		{"empty, as encoding/json writes it", "", "0"},
		{"element injection", "1</amount><admin>true</admin><amount>", ""},
		{"ampersand", "1&2", ""},
		{"less-than", "1<2", ""},
		{"not a number", "one", ""},
		{"leading zero", "012", ""},
		{"trailing space", "1 ", ""},
		{"NaN", "NaN", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := renderBoth(t, Conflict("x").With("amount", json.Number(tt.number)).With("kept", "yes"))
			var m map[string]json.RawMessage
			if err := json.Unmarshal(r.json, &m); err != nil {
				t.Fatal(err)
			}
			p := xmlRoot(t, r.xml)
			if string(m["kept"]) != `"yes"` || !p.has("kept") || p.has("admin") {
				t.Fatalf("members lost or injected:\n%s\n%s", r.json, r.xml)
			}
			if tt.want == "" {
				if _, ok := m["amount"]; ok || p.has("amount") {
					t.Errorf("invalid number sent:\n%s\n%s", r.json, r.xml)
				}
				if n := strings.Count(r.log, `extension member \"amount\": invalid number`); n != 2 {
					t.Errorf("%d log notes of the invalid number, want 2 (JSON and XML): %s", n, r.log)
				}
				return
			}
			if string(m["amount"]) != tt.want || p.child(t, "amount").Text != tt.want {
				t.Errorf("amount %s in JSON, %q in XML; want %s", m["amount"], p.child(t, "amount").Text, tt.want)
			}
		})
	}
	// The same check reaches a number inside a map, and a client reading the XML sees no injected member.
	e := Conflict("x").With("order", map[string]any{"amount": json.Number("1</amount><admin>true</admin><amount>")})
	r := renderBoth(t, e)
	if bytes.Contains(r.json, []byte("admin")) || bytes.Contains(r.xml, []byte("admin")) {
		t.Errorf("number in a map injected:\n%s\n%s", r.json, r.xml)
	}
	// What a client decodes (httperrclient's FromResponse test covers it): the XML alone has no admin element.
	if x := renderBoth(t, Conflict("x").With("amount", json.Number("1</amount><admin>true</admin><amount>"))).xml; bytes.Contains(x, []byte("admin")) {
		t.Errorf("top-level number injected:\n%s", x)
	}
}

func TestXMLName(t *testing.T) {
	for name, want := range map[string]bool{
		"balance": true, "trace_id": true, "a-b.c": true, "_x": true, "A1": true,
		"élève": true, "ключ": true, "名前": true, "a·b": true, "x\u0301": true, "\u00c0": true, "Ω": true,
		"": false, "1a": false, "-a": false, ".a": false, "a b": false, "a:b": false, "a/b": false,
		"xml": false, "XMLthing": false, "xMl-y": false, "a<b": false, "\u00d7": false, "·a": false,
		"\u0301x": false, "a\xffb": false, "\xe2\x82": false, "a\u00a0": false, "\ufffe": false, "a\u2028": false,
		"\U000F0000": false, "a\u037e": false,
		// Names of the fifth edition that encoding/xml, which follows the fourth, refuses in a whole document.
		"a\u203fb": false, "\U00010000x": false, "\u02ffa": false,
	} {
		if got := xmlName(name); got != want {
			t.Errorf("xmlName(%q) = %v, want %v", name, got, want)
		}
	}
	// Those are fifth-edition names all the same.
	for _, r := range []rune{0x203f, 0x2040, 0x10000, 0x2ff, 0xeffff} {
		if !xmlNameStart(r) && !xmlNameChar(r) {
			t.Errorf("%U is a NameChar of XML 1.0 fifth edition", r)
		}
	}
}

func TestXMLNonASCIIMemberNames(t *testing.T) {
	r := renderBoth(t, Conflict("x").With("élève", "ann").With("ключ", "v"))
	p := xmlRoot(t, r.xml)
	if p.child(t, "élève").Text != "ann" || p.child(t, "ключ").Text != "v" {
		t.Errorf("non-ASCII names: %s", r.xml)
	}
}

func TestXMLBadKeyDropsOnlyThatEntry(t *testing.T) {
	e := Conflict("x").WithErrors(
		Violation{Pointer: "#/a", Detail: "d1", Extensions: map[string]any{"ok": 1, "a b": 2, "ключ": 3}},
		Violation{Pointer: "#/b", Detail: "d2"},
	).With("meta", map[string]any{"1st": "x", "second": "y"})
	r := renderBoth(t, e)
	p := xmlRoot(t, r.xml)
	errs := p.child(t, "errors")
	if len(errs.Nodes) != 2 {
		t.Fatalf("errors has %d items, want 2: %s", len(errs.Nodes), r.xml)
	}
	first := &errs.Nodes[0]
	if got := strings.Join(first.names(), ","); got != "detail,ok,pointer,ключ" {
		t.Errorf("first violation has %s, want detail,ok,pointer,ключ: %s", got, r.xml)
	}
	if got := strings.Join(p.child(t, "meta").names(), ","); got != "second" {
		t.Errorf("meta has %s, want second: %s", got, r.xml)
	}
	for _, note := range []string{`extension member \"errors\": left out \"a b\": not an XML name`,
		`extension member \"meta\": left out \"1st\": not an XML name`} {
		if !strings.Contains(r.log, note) {
			t.Errorf("log lacks %s: %s", note, r.log)
		}
	}
	// JSON has every key.
	if !bytes.Contains(r.json, []byte(`"a b":2`)) || !bytes.Contains(r.json, []byte(`"1st":"x"`)) {
		t.Errorf("JSON lost a key: %s", r.json)
	}
}

// FuzzXMLMember renders one extension member whose key and json.Number value come from the fuzzer, alone and
// inside a map and a violation, and checks that both bodies are valid and hold nothing but that member.
func FuzzXMLMember(f *testing.F) {
	f.Add("amount", "1</amount><admin>true</admin><amount>")
	f.Add("a", "1&2")
	f.Add("élève", "12.5e-3")
	f.Add("a b", "1")
	f.Add("ключ", "")
	rd := quiet(Renderer{})
	f.Fuzz(func(t *testing.T, key, number string) {
		// encoding/json's own check of a json.Number is the oracle for whether the member is sent.
		_, err := json.Marshal(json.Number(number))
		if number != "" && err == nil {
			e := Conflict("x").With("n", json.Number(number))
			var m map[string]any
			if err := json.Unmarshal(rd.Prepare(context.Background(), e, Request{Method: http.MethodGet}).Body, &m); err != nil || m["n"] == nil {
				t.Fatalf("valid number %q left out of JSON: %v", number, err)
			}
			p := xmlRoot(t, rd.Prepare(context.Background(), e, Request{Method: http.MethodGet, Accept: "application/xml"}).Body)
			if p.child(t, "n").Text != number {
				t.Fatalf("valid number %q sent in XML as %q", number, p.child(t, "n").Text)
			}
		}
		values := []any{json.Number(number), map[string]any{key: json.Number(number), "z": 1}, []any{json.Number(number)}}
		for _, v := range values {
			e := Conflict("x").With(key, v).WithErrors(Violation{Detail: "d", Extensions: map[string]any{key: json.Number(number)}})
			for _, accept := range []string{"application/json", "application/xml"} {
				body := rd.Prepare(context.Background(), e, Request{Method: http.MethodGet, Accept: accept}).Body
				if accept == "application/json" {
					if !json.Valid(body) {
						t.Fatalf("invalid JSON: %q", body)
					}
					continue
				}
				strictXML(t, body)
				p := xmlRoot(t, body)
				for _, n := range p.Nodes[3:] { // type, title, status, then detail and the members
					if n := n.XMLName.Local; n != "detail" && n != key && n != "errors" {
						t.Fatalf("element %q in %q", n, body)
					}
				}
			}
		}
	})
}
