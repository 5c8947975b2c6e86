package bound

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// TestValidNumber checks the JSON number grammar against encoding/json's own reading of the same text.
func TestValidNumber(t *testing.T) {
	for _, s := range []string{"0", "-0", "1", "-12", "1.5", "0.25", "1e3", "1E+3", "2e-07", "-0.0e0",
		"", "-", "01", "1.", ".5", "+1", "1e", "1e+", "NaN", "Infinity", "0x10", "1 ", " 1", "1</amount>", "1&2"} {
		if got, want := ValidNumber(s), json.Valid([]byte(s)) && s != "" && strings.Trim(s, " ") == s; got != want {
			t.Errorf("ValidNumber(%q) = %v, want %v", s, got, want)
		}
	}
	if n, err := NumberText(""); n != "0" || err != nil {
		t.Errorf(`NumberText("") = %q, %v; want "0", nil as encoding/json writes it`, n, err)
	}
	if _, err := NumberText("1<x/>"); !errors.Is(err, ErrInvalidNumber) {
		t.Errorf("NumberText of markup: %v", err)
	}
}

func TestJSONDepth(t *testing.T) {
	for s, want := range map[string]int{`1`: 0, `[]`: 1, `{"a":[{}]}`: 3, `"[[["`: 0, `["\"[",[1]]`: 2} {
		if got := JSONDepth([]byte(s)); got != want {
			t.Errorf("JSONDepth(%s) = %d, want %d", s, got, want)
		}
	}
}

// TestSizeCheck: a map that holds itself stops at MaxNesting; shared sub-values count each time they are
// written; a value within both bounds passes.
func TestSizeCheck(t *testing.T) {
	cyclic := map[string]any{}
	cyclic["self"] = cyclic
	c := Size{Budget: MaxMembersSize, Steps: MaxMembersSize}
	if err := c.Check(reflect.ValueOf(cyclic), 0); !errors.Is(err, ErrTooDeep) {
		t.Errorf("cyclic map: %v, want ErrTooDeep", err)
	}
	shared := any(strings.Repeat("x", 1000))
	for range 12 {
		shared = []any{shared, shared}
	}
	c = Size{Budget: MaxMembersSize, Steps: MaxMembersSize}
	if err := c.Check(reflect.ValueOf(shared), 0); !errors.Is(err, ErrTooLarge) {
		t.Errorf("4 MB of shared strings: %v, want ErrTooLarge", err)
	}
	c = Size{Budget: MaxMembersSize, Steps: MaxMembersSize}
	if err := c.Check(reflect.ValueOf(map[string]any{"a": []int{1, 2}, "b": struct{ X string }{"y"}}), 0); err != nil {
		t.Errorf("small value: %v", err)
	}
}
