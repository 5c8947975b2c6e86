// Package childtest runs a test again in a child process of its own test binary, for tests whose failure
// may be a fatal error of the runtime (concurrent map writes), which would otherwise end the whole test
// run. Only tests import it.
package childtest

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// env holds, in a child, the name of the test it runs and its mode: "TestName=mode".
const env = "HTTPERR_CHILD_TEST"

// Mode returns the mode this process runs t in as a child, or "" when it is not t's child.
func Mode(t *testing.T) string {
	name, mode, _ := strings.Cut(os.Getenv(env), "=")
	if name != t.Name() {
		return ""
	}
	return mode
}

// Run runs the top-level test t again in a child process in mode "child", and fails t when the child
// fails (see Start). It logs the child's lines that hold "outcomes:".
func Run(t *testing.T) {
	t.Helper()
	out, failed := Start(t, "child")
	if failed != "" {
		t.Errorf("child process %s:\n%s", failed, out)
		return
	}
	logOutcomes(t, "child", out)
}

// Start runs the top-level test t again in a child process of the same test binary (built with -race when
// this one was), where Mode returns mode, and returns its output and, when it failed, how: "" when it exited
// 0 with no fatal error, panic or data race in its output.
func Start(t *testing.T, mode string) (out, failed string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v", "-test.timeout=60s")
	cmd.Env = append(os.Environ(), env+"="+t.Name()+"="+mode)
	start := time.Now()
	b, err := cmd.CombinedOutput()
	out = string(b)
	t.Logf("%s child ran %v", mode, time.Since(start).Round(time.Millisecond))
	switch {
	case strings.Contains(out, "fatal error: concurrent map"):
		return out, "hit a fatal error: concurrent map access"
	case strings.Contains(out, "fatal error:"):
		return out, "hit a fatal error"
	case strings.Contains(out, "WARNING: DATA RACE"):
		return out, "reported a data race"
	case strings.Contains(out, "panic:"):
		return out, "panicked"
	case err != nil:
		return out, "failed: " + err.Error()
	}
	return out, ""
}

// CompareWithFramework runs t's child twice: in mode "native", where the handlers misuse framework's
// context and framework's own error handler answers, and in mode "ours", where the same handlers run with
// our adapter's error handler. It documents a misuse that framework itself does not survive: under -race,
// the native child must report a data race (if it stops doing so, the framework has made the misuse safe,
// and ours must be made safe too). It fails t when ours fails in any way but those the misuse causes in the
// framework's own state whatever the error handler (a data race, a concurrent map access in the header map
// the framework shares) or that native failed in as well.
func CompareWithFramework(t *testing.T, framework string) {
	t.Helper()
	nativeOut, nativeFailed := Start(t, "native")
	oursOut, oursFailed := Start(t, "ours")
	logOutcomes(t, "native", nativeOut)
	logOutcomes(t, "ours", oursOut)
	t.Logf("%s's own error handler: %s; ours: %s", framework, orClean(nativeFailed), orClean(oursFailed))
	if Race && nativeFailed == "" {
		t.Errorf("%s's own error handler survived the misuse under -race: %s may have made it safe; make ours safe "+
			"too, then update this test and the README\n%s", framework, framework, nativeOut)
	}
	switch oursFailed {
	case "", nativeFailed, "reported a data race", "hit a fatal error: concurrent map access":
	default:
		t.Errorf("with our error handler the child %s, with %s's own it %s:\n%s", oursFailed, framework,
			orClean(nativeFailed), oursOut)
	}
}

// orClean returns failed, or "passed" for "".
func orClean(failed string) string {
	if failed == "" {
		return "passed"
	}
	return failed
}

// logOutcomes logs out's lines that hold "outcomes:".
func logOutcomes(t *testing.T, mode, out string) {
	t.Helper()
	for line := range strings.Lines(out) {
		if strings.Contains(line, "outcomes:") {
			t.Logf("%s: %s", mode, strings.TrimSpace(line))
		}
	}
}
