package errchain

// The walkers below are the adapters' until they move to Walk and As; they go with them.

// Bounded reports whether err and the errors it wraps, following Unwrap() error and Unwrap() []error, number
// at most Limit. A chain that cycles back on itself is never bounded.
func Bounded(err error) bool {
	n := 0
	return bounded(err, &n)
}

func bounded(err error, n *int) bool {
	for err != nil {
		if *n++; *n > Limit {
			return false
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				if !bounded(x, n) {
					return false
				}
			}
			return true
		default:
			return true
		}
	}
	return true
}

// WalkDecide follows err's chain through Unwrap() error, within Limit errors, asking decide of each error whether
// it settles the question (done) and how (verdict). When none does it reports true if the chain ends, and
// false if it goes on where only errors.As could follow (an As method, an Unwrap() []error) or past Limit:
// the adapters use it to skip errors.As, and its reflection, for the errors a type switch can judge.
func WalkDecide(err error, decide func(error) (verdict, done bool)) bool {
	for range Limit {
		if err == nil {
			return true
		}
		if verdict, done := decide(err); done {
			return verdict
		}
		switch x := err.(type) {
		case interface{ As(any) bool }, interface{ Unwrap() []error }:
			return false
		case interface{ Unwrap() error }:
			err = x.Unwrap()
		default:
			return true
		}
	}
	return false
}
