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
//
// A field that describes the problem may be set by three parties; the first of these that sets it decides:
//
//  1. The error's own header fields ([Error.WithHeader], and those the constructors set: Allow, Retry-After,
//     Content-Range, RateLimit, ...). They replace the response's: the application built that error for this
//     answer, once the failure was known, while a field on the response may have been set before it was
//     (RequestedRangeNotSatisfiable(size)'s "bytes */size" must replace the Content-Range of the 206 the
//     handler meant to send). Both are the application's decisions; the error is the later, precise one.
//  2. The fields already on the response, set by the application or by a framework's middleware before the
//     error was rendered: WWW-Authenticate and Proxy-Authenticate (gin.BasicAuth's and echo's BasicAuth's
//     Basic challenge, without which a browser shows no login prompt), Retry-After, Allow, RateLimit,
//     RateLimit-Policy, X-RateLimit-*, and any other field that is not a stale representation field
//     (staleFields). They are kept as they are.
//  3. The renderer's defaults, which know nothing of the request: the challenge of a 401 or 407
//     ([Renderer.Challenge], "Bearer" by default), set only where neither of the above has one.
//
// Content-Type, Content-Length, X-Content-Type-Options and Content-Language describe the body the renderer
// writes, so they are always the renderer's; Vary is merged (varyWith).

// staleFields are the fields a failed handler may have set for the representation it meant to send. They do
// not describe the problem (a cached error would outlive its cause), so they are removed before a problem is
// written (see stale); the error's own header fields may put some back.
var staleFields = [...]string{"Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Range", "Etag", "Expires", "Last-Modified"}

// stale reports whether the field key, one of staleFields, is stale on a problem of status: all of them are,
// but Content-Range on a 416, where it gives the representation's size (RFC 9110 section 15.5.17), as
// http.ServeContent sets it.
func stale(key string, status int) bool {
	return status != http.StatusRequestedRangeNotSatisfiable || key != "Content-Range"
}

// fieldKind says where a header field of the problem comes from, and so what may replace it.
type fieldKind uint8

const (
	fieldRenderer fieldKind = iota // the renderer's, about the body: its values are shared (see valueJSON)
	fieldOwn                       // the error's own: to be copied before anyone can write to them
	fieldDefault                   // a default: set only where the response has none
)

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
// Render allocates once more, as BenchmarkRenderNotFound and BenchmarkBuildRenderNotFound show (figures in
// docs/performance.md).
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
// cannot reach a shared [*Error]), the renderer's fields set with shared values (see valueJSON), its defaults
// only where h has none, and a Vary already in h kept, with the field names the problem adds.
func (p *problem) writeHeader(h http.Header) {
	var vary []string
	fresh := len(h) == 0 // a fresh header has nothing to remove, keep or merge: the common case, without lookups
	if !fresh {
		for _, k := range staleFields {
			if stale(k, p.status) {
				delete(h, k)
			}
		}
		vary = h["Vary"]
	}
	p.eachField(vary, func(key string, values []string, kind fieldKind) {
		switch kind {
		case fieldOwn:
			values = slices.Clone(values)
		case fieldDefault:
			if !fresh && has(h, key) {
				return
			}
		}
		h[key] = values
	})
}

// eachField calls set once for each header field of the problem, with where it comes from: the error's own
// fields, the challenge a 401 or 407 needs when the error carries none (a default), Content-Type,
// Content-Length, X-Content-Type-Options, Content-Language, and Vary: vary, the response's Vary as it stands
// (or the error's own, which replaces it), with the field names the problem varies on that it lacks.
func (p *problem) eachField(vary []string, set func(key string, values []string, kind fieldKind)) {
	errHeader := p.e.extras().header
	for k, v := range errHeader {
		switch k {
		case "Vary":
			vary = v // merged below
			continue
		case "Content-Language":
			continue // the renderer's, set below, describes the body
		}
		if rendererField(k) { // refused by WithHeader; an upstream's, passed through, would set a key twice
			continue
		}
		set(k, v, fieldOwn)
	}
	switch p.status {
	case http.StatusUnauthorized:
		if _, ok := errHeader["Www-Authenticate"]; !ok {
			set("Www-Authenticate", []string{p.challenge}, fieldDefault)
		}
	case http.StatusProxyAuthRequired:
		if _, ok := errHeader["Proxy-Authenticate"]; !ok {
			set("Proxy-Authenticate", []string{p.challenge}, fieldDefault)
		}
	}
	if p.format == formatXML {
		set("Content-Type", valueXML, fieldRenderer)
	} else {
		set("Content-Type", valueJSON, fieldRenderer)
	}
	set("Content-Length", contentLength(p.length), fieldRenderer)
	set("X-Content-Type-Options", valueNosniff, fieldRenderer)
	switch p.lang {
	case "en":
		set("Content-Language", valueEnglish, fieldRenderer)
	case "fr":
		set("Content-Language", valueFrench, fieldRenderer)
	default:
		set("Content-Language", contentLanguageField(p.lang), fieldRenderer)
	}
	ours := valueVaryAccept
	if p.varyLang {
		ours = valueVaryLanguage
	}
	if len(vary) > 0 { // an existing Vary (Origin, say) is kept; its array is not written to
		ours = varyWith(vary, ours[0])
	}
	set("Vary", ours, fieldRenderer)
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
