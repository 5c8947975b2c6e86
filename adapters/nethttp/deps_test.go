package httperrhttp_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNetHTTPBuildCompilesNoFramework: a service that imports only the core and this adapter compiles
// nothing of echo, gin, chi, gorilla or the validator, as the README says.
func TestNetHTTPBuildCompilesNoFramework(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-deps", "github.com/httperr/toolkit/adapters/nethttp").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"labstack/echo", "gin-gonic", "go-chi", "gorilla", "go-playground"} {
			if strings.Contains(dep, banned) {
				t.Errorf("adapters/nethttp depends on %s", dep)
			}
		}
	}
}
