package httperr

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestRenderMemberOrder checks that extension members come out sorted by name whatever order they were added
// in, each with the value it was given last: few members (sorted in place) and many (sorted otherwise).
func TestRenderMemberOrder(t *testing.T) {
	few := Conflict("x").With("b", 1).With("a", 2).With("b", 3).With("c", 4).With("a", 5)
	many := Conflict("x")
	want := `{"type":"about:blank","title":"Conflict","status":409,"detail":"x"`
	for i := 19; i >= 0; i-- {
		many = many.With(fmt.Sprintf("k%02d", i), i)
	}
	many = many.With("k05", "new").With("k19", "newer")
	for i := range 20 {
		switch i {
		case 5:
			want += `,"k05":"new"`
		case 19:
			want += `,"k19":"newer"`
		default:
			want += fmt.Sprintf(`,"k%02d":%d`, i, i)
		}
	}
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{"few", few, `{"type":"about:blank","title":"Conflict","status":409,"detail":"x","a":5,"b":3,"c":4}` + "\n"},
		{"many", many, want + "}\n"},
	}
	for _, tt := range tests {
		if got := string(body(t, render(nil, "GET", "/", nil, nil, tt.err))); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
	if got := few.Extensions(); len(got) != 3 || got["a"] != 5 || got["b"] != 3 || got["c"] != 4 {
		t.Errorf("Extensions() = %v, want a:5 b:3 c:4", got)
	}
	if v, ok := few.Extension("b"); !ok || v != 3 {
		t.Errorf(`Extension("b") = %v, %t; want 3, true`, v, ok)
	}
}

// TestRenderUnencodableExtension checks that a member that cannot be encoded is left out of a problem that
// is still sent, and that the failure is logged.
func TestRenderUnencodableExtension(t *testing.T) {
	values := map[string]any{
		"channel":           make(chan int),
		"NaN":               math.NaN(),
		"+Inf":              math.Inf(1),
		"float32 NaN":       float32(math.NaN()),
		"func":              func() {},
		"MarshalJSON fail":  errMarshaler{}, // encode_test.go
		"MarshalJSON panic": panicMarshaler{},
		"NaN in a map":      map[string]any{"x": math.NaN()},
	}
	for name, v := range values {
		for _, accept := range []string{"", "application/problem+xml"} {
			for _, status := range []int{409, 500} {
				t.Run(fmt.Sprintf("%s/%s/%d", name, accept, status), func(t *testing.T) {
					logger, logs := captureLogger()
					e := New(status, "some members cannot be encoded").With("bad", v).With("good", "kept").With("a", 1)
					res := render(&Renderer{Logger: logger}, "GET", "/x", map[string]string{"Accept": accept}, nil, e)
					b := body(t, res)
					checkProblem(t, "GET", res, b)
					if res.StatusCode != status {
						t.Errorf("status %d", res.StatusCode)
					}
					if accept == "" {
						m := checkJSONProblem(t, status, b)
						if _, ok := m["bad"]; ok || m["good"] != "kept" || m["a"] != 1.0 {
							t.Errorf("members: %s", b)
						}
					} else {
						p := checkXMLProblem(t, status, b)
						if p.has("bad") || !p.has("good") || !p.has("a") {
							t.Errorf("elements: %s", b)
						}
					}
					rec := oneRecord(t, logs)
					wantLevel := "WARN"
					if status >= 500 {
						wantLevel = "ERROR"
					}
					problems := fmt.Sprint(rec["problems"])
					if rec["level"] != wantLevel || rec["msg"] != "httperr: problem response" || !strings.Contains(problems, `"bad"`) {
						t.Errorf("record %v", rec)
					}
				})
			}
		}
	}
}
