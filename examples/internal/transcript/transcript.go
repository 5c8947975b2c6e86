// Package transcript checks an example server against the README's curl lines: it plays each line of
// readme.txt against the server and compares what comes back, byte for byte, with what the file records.
// The three example servers (net/http, echo, gin) are checked against the same file, so they answer alike.
// Test scaffolding: only the examples' tests import it.
package transcript

import (
	_ "embed"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

//go:embed readme.txt
var golden string

var update = flag.Bool("update", false, "rewrite examples/internal/transcript/readme.txt from the server under test")

// Check serves h on a loopback listener, plays every curl line of readme.txt against it and compares the
// answers with the file: status line, header fields (Date aside) and body. Allow differs between routers
// (each lists the methods it knows), so it is left out of the transcript and must equal allow instead.
func Check(t *testing.T, h http.Handler, allow string) {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	CheckURL(t, srv.URL, allow)
}

// CheckURL is Check for a server already listening at base (http://host:port), for servers not built on
// net/http (fiber).
func CheckURL(t *testing.T, base, allow string) {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	defer client.CloseIdleConnections()

	var got strings.Builder
	for _, line := range strings.Split(golden, "\n") {
		cmd, ok := strings.CutPrefix(line, "$ ")
		if !ok {
			continue
		}
		req, err := Request(cmd, base)
		if err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		if a := res.Header.Get("Allow"); res.StatusCode == http.StatusMethodNotAllowed && a != allow {
			t.Errorf("%s: Allow %q, want %q", cmd, a, allow)
		}
		res.Header.Del("Allow")
		res.Header.Del("Date")
		fmt.Fprintf(&got, "$ %s\n%s %s\n", cmd, res.Proto, res.Status)
		res.Header.Write(&got) //nolint:errcheck // a strings.Builder
		fmt.Fprintf(&got, "\n%s\n", body)
	}
	if *update {
		_, file, _, _ := runtime.Caller(0)
		if err := os.WriteFile(filepath.Join(filepath.Dir(file), "readme.txt"), []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got.String() != golden {
		t.Errorf("the server's answers differ from readme.txt\n--- got\n%s\n--- want\n%s", got.String(), golden)
	}
}

// Request turns one curl command line of the README (curl -i [-X METHOD] [-H 'Name: value']... [--json
// 'body'] localhost:8080/path) into the request curl would send to base.
func Request(cmd, base string) (*http.Request, error) {
	args, err := split(cmd)
	if err != nil {
		return nil, err
	}
	if len(args) == 0 || args[0] != "curl" {
		return nil, fmt.Errorf("not a curl command")
	}
	method, target, body := "", "", ""
	header := http.Header{}
	for i := 1; i < len(args); i++ {
		switch a := args[i]; {
		case a == "-i":
		case slices.Contains([]string{"-X", "-H", "--json"}, a) && i+1 < len(args):
			i++
			switch a {
			case "-X":
				method = args[i]
			case "-H":
				k, v, _ := strings.Cut(args[i], ":")
				header.Add(k, strings.TrimSpace(v))
			case "--json": // curl 7.82: POST, with these two header fields
				body = args[i]
				header.Set("Content-Type", "application/json")
				header.Set("Accept", "application/json")
			}
		case strings.HasPrefix(a, "localhost:8080/"):
			target = strings.TrimPrefix(a, "localhost:8080")
		default:
			return nil, fmt.Errorf("unknown curl argument %q", a)
		}
	}
	if method == "" {
		method = http.MethodGet
		if body != "" {
			method = http.MethodPost
		}
	}
	req, err := http.NewRequest(method, base+target, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	return req, nil
}

// split cuts a command line into words, as a shell does for words and 'single-quoted' strings.
func split(cmd string) ([]string, error) {
	var words []string
	var word strings.Builder
	in, quoted := false, false
	for _, r := range cmd {
		switch {
		case quoted && r == '\'':
			quoted = false
		case quoted:
			word.WriteRune(r)
		case r == '\'':
			quoted, in = true, true
		case r == ' ':
			if in {
				words = append(words, word.String())
				word.Reset()
				in = false
			}
		default:
			word.WriteRune(r)
			in = true
		}
	}
	if quoted {
		return nil, fmt.Errorf("unterminated quote in %q", cmd)
	}
	if in {
		words = append(words, word.String())
	}
	return words, nil
}
