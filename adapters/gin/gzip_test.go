package httperrgin_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-contrib/gzip"
	"github.com/gin-gonic/gin"

	httperrgin "github.com/httperr/toolkit/adapters/gin"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestHandleFindsRendererBehindGzip checks that Handle, behind the writer gin-contrib/gzip puts in c.Writer
// (which has no Unwrap method), still renders with the Middleware's Renderer: the TypeBase below, not the
// zero Renderer's about:blank. Handle finds the Middleware's writer through the exported field gzip's writer
// embeds; should a release of gin-contrib/gzip change that layout, this test fails rather than the service
// losing its Renderer silently.
func TestHandleFindsRendererBehindGzip(t *testing.T) {
	var logs bytes.Buffer
	rd := testkit.LogText(&logs)
	rd.TypeBase = "https://example.com/problems/"
	g := gin.New()
	httperrgin.Install(g, rd)
	g.Use(gzip.Gzip(gzip.DefaultCompression))
	g.GET("/users/:id", httperrgin.Handle(func(c *gin.Context) error { return httperr.NotFound("user") }))
	srv := httptest.NewServer(g)
	defer srv.Close()

	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/users/7", nil)
	req.Header.Set("Accept-Encoding", "gzip") // set by hand: the client then leaves the body as sent
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	want := `{"type":"https://example.com/problems/not-found","title":"Not Found","status":404,"detail":"user not found"}` + "\n"
	if res.StatusCode != http.StatusNotFound || string(body) != want {
		t.Errorf("got %d %q\nwant 404 %q: Handle lost the Middleware's Renderer behind gzip's writer", res.StatusCode, body, want)
	}
	if logs.Len() == 0 {
		t.Error("nothing logged to the Middleware's Renderer's Logger")
	}
}
