package field

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// MaxRetryAfter caps Retry-After: a delay beyond a year is taken for a unit mistake.
const MaxRetryAfter = 365 * 24 * time.Hour

// ParseRetryAfter reads one Retry-After value: delay-seconds as they are, an HTTP-date relative to
// [time.Now], 0 for a date in the past; at most MaxRetryAfter. It reports false for a value of neither form.
func ParseRetryAfter(v string) (time.Duration, bool) {
	v = strings.Trim(v, " \t")
	if DelaySeconds(v) {
		secs, err := strconv.ParseInt(v, 10, 64)
		if err != nil || secs > int64(MaxRetryAfter/time.Second) {
			return MaxRetryAfter, true // too many digits for int64: beyond a year all the same
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return min(max(time.Until(t), 0), MaxRetryAfter), true
}

// DelaySeconds reports whether s is made of ASCII digits only: the delay-seconds form of Retry-After.
func DelaySeconds(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
