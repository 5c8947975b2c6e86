package httperrdoc_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrdoc"
	"github.com/httperr/toolkit/internal/testkit"
	"github.com/httperr/toolkit/ratelimit"
)

// hostile is a type whose texts hold every character HTML gives a meaning to.
var hostile = httperr.NewProblemType("https://example.com/problems/hostile", http.StatusConflict,
	httperr.TypeText{Tag: language.English, Title: `<script>alert("t")</script>`, Description: `a & b <b>'c'</b>`,
		Members: map[string]string{"m": `</td><img src=x onerror=alert(1)>`}},
).WithMembers(httperr.Member{Name: "m", Schema: `{"type":"string","pattern":"^<[a-z]+>$"}`, Example: "<i>"})

func docs() http.Handler {
	rd := testkit.Quiet()
	rd.TypeBase = "https://example.com/problems/"
	return httperrdoc.Handler(rd, "https://example.com/problems/", outOfCredit, hostile, ratelimit.QuotaExceeded(),
		httperr.NewProblemType("https://elsewhere.example/problems/x", 400))
}

func get(h http.Handler, method, path string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestHandlerHTMLEscaped(t *testing.T) {
	w := get(docs(), http.MethodGet, "/problems/hostile", "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	want := `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;</title>
</head>
<body>
<h1>&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;</h1>
<p><code>https://example.com/problems/hostile</code></p>
<p>Status: 409</p>
<p>a &amp; b &lt;b&gt;&#39;c&#39;&lt;/b&gt;</p>
<h2>Extension members</h2>
<table>
<tr><th>Member</th><th>Required</th><th>Schema</th><th></th></tr>
<tr><td><code>m</code></td><td>no</td><td><code>{&#34;type&#34;:&#34;string&#34;,&#34;pattern&#34;:&#34;^&lt;[a-z]&#43;&gt;$&#34;}</code></td><td>&lt;/td&gt;&lt;img src=x onerror=alert(1)&gt;</td></tr>
</table>
<h2>Example</h2>
<pre>{
  &#34;type&#34;: &#34;https://example.com/problems/hostile&#34;,
  &#34;title&#34;: &#34;\u003cscript\u003ealert(\&#34;t\&#34;)\u003c/script\u003e&#34;,
  &#34;status&#34;: 409,
  &#34;detail&#34;: &#34;a \u0026 b \u003cb\u003e&#39;c&#39;\u003c/b\u003e&#34;,
  &#34;m&#34;: &#34;\u003ci\u003e&#34;
}</pre>
</body>
</html>
`
	if w.Code != 200 || w.Body.String() != want {
		t.Errorf("%d\n%s", w.Code, w.Body)
	}
	for k, v := range map[string]string{"Content-Type": "text/html; charset=utf-8", "Content-Language": "en", "Vary": "Accept, Accept-Language", "X-Content-Type-Options": "nosniff", "Content-Length": strconv.Itoa(len(want))} {
		if got := w.Header().Get(k); got != v {
			t.Errorf("%s: %q, want %q", k, got, v)
		}
	}
}

func TestHandlerFrench(t *testing.T) {
	w := get(docs(), http.MethodGet, "/problems/out-of-credit", "Accept-Language", "fr-FR, en;q=0.5")
	body := w.Body.String()
	for _, s := range []string{`<html lang="fr">`, "<h1>Vous n&#39;avez pas assez de crédit.</h1>", "<p>Statut: 403</p>",
		"<h2>Membres d&#39;extension</h2>", "<td>Le solde du compte, en centimes.</td>", "<h2>Exemple</h2>", "<td>oui</td>",
		`&#34;balance&#34;: 30`} {
		if !strings.Contains(body, s) {
			t.Errorf("no %q in\n%s", s, body)
		}
	}
	if w.Header().Get("Content-Language") != "fr" {
		t.Errorf("Content-Language %q", w.Header().Get("Content-Language"))
	}
}

func TestHandlerJSON(t *testing.T) {
	w := get(docs(), http.MethodGet, "/problems/out-of-credit", "Accept", "application/json")
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("%d %q", w.Code, w.Header().Get("Content-Type"))
	}
	var got struct {
		Type, Title, Description string
		Status                   int
		Members                  []struct {
			Name, Description string
			Required          bool
			Schema            map[string]any
		}
		Example map[string]any
		Schema  map[string]any
	}
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Type != outOfCredit.URI() || got.Status != 403 || got.Title != "You do not have enough credit." ||
		len(got.Members) != 2 || got.Members[0].Name != "balance" || !got.Members[0].Required || got.Members[0].Schema["type"] != "integer" ||
		got.Example["balance"] != 30.0 || got.Schema["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("%s", w.Body)
	}
}

func TestHandlerAnswers(t *testing.T) {
	tests := []struct {
		name, method, path string
		header             []string
		status             int
		contentType        string
		title              string // the <h1> or the problem's title
	}{
		{"browser", "GET", "/problems/out-of-credit", []string{"Accept", "text/html"}, 200, "text/html; charset=utf-8", "You do not have enough credit."},
		{"curl", "GET", "/problems/out-of-credit", []string{"Accept", "*/*"}, 200, "text/html; charset=utf-8", "You do not have enough credit."},
		{"json preferred", "GET", "/problems/out-of-credit", []string{"Accept", "text/html;q=0.5, application/json"}, 200, "application/json", ""},
		{"json, html refused", "GET", "/problems/out-of-credit", []string{"Accept", "application/*;q=0.1, text/html;q=0"}, 200, "application/json", ""},
		{"html preferred", "GET", "/problems/out-of-credit", []string{"Accept", "application/json;q=0.5, text/*"}, 200, "text/html; charset=utf-8", ""},
		// Accept is read within httperr's own caps (1,024 bytes, 32 elements): past them, json is not seen.
		{"json within the byte cap", "GET", "/problems/out-of-credit", []string{"Accept", "text/html;q=0.5," + strings.Repeat(" ", 980) + "application/json"}, 200, "application/json", ""},
		{"json past the byte cap", "GET", "/problems/out-of-credit", []string{"Accept", "text/html;q=0.5," + strings.Repeat(" ", 1100) + "application/json"}, 200, "text/html; charset=utf-8", ""},
		{"json past 32 elements", "GET", "/problems/out-of-credit", []string{"Accept", "text/html;q=0.5" + strings.Repeat(",image/png", 31) + ",application/json"}, 200, "text/html; charset=utf-8", ""},
		{"status type from TypeBase", "GET", "/problems/not-found", nil, 200, "text/html; charset=utf-8", "Not Found"},
		{"status type in French", "GET", "/problems/too-many-requests", []string{"Accept-Language", "fr"}, 200, "text/html; charset=utf-8", "Trop de requêtes"},
		{"unknown type", "GET", "/problems/nothing", nil, 404, "application/problem+json", "Not Found"},
		{"IANA type: not ours", "GET", "/assignments/http-problem-types", nil, 404, "application/problem+json", "Not Found"},
		{"another host's type", "GET", "/problems/x", nil, 404, "application/problem+json", "Not Found"},
		{"POST", "POST", "/problems/out-of-credit", nil, 405, "application/problem+json", "Method Not Allowed"},
		{"HEAD", "HEAD", "/problems/out-of-credit", nil, 200, "text/html; charset=utf-8", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := get(docs(), tc.method, tc.path, tc.header...)
			if w.Code != tc.status || w.Header().Get("Content-Type") != tc.contentType {
				t.Fatalf("%d %q\n%s", w.Code, w.Header().Get("Content-Type"), w.Body)
			}
			if tc.method == "HEAD" && (w.Body.Len() != 0 || w.Header().Get("Content-Length") == "0") {
				t.Errorf("HEAD: body %d bytes, Content-Length %q", w.Body.Len(), w.Header().Get("Content-Length"))
			}
			if tc.status == 405 && w.Header().Get("Allow") != "GET, HEAD" {
				t.Errorf("Allow %q", w.Header().Get("Allow"))
			}
			if tc.title != "" && !strings.Contains(w.Body.String(), "<h1>"+tc.title+"</h1>") && !strings.Contains(w.Body.String(), `"title":"`+tc.title+`"`) {
				t.Errorf("no title %q in\n%s", tc.title, w.Body)
			}
		})
	}
}

func TestHandlerZero(t *testing.T) {
	// A nil Renderer and no TypeBase: only the declared types.
	d := httperrdoc.Handler(nil, "https://example.com/problems/", outOfCredit)
	if w := get(d, "GET", "/problems/out-of-credit"); w.Code != 200 {
		t.Errorf("declared type: %d", w.Code)
	}
	if w := get(d, "GET", "/problems/not-found"); w.Code != 404 {
		t.Errorf("status type without TypeBase: %d", w.Code)
	}
	if w := get(httperrdoc.Handler(nil, ""), "GET", "/problems/out-of-credit"); w.Code != 404 {
		t.Errorf("no base: %d", w.Code)
	}
}
