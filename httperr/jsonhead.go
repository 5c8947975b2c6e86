package httperr

import (
	"github.com/httperr/toolkit/internal/statustext"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// This file holds the precomputed beginnings of the problem+json documents that most problems start with:
// type, title and status of an error status with its catalog title, for the type about:blank and for the
// TypeBase + slug types of a Renderer, and the whole document when the detail is the catalog's description.
// The encoder appends one of them in place of escaping and joining the three members on every problem.

// jsonHeadEntry is the beginning of the document of one status in one language: head is
// {"type":...,"title":...,"status":404 and doc the whole document with the catalog's description as detail.
type jsonHeadEntry struct{ title, description, head, doc string }

// newJSONHead returns the entry of the problem of status whose type is typ + typeSlug (typeSlug plain ASCII
// with nothing to escape, as a slug is), with the catalog texts of lang.
func newJSONHead(typ, typeSlug string, status, lang int) jsonHeadEntry {
	title, description := statustext.Text(status, lang)
	b := append([]byte(`{"type":`), appendJSONString(nil, typ)...)
	b = append(append(b[:len(b)-1], typeSlug...), '"')
	b = append(b, `,"title":`...)
	b = appendJSONString(b, title)
	b = append(b, `,"status":`...)
	b = strconv.AppendInt(b, int64(status), 10)
	head := string(b)
	b = append(b, `,"detail":`...)
	b = append(appendJSONString(b, description), "}\n"...)
	return jsonHeadEntry{title: title, description: description, head: head, doc: string(b)}
}

// jsonHeads holds the entries of the type about:blank, for each built-in language and error status. Built
// on first use. (An atomic pointer in front of the sync.OnceValue call measured no difference in
// BenchmarkRenderNotFound, and went; figures in docs/performance.md.)
var jsonHeads = sync.OnceValue(func() *[catalogLangs][200]jsonHeadEntry {
	t := new([catalogLangs][200]jsonHeadEntry)
	for lang := range t {
		for i := range t[lang] {
			t[lang][i] = newJSONHead("about:blank", "", 400+i, lang)
		}
	}
	return t
})

// jsonHead returns the precomputed beginnings of the document of a problem of status whose type is typ +
// typeSlug, the type about:blank or a TypeBase + slug (typeOf), and whose title is the built-in catalog's
// in one of its languages; nil when there are none.
func jsonHead(typ, typeSlug, title string, status int) *jsonHeadEntry {
	if status < 400 || status > 599 {
		return nil
	}
	if typeSlug != "" {
		if t := typedHeadsOf(typ); t != nil {
			return t.head(typeSlug, title, status)
		}
		return nil
	}
	if typ != "about:blank" {
		return nil
	}
	t := jsonHeads()
	for lang := range t {
		if x := &t[lang][status-400]; x.title == title {
			return x
		}
	}
	return nil
}

// typedHeads holds the entries of the types TypeBase + slug of one TypeBase, each built the first time a
// problem needs it: a Renderer's TypeBase would otherwise be escaped and joined with the slug, the title and
// the status on every problem (BenchmarkPrepareNotFound/logger=discard-typebase,
// BenchmarkRenderNotFoundTypeBase, fiber's BenchmarkNotFound). Entries are published atomically; two
// goroutines that build one at once build equal ones, and either is kept.
type typedHeads struct {
	typeBase string
	heads    [catalogLangs][200]atomic.Pointer[jsonHeadEntry]
}

// head returns the entry of status with title, built if need be, or nil when title is no catalog title of
// status.
func (t *typedHeads) head(typeSlug, title string, status int) *jsonHeadEntry {
	for lang := range catalogLangs {
		slot := &t.heads[lang][status-400]
		if x := slot.Load(); x != nil {
			if x.title == title {
				return x
			}
			continue
		}
		if catalogTitle, _ := statustext.Text(status, lang); catalogTitle != title {
			continue
		}
		x := newJSONHead(t.typeBase, typeSlug, status, lang)
		slot.Store(&x)
		return &x
	}
	return nil
}

// Tables of TypeBases are kept in a short list, found by their TypeBase (compared, so that a Renderer needs
// no field to hold its table and stays a plain value that can be copied). The list only grows, to
// maxTypedHeads tables of TypeBases at most maxTypeBaseHead bytes long: other TypeBases are encoded as they
// come, and a program that renders with many TypeBases in turn pays no rebuilding, only the encoding.
const (
	maxTypedHeads   = 8
	maxTypeBaseHead = 256
)

var typedHeadSets prepared[*typedHeads]

// typedHeadsOf returns the table of typeBase, adding it if the list has room; nil when it has none.
func typedHeadsOf(typeBase string) *typedHeads {
	if len(typeBase) > maxTypeBaseHead {
		return nil
	}
	return typedHeadSets.find(func(t *typedHeads) bool { return t.typeBase == typeBase }, func() *typedHeads {
		// A copy of typeBase: the Renderer's string may be a slice of a larger one that the table must not keep.
		return &typedHeads{typeBase: strings.Clone(typeBase)}
	}, maxTypedHeads, false)
}
