package httperr

import (
	"github.com/httperr/toolkit/internal/statustext"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestXMLGoldenValues parses every XML golden file back with encoding/xml and checks its values.
func TestXMLGoldenValues(t *testing.T) {
	expect := map[string]func(t *testing.T, p *xmlNode){
		"not-found.xml": func(t *testing.T, p *xmlNode) {
			wantText(t, p, map[string]string{"type": "about:blank", "title": "Not Found", "status": "404", "detail": "user not found"})
			if p.has("instance") {
				t.Error("instance present")
			}
		},
		"conflict-extensions.xml": func(t *testing.T, p *xmlNode) {
			wantText(t, p, map[string]string{
				"title": "Conflict", "status": "409", "detail": "the email ann@example.com is already taken",
				"email": "ann@example.com", "attempts": "3", "ratio": "0.25", "verified": "false",
			})
			o := p.child(t, "owner")
			if got := o.names(); !slices.Equal(got, []string{"address", "id", "name", "roles"}) {
				t.Errorf("owner children %q", got)
			}
			wantText(t, o, map[string]string{"id": "7", "name": "Ann <ann@example.com> & co"})
			wantText(t, o.child(t, "address"), map[string]string{"city": "Paris", "zip": "75001"})
			if got := o.child(t, "roles").items(); !slices.Equal(got, []string{"admin", "dev"}) {
				t.Errorf("roles %q", got)
			}
		},
		"validation.xml": func(t *testing.T, p *xmlNode) {
			wantText(t, p, map[string]string{"title": "Unprocessable Content", "status": "422"})
			errs := p.child(t, "errors")
			if len(errs.Nodes) != 3 {
				t.Fatalf("%d error items, want 3", len(errs.Nodes))
			}
			want := [][2]string{
				{"#/age", "must be a positive integer"},
				{"#/email", "must be an email address"},
				{"#/profile/color", `must be "green", "red" or "blue"`},
			}
			for i, it := range errs.Nodes {
				if it.XMLName.Local != "i" {
					t.Errorf("item %d is <%s>, want <i>", i, it.XMLName.Local)
				}
				wantText(t, &it, map[string]string{"pointer": want[i][0], "detail": want[i][1]})
			}
		},
		"service-unavailable.xml": func(t *testing.T, p *xmlNode) {
			wantText(t, p, map[string]string{"title": "Service Unavailable", "status": "503"})
		},
		"internal-secret.xml": func(t *testing.T, p *xmlNode) {
			wantText(t, p, map[string]string{"title": "Internal Server Error", "status": "500", "detail": English().Description(500)})
			if p.has("cause") {
				t.Error("cause present")
			}
		},
		"expose-cause.xml": func(t *testing.T, p *xmlNode) {
			wantText(t, p, map[string]string{"status": "500", "cause": "load user 42: " + errSecret.Error()})
		},
		"french.xml": func(t *testing.T, p *xmlNode) {
			title, desc := statustext.Text(404, langFrench)
			wantText(t, p, map[string]string{"title": title, "detail": desc, "status": "404"})
		},
		"escaping.xml": func(t *testing.T, p *xmlNode) {
			wantText(t, p, map[string]string{
				"detail": "<script>alert(\"x\") & 'y'</script> \u2028 tab\there nul\uFFFD bad\uFFFD",
				"html":   "</p><p>&amp;",
			})
		},
		"unencodable-extension.xml": func(t *testing.T, p *xmlNode) {
			wantText(t, p, map[string]string{"kept": "yes"})
			if p.has("channel") || p.has("nan") {
				t.Errorf("unencodable members present: %q", p.names())
			}
		},
	}
	files, err := filepath.Glob(filepath.Join(goldenDir, "*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no XML golden files: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			status, h, body := splitDump(t, data)
			if h.Get("Content-Type") != "application/problem+xml" {
				t.Errorf("Content-Type %q", h.Get("Content-Type"))
			}
			p := checkXMLProblem(t, status, body)
			check, ok := expect[filepath.Base(f)]
			if !ok {
				t.Fatal("no expectations for this file: add them")
			}
			check(t, p)
		})
	}
}

// TestJSONGoldenValues decodes the JSON golden files and checks the values that matter.
func TestJSONGoldenValues(t *testing.T) {
	read := func(t *testing.T, name string) (int, http.Header, map[string]any) {
		data, err := os.ReadFile(filepath.Join(goldenDir, name))
		if err != nil {
			t.Fatal(err)
		}
		status, h, body := splitDump(t, data)
		if h.Get("Content-Type") != "application/problem+json" {
			t.Errorf("Content-Type %q", h.Get("Content-Type"))
		}
		var m map[string]any
		if len(body) > 0 {
			m = checkJSONProblem(t, status, body)
		}
		return status, h, m
	}
	t.Run("validation", func(t *testing.T) {
		_, _, m := read(t, "validation.json")
		errs, _ := m["errors"].([]any)
		if len(errs) != 3 {
			t.Fatalf("errors %v", m["errors"])
		}
		for _, e := range errs {
			v := e.(map[string]any)
			if len(v) != 2 || v["detail"] == nil || !strings.HasPrefix(v["pointer"].(string), "#/") {
				t.Errorf("violation %v: want exactly detail and a #/ pointer", v)
			}
		}
	})
	t.Run("type base", func(t *testing.T) {
		if _, _, m := read(t, "type-base.json"); m["type"] != "https://example.com/problems/not-found" {
			t.Errorf("type %v", m["type"])
		}
	})
	t.Run("enrich", func(t *testing.T) {
		_, _, m := read(t, "enrich.json")
		if m["instance"] != "/requests/7f3c" || m["trace_id"] != "4bf92f3577b34da6a3ce929d0e0e4736" {
			t.Errorf("instance %v, trace_id %v", m["instance"], m["trace_id"])
		}
	})
	t.Run("retry after", func(t *testing.T) {
		if _, h, _ := read(t, "service-unavailable.json"); h.Get("Retry-After") != "90" {
			t.Errorf("Retry-After %q", h.Get("Retry-After"))
		}
	})
	t.Run("unauthorized", func(t *testing.T) {
		if _, h, _ := read(t, "unauthorized.json"); h.Get("Www-Authenticate") != "Bearer" {
			t.Errorf("WWW-Authenticate %q", h.Get("Www-Authenticate"))
		}
	})
	t.Run("method not allowed", func(t *testing.T) {
		if _, h, _ := read(t, "method-not-allowed.json"); h.Get("Allow") != "GET, HEAD" {
			t.Errorf("Allow %q", h.Get("Allow"))
		}
	})
	t.Run("escaping", func(t *testing.T) {
		_, _, m := read(t, "escaping.json")
		if m["detail"] != "<script>alert(\"x\") & 'y'</script> \u2028 tab\there nul\x00 bad\uFFFD" || m["html"] != "</p><p>&amp;" {
			t.Errorf("detail %q, html %q", m["detail"], m["html"])
		}
	})
	t.Run("conflict", func(t *testing.T) {
		_, _, m := read(t, "conflict-extensions.json")
		owner, _ := m["owner"].(map[string]any)
		if m["attempts"] != 3.0 || m["ratio"] != 0.25 || m["verified"] != false || owner["name"] != "Ann <ann@example.com> & co" {
			t.Errorf("extensions %v", m)
		}
	})
	t.Run("head", func(t *testing.T) {
		_, hh, _ := read(t, "head.json")
		_, hg, _ := read(t, "not-found.json")
		if !headersEqual(hh, hg) {
			t.Errorf("HEAD header\n%v\nGET header\n%v", hh, hg)
		}
	})
}
