package httperr_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrclient"
	"github.com/httperr/toolkit/internal/testkit"
)

// coded is outOfCredit with a stable code.
var coded = outOfCredit.WithCode("out_of_credit")

func TestProblemTypeCodeRenders(t *testing.T) {
	rd := testkit.Quiet()
	tests := []struct {
		name   string
		err    error
		header []string
		body   string
	}{
		{"json, among the extensions by name", coded.New("d").With("balance", 30).With("accounts", []string{"/a/1"}), nil,
			`{"type":"https://example.com/problems/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"d","accounts":["/a/1"],"balance":30,"code":"out_of_credit"}`},
		{"french: the code is not translated", coded.New("d"), []string{"Accept-Language", "fr"},
			`{"type":"https://example.com/problems/out-of-credit","title":"Vous n'avez pas assez de crédit.","status":403,"detail":"d","code":"out_of_credit"}`},
		{"newf", coded.Newf("charging: %d", 50), nil,
			`{"type":"https://example.com/problems/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"charging: 50","code":"out_of_credit"}`},
		{"the application's own member wins", coded.New("d").With("code", "mine"), nil,
			`{"type":"https://example.com/problems/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"d","code":"mine"}`},
		{"xml", coded.New("d").With("balance", 30), []string{"Accept", "application/problem+xml"},
			`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<problem xmlns="urn:ietf:rfc:7807"><type>https://example.com/problems/out-of-credit</type><title>You do not have enough credit.</title><status>403</status><detail>d</detail><balance>30</balance><code>out_of_credit</code></problem>`},
		{"the type without a code sends none", outOfCredit.New("d"), nil,
			`{"type":"https://example.com/problems/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"d"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if w := testkit.Render(rd, tc.err, tc.header...); w.Code != 403 || w.Body.String() != tc.body+"\n" {
				t.Errorf("got %d\n%s\nwant\n%s", w.Code, w.Body, tc.body)
			}
		})
	}
	if got := coded.New("d").Extensions()["code"]; got != "out_of_credit" {
		t.Errorf(`Extensions()["code"] = %v`, got)
	}
}

// TestProblemTypeCodeAllocs: the code member is shared by the type's errors, so building one costs no more.
func TestProblemTypeCodeAllocs(t *testing.T) {
	without := testing.AllocsPerRun(100, func() { outOfCredit.New("d") })
	if with := testing.AllocsPerRun(100, func() { coded.New("d") }); with != without {
		t.Errorf("New: %v allocations with a code, %v without", with, without)
	}
}

func TestProblemTypeCodeIsAMember(t *testing.T) {
	ms := coded.Members()
	if len(ms) != 3 || ms[2] != (httperr.Member{Name: "code", Schema: `{"type":"string","const":"out_of_credit"}`, Example: "out_of_credit", Required: true}) {
		t.Errorf("Members() = %+v", ms)
	}
	if len(outOfCredit.Members()) != 2 {
		t.Error("WithCode changed the original")
	}
	again := coded.WithCode("no_credit")
	if ms := again.Members(); len(ms) != 3 || ms[2].Example != "no_credit" || again.New("").Extensions()["code"] != "no_credit" {
		t.Errorf("a second WithCode: %+v", ms)
	}
	if coded.New("").Extensions()["code"] != "out_of_credit" {
		t.Error("a second WithCode changed the first")
	}
	// A member named code declared before the code is replaced by it; the code's place is kept.
	own := httperr.NewProblemType("urn:x", 409).WithMembers(httperr.Member{Name: "code", Schema: `{"type":"integer"}`}, httperr.Member{Name: "b"}).WithCode("c")
	if ms := own.Members(); len(ms) != 2 || ms[0].Schema != `{"type":"string","const":"c"}` {
		t.Errorf("Members() = %+v", ms)
	}
	// Other With methods keep the code.
	if got := coded.WithMembers(httperr.Member{Name: "price"}).WithText(httperr.TypeText{}).New("").Extensions()["code"]; got != "out_of_credit" {
		t.Errorf("code after WithMembers and WithText: %v", got)
	}
}

func TestProblemTypeCodePanics(t *testing.T) {
	for _, code := range []string{"", "Out_of_credit", "1st", "_x", "out-of-credit", "out of credit", "crédit", "a\n", "OUT"} {
		t.Run(code, func(t *testing.T) {
			defer func() {
				p, _ := recover().(string)
				if !strings.Contains(p, "httperr: problem type \"https://example.com/problems/out-of-credit\": code ") || !strings.Contains(p, "[a-z][a-z0-9_]*") {
					t.Errorf("panic %q", p)
				}
			}()
			outOfCredit.WithCode(code)
		})
	}
	t.Run("member named code after WithCode", func(t *testing.T) {
		defer func() {
			if p, _ := recover().(string); !strings.Contains(p, "WithCode") {
				t.Errorf("panic %q", p)
			}
		}()
		coded.WithMembers(httperr.Member{Name: "code"})
	})
	for _, code := range []string{"a", "out_of_credit", "v2", "a_1_b"} {
		outOfCredit.WithCode(code) // no panic
	}
}

// TestProblemTypeCodeDecodes reads the code back from a response, JSON and XML: an extension member, which
// is what a client of another language sees too.
func TestProblemTypeCodeDecodes(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		testkit.Quiet().Render(w, r, coded.New("d").With("balance", 30))
	}))
	defer srv.Close()
	for _, accept := range []string{"application/problem+json", "application/problem+xml"} {
		t.Run(accept, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
			req.Header.Set("Accept", accept)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			e := httperr.From(httperrclient.FromResponse(res))
			if e.Extensions()["code"] != "out_of_credit" || !coded.Matches(e) || e.Status() != 403 {
				t.Errorf("decoded %v: extensions %v", e, e.Extensions())
			}
		})
	}
}
