// Package httperrtest checks, in a service's own tests, that a response is the RFC 9457 problem it should
// be: status, type, title, detail, instance, extension members, violations and header fields, with a
// failure message that lists every difference and shows the body.
//
//	rec := httptest.NewRecorder()
//	handler.ServeHTTP(rec, httptest.NewRequest("GET", "/users/42", nil))
//	httperrtest.AssertRecorder(t, rec, httperrtest.Problem{Status: 404, Detail: "user not found"})
//
// The helpers take a [testing.TB] and call its Helper method, as the standard library's helpers do, so that
// a failure is reported at the caller's line; they report with Errorf, so that a test goes on.
package httperrtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/httperr/toolkit/httperr"
)

// maxBody is the most bytes of a response body read.
const maxBody = 1 << 20

// Problem is the problem a response is expected to be. Its zero fields are not checked: a Problem with a
// Status alone checks the status and that the body is a problem document.
type Problem struct {
	Status   int    // the HTTP status, which the "status" member must repeat when it is sent
	Type     string // the "type" member; "about:blank" is what a problem without a type sends
	Title    string
	Detail   string
	Instance string

	// Members are extension members the body must have, each with a value equal to the given one once both
	// are JSON ([]string{"a"} equals ["a"], 3 equals 3.0). Members the map does not name are not checked.
	Members map[string]any

	// Absent names members that must not be in the body: a "cause" that must not leak, say. A name cannot
	// be in both Members and Absent.
	Absent []string

	// Violations, when not nil, are what the "errors" member must list, in order ([httperr.Validation]):
	// pointer, detail and extension members of each. An empty, non-nil slice wants no "errors" member.
	Violations []httperr.Violation

	// Header holds header fields the response must have, each with exactly these values.
	Header http.Header
}

// AssertRecorder reports, through tb.Errorf, every way in which the response recorded by rec differs from
// want, and whether there was none. It reads the recorded body without consuming it.
func AssertRecorder(tb testing.TB, rec *httptest.ResponseRecorder, want Problem) bool {
	tb.Helper()
	if rec == nil {
		tb.Errorf("httperrtest: nil *httptest.ResponseRecorder")
		return false
	}
	res := rec.Result()
	return check(tb, res.StatusCode, res.Header, rec.Body.Bytes(), want)
}

// AssertResponse reports, through tb.Errorf, every way in which res differs from want, and whether there was
// none. It reads at most 1 MiB of res.Body and closes it, then leaves a reader over the bytes read in
// res.Body, so that the caller can read the body again.
func AssertResponse(tb testing.TB, res *http.Response, want Problem) bool {
	tb.Helper()
	if res == nil {
		tb.Errorf("httperrtest: nil *http.Response")
		return false
	}
	var body []byte
	if res.Body != nil {
		var err error
		body, err = io.ReadAll(io.LimitReader(res.Body, maxBody))
		res.Body.Close()
		res.Body = io.NopCloser(bytes.NewReader(body))
		if err != nil {
			tb.Errorf("httperrtest: reading the body: %v", err)
			return false
		}
	}
	return check(tb, res.StatusCode, res.Header, body, want)
}

// check compares one response with want and reports the differences in one message.
func check(tb testing.TB, status int, header http.Header, body []byte, want Problem) bool {
	tb.Helper()
	var diffs []string
	differ := func(format string, args ...any) { diffs = append(diffs, fmt.Sprintf(format, args...)) }

	if want.Status != 0 && status != want.Status {
		differ("status: got %d, want %d", status, want.Status)
	}
	for _, k := range sortedKeys(want.Header) {
		if got := header.Values(k); !slices.Equal(got, want.Header[k]) {
			differ("header %s: got %q, want %q", k, got, want.Header[k])
		}
	}
	doc, err := decode(header, body)
	if err != nil {
		differ("body: %v", err)
	} else {
		if v, ok := doc["status"]; ok {
			if n, isNum := v.(float64); !isNum || int(n) != status || n != float64(int(n)) {
				differ(`member "status": got %s, but the response's status is %d`, jsonText(v), status)
			}
		}
		for _, m := range [...]struct{ name, want string }{
			{"type", want.Type}, {"title", want.Title}, {"detail", want.Detail}, {"instance", want.Instance},
		} {
			if m.want == "" {
				continue
			}
			got, ok := doc[m.name]
			switch {
			case !ok && m.name == "type" && m.want == "about:blank":
				// RFC 9457 section 3.1.1: an absent type is "about:blank"
			case !ok:
				differ("%s: missing, want %q", m.name, m.want)
			case got != m.want:
				differ("%s: got %s, want %q", m.name, jsonText(got), m.want)
			}
		}
		for _, name := range sortedKeys(want.Members) {
			compareMember(differ, doc, name, want.Members[name])
		}
		for _, name := range want.Absent {
			if _, wanted := want.Members[name]; wanted {
				differ("member %q: both in Members and in Absent", name)
			} else if got, ok := doc[name]; ok {
				differ("member %q: got %s, want none", name, jsonText(got))
			}
		}
		if want.Violations != nil {
			compareViolations(differ, doc, want.Violations)
		}
	}
	if len(diffs) == 0 {
		return true
	}
	tb.Errorf("httperrtest: the response is not the problem wanted:\n\t%s\nbody: %s", strings.Join(diffs, "\n\t"), bytes.TrimSpace(body))
	return false
}

// decode checks that the response is an application/problem+json document and decodes its members.
func decode(header http.Header, body []byte) (map[string]any, error) {
	ct := header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/problem+json" {
		return nil, fmt.Errorf("Content-Type is %q, want application/problem+json", ct)
	}
	var doc map[string]any
	d := json.NewDecoder(bytes.NewReader(body))
	if err := d.Decode(&doc); err != nil {
		return nil, fmt.Errorf("not a JSON object: %v", err)
	}
	if d.More() {
		return nil, fmt.Errorf("more than one JSON value")
	}
	return doc, nil
}

func compareMember(differ func(string, ...any), doc map[string]any, name string, want any) {
	got, ok := doc[name]
	wantJSON, err := asJSON(want)
	switch {
	case err != nil:
		differ("member %q: the wanted value does not encode as JSON: %v", name, err)
	case !ok:
		differ("member %q: missing, want %s", name, jsonText(wantJSON))
	case !reflect.DeepEqual(got, wantJSON):
		differ("member %q: got %s, want %s", name, jsonText(got), jsonText(wantJSON))
	}
}

func compareViolations(differ func(string, ...any), doc map[string]any, want []httperr.Violation) {
	got, ok := doc["errors"]
	if len(want) == 0 {
		if ok {
			differ(`member "errors": got %s, want none`, jsonText(got))
		}
		return
	}
	list := make([]any, len(want))
	for i, v := range want {
		m := make(map[string]any, len(v.Extensions)+2)
		for k, x := range v.Extensions {
			m[k] = x
		}
		m["pointer"], m["detail"] = v.Pointer, v.Detail
		list[i] = m
	}
	wantJSON, err := asJSON(list)
	switch {
	case err != nil:
		differ("violations: the wanted ones do not encode as JSON: %v", err)
	case !ok:
		differ(`violations: no "errors" member, want %s`, jsonText(wantJSON))
	case !reflect.DeepEqual(got, wantJSON):
		differ("violations:\n\t\tgot  %s\n\t\twant %s", jsonText(got), jsonText(wantJSON))
	}
}

// asJSON returns v as encoding/json decodes it into an any: the form of the decoded body.
func asJSON(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var x any
	err = json.Unmarshal(b, &x)
	return x, err
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
