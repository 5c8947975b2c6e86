package main

import (
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/httperr/toolkit/examples/internal/transcript"
	"github.com/httperr/toolkit/internal/testkit"
)

func init() { gin.SetMode(gin.TestMode) }

// TestReadme plays the README's curl lines against the server: the same bytes as the net/http and echo examples.
func TestReadme(t *testing.T) { transcript.Check(t, newServer(testkit.Quiet()), "GET") }

func TestUnknownUser(t *testing.T) { transcript.UnknownUser(t, newServer(testkit.Quiet())) }
