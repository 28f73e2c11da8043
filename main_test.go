package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/iranict/rank/cmd"
	"github.com/iranict/rank/report"
)

var update = flag.Bool("update", false, "rewrite the golden output of the scripts in testdata/script")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"rank": func() { os.Exit(cmd.Main(os.Args[1:], cmd.System(), methods)) },
	})
}

// TestScripts runs the end-to-end scripts: each is a small export folder,
// the command, and what it must print and write.
func TestScripts(t *testing.T) { testscript.Run(t, scriptParams("testdata/script")) }

// TestCorpus runs the corpus of bad inputs: each script is a broken export
// folder or rules file, the message it must produce and its exit status.
func TestCorpus(t *testing.T) { testscript.Run(t, scriptParams("testdata/corpus")) }

func scriptParams(dir string) testscript.Params {
	root, _ := os.Getwd()
	return testscript.Params{
		Dir:           dir,
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SAMPLES", filepath.Join(root, "testdata"))
			// Without a terminal each line on stderr starts with the time:
			// stderr ^$STAMP' rank: …'
			env.Setenv("STAMP", `[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})`)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"xlsx":   xlsxCmd,
			"status": statusCmd,
		},
	}
}

// statusCmd runs a command and checks its exit status:
// status N rank ARGS...; its output is kept for stdout and stderr.
func statusCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status N COMMAND [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// xlsxCmd prints a workbook's sheet as tab-separated text:
// xlsx FILE [SHEET]; with no sheet, the sheet names.
func xlsxCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 1 || len(args) > 2 {
		ts.Fatalf("usage: xlsx FILE [SHEET]")
	}
	path := ts.MkAbs(args[0])
	var out string
	var err error
	if len(args) == 1 {
		var names []string
		names, err = report.SheetNames(path)
		for _, n := range names {
			out += n + "\n"
		}
	} else {
		out, err = report.DumpSheet(path, args[1])
	}
	if neg {
		if err == nil {
			ts.Fatalf("xlsx %s: unexpected success", args[0])
		}
		return
	}
	ts.Check(err)
	ts.Stdout().Write([]byte(out))
}
