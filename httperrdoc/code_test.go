package httperrdoc_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrdoc"
	"github.com/httperr/toolkit/internal/testkit"
)

// coded is outOfCredit with a stable code.
var coded = outOfCredit.WithCode("out_of_credit")

// codeSchema is the schema that typeSchema and Components give the code member of coded.
var codeSchema = map[string]any{"type": "string", "const": "out_of_credit",
	"description": "A stable key of the problem type, to match on rather than the title, which may be reworded or translated."}

func TestTypeSchemaCode(t *testing.T) {
	var s struct {
		AllOf []struct {
			Properties map[string]any
			Required   []string
		}
	}
	if err := json.Unmarshal(httperrdoc.TypeSchema(coded), &s); err != nil || len(s.AllOf) != 2 {
		t.Fatalf("%v %s", err, httperrdoc.TypeSchema(coded))
	}
	own := s.AllOf[1]
	if !reflect.DeepEqual(own.Properties["code"], codeSchema) || !reflect.DeepEqual(own.Required, []string{"balance", "code"}) {
		t.Errorf("code %v, required %v", own.Properties["code"], own.Required)
	}
	// A description the type gives wins.
	described := coded.WithText(httperr.TypeText{Tag: outOfCredit.Texts()[0].Tag, Members: map[string]string{"code": "Our key."}})
	json.Unmarshal(httperrdoc.TypeSchema(described), &s) //nolint:errcheck // checked above
	if d := s.AllOf[1].Properties["code"].(map[string]any)["description"]; d != "Our key." {
		t.Errorf("description %v", d)
	}
}

func TestComponentsCode(t *testing.T) {
	var c struct {
		Schemas map[string]struct {
			AllOf []struct {
				Properties map[string]any
			}
		}
	}
	if err := json.Unmarshal(httperrdoc.Components([]int{403}, coded), &c); err != nil {
		t.Fatal(err)
	}
	if got := c.Schemas["OutOfCredit"].AllOf[1].Properties["code"]; !reflect.DeepEqual(got, codeSchema) {
		t.Errorf("code %v", got)
	}
}

func TestHandlerCode(t *testing.T) {
	rd := testkit.Quiet()
	h := httperrdoc.Handler(rd, "https://example.com/problems/", coded)
	tests := []struct {
		name, lang string
		has        []string
	}{
		{"english", "", []string{"<p>Status: 403</p>\n<p>Code: <code>out_of_credit</code></p>",
			"<tr><td><code>code</code></td><td>yes</td><td><code>{&#34;type&#34;:&#34;string&#34;,&#34;const&#34;:&#34;out_of_credit&#34;}</code></td><td>A stable key of the problem type, to match on rather than the title, which may be reworded or translated.</td></tr>",
			"&#34;code&#34;: &#34;out_of_credit&#34;"}},
		{"french", "fr", []string{"<p>Statut: 403</p>\n<p>Code: <code>out_of_credit</code></p>",
			"<td>Une clé stable du type de problème, à comparer plutôt que le titre, qui peut être reformulé ou traduit.</td>"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := get(h, http.MethodGet, "/problems/out-of-credit", "Accept-Language", tc.lang).Body.String()
			for _, s := range tc.has {
				if !strings.Contains(body, s) {
					t.Errorf("no %q in\n%s", s, body)
				}
			}
		})
	}
	// Without a code, no such line.
	if body := get(docs(), http.MethodGet, "/problems/out-of-credit").Body.String(); strings.Contains(body, "Code:") {
		t.Errorf("a code line for a type without one:\n%s", body)
	}
	w := get(h, http.MethodGet, "/problems/out-of-credit", "Accept", "application/json")
	var desc struct {
		Status int
		Code   string
	}
	if err := json.Unmarshal(w.Body.Bytes(), &desc); err != nil || desc.Code != "out_of_credit" ||
		!strings.Contains(w.Body.String(), `"status": 403,`+"\n"+`  "code": "out_of_credit",`) {
		t.Errorf("%v\n%s", err, w.Body)
	}
	if w := get(docs(), http.MethodGet, "/problems/out-of-credit", "Accept", "application/json"); strings.Contains(w.Body.String(), "\n  \"code\"") {
		t.Errorf("a code for a type without one:\n%s", w.Body)
	}
}
