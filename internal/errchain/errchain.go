// Package errchain is the one walk of an error's chain that the core and the adapters share. It visits the
// errors of a chain in the order [errors.As] and [errors.Is] do (the error, then what it wraps, depth first
// and in order through Unwrap() []error, skipping nil errors) and asks of each what they ask (a type, or an
// As method that yields one; an equal error, or an Is method that says so), but stops after [Limit] errors,
// so that an Unwrap cycle, which makes errors.As and errors.Is loop forever, cannot hang a request.
//
// It is internal, not exported from package httperr: a user has errors.As and errors.Is (and Go 1.26's
// errors.AsType), which agree with it on every chain without a cycle, and a cycle is a bug in the error types
// that form it. Exporting a bounded As would add API to the core for that bug alone.
package errchain

// Limit is how many errors of one chain are visited, counted across every branch of its joins: far more
// than a real chain holds, and few enough that a cycle costs microseconds. It is the only such limit.
const Limit = 64

// Walk calls visit on err and the errors it wraps, in errors.As's order, until visit returns true or Limit
// errors have been visited. It reports whether visit returned true.
func Walk(err error, visit func(error) bool) bool {
	n := 0
	return walk(err, &n, visit)
}

func walk(err error, n *int, visit func(error) bool) bool {
	for err != nil && *n < Limit {
		*n++
		if visit(err) {
			return true
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				if walk(x, n, visit) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}

// At reports whether err itself, not what it wraps, is a T, or has an As method that yields one: the
// question errors.As asks of each error of a chain. The value may be a typed nil, as errors.As's may.
//
// It allocates only for an error with an As method (the target As is handed escapes).
func At[T any](err error) (T, bool) {
	if t, ok := err.(T); ok {
		return t, true
	}
	if x, ok := err.(interface{ As(any) bool }); ok {
		var t T
		if x.As(&t) {
			return t, true
		}
	}
	var zero T
	return zero, false
}

// As is [errors.As] for the type T, bounded by Limit: the first error of err's chain for which [At] holds.
func As[T any](err error) (found T, ok bool) {
	Walk(err, func(x error) bool {
		found, ok = At[T](x)
		return ok
	})
	return found, ok
}

// IsAt reports whether err itself, not what it wraps, is target: equal to it, or by its own Is method, the
// question errors.Is asks of each error of a chain. target must be comparable, as every sentinel error is.
func IsAt(err, target error) bool {
	if err == target {
		return true
	}
	x, ok := err.(interface{ Is(error) bool })
	return ok && x.Is(target)
}

// Is is [errors.Is] for a comparable target, bounded by Limit.
func Is(err, target error) bool {
	return Walk(err, func(x error) bool { return IsAt(x, target) })
}
