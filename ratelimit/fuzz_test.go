package ratelimit_test

import (
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/httperr/toolkit/ratelimit"
)

// FuzzParse feeds both RateLimit fields arbitrary values (two field lines, split at the first
// newline): the parsers must not panic, and what they accept must format back into a field that parses to
// the same values (a round trip through the typed values). Seeds are in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add(`"burst";q=100;w=60,"daily";q=1000;w=86400`)
	f.Add(`"default";r=50;t=30;pk=:dHJpYWwxMjEzMjM=:`)
	f.Fuzz(func(t *testing.T, value string) {
		lines := strings.SplitN(value, "\n", 2)
		h := http.Header{"Ratelimit-Policy": lines, "Ratelimit": lines}
		if policies, err := ratelimit.ParsePolicy(h); err == nil && policies != nil {
			v, err := ratelimit.FormatPolicy(policies...)
			if err != nil {
				if strings.Contains(err.Error(), "8 KiB") {
					return // the parsed form is longer (padding, ", "): near the bound it may not fit
				}
				t.Fatalf("parsed %q into %+v, which does not format: %v", value, policies, err)
			}
			back, err := ratelimit.ParsePolicy(http.Header{"Ratelimit-Policy": {v}})
			if err != nil || !reflect.DeepEqual(back, policies) {
				t.Fatalf("%q -> %+v -> %q -> %+v, %v", value, policies, v, back, err)
			}
		}
		if limits, err := ratelimit.Parse(h); err == nil && limits != nil {
			v, err := ratelimit.Format(limits...)
			if err != nil {
				if strings.Contains(err.Error(), "8 KiB") {
					return
				}
				t.Fatalf("parsed %q into %+v, which does not format: %v", value, limits, err)
			}
			back, err := ratelimit.Parse(http.Header{"Ratelimit": {v}})
			if err != nil || !reflect.DeepEqual(back, limits) {
				t.Fatalf("%q -> %+v -> %q -> %+v, %v", value, limits, v, back, err)
			}
		}
	})
}
