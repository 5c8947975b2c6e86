//go:build race

package httperrhttp_test

const raceEnabled = true
