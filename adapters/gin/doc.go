// Package httperrgin adapts httperr to gin v1 (github.com/gin-gonic/gin, written and tested against v1.12):
// handlers that return errors, a middleware that renders them and recovers panics, and gin's own 404 and 405
// answers as problems.
//
//	e := gin.New()
//	httperrgin.Install(e, &httperr.Renderer{Logger: logger})
//	e.GET("/users/:id", httperrgin.Handle(func(c *gin.Context) error {
//		return httperr.NotFound("user")
//	}))
//
// Bind request bodies with gin's ShouldBind methods (ShouldBindJSON, ...) and return their error: a
// [validator.ValidationErrors] becomes a 422 [httperr.Validation] problem with one violation per field, and a
// body that is not JSON, or is empty, a 400. Avoid gin's Bind methods (BindJSON, ...): they write a bare 400 status line
// before the middleware can render the problem, which is then only logged.
package httperrgin
