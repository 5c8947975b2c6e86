package main

import (
	"testing"

	"github.com/httperr/toolkit/examples/internal/transcript"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestReadme plays the README's curl lines against the server: the same bytes as the net/http and gin examples.
func TestReadme(t *testing.T) { transcript.Check(t, newServer(testkit.Quiet()), "OPTIONS, GET") }

func TestUnknownUser(t *testing.T) { transcript.UnknownUser(t, newServer(testkit.Quiet())) }
