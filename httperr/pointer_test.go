package httperr_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
)

func TestFromJSONPointer(t *testing.T) {
	type item struct {
		Qty int `json:"qty"`
	}
	type body struct {
		Items  []item `json:"items"`
		Slash  int    `json:"a/b"`
		Tilde  int    `json:"ti~lde"`
		Space  int    `json:"first name"`
		Odd    int    `json:"größe%"`
		Nested struct {
			Color int `json:"color"`
		} `json:"profile"`
		Flag bool    `json:"flag"`
		Tags []int   `json:"tags"`
		Obj  person  `json:"obj"`
		Num  float64 `json:"num"`
		Str  string  `json:"str"`
	}
	tests := []struct {
		body, want string
	}{
		{`{"profile":{"color":"red"}}`, `[{"detail":"must be an integer","pointer":"#/profile/color"}]`},
		{`{"a/b":"x"}`, `[{"detail":"must be an integer","pointer":"#/a~1b"}]`},
		{`{"ti~lde":"x"}`, `[{"detail":"must be an integer","pointer":"#/ti~0lde"}]`},
		{`{"first name":"x"}`, `[{"detail":"must be an integer","pointer":"#/first%20name"}]`},
		{`{"größe%":"x"}`, `[{"detail":"must be an integer","pointer":"#/gr%C3%B6%C3%9Fe%25"}]`},
		{`{"flag":1}`, `[{"detail":"must be a boolean","pointer":"#/flag"}]`},
		{`{"tags":{}}`, `[{"detail":"must be an array","pointer":"#/tags"}]`},
		{`{"obj":[]}`, `[{"detail":"must be an object","pointer":"#/obj"}]`},
		{`{"num":"1"}`, `[{"detail":"must be a number","pointer":"#/num"}]`},
		{`{"str":1}`, `[{"detail":"must be a string","pointer":"#/str"}]`},
		{`"a string for an object"`, ``},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			var b body
			err := json.Unmarshal([]byte(tt.body), &b)
			var te *json.UnmarshalTypeError
			if !errors.As(err, &te) {
				t.Fatalf("json gave %T %v", err, err)
			}
			res := respondQuiet(fmt.Errorf("decode: %w", err))
			m := problemMembers(t, res.Body)
			if res.Status != 400 || string(m["errors"]) != tt.want {
				t.Errorf("got %d errors member %s, want 400 %s", res.Status, m["errors"], tt.want)
			}
		})
	}
}
