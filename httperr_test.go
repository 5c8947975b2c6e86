// The conformance suite: one table of scenarios, each played against every stack it names (by default all
// seven: ServeMux, chi v5 and gorilla/mux behind httperrhttp.Middleware, echo v4 with httperrecho.Install,
// gin with httperrgin.Install, echo v5 with httperrechov5.Install, fiber v3 with httperrfiber's
// ErrorHandler and Middleware), each stack's handlers written in its framework's own idiom
// (stack_*_test.go). For each scenario every stack must give the same status, the same body byte for byte,
// and the same header fields that matter (Allow may list what each router knows). Failures are reported
// as TestConformance/<scenario>/<stack>.
package toolkit_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/httperr/toolkit/httperr"
)

// scenario is one request and the answer every stack it names must give.
type scenario struct {
	name                 string
	stacks               []string                   // the stacks that play it; nil for all
	opts                 options                    // the variation of each stack it needs
	typeBase             string                     // the Renderer's TypeBase
	mapError             func(error) *httperr.Error // the Renderer's Map
	loopback             bool                       // played on a real loopback server rather than a ResponseRecorder
	method, target, body string
	header               map[string]string // request header fields
	status               int
	contentType          string            // exact for problems, a prefix (case aside) for the handlers' own answers
	want                 string            // exact body; for a HEAD problem, the empty body
	language             string            // the problem's Content-Language, "" for en
	fields               map[string]string // response header fields and their exact values
	same                 []string          // response header fields identical on every stack
	allowHas             []string          // methods the Allow field must list
	secret               bool              // neither the body nor any header field may hold the secret
	check                func(t *testing.T, got answer, logs string)
	// native: the answer is the framework's own (a success), so the stack's userType and userBody are
	// wanted, and bodies are not compared across stacks.
	native bool
}

const (
	problemJSON = "application/problem+json"
	problemXML  = "application/problem+xml"
)

// The stacks, by name.
const (
	sNetHTTP = "net/http"
	sChi     = "chi"
	sGorilla = "gorilla"
	sEcho    = "echo"
	sEchoV5  = "echo v5"
	sGin     = "gin"
	sFiber   = "fiber"
)

// netStacks are the stacks built on httperrhttp.Middleware.
var netStacks = []string{sNetHTTP, sChi, sGorilla}

var problemHeaders = []string{"Content-Length", "Content-Language", "Vary", "X-Content-Type-Options"}

var (
	body404   = problem404("user not found")
	body500   = `{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"The server encountered an unexpected condition that prevented it from fulfilling the request."}` + "\n"
	router404 = `{"type":"about:blank","title":"Not Found","status":404,"detail":"The server did not find a current representation for the target resource."}` + "\n"
	router405 = `{"type":"about:blank","title":"Method Not Allowed","status":405,"detail":"The method received in the request is not supported by the target resource."}` + "\n"
	body422   = `{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"The server understands the content type of the request and the content is syntactically correct, but the server was unable to process the contained instructions.",` +
		`"errors":[{"detail":"is required","pointer":"#/name","code":"required"},{"detail":"must be an email address","pointer":"#/email","code":"email"},{"detail":"must be at least 0","pointer":"#/age","code":"gte"}]}` + "\n"
)

// defaultProblem is the problem of status with the catalog's detail, or with detail if given.
func defaultProblem(status int, detail ...string) string {
	d := httperr.English().Description(status)
	if len(detail) > 0 {
		d = detail[0]
	}
	return `{"type":"about:blank","title":"` + httperr.English().Title(status) + `","status":` + fmt.Sprint(status) +
		`,"detail":"` + d + `"}` + "\n"
}

var (
	body401 = defaultProblem(http.StatusUnauthorized)
	body408 = defaultProblem(http.StatusRequestTimeout)
	body416 = defaultProblem(http.StatusRequestedRangeNotSatisfiable)
	// http.ServeContent's own text is the detail.
	body416Text = defaultProblem(http.StatusRequestedRangeNotSatisfiable, "invalid range: failed to overlap")
	body429     = defaultProblem(http.StatusTooManyRequests)
	body503     = defaultProblem(http.StatusServiceUnavailable)
)

// basicChallenge checks that the answer keeps a Basic challenge.
func basicChallenge(t *testing.T, got answer, _ string) {
	if v := got.header.Get("WWW-Authenticate"); !strings.HasPrefix(strings.ToLower(v), "basic") {
		t.Errorf("WWW-Authenticate %q, want a Basic challenge", v)
	}
}

func problem404(detail string) string {
	return `{"type":"about:blank","title":"Not Found","status":404,"detail":"` + detail + `"}` + "\n"
}

const typeBase = "https://example.com/problems/"

var scenarios = []scenario{
	// The scenarios every stack plays.
	{
		name: "handler 404", method: "GET", target: "/users/42", status: 404, contentType: problemJSON,
		want: body404, same: problemHeaders,
	},
	{
		name: "409 with extensions", method: "POST", target: "/users", body: `{"name":"Ada","email":"ada@example.com"}`,
		status: 409, contentType: problemJSON,
		want: `{"type":"about:blank","title":"Conflict","status":409,"detail":"email is already registered",` +
			`"email":"ada@example.com","existing_user":"/users/1"}` + "\n",
		same: problemHeaders,
	},
	{
		// Each stack's own binder and go-playground/validator: net/http calls it and sets
		// httperrvalidator.Map, echo has it as e.Validator and calls c.Validate, gin binds with its tags.
		name: "422 from the binder and validator", method: "POST", target: "/users", body: `{"name":"","email":"nope","age":-1}`,
		status: 422, contentType: problemJSON, want: body422, same: problemHeaders,
	},
	{
		// The same binders and validator, for a French client: each violation keeps its code, the failed tag,
		// and has its detail in French.
		name: "422 with violation codes, in French", method: "POST", target: "/users",
		header: map[string]string{"Accept-Language": "fr"}, language: "fr",
		body: `{"name":"","email":"nope","age":-1}`, status: 422, contentType: problemJSON, same: problemHeaders,
		want: `{"type":"about:blank","title":"Contenu non traitable","status":422,"detail":"Le serveur comprend le type et la syntaxe du contenu de la requête, mais il n'a pas pu traiter les instructions qu'il contient.",` +
			`"errors":[{"detail":"est obligatoire","pointer":"#/name","code":"required"},{"detail":"doit être une adresse e-mail","pointer":"#/email","code":"email"},{"detail":"doit valoir au moins 0","pointer":"#/age","code":"gte"}]}` + "\n",
	},
	{
		name: "422 with violation codes, in French XML", method: "POST", target: "/users",
		header: map[string]string{"Accept-Language": "fr", "Accept": problemXML}, language: "fr",
		body: `{"name":"","email":"nope","age":-1}`, status: 422, contentType: problemXML, same: problemHeaders,
		want: `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
			`<problem xmlns="urn:ietf:rfc:7807"><type>about:blank</type><title>Contenu non traitable</title><status>422</status>` +
			`<detail>Le serveur comprend le type et la syntaxe du contenu de la requête, mais il n&#39;a pas pu traiter les instructions qu&#39;il contient.</detail><errors>` +
			`<i><code>required</code><detail>est obligatoire</detail><pointer>#/name</pointer></i>` +
			`<i><code>email</code><detail>doit être une adresse e-mail</detail><pointer>#/email</pointer></i>` +
			`<i><code>gte</code><detail>doit valoir au moins 0</detail><pointer>#/age</pointer></i></errors></problem>` + "\n",
	},
	{
		name: "503 with Retry-After", method: "GET", target: "/maintenance", status: 503, contentType: problemJSON,
		want:   `{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"scheduled maintenance"}` + "\n",
		fields: map[string]string{"Retry-After": "120"}, same: problemHeaders,
	},
	{
		name: "wrapped 500 with a secret cause", method: "GET", target: "/report", status: 500, contentType: problemJSON,
		want: body500, same: problemHeaders, secret: true,
	},
	{
		name: "panic", method: "GET", target: "/panic", status: 500, contentType: problemJSON,
		want: body500, same: problemHeaders, secret: true,
	},
	{
		name: "router 404", method: "GET", target: "/no/such/route", status: 404, contentType: problemJSON,
		want: router404, same: problemHeaders,
	},
	{
		// chi's own 405 is an empty body with Allow; gorilla's has neither: both must be problems with Allow.
		name: "router 405 with Allow", method: "DELETE", target: "/users/1", status: 405, contentType: problemJSON,
		want: router405, same: problemHeaders, allowHas: []string{"GET"},
	},
	{
		// On a real server: fiber's limit is Config.BodyLimit, which fasthttp enforces while reading the
		// request, and app.Test hands back fasthttp's error instead of the 413 the error handler wrote.
		name: "413 from http.MaxBytesReader", loopback: true, method: "POST", target: "/users",
		body:   `{"name":"` + strings.Repeat("a", maxBody) + `"}`,
		status: 413, contentType: problemJSON,
		want: `{"type":"about:blank","title":"Content Too Large","status":413,"detail":"request body exceeds the limit of 4096 bytes"}` + "\n",
		same: problemHeaders,
	},
	{
		// echo's c.Bind wraps io.ErrUnexpectedEOF in a 400 HTTPError: the detail must still say so.
		name: "400 from truncated JSON", method: "POST", target: "/users", body: `{"name":`,
		status: 400, contentType: problemJSON, same: problemHeaders,
		want: `{"type":"about:blank","title":"Bad Request","status":400,"detail":"request body is not valid JSON (unexpected end)"}` + "\n",
	},
	{
		name: "400 from malformed JSON", method: "POST", target: "/users", body: `{"name":}`,
		status: 400, contentType: problemJSON, same: problemHeaders,
		want: `{"type":"about:blank","title":"Bad Request","status":400,"detail":"request body is not valid JSON (at byte 9)"}` + "\n",
	},
	{
		name: "XML", method: "GET", target: "/users/42", header: map[string]string{"Accept": "application/problem+xml"},
		status: 404, contentType: problemXML,
		want: `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
			`<problem xmlns="urn:ietf:rfc:7807"><type>about:blank</type><title>Not Found</title><status>404</status><detail>user not found</detail></problem>` + "\n",
		same: problemHeaders,
	},
	{
		name: "French", method: "GET", target: "/maintenance", header: map[string]string{"Accept-Language": "fr-CA, en;q=0.5"},
		status: 503, contentType: problemJSON, language: "fr",
		want:   `{"type":"about:blank","title":"Service indisponible","status":503,"detail":"scheduled maintenance"}` + "\n",
		fields: map[string]string{"Retry-After": "120"}, same: problemHeaders,
	},
	{
		name: "HEAD", method: "HEAD", target: "/head/42", status: 404, contentType: problemJSON,
		want: "", same: problemHeaders,
	},
	{
		name: "HEAD on a real server", loopback: true, method: "HEAD", target: "/head/42", status: 404,
		contentType: problemJSON, want: "", same: problemHeaders,
	},
	{
		name: "wrote, then failed: left alone", method: "GET", target: "/partial", status: 200,
		contentType: "text/plain; charset=utf-8", want: "partial answer",
	},
	{
		name: "success untouched", method: "GET", target: "/users/1", status: 200, native: true,
	},
	{
		name: "error that knows its status", method: "GET", target: "/teapot", status: 418, contentType: problemJSON,
		want: `{"type":"about:blank","title":"I'm a teapot","status":418,"detail":"` + httperr.English().Description(http.StatusTeapot) + `"}` + "\n",
		same: problemHeaders,
	},

	// Routers: what issue 11 found behind chi, gorilla/mux and sub-muxes.
	{
		name: "gorilla r.Use: router 404", stacks: []string{sGorilla}, opts: options{use: true},
		method: "GET", target: "/no/such/route", status: 404, contentType: problemJSON, want: router404,
	},
	{
		name: "gorilla r.Use: router 405", stacks: []string{sGorilla}, opts: options{use: true},
		method: "DELETE", target: "/users/1", status: 405, contentType: problemJSON, want: router405,
		allowHas: []string{"GET"},
	},
	{
		name: "handler's own http.Error: its text is the detail", stacks: netStacks,
		method: "GET", target: "/widgets/7", status: 404, contentType: problemJSON, want: problem404(widgetText),
		same: problemHeaders,
	},
	{
		name: "handler's own http.Error behind r.WithContext", stacks: netStacks, opts: options{withContext: true},
		method: "GET", target: "/widgets/7", status: 404, contentType: problemJSON, want: problem404(widgetText),
		same: problemHeaders,
	},
	{
		name: "handler 404 behind r.WithContext", opts: options{withContext: true},
		method: "GET", target: "/users/42", status: 404, contentType: problemJSON, want: body404, same: problemHeaders,
	},
	{
		name: "router 404 behind r.WithContext", opts: options{withContext: true},
		method: "GET", target: "/no/such/route", status: 404, contentType: problemJSON, want: router404, same: problemHeaders,
	},
	{
		name: "StripPrefix sub-mux: handler 404", stacks: netStacks,
		method: "GET", target: "/api/widgets/1", status: 404, contentType: problemJSON, want: problem404("widget not found"),
		same: problemHeaders,
	},
	{
		name: "StripPrefix sub-mux: its own 404", stacks: netStacks,
		method: "GET", target: "/api/nope", status: 404, contentType: problemJSON, want: router404, same: problemHeaders,
	},
	{
		name: "StripPrefix sub-mux: its own 405", stacks: netStacks,
		method: "DELETE", target: "/api/widgets/1", status: 405, contentType: problemJSON, want: router405,
		same: problemHeaders, allowHas: []string{"GET"},
	},

	// Middleware between ours and the handlers.
	{
		name: "TimeoutHandler: the handler's problem keeps the Renderer", stacks: netStacks, loopback: true,
		opts: options{timeout: 10 * time.Second}, typeBase: typeBase,
		method: "GET", target: "/users/42", status: 404, contentType: problemJSON,
		want:  `{"type":"` + typeBase + `not-found","title":"Not Found","status":404,"detail":"user not found"}` + "\n",
		same:  problemHeaders,
		check: loggedOnce(`"status":404`),
	},
	{
		name: "TimeoutHandler: a handler's http.Error is the problem of the Renderer", stacks: netStacks, loopback: true,
		opts: options{timeout: 10 * time.Second}, typeBase: typeBase,
		method: "GET", target: "/widgets/7", status: 404, contentType: problemJSON,
		want:  `{"type":"` + typeBase + `not-found","title":"Not Found","status":404,"detail":"` + widgetText + `"}` + "\n",
		same:  problemHeaders,
		check: loggedOnce(`"status":404`),
	},
	{
		name: "TimeoutHandler: a panic is the 500 problem of the Renderer", stacks: netStacks, loopback: true,
		opts: options{timeout: 10 * time.Second}, typeBase: typeBase,
		method: "GET", target: "/panic", status: 500, contentType: problemJSON,
		want: `{"type":"` + typeBase + `internal-server-error","title":"Internal Server Error","status":500,"detail":"` +
			httperr.English().Description(http.StatusInternalServerError) + `"}` + "\n",
		same: problemHeaders, secret: true,
		check: loggedOnce(`"status":500`),
	},
	{
		name: "TimeoutHandler: the timeout is a 503 problem", stacks: netStacks, loopback: true,
		opts: options{timeout: 50 * time.Millisecond}, typeBase: typeBase,
		method: "GET", target: "/slow", status: 503, contentType: problemJSON,
		want: `{"type":"` + typeBase + `service-unavailable","title":"Service Unavailable","status":503,"detail":"` +
			httperr.English().Description(http.StatusServiceUnavailable) + `"}` + "\n",
		same: problemHeaders, check: loggedOnce(`"status":503`),
	},
	{
		name: "chi middleware.Recoverer inside ours: the panic is a 500 problem", stacks: []string{sChi},
		opts: options{recoverer: true}, method: "GET", target: "/panic", status: 500, contentType: problemJSON,
		want: body500, secret: true,
	},
	{
		name: "gin-contrib/gzip after Install keeps Vary", stacks: []string{sGin}, opts: options{gzip: true}, loopback: true,
		method: "GET", target: "/users/42", header: map[string]string{"Accept-Encoding": "gzip"},
		status: 404, contentType: problemJSON, want: body404, check: varyLists("Accept", "Accept-Language"),
	},
	{
		name: "gin-contrib/gzip before Install keeps Vary", stacks: []string{sGin}, opts: options{gzipFirst: true}, loopback: true,
		method: "GET", target: "/users/42", header: map[string]string{"Accept-Encoding": "gzip"},
		status: 404, contentType: problemJSON, want: body404, check: varyLists("Accept", "Accept-Language"),
	},

	// Each framework's own middleware answering in text: the adapters make its answer a problem and keep the
	// fields it set.
	{
		name: "rate limited", method: "GET", target: "/limited", status: 429, contentType: problemJSON,
		want: body429, fields: map[string]string{"Retry-After": rateLimitRetry}, same: problemHeaders,
	},
	{
		// Each framework's challenge is its own (realm and scheme's case differ): kept, not compared. So is
		// the Vary: Authorization fiber's basicauth adds; ours must be there too.
		name: "unauthorized with a Basic challenge", method: "GET", target: "/private", status: 401,
		contentType: problemJSON, want: body401, same: []string{"Content-Length", "Content-Language", "X-Content-Type-Options"},
		check: func(t *testing.T, got answer, logs string) {
			basicChallenge(t, got, logs)
			varyLists("Accept", "Accept-Language")(t, got, logs)
		},
	},
	{
		// The static file server of each framework built on http.ServeContent (http.FileServerFS, echo's
		// e.StaticFS, gin's router.StaticFS) over the same file: its text is the detail.
		name: "unsatisfiable range", stacks: []string{sNetHTTP, sChi, sGorilla, sEcho, sEchoV5, sGin},
		method: "GET", target: "/files/data.txt",
		header: map[string]string{"Range": "bytes=999999-"}, status: 416, contentType: problemJSON,
		want: body416Text, fields: map[string]string{"Content-Range": "bytes */13"}, same: problemHeaders,
	},
	{
		// fiber's static with ByteRange: fasthttp answers "Range Not Satisfiable", the status's text, and sends
		// no Content-Range.
		name: "unsatisfiable range on fiber", stacks: []string{sFiber}, method: "GET", target: "/files/data.txt",
		header: map[string]string{"Range": "bytes=999999-"}, status: 416, contentType: problemJSON,
		want: body416,
		check: func(t *testing.T, got answer, _ string) {
			if v := got.header.Values("Content-Range"); v != nil {
				t.Errorf("Content-Range %q, where fasthttp sends none", v)
			}
		},
	},
	{
		// http.TimeoutHandler, echo v5's middleware.ContextTimeout. echo v4's middleware.Timeout races by
		// design and is left out, as is gin-contrib/timeout.
		name: "timed out: 503", stacks: []string{sNetHTTP, sChi, sGorilla, sEchoV5}, loopback: true,
		opts: options{timeout: 50 * time.Millisecond}, method: "GET", target: "/slow", status: 503,
		contentType: problemJSON, want: body503, same: problemHeaders,
	},
	{
		name: "timed out: 408", stacks: []string{sFiber}, opts: options{timeout: 50 * time.Millisecond},
		method: "GET", target: "/slow", status: 408, contentType: problemJSON, want: body408,
	},

	// Framework idioms.
	{
		name: "gin c.AbortWithError renders its error", stacks: []string{sGin},
		method: "GET", target: "/lost/42", status: 404, contentType: problemJSON, want: body404,
	},
	{
		// A 1xx is not the response: the problem follows it.
		name: "103 Early Hints, then NotFound", stacks: []string{sNetHTTP, sChi, sGorilla, sEcho, sEchoV5, sFiber}, loopback: true,
		method: "GET", target: "/hints", status: 404, contentType: problemJSON, want: body404, same: problemHeaders,
		check: func(t *testing.T, got answer, _ string) {
			if !slices.Equal(got.informational, []int{http.StatusEarlyHints}) {
				t.Errorf("informational responses %v, want [103]", got.informational)
			}
		},
	},
}

// errTeapot is a foreign error that knows its status, wrapped, as many libraries' errors are.
var errTeapot = fmt.Errorf("brewing: %w", statusError{http.StatusTeapot})

// statusError is a foreign error that knows its status.
type statusError struct{ code int }

func (e statusError) Error() string   { return "status " + fmt.Sprint(e.code) }
func (e statusError) StatusCode() int { return e.code }

func TestConformance(t *testing.T) {
	schema := problemSchema(t)
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			var first *answer
			var firstName string
			for _, fw := range frameworks {
				if sc.stacks != nil && !slices.Contains(sc.stacks, fw.name) {
					continue
				}
				var got answer
				t.Run(fw.name, func(t *testing.T) {
					got = sc.play(t, fw)
					sc.verify(t, fw, got, schema)
					// The body is pinned exactly above; the header fields that matter are compared with those of
					// the first stack that answered right, so that one stack's failure is not reported as another's.
					if first == nil {
						if !t.Failed() {
							first, firstName = &got, fw.name
						}
						return
					}
					for _, k := range sc.same {
						if a, b := first.header.Values(k), got.header.Values(k); !slices.Equal(a, b) {
							t.Errorf("%s %q, %s has %q", k, b, firstName, a)
						}
					}
				})
			}
		})
	}
}

// play serves the scenario's request with stack fw, on a loopback server or a recorder.
func (sc scenario) play(t *testing.T, fw framework) answer {
	t.Helper()
	var logs syncBuffer
	rd := recordingRenderer(&logs)
	rd.TypeBase = sc.typeBase
	rd.Map = sc.mapError
	h := fw.build(rd, sc.opts)
	var got answer
	if sc.loopback {
		got = serveLoopback(t, h, sc.method, sc.target, sc.body, sc.header)
	} else {
		got = serve(h, sc.method, sc.target, sc.body, sc.header)
	}
	got.logs = logs.String()
	return got
}

// verify checks got against the scenario.
func (sc scenario) verify(t *testing.T, fw framework, got answer, schema *jsonschema.Schema) {
	want, contentType := sc.want, sc.contentType
	if sc.native {
		want, contentType = fw.userBody, fw.userType
	}
	problem := strings.HasPrefix(contentType, "application/problem")
	if got.status != sc.status {
		t.Errorf("status %d, want %d (body %q)", got.status, sc.status, got.body)
	}
	ct := got.header.Get("Content-Type")
	if problem && ct != contentType || !problem && !strings.HasPrefix(strings.ToLower(ct), contentType) {
		t.Errorf("Content-Type %q, want %q", ct, contentType)
	}
	if got.body != want {
		t.Errorf("body\n%q\nwant\n%q", got.body, want)
	}
	if problem {
		if cl := got.header.Get("Content-Length"); cl != fmt.Sprint(len(got.body)) && !(sc.method == "HEAD" && cl != "") {
			t.Errorf("Content-Length %q for a body of %d bytes", cl, len(got.body))
		}
		if v := got.header.Get("X-Content-Type-Options"); v != "nosniff" {
			t.Errorf("X-Content-Type-Options %q", v)
		}
		lang := sc.language
		if lang == "" {
			lang = "en"
		}
		if v := got.header.Get("Content-Language"); v != lang {
			t.Errorf("Content-Language %q, want %q", v, lang)
		}
		if ct == problemJSON && sc.method != "HEAD" && got.body != "" {
			if inst, err := jsonschema.UnmarshalJSON(strings.NewReader(got.body)); err != nil {
				t.Errorf("body is not JSON: %v", err)
			} else if err := schema.Validate(inst); err != nil {
				t.Errorf("body does not validate against httperrdoc.Schema: %v", err)
			}
		}
	}
	for k, v := range sc.fields {
		if g := got.header.Values(k); !slices.Equal(g, []string{v}) {
			t.Errorf("%s %q, want %q", k, g, v)
		}
	}
	if len(sc.allowHas) > 0 {
		allow := strings.Join(got.header.Values("Allow"), ",")
		for _, m := range sc.allowHas {
			if !slices.Contains(strings.Split(strings.ReplaceAll(allow, " ", ""), ","), m) {
				t.Errorf("Allow %q does not list %s", allow, m)
			}
		}
	}
	if sc.secret {
		if strings.Contains(got.body, "hunter2") || strings.Contains(fmt.Sprint(got.header), "hunter2") {
			t.Errorf("the secret cause leaked: %v %s", got.header, got.body)
		}
	}
	if got.serverLog != "" {
		t.Errorf("net/http logged:\n%s", got.serverLog)
	}
	if sc.check != nil {
		sc.check(t, got, got.logs)
	}
}
