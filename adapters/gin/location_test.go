package httperrgin_test

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"testing"

	"github.com/gin-gonic/gin"

	httperrgin "github.com/httperr/toolkit/adapters/gin"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrclient"
	"github.com/httperr/toolkit/internal/testkit"
)

// listQuery and traced are bound from the query and the header fields, as gin's users tag them.
type listQuery struct {
	Limit  int    `form:"limit" binding:"omitempty,max=100"`
	Sort   string `form:"sort" binding:"omitempty,oneof=name date"`
	Cursor string `form:"page_cursor" binding:"omitempty,len=8"`
	Active bool   `form:"active"`
}

type traced struct {
	RequestID string `header:"X-Request-Id" binding:"required,uuid"`
	Version   int    `header:"X-Api-Version"`
}

type itemURI struct {
	ID int `uri:"id" binding:"required,min=1"`
}

// locationServer is a gin service on a loopback server whose handlers bind the query, the header fields
// and the path, returning the binding error (Handle) or recording it (c.Error), as gin's users do.
func locationServer(t *testing.T) *httptest.Server {
	t.Helper()
	g := gin.New()
	httperrgin.Install(g, nil)
	g.GET("/items", httperrgin.Handle(func(c *gin.Context) error {
		var q listQuery
		if err := c.ShouldBindQuery(&q); err != nil {
			return err
		}
		var h traced
		if err := c.ShouldBindHeader(&h); err != nil {
			return err
		}
		c.JSON(http.StatusOK, gin.H{"limit": q.Limit})
		return nil
	}))
	g.GET("/items/:id", func(c *gin.Context) {
		var u itemURI
		if err := c.ShouldBindUri(&u); err != nil {
			_ = c.Error(err)
			return
		}
		c.JSON(http.StatusOK, gin.H{"id": u.ID})
	})
	g.GET("/convert", httperrgin.Handle(func(c *gin.Context) error {
		_, err := strconv.Atoi("abc") // the application's own conversion, of no value of the request
		return err
	}))
	srv := httptest.NewServer(g)
	t.Cleanup(srv.Close)
	return srv
}

const (
	head400 = `{"type":"about:blank","title":"Bad Request","status":400,"detail":"The server cannot or will not process the request due to something that is perceived to be a client error.",`
	head422 = `{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"The server understands the content type of the request and the content is syntactically correct, but the server was unable to process the contained instructions.",`
	goodID  = "6f1c2c1e-6a4e-4d3b-9c59-3f5b3f0c2a10"
)

func TestBindingLocations(t *testing.T) {
	srv := locationServer(t)
	tests := []struct {
		name, path string
		header     map[string]string
		status     int
		body       string
	}{
		{"query validation", "/items?limit=500&sort=size&page_cursor=x", map[string]string{"X-Request-Id": goodID}, 422,
			head422 + `"errors":[{"detail":"must be at most 100","parameter":"limit","code":"max"},` +
				`{"detail":"must be one of name, date","parameter":"sort","code":"oneof"},` +
				`{"detail":"must be exactly 8 characters long","parameter":"page_cursor","code":"len"}]}` + "\n"},
		{"query integer", "/items?limit=abc", map[string]string{"X-Request-Id": goodID}, 400,
			head400 + `"errors":[{"detail":"must be an integer","parameter":"limit"}]}` + "\n"},
		{"query out of range", "/items?limit=99999999999999999999", map[string]string{"X-Request-Id": goodID}, 400,
			head400 + `"errors":[{"detail":"is out of range","parameter":"limit"}]}` + "\n"},
		{"query boolean", "/items?active=maybe", map[string]string{"X-Request-Id": goodID}, 400,
			head400 + `"errors":[{"detail":"must be a boolean","parameter":"active"}]}` + "\n"},
		{"same value twice", "/items?limit=abc&sort=abc", map[string]string{"X-Request-Id": goodID}, 400,
			`{"type":"about:blank","title":"Bad Request","status":400,"detail":"The server cannot or will not process the request due to something that is perceived to be a client error."}` + "\n"},
		{"header missing", "/items", nil, 422,
			head422 + `"errors":[{"detail":"is required","header":"X-Request-Id","code":"required"}]}` + "\n"},
		{"header invalid", "/items", map[string]string{"X-Request-Id": "abc"}, 422,
			head422 + `"errors":[{"detail":"must be a UUID","header":"X-Request-Id","code":"uuid"}]}` + "\n"},
		{"header integer", "/items", map[string]string{"X-Request-Id": goodID, "X-Api-Version": "two"}, 400,
			head400 + `"errors":[{"detail":"must be an integer","header":"X-Api-Version"}]}` + "\n"},
		{"path integer", "/items/abc", nil, 400,
			head400 + `"errors":[{"detail":"must be an integer","parameter":"id"}]}` + "\n"},
		{"path validation", "/items/0", nil, 422,
			head422 + `"errors":[{"detail":"is required","parameter":"id","code":"required"}]}` + "\n"},
		{"not a request value", "/convert?n=12", nil, 500,
			`{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"The server encountered an unexpected condition that prevented it from fulfilling the request."}` + "\n"},
		{"good", "/items?limit=5", map[string]string{"X-Request-Id": goodID}, 200, `{"limit":5}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := testkit.Get(t, srv.Client(), srv.URL+tt.path, tt.header)
			testkit.CheckFields(t, res, body, tt.status, nil, tt.body)
			if tt.status >= 400 && res.Header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("Content-Type %q", res.Header.Get("Content-Type"))
			}
		})
	}
}

// A client reads the violations back with their locations.
func TestBindingLocationsClient(t *testing.T) {
	srv := locationServer(t)
	res, err := srv.Client().Get(srv.URL + "/items?limit=abc")
	if err != nil {
		t.Fatal(err)
	}
	e := httperr.From(httperrclient.FromResponse(res))
	if vs := e.Violations(); !reflect.DeepEqual(vs, []httperr.Violation{{Parameter: "limit", Detail: "must be an integer"}}) {
		t.Errorf("Violations() = %#v", vs)
	}
}
