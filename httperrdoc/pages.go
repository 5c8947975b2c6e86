package httperrdoc

import (
	"bytes"
	"cmp"
	"encoding/json"
	"github.com/httperr/toolkit/internal/statustext"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/negotiate"
)

// Handler returns an [http.Handler] that serves the documentation of problem types at their URIs, as RFC
// 9457 section 3.1.1 wants of a type URI ("when dereferenced, it SHOULD provide human-readable
// documentation"): the types whose URI is under base, the absolute URI of a path the service owns (such as
// "https://api.example.com/problems/"), each at its URI's path; types elsewhere (the IANA types, documented
// by IANA) are left out. When rd's [httperr.Renderer.TypeBase] is under base too, every 4xx and 5xx status
// of the catalog is documented at TypeBase + the status's slug (404 "not-found"), the type the Renderer gives plain statuses; a
// declared type of the same URI wins. Mount it on that path:
//
//	mux.Handle("GET /problems/", httperrdoc.Handler(rd, "https://api.example.com/problems/", OutOfCredit))
//
// It answers GET and HEAD of a documented type's path with the type's HTML page (title, status, the code
// that [httperr.ProblemType.WithCode] declares, description, the extension members and an example document) in the language Accept-Language prefers
// among rd's catalogs or, when Accept prefers application/json to text/html, with its JSON description: its
// URI, status, code, title and description in that language, its members with their descriptions and schemas, an
// example document and the JSON Schema of its documents ([typeSchema]). Both vary on Accept and
// Accept-Language. Its answers to requests it cannot serve (404 for an unknown type, 405 for a method other
// than GET and HEAD) are problems rendered by rd. The host of a request is not compared with base's, which
// proxies rewrite. The handler is immutable and safe for concurrent use.
func Handler(rd *httperr.Renderer, base string, types ...httperr.ProblemType) http.Handler {
	d := &pages{rd: rd, byPath: map[string]httperr.ProblemType{}, page: template.Must(template.New("type").Parse(typePage))}
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
			if path, ok := under(rd.TypeBase + statustext.Slug(code)); ok && registered(code) {
				d.byPath[path] = httperr.NewProblemType(rd.TypeBase+statustext.Slug(code), code)
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

// pages is the handler [Handler] returns.
type pages struct {
	rd     *httperr.Renderer
	byPath map[string]httperr.ProblemType
	page   *template.Template
}

// typeDescription is the JSON description of a type, and what its HTML page shows.
type typeDescription struct {
	Type        string              `json:"type"`
	Status      int                 `json:"status"`
	Code        string              `json:"code,omitempty"`
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

// labels are the fixed words of the HTML page, and the description of a type's code member.
type labels struct{ Status, Code, Members, Member, Required, Schema, Example, Yes, No, Lang, CodeMember string }

// english and french are the page's words in the languages of the built-in catalogs; a page in another
// language has the words of the built-in catalog its catalog falls back to (see [httperr.Catalog]).
var (
	english = labels{"Status", "Code", "Extension members", "Member", "Required", "Schema", "Example", "yes", "no", "en",
		"A stable key of the problem type, to match on rather than the title, which may be reworded or translated."}
	french = labels{"Statut", "Code", "Membres d'extension", "Membre", "Obligatoire", "Schéma", "Exemple", "oui", "non", "fr",
		"Une clé stable du type de problème, à comparer plutôt que le titre, qui peut être reformulé ou traduit."}
)

// ServeHTTP answers as [Handler] says.
func (d *pages) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		d.rd.Render(w, r, httperr.MethodNotAllowed(http.MethodGet, http.MethodHead))
		return
	}
	t, ok := d.byPath[r.URL.Path]
	if !ok {
		d.rd.Render(w, r, httperr.NotFound("problem type"))
		return
	}
	desc := d.describe(r, t)
	var body bytes.Buffer
	contentType := "text/html; charset=utf-8"
	if prefersJSON(r.Header.Get("Accept")) {
		contentType = "application/json"
		enc := json.NewEncoder(&body)
		enc.SetIndent("", "  ")
		if err := enc.Encode(desc); err != nil {
			d.rd.Render(w, r, httperr.InternalServerError("").Wrap(err))
			return
		}
	} else if err := d.page.Execute(&body, newPage(desc)); err != nil {
		d.rd.Render(w, r, httperr.InternalServerError("").Wrap(err))
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

// describe returns t's description in the catalog of d's Renderer that r's Accept-Language prefers. Its
// example is what the Renderer sends for a problem of the type with the members' examples, and its title,
// description and language are that problem's title, detail and Content-Language: the Renderer's own
// choice of catalog and text, read from what it renders.
func (d *pages) describe(r *http.Request, t httperr.ProblemType) typeDescription {
	example := t.New("")
	for _, m := range t.Members() {
		if m.Example != nil {
			example = example.With(m.Name, m.Example)
		}
	}
	// Without Enrich, whose trace ids belong to real requests, and without a log record.
	var rd httperr.Renderer
	if d.rd != nil {
		rd = *d.rd
	}
	rd.Enrich, rd.Logger = nil, slog.New(slog.DiscardHandler)
	res := rd.Prepare(r.Context(), example, httperr.Request{Method: http.MethodGet, Accept: "application/problem+json",
		AcceptLanguage: r.Header.Get("Accept-Language")})
	var sent struct{ Title, Detail string }
	json.Unmarshal(res.Body, &sent) //nolint:errcheck // the Renderer's own JSON
	desc := typeDescription{Type: t.URI(), Status: t.Status(), Code: typeCode(t), Title: sent.Title, Description: sent.Detail,
		Members: []memberDescription{}, Example: bytes.TrimSuffix(res.Body, []byte("\n")), Schema: typeSchema(t)}
	desc.lang = res.Header().Get("Content-Language")
	tag, err := language.Parse(desc.lang)
	if err != nil {
		tag = language.English
	}
	desc.labels = english
	if base, _ := tag.Base(); base.String() == "fr" {
		desc.labels = french
	}
	own, fallback := text(t, tag), text(t, language.English)
	for _, m := range t.Members() {
		md := memberDescription{Name: m.Name, Required: m.Required,
			Description: cmp.Or(own.Members[m.Name], fallback.Members[m.Name], codeDescription(t, m, desc.labels))}
		if m.Schema != "" {
			md.Schema = json.RawMessage(m.Schema)
		}
		desc.Members = append(desc.Members, md)
	}
	return desc
}

// prefersJSON reports whether an Accept value ranks application/json above text/html (RFC 9110 section
// 12.5.1: the most specific range that matches gives each its quality). A missing Accept, or */*, ranks
// them equal: the page is HTML, for browsers and curl alike. It reads what httperr's own negotiation reads
// (negotiate.Prefix), which bounds the work a hostile value can cause.
func prefersJSON(accept string) bool {
	accept = negotiate.Prefix(accept)
	quality := func(typ, sub string) int {
		best, specificity := -1, -1
		for rest := accept; rest != ""; {
			var part string
			part, rest, _ = strings.Cut(rest, ",")
			mediaRange, params, _ := strings.Cut(part, ";")
			rt, rs, _ := strings.Cut(strings.TrimSpace(mediaRange), "/")
			s := -1
			switch {
			case negotiate.TokenEqual(rt, typ) && negotiate.TokenEqual(rs, sub):
				s = 2
			case negotiate.TokenEqual(rt, typ) && rs == "*":
				s = 1
			case rt == "*" && rs == "*":
				s = 0
			}
			if q, ok := negotiate.Quality(params); ok && s > specificity {
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
{{- if .Code}}
<p>{{.L.Code}}: <code>{{.Code}}</code></p>
{{- end}}
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
