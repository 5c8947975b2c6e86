package location

import (
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/httperr/toolkit/httperr"
)

func numErr(fn, s string) error {
	var err error
	switch fn {
	case "ParseBool":
		_, err = strconv.ParseBool(s)
	case "ParseFloat":
		_, err = strconv.ParseFloat(s, 64)
	default:
		_, err = strconv.ParseInt(s, 10, 64)
	}
	return err
}

func TestDetail(t *testing.T) {
	_, timeErr := time.Parse(time.RFC3339, "yesterday")
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"integer", numErr("ParseInt", "abc"), "must be an integer"},
		{"range", numErr("ParseInt", "99999999999999999999"), "is out of range"},
		{"boolean", numErr("ParseBool", "maybe"), "must be a boolean"},
		{"number", numErr("ParseFloat", "x"), "must be a number"},
		{"time", timeErr, "must be a time"},
		{"wrapped", fmt.Errorf("limit: %w", numErr("ParseInt", "abc")), "must be an integer"},
		{"other", errors.New("x"), "has an invalid value"},
		{"nil", nil, "has an invalid value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detail(tt.err); got != tt.want {
				t.Errorf("Detail = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestConversion(t *testing.T) {
	form := func() *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/?q=1", strings.NewReader("count=ten"))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		_ = r.ParseForm()
		return r
	}
	path := maps.All(map[string]string{"id": "abc"})
	tests := []struct {
		name string
		r    *http.Request
		err  error
		path bool
		want []httperr.Violation // nil: a 400 without violations
		none bool                // Conversion returns nil
	}{
		{name: "query", r: httptest.NewRequest("GET", "/?limit=abc", nil), err: numErr("ParseInt", "abc"),
			want: []httperr.Violation{{Parameter: "limit", Detail: "must be an integer"}}},
		{name: "second value of a query parameter", r: httptest.NewRequest("GET", "/?ids=1&ids=x", nil), err: numErr("ParseInt", "x"),
			want: []httperr.Violation{{Parameter: "ids", Detail: "must be an integer"}}},
		{name: "path", r: httptest.NewRequest("GET", "/items/abc", nil), err: numErr("ParseInt", "abc"), path: true,
			want: []httperr.Violation{{Parameter: "id", Detail: "must be an integer"}}},
		{name: "path and query under one name", r: httptest.NewRequest("GET", "/items/abc?id=abc", nil), err: numErr("ParseInt", "abc"), path: true,
			want: []httperr.Violation{{Parameter: "id", Detail: "must be an integer"}}},
		{name: "form body", r: form(), err: numErr("ParseInt", "ten"),
			want: []httperr.Violation{{Parameter: "count", Detail: "must be an integer"}}},
		{name: "header", r: func() *http.Request {
			r := httptest.NewRequest("GET", "/", nil)
			r.Header.Set("X-Api-Version", "two")
			return r
		}(), err: numErr("ParseInt", "two"), want: []httperr.Violation{{Header: "X-Api-Version", Detail: "must be an integer"}}},
		{name: "two names", r: httptest.NewRequest("GET", "/?limit=abc&offset=abc", nil), err: numErr("ParseInt", "abc")},
		{name: "query and header", r: func() *http.Request {
			r := httptest.NewRequest("GET", "/?limit=abc", nil)
			r.Header.Set("X-Limit", "abc")
			return r
		}(), err: numErr("ParseInt", "abc")},
		{name: "not in the request", r: httptest.NewRequest("GET", "/?limit=5", nil), err: numErr("ParseInt", "abc"), none: true},
		{name: "not a conversion error", r: httptest.NewRequest("GET", "/?limit=abc", nil), err: errors.New("abc"), none: true},
		{name: "empty text", r: httptest.NewRequest("GET", "/?limit=", nil), err: numErr("ParseInt", ""), none: true},
		{name: "no request", err: numErr("ParseInt", "abc"), none: true},
		{name: "no URL", r: &http.Request{Header: http.Header{"X-N": {"abc"}}, URL: nil, Form: url.Values{}}, err: numErr("ParseInt", "abc"),
			want: []httperr.Violation{{Header: "X-N", Detail: "must be an integer"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p func(func(string, string) bool)
			if tt.path {
				p = path
			}
			e := Conversion(tt.err, tt.r, p)
			if tt.none {
				if e != nil {
					t.Fatalf("Conversion = %v, want nil", e)
				}
				return
			}
			if e == nil || e.Status() != http.StatusBadRequest || e.Detail() != "" || !errors.Is(e, tt.err) {
				t.Fatalf("Conversion = %v, want a 400 with the catalog's detail wrapping the error", e)
			}
			if got := e.Violations(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Violations = %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestPointer(t *testing.T) {
	for path, want := range map[string]string{
		"":                  "#",
		".name":             "#/name",
		".items[3].tags[0]": "#/items/3/tags/0",
		"[2].a/b":           "#/2/a~1b",
		".a[1":              "#/a/1",
		"[x]y":              "#/x/y",
		".a]b":              "#/a%5Db",
		"..a":               "#//a",
	} {
		if got := Pointer(path); got != want {
			t.Errorf("Pointer(%q) = %q, want %q", path, got, want)
		}
	}
}
