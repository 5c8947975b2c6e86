//go:build race

package toolkit_test

// raceEnabled is set when the race detector is on: sync.Pool then drops items at random, so allocation
// counts are not stable and the tests that pin them are skipped.
const raceEnabled = true
