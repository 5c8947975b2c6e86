package httperr

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"
)

// Round-trip fuzzing of the renderer (the two header parsers' fuzzers are in negotiate_fuzz_test.go), in the
// manner of encoding/json's FuzzUnmarshalJSON. The seeds (f.Add and testdata/fuzz) run in every go test; to fuzz:
//
//	go test -run '^$' -fuzz '^FuzzRender$' -fuzztime 5m ./httperr/

// normJSON is s as a JSON string carries it: each byte that is not part of valid UTF-8 replaced by U+FFFD,
// as encoding/json does.
func normJSON(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString("\uFFFD")
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// xmlKeeps reports whether XML character data holds r as it is: a Char of XML 1.0 section 2.2, without the
// control characters (U+007F..U+009F) that section asks documents to avoid. The renderer sends U+FFFD for
// any other.
func xmlKeeps(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20 || r >= 0x7f && r <= 0x9f:
		return false
	case r >= 0xd800 && r <= 0xdfff, r == 0xfffe, r == 0xffff, r > 0x10ffff:
		return false
	}
	return true
}

// normXML is s as XML character data carries it: normJSON's replacement of invalid UTF-8, and U+FFFD for
// each character XML cannot hold.
func normXML(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || !xmlKeeps(r) {
			b.WriteString("\uFFFD")
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func FuzzRender(f *testing.F) {
	f.Add(404, "", "user not found", "", "", "email", "ann@example.com", "abc", "", "")
	f.Add(409, "Email Taken", "the email is taken", "https://example.com/probs/taken", "/users/7", "existing", "/users/1", "v",
		"application/problem+xml", "fr-CA, en;q=0.5")
	f.Add(500, "", "", "", "", "cause", "public", "", "application/xml;q=0.9, application/json;q=0.1", "fr")
	f.Add(302, "t\xff", "bad \xff\xfe byte", "\x00", "\u2028", "k\x80", "v\xc3", "a\r\nSet-Cookie: x=1", "*/*", "de, fr;q=0.1")
	f.Add(0, "<&>", "</script><script>alert(1)</script>", "'\"", "\t\n\r", "xml-name", "\x01\x7f\u0085\ufffe", "\x7f", "application/*", "*")
	f.Add(499, "", "\u2029 end", "", "", "detail", "reserved", "", "application/problem+xml;q=1.000", "en-US")
	f.Add(600, "", "", "", "", "", "", "", ";q=", ",,,")
	f.Add(-1, "", "", "", "", "1abc", "digit first", "", "APPLICATION/PROBLEM+XML", "FR")

	rd := quiet(Renderer{})
	f.Fuzz(func(t *testing.T, status int, title, detail, typ, instance, key, value, header, accept, acceptLanguage string) {
		e := New(status, detail).WithTitle(title).WithType(typ).WithInstance(instance).With(key, value).WithHeader("X-Fuzz", header)
		for _, method := range []string{http.MethodGet, http.MethodHead} {
			res := rd.Prepare(context.Background(), e, Request{Method: method, Accept: accept, AcceptLanguage: acceptLanguage})
			checkFuzzHeader(t, res, header)
			if method == http.MethodHead {
				if res.Body != nil {
					t.Errorf("HEAD body %q", res.Body)
				}
				continue
			}
			if !utf8.Valid(res.Body) {
				t.Fatalf("body is not valid UTF-8: %q", res.Body)
			}
			if cl := res.Header().Get("Content-Length"); cl != itoa(len(res.Body)) {
				t.Errorf("Content-Length %s, body %d bytes", cl, len(res.Body))
			}

			// What the body must say.
			wantStatus := status
			if status < 400 || status > 599 {
				wantStatus = http.StatusInternalServerError
			}
			if res.Status != wantStatus {
				t.Errorf("status %d, want %d", res.Status, wantStatus)
			}
			cat := &builtinLanguages[negotiateLanguage(builtinLanguages, acceptLanguage, true)]
			if got := res.Header().Get("Content-Language"); got != cat.contentLanguage() {
				t.Errorf("Content-Language %q, want %q", got, cat.contentLanguage())
			}
			catTitle, catDetail := cat.text(wantStatus)
			wantTitle, wantDetail, wantType := title, detail, typ
			if title == "" {
				wantTitle = catTitle
			}
			if detail == "" || wantStatus != status {
				wantDetail = catDetail
			}
			if typ == "" {
				wantType = "about:blank"
			}
			extKept := !reserved(key)

			format := negotiateFormat(accept)
			if got := res.Header().Get("Content-Type"); got != format.contentType() {
				t.Fatalf("Content-Type %q, want %q", got, format.contentType())
			}
			if format == formatJSON {
				m := checkJSONProblem(t, res.Status, res.Body)
				want := map[string]any{"type": normJSON(wantType), "title": normJSON(wantTitle), "status": float64(wantStatus)}
				if wantDetail != "" {
					want["detail"] = normJSON(wantDetail)
				}
				if instance != "" {
					want["instance"] = normJSON(instance)
				}
				if extKept {
					want[normJSON(key)] = normJSON(value)
				}
				compareMembers(t, m, want, res.Body)
				continue
			}
			p := checkXMLProblem(t, res.Status, res.Body)
			got := map[string]any{}
			for _, c := range p.Nodes {
				if c.XMLName.Local == "status" {
					got["status"] = float64(atoi(c.Text))
				} else {
					got[c.XMLName.Local] = c.Text
				}
			}
			want := map[string]any{"type": normXML(wantType), "title": normXML(wantTitle), "status": float64(wantStatus)}
			if wantDetail != "" {
				want["detail"] = normXML(wantDetail)
			}
			if instance != "" {
				want["instance"] = normXML(instance)
			}
			if extKept && xmlName(key) {
				want[key] = normXML(value)
			}
			compareMembers(t, got, want, res.Body)
		}
	})
}

// checkFuzzHeader checks the header fields of a fuzzed problem: no CR or LF anywhere, nor any other control
// character but HTAB (Go's client refuses them), and X-Fuzz sent as given unless WithHeader had to refuse it.
func checkFuzzHeader(t *testing.T, res Response, value string) {
	t.Helper()
	for k, vs := range res.Header() {
		for _, v := range vs {
			if strings.ContainsAny(k+v, "\r\n") {
				t.Fatalf("header field %s: %q holds CR or LF", k, v)
			}
			for _, c := range []byte(k + v) {
				if c < ' ' && c != '\t' || c == 0x7f {
					t.Fatalf("header field %s: %q holds the control character %#x", k, v, c)
				}
			}
		}
	}
	got, ok := res.Header()["X-Fuzz"]
	if strings.ContainsFunc(value, func(r rune) bool { return r < ' ' && r != '\t' || r == 0x7f }) {
		if ok {
			t.Errorf("refused X-Fuzz sent: %q", got)
		}
	} else if !ok || len(got) != 1 || got[0] != value {
		t.Errorf("X-Fuzz %q, want %q", got, value)
	}
}

func compareMembers(t *testing.T, got, want map[string]any, body []byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("members %q, want %q\n%s", got, want, body)
	}
	for k, w := range want {
		if g, ok := got[k]; !ok || g != w {
			t.Errorf("member %q = %q, want %q\n%s", k, g, w, body)
		}
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func atoi(s string) int {
	var n int
	if err := json.Unmarshal([]byte(s), &n); err != nil {
		return -1
	}
	return n
}
