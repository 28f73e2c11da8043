package cmd

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Exit statuses.
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

// strictError stops a --strict run that found rows in error.
type strictError struct{ rows int64 }

func (e strictError) Error() string {
	return fmt.Sprintf("%d rows in error and --strict is set: no reports written; fix the rows listed above or run without --strict", e.rows)
}

// Main runs rank with the arguments and returns the exit status.
func Main(args []string, ios *IO, methods Methods) int {
	root := NewCmdRoot(ios, methods)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	fmt.Fprintf(ios.Err, "rank: %v\n", err)
	var usage usageError
	var strict strictError
	switch {
	case errors.As(err, &usage):
		fmt.Fprintln(ios.Err, "Run 'rank --help' for usage.")
		return ExitUsage
	case errors.As(err, &strict):
		return ExitStrict
	}
	return ExitFailed
}

// NewCmdRoot builds the command tree.
func NewCmdRoot(ios *IO, methods Methods) *cobra.Command {
	root := &cobra.Command{
		Use:   "rank <command>",
		Short: "Evaluate and rank government service counter offices from the regulator's exports",
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
  $ rank evaluate agencies/1404-H1 --rules agencies --period 1404-H1 --out reports/agencies`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.Err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.SetHelpTemplate(root.HelpTemplate() + `
EXIT STATUS
  0  done (rows in error are listed in the reports, not fatal)
  1  the run failed: an unreadable file, a missing column, invalid rules, a file
     none of whose rows can be used; nothing written
  2  usage error
  3  --strict and rows in error; nothing written
`)
	root.AddCommand(NewCmdEvaluate(ios, methods, nil))
	root.AddCommand(NewCmdRules(ios, methods))
	root.AddCommand(NewCmdValidate(ios, methods, nil))
	root.AddCommand(NewCmdExplain(ios, methods, nil))
	root.AddCommand(NewCmdCompare(ios, nil))
	root.AddCommand(NewCmdInit(ios, methods, nil))
	root.AddCommand(NewCmdVersion(ios))
	return root
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
