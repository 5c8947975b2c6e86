package toolkit_test

// The users API as a gin user writes it: c.Param, ShouldBindJSON with binding tags, c.Error and
// c.AbortWithError in plain gin handlers, httperrgin.Handle for handlers that return an error, c.JSON and
// c.String; httperrgin.Install on gin.New.

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-contrib/gzip"
	"github.com/gin-gonic/gin"

	httperrgin "github.com/httperr/toolkit/adapters/gin"
	"github.com/httperr/toolkit/httperr"
)

// ginSignup is signup with gin's binding tags.
type ginSignup struct {
	Name  string `json:"name" binding:"required"`
	Email string `json:"email" binding:"required,email"`
	Age   int    `json:"age" binding:"gte=0,lte=150"`
}

// ginAPI holds the gin handlers of the users API.
type ginAPI struct{ users *users }

func (a ginAPI) getUser(c *gin.Context) {
	u, ok := a.users.get(c.Param("id"))
	if !ok {
		c.Error(httperr.NotFound("user")) //nolint:errcheck // returns its argument
		return
	}
	c.JSON(http.StatusOK, u)
}

func (a ginAPI) createUser(c *gin.Context) error {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxBody)
	var in ginSignup
	if err := c.ShouldBindJSON(&in); err != nil {
		return err
	}
	u, err := a.users.add(signup(in))
	if err != nil {
		return err
	}
	c.Header("Location", "/users/"+strconv.Itoa(u.ID))
	c.JSON(http.StatusCreated, u)
	return nil
}

func ginPrivate(c *gin.Context) { c.String(http.StatusOK, "private") }

// serveGin serves the users API with gin in release mode and httperrgin.Install.
func serveGin(rd *httperr.Renderer, o options, extra ...route) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	a := ginAPI{users: newUsers()}
	g := gin.New()
	if o.gzipFirst {
		g.Use(gzip.Gzip(gzip.DefaultCompression))
	}
	httperrgin.Install(g, rd)
	if o.gzip {
		g.Use(gzip.Gzip(gzip.DefaultCompression))
	}
	if o.withContext {
		g.Use(func(c *gin.Context) {
			c.Request = c.Request.WithContext(context.WithValue(c.Request.Context(), requestIDKey{}, "req-1"))
			c.Next()
		})
	}
	g.GET("/users/:id", a.getUser)
	g.POST("/users", httperrgin.Handle(a.createUser))
	g.GET("/maintenance", httperrgin.Handle(func(*gin.Context) error {
		return httperr.ServiceUnavailable(maintenanceRetry).WithDetail("scheduled maintenance")
	}))
	g.GET("/report", httperrgin.Handle(func(*gin.Context) error { return errReport() }))
	g.GET("/panic", func(*gin.Context) { panic("boom: " + secret) })
	g.HEAD("/head/:id", func(c *gin.Context) {
		c.Error(httperr.NotFound("user")) //nolint:errcheck // returns its argument
	})
	g.GET("/partial", httperrgin.Handle(func(c *gin.Context) error {
		c.String(http.StatusOK, "partial answer")
		return errors.New("failed after the answer had started")
	}))
	g.GET("/teapot", httperrgin.Handle(func(*gin.Context) error { return errTeapot }))
	g.GET("/lost/:id", func(c *gin.Context) {
		c.AbortWithError(http.StatusNotFound, httperr.NotFound("user")) //nolint:errcheck // returns its argument
	})
	g.GET("/limited", func(c *gin.Context) {
		c.Header("Retry-After", rateLimitRetry)
		c.String(http.StatusTooManyRequests, http.StatusText(http.StatusTooManyRequests))
		c.Abort()
	}, ginPrivate)
	g.GET("/private", gin.BasicAuth(gin.Accounts{"ada": "secret"}), ginPrivate)
	g.StaticFS("/files", http.FS(staticFiles))
	for _, rt := range extra {
		h := rt.Handler
		g.Handle(rt.Method, rt.Pattern, httperrgin.Handle(func(c *gin.Context) error { return h(c.Writer, c.Request) }))
	}
	return g
}
