package httperr

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// plainByte reports whether c appears in a JSON string as it is, as the escaping loop decides it.
func plainByte(c byte) bool { return c < utf8.RuneSelf && jsonSafe[c] }

// TestPlain8 checks plain8 against the escaping loop's byte test: every byte value at every position of a
// plain word, and random words of bytes around the boundaries the bit tricks test.
func TestPlain8(t *testing.T) {
	for c := range 256 {
		for at := range 8 {
			w := []byte("abcdefgh")
			w[at] = byte(c)
			if got, want := plain8(load8(string(w))), plainByte(byte(c)); got != want {
				t.Errorf("plain8(%q) = %v, want %v", w, got, want)
			}
		}
	}
	near := []byte{0x00, 0x01, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2e, 0x3b, 0x3c, 0x3d, 0x3e,
		0x3f, 0x5b, 0x5c, 0x5d, 0x7e, 0x7f, 0x80, 0xc3, 0xe2, 0xff, 'a', 'z', '0', '/', ':', '-'}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var w [8]byte
		want := true
		for i := range w {
			w[i] = near[rng.IntN(len(near))]
			want = want && plainByte(w[i])
		}
		if got := plain8(load8(string(w[:]))); got != want {
			t.Fatalf("plain8(%q) = %v, want %v", w, got, want)
		}
	}
}

// BenchmarkAppendJSONString: strings as problems carry them, a type URI, a detail and a JSON pointer, with
// nothing to escape, into a reused buffer.
func BenchmarkAppendJSONString(b *testing.B) {
	strs := []string{"https://example.com/problems/not-found", "email is already registered", "#/items/3/name"}
	buf := make([]byte, 0, 256)
	b.ReportAllocs()
	for b.Loop() {
		buf = buf[:0]
		for _, s := range strs {
			buf = appendJSONString(buf, s)
		}
	}
}
