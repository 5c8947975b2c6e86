package main

import (
	"testing"

	"github.com/httperr/toolkit/examples/internal/transcript"
	"github.com/httperr/toolkit/internal/testkit"
)

// testOrigin is the origin the tests give the server, as the README's curl lines reach it.
const testOrigin = "http://localhost:8080"

// TestReadme plays the README's curl lines against the server: the same bytes as the echo and gin examples.
func TestReadme(t *testing.T) {
	transcript.Check(t, newServer(testkit.Quiet(), testOrigin), "GET, HEAD")
}

func TestUnknownUser(t *testing.T) { transcript.UnknownUser(t, newServer(testkit.Quiet(), testOrigin)) }
