package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/iranict/rank/internal/vocab"
	"github.com/iranict/rank/report"
)

// Exit statuses. A stop signal gives 128 plus its number: SIGINT 130,
// SIGTERM 143, SIGHUP 129.
const (
	ExitOK     = 0 // done; rows in error are listed, not fatal
	ExitFailed = 1 // the run failed: unreadable file, missing column, invalid rules; nothing written
	ExitUsage  = 2 // the command line is wrong
	ExitStrict = 3 // --strict and rows in error; nothing written
)

// IO holds the streams a command reads and writes, so tests can stand in
// for a terminal or a pipe.
type IO struct {
	In            io.Reader
	Out, Err      io.Writer
	ErrIsTerminal bool

	stop *stopper // set by Main: what a stop signal undoes
}

// System is the process's own streams.
func System() *IO {
	return &IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, ErrIsTerminal: term.IsTerminal(int(os.Stderr.Fd()))}
}

// usageError is a mistake on the command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// flagError is flags that could not be parsed: what they say (--format
// json) is not known from the parser then.
type flagError struct{ error }

func (e flagError) Unwrap() error { return e.error }

// strictError stops a --strict run that found rows in error; v groups
// them, for --format json.
type strictError struct {
	rows int64
	v    report.Validation
}

func (e strictError) Error() string {
	return fmt.Sprintf("%s in error and --strict is set: no reports written; fix the rows listed above or run without --strict", vocab.Count(e.rows, "row"))
}

// Main runs rank with the arguments and returns the exit status.
//
// Without a terminal every line on stderr starts with the time. With
// --format json stdout holds one JSON object whatever happens: what the
// command prints is held back until it is done, and a failure, a usage
// error or a stop signal prints {"error": …, "exit": N} instead
// (docs/json.md).
func Main(args []string, ios *IO, methods Methods) int {
	return mainWith(args, ios, func(run *IO) *cobra.Command { return NewCmdRoot(run, methods) })
}

// mainWith is Main with the command tree made by newRoot, for tests that
// pass commands options of their own.
func mainWith(args []string, ios *IO, newRoot func(*IO) *cobra.Command) (code int) {
	run := *ios
	if !run.ErrIsTerminal {
		run.Err = newStampWriter(run.Err, time.Now)
	}
	stdout := &IO{Out: run.Out}
	jsonOut := wantsJSON(args)
	var held bytes.Buffer
	if jsonOut {
		run.Out = &held
	}
	run.stop = newStopper(stopAndExit(run.Err, stdout, jsonOut))
	defer func() {
		if r := recover(); r != nil {
			msg := fmt.Sprintf("internal error: %v; please report it, with the command that was run", r)
			fmt.Fprintf(run.Err, "rank: %s\n%s", msg, debug.Stack())
			if jsonOut {
				printFailure(stdout, report.Failure{Message: msg, Kind: "internal", Exit: ExitFailed}, nil, nil)
			}
			code = ExitFailed
		}
		// Only now: a signal while the output is written waits for it.
		for _, sig := range run.stop.close() {
			fmt.Fprintf(run.Err, "rank: %s came while the new reports were put in place; the run finished first\n", signalName(sig))
		}
	}()

	root := newRoot(&run)
	root.SetArgs(args)
	c, err := root.ExecuteC()
	run.stop.commit()
	if err == nil {
		if _, err := stdout.Out.Write(held.Bytes()); err != nil {
			fmt.Fprintf(run.Err, "rank: %v\n", err)
			return ExitFailed
		}
		return ExitOK
	}
	f, extra := classify(err)
	fmt.Fprintf(run.Err, "rank: %s\n", f.Message)
	if f.Kind == "usage" {
		fmt.Fprintln(run.Err, "Run 'rank --help' for usage.")
	}
	// The parsed flag says whether JSON was asked for, unless the flags
	// could not be parsed.
	var unparsed flagError
	if c != nil && !errors.As(err, &unparsed) {
		if f := c.Flags().Lookup("format"); f != nil {
			jsonOut = f.Value.String() == "json"
		}
	}
	if jsonOut {
		printFailure(stdout, f, held.Bytes(), extra)
	} else {
		stdout.Out.Write(held.Bytes())
	}
	return f.Exit
}

// stopAndExit is what a stop signal does after the run is undone: says so
// on stderr (and stdout, as JSON) and exits with 128 plus its number.
func stopAndExit(stderr io.Writer, stdout *IO, jsonOut bool) func(os.Signal, []string) {
	return func(sig os.Signal, what []string) {
		msg := "stopped by " + signalName(sig)
		if len(what) > 0 {
			msg += ": " + strings.Join(what, "; ")
		}
		fmt.Fprintf(stderr, "rank: %s\n", msg)
		if jsonOut {
			printFailure(stdout, report.Failure{Message: msg, Kind: "interrupted", Exit: exitStatus(sig)}, nil, nil)
		}
		os.Exit(exitStatus(sig))
	}
}

// NewCmdRoot builds the command tree.
func NewCmdRoot(ios *IO, methods Methods) *cobra.Command {
	root := &cobra.Command{
		Use:         "rank <command>",
		Annotations: map[string]string{exit1: failedReading + "; nothing written"},
		Short:       "Evaluate and rank government service counter offices from the regulator's exports",
		Long: `rank evaluates the regulator's six-monthly exports of government service
counter offices (دفاتر پیشخوان خدمات دولت) and rural ICT offices and writes
per-province ranking workbooks: each office's points per indicator,
penalties, total, grade 1/2/3, rank and service quota.

Every number of the method lives in a rules file; the default one is built in,
and so is the agencies' e-services method (--rules agencies).

A period's work, step by step:
  0. rank init DIR                    empty template workbooks to fill in (if not exported)
  1. rank validate DIR --period P     check every file; fix what it lists
  2. rank evaluate DIR --period P --out REPORTS
                                      the workbooks (one per province, national.xlsx)
  3. rank explain DIR --period P --office CODE
                                      why an office has its grade
  4. rank compare OLD-REPORTS NEW-REPORTS
                                      grade moves since the last period`,
		Example: `  $ rank validate exports/1404-H1 --period 1404-H1
  $ rank evaluate exports/1404-H1 --period 1404-H1 --out reports/1404-H1
  $ rank evaluate exports/1404-H1 --period 1404-H1 --out reports/1404-H1 --format json --csv
  $ rank explain exports/1404-H1 --period 1404-H1 --office 01-00422
  $ rank compare reports/1403-H2 reports/1404-H1 --out reports/compare
  $ rank verify reports/1404-H1
  $ rank evaluate agencies/1404-H1 --rules agencies --period 1404-H1 --out reports/agencies`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.Err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{flagError{err}} })
	root.SetHelpTemplate(root.HelpTemplate() + "{{exitStatusHelp .}}")
	root.AddCommand(NewCmdEvaluate(ios, methods, nil))
	root.AddCommand(NewCmdRules(ios, methods))
	root.AddCommand(NewCmdValidate(ios, methods, nil))
	root.AddCommand(NewCmdExplain(ios, methods, nil))
	root.AddCommand(NewCmdCompare(ios, nil))
	root.AddCommand(NewCmdVerify(ios, nil))
	root.AddCommand(NewCmdInit(ios, methods, nil))
	root.AddCommand(NewCmdVersion(ios))
	return root
}

func init() { cobra.AddTemplateFunc("exitStatusHelp", exitStatusHelp) }

// A command's annotations under these keys say its exit statuses 0 and 1
// in its own words, in its help; a command without them is "done" and "the
// run failed".
const (
	exit0 = "exit0"
	exit1 = "exit1"
)

// failedReading is exit 1 of a command that reads an export folder.
const failedReading = "the run failed: an unreadable file, a missing column, invalid rules, a file\n      none of whose rows can be used"

// exitStatusHelp is the EXIT STATUS section of a command's help: the
// statuses it can give, in its own words where it has its own (validate,
// verify); the root's names them all.
func exitStatusHelp(c *cobra.Command) string {
	root := !c.HasParent()
	has := func(flag string) bool { return root || c.Flags().Lookup(flag) != nil }
	var b strings.Builder
	b.WriteString("\nEXIT STATUS\n")
	line := func(code, text string) { fmt.Fprintf(&b, "  %-3s %s\n", code, text) }
	done, failed := c.Annotations[exit0], c.Annotations[exit1]
	if done == "" {
		done = "done"
		if has("strict") {
			done = "done (rows in error are listed in the reports, not fatal)"
		}
	}
	if failed == "" {
		failed = "the run failed; the message says why"
		if has("out") {
			failed += "; nothing written"
		}
	}
	line("0", done)
	line("1", failed)
	if root {
		line("", "validate: rows in error; verify: a report is not as rank wrote it")
	}
	line("2", "usage error")
	if has("strict") {
		line("3", "--strict and rows in error; nothing written")
	}
	stopped := "stopped by SIGINT, SIGTERM or SIGHUP"
	if has("out") {
		stopped += "; the reports folder as it was"
	}
	fmt.Fprintf(&b, "  130, 143, 129  %s\n", stopped)
	if has("format") {
		b.WriteString("With --format json, stdout holds one JSON object whatever the status: the\nsummary, or {\"error\": {\"message\", \"kind\", \"file\", \"row\", \"column\"}, \"exit\": N}.\n")
	}
	return b.String()
}

// usageArgs makes a wrong number of arguments a usage error (exit 2).
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if err := check(c, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}
