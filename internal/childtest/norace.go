//go:build !race

package childtest

// Race reports whether the test binary was built with -race.
const Race = false
