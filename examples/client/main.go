// Command client calls every route of the example users API and prints the typed errors it gets back: an
// [httperrclient.Transport] turns each problem response into an [*httperr.Error], so the client reads status,
// title, detail, extensions and Retry-After from the error as the server built it.
//
//	go run ./examples/nethttp &
//	go run ./examples/client -base http://127.0.0.1:8080
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrclient"
)

func main() {
	base := flag.String("base", "http://127.0.0.1:8080", "base URL of the example server")
	flag.Parse()
	if err := run(*base, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "client:", err)
		os.Exit(1)
	}
}

// call is one request to the example API.
type call struct {
	what         string
	method, path string
	body         string
}

var calls = []call{
	{"an existing user", http.MethodGet, "/users/1", ""},
	{"a missing user", http.MethodGet, "/users/42", ""},
	{"a body that is not JSON", http.MethodPost, "/users", `{"name": Ada}`},
	{"invalid fields", http.MethodPost, "/users", `{"name":" ","email":"not an email","age":200}`},
	{"a taken email", http.MethodPost, "/users", `{"name":"Ada","email":"ADA@example.com"}`},
	{"an oversized body", http.MethodPost, "/users", `{"name":"` + strings.Repeat("x", 4<<10) + `"}`},
	{"maintenance", http.MethodGet, "/maintenance", ""},
	{"a failing report", http.MethodGet, "/report", ""},
	{"a panicking handler", http.MethodGet, "/panic", ""},
	{"an unknown route", http.MethodGet, "/nope", ""},
	{"a method the route lacks", http.MethodDelete, "/users/1", ""},
}

// run makes every call against the API at base and prints what comes back to out. It fails only when the
// server cannot be reached or answers with something other than a response or a problem.
func run(base string, out io.Writer) error {
	base = strings.TrimSuffix(base, "/")
	client := &http.Client{Transport: &httperrclient.Transport{}, Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()
	for i, c := range calls {
		if i > 0 {
			fmt.Fprintln(out)
		}
		fmt.Fprintf(out, "%s %s: %s\n", c.method, c.path, c.what)
		req, err := http.NewRequest(c.method, base+c.path, strings.NewReader(c.body))
		if err != nil {
			return err
		}
		if c.body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		res, err := client.Do(req)
		if err != nil {
			var e *httperr.Error
			if !errors.As(err, &e) {
				return err // the server is not there
			}
			printError(out, e)
			continue
		}
		body, err := io.ReadAll(io.LimitReader(res.Body, 64<<10))
		res.Body.Close()
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "  %-12s %s\n", "status", res.Status)
		fmt.Fprintf(out, "  %-12s %s\n", "body", strings.TrimSpace(string(body)))
	}
	return nil
}

// printError prints what the problem says, one member per line.
func printError(out io.Writer, e *httperr.Error) {
	line := func(name string, value any) { fmt.Fprintf(out, "  %-12s %v\n", name, value) }
	line("status", e.Status())
	if t := e.Type(); t != "" && t != "about:blank" {
		line("type", t)
	}
	line("title", e.Title())
	line("detail", e.Detail())
	if e.Instance() != "" {
		line("instance", e.Instance())
	}
	for _, v := range e.Violations() {
		line("violation", v.Pointer+": "+v.Detail)
	}
	ext := e.Extensions()
	keys := make([]string, 0, len(ext))
	for k := range ext {
		if k != "errors" || e.Violations() == nil {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		line("extension", fmt.Sprintf("%s: %v", k, ext[k]))
	}
	if allow, ok := e.Header()["Allow"]; ok {
		line("allow", strings.Join(allow, ", "))
	}
	if d, ok := e.RetryAfter(); ok {
		line("retry after", d)
	}
}
