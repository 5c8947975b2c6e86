package toolkit_test

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeCurlLines checks that README's curl lines are the ones the examples' tests play: each line of
// the transcript (examples/internal/transcript/readme.txt) starts a line of README, and each curl line of
// README is in the transcript, so that what the README promises is what the tests pin.
func TestReadmeCurlLines(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	transcript, err := os.ReadFile("examples/internal/transcript/readme.txt")
	if err != nil {
		t.Fatal(err)
	}
	played := map[string]bool{}
	for _, line := range strings.Split(string(transcript), "\n") {
		if cmd, ok := strings.CutPrefix(line, "$ "); ok {
			played[cmd] = true
		}
	}
	shown := map[string]bool{}
	for _, line := range strings.Split(string(readme), "\n") {
		if !strings.HasPrefix(line, "curl ") {
			continue
		}
		cmd, _, _ := strings.Cut(line, "  #") // the comment after the command
		cmd = strings.TrimSpace(cmd)
		shown[cmd] = true
		if !played[cmd] {
			t.Errorf("README shows %q, which no example test plays", cmd)
		}
	}
	for cmd := range played {
		if !shown[cmd] {
			t.Errorf("the transcript plays %q, which README does not show", cmd)
		}
	}
	if len(played) == 0 {
		t.Error("no curl line in the transcript")
	}
}
