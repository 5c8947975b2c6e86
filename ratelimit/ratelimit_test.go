package ratelimit_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrclient"
	"github.com/httperr/toolkit/ratelimit"
)

func TestFormatPolicy(t *testing.T) {
	tests := []struct {
		name     string
		policies []ratelimit.Policy
		want     string
		err      string
	}{
		{"draft example", []ratelimit.Policy{{Name: "default", Quota: 100, Window: 10 * time.Second}}, `"default";q=100;w=10`, ""},
		{"two policies", []ratelimit.Policy{{Name: "permin", Quota: 50, Window: time.Minute}, {Name: "perhr", Quota: 1000, Window: time.Hour}}, `"permin";q=50;w=60, "perhr";q=1000;w=3600`, ""},
		{"unit and key", []ratelimit.Policy{{Name: "peruser", Quota: 65535, Unit: "content-bytes", Window: 10 * time.Second, PartitionKey: "user-1"}}, `"peruser";q=65535;qu="content-bytes";w=10;pk=:dXNlci0x:`, ""},
		{"no window", []ratelimit.Policy{{Name: "total", Quota: 0}}, `"total";q=0`, ""},
		{"window rounded up", []ratelimit.Policy{{Name: "p", Quota: 1, Window: 1500 * time.Millisecond}}, `"p";q=1;w=2`, ""},
		{"quote and backslash escaped", []ratelimit.Policy{{Name: `a"b\c`, Quota: 1}}, `"a\"b\\c";q=1`, ""},
		{"largest quota", []ratelimit.Policy{{Name: "p", Quota: 999_999_999_999_999}}, `"p";q=999999999999999`, ""},
		{"none", nil, "", "at least one policy"},
		{"quota too large", []ratelimit.Policy{{Name: "p", Quota: 1_000_000_000_000_000}}, "", "outside"},
		{"negative quota", []ratelimit.Policy{{Name: "p", Quota: -1}}, "", "outside"},
		{"negative window", []ratelimit.Policy{{Name: "p", Window: -time.Second}}, "", "negative window"},
		{"non-ASCII name", []ratelimit.Policy{{Name: "quotité", Quota: 1}}, "", "not printable ASCII"},
		{"control character in name", []ratelimit.Policy{{Name: "a\r\nSet-Cookie: x", Quota: 1}}, "", "not printable ASCII"},
		{"control character in unit", []ratelimit.Policy{{Name: "p", Quota: 1, Unit: "a\x00"}}, "", "not printable ASCII"},
		{"long name", []ratelimit.Policy{{Name: strings.Repeat("n", 257), Quota: 1}}, "", "longer than 256"},
		{"long key", []ratelimit.Policy{{Name: "p", Quota: 1, PartitionKey: strings.Repeat("k", 1025)}}, "", "longer than 1024"},
		{"field too long", slices.Repeat([]ratelimit.Policy{{Name: strings.Repeat("n", 250), Quota: 1}}, 40), "", "longer than 8 KiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ratelimit.FormatPolicy(tt.policies...)
			if got != tt.want || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("FormatPolicy = %q, %v; want %q, error containing %q", got, err, tt.want, tt.err)
			}
			if err != nil {
				return
			}
			back, err := ratelimit.ParsePolicy(http.Header{"Ratelimit-Policy": {got}})
			if err != nil {
				t.Fatalf("ParsePolicy(%q): %v", got, err)
			}
			want := slices.Clone(tt.policies)
			for i := range want {
				want[i].Window = want[i].Window.Round(time.Second) // 1.5 s went as 2
			}
			if !reflect.DeepEqual(back, want) {
				t.Fatalf("ParsePolicy(%q) = %+v, want %+v", got, back, want)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		name   string
		limits []ratelimit.Limit
		want   string
		err    string
	}{
		{"draft example", []ratelimit.Limit{{Policy: "default", Remaining: 50, Reset: 30 * time.Second}}, `"default";r=50;t=30`, ""},
		{"exhausted", []ratelimit.Limit{{Policy: "daily", Remaining: 0, Reset: 3 * time.Hour}}, `"daily";r=0;t=10800`, ""},
		{"no reset, key", []ratelimit.Limit{{Policy: "default", Remaining: 999, PartitionKey: "trial121323"}}, `"default";r=999;pk=:dHJpYWwxMjEzMjM=:`, ""},
		{"two", []ratelimit.Limit{{Policy: "a", Remaining: 1}, {Policy: "b", Remaining: 2, Reset: time.Nanosecond}}, `"a";r=1, "b";r=2;t=1`, ""},
		{"none", nil, "", "at least one service limit"},
		{"negative remaining", []ratelimit.Limit{{Policy: "a", Remaining: -5}}, "", "outside"},
		{"negative reset", []ratelimit.Limit{{Policy: "a", Reset: -time.Second}}, "", "negative reset"},
		{"newline in policy", []ratelimit.Limit{{Policy: "a\nb"}}, "", "not printable ASCII"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ratelimit.Format(tt.limits...)
			if got != tt.want || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("Format = %q, %v; want %q, error containing %q", got, err, tt.want, tt.err)
			}
		})
	}
}

func TestParsePolicy(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		want   []ratelimit.Policy
		err    string // "" for a field that parses
	}{
		{"absent", nil, nil, ""},
		{"draft example", []string{`"burst";q=100;w=60,"daily";q=1000;w=86400`}, []ratelimit.Policy{{Name: "burst", Quota: 100, Window: time.Minute}, {Name: "daily", Quota: 1000, Window: 24 * time.Hour}}, ""},
		{"split over lines", []string{`"burst";q=100;w=60`, `"daily";q=1000`}, []ratelimit.Policy{{Name: "burst", Quota: 100, Window: time.Minute}, {Name: "daily", Quota: 1000}}, ""},
		{"draft key example", []string{`"peruser";q=65535;qu="content-bytes";w=10;pk=:sdfjLJUOUH==:`}, []ratelimit.Policy{{Name: "peruser", Quota: 65535, Unit: "content-bytes", Window: 10 * time.Second, PartitionKey: "\xb1\xd7\xe3,\x95\x0eP"}}, ""},
		{"key without padding", []string{`"p";q=1;pk=:YQ:`}, []ratelimit.Policy{{Name: "p", Quota: 1, PartitionKey: "a"}}, ""},
		{"escapes", []string{`"a\"b\\c";q=1`}, []ratelimit.Policy{{Name: `a"b\c`, Quota: 1}}, ""},
		{"whitespace", []string{`  "a";q=1 ,	"b";q=2  `}, []ratelimit.Policy{{Name: "a", Quota: 1}, {Name: "b", Quota: 2}}, ""},
		{"vendor parameters of every type ignored", []string{`"p";q=1;acme-a=1.5;acme-b=tok/en;acme-c=?0;acme-d=@1700000000;acme-e=%"caf%c3%a9";acme-f;acme-g=:AA==:`}, []ratelimit.Policy{{Name: "p", Quota: 1}}, ""},
		{"repeated parameter: the last wins", []string{`"p";q=1;q=2`}, []ratelimit.Policy{{Name: "p", Quota: 2}}, ""},
		{"window beyond Duration capped", []string{`"p";q=1;w=999999999999999`}, []ratelimit.Policy{{Name: "p", Quota: 1, Window: time.Duration(1<<63-1) / time.Second * time.Second}}, ""},
		{"token item (older revisions)", []string{`default;q=100`}, nil, "must be a String"},
		{"no quota", []string{`"p";w=60`}, nil, `"q"`},
		{"negative quota", []string{`"p";q=-1`}, nil, `"q"`},
		{"decimal quota", []string{`"p";q=1.5`}, nil, `"q"`},
		{"string quota", []string{`"p";q="1"`}, nil, `"q"`},
		{"zero window", []string{`"p";q=1;w=0`}, nil, `"w"`},
		{"token unit", []string{`"p";q=1;qu=requests`}, nil, `"qu"`},
		{"string key", []string{`"p";q=1;pk="k"`}, nil, `"pk"`},
		{"one bad item fails the field", []string{`"a";q=1, "b"`}, nil, "item 1"},
		{"sixteen digits", []string{`"p";q=1000000000000000`}, nil, "not an RFC 9651 List"},
		{"trailing comma", []string{`"p";q=1,`}, nil, "not an RFC 9651 List"},
		{"inner list", []string{`("p");q=1`}, nil, "not an RFC 9651 List"},
		{"unterminated string", []string{`"p;q=1`}, nil, "not an RFC 9651 List"},
		{"bad escape", []string{`"\n";q=1`}, nil, "not an RFC 9651 List"},
		{"non-ASCII in string", []string{"\"é\";q=1"}, nil, "not an RFC 9651 List"},
		{"uppercase key", []string{`"p";Q=1`}, nil, "not an RFC 9651 List"},
		{"bad base64", []string{`"p";q=1;pk=:a*b:`}, nil, "not an RFC 9651 List"},
		{"newline in base64", []string{"\"p\";q=1;pk=:YQ\n==:"}, nil, "not an RFC 9651 List"},
		{"bad display string", []string{`"p";q=1;x=%"%ff"`}, nil, "not an RFC 9651 List"},
		{"decimal date", []string{`"p";q=1;x=@1.5`}, nil, "not an RFC 9651 List"},
		{"65 items", []string{strings.Repeat(`"p";q=1,`, 64) + `"p";q=1`}, nil, "not an RFC 9651 List"},
		{"33 parameters", []string{`"p";q=1` + strings.Repeat(";a", 1) + paramsN(32)}, nil, "not an RFC 9651 List"},
		{"over 8 KiB", []string{`"p";q=1;x="` + strings.Repeat("x", 8<<10) + `"`}, nil, "not an RFC 9651 List"},
		{"long name", []string{`"` + strings.Repeat("n", 257) + `";q=1`}, nil, "longer than 256"},
		{"long key", []string{`"p";q=1;pk=:` + strings.Repeat("AAAA", 342) + `:`}, nil, "longer than 1024"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ratelimit.ParsePolicy(http.Header{"Ratelimit-Policy": tt.values})
			if (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("error %v, want one containing %q", err, tt.err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("ParsePolicy = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		want   []ratelimit.Limit
		err    string
	}{
		{"draft example", []string{`"default";r=50;t=30`}, []ratelimit.Limit{{Policy: "default", Remaining: 50, Reset: 30 * time.Second}}, ""},
		{"key, no reset", []string{`"default";r=999;pk=:dHJpYWwxMjEzMjM=:`}, []ratelimit.Limit{{Policy: "default", Remaining: 999, PartitionKey: "trial121323"}}, ""},
		{"zero reset", []string{`"default";r=1;t=0`}, []ratelimit.Limit{{Policy: "default", Remaining: 1}}, ""},
		{"no remaining", []string{`"default";t=30`}, nil, `"r"`},
		{"negative reset", []string{`"default";r=1;t=-1`}, nil, `"t"`},
		{"boolean remaining", []string{`"default";r`}, nil, `"r"`},
		{"empty", []string{""}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ratelimit.Parse(http.Header{"Ratelimit": tt.values})
			if (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("error %v, want one containing %q", err, tt.err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Parse = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestQuotaExceededRoundTrip renders a 429 quota-exceeded problem with both fields and violated-policies on a
// loopback server, and reads it back with FromResponse. Before RateLimit and RateLimit-Policy were among the
// header fields a Decoder keeps by default, the client side lost both.
func TestQuotaExceededRoundTrip(t *testing.T) {
	policies := []ratelimit.Policy{{Name: "burst", Quota: 100, Window: time.Minute}, {Name: "daily", Quota: 1000, Window: 24 * time.Hour}}
	policy, err := ratelimit.FormatPolicy(policies...)
	if err != nil {
		t.Fatal(err)
	}
	limit, err := ratelimit.Format(ratelimit.Limit{Policy: "daily", Remaining: 0, Reset: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	problem := ratelimit.QuotaExceeded().New("").
		WithRetryAfter(30*time.Second).
		WithHeader("RateLimit-Policy", policy).
		WithHeader("RateLimit", limit).
		With(ratelimit.ViolatedPolicies, []string{"daily"})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		httperr.Render(w, r, problem)
	}))
	defer srv.Close()

	res, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	const wantBody = `{"type":"https://iana.org/assignments/http-problem-types#quota-exceeded","title":"Request cannot be satisfied as assigned quota has been exceeded","status":429,"detail":"The client exceeded a quota that the server assigned to it; the RateLimit and RateLimit-Policy fields say which, and when it resets.","violated-policies":["daily"]}` + "\n"
	if string(body) != wantBody {
		t.Errorf("body\n got %s\nwant %s", body, wantBody)
	}
	for k, want := range map[string]string{
		"Retry-After":      "30",
		"Ratelimit-Policy": `"burst";q=100;w=60, "daily";q=1000;w=86400`,
		"Ratelimit":        `"daily";r=0;t=30`,
	} {
		if got := res.Header.Values(k); len(got) != 1 || got[0] != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}

	res.Body = io.NopCloser(bytes.NewReader(body))
	e := httperr.From(httperrclient.FromResponse(res))
	if got, err := ratelimit.ParsePolicy(e.Header()); err != nil || !reflect.DeepEqual(got, policies) {
		t.Errorf("decoded RateLimit-Policy = %+v, %v; want %+v", got, err, policies)
	}
	if got, want := must(ratelimit.Parse(e.Header())), []ratelimit.Limit{{Policy: "daily", Remaining: 0, Reset: 30 * time.Second}}; !reflect.DeepEqual(got, want) {
		t.Errorf("decoded RateLimit = %+v, want %+v", got, want)
	}
	if got := ratelimit.Violated(e); !reflect.DeepEqual(got, []string{"daily"}) {
		t.Errorf("decoded violated-policies = %q", got)
	}
	if !ratelimit.QuotaExceeded().Matches(e) || e.Status() != 429 {
		t.Errorf("decoded %d %q", e.Status(), e.Type())
	}
}

func TestViolated(t *testing.T) {
	e := httperr.TooManyRequests(0).With(ratelimit.ViolatedPolicies, []string{"a", "b"})
	if got := ratelimit.Violated(e); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Fatalf("Violated = %q", got)
	}
	ratelimit.Violated(e)[0] = "changed"
	if got := ratelimit.Violated(e); got[0] != "a" {
		t.Fatalf("Violated returned the error's own slice")
	}
	if got := ratelimit.Violated(httperr.TooManyRequests(0).With(ratelimit.ViolatedPolicies, []any{"a", 1})); got != nil {
		t.Fatalf("a member that is not an array of strings gave %q", got)
	}
	if got := ratelimit.Violated(httperr.TooManyRequests(0).With(ratelimit.ViolatedPolicies, []string{})); got == nil || len(got) != 0 {
		t.Fatalf("no names gave %#v, want an empty list", got)
	}
	if got := ratelimit.Violated(httperr.TooManyRequests(0)); got != nil {
		t.Fatalf("no member gave %#v", got)
	}
	if ratelimit.Violated(nil) != nil {
		t.Fatal("nil *Error has violated policies")
	}
}

// must returns v, for a call whose error the test has no use for.
func must[T any](v T, _ error) T { return v }

// paramsN returns n distinct vendor parameters.
func paramsN(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(";v")
		b.WriteByte(byte('a' + i/26))
		b.WriteByte(byte('a' + i%26))
	}
	return b.String()
}
