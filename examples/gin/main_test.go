package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/httperr/toolkit/examples/internal/transcript"
	"github.com/httperr/toolkit/internal/testkit"
)

func init() { gin.SetMode(gin.TestMode) }

// TestReadme plays the README's curl lines against the server: the same bytes as the net/http and echo examples.
func TestReadme(t *testing.T) { transcript.Check(t, newServer(testkit.Quiet()), "GET") }

func TestUnknownUser(t *testing.T) {
	w := httptest.NewRecorder()
	newServer(testkit.Quiet()).ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/users/424242", nil))
	want := `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"
	if w.Code != http.StatusNotFound || w.Header().Get("Content-Type") != "application/problem+json" || w.Body.String() != want {
		t.Errorf("GET /users/424242: %d %q %s", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
}
