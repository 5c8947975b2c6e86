package httperr

import (
	"strconv"

	"github.com/httperr/toolkit/internal/bound"
)

// This file holds what the two encoders share: the document to encode, resolved for one response, and the
// one loop over its extension members. json.go writes it as application/problem+json, xml.go as the
// application/problem+xml of RFC 9457 appendix B.

// document is a problem document resolved for one response: the encoders' one parameter, as log/slog's
// handleState is its handler's. The encoders note in dropped what they had to leave out, and why.
type document struct {
	e        *Error // for the extension members
	typ      string // the type member, never empty, up to typeSlug
	typeSlug string // the end of the type member after a TypeBase, a slug: plain ASCII with nothing to escape
	title    string
	detail   string // "" leaves the member out
	suffix   string // the end of the detail, plain ASCII with nothing to escape (see detailSuffix)
	instance string // "" leaves the member out
	status   int
	cause    string // the cause's text when Renderer.ExposeCause is set; "" leaves the member out
	dropped  []string
	limit    int // the length the body may reach with its members (see bound.MaxMembersSize)
	// cat is the catalog violations without a detail take their texts from, nil for the built-in one of
	// language lang (see catalog_violations.go).
	cat  *Catalog
	lang int
}

// memberEncoder appends one extension member in a document's form, failing with bound.ErrTooLarge rather than make
// b longer than limit, and with bound.ErrTooDeep for a value nested past bound.MaxNesting (package internal/bound). On error it returns
// b as it was given, except that an error of type skipped comes with the member written without what it
// names.
type memberEncoder func(b []byte, key string, value any, limit int) ([]byte, error)

// appendMembers appends the extension members sorted by name, each through appendMember, with the exposed
// cause among them as a "cause" member unless the error has a member of that name. A member that fails to
// encode, or would take the members past bound.MaxMembersSize bytes, is left out and noted in dropped.
func (d *document) appendMembers(b []byte, appendMember memberEncoder) []byte {
	if d.e.ext == nil && d.cause == "" { // the array below costs its clearing; most problems have no members
		return b
	}
	d.limit = len(b) + bound.MaxMembersSize
	var buf [8]member
	causeDone := d.cause == ""
	for _, m := range d.e.members(buf[:]) {
		if !causeDone && m.key >= "cause" {
			causeDone = true
			if m.key != "cause" {
				b = d.appendMember(b, appendMember, "cause", d.cause)
			}
		}
		b = d.appendMember(b, appendMember, m.key, localize(m.value, d.cat, d.lang))
	}
	if !causeDone {
		b = d.appendMember(b, appendMember, "cause", d.cause)
	}
	return b
}

// appendMember appends one member through appendMember, noting a failure in dropped: the one place where
// both encoders' failures are handled.
func (d *document) appendMember(b []byte, appendMember memberEncoder, key string, value any) []byte {
	mark := len(b)
	b, err := appendMember(b, key, value, d.limit)
	if len(b) > d.limit {
		b, err = b[:mark], bound.ErrTooLarge
	}
	if err != nil {
		d.dropped = append(d.dropped, "extension member "+strconv.Quote(key)+": "+err.Error())
	}
	return b
}
