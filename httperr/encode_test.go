package httperr

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"log/slog"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// jsonStrings are strings whose encoding must match encoding/json byte for byte.
var jsonStrings = []string{
	"",
	"plain ascii",
	`quote " and backslash \ and slash /`,
	`\"\\`,
	"</script><script>alert(1)</script>",
	"a & b < c > d",
	"'single' `back`",
	"tab\tnewline\ncarriage\rbackspace\bformfeed\f",
	"nul\x00 soh\x01 us\x1f esc\x1b",
	"del\x7f",
	"line sep \u2028 para sep \u2029 end",
	"\u2027\u202a", // neighbours of U+2028/2029, not escaped
	"emoji 😀 flag 🇫🇷 zwj 👩‍👩‍👧",
	"accents: élève, Ärger, ñ, 中文, العربية",
	"U+FFFD itself: \uFFFD",
	"U+FEFF bom: \uFEFF",
	"invalid \xff byte",
	"truncated \xe2\x82 sequence",
	"lone continuation \x80\x80",
	"overlong \xc0\xaf slash",
	"surrogate half \xed\xa0\x80",
	"beyond U+10FFFF \xf4\x90\x80\x80",
	"invalid at end \xc3",
	"\xff",
	strings.Repeat("<&>", 100),
	func() string { // every byte value
		var b strings.Builder
		for i := range 256 {
			b.WriteByte(byte(i))
		}
		return b.String()
	}(),
	func() string { // every ASCII character
		var b strings.Builder
		for r := range rune(utf8.RuneSelf) {
			b.WriteRune(r)
		}
		return b.String()
	}(),
}

func TestAppendJSONStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range jsonStrings {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("appendJSONString(%q)\n got %s\nwant %s", s, got, want)
		}
		// Appending keeps what was there.
		if got := appendJSONString([]byte("prefix:"), s); string(got) != "prefix:"+string(want) {
			t.Errorf("appendJSONString with a prefix, %q: got %s", s, got)
		}
	}
}

// FuzzAppendJSONString checks any string against encoding/json.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range jsonStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("appendJSONString(%q)\n got %s\nwant %s", s, got, want)
		}
	})
}

type named string

type point struct {
	X, Y int
	Tag  string `json:"tag,omitempty"`
}

// jsonValues are values whose encoding must match encoding/json byte for byte.
var jsonValues = []any{
	nil,
	true, false,
	"string <&>",
	int(0), int(-1), int(math.MaxInt), int(math.MinInt),
	int8(math.MaxInt8), int8(math.MinInt8),
	int16(math.MaxInt16), int16(math.MinInt16),
	int32(math.MaxInt32), int32(math.MinInt32),
	int64(math.MaxInt64), int64(math.MinInt64),
	uint(0), uint(math.MaxUint),
	uint8(math.MaxUint8), uint16(math.MaxUint16), uint32(math.MaxUint32), uint64(math.MaxUint64),
	float64(0), math.Copysign(0, -1), float64(1), float64(-1),
	0.1, 0.2, 1.5, -2.75, 123456789.0, 1234567890123456789.0,
	1e20, 1e21, 1.5e21, -1e21, 1e100, 1e308,
	1e-6, 1e-7, 1.5e-7, 0.000001, 0.0000001234, 1e-300, -1e-7,
	math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64,
	float64(math.MaxInt64), float64(1 << 53), float64(1<<53 + 1),
	float32(0), float32(math.Copysign(0, -1)), float32(0.1), float32(1.5), float32(-2.75), float32(123456789),
	float32(1e20), float32(1e21), float32(1e-6), float32(1e-7), float32(3.4e38),
	float32(math.MaxFloat32), float32(math.SmallestNonzeroFloat32), float32(16777217),
	[]string{}, []string{"a"}, []string{"<a>", "b&c", "\u2028", "\xff"},
	[]string(nil),
	// Through encoding/json itself:
	named("named <string>"),
	[]int{1, 2, 3},
	[]any{1, "two", 3.5, nil, true},
	map[string]any{"b": 1, "a": "<x>", "c": []any{false}},
	map[string]int{"z": 26, "a": 1},
	point{X: 1, Y: -2},
	&point{X: 3, Tag: "<t>"},
	json.Number("12.50"),
	json.RawMessage(`{ "raw" : [1, 2] }`),
	struct{}{},
	[]byte("bytes"),
}

func TestAppendJSONValueMatchesEncodingJSON(t *testing.T) {
	for _, v := range jsonValues {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("json.Marshal(%#v): %v", v, err)
		}
		got, err := appendJSONValue(nil, v)
		if err != nil {
			t.Errorf("appendJSONValue(%#v): %v", v, err)
			continue
		}
		if string(got) != string(want) {
			t.Errorf("appendJSONValue(%T %#v)\n got %s\nwant %s", v, v, got, want)
		}
	}
}

// FuzzAppendJSONFloat checks every float64 and float32 against encoding/json.
func FuzzAppendJSONFloat(f *testing.F) {
	for _, v := range jsonValues {
		switch x := v.(type) {
		case float64:
			f.Add(math.Float64bits(x))
		case float32:
			f.Add(uint64(math.Float32bits(x)))
		}
	}
	f.Fuzz(func(t *testing.T, bits uint64) {
		for _, v := range []any{math.Float64frombits(bits), math.Float32frombits(uint32(bits))} {
			want, wantErr := json.Marshal(v)
			got, err := appendJSONValue(nil, v)
			if (err != nil) != (wantErr != nil) {
				t.Fatalf("appendJSONValue(%v) error %v, encoding/json error %v", v, err, wantErr)
			}
			if err == nil && string(got) != string(want) {
				t.Errorf("appendJSONValue(%T %v)\n got %s\nwant %s", v, v, got, want)
			}
		}
	})
}

func TestAppendJSONViolations(t *testing.T) {
	vs := []Violation{
		{Pointer: "#/age", Detail: "must be a positive integer"},
		{Pointer: "#/name", Detail: "must not be <empty>", Extensions: map[string]any{"min": 1, "code": "required"}},
		{Pointer: "#/x", Detail: "d", Extensions: map[string]any{"detail": "ignored", "pointer": "ignored"}},
	}
	got, err := appendJSONValue(nil, vs)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"detail":"must be a positive integer","pointer":"#/age"},` +
		`{"detail":"must not be \u003cempty\u003e","pointer":"#/name","code":"required","min":1},` +
		`{"detail":"d","pointer":"#/x"}]`
	if string(got) != want {
		t.Errorf("violations\n got %s\nwant %s", got, want)
	}
	if got, _ := appendJSONValue(nil, []Violation(nil)); string(got) != "null" {
		t.Errorf("nil violations: %s", got)
	}
	if got, _ := appendJSONValue(nil, []Violation{}); string(got) != "[]" {
		t.Errorf("empty violations: %s", got)
	}
	// A violation extension that cannot be encoded fails the whole value and leaves b as it was.
	bad := []Violation{{Pointer: "#/a", Detail: "d", Extensions: map[string]any{"ch": make(chan int)}}}
	if got, err := appendJSONValue([]byte("keep"), bad); err == nil || string(got) != "keep" {
		t.Errorf("bad violation extension: %s, %v", got, err)
	}
}

type errMarshaler struct{}

func (errMarshaler) MarshalJSON() ([]byte, error) { return nil, errors.New("no JSON for you") }

type panicMarshaler struct{}

func (panicMarshaler) MarshalJSON() ([]byte, error) { panic("MarshalJSON exploded") }

func TestAppendJSONValueErrors(t *testing.T) {
	tests := []struct {
		name string
		v    any
	}{
		{"NaN", math.NaN()},
		{"+Inf", math.Inf(1)},
		{"-Inf", math.Inf(-1)},
		{"float32 NaN", float32(math.NaN())},
		{"float32 +Inf", float32(math.Inf(1))},
		{"float32 -Inf", float32(math.Inf(-1))},
		{"channel", make(chan int)},
		{"func", func() {}},
		{"complex", complex(1, 2)},
		{"NaN in a map", map[string]any{"x": math.NaN()}},
		{"NaN in a slice", []float64{1, math.Inf(1)}},
		{"MarshalJSON error", errMarshaler{}},
		{"MarshalJSON panic", panicMarshaler{}},
		{"MarshalJSON panic nested", map[string]any{"p": panicMarshaler{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := appendJSONValue([]byte("keep"), tt.v)
			if err == nil {
				t.Fatalf("appendJSONValue(%T) = %s, want an error", tt.v, got)
			}
			if string(got) != "keep" {
				t.Errorf("on error the buffer became %q, want it unchanged", got)
			}
		})
	}
}

func TestAppendXMLText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"a & b < c > d", "a &amp; b &lt; c &gt; d"},
		{`"q" 'a'`, "&#34;q&#34; &#39;a&#39;"},
		{"tab\tnl\ncr\r", "tab&#x9;nl&#xA;cr&#xD;"},
		{"nul\x00 bel\x07 esc\x1b del\x7f", "nul\uFFFD bel\uFFFD esc\uFFFD del\uFFFD"},
		{"c1 \u0085 \u009f", "c1 \uFFFD \uFFFD"},
		{"invalid \xff \xe2\x82", "invalid \uFFFD \uFFFD\uFFFD"},
		{"nonchars \uFFFE \uFFFF", "nonchars \uFFFD \uFFFD"},
		{"ok é 😀 \u2028", "ok é 😀 \u2028"},
		{"]]>", "]]&gt;"},
	}
	for _, tt := range tests {
		if got := string(appendXMLText(nil, tt.in)); got != tt.want {
			t.Errorf("appendXMLText(%q) = %q, want %q", tt.in, got, tt.want)
		}
		// Whatever went in, the text parses back as character data.
		doc := "<a>" + string(appendXMLText(nil, tt.in)) + "</a>"
		var v struct {
			Text string `xml:",chardata"`
		}
		if err := xml.Unmarshal([]byte(doc), &v); err != nil {
			t.Errorf("appendXMLText(%q) does not parse: %v", tt.in, err)
		}
	}
}

// FuzzAppendXMLText checks that any string becomes well-formed character data that decodes to the input,
// with only the characters XML cannot hold replaced.
func FuzzAppendXMLText(f *testing.F) {
	for _, s := range jsonStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc := "<a>" + string(appendXMLText(nil, s)) + "</a>"
		var v struct {
			Text string `xml:",chardata"`
		}
		if err := xml.Unmarshal([]byte(doc), &v); err != nil {
			t.Fatalf("appendXMLText(%q) does not parse: %v\n%s", s, err, doc)
		}
		if utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool {
			return r < ' ' && r != '\t' && r != '\n' && r != '\r' || r >= 0x7f && r <= 0x9f || r == 0xFFFE || r == 0xFFFF
		}) && v.Text != s {
			t.Errorf("appendXMLText(%q) decodes to %q", s, v.Text)
		}
	})
}

func BenchmarkPrepare(b *testing.B) {
	e := Conflict("email is taken").With("email", "ann@example.com").With("attempt", 3).With("retryable", false)
	rd := &Renderer{Logger: slog.New(slog.DiscardHandler)}
	for _, accept := range []string{"application/json", "application/xml"} {
		b.Run(accept, func(b *testing.B) {
			req := Request{Method: "GET", Accept: accept}
			b.ReportAllocs()
			for b.Loop() {
				rd.Prepare(context.Background(), e, req)
			}
		})
	}
}

// TestLanguageCacheMatchesXText checks that the cached answers are x/text's, first and second time.
func TestLanguageCacheMatchesXText(t *testing.T) {
	for _, h := range []string{
		"fr-CA,fr;q=0.9,en;q=0.8", "fr", "fr-FR", "en-US,en;q=0.9", "de-DE,fr;q=0.5", "de", "*", "en;q=0, fr;q=0.1",
		"fr;q=0.1, en;q=0.2", "zz", ";;;", "fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", "EN", "Fr-ca",
		"x-unknown-language-with-a-long-tag", "en-GB;q=0.8,fr-BE",
	} {
		_, want := language.MatchStrings(builtinMatcher, h)
		for range 2 {
			if got := negotiateLanguage(builtinLanguages, h, true); got != want {
				t.Errorf("negotiateLanguage(%q) = %d, x/text says %d", h, got, want)
			}
		}
	}
}
