package httperr

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// This file holds the header policy of a problem response, for every adapter: which fields a failed
// handler left are removed, which fields the problem sets, and how a Vary already set is merged.

// staleFields are the fields a failed handler may have set for the representation it meant to send. They do
// not describe the problem (a cached error would outlive its cause), so they are removed before a problem is
// written; the error's own header fields may put some back (416's Content-Range).
var staleFields = [...]string{"Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Range", "Etag", "Expires", "Last-Modified"}

// Header values the renderer sets through Render are shared, read-only slices, as gin's renderers share
// theirs: setting them costs no allocation. Code that changes a header value after Render must replace the
// slice (Header.Set does), never write into it. Prepare, whose header belongs to its caller, copies them.
var (
	valueJSON         = []string{"application/problem+json"}
	valueXML          = []string{"application/problem+xml"}
	valueNosniff      = []string{"nosniff"}
	valueEnglish      = []string{"en"}
	valueFrench       = []string{"fr"}
	valueVaryAccept   = []string{"Accept"}
	valueVaryLanguage = []string{"Accept, Accept-Language"}
)

// contentLength returns the Content-Length field value for a body of n bytes: for n below 4,096 one of
// smallLengths, shared and read-only like valueJSON. The table keeps Render at zero allocations: without it
// RenderNotFound takes 1 allocation (16 B) and a built-and-rendered 404 2 instead of 1 (benchstat, n=6,
// p=0.002; the times, 420 ns against 469 ns, were within the +-130% noise of a shared machine).
func contentLength(n int) []string {
	if n < maxSmallLength {
		return smallLengths()[n : n+1 : n+1]
	}
	return []string{strconv.Itoa(n)}
}

const maxSmallLength = 4096

// smallLengths returns the field values "0" to "4095", built on first use in three allocations (the digits,
// their string, the values), not at package init: a client-only importer never pays for them.
var smallLengths = sync.OnceValue(func() []string {
	digits := make([]byte, 0, 16<<10)
	for n := range maxSmallLength {
		digits = strconv.AppendInt(digits, int64(n), 10)
	}
	all := string(digits)
	values := make([]string, maxSmallLength)
	at := 0
	for n := range values {
		size := 1
		for x := n; x >= 10; x /= 10 {
			size++
		}
		values[n] = all[at : at+size]
		at += size
	}
	return values
})

// writeHeader sets the problem's header fields on h, the header of the response about to be written: the
// stale representation fields are removed, the error's own fields copied in (so that a later change to h
// cannot reach a shared [*Error]), the renderer's fields set with shared values (see valueJSON), and a Vary
// already in h kept, with the field names the problem adds.
func (p *problem) writeHeader(h http.Header) {
	fresh := len(h) == 0 // nothing to remove, and no Vary to keep: the common case, without lookups
	if !fresh {
		for _, k := range staleFields {
			delete(h, k)
		}
	}
	errHeader := p.e.extras().header
	for k, v := range errHeader {
		h[k] = slices.Clone(v)
	}
	switch p.status {
	case http.StatusUnauthorized:
		if _, ok := errHeader["Www-Authenticate"]; !ok {
			h["Www-Authenticate"] = []string{p.challenge}
		}
	case http.StatusProxyAuthRequired:
		if _, ok := errHeader["Proxy-Authenticate"]; !ok {
			h["Proxy-Authenticate"] = []string{p.challenge}
		}
	}
	h["Content-Type"] = valueJSON
	if p.format == formatXML {
		h["Content-Type"] = valueXML
	}
	h["Content-Length"] = contentLength(p.length)
	h["X-Content-Type-Options"] = valueNosniff
	switch p.lang {
	case "en":
		h["Content-Language"] = valueEnglish
	case "fr":
		h["Content-Language"] = valueFrench
	default:
		h["Content-Language"] = contentLanguageField(p.lang)
	}
	vary := valueVaryAccept
	if p.varyLang {
		vary = valueVaryLanguage
	}
	if !fresh || len(errHeader) > 0 {
		if old := h["Vary"]; len(old) > 0 { // an existing Vary (Origin, say) is kept; its array is not written to
			vary = varyWith(old, vary[0])
		}
	}
	h["Vary"] = vary
}

// ownedHeader returns the problem's header fields in a new header whose values belong to the caller, with
// vary, the response's Vary as it stands, merged into its Vary.
func (p *problem) ownedHeader(vary []string) http.Header {
	h := make(http.Header, 8)
	if len(vary) > 0 {
		h["Vary"] = vary
	}
	p.writeHeader(h)
	n := 0
	for _, v := range h {
		n += len(v)
	}
	values := make([]string, 0, n) // one array for all the values, each field's capped to its own
	for k, v := range h {
		i := len(values)
		values = append(values, v...)
		h[k] = values[i:len(values):len(values)]
	}
	return h
}

// varyWith returns the Vary field values old with those of the field names in list ("Accept" or "Accept,
// Accept-Language") that old lacks, compared without regard to case; old's array is not written to. A Vary
// of "*" lacks none.
func varyWith(old []string, list string) []string {
	missing := ""
	for name := range strings.SplitSeq(list, ", ") {
		if !varyHas(old, name) {
			if missing != "" {
				missing += ", "
			}
			missing += name
		}
	}
	if missing == "" {
		return old
	}
	return append(slices.Clip(old), missing)
}

// varyHas reports whether the Vary field values list name, or "*".
func varyHas(values []string, name string) bool {
	for _, v := range values {
		for f := range strings.SplitSeq(v, ",") {
			if f = strings.TrimSpace(f); f == "*" || strings.EqualFold(f, name) {
				return true
			}
		}
	}
	return false
}
