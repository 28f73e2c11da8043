package scoring

import (
	"os/exec"
	"strings"
	"testing"
)

// TestPure keeps the engine free of I/O: no files, no command line, no
// file formats.
func TestPure(t *testing.T) {
	// go test runs where the go command is; a failing go list is a failure
	// of the test, never a reason to pass it unchecked.
	imports, err := exec.Command("go", "list", "-f", `{{join .Imports " "}}`, ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(imports)) {
		switch dep {
		case "os", "io/fs", "net", "os/exec", "path/filepath":
			t.Errorf("scoring imports %s", dep)
		}
	}
	deps, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, dep := range strings.Fields(string(deps)) {
		for _, banned := range []string{"cobra", "excelize", "gocsv", "/ingest", "/report", "/method", "/cmd"} {
			if strings.Contains(dep, banned) {
				t.Errorf("scoring depends on %s", dep)
			}
		}
	}
}
