package httperr

import (
	"net/http"
	"slices"
	"strings"
)

// This file holds the extension members of an [Error]: an immutable list that [Error.With] extends by one
// node, and its sorted view for the encoders.

// member is one extension member of a problem.
type member struct {
	key   string
	value any
}

// extNode is one extension member in the list an Error's members form, newest first. Nodes are never
// changed once linked: [Error.With] puts a new one in front, so a copy shares its original's members and
// costs no copy of them.
type extNode struct {
	member
	next *extNode
}

// withMember is an Error with the node it adds to the members of the Error it copies, allocated together:
// With costs one allocation however many members there are.
type withMember struct {
	Error
	node extNode
}

// violationList is the value of the "errors" member that [Error.WithErrors] sets: a pointer to the
// violations, held in the same allocation as the Error, costs no allocation to put in an interface.
type violationList []Violation

// withViolations is an Error with its "errors" member, allocated together.
type withViolations struct {
	withMember
	list violationList
}

// with returns a copy of e with the member key set to value, which takes precedence over an older member
// of the same name.
func (e *Error) with(key string, value any) *Error {
	return new(withMember).link(e, key, value)
}

// link makes w a copy of e (a nil e is a 500) with the member key set to value, in w's own node, and
// returns the copy.
func (w *withMember) link(e *Error, key string, value any) *Error {
	w.Error = Error{status: http.StatusInternalServerError}
	if e != nil {
		w.Error = *e
	}
	w.node = extNode{member{key, value}, w.Error.ext}
	w.Error.ext = &w.node
	return &w.Error
}

// members returns e's extension members sorted by name, each with its newest value, in buf when it has
// room: a caller's array on the stack saves the allocation.
func (e *Error) members(buf []member) []member {
	n := 0
	for x := e.ext; x != nil; x = x.next {
		n++
	}
	ms := buf[:0]
	if n > cap(ms) {
		ms = make([]member, 0, n)
	}
	ms = ms[:n]
	// Oldest first: members are mostly added in order of name, so the list comes out sorted already.
	i := n
	for x := e.ext; x != nil; x = x.next {
		i--
		ms[i] = x.member
	}
	// slices.SortStableFunc sorts short lists by insertion already: a hand-written one measured no
	// difference in BenchmarkEncodeScalars and went (figures in docs/performance.md).
	slices.SortStableFunc(ms, func(a, b member) int { return strings.Compare(a.key, b.key) })
	// Of the members with one name, now together and oldest first, keep the last.
	out := ms[:0]
	for i := range ms {
		if i+1 == n || ms[i+1].key != ms[i].key {
			out = append(out, ms[i])
		}
	}
	return out
}
