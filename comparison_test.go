package toolkit_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/recover"
	"github.com/gorilla/mux"
	"github.com/labstack/echo/v4"
	echov5 "github.com/labstack/echo/v5"

	"github.com/httperr/toolkit/internal/testkit"
)

// TestBeforeAndAfter records what each framework answers on its own and with its adapter installed, for
// the table of docs/comparison.md (go test -run TestBeforeAndAfter -v prints it). The native answers are
// pinned, so a framework upgrade that changes them is noticed.
func TestBeforeAndAfter(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	native := map[string]http.Handler{}

	sm := http.NewServeMux()
	sm.HandleFunc("GET /users/{id}", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "user not found", http.StatusNotFound)
	})
	native[sNetHTTP] = sm

	r := chi.NewRouter()
	r.Get("/users/{id}", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "user not found", http.StatusNotFound)
	})
	native[sChi] = r

	gr := mux.NewRouter()
	gr.HandleFunc("/users/{id}", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "user not found", http.StatusNotFound)
	}).Methods(http.MethodGet)
	native[sGorilla] = gr

	e := echo.New()
	e.GET("/users/:id", func(c echo.Context) error { return echo.NewHTTPError(http.StatusNotFound, "user not found") })
	native[sEcho] = e

	g := gin.New()
	g.GET("/users/:id", func(c *gin.Context) {
		c.AbortWithStatusJSON(http.StatusNotFound, gin.H{"error": "user not found"})
	})
	native[sGin] = g

	e5 := echov5.New()
	e5.GET("/users/:id", func(*echov5.Context) error { return echov5.NewHTTPError(http.StatusNotFound, "user not found") })
	native[sEchoV5] = e5

	app := fiber.New()
	app.Use(recover.New())
	app.Get("/users/:id", func(fiber.Ctx) error { return fiber.NewError(fiber.StatusNotFound, "user not found") })
	native[sFiber] = fiberServer{app}

	requests := []struct{ name, method, target string }{
		{"handler: user not found", "GET", "/users/42"},
		{"unknown route", "GET", "/nope"},
		{"wrong method", "DELETE", "/users/42"},
	}
	want := map[string]string{
		"net/http/handler: user not found": "404 text/plain; charset=utf-8 `user not found\\n`",
		"net/http/unknown route":           "404 text/plain; charset=utf-8 `404 page not found\\n`",
		"net/http/wrong method":            "405 text/plain; charset=utf-8 `Method Not Allowed\\n`",
		"chi/handler: user not found":      "404 text/plain; charset=utf-8 `user not found\\n`",
		"chi/unknown route":                "404 text/plain; charset=utf-8 `404 page not found\\n`",
		"chi/wrong method":                 "405  ``",
		"gorilla/handler: user not found":  "404 text/plain; charset=utf-8 `user not found\\n`",
		"gorilla/unknown route":            "404 text/plain; charset=utf-8 `404 page not found\\n`",
		"gorilla/wrong method":             "405  ``",
		"echo/handler: user not found":     "404 application/json `{\"message\":\"user not found\"}\\n`",
		"echo/unknown route":               "404 application/json `{\"message\":\"Not Found\"}\\n`",
		"echo/wrong method":                "405 application/json `{\"message\":\"Method Not Allowed\"}\\n`",
		"gin/handler: user not found":      "404 application/json; charset=utf-8 `{\"error\":\"user not found\"}`",
		"gin/unknown route":                "404 text/plain `404 page not found`",
		"gin/wrong method":                 "404 text/plain `404 page not found`",
		"echo v5/handler: user not found":  "404 application/json `{\"message\":\"user not found\"}\\n`",
		"echo v5/unknown route":            "404 application/json `{\"message\":\"Not Found\"}\\n`",
		"echo v5/wrong method":             "405 application/json `{\"message\":\"Method Not Allowed\"}\\n`",
		"fiber/handler: user not found":    "404 text/plain; charset=utf-8 `user not found`",
		"fiber/unknown route":              "404 text/plain; charset=utf-8 `Not Found`",
		"fiber/wrong method":               "405 text/plain; charset=utf-8 `Method Not Allowed`",
	}
	var table strings.Builder
	table.WriteString("| request | framework | before | after |\n| --- | --- | --- | --- |\n")
	for _, rq := range requests {
		for _, fw := range frameworks {
			before := serve(native[fw.name], rq.method, rq.target, "", nil)
			after := serve(fw.serve(testkit.Quiet()), rq.method, rq.target, "", nil)
			b := fmt.Sprintf("%d %s `%s`", before.status, before.header.Get("Content-Type"), strings.ReplaceAll(before.body, "\n", `\n`))
			if w := want[fw.name+"/"+rq.name]; b != w {
				t.Errorf("%s, %s natively: %s, want %s", fw.name, rq.name, b, w)
			}
			a := fmt.Sprintf("%d %s `%s`", after.status, after.header.Get("Content-Type"), strings.TrimSuffix(after.body, "\n"))
			if after.header.Get("Content-Type") != problemJSON {
				t.Errorf("%s, %s with the adapter: %s", fw.name, rq.name, a)
			}
			fmt.Fprintf(&table, "| %s | %s | %s | %s |\n", rq.name, fw.name, b, a)
		}
	}
	t.Log("\n" + table.String())
}
