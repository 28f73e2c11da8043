package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/method"
	"github.com/iranict/rank/report"
)

// A third kind of method, known only to this test: every command takes
// it as it takes the two built in, with no change to cmd.
func init() { method.Register("tally", newTally) }

// tally ranks the lines of DIR/items.txt by length.
type tally struct{ name string }

func newTally(rules []byte, name string) (method.Method, error) { return tally{name}, nil }

func (tally) Summary() string { return "a tally of lines" }

func (m tally) Describe(w io.Writer) error {
	_, err := fmt.Fprintf(w, "Tally: %s ranks the lines of items.txt by length\n", m.name)
	return err
}

func (m tally) Evaluate(in method.Input) (method.Run, error) {
	path := filepath.Join(in.Dir, "items.txt")
	if in.Found != nil {
		in.Found([]method.Source{{Kind: "items", Path: path}})
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	r := &tallyRun{rules: m.name, lines: strings.Split(strings.TrimSpace(string(b)), "\n")}
	for i, l := range r.lines {
		if l == "" {
			r.problems = append(r.problems, export.Problem{Kind: "items", File: "items.txt", Row: i + 1, Reason: "an empty line"})
		}
	}
	return r, nil
}

type tallyRun struct {
	rules    string
	lines    []string
	problems []export.Problem
}

func (r *tallyRun) InError() int64             { return int64(len(r.problems)) }
func (r *tallyRun) Rules() (string, []byte)    { return r.rules, []byte("method: tally\n") }
func (r *tallyRun) Problems() []export.Problem { return r.problems }

func (r *tallyRun) Write(dir string, csv bool) ([]string, error) {
	return []string{"tally.txt"}, os.WriteFile(filepath.Join(dir, "tally.txt"), []byte(strings.Join(r.lines, "\n")), 0o644)
}

func (r *tallyRun) Print(w io.Writer, format string, written []string) error {
	if format == "json" {
		return json.NewEncoder(w).Encode(map[string]any{"lines": len(r.lines), "reports": written})
	}
	_, err := fmt.Fprintf(w, "%s: %d lines, wrote %v\n", format, len(r.lines), written)
	return err
}

func (r *tallyRun) Explain(w io.Writer, key, lang, format string) error {
	for i, l := range r.lines {
		if l == key {
			_, err := fmt.Fprintf(w, "%s: line %d, %d letters\n", key, i+1, len(l))
			return err
		}
	}
	return fmt.Errorf("%q is not in items.txt", key)
}

func (r *tallyRun) Unusable() error { return nil }

func (r *tallyRun) Validation() report.Validation {
	return report.Validation{Files: []report.FileAccount{}, Groups: []report.ProblemGroup{}, Errors: r.InError()}
}

func TestThirdMethod(t *testing.T) {
	dir := t.TempDir()
	rules := filepath.Join(dir, "tally.yaml")
	for name, text := range map[string]string{"tally.yaml": "method: tally\n", "items.txt": "ab\nabc\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "reports")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"rules", "check", rules}, rules + ": ok — a tally of lines\n"},
		{[]string{"rules", "show", rules}, "Tally: " + rules + " ranks the lines of items.txt by length\n"},
		{[]string{"evaluate", dir, "--rules", rules, "--out", out, "--format", "json"}, `{"lines":2,"reports":["tally.txt"]}` + "\n"},
		{[]string{"explain", dir, "--rules", rules, "--office", "abc"}, "abc: line 2, 3 letters\n"},
		{[]string{"validate", dir, "--rules", rules}, "  file  rows  used  outside  superseded  errors  warnings\n\nno problems: every row can be used\n"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[:2], " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := Main(tt.args, &IO{Out: &stdout, Err: &stderr}, builtin(t)); code != ExitOK {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			if stdout.String() != tt.want {
				t.Errorf("got %q, want %q", stdout.String(), tt.want)
			}
		})
	}
	if b, err := os.ReadFile(filepath.Join(out, "tally.txt")); err != nil || string(b) != "ab\nabc" {
		t.Errorf("tally.txt: %q, %v", b, err)
	}
	// The folder records the third method's run as it does the others'.
	if b, err := os.ReadFile(filepath.Join(out, "run.json")); err != nil || !strings.Contains(string(b), `"items"`) || !strings.Contains(string(b), "tally.txt") {
		t.Errorf("run.json: %s, %v", b, err)
	}
}
