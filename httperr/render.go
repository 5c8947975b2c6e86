package httperr

import (
	"context"
	"log/slog"
	"net/http"
	"reflect"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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
	// extension or an instance URI, say. It does not run in [Renderer.Respond], which has no *http.Request.
	Enrich func(*http.Request, *Error) *Error

	// Logger receives one record per rendered problem: 5xx at Error with the cause, 4xx and 499 at Debug,
	// anything the renderer had to drop or refuse at Warn. Nil means [slog.Default].
	Logger *slog.Logger

	// ExposeCause adds the cause's text to the body as the "cause" extension member. It is for development
	// only: causes hold internal facts that must not reach clients.
	ExposeCause bool

	// Challenge is the WWW-Authenticate (401) or Proxy-Authenticate (407) challenge sent when the error
	// carries none, as RFC 9110 section 11.6.1 requires one. Empty means "Bearer"; so does a value with a
	// control character (CR, LF, ...), which is logged at Warn.
	Challenge string

	// Languages are the catalogs that titles and default details come from, chosen by Accept-Language; the
	// first is the default. Nil means [English] then [French].
	Languages []Catalog
}

// Request is what rendering needs to know of a request.
type Request struct {
	Method         string
	Path           string // for the log record
	Accept         string
	AcceptLanguage string
	// Context is passed to the logger; nil means context.Background().
	Context context.Context
}

// Response is a rendered problem: status, complete header fields and body.
type Response struct {
	Status int
	Header http.Header
	// Body is the encoded problem; nil for a HEAD request, whose Content-Length still gives the size.
	Body []byte
}

// Render writes err to w as a problem, with the zero Renderer.
func Render(w http.ResponseWriter, r *http.Request, err error) {
	(*Renderer)(nil).Render(w, r, err)
}

// Render writes err to w as a problem document negotiated for r. It is the only code that writes a problem;
// the adapters call it.
//
// The body is encoded in full before anything is written, then written once with its Content-Length. When
// w reports through a Written() bool method that the response has already started, nothing is written and
// the error is logged: see [Renderer.Drop].
func (rd *Renderer) Render(w http.ResponseWriter, r *http.Request, err error) {
	if ww, ok := w.(interface{ Written() bool }); ok && ww.Written() {
		rd.Drop(r, err)
		return
	}
	req := requestOf(r)
	e := rd.resolve(err, r, &req)
	buf := getBuffer()
	p := rd.build(buf, err, e, &req)
	p.setHeaders(w.Header(), false)
	w.WriteHeader(p.status)
	if req.Method != http.MethodHead {
		w.Write(buf.b) //nolint:errcheck // the client went away; nothing to tell it
	}
	putBuffer(buf)
}

// Respond renders err as [Render] would for a request with req's method, Accept and Accept-Language, without
// an http.ResponseWriter: for adapters to servers not built on net/http, and for tests. It logs as Render
// does. [Renderer.Enrich] does not run.
func (rd *Renderer) Respond(err error, req Request) Response {
	e := rd.resolve(err, nil, &req)
	buf := getBuffer()
	p := rd.build(buf, err, e, &req)
	res := Response{Status: p.status, Header: make(http.Header, 8)}
	p.setHeaders(res.Header, true)
	if req.Method != http.MethodHead {
		res.Body = append([]byte(nil), buf.b...)
	}
	putBuffer(buf)
	return res
}

// Drop logs err as an error that came after the response had started, when nothing more can be written. The
// adapters call it for such errors.
func (rd *Renderer) Drop(r *http.Request, err error) {
	req := requestOf(r)
	e := rd.resolve(err, nil, &req)
	rd.log(&req, e, e.Status(), slog.LevelError, "error after the response had started; nothing written", nil)
}

func requestOf(r *http.Request) Request {
	if r == nil {
		return Request{Method: http.MethodGet, Context: context.Background()}
	}
	return Request{
		Method:         r.Method,
		Path:           r.URL.Path,
		Accept:         firstValue(r.Header, "Accept"),
		AcceptLanguage: firstValue(r.Header, "Accept-Language"),
		Context:        r.Context(),
	}
}

// firstValue is h.Get(key) for a key already in canonical form, without canonicalizing it again.
func firstValue(h http.Header, key string) string {
	if v := h[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// resolve turns err into the *Error to render: Map, then From, then Enrich (when r is not nil). A hook that
// panics is logged and skipped.
func (rd *Renderer) resolve(err error, r *http.Request, req *Request) *Error {
	if rd == nil {
		return from(err)
	}
	var e *Error
	if rd.Map != nil {
		e = rd.callHook(req, "Map", func() *Error { return rd.Map(err) })
	}
	if e == nil {
		e = from(err)
	}
	if rd.Enrich != nil && r != nil {
		if enriched := rd.callHook(req, "Enrich", func() *Error { return rd.Enrich(r, e) }); enriched != nil {
			e = enriched
		}
	}
	return e
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

func (rd *Renderer) callHook(req *Request, name string, hook func() *Error) (e *Error) {
	defer func() {
		if p := recover(); p != nil {
			e = nil
			rd.log(req, nil, 0, slog.LevelError, "httperr: "+name+" hook panicked", []slog.Attr{slog.Any("panic", p)})
		}
	}()
	return hook()
}

// buffer is a pooled encoding buffer.
type buffer struct{ b []byte }

var bufferPool = sync.Pool{New: func() any { return &buffer{b: make([]byte, 0, 1024)} }}

func getBuffer() *buffer { return bufferPool.Get().(*buffer) }

func putBuffer(b *buffer) {
	if cap(b.b) > 64<<10 { // keep huge buffers out of the pool
		return
	}
	b.b = b.b[:0]
	bufferPool.Put(b)
}

// plan is a built problem: its status and what its header fields need.
type plan struct {
	status    int
	format    Format
	lang      string // Content-Language
	varyLang  bool   // the language was chosen by Accept-Language
	length    int
	e         *Error
	challenge string
}

// Header values the renderer sets through Render are shared, read-only slices, as gin's renderers share
// theirs: setting them costs no allocation. Code that changes a header value after Render must replace the
// slice (Header.Set does), never write into it. Respond, whose header belongs to its caller, copies them.
var (
	valueJSON         = []string{"application/problem+json"}
	valueXML          = []string{"application/problem+xml"}
	valueNosniff      = []string{"nosniff"}
	valueEnglish      = []string{"en"}
	valueFrench       = []string{"fr"}
	valueVaryAccept   = []string{"Accept"}
	valueVaryLanguage = []string{"Accept, Accept-Language"}
	// cachedSizes holds small Content-Length values.
	cachedSizes = func() (t [4096][]string) {
		for i := range t {
			t[i] = []string{strconv.Itoa(i)}
		}
		return t
	}()
)

// staleHeaders are removed from the response before a problem is written.
var staleHeaders = [...]string{"Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Range", "Etag", "Expires", "Last-Modified"}

// setHeaders sets the problem's header fields on h, replacing those a failed handler may have left. The
// error's own values are copied, so that a change to the response's header cannot reach a shared [*Error];
// the renderer's constant values are shared (see valueJSON) unless own is set, when every value is copied into
// one new array.
func (p *plan) setHeaders(h http.Header, own bool) {
	// What a failed handler may have set for the representation it meant to send does not describe the problem
	// (a cached error would outlive its cause); the error's own header fields, set next, may put some back.
	fresh := len(h) == 0 // nothing to remove, and no Vary to keep: the common case, without lookups
	if !fresh {
		for _, k := range staleHeaders {
			delete(h, k)
		}
	}
	errHeader := p.e.x().header
	for k, v := range errHeader {
		h[k] = slices.Clone(v)
	}
	switch p.status {
	case http.StatusUnauthorized:
		if _, ok := errHeader["Www-Authenticate"]; !ok {
			h["Www-Authenticate"] = []string{p.challenge}
		}
	case http.StatusProxyAuthRequired:
		if _, ok := errHeader["Proxy-Authenticate"]; !ok {
			h["Proxy-Authenticate"] = []string{p.challenge}
		}
	}
	h["Content-Type"] = valueJSON
	if p.format == XML {
		h["Content-Type"] = valueXML
	}
	if p.length < len(cachedSizes) {
		h["Content-Length"] = cachedSizes[p.length]
	} else {
		h["Content-Length"] = []string{strconv.Itoa(p.length)}
	}
	h["X-Content-Type-Options"] = valueNosniff
	switch p.lang {
	case "en":
		h["Content-Language"] = valueEnglish
	case "fr":
		h["Content-Language"] = valueFrench
	default:
		h["Content-Language"] = contentLanguageField(p.lang)
	}
	vary := valueVaryAccept
	if p.varyLang {
		vary = valueVaryLanguage
	}
	if !fresh || len(errHeader) > 0 {
		if old := h["Vary"]; len(old) > 0 { // an existing Vary (Origin, say) is kept; its array is not written to
			vary = varyWith(old, vary[0])
		}
	}
	h["Vary"] = vary
	if own {
		n := 0
		for _, v := range h {
			n += len(v)
		}
		vals := make([]string, 0, n)
		for k, v := range h {
			i := len(vals)
			vals = append(vals, v...)
			h[k] = vals[i:len(vals):len(vals)]
		}
	}
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

// build encodes e, resolved from err, into buf and logs it.
func (rd *Renderer) build(buf *buffer, err error, e *Error, req *Request) plan {
	p := plan{status: e.Status(), e: e, format: NegotiateFormat(req.Accept), challenge: "Bearer"}
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
	var title, description string
	if builtin { // builtinLanguages are in the order of the catalog's languages
		title, description = catalogText(p.status, li)
		p.lang = builtinContentLanguages[li]
	} else {
		cat := &langs[li]
		p.lang = cat.contentLanguage()
		title, description = cat.text(p.status)
	}
	if t := e.x().title; t != "" {
		title = t
	}
	detail, suffix := e.detail, suffixes[e.suffix]
	if detail == "" || e.badStatus != 0 { // a detail written for another status does not fit the 500 sent
		detail, suffix = description, ""
	}
	var cause string
	if expose && e.cause != nil {
		cause = safeMessage(e.cause)
	}
	var dropped []string
	if p.format == XML {
		buf.b, dropped = appendXMLProblem(buf.b, e, typeBase, title, detail, suffix, p.status, cause)
	} else {
		buf.b, dropped = appendJSONProblem(buf.b, e, typeBase, title, detail, suffix, p.status, cause)
	}
	p.length = len(buf.b)
	if (p.status == http.StatusUnauthorized || p.status == http.StatusProxyAuthRequired) && !validFieldValue(p.challenge) {
		p.challenge = "Bearer" // a configured challenge with CR or LF would split the header
		dropped = append(dropped, "Renderer.Challenge has a control character; sent Bearer")
	}
	rd.logProblem(req, err, e, p.status, dropped)
	return p
}

// typeOf returns the type member for e.
func typeOf(e *Error, typeBase string, status int) string {
	switch {
	case e.x().typ != "":
		return e.x().typ
	case typeBase != "":
		return typeBase + slug(status)
	}
	return "about:blank"
}

// appendJSONProblem appends the problem+json document: type, title, status, detail, instance, then the
// extension members sorted by name, and a newline. It returns what it had to leave out, and why.
func appendJSONProblem(b []byte, e *Error, typeBase, title, detail, suffix string, status int, cause string) ([]byte, []string) {
	typ := typeOf(e, typeBase, status)
	if head := jsonHead(typ, title, status); head != nil {
		if detail == head.description && suffix == "" && cause == "" && e.ext == nil && e.x().instance == "" {
			return append(b, head.doc...), nil // a 5xx, or a problem without a detail: nothing of its own
		}
		b = append(b, head.head...)
	} else {
		b = append(b, `{"type":`...)
		b = appendJSONString(b, typ)
		b = append(b, `,"title":`...)
		b = appendJSONString(b, title)
		b = append(b, `,"status":`...)
		b = strconv.AppendInt(b, int64(status), 10)
	}
	if detail != "" {
		b = append(b, `,"detail":`...)
		b = appendJSONString(b, detail)
		if suffix != "" { // plain ASCII, nothing to escape: it goes inside the closing quote
			b = append(append(b[:len(b)-1], suffix...), '"')
		}
	}
	if instance := e.x().instance; instance != "" {
		b = append(b, `,"instance":`...)
		b = appendJSONString(b, instance)
	}
	var dropped []string
	causeDone := cause == ""
	var ms []member
	if e.ext != nil { // the stack array costs its clearing; most problems have no members
		var buf [8]member
		ms = e.members(buf[:])
	}
	for _, m := range ms {
		if !causeDone && m.key >= "cause" {
			causeDone = true
			if m.key != "cause" {
				b = append(b, `,"cause":`...)
				b = appendJSONString(b, cause)
			}
		}
		mark := len(b)
		b = append(b, ',')
		b = appendJSONString(b, m.key)
		b = append(b, ':')
		var err error
		if b, err = appendJSONValue(b, m.value); err != nil {
			b = b[:mark]
			dropped = append(dropped, "extension member "+strconv.Quote(m.key)+": "+err.Error())
		}
	}
	if !causeDone {
		b = append(b, `,"cause":`...)
		b = appendJSONString(b, cause)
	}
	return append(b, "}\n"...), dropped
}

// jsonHeads holds, for each error status and built-in language, the beginning of the problem+json document
// of an about:blank problem with the catalog's title, {"type":"about:blank","title":"Not Found","status":404,
// and the whole document when the detail is the catalog's description. Built on first use.
func jsonHeads() *[catalogLangs][200]jsonHeadEntry {
	if t := jsonHeadsBuilt.Load(); t != nil { // inlined: no call on the hot path
		return t
	}
	return buildJSONHeads()
}

var jsonHeadsBuilt atomic.Pointer[[catalogLangs][200]jsonHeadEntry]

var buildJSONHeads = sync.OnceValue(func() *[catalogLangs][200]jsonHeadEntry {
	t := new([catalogLangs][200]jsonHeadEntry)
	for lang := range t {
		for i := range t[lang] {
			status := 400 + i
			title, description := catalogText(status, lang)
			b := append([]byte(`{"type":"about:blank","title":`), appendJSONString(nil, title)...)
			b = append(b, `,"status":`...)
			b = strconv.AppendInt(b, int64(status), 10)
			head := string(b)
			b = append(b, `,"detail":`...)
			b = append(appendJSONString(b, description), "}\n"...)
			t[lang][i] = jsonHeadEntry{title: title, description: description, head: head, doc: string(b)}
		}
	}
	jsonHeadsBuilt.Store(t)
	return t
})

type jsonHeadEntry struct{ title, description, head, doc string }

// jsonHead returns the precomputed beginnings of the document for an about:blank problem whose title is the
// built-in catalog's, or nil when there are none for typ, title and status.
func jsonHead(typ, title string, status int) *jsonHeadEntry {
	if typ != "about:blank" || status < 400 || status > 599 {
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

// appendXMLProblem appends the problem+xml document of RFC 9457 appendix B.
func appendXMLProblem(b []byte, e *Error, typeBase, title, detail, suffix string, status int, cause string) ([]byte, []string) {
	b = append(b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<problem xmlns="urn:ietf:rfc:7807"><type>`...)
	b = appendXMLText(b, typeOf(e, typeBase, status))
	b = append(b, "</type><title>"...)
	b = appendXMLText(b, title)
	b = append(b, "</title><status>"...)
	b = strconv.AppendInt(b, int64(status), 10)
	b = append(b, "</status>"...)
	if detail != "" {
		b = append(b, "<detail>"...)
		b = appendXMLText(b, detail)
		b = append(b, suffix...) // plain ASCII, nothing to escape
		b = append(b, "</detail>"...)
	}
	if instance := e.x().instance; instance != "" {
		b = append(b, "<instance>"...)
		b = appendXMLText(b, instance)
		b = append(b, "</instance>"...)
	}
	var dropped []string
	causeDone := cause == ""
	var ms []member
	if e.ext != nil { // the stack array costs its clearing; most problems have no members
		var buf [8]member
		ms = e.members(buf[:])
	}
	for _, m := range ms {
		if !causeDone && m.key >= "cause" {
			causeDone = true
			if m.key != "cause" {
				b, _ = appendXMLElement(b, "cause", cause)
			}
		}
		if !xmlName(m.key) {
			dropped = append(dropped, "extension member "+strconv.Quote(m.key)+": not an XML name")
			continue
		}
		var err error
		if b, err = appendXMLElement(b, m.key, m.value); err != nil {
			dropped = append(dropped, "extension member "+strconv.Quote(m.key)+": "+err.Error())
		}
	}
	if !causeDone {
		b, _ = appendXMLElement(b, "cause", cause)
	}
	return append(b, "</problem>\n"...), dropped
}

// logProblem writes the record for a rendered problem e, resolved from err. When err is neither e nor e's
// cause (an *Error wrapped with context, joined with other errors, or replaced by Map), the record also has
// err's text as "chain": what e alone would not tell.
func (rd *Renderer) logProblem(req *Request, err error, e *Error, status int, dropped []string) {
	level := slog.LevelDebug
	if status >= 500 {
		level = slog.LevelError
	}
	if len(e.x().refused) > 0 || len(dropped) > 0 || e.badStatus != 0 {
		level = max(level, slog.LevelWarn)
	}
	// Nothing is built for a record the logger does not want: 4xx are logged at Debug, which the default
	// logger (Info) leaves out.
	logger, ctx := rd.logger(req)
	if !enabled(logger, ctx, level) {
		return
	}
	var extra []slog.Attr
	if err != nil && !sameError(err, e) && !sameError(err, e.Unwrap()) {
		extra = []slog.Attr{slog.Any("chain", lazyMessage{err})}
	}
	if notes := append(slices.Clip(e.x().refused), dropped...); len(notes) > 0 || e.badStatus != 0 {
		if e.badStatus != 0 {
			notes = append(notes, "status "+strconv.Itoa(int(max(e.badStatus, 0)))+" is not an error status; sent 500")
		}
		extra = append(extra, slog.Any("problems", notes))
	}
	write(logger, ctx, req, e, status, level, "httperr: problem response", extra)
}

// sameError reports whether a and b are the same error value, without the panic of == on two values of one
// uncomparable type.
func sameError(a, b error) bool {
	if a == nil || b == nil {
		return a == b
	}
	t := reflect.TypeOf(a)
	return t == reflect.TypeOf(b) && t.Comparable() && a == b
}

// lazyMessage is an error's text for a log record, computed only when the record is written.
type lazyMessage struct{ err error }

// LogValue implements [slog.LogValuer].
func (m lazyMessage) LogValue() slog.Value { return slog.StringValue(safeMessage(m.err)) }

// log writes one record, if the logger wants it. A logger that panics is ignored.
func (rd *Renderer) log(req *Request, e *Error, status int, level slog.Level, msg string, extra []slog.Attr) {
	logger, ctx := rd.logger(req)
	if enabled(logger, ctx, level) {
		write(logger, ctx, req, e, status, level, msg, extra)
	}
}

// logger returns the logger and the context to log with.
func (rd *Renderer) logger(req *Request) (*slog.Logger, context.Context) {
	logger := slog.Default()
	if rd != nil && rd.Logger != nil {
		logger = rd.Logger
	}
	ctx := req.Context
	if ctx == nil {
		ctx = context.Background()
	}
	return logger, ctx
}

// enabled reports whether logger wants a record at level; a logger whose Enabled panics wants none.
func enabled(logger *slog.Logger, ctx context.Context, level slog.Level) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return logger.Enabled(ctx, level)
}

// write writes one record that logger wants. A logger that panics is ignored.
func write(logger *slog.Logger, ctx context.Context, req *Request, e *Error, status int, level slog.Level, msg string, extra []slog.Attr) {
	defer func() { _ = recover() }() // a broken logger (Handle panicking) must not take the response down
	attrs := make([]slog.Attr, 0, 5+len(extra))
	if status != 0 {
		attrs = append(attrs, slog.Int("status", status))
	}
	attrs = append(attrs, slog.String("method", req.Method), slog.String("path", req.Path))
	if e != nil {
		attrs = append(attrs, slog.Any("error", e))
	}
	attrs = append(attrs, extra...)
	logger.LogAttrs(ctx, level, msg, attrs...)
}
