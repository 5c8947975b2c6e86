// Package ratelimit formats and parses the RateLimit-Policy and RateLimit response header fields of the IETF
// draft draft-ietf-httpapi-ratelimit-headers, which a 429 or 503 problem of package httperr (or any response)
// can carry, and declares the problem types the draft registers in IANA's HTTP Problem Types registry, with
// their "violated-policies" member:
//
//	policy, err := ratelimit.FormatPolicy(ratelimit.Policy{Name: "daily", Quota: 1000, Window: 24 * time.Hour})
//	...
//	limit, err := ratelimit.Format(ratelimit.Limit{Policy: "daily", Remaining: 0, Reset: 30 * time.Second})
//	...
//	return ratelimit.QuotaExceeded().New("").
//		WithRetryAfter(30 * time.Second).
//		WithHeader("RateLimit-Policy", policy).
//		WithHeader("RateLimit", limit).
//		With(ratelimit.ViolatedPolicies, []string{"daily"})
//
// A client reads them back from a problem decoded by package httperrclient, whose Decoder keeps both fields
// by default: ParsePolicy(e.Header()), Parse(e.Header()) and [Violated](e).
//
// Revision followed: the text of the working group's editor's copy at commit 0669b82 of
// github.com/ietf-wg-httpapi/ratelimit-headers (23 September 2025, published as -10), the newest full text
// that could be read here. Revision -12 (20 November 2026) is published but only its abstract could be read;
// its field syntax is not known to differ. Where the draft's text and its IANA table disagree on the default
// quota unit ("requests" against "request"), the text is followed.
package ratelimit

import (
	"errors"
	"net/http"
	"strconv"
	"time"
)

// maxPolicyName bounds the policy identifier of a Policy or Limit, and maxPartitionKey its
// partition key (in bytes, before base64), both when they are formatted and when they are parsed: a field
// with a longer one is malformed. The draft sets no bound; these keep a hostile field's cost small.
const (
	maxPolicyName   = 256
	maxPartitionKey = 1024
)

// Policy is one quota policy of the RateLimit-Policy response header field (draft-ietf-httpapi-
// ratelimit-headers, section 3): a quota of Quota units per Window, named Name. It is a value: copying it
// copies all of it.
type Policy struct {
	// Name identifies the policy, sent as a String: printable ASCII, at most 256 bytes. A [Limit]
	// names its policy with it.
	Name string
	// Quota is the "q" parameter: the quota units the policy allocates, 0 to 999,999,999,999,999.
	Quota int64
	// Unit is the "qu" parameter, a unit of the draft's RateLimit Quota Units registry: "requests" (what ""
	// means: none is sent), "content-bytes" or "concurrent-requests".
	Unit string
	// Window is the "w" parameter: the time window, sent in whole seconds rounded up; 0 sends none.
	Window time.Duration
	// PartitionKey is the "pk" parameter: the bytes of the key the quota is allocated for, at most 1024, sent
	// as a Byte Sequence; "" sends none. Keep secrets out of it: clients see it.
	PartitionKey string
}

// Limit is one service limit of the RateLimit response header field (draft-ietf-httpapi-ratelimit-
// headers, section 4): what is left of a policy's quota, and when more comes. It is a value.
type Limit struct {
	// Policy is the Name of the [Policy] the limit is for, sent as a String.
	Policy string
	// Remaining is the "r" parameter: the quota units left, 0 to 999,999,999,999,999.
	Remaining int64
	// Reset is the "t" parameter: the time until more quota is available, sent in whole seconds rounded up;
	// 0 sends none. Parsed, a "t" of 0 is a zero Reset too: either way no wait is announced.
	Reset time.Duration
	// PartitionKey is the "pk" parameter, as in [Policy].
	PartitionKey string
}

// FormatPolicy returns the RateLimit-Policy field value for policies, an RFC 9651 List of Strings
// with parameters in the order q, qu, w, pk: `"burst";q=100;w=60, "daily";q=1000;w=86400`. It fails for no
// policy (the field is a non-empty List) and for a value the field cannot carry: a Name or Unit that is not
// printable ASCII, a negative or too large Quota or Window, a name or key beyond its bound.
func FormatPolicy(policies ...Policy) (string, error) {
	if len(policies) == 0 {
		return "", errors.New("ratelimit: RateLimit-Policy needs at least one policy")
	}
	var b []byte
	for i, p := range policies {
		if i > 0 {
			b = append(b, ", "...)
		}
		var err error
		if b, err = appendPolicyName(b, "RateLimit-Policy", p.Name); err != nil {
			return "", err
		}
		if b, err = appendCount(b, ";q=", "quota", p.Quota); err != nil {
			return "", err
		}
		if p.Unit != "" {
			var ok bool
			if b, ok = appendSFString(append(b, ";qu="...), p.Unit); !ok {
				return "", errors.New("ratelimit: RateLimit-Policy: quota unit " + strconv.Quote(p.Unit) + " is not printable ASCII")
			}
		}
		if b, err = appendSeconds(b, ";w=", "window", p.Window); err != nil {
			return "", err
		}
		if b, err = appendPartitionKey(b, p.PartitionKey); err != nil {
			return "", err
		}
	}
	return checkLength(b)
}

// Format returns the RateLimit field value for limits, an RFC 9651 List of Strings with parameters
// in the order r, t, pk: `"default";r=0;t=30`. It fails as [FormatPolicy] does. On a 429 or 503, a
// Retry-After should not point earlier than the Reset of the limit that was exceeded (the draft's section 6).
func Format(limits ...Limit) (string, error) {
	if len(limits) == 0 {
		return "", errors.New("ratelimit: RateLimit needs at least one service limit")
	}
	var b []byte
	for i, l := range limits {
		if i > 0 {
			b = append(b, ", "...)
		}
		var err error
		if b, err = appendPolicyName(b, "RateLimit", l.Policy); err != nil {
			return "", err
		}
		if b, err = appendCount(b, ";r=", "remaining", l.Remaining); err != nil {
			return "", err
		}
		if b, err = appendSeconds(b, ";t=", "reset", l.Reset); err != nil {
			return "", err
		}
		if b, err = appendPartitionKey(b, l.PartitionKey); err != nil {
			return "", err
		}
	}
	return checkLength(b)
}

func appendPolicyName(b []byte, field, name string) ([]byte, error) {
	if len(name) > maxPolicyName {
		return b, errors.New("ratelimit: " + field + ": policy name longer than 256 bytes")
	}
	b, ok := appendSFString(b, name)
	if !ok {
		return b, errors.New("ratelimit: " + field + ": policy name " + strconv.Quote(name) + " is not printable ASCII")
	}
	return b, nil
}

func appendCount(b []byte, key, what string, n int64) ([]byte, error) {
	if n < 0 || n > maxSFInteger {
		return b, errors.New("ratelimit: " + what + " " + strconv.FormatInt(n, 10) + " is outside 0..999999999999999")
	}
	return strconv.AppendInt(append(b, key...), n, 10), nil
}

// appendSeconds appends d in whole seconds, rounded up as [httperr.Error.WithRetryAfter] rounds; nothing for 0.
func appendSeconds(b []byte, key, what string, d time.Duration) ([]byte, error) {
	switch {
	case d < 0:
		return b, errors.New("ratelimit: negative " + what)
	case d == 0:
		return b, nil
	}
	secs := int64(d / time.Second)
	if d%time.Second != 0 {
		secs++
	}
	return strconv.AppendInt(append(b, key...), secs, 10), nil // at most 9.3e9 s: an SF Integer
}

func appendPartitionKey(b []byte, key string) ([]byte, error) {
	switch {
	case len(key) > maxPartitionKey:
		return b, errors.New("ratelimit: partition key longer than 1024 bytes")
	case key == "":
		return b, nil
	}
	return appendSFBytes(append(b, ";pk="...), key), nil
}

func checkLength(b []byte) (string, error) {
	if len(b) > maxSFLength {
		return "", errors.New("ratelimit: RateLimit field value longer than 8 KiB")
	}
	return string(b), nil
}

// ParsePolicy parses the RateLimit-Policy field of h, all its lines as one List (RFC 9651 section
// 3.1). It returns nil and no error when h has none. The draft says a malformed field must be ignored, so
// any fault fails the whole field: a parse error of RFC 9651, an item that is not a String, a missing or
// negative "q", a "qu" that is not a String, a "w" that is not a positive Integer, a "pk" that is not a Byte
// Sequence, more than 64 policies, 32 parameters each or 8 KiB in all, a name or key beyond its bound.
// Parameters the draft does not define are ignored, as it asks.
func ParsePolicy(h http.Header) ([]Policy, error) {
	items, err := parseRateLimitField(h, "Ratelimit-Policy")
	if items == nil {
		return nil, err
	}
	policies := make([]Policy, len(items))
	for i := range items {
		it := &items[i]
		p := &policies[i]
		p.Name = it.value.s
		q, ok := it.param("q")
		if !ok || q.kind != sfInteger || q.i < 0 {
			return nil, malformed("Ratelimit-Policy", i, `"q" must be a non-negative Integer`)
		}
		p.Quota = q.i
		if v, ok := it.param("qu"); ok {
			if v.kind != sfString {
				return nil, malformed("Ratelimit-Policy", i, `"qu" must be a String`)
			}
			p.Unit = v.s
		}
		if v, ok := it.param("w"); ok {
			if v.kind != sfInteger || v.i <= 0 {
				return nil, malformed("Ratelimit-Policy", i, `"w" must be a positive Integer`)
			}
			p.Window = time.Duration(min(v.i, maxDurationSeconds)) * time.Second
		}
		if p.PartitionKey, err = partitionKey(it, "Ratelimit-Policy", i); err != nil {
			return nil, err
		}
	}
	return policies, nil
}

// Parse parses the RateLimit field of h as [ParsePolicy] parses RateLimit-Policy: "r" must
// be a non-negative Integer, "t" a non-negative Integer when present.
func Parse(h http.Header) ([]Limit, error) {
	items, err := parseRateLimitField(h, "Ratelimit")
	if items == nil {
		return nil, err
	}
	limits := make([]Limit, len(items))
	for i := range items {
		it := &items[i]
		l := &limits[i]
		l.Policy = it.value.s
		r, ok := it.param("r")
		if !ok || r.kind != sfInteger || r.i < 0 {
			return nil, malformed("Ratelimit", i, `"r" must be a non-negative Integer`)
		}
		l.Remaining = r.i
		if v, ok := it.param("t"); ok {
			if v.kind != sfInteger || v.i < 0 {
				return nil, malformed("Ratelimit", i, `"t" must be a non-negative Integer`)
			}
			l.Reset = time.Duration(min(v.i, maxDurationSeconds)) * time.Second
		}
		if l.PartitionKey, err = partitionKey(it, "Ratelimit", i); err != nil {
			return nil, err
		}
	}
	return limits, nil
}

// maxDurationSeconds is the most whole seconds a time.Duration holds (some 292 years); a parsed "w" or "t"
// beyond it is capped there.
const maxDurationSeconds = int64(1<<63-1) / int64(time.Second)

// parseRateLimitField parses the field key of h (canonical) into items whose values are Strings of bounded
// length; nil and no error when the field is absent or empty.
func parseRateLimitField(h http.Header, key string) ([]sfItem, error) {
	values := h[key]
	if len(values) == 0 {
		return nil, nil
	}
	items, err := parseSFList(values)
	if err != nil {
		return nil, errors.New("ratelimit: " + key + ": not an RFC 9651 List within the bounds (64 items, 32 parameters, 8 KiB)")
	}
	for i := range items {
		switch {
		case items[i].value.kind != sfString:
			return nil, malformed(key, i, "the policy must be a String")
		case len(items[i].value.s) > maxPolicyName:
			return nil, malformed(key, i, "policy name longer than 256 bytes")
		}
	}
	return items, nil
}

func partitionKey(it *sfItem, key string, i int) (string, error) {
	v, ok := it.param("pk")
	switch {
	case !ok:
		return "", nil
	case v.kind != sfBytes:
		return "", malformed(key, i, `"pk" must be a Byte Sequence`)
	case len(v.s) > maxPartitionKey:
		return "", malformed(key, i, "partition key longer than 1024 bytes")
	}
	return v.s, nil
}

func malformed(key string, i int, why string) error {
	return errors.New("ratelimit: " + key + ": item " + strconv.Itoa(i) + ": " + why)
}
