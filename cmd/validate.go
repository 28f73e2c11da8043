package cmd

import (
	"bytes"

	"github.com/spf13/cobra"

	"github.com/iranict/rank/internal/vocab"
	"github.com/iranict/rank/report"
)

// errInvalid is a validation that found rows in error: exit 1, the
// problems already printed.
type errInvalid struct{ rows int64 }

func (e errInvalid) Error() string { return vocab.Count(e.rows, "row") + " in error" }

// NewCmdValidate builds `rank validate`: every file of an export folder
// checked, nothing written.
func NewCmdValidate(ios *IO, methods Methods, runF func(*EvaluateOptions) error) *cobra.Command {
	opts := &EvaluateOptions{IO: ios, Methods: methods}
	c := &cobra.Command{
		Use: "validate [DIR]",
		Annotations: map[string]string{
			exit0: "every row can be used (warnings aside)",
			exit1: "rows in error, listed; or the run failed: an unreadable file, a missing\n      column, invalid rules",
		},
		Short: "Check every file of an export folder without writing reports",
		Long: `Validate reads an export folder as evaluate does — every file, every row,
every rule — and writes no ranking. It prints each file's rows as used,
outside the period, superseded or in error, and the problems grouped by
file and rule, with their counts and first rows. It exits 1 if any row is
in error, so a script can stop before a bad export is evaluated.

With --out it also writes the problems back for the people who fix them:
REPORTS/problems.xlsx — a summary, then a sheet per province with its
problems (file, row, column and reason, right to left in Persian; --lang
en in English), so that each regional office gets its own, and a sheet
of the problems of no province — and REPORTS/problems.csv, every problem
in fixed columns (province, province_name, kind, file, sheet, row,
column, severity, reason).`,
		Example: `  $ rank validate exports/1404-H1 --period 1404-H1
  $ rank validate exports/1404-H1 --period 1404-H1 --format json
  $ rank validate exports/1404-H1 --period 1404-H1 --out problems/1404-H1
  $ rank validate agencies/1404-H1 --rules agencies --period 1404-H1`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			if opts.Format != "text" && opts.Format != "json" {
				return usagef("--format %q: want text or json", opts.Format)
			}
			if opts.Lang != "fa" && opts.Lang != "en" {
				return usagef("--lang %q: want fa or en", opts.Lang)
			}
			if runF != nil {
				return runF(opts)
			}
			return validateRun(opts)
		},
	}
	f := c.Flags()
	normalizedVar(f, &opts.Period, "period", "", "the period the rows are checked against, e.g. 1404-H1")
	f.StringVar(&opts.RulesFile, "rules", "", "the rules: a file, or a built-in method: offices or agencies (default: DIR/rules.yaml when the folder has one, else offices)")
	f.StringVar(&opts.Format, "format", "text", "what to print: text or json")
	f.StringVar(&opts.Out, "out", "", "also write the problems to this folder: problems.xlsx, a sheet per province, and problems.csv")
	f.StringVar(&opts.Lang, "lang", "fa", "the language of problems.xlsx and problems.csv's reasons: fa or en")
	f.BoolVar(&opts.ShowNationalIDs, "show-national-ids", false, "show license holders' national codes whole in the problems")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "no progress on stderr")
	fileFlags(c, opts)
	folderFlags(c, &opts.Folder)
	return c
}

func validateRun(opts *EvaluateOptions) error {
	run, err := opts.evaluate()
	if err != nil {
		return err
	}
	v := run.Validation()
	if opts.Out != "" {
		// Written whatever the rows hold: the problems are what to send back.
		opts.progress.Step("writing the problems to %s", opts.Out)
		v.Out = opts.Out
		v.Period = opts.Period
		name, text := run.Rules()
		rec := opts.record(name, text, func(written []string) ([]byte, error) {
			v := v
			v.Reports = written
			var b bytes.Buffer
			err := report.ValidationJSON(&b, v)
			return b.Bytes(), err
		})
		rec.command = "validate"
		if v.Reports, err = writeFolder(opts.IO, opts.Out, opts.Folder, rec, func(dir string) ([]string, error) {
			return report.ProblemsReports(dir, v, run.Problems(), opts.Lang)
		}); err != nil {
			return err
		}
		opts.progress.Step("wrote %d files", len(v.Reports))
		opts.progress.Done()
	}
	if opts.Format == "json" {
		err = report.ValidationJSON(opts.IO.Out, v)
	} else {
		err = report.ValidationText(opts.IO.Out, v)
	}
	if err != nil {
		return err
	}
	// Listed, and fatal: a file none of whose rows can be used.
	if err := run.Unusable(); err != nil {
		return err
	}
	if v.Errors > 0 {
		return errInvalid{v.Errors}
	}
	return nil
}
