package httperrgin_test

import (
	"fmt"
	"log/slog"
	"net/http/httptest"
	"strings"

	"github.com/gin-gonic/gin"

	httperrgin "github.com/httperr/toolkit/adapters/gin"
	"github.com/httperr/toolkit/httperr"
)

func ExampleInstall() {
	gin.SetMode(gin.ReleaseMode)
	g := gin.New()
	httperrgin.Install(g, &httperr.Renderer{Logger: slog.New(slog.DiscardHandler)})
	g.POST("/users", httperrgin.Handle(func(c *gin.Context) error {
		var in struct {
			Email string `json:"email" binding:"required,email"`
		}
		if err := c.ShouldBindJSON(&in); err != nil {
			return err // validator errors: a 422 with one violation per field
		}
		return httperr.Conflict("email is already registered")
	}))

	w := httptest.NewRecorder()
	g.ServeHTTP(w, httptest.NewRequest("POST", "/users", strings.NewReader(`{"email":"nope"}`)))
	fmt.Println(w.Code, w.Header().Get("Content-Type"))
	fmt.Print(w.Body)
	// Output:
	// 422 application/problem+json
	// {"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"The server understands the content type of the request and the content is syntactically correct, but the server was unable to process the contained instructions.","errors":[{"detail":"must be an email address","pointer":"#/email","code":"email"}]}
}
