package errchain

import (
	"errors"
	"fmt"
	"testing"
)

type self struct{}

func (e *self) Error() string { return "self" }
func (e *self) Unwrap() error { return e }

type selfJoin struct{}

func (e *selfJoin) Error() string   { return "join" }
func (e *selfJoin) Unwrap() []error { return []error{e} }

func TestBounded(t *testing.T) {
	deep := errors.New("root")
	for range Limit - 1 {
		deep = fmt.Errorf("w: %w", deep)
	}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, true},
		{"one", errors.New("x"), true},
		{"wrapped", fmt.Errorf("a: %w", errors.New("x")), true},
		{"joined", errors.Join(errors.New("a"), errors.New("b")), true},
		{"exactly the limit", deep, true},
		{"one over the limit", fmt.Errorf("w: %w", deep), false},
		{"self cycle", &self{}, false},
		{"wrapped cycle", fmt.Errorf("a: %w", &self{}), false},
		{"join cycle", &selfJoin{}, false},
		{"cycle in a join", errors.Join(errors.New("a"), &self{}), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Bounded(tt.err); got != tt.want {
				t.Errorf("Bounded = %v, want %v", got, tt.want)
			}
		})
	}
}
