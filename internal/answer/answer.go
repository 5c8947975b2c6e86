// Package answer holds the one rule by which every adapter turns an error answer that is not a problem
// into one: the text or empty body that a handler, a router or a middleware (a rate limiter, an
// authenticator, a timeout) wrote with an error status.
//
// The rule: an answer of status 400..599 whose Content-Type is absent, text/plain or text/html, and whose
// body is at most [MaxBody] bytes, becomes the problem of its status; the header fields the answer carried
// (WWW-Authenticate, Retry-After, Allow, Content-Range, RateLimit, X-RateLimit-*) stay, because Render
// never replaces a field the response already has. What the text said is not lost:
//
//   - a 4xx answer in text/plain gives its first line as the detail (at most [MaxDetail] bytes), unless the
//     line only restates the status ("Not Found", "404 page not found", "Too Many Requests");
//   - a 5xx answer's text, and any HTML, is the problem's cause: logged, never sent, so that
//     http.Error(w, err.Error(), 500) no longer sends an internal message;
//   - an answer in any other media type (JSON, a problem, an image) is the application's, and goes out as it
//     was, as does a text answer longer than MaxBody, a streamed (flushed) one and a hijacked connection.
//
// [httperr.Renderer.KeepText] turns the rule off for answers with a body: only empty ones then become
// problems.
package answer

import (
	"mime"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/httperr/toolkit/httperr"
)

// MaxBody is the most bytes of an error answer's body held back to be replaced: a longer answer is sent as
// it was. It bounds what a writer holds per request.
const MaxBody = 4 << 10

// MaxDetail is the most bytes of a text answer's line that become the problem's detail.
const MaxDetail = 256

// Replaceable reports whether an answer of status with the Content-Type contentType is one the rule may
// replace, whatever its body: an error status, and no media type, text/plain or text/html.
func Replaceable(status int, contentType string) bool {
	if status < 400 || status > 599 {
		return false
	}
	switch contentType {
	case "", "text/plain; charset=utf-8", "text/html; charset=utf-8", "text/plain", "text/html":
		return true // http.Error's and the usual ones, without the allocations of a parse
	}
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "text/plain" || mt == "text/html")
}

// Replace reports whether the rule replaces an answer with the given body length, under rd's setting:
// a replaceable answer with an empty body always, one with a body unless [httperr.Renderer.KeepText].
func Replace(rd *httperr.Renderer, status int, contentType string, n int) bool {
	if n > MaxBody || !Replaceable(status, contentType) {
		return false
	}
	return n == 0 || rd == nil || !rd.KeepText
}

// Of returns the problem for a whole answer at hand (fasthttp's), of status, Content-Type contentType and
// body, when the rule replaces it under rd, and nil when it goes out as it is. contentType becomes a string,
// an allocation, only for an error status and a body of at most MaxBody bytes.
func Of(rd *httperr.Renderer, status int, contentType, body []byte) *httperr.Error {
	if status < 400 || len(body) > MaxBody {
		return nil
	}
	ct := string(contentType)
	if !Replace(rd, status, ct, len(body)) {
		return nil
	}
	return Problem(status, ct, body)
}

// Problem returns the problem for a replaceable answer of status, with the Content-Type contentType and the
// body given, as the package doc says.
func Problem(status int, contentType string, body []byte) *httperr.Error {
	if len(body) == 0 {
		return httperr.New(status, "")
	}
	text := string(body[:min(len(body), MaxBody)])
	detail := ""
	if status < 500 && !strings.HasPrefix(contentType, "text/html") {
		detail = firstLine(text)
		if restates(status, detail) {
			detail = ""
		}
	}
	return httperr.New(status, detail).Wrap(&textCause{text})
}

// textCause is the cause of a problem made from an answer in text. Its message, the text quoted, is made
// only when asked for (by a log record that is written), not for every answer replaced: BenchmarkRouterNotFound.
type textCause struct{ text string }

func (c *textCause) Error() string { return "answered in text: " + strconv.Quote(c.text) }

// firstLine returns the first non-empty line of text, trimmed, valid UTF-8 without control characters, cut
// at MaxDetail bytes on a character boundary.
func firstLine(text string) string {
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		line = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) {
				return ' '
			}
			return r
		}, strings.ToValidUTF8(line, "\uFFFD"))
		if len(line) > MaxDetail {
			cut := MaxDetail
			for cut > 0 && !utf8.RuneStart(line[cut]) {
				cut--
			}
			line = strings.TrimSpace(line[:cut])
		}
		return line
	}
	return ""
}

// restates reports whether line says no more than status: its reason phrase or the catalog's title, in any
// case, with or without the code in front and a final period; or net/http's "404 page not found".
func restates(status int, line string) bool {
	s := strings.TrimSuffix(line, ".")
	if len(s) > 3 && s[3] == ' ' && s[0] == byte('0'+status/100) && s[1] == byte('0'+status/10%10) && s[2] == byte('0'+status%10) {
		s = strings.TrimSpace(s[4:])
	}
	return strings.EqualFold(s, http.StatusText(status)) ||
		strings.EqualFold(s, english.Title(status)) ||
		status == http.StatusNotFound && strings.EqualFold(s, "page not found")
}

// english is the built-in English catalog, for the titles a line may restate.
var english = httperr.English()
