package httperr

import (
	"context"
	"github.com/httperr/toolkit/internal/statustext"
	"log/slog"
	"strconv"
	"strings"
	"testing"
)

// wantHead is the beginning of the document, and the whole document with the catalog's description, of a
// problem of status with type typ and the title of lang, through the encoder's own steps.
func wantHead(typ string, status, lang int) (head, doc string) {
	title, description := statustext.Text(status, lang)
	b := append([]byte(`{"type":`), appendJSONString(nil, typ)...)
	b = append(append(b, `,"title":`...), appendJSONString(nil, title)...)
	b = append(b, `,"status":`...)
	b = strconv.AppendInt(b, int64(status), 10)
	head = string(b)
	b = append(append(b, `,"detail":`...), appendJSONString(nil, description)...)
	return head, string(b) + "}\n"
}

// TestJSONHeadsMatchEncoder checks every precomputed beginning of a document, and every precomputed whole
// document, against the encoder's own, for about:blank and for a TypeBase that needs escaping.
func TestJSONHeadsMatchEncoder(t *testing.T) {
	typed := &typedHeads{typeBase: "https://example.com/<p>&\u2028/"}
	for status := 400; status <= 599; status++ {
		for lang := range catalogLangs {
			title, description := statustext.Text(status, lang)
			head, doc := wantHead("about:blank", status, lang)
			got := jsonHead("about:blank", "", title, status)
			if got == nil || got.head != head || got.doc != doc || got.description != description {
				t.Errorf("%d/%d: %+v, want head %s and document %s", status, lang, got, head, doc)
			}
			head, doc = wantHead(typed.typeBase+statustext.Slug(status), status, lang)
			for range 2 { // built, then found
				got = typed.head(statustext.Slug(status), title, status)
				if got == nil || got.head != head || got.doc != doc || got.description != description {
					t.Errorf("typed %d/%d: %+v, want head %s and document %s", status, lang, got, head, doc)
				}
			}
		}
	}
	if jsonHead("about:blank", "", "My own title", 404) != nil || jsonHead("https://x/y", "", "Not Found", 404) != nil ||
		typed.head("not-found", "My own title", 404) != nil {
		t.Error("a head for a custom title or type")
	}
}

// TestTypedHeadsBounded checks that the tables of TypeBases stop at maxTypedHeads, that a TypeBase longer
// than maxTypeBaseHead gets none, and that a problem whose TypeBase has no table is encoded the same.
func TestTypedHeadsBounded(t *testing.T) {
	saved := typedHeadSets.list.Load()
	t.Cleanup(func() { typedHeadSets.list.Store(saved) })
	typedHeadSets.list.Store(nil)

	if typedHeadsOf(strings.Repeat("x", maxTypeBaseHead+1)) != nil {
		t.Error("a table for a TypeBase longer than maxTypeBaseHead")
	}
	for i := range maxTypedHeads + 3 {
		base := "https://example.com/" + strconv.Itoa(i) + "/"
		got := typedHeadsOf(base)
		if (got != nil) != (i < maxTypedHeads) || got != nil && got != typedHeadsOf(base) {
			t.Errorf("TypeBase %d: table %p", i, got)
		}
		_, serviceUnavailable := wantHead(base+"service-unavailable", 503, langEnglish)
		rd := &Renderer{TypeBase: base, Logger: slog.New(slog.DiscardHandler)}
		for _, tc := range []struct {
			err  error
			want string
		}{
			{NotFound("user"), `{"type":"` + base + `not-found","title":"Not Found","status":404,"detail":"user not found"}` + "\n"},
			{New(503, ""), serviceUnavailable},
		} {
			if got := string(rd.Prepare(context.Background(), tc.err, Request{Method: "GET"}).Body); got != tc.want {
				t.Errorf("TypeBase %d: body %s, want %s", i, got, tc.want)
			}
		}
	}
	if n := len(*typedHeadSets.list.Load()); n != maxTypedHeads {
		t.Errorf("%d tables, want %d", n, maxTypedHeads)
	}
}
