package httperrclient

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"net/textproto"
	"strings"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/field"
	"github.com/httperr/toolkit/internal/remote"
)

// This file holds the client side's entry point: the Decoder, which turns a problem response back into an
// *httperr.Error. The documents themselves are decoded in decode_json.go and decode_xml.go; the
// RoundTripper that makes an http.Client return such errors is in transport.go.

// defaultMaxBody is the number of body bytes [Decoder] reads when its MaxBody is zero: 1 MiB.
const defaultMaxBody = 1 << 20

// drainLimit bounds how much of a body is read and thrown away after MaxBody, so that the connection may be
// reused without a hostile server keeping the client busy.
const drainLimit = 64 << 10

// maxValues bounds the values (members, list items, elements, attributes) of a problem document that is decoded: a
// document with more is not read as a problem, since every value costs far more memory decoded than its
// bytes (an <i/> takes 4 bytes to send and some 400 to decode). 4096 values are some thousand violations.
// Counted before decoding (countJSONValues, countXMLValues), the bound keeps decoding within a few MiB
// whatever the body.
const maxValues = 4096

// utf8BOM is the UTF-8 byte order mark, which RFC 8259 section 8.1 lets a parser ignore.
const utf8BOM = "\xef\xbb\xbf"

// defaultHeaders are the response header fields a decoded *httperr.Error keeps by default: those RFC 9110 and
// its companions attach to error statuses.
var defaultHeaders = []string{
	"Accept", "Accept-Encoding", "Accept-Patch", "Accept-Post", "Allow", "Content-Range",
	"Proxy-Authenticate", "RateLimit", "RateLimit-Policy", "Retry-After", "Upgrade", "WWW-Authenticate",
}

// Decoder turns error responses into [*httperr.Error] values. Its zero value is ready to use: it reads at most
// 1 MiB, decodes JSON numbers as float64 and keeps the default header fields. A Decoder must
// not be changed once in use.
type Decoder struct {
	// MaxBody is the most bytes of a response body read; 0 means 1 MiB, a negative value means the
	// body is not read. A longer body is not decoded: the error has the status alone.
	MaxBody int64

	// UseNumber decodes the JSON numbers of extension members as [json.Number], keeping their exact text,
	// rather than as float64, as [json.Decoder.UseNumber] does. Without it, a number float64 cannot hold (such
	// as 1e400) stays a json.Number.
	UseNumber bool

	// Headers names the response header fields the error keeps, returned by [httperr.Error.Header]. Nil
	// means those that go with error statuses: Accept, Accept-Encoding, Accept-Patch, Accept-Post, Allow,
	// Content-Range, Proxy-Authenticate, RateLimit, RateLimit-Policy, Retry-After, Upgrade and
	// WWW-Authenticate. The rest are left out on purpose: an *httperr.Error that a service returns from its
	// own handler is rendered with its header fields, and an upstream's Set-Cookie, Location or caching
	// fields must not travel that way.
	Headers []string
}

// FromResponse returns the error that res reports, decoded with the zero [Decoder]: nil for a status below
// 400, an [*httperr.Error] otherwise. See [Decoder.FromResponse].
func FromResponse(res *http.Response) error {
	var d Decoder
	return d.FromResponse(res)
}

// FromResponse returns the error that res reports: nil for a status below 400 (or a nil res), leaving the
// body untouched; otherwise an [*httperr.Error] with the response's status and what its body says.
//
// A body of type application/problem+json (RFC 9457 section 3) or application/problem+xml (RFC 9457 appendix
// B) gives the error its type, title, detail and instance as sent, and every other member as an extension. An
// "errors" member that is a list of objects with string "detail", "pointer", "parameter" and "header" members
// (one at least; see [httperr.Violation]) comes back as []httperr.Violation, so that
// [httperr.Error.Violations] works, with a string "code" member as the violation's Code. A member of the wrong type is ignored, as RFC 9457 section 3.1 asks; so
// is the "status" member: the HTTP status wins. JSON values decode as with encoding/json into any (see
// [Decoder.UseNumber]); XML carries no types, so an XML member's value is its text, a list of <i> elements is
// a []any and other child elements make a map[string]any.
//
// Any other body (HTML from a proxy, empty, truncated, malformed, longer than [Decoder.MaxBody], of more
// than 4096 values (members, list items, elements, XML attributes: decoded, each costs a hundred times its
// bytes), sent with a Content-Encoding, or of another media type: plain application/json has no agreed shape
// and is not read as a problem) gives an *httperr.Error with the status alone: it has no title of its own,
// so [httperr.Error.Title] is the catalog's.
// A status above 599 is not an HTTP status (RFC 9110 section 15): the error is a 500, as with [httperr.New].
//
// The error keeps the response header fields named by [Decoder.Headers]. FromResponse reads at most MaxBody
// bytes of the body, drains a bounded amount more, closes it, and replaces res.Body with a reader over the
// bytes it read: closing it again is harmless, and the body can still be logged.
func (d *Decoder) FromResponse(res *http.Response) error {
	if res == nil || res.StatusCode < 400 {
		return nil
	}
	if d == nil {
		d = &Decoder{}
	}
	p := remote.Problem{Status: res.StatusCode, Header: d.keptHeader(res.Header)}
	data, complete := d.readBody(res)
	if !complete || len(data) == 0 {
		return remote.NewError(p)
	}
	if enc := res.Header.Get("Content-Encoding"); enc != "" && !strings.EqualFold(enc, "identity") {
		return remote.NewError(p)
	}
	var members map[string]any
	switch baseMediaType(res.Header.Get("Content-Type")) {
	case "application/problem+json":
		if countJSONValues(data) <= maxValues {
			members = decodeJSONProblem(data, d.UseNumber)
		}
	case "application/problem+xml":
		if countXMLValues(data) <= maxValues {
			members = decodeXMLProblem(data)
		}
	}
	if members != nil {
		setMembers(&p, members)
	}
	return remote.NewError(p)
}

// reserved reports whether name is one of the five members that RFC 9457 defines.
func reserved(name string) bool {
	switch name {
	case "type", "title", "status", "detail", "instance":
		return true
	}
	return false
}

// baseMediaType returns the lowercase media type of a Content-Type value, without parameters.
func baseMediaType(contentType string) string {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		return mt
	}
	mt, _, _ := strings.Cut(contentType, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}

// keptHeader returns the header fields of h that the decoded error keeps, or nil.
func (d *Decoder) keptHeader(h http.Header) http.Header {
	names := d.Headers
	if names == nil {
		names = defaultHeaders
	}
	var kept http.Header
	for _, name := range names {
		key := textproto.CanonicalMIMEHeaderKey(name)
		var values []string
		for _, v := range h[key] {
			if field.ValidValue(v) { // no control character: never from a parsed response; maybe from a handmade one
				values = append(values, v)
			}
		}
		if key == "Retry-After" {
			values = clampRetryAfter(values)
		}
		if len(values) == 0 || !field.ValidName(key) {
			continue
		}
		if kept == nil {
			kept = make(http.Header, 2)
		}
		kept[key] = values
	}
	return kept
}

// readBody reads at most MaxBody bytes of res.Body, drains a bounded amount more and closes it, then leaves
// a reader over what it read in res.Body. It reports whether the whole body was read without error.
func (d *Decoder) readBody(res *http.Response) ([]byte, bool) {
	if res.Body == nil || res.Body == http.NoBody {
		res.Body = http.NoBody
		return nil, true
	}
	limit := d.MaxBody
	if limit == 0 {
		limit = defaultMaxBody
	}
	var data []byte
	var err error
	complete := false
	if limit > 0 {
		data, err = io.ReadAll(io.LimitReader(res.Body, limit+1))
		complete = err == nil && int64(len(data)) <= limit
		if int64(len(data)) > limit {
			data = data[:limit]
		}
	}
	if err == nil {
		_, _ = io.CopyN(io.Discard, res.Body, drainLimit)
	}
	_ = res.Body.Close()
	res.Body = io.NopCloser(bytes.NewReader(data))
	return data, complete
}

// setMembers sets the problem members of p from a decoded document: the four string members when they are
// strings, and the extension members, whose "errors" member becomes []httperr.Violation when it is a list of
// violations. The status member is ignored: the HTTP status wins.
func setMembers(p *remote.Problem, members map[string]any) {
	p.Type, _ = members["type"].(string)
	p.Title, _ = members["title"].(string)
	p.Detail, _ = members["detail"].(string)
	p.Instance, _ = members["instance"].(string)
	if vs, ok := violationsOf(members["errors"]); ok {
		p.Violations = vs
	}
	p.Members = members
}

// violationsOf returns v as []httperr.Violation when it is a list of objects whose "detail", "pointer",
// "parameter" and "header" members, one of them at least present, are strings. A "code" member that is a
// non-empty string is the Code; other members are Extensions.
func violationsOf(v any) ([]httperr.Violation, bool) {
	list, ok := v.([]any)
	if !ok {
		return nil, false
	}
	vs := make([]httperr.Violation, len(list))
	for i, item := range list {
		obj, ok := item.(map[string]any)
		if !ok {
			return nil, false
		}
		found := false
		for _, f := range [...]struct {
			name string
			dst  *string
		}{{"detail", &vs[i].Detail}, {"pointer", &vs[i].Pointer}, {"parameter", &vs[i].Parameter}, {"header", &vs[i].Header}} {
			x, has := obj[f.name]
			if !has {
				continue
			}
			if *f.dst, ok = x.(string); !ok {
				return nil, false
			}
			found = true
		}
		if !found {
			return nil, false
		}
		if code, ok := obj["code"].(string); ok && code != "" { // a code of another type stays an extension
			vs[i].Code = code
		}
		for k, x := range obj {
			if k == "detail" || k == "pointer" || k == "parameter" || k == "header" || k == "code" && vs[i].Code != "" { // the fields
				continue
			}
			if vs[i].Extensions == nil {
				vs[i].Extensions = make(map[string]any, len(obj)-1)
			}
			vs[i].Extensions[k] = x
		}
	}
	return vs, true
}
