package httperr

import (
	"encoding/json"
	"github.com/httperr/toolkit/internal/bound"
	"runtime"
	"strings"
	"testing"
)

// Tests of the bounds on extension values: nesting depth and the bytes the members take.

// nestedMap returns a value whose maps nest depth deep.
func nestedMap(depth int) any {
	var v any = "leaf"
	for range depth {
		v = map[string]any{"a": v}
	}
	return v
}

// nestedSlice returns a value whose arrays nest depth deep.
func nestedSlice(depth int) any {
	var v any = 1
	for range depth {
		v = []any{v}
	}
	return v
}

type deepStruct struct{ Next *deepStruct }

func nestedStruct(depth int) any {
	var v *deepStruct
	for range depth {
		v = &deepStruct{Next: v}
	}
	return v
}

// sharedMap returns a map whose two members are the same map, levels deep: a small value of 2^levels leaves.
func sharedMap(levels int) any {
	var v any = map[string]any{}
	for range levels {
		v = map[string]any{"a": v, "b": v}
	}
	return v
}

type sharedNode struct{ A, B *sharedNode }

func sharedStruct(levels int) any {
	v := &sharedNode{}
	for range levels {
		v = &sharedNode{A: v, B: v}
	}
	return v
}

func TestNestingBound(t *testing.T) {
	for _, tt := range []struct {
		name string
		make func(int) any
	}{{"maps", nestedMap}, {"slices", nestedSlice}, {"structs", nestedStruct}} {
		for _, depth := range []int{bound.MaxNesting, bound.MaxNesting + 1, 20000} {
			kept := depth <= bound.MaxNesting
			r := renderBoth(t, Conflict("x").With("deep", tt.make(depth)).With("kept", "yes"))
			var m map[string]any
			if err := json.Unmarshal(r.json, &m); err != nil {
				t.Fatal(err)
			}
			p := xmlRoot(t, r.xml)
			if _, ok := m["deep"]; ok != kept || m["kept"] != "yes" {
				t.Errorf("%s %d deep: JSON member sent %v, want %v", tt.name, depth, ok, kept)
			}
			if tt.name != "structs" { // nil *deepStruct at the end is an empty element, not a nested one
				if p.has("deep") != kept || !p.has("kept") {
					t.Errorf("%s %d deep: XML member sent %v, want %v", tt.name, depth, p.has("deep"), kept)
				}
			}
			if n := strings.Count(r.log, `extension member \"deep\": value nested deeper than 64`); !kept && n != 2 {
				t.Errorf("%s %d deep: %d log notes, want 2: %.500s", tt.name, depth, n, r.log)
			}
		}
	}
	// The depth counts from the member: a violation's own member sits two levels down ([{...}]).
	e := Conflict("x").WithErrors(Violation{Detail: "d", Extensions: map[string]any{"deep": nestedMap(bound.MaxNesting - 1)}})
	if r := renderBoth(t, e); strings.Contains(string(r.json), `"errors"`) || xmlRoot(t, r.xml).has("errors") {
		t.Errorf("violation member %d deep inside errors sent", bound.MaxNesting-1)
	}
	e = Conflict("x").WithErrors(Violation{Detail: "d", Extensions: map[string]any{"deep": nestedMap(bound.MaxNesting - 2)}})
	if r := renderBoth(t, e); !strings.Contains(string(r.json), `"errors"`) || !xmlRoot(t, r.xml).has("errors") {
		t.Errorf("violation member %d deep inside errors left out", bound.MaxNesting-2)
	}
	// A json.RawMessage nests as deeply as its text says.
	raw := json.RawMessage(strings.Repeat("[", bound.MaxNesting+1) + strings.Repeat("]", bound.MaxNesting+1))
	if r := renderBoth(t, Conflict("x").With("raw", raw)); strings.Contains(string(r.json), `"raw"`) || xmlRoot(t, r.xml).has("raw") {
		t.Errorf("raw message %d deep sent", bound.MaxNesting+1)
	}
}

func TestMembersSizeBound(t *testing.T) {
	for _, tt := range []struct {
		name  string
		value any
	}{
		{"shared maps, 20 levels", sharedMap(20)},
		{"shared maps, 30 levels", sharedMap(30)},
		{"shared structs, 30 levels", sharedStruct(30)},
		{"shared string", func() any {
			s := strings.Repeat("x", 1<<16)
			return []any{s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s}
		}()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			r := renderBoth(t, Conflict("x").With("big", tt.value).With("kept", "yes"))
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc
			if alloc > 64<<20 {
				t.Errorf("%d MiB allocated", alloc>>20)
			}
			t.Logf("JSON %d bytes, XML %d bytes, %.1f MiB allocated for both", len(r.json), len(r.xml), float64(alloc)/(1<<20))
			var m map[string]any
			if err := json.Unmarshal(r.json, &m); err != nil {
				t.Fatal(err)
			}
			if _, ok := m["big"]; ok || m["kept"] != "yes" || xmlRoot(t, r.xml).has("big") || !xmlRoot(t, r.xml).has("kept") {
				t.Errorf("JSON %d bytes, XML %d bytes: big member sent or kept lost", len(r.json), len(r.xml))
			}
			if n := strings.Count(r.log, `extension member \"big\": members would pass 1 MiB`); n != 2 {
				t.Errorf("%d log notes, want 2: %.500s", n, r.log)
			}
		})
	}
	// Members up to the bound are sent; the one that passes it is left out, and a later one that fits is not.
	half := strings.Repeat("x", bound.MaxMembersSize/2-20)
	r := renderBoth(t, Conflict("x").With("a", half).With("b", half).With("c", half).With("d", "yes"))
	var m map[string]any
	if err := json.Unmarshal(r.json, &m); err != nil {
		t.Fatal(err)
	}
	p := xmlRoot(t, r.xml)
	if m["a"] != half || m["b"] != half || m["c"] != nil || m["d"] != "yes" {
		t.Errorf("JSON members %d bytes: want a, b and d", len(r.json))
	}
	if !p.has("a") || !p.has("b") || p.has("c") || !p.has("d") {
		t.Errorf("XML members %q: want a, b and d", p.names())
	}
	// The detail is not an extension member: a 1 MiB detail leaves the members their budget.
	r = renderBoth(t, Conflict(strings.Repeat("d", 1<<20)).With("a", half))
	if !strings.Contains(string(r.json), `"a":"x`) || !xmlRoot(t, r.xml).has("a") {
		t.Error("member left out after a 1 MiB detail")
	}
}
