//go:build !race

package httperrhttp_test

const raceEnabled = false
