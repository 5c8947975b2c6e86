package httperrclient_test

import (
	"bytes"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/httperr/toolkit/httperrclient"
)

// decodeAllocated returns the bytes allocated to decode body as a problem of the given content type.
func decodeAllocated(t *testing.T, contentType, body string) uint64 {
	t.Helper()
	data := []byte(body)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res := &http.Response{StatusCode: 400, Header: http.Header{"Content-Type": {contentType}},
		Body: io.NopCloser(bytes.NewReader(data))}
	_ = httperrclient.FromResponse(res)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// readOverhead returns what io.ReadAll allocates to read n bytes beyond twice n: nothing in a normal
// build, some twice n more in a race detector build, which the bound below does not count as decoding.
func readOverhead(n int) uint64 {
	data := make([]byte, n)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, _ = io.ReadAll(bytes.NewReader(data))
	runtime.ReadMemStats(&after)
	return max(after.TotalAlloc-before.TotalAlloc, 2*uint64(n)) - 2*uint64(n)
}

// TestDecodeMemory checks that decoding allocates a small multiple of the bytes read, whatever the shape
// of the document: many tiny elements cost the XML decoder far more than their bytes.
func TestDecodeMemory(t *testing.T) {
	const n = 100_000
	const mib = 1<<20 - 100 // a body just under the most read by default, 1 MiB
	var xmlns strings.Builder
	for i := 0; xmlns.Len() < mib; i++ {
		xmlns.WriteString(` xmlns:a` + strconv.Itoa(i) + `="u"`)
	}
	tests := []struct {
		name, contentType, body string
	}{
		{"xml list", "application/problem+xml",
			`<problem xmlns="urn:ietf:rfc:7807"><l>` + strings.Repeat("<i>x</i>", n) + `</l></problem>`},
		{"xml empty elements", "application/problem+xml",
			`<problem xmlns="urn:ietf:rfc:7807"><l>` + strings.Repeat("<i/>", 2*n) + `</l></problem>`},
		{"xml members", "application/problem+xml",
			`<problem xmlns="urn:ietf:rfc:7807"><o>` + strings.Repeat("<a>x</a>", n) + `</o></problem>`},
		{"xml attributes", "application/problem+xml",
			`<problem xmlns="urn:ietf:rfc:7807"><o` + strings.Repeat(` a="1"`, 1) + `>` + strings.Repeat(`<i a="" b="" c=""/>`, n/2) + `</o></problem>`},
		// Attributes and namespace declarations: encoding/xml builds them all before the element is seen.
		{"xml attributes on the root", "application/problem+xml",
			`<problem xmlns="urn:ietf:rfc:7807"` + strings.Repeat(` a=""`, mib/5) + `/>`},
		{"xml attributes on a member", "application/problem+xml",
			`<problem xmlns="urn:ietf:rfc:7807"><o` + strings.Repeat(` a = ''`, mib/7) + `/></problem>`},
		{"xml namespace declarations", "application/problem+xml",
			`<problem xmlns="urn:ietf:rfc:7807"` + xmlns.String() + `/>`},
		{"xml long text", "application/problem+xml",
			`<problem xmlns="urn:ietf:rfc:7807"><detail>` + strings.Repeat("x", mib) + `</detail></problem>`},
		{"json list", "application/problem+json", `{"l":[` + strings.Repeat(`"x",`, 2*n) + `"x"]}`},
		{"json numbers", "application/problem+json", `{"l":[` + strings.Repeat(`1,`, 4*n) + `1]}`},
		{"json objects", "application/problem+json", `{"l":[` + strings.Repeat(`{},`, 2*n) + `{}]}`},
		{"json tiny members", "application/problem+json", `{` + strings.Repeat(`"":0,`, mib/5) + `"":0}`},
		{"json deep", "application/problem+json", `{"a":` + strings.Repeat(`[`, mib/2) + strings.Repeat(`]`, mib/2) + `}`},
		{"json long key", "application/problem+json", `{"` + strings.Repeat("k", mib) + `":0}`},
		{"json long string", "application/problem+json", `{"detail":"` + strings.Repeat("x", mib) + `"}`},
		{"json escaped string", "application/problem+json", `{"a":"` + strings.Repeat(`\u00e9`, mib/6) + `"}`},
		{"json long number", "application/problem+json", `{"a":1` + strings.Repeat("0", mib) + `}`},
		// Just under the bound, decoded: the cost per value, with a small body.
		{"xml list at the bound", "application/problem+xml",
			`<problem xmlns="urn:ietf:rfc:7807"><l>` + strings.Repeat("<i>x</i>", 4000) + `</l></problem>`},
		{"xml attributes at the bound", "application/problem+xml",
			`<problem xmlns="urn:ietf:rfc:7807"><o` + strings.Repeat(` a=""`, 4000) + `/></problem>`},
		{"json numbers at the bound", "application/problem+json", `{"l":[` + strings.Repeat(`1,`, 4000) + `1]}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := decodeAllocated(t, tc.contentType, tc.body)
			ratio := float64(got) / float64(len(tc.body))
			t.Logf("%d bytes read, %.1f MiB allocated (%.1f times)", len(tc.body), float64(got)/(1<<20), ratio)
			// At most 4 times the bytes read (reading them costs 2 to 3) and 4 MiB for the values.
			if most := 4*uint64(len(tc.body)) + 4<<20 + readOverhead(len(tc.body)); got > most {
				t.Errorf("%d bytes allocated for %d bytes read: %.1f times", got, len(tc.body), ratio)
			}
		})
	}
}
