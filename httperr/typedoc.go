package httperr

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/text/language"
)

// TypeDocs is an [http.Handler] that serves the documentation of problem types at their URIs, as RFC 9457
// section 3.1.1 wants of a type URI ("when dereferenced, it SHOULD provide human-readable documentation"):
// an HTML page (title, status, description, the extension members and an example document) in the
// language Accept-Language prefers among the Renderer's catalogs, or, for a client that prefers
// application/json to text/html, the JSON description of the type (see [TypeDocs.ServeHTTP]).
//
// Build it with [NewTypeDocs]; it is immutable and safe for concurrent use.
type TypeDocs struct {
	rd     *Renderer
	byPath map[string]ProblemType
	page   *template.Template
}

// NewTypeDocs returns the documentation of the types whose URI is under base, the absolute URI of a path
// the service owns (such as "https://api.example.com/problems/"), each served at its URI's path; types
// elsewhere (the IANA types, documented by IANA) are left out. When rd's [Renderer.TypeBase] is under base
// too, every 4xx and 5xx status of the catalog is documented at TypeBase + slug, the type the Renderer
// gives plain statuses; a declared type of the same URI wins. Mount it on that path:
//
//	docs := httperr.NewTypeDocs(rd, "https://api.example.com/problems/", OutOfCredit)
//	mux.Handle("GET /problems/", docs)
//
// The pages are in the languages of rd's catalogs, and its answers to requests it cannot serve (404 for
// an unknown type, 405 for a method other than GET and HEAD) are problems rendered by rd. The host of a
// request is not compared with base's, which proxies rewrite.
func NewTypeDocs(rd *Renderer, base string, types ...ProblemType) *TypeDocs {
	d := &TypeDocs{rd: rd, byPath: map[string]ProblemType{}, page: template.Must(template.New("type").Parse(typePage))}
	under := func(uri string) (string, bool) {
		if base == "" || !strings.HasPrefix(uri, base) {
			return "", false
		}
		u, err := url.Parse(uri)
		if err != nil || u.Path == "" {
			return "", false
		}
		return u.Path, true
	}
	if rd != nil && rd.TypeBase != "" {
		for code := 400; code <= 599; code++ {
			if path, ok := under(rd.TypeBase + slug(code)); ok && registered(code) {
				d.byPath[path] = NewProblemType(rd.TypeBase+slug(code), code)
			}
		}
	}
	for _, t := range types {
		if path, ok := under(t.URI()); ok {
			d.byPath[path] = t
		}
	}
	return d
}

// typeDescription is the JSON description of a type, and what its HTML page shows.
type typeDescription struct {
	Type        string              `json:"type"`
	Status      int                 `json:"status"`
	Title       string              `json:"title"`
	Description string              `json:"description"`
	Members     []memberDescription `json:"members"`
	Example     json.RawMessage     `json:"example"`
	Schema      json.RawMessage     `json:"schema"`

	lang   string // Content-Language
	labels labels
}

// page is what the HTML template reads: the description and the page's fixed words.
type page struct {
	typeDescription
	L      labels
	Pretty string // the example, indented
}

// newPage returns the page of desc.
func newPage(desc typeDescription) page {
	var pretty bytes.Buffer
	if json.Indent(&pretty, desc.Example, "", "  ") != nil {
		pretty.Reset()
		pretty.Write(desc.Example)
	}
	return page{desc, desc.labels, pretty.String()}
}

// memberDescription describes one extension member.
type memberDescription struct {
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	Required    bool            `json:"required"`
	Schema      json.RawMessage `json:"schema,omitempty"`
}

// labels are the fixed words of the HTML page.
type labels struct{ Status, Members, Member, Required, Schema, Example, Yes, No, Lang string }

var pageLabels = [catalogLangs]labels{
	langEnglish: {"Status", "Extension members", "Member", "Required", "Schema", "Example", "yes", "no", "en"},
	langFrench:  {"Statut", "Membres d'extension", "Membre", "Obligatoire", "Schéma", "Exemple", "oui", "non", "fr"},
}

// ServeHTTP answers GET and HEAD of a documented type's path: with the type's JSON description
// (application/json: its URI, status, title and description in the negotiated language, its members with
// their descriptions and schemas, an example document and the JSON Schema of its documents, as
// [ProblemType.Schema] gives it) when Accept prefers application/json to text/html, else with its HTML page.
// Both vary on Accept and Accept-Language.
func (d *TypeDocs) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		d.rd.Render(w, r, MethodNotAllowed(http.MethodGet, http.MethodHead))
		return
	}
	t, ok := d.byPath[r.URL.Path]
	if !ok {
		d.rd.Render(w, r, NotFound("problem type"))
		return
	}
	desc := d.describe(r.Context(), t, firstValue(r.Header, "Accept-Language"))
	var body bytes.Buffer
	contentType := "text/html; charset=utf-8"
	if prefersJSON(firstValue(r.Header, "Accept")) {
		contentType = "application/json"
		enc := json.NewEncoder(&body)
		enc.SetIndent("", "  ")
		if err := enc.Encode(desc); err != nil {
			d.rd.Render(w, r, InternalServerError("").Wrap(err))
			return
		}
	} else if err := d.page.Execute(&body, newPage(desc)); err != nil {
		d.rd.Render(w, r, InternalServerError("").Wrap(err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(body.Len()))
	h.Set("Content-Language", desc.lang)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Add("Vary", "Accept, Accept-Language")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body.Bytes()) //nolint:errcheck // the client went away
	}
}

// describe returns t's description in the catalog of d's Renderer that acceptLanguage prefers.
func (d *TypeDocs) describe(ctx context.Context, t ProblemType, acceptLanguage string) typeDescription {
	langs, builtin := builtinLanguages, true
	if d.rd != nil && len(d.rd.Languages) > 0 {
		langs, builtin = d.rd.Languages, false
	}
	li := negotiateLanguage(langs, acceptLanguage, builtin)
	cat := &langs[li]
	desc := typeDescription{Type: t.URI(), Status: t.Status(), Members: []memberDescription{}, lang: cat.contentLanguage()}
	desc.labels = pageLabels[cat.builtinLanguage()]
	desc.Title, desc.Description = cat.text(t.Status())
	text, _ := t.text(cat.Tag)
	desc.Title, desc.Description = cmp.Or(text.Title, desc.Title), cmp.Or(text.Description, desc.Description)
	english, _ := t.text(language.English)
	example := t.New("")
	for _, m := range t.def().members {
		md := memberDescription{Name: m.Name, Description: cmp.Or(text.Members[m.Name], english.Members[m.Name]), Required: m.Required}
		if m.Schema != "" {
			md.Schema = json.RawMessage(m.Schema)
		}
		desc.Members = append(desc.Members, md)
		if m.Example != nil {
			example = example.With(m.Name, m.Example)
		}
	}
	// The example is what the Renderer sends, in the page's language; without Enrich, whose trace ids
	// belong to real requests, and without a log record.
	var rd Renderer
	if d.rd != nil {
		rd = *d.rd
	}
	rd.Enrich, rd.Logger = nil, slog.New(slog.DiscardHandler)
	res := rd.Prepare(ctx, example, Request{Method: http.MethodGet, Accept: "application/problem+json", AcceptLanguage: acceptLanguage})
	desc.Example = bytes.TrimSuffix(res.Body, []byte("\n"))
	desc.Schema = t.Schema()
	return desc
}

// prefersJSON reports whether an Accept value ranks application/json above text/html (RFC 9110 section
// 12.5.1: the most specific range that matches gives each its quality). A missing Accept, or */*, ranks
// them equal: the page is HTML, for browsers and curl alike.
func prefersJSON(accept string) bool {
	quality := func(typ, sub string) int {
		best, specificity := -1, -1
		for i, rest := 0, accept; rest != "" && i < maxNegotiationElements; i++ {
			var part string
			part, rest, _ = strings.Cut(rest, ",")
			mediaRange, params, _ := strings.Cut(part, ";")
			rt, rs, _ := strings.Cut(strings.TrimSpace(mediaRange), "/")
			s := -1
			switch {
			case tokenEqual(rt, typ) && tokenEqual(rs, sub):
				s = 2
			case tokenEqual(rt, typ) && rs == "*":
				s = 1
			case rt == "*" && rs == "*":
				s = 0
			}
			if q, ok := parseQuality(params); ok && s > specificity {
				best, specificity = q, s
			}
		}
		return best
	}
	return quality("application", "json") > max(quality("text", "html"), 0)
}

// typePage is the HTML page of a type; html/template escapes every value for its context.
const typePage = `<!DOCTYPE html>
<html lang="{{.L.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
</head>
<body>
<h1>{{.Title}}</h1>
<p><code>{{.Type}}</code></p>
<p>{{.L.Status}}: {{.Status}}</p>
<p>{{.Description}}</p>
{{- if .Members}}
<h2>{{.L.Members}}</h2>
<table>
<tr><th>{{.L.Member}}</th><th>{{.L.Required}}</th><th>{{.L.Schema}}</th><th></th></tr>
{{- range .Members}}
<tr><td><code>{{.Name}}</code></td><td>{{if .Required}}{{$.L.Yes}}{{else}}{{$.L.No}}{{end}}</td><td><code>{{printf "%s" .Schema}}</code></td><td>{{.Description}}</td></tr>
{{- end}}
</table>
{{- end}}
<h2>{{.L.Example}}</h2>
<pre>{{.Pretty}}</pre>
</body>
</html>
`
