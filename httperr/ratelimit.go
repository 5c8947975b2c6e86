package httperr

import (
	"errors"
	"net/http"
	"strconv"
	"time"
)

// This file holds the RateLimit-Policy and RateLimit response header fields of the IETF draft
// draft-ietf-httpapi-ratelimit-headers, which a 429 or 503 problem (or any response) can carry, and the
// "violated-policies" member of the problem types the draft registers.
//
// Revision followed: the text of the working group's editor's copy at commit 0669b82 of
// github.com/ietf-wg-httpapi/ratelimit-headers (23 September 2025, published as -10), the newest full text
// that could be read here. Revision -12 (20 November 2026) is published but only its abstract could be read;
// its field syntax is not known to differ. Where the draft's text and its IANA table disagree on the default
// quota unit ("requests" against "request"), the text is followed.

// maxPolicyName bounds the policy identifier of a QuotaPolicy or ServiceLimit, and maxPartitionKey its
// partition key (in bytes, before base64), both when they are formatted and when they are parsed: a field
// with a longer one is malformed. The draft sets no bound; these keep a hostile field's cost small.
const (
	maxPolicyName   = 256
	maxPartitionKey = 1024
)

// Quota units of the draft's RateLimit Quota Units registry, for [QuotaPolicy].Unit.
const (
	QuotaRequests           = "requests"            // the default: requests processed
	QuotaContentBytes       = "content-bytes"       // content bytes processed
	QuotaConcurrentRequests = "concurrent-requests" // requests processed at the same time
)

// QuotaPolicy is one quota policy of the RateLimit-Policy response header field (draft-ietf-httpapi-
// ratelimit-headers, section 3): a quota of Quota units per Window, named Name. It is a value: copying it
// copies all of it.
type QuotaPolicy struct {
	// Name identifies the policy, sent as a String: printable ASCII, at most 256 bytes. A [ServiceLimit]
	// names its policy with it.
	Name string
	// Quota is the "q" parameter: the quota units the policy allocates, 0 to 999,999,999,999,999.
	Quota int64
	// Unit is the "qu" parameter, such as [QuotaContentBytes]; "" sends none, which means [QuotaRequests].
	Unit string
	// Window is the "w" parameter: the time window, sent in whole seconds rounded up; 0 sends none.
	Window time.Duration
	// PartitionKey is the "pk" parameter: the bytes of the key the quota is allocated for, at most 1024, sent
	// as a Byte Sequence; "" sends none. Keep secrets out of it: clients see it.
	PartitionKey string
}

// ServiceLimit is one service limit of the RateLimit response header field (draft-ietf-httpapi-ratelimit-
// headers, section 4): what is left of a policy's quota, and when more comes. It is a value.
type ServiceLimit struct {
	// Policy is the Name of the [QuotaPolicy] the limit is for, sent as a String.
	Policy string
	// Remaining is the "r" parameter: the quota units left, 0 to 999,999,999,999,999.
	Remaining int64
	// Reset is the "t" parameter: the time until more quota is available, sent in whole seconds rounded up;
	// 0 sends none. Parsed, a "t" of 0 is a zero Reset too: either way no wait is announced.
	Reset time.Duration
	// PartitionKey is the "pk" parameter, as in [QuotaPolicy].
	PartitionKey string
}

// FormatRateLimitPolicy returns the RateLimit-Policy field value for policies, an RFC 9651 List of Strings
// with parameters in the order q, qu, w, pk: `"burst";q=100;w=60, "daily";q=1000;w=86400`. It fails for no
// policy (the field is a non-empty List) and for a value the field cannot carry: a Name or Unit that is not
// printable ASCII, a negative or too large Quota or Window, a name or key beyond its bound.
func FormatRateLimitPolicy(policies ...QuotaPolicy) (string, error) {
	if len(policies) == 0 {
		return "", errors.New("httperr: RateLimit-Policy needs at least one policy")
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
				return "", errors.New("httperr: RateLimit-Policy: quota unit " + strconv.Quote(p.Unit) + " is not printable ASCII")
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

// FormatRateLimit returns the RateLimit field value for limits, an RFC 9651 List of Strings with parameters
// in the order r, t, pk: `"default";r=0;t=30`. It fails as [FormatRateLimitPolicy] does.
func FormatRateLimit(limits ...ServiceLimit) (string, error) {
	if len(limits) == 0 {
		return "", errors.New("httperr: RateLimit needs at least one service limit")
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
		return b, errors.New("httperr: " + field + ": policy name longer than 256 bytes")
	}
	b, ok := appendSFString(b, name)
	if !ok {
		return b, errors.New("httperr: " + field + ": policy name " + strconv.Quote(name) + " is not printable ASCII")
	}
	return b, nil
}

func appendCount(b []byte, key, what string, n int64) ([]byte, error) {
	if n < 0 || n > maxSFInteger {
		return b, errors.New("httperr: " + what + " " + strconv.FormatInt(n, 10) + " is outside 0..999999999999999")
	}
	return strconv.AppendInt(append(b, key...), n, 10), nil
}

// appendSeconds appends d in whole seconds, rounded up as [Error.WithRetryAfter] rounds; nothing for 0.
func appendSeconds(b []byte, key, what string, d time.Duration) ([]byte, error) {
	switch {
	case d < 0:
		return b, errors.New("httperr: negative " + what)
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
		return b, errors.New("httperr: partition key longer than 1024 bytes")
	case key == "":
		return b, nil
	}
	return appendSFBytes(append(b, ";pk="...), key), nil
}

func checkLength(b []byte) (string, error) {
	if len(b) > maxSFLength {
		return "", errors.New("httperr: RateLimit field value longer than 8 KiB")
	}
	return string(b), nil
}

// ParseRateLimitPolicy parses the RateLimit-Policy field of h, all its lines as one List (RFC 9651 section
// 3.1). It returns nil and no error when h has none. The draft says a malformed field must be ignored, so
// any fault fails the whole field: a parse error of RFC 9651, an item that is not a String, a missing or
// negative "q", a "qu" that is not a String, a "w" that is not a positive Integer, a "pk" that is not a Byte
// Sequence, more than 64 policies, 32 parameters each or 8 KiB in all, a name or key beyond its bound.
// Parameters the draft does not define are ignored, as it asks.
func ParseRateLimitPolicy(h http.Header) ([]QuotaPolicy, error) {
	items, err := parseRateLimitField(h, "Ratelimit-Policy")
	if items == nil {
		return nil, err
	}
	policies := make([]QuotaPolicy, len(items))
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

// ParseRateLimit parses the RateLimit field of h as [ParseRateLimitPolicy] parses RateLimit-Policy: "r" must
// be a non-negative Integer, "t" a non-negative Integer when present.
func ParseRateLimit(h http.Header) ([]ServiceLimit, error) {
	items, err := parseRateLimitField(h, "Ratelimit")
	if items == nil {
		return nil, err
	}
	limits := make([]ServiceLimit, len(items))
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
		return nil, errors.New("httperr: " + key + ": not an RFC 9651 List within the bounds (64 items, 32 parameters, 8 KiB)")
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
	return errors.New("httperr: " + key + ": item " + strconv.Itoa(i) + ": " + why)
}

// WithRateLimitPolicy returns a copy of e that sends the RateLimit-Policy field for policies, formatted by
// [FormatRateLimitPolicy], replacing any it had. Policies that cannot be formatted are refused as
// [Error.WithHeader] refuses a bad value: the copy is returned without the field and the renderer logs why.
func (e *Error) WithRateLimitPolicy(policies ...QuotaPolicy) *Error {
	v, err := FormatRateLimitPolicy(policies...)
	if err != nil {
		c := e.clone()
		c.refuse(err.Error())
		return c
	}
	return e.WithHeader("RateLimit-Policy", v)
}

// WithRateLimit returns a copy of e that sends the RateLimit field for limits, formatted by
// [FormatRateLimit], replacing any it had; refused as in [Error.WithRateLimitPolicy]. On a 429 or 503, a
// Retry-After should not point earlier than the Reset of the limit that was exceeded (the draft's section 6).
func (e *Error) WithRateLimit(limits ...ServiceLimit) *Error {
	v, err := FormatRateLimit(limits...)
	if err != nil {
		c := e.clone()
		c.refuse(err.Error())
		return c
	}
	return e.WithHeader("RateLimit", v)
}

// RateLimitPolicy returns the policies of the RateLimit-Policy field e carries, as [ParseRateLimitPolicy]
// reads them: nil when there is none or it is malformed. An error decoded by [FromResponse] keeps the field.
func (e *Error) RateLimitPolicy() []QuotaPolicy {
	if e == nil {
		return nil
	}
	p, _ := ParseRateLimitPolicy(e.extras().header)
	return p
}

// RateLimit returns the service limits of the RateLimit field e carries, as [ParseRateLimit] reads them: nil
// when there is none or it is malformed.
func (e *Error) RateLimit() []ServiceLimit {
	if e == nil {
		return nil
	}
	l, _ := ParseRateLimit(e.extras().header)
	return l
}

// WithViolatedPolicies returns a copy of e whose "violated-policies" member ([ViolatedPolicies]) lists the
// names of the quota policies the request exceeded, as the problem types of the RateLimit draft define it
// ([QuotaExceeded], [TemporaryReducedCapacity], [AbnormalUsageDetected]); each name should be the Name of a
// [QuotaPolicy] of the RateLimit-Policy field. The draft's types want at least one name.
//
//	httperr.QuotaExceeded().New("").
//		WithRetryAfter(30 * time.Second).
//		WithRateLimitPolicy(httperr.QuotaPolicy{Name: "daily", Quota: 1000, Window: 24 * time.Hour}).
//		WithRateLimit(httperr.ServiceLimit{Policy: "daily", Remaining: 0, Reset: 30 * time.Second}).
//		WithViolatedPolicies("daily")
func (e *Error) WithViolatedPolicies(names ...string) *Error {
	list := make([]string, len(names))
	copy(list, names)
	return e.with(ViolatedPolicies, list)
}

// ViolatedPolicies returns the names of the "violated-policies" member, set with [Error.WithViolatedPolicies]
// or decoded by [FromResponse]; nil when e has no such member, or it is not an array of strings.
func (e *Error) ViolatedPolicies() []string {
	v, _ := e.Extension(ViolatedPolicies) // a copy
	switch x := v.(type) {
	case []string:
		return x
	case []any:
		names := make([]string, len(x))
		for i, n := range x {
			s, ok := n.(string)
			if !ok {
				return nil
			}
			names[i] = s
		}
		return names
	}
	return nil
}
