package cmd

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"syscall"

	"github.com/iranict/rank/ingest"
	"github.com/iranict/rank/report"
	"github.com/iranict/rank/scoring"
)

// failure is an error of a known kind about a file or folder: what
// --format json names in "kind" and "file" (docs/json.md).
type failure struct {
	kind string // input, output, locked, refused, rules
	file string
	err  error
}

func (f failure) Error() string { return f.err.Error() }
func (f failure) Unwrap() error { return f.err }

// classify gives an error's exit status and what --format json prints of
// it, and what else the JSON carries (--strict: the problems, grouped as
// rank validate groups them).
func classify(err error) (report.Failure, any) {
	f := report.Failure{Message: strings.TrimSpace(err.Error()), Kind: "failed", Exit: ExitFailed}
	var (
		known   failure
		usage   usageError
		strict  strictError
		invalid errInvalid
		rules   *scoring.RulesError
		file    *ingest.FileError
		none    *report.UnusableError
		period  *report.PeriodError
		column  *ingest.ColumnError
		path    *fs.PathError
	)
	switch {
	case errors.As(err, &usage), strings.HasPrefix(err.Error(), "unknown command "): // cobra's, for a mistyped command
		f.Kind, f.Exit = "usage", ExitUsage
	case errors.As(err, &strict):
		f.Kind, f.Exit = "rows", ExitStrict
		f.File, f.Row, f.Column = strict.v.FirstError()
		return f, struct {
			Problems []report.ProblemGroup `json:"problems"`
		}{strict.v.Groups}
	case errors.As(err, &invalid):
		f.Kind = "rows"
	case errors.As(err, &rules):
		f.Kind, f.File = "rules", rules.File
		if len(rules.Problems) > 0 {
			f.Row = rules.Problems[0].Line
			if c := rules.Problems[0].Col; c > 0 {
				f.Column = strconv.Itoa(c)
			}
		}
	case errors.As(err, &none):
		// A file none of whose rows can be used: the first, at its
		// commonest problem's first row.
		ex := none.Files[0].Example
		f.Kind, f.File, f.Row, f.Column = "input", none.Files[0].File, ex.Row, ex.Column
	case errors.As(err, &period):
		f.Kind, f.File = "period", period.Files[0].File
	case errors.As(err, &file):
		f.Kind, f.File = "input", file.File
		if errors.As(err, &column) {
			f.Column = column.Column
		}
	case errors.As(err, &known):
		f.Kind, f.File = known.kind, known.file
	case errors.As(err, &path):
		// What a run reads; what it writes is a failure of kind output.
		f.Kind, f.File = "input", path.Path
	}
	return f, nil
}

// wantsJSON tells from the arguments alone whether --format json was
// given, as the flag parser would (the last one counts, "--" ends the
// flags): for a failure before or while the flags are parsed.
func wantsJSON(args []string) bool {
	want := false
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--":
			return want
		case a == "--format" && i+1 < len(args):
			want = args[i+1] == "json"
			i++
		case strings.HasPrefix(a, "--format="):
			want = strings.TrimPrefix(a, "--format=") == "json"
		}
	}
	return want
}

// printFailure writes the JSON of a failure: f, with the keys of what the
// command had printed before it failed (rank validate's accounting) or,
// failing that, of extra.
func printFailure(ios *IO, f report.Failure, printed []byte, extra any) {
	if len(printed) == 0 && extra != nil {
		printed, _ = json.Marshal(extra)
	}
	report.FailureJSON(ios.Out, f, printed)
}

// signalName names a stop signal as kill -l does.
func signalName(sig os.Signal) string {
	switch sig {
	case syscall.SIGINT:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "SIGHUP"
	}
	return sig.String()
}
