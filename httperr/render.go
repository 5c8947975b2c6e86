package httperr

import (
	"cmp"
	"context"
	"github.com/httperr/toolkit/internal/statustext"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"slices"

	"github.com/httperr/toolkit/internal/field"
)

// Renderer turns errors into RFC 9457 problem responses. Its zero value is ready to use; a nil *Renderer
// behaves as the zero value. A Renderer must not be changed once in use.
type Renderer struct {
	// TypeBase, when set, gives problems without a type the type TypeBase + slug, where the slug is the
	// hyphenated English title of the status: "https://example.com/problems/" yields
	// "https://example.com/problems/not-found". When empty such problems have the type "about:blank".
	TypeBase string

	// Map, when set, runs first on every error: a non-nil result is rendered; nil falls back to [From].
	Map func(error) *Error

	// Enrich, when set, may return a modified copy of the problem about to be rendered: to add a trace id
	// extension or an instance URI, say. [Renderer.Render] gives it the request it renders for;
	// [Renderer.Prepare], which has none, a request built from its [Request]: method, URL path, the Accept
	// and Accept-Language header fields and Prepare's context, where tracing keeps its span.
	Enrich func(*http.Request, *Error) *Error

	// Logger receives one record per rendered problem: 5xx at Error with the cause, 4xx and 499 at Debug,
	// anything the renderer had to drop or refuse at Warn. Nil means [slog.Default].
	Logger *slog.Logger

	// ExposeCause adds the cause's text to the body as the "cause" extension member. It is for development
	// only: causes hold internal facts that must not reach clients.
	ExposeCause bool

	// Challenge is the WWW-Authenticate (401) or Proxy-Authenticate (407) challenge sent when the error
	// carries none, as RFC 9110 section 11.6.1 requires one. Empty means "Bearer"; so does a value that is
	// not a valid field value (CR, LF or another control character), which is logged at Warn.
	Challenge string

	// Languages are the catalogs that titles and default details come from, chosen by Accept-Language; the
	// first is the default. Nil means [English] then [French].
	Languages []Catalog

	// KeepText leaves as they were the error answers that a handler or a middleware wrote in text/plain or
	// text/html (a rate limiter's "Too Many Requests", http.Error): by default the adapters send the
	// problem of their status in their place, header fields kept, a 4xx text's first line as its detail. An
	// error answer with an empty body becomes a problem either way.
	KeepText bool
}

// Request is what [Renderer.Prepare] needs to know of the request a problem answers, and of the response
// as it stands.
type Request struct {
	// Method is the request's method: a HEAD gets the header fields without the body.
	Method string
	// Path is the request's path, for the log record and for the request Enrich is given.
	Path string
	// Accept is the request's Accept field value, which picks problem+json or problem+xml.
	Accept string
	// AcceptLanguage is the request's Accept-Language field value, which picks the catalog.
	AcceptLanguage string
	// Vary is the response's Vary field values as they stand, set by a CORS middleware, say: the Response's
	// Vary keeps them and adds the field names the problem varies on. Nil when the response has none.
	Vary []string
	// Header holds request header fields that the request given to [Renderer.Enrich] carries besides Accept
	// and Accept-Language (traceparent, for [EnrichTraceID]); nil for none. Only Enrich reads it.
	Header http.Header
}

// Response is a prepared problem: status, complete header fields and body.
type Response struct {
	Status int
	// Body is the encoded problem; nil for a HEAD request, whose Content-Length still gives the size.
	Body []byte
	// p is what the header fields are made of (eachField), with vary, the [Request.Vary] given to Prepare:
	// the fields are made where they are set, not kept in a list that Prepare would allocate
	// (BenchmarkPrepareNotFound, fiber's BenchmarkNotFound). p.e is immutable and the values are shared,
	// never written to (Header hands out copies). A zero p.e: no fields, as in a Response not from Prepare.
	p    problem
	vary []string
}

// eachField calls set for each header field of res, with whether it is a default of the renderer (a 401's
// challenge), which a field the response has keeps.
func (res *Response) eachField(set func(key string, values []string, fallback bool)) {
	if res.p.e == nil {
		return
	}
	res.p.eachField(res.vary, func(key string, values []string, kind fieldKind) {
		set(key, values, kind == fieldDefault)
	})
}

// Header returns the header fields to send, in a new header that belongs to the caller. Each replaces any
// value the response has, except the challenge of a 401 or 407 when the error carries none: it is
// [Renderer.Challenge], a default, which a challenge already on the response keeps (see [Response.Apply]).
func (res Response) Header() http.Header {
	h := make(http.Header, 6)
	res.eachField(func(key string, values []string, _ bool) {
		h[key] = slices.Clone(values)
	})
	return h
}

// Render writes err to w as a problem, with the zero Renderer.
func Render(w http.ResponseWriter, r *http.Request, err error) {
	(*Renderer)(nil).Render(w, r, err)
}

// Render writes err to w as a problem document negotiated for r. It is the only code that writes a problem;
// the adapters call it. It is [Renderer.Prepare] written into w without a copy.
//
// The body is encoded in full before anything is written, then written once with its Content-Length. When
// w reports through a Written() bool method that the response has already started, nothing is written and
// the error is logged: see [Renderer.LogUnsent].
func (rd *Renderer) Render(w http.ResponseWriter, r *http.Request, err error) {
	if ww, ok := w.(interface{ Written() bool }); ok && ww.Written() {
		rd.LogUnsent(r, err)
		return
	}
	ctx, req := requestOf(r)
	buf := newBuffer()
	p := rd.prepare(ctx, buf, err, r, &req)
	p.writeHeader(w.Header())
	w.WriteHeader(p.status)
	if req.Method != http.MethodHead {
		w.Write(*buf) //nolint:errcheck // the client went away; nothing to tell it
	}
	buf.free()
}

// Prepare is the step below [Renderer.Render], which writes nothing: it runs the same hooks (Map, Enrich),
// encodes the same document and writes the same log record, with ctx, as Render would for a request with
// req's method, Accept and Accept-Language, and returns the response to send. It serves servers not built on
// net/http; [Response.Apply] sets its header fields on theirs. A nil ctx means [context.Background].
func (rd *Renderer) Prepare(ctx context.Context, err error, req Request) Response {
	if ctx == nil {
		ctx = context.Background()
	}
	buf := newBuffer()
	p := rd.prepare(ctx, buf, err, nil, &req)
	res := Response{Status: p.status, p: p, vary: req.Vary}
	if req.Method != http.MethodHead {
		res.Body = append([]byte(nil), *buf...)
	}
	buf.free()
	return res
}

// Apply sets res's header fields on h, the header of the response being written, as Render sets them: it
// deletes the fields a failed handler may have left for the representation it meant to send
// (Cache-Control, Content-Disposition, Content-Encoding, Content-Range but on a 416, ETag, Expires,
// Last-Modified), then sets each field of res.Header(), replacing any value h has (res's Vary already holds
// the [Request.Vary] given to Prepare), except that the challenge a 401 or 407 gets by default is set only
// where h has none. h is an [http.Header], or any response header with these two methods, such as
// fasthttp's *ResponseHeader; Apply tells whether it has a challenge through a Peek(key string) []byte
// method (fasthttp's), and takes an h that has neither for one without.
func (res Response) Apply(h interface {
	Add(key, value string)
	Del(key string)
}) {
	for _, k := range staleFields {
		if stale(k, res.Status) {
			h.Del(k)
		}
	}
	res.eachField(func(key string, values []string, fallback bool) {
		if fallback && has(h, key) {
			return
		}
		h.Del(key)
		for _, v := range values {
			h.Add(key, v)
		}
	})
}

// has reports whether the response header h has a non-empty field key, a canonical key: when h is an
// [http.Header] or has fasthttp's Peek method; false for any other h.
func has(h any, key string) bool {
	switch h := h.(type) {
	case http.Header:
		return len(h[key]) > 0 && h[key][0] != ""
	case interface{ Peek(key string) []byte }:
		return len(h.Peek(key)) > 0
	}
	return false
}

// LogUnsent logs err as an error that came after the response had started, when nothing more can be
// written: at Error, with the status Map or [From] gives it. Render calls it for such errors, and so do the
// adapters. Enrich does not run, as there is no problem to send.
func (rd *Renderer) LogUnsent(r *http.Request, err error) {
	ctx, req := requestOf(r)
	e := rd.mapError(ctx, &req, err)
	rd.log(ctx, &req, e, e.Status(), slog.LevelError, "error after the response had started; nothing written", nil)
}

// requestOf returns r's context and what rendering needs to know of r; a nil r is a GET.
func requestOf(r *http.Request) (context.Context, Request) {
	if r == nil {
		return context.Background(), Request{Method: http.MethodGet}
	}
	return r.Context(), Request{
		Method:         r.Method,
		Path:           r.URL.Path,
		Accept:         firstValue(r.Header, "Accept"),
		AcceptLanguage: firstValue(r.Header, "Accept-Language"),
	}
}

// firstValue is h.Get(key) for a key already in canonical form, without canonicalizing it again.
func firstValue(h http.Header, key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// httpRequest builds the *http.Request that Enrich sees when Prepare renders: req's method, path, Header,
// Accept and Accept-Language, with ctx.
func (req *Request) httpRequest(ctx context.Context) *http.Request {
	h := make(http.Header, len(req.Header)+2)
	for k, v := range req.Header {
		h[k] = v
	}
	if req.Accept != "" {
		h["Accept"] = []string{req.Accept}
	}
	if req.AcceptLanguage != "" {
		h["Accept-Language"] = []string{req.AcceptLanguage}
	}
	r := &http.Request{
		Method: req.Method, URL: &url.URL{Path: req.Path}, RequestURI: req.Path,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: h, Body: http.NoBody,
	}
	return r.WithContext(ctx)
}

// prepare resolves err (Map, From, Enrich with r, or with a request built from req when r is nil), encodes
// its document into buf, logs it, and returns what its header fields need.
func (rd *Renderer) prepare(ctx context.Context, buf *buffer, err error, r *http.Request, req *Request) problem {
	e := rd.mapError(ctx, req, err)
	if rd != nil && rd.Enrich != nil {
		if r == nil {
			r = req.httpRequest(ctx)
		}
		if enriched := rd.callHook(ctx, req, "Enrich", func() *Error { return rd.Enrich(r, e) }); enriched != nil {
			e = enriched
		}
	}
	p, dropped := rd.encode(buf, e, req)
	rd.logProblem(ctx, req, err, e, p.status, dropped)
	return p
}

// mapError turns err into the *Error to render: Map, then From, then the gateway form of a remote error
// (see [Error.PassThrough]). A Map that panics is logged and skipped.
func (rd *Renderer) mapError(ctx context.Context, req *Request, err error) *Error {
	var e *Error
	if rd != nil && rd.Map != nil {
		e = rd.callHook(ctx, req, "Map", func() *Error { return rd.Map(err) })
	}
	if e == nil {
		e = from(err)
	}
	return e.forRendering() // an upstream's error, decoded by the client side, is not sent on as it is
}

// from is From, with a nil error rendered as a 500 that says a nil error was rendered, and an error whose
// own methods panic while it is mapped (StatusCode, Unwrap, Is, ...) rendered as a 500 whose cause is the
// panic.
func from(err error) (e *Error) {
	if err == nil {
		return &Error{status: http.StatusInternalServerError, extra: &extra{refused: []string{"nil error rendered"}}}
	}
	defer func() {
		if p := recover(); p != nil {
			e = &Error{status: http.StatusInternalServerError, cause: &PanicError{Value: p, Stack: debug.Stack()},
				extra: &extra{refused: []string{"mapping the error panicked"}}}
		}
	}()
	return From(err)
}

// callHook runs a hook; one that panics is logged and yields nil.
func (rd *Renderer) callHook(ctx context.Context, req *Request, name string, hook func() *Error) (e *Error) {
	defer func() {
		if p := recover(); p != nil {
			e = nil
			rd.log(ctx, req, nil, 0, slog.LevelError, "httperr: "+name+" hook panicked", []slog.Attr{slog.Any("panic", p)})
		}
	}()
	return hook()
}

// problem is an encoded problem: its status and what its header fields need.
type problem struct {
	status    int
	format    mediaFormat
	lang      string // Content-Language
	varyLang  bool   // the language was chosen by Accept-Language
	length    int
	e         *Error
	challenge string
}

// encode encodes e's document for req into buf, and returns the problem with what the encoder had to leave
// out or replace, and why.
func (rd *Renderer) encode(buf *buffer, e *Error, req *Request) (problem, []string) {
	p := problem{status: e.Status(), e: e, format: negotiateFormat(req.Accept), challenge: "Bearer"}
	langs, builtin := builtinLanguages, true
	var typeBase string
	expose := false
	if rd != nil {
		if len(rd.Languages) > 0 {
			langs, builtin = rd.Languages, false
		}
		typeBase = rd.TypeBase
		expose = rd.ExposeCause
		if rd.Challenge != "" {
			p.challenge = rd.Challenge
		}
	}
	li := negotiateLanguage(langs, req.AcceptLanguage, builtin)
	p.varyLang = len(langs) > 1
	d := document{e: e, status: p.status, instance: e.extras().instance}
	var description string
	if builtin { // builtinLanguages are in the order of the catalog's languages
		d.title, description = statustext.Text(p.status, li)
		p.lang = builtinContentLanguages[li]
		d.lang = li
	} else {
		cat := &langs[li]
		p.lang = cat.contentLanguage()
		d.title, description = cat.text(p.status)
		d.cat, d.lang = cat, cat.builtinLanguage()
	}
	if e.extras().ptype != nil && e.badStatus == 0 { // a declared type's texts, in the catalog's language
		title, desc := e.typeText(langs[li].Tag)
		d.title, description = cmp.Or(title, d.title), cmp.Or(desc, description)
	}
	if t := e.extras().title; t != "" {
		d.title = t
	}
	d.typ, d.typeSlug = typeOf(e, typeBase, p.status)
	d.detail, d.suffix = e.detail, suffixes[e.suffix]
	if d.detail == "" || e.badStatus != 0 { // a detail written for another status does not fit the 500 sent
		d.detail, d.suffix = description, ""
	}
	if expose && e.cause != nil {
		d.cause = safeMessage(e.cause)
	}
	if p.format == formatXML {
		*buf = d.appendXML(*buf)
	} else {
		*buf = d.appendJSON(*buf)
	}
	p.length = len(*buf)
	if (p.status == http.StatusUnauthorized || p.status == http.StatusProxyAuthRequired) && !field.ValidValue(p.challenge) {
		p.challenge = "Bearer" // a configured challenge that is not a valid field value would split the header
		d.dropped = append(d.dropped, "Renderer.Challenge has a control character; sent Bearer")
	}
	return p, d.dropped
}

// typeOf returns the type member for e, in two parts that the encoders join: TypeBase and the slug are not
// concatenated into a string of their own, an allocation on every problem (BenchmarkPrepareNotFound, fiber's
// BenchmarkNotFound).
func typeOf(e *Error, typeBase string, status int) (typ, slugPart string) {
	switch {
	case e.extras().typ != "":
		return e.extras().typ, ""
	case typeBase != "":
		return typeBase, statustext.Slug(status)
	}
	return "about:blank", ""
}
