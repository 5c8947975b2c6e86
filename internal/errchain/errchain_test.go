package errchain

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"testing"
	"time"
)

type self struct{}

func (e *self) Error() string { return "self" }
func (e *self) Unwrap() error { return e }

type selfJoin struct{}

func (e *selfJoin) Error() string   { return "join" }
func (e *selfJoin) Unwrap() []error { return []error{e, e} }

// coded is the type the tests look for.
type coded struct{ code int }

func (e *coded) Error() string { return fmt.Sprint("coded ", e.code) }

// asCoded yields a *coded through its As method, and says it is io.EOF through its Is method.
type asCoded struct{ code int }

func (e asCoded) Error() string { return "as" }
func (e asCoded) As(target any) bool {
	if p, ok := target.(**coded); ok {
		*p = &coded{e.code}
		return true
	}
	return false
}
func (e asCoded) Is(target error) bool { return target == io.EOF }

// chains are errors without cycles, on which As and Is must agree with the standard library.
func chains() map[string]error {
	deep := error(&coded{1})
	for range Limit - 1 {
		deep = fmt.Errorf("w: %w", deep)
	}
	return map[string]error{
		"plain":               errors.New("x"),
		"itself":              &coded{1},
		"wrapped":             fmt.Errorf("a: %w", &coded{1}),
		"typed nil":           fmt.Errorf("a: %w", (*coded)(nil)),
		"As method":           fmt.Errorf("a: %w", asCoded{2}),
		"join, first wins":    errors.Join(errors.New("a"), &coded{3}, &coded{4}),
		"join before As":      errors.Join(fmt.Errorf("a: %w", &coded{5}), asCoded{6}),
		"As before join":      errors.Join(asCoded{7}, &coded{8}),
		"nested joins":        errors.Join(errors.Join(errors.New("a"), errors.Join(&coded{9})), &coded{10}),
		"several %w":          fmt.Errorf("%w and %w", io.ErrUnexpectedEOF, &coded{11}),
		"sentinel wrapped":    fmt.Errorf("read: %w", io.EOF),
		"fs PathError":        &fs.PathError{Op: "open", Path: "x", Err: fs.ErrNotExist},
		"exactly the limit":   deep,
		"join with nil":       errors.Join(nil, &coded{12}),
		"%w of nil in a join": errors.Join(fmt.Errorf("x: %w", nil), &coded{13}),
	}
}

func TestAgreesWithStandardLibrary(t *testing.T) {
	for name, err := range chains() {
		t.Run(name, func(t *testing.T) {
			var want *coded
			wantOK := errors.As(err, &want)
			got, ok := As[*coded](err)
			if ok != wantOK || got != want && (got == nil || want == nil || *got != *want) {
				t.Errorf("As = %v %v, errors.As = %v %v", got, ok, want, wantOK)
			}
			for _, target := range []error{io.EOF, io.ErrUnexpectedEOF, fs.ErrNotExist} {
				if got, want := Is(err, target), errors.Is(err, target); got != want {
					t.Errorf("Is(%v) = %v, errors.Is = %v", target, got, want)
				}
			}
		})
	}
}

// TestWalkOrder checks that Walk visits a chain as errors.As does: the error first, then what it wraps, a
// join's errors depth first and in order.
func TestWalkOrder(t *testing.T) {
	a, b, c, d := errors.New("a"), errors.New("b"), errors.New("c"), errors.New("d")
	inner := errors.Join(b, c)
	outer := fmt.Errorf("outer: %w", errors.Join(a, inner, d))
	var got []string
	Walk(outer, func(x error) bool { got = append(got, x.Error()); return false })
	want := []string{outer.Error(), errors.Join(a, inner, d).Error(), "a", inner.Error(), "b", "c", "d"}
	if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
		t.Errorf("visited %q, want %q", got, want)
	}
}

func TestLimit(t *testing.T) {
	deep := error(&coded{1})
	for range Limit - 1 {
		deep = fmt.Errorf("w: %w", deep)
	}
	if _, ok := As[*coded](deep); !ok {
		t.Error("the Limit-th error is not visited")
	}
	if _, ok := As[*coded](fmt.Errorf("w: %w", deep)); ok {
		t.Error("an error past the Limit is visited")
	}
	// The count runs across the branches of a join.
	if _, ok := As[*coded](errors.Join(&selfJoin{}, &coded{2})); ok {
		t.Error("an error after a join that used up the Limit is visited")
	}
}

func TestCyclesTerminate(t *testing.T) {
	for name, err := range map[string]error{
		"self":            &self{},
		"wrapped self":    fmt.Errorf("a: %w", &self{}),
		"join of itself":  &selfJoin{},
		"cycle in a join": errors.Join(errors.New("a"), &self{}),
	} {
		t.Run(name, func(t *testing.T) {
			done := make(chan int, 1)
			go func() {
				n := 0
				Walk(err, func(error) bool { n++; return false })
				Is(err, io.EOF)
				As[*coded](err)
				done <- n
			}()
			select {
			case n := <-done:
				if n != Limit {
					t.Errorf("visited %d errors, want Limit (%d)", n, Limit)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("did not terminate")
			}
		})
	}
	// An error met before the cycle is found.
	if _, ok := As[*coded](errors.Join(&coded{1}, &self{})); !ok {
		t.Error("the error before the cycle is not found")
	}
}

func TestAllocs(t *testing.T) {
	err := fmt.Errorf("a: %w", errors.Join(errors.New("b"), &coded{1}))
	if n := testing.AllocsPerRun(100, func() { As[*coded](err); Is(err, io.EOF) }); n != 0 {
		t.Errorf("As and Is allocate %v times on a chain without As methods", n)
	}
}
