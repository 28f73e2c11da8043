package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iranict/rank/ingest"
	"github.com/iranict/rank/internal/vocab"
	"github.com/iranict/rank/method"
	"github.com/iranict/rank/report"
	"github.com/iranict/rank/scoring"
)

// EvaluateOptions are the inputs of rank evaluate.
type EvaluateOptions struct {
	IO      *IO
	Methods Methods

	Dir       string
	Files     ingest.Files // files named outside Dir
	Sheets    []string     // --sheet: NAME, or KIND=NAME
	Period    string
	Out       string
	RulesFile string
	Format    string // "text" | "json"
	CSV       bool
	Strict    bool
	Quiet     bool   // no progress on stderr
	Lang      string // of the workbooks' labels: "fa" (default) or "en"

	progress progress

	ShowNationalIDs bool

	Folder FolderOptions // --force, and the writing of the reports folder
	inputs *inputHashes  // the inputs' sha256, for run.json
}

// NewCmdEvaluate builds `rank evaluate`; runF replaces evaluateRun in tests.
func NewCmdEvaluate(ios *IO, methods Methods, runF func(*EvaluateOptions) error) *cobra.Command {
	opts := &EvaluateOptions{IO: ios, Methods: methods}
	c := &cobra.Command{
		Use:         "evaluate [DIR]",
		Annotations: map[string]string{exit1: failedReading + "; nothing written"},
		Short:       "Evaluate an export folder and write the ranking reports",
		Long: `Evaluate reads an export folder — offices, declarations, surveys,
violations and optionally services, each .csv or .xlsx — applies the rules,
and writes one workbook per province (REPORTS/<province>.xlsx) and
REPORTS/national.xlsx. Rows in error are left out and listed in the reports'
Errors sheets; they do not stop the run unless --strict is given.

REPORTS is replaced whole: it holds this run's reports and run.json (the
summary, the rules and inputs with their sha256, every report's sha256),
nothing else. A failed or stopped run leaves it as it was. A folder that
holds files rank did not write is refused unless --force is given.`,
		Example: `  # The shipped sample: Gilan, first half of 1400
  $ rank evaluate testdata/gilan --period 1400-H1 --out reports

  # A national export, with ranking.csv and a JSON summary for scripts
  $ rank evaluate exports/1404-H1 --period 1404-H1 --out reports/1404-H1 --csv --format json

  # A registry kept elsewhere, and a rules file of your own
  $ rank evaluate exports/1404-H1 --offices registry/offices.xlsx --rules my-rules.yaml --period 1404-H1 --out reports`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			if opts.Out == "" {
				return usagef("--out is required: the folder the reports are written to")
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
			return evaluateRun(opts)
		},
	}
	f := c.Flags()
	normalizedVar(f, &opts.Period, "period", "", "the period to evaluate, e.g. 1404-H1 (months 1–6) or 1404-H2 (months 7–12)")
	f.StringVar(&opts.Out, "out", "", "the folder to write the reports to")
	f.StringVar(&opts.RulesFile, "rules", "", "the rules: a file, or a built-in method: offices or agencies (default: DIR/rules.yaml when the folder has one, else offices)")
	f.StringVar(&opts.Format, "format", "text", "what to print: text or json")
	f.BoolVar(&opts.CSV, "csv", false, "also write REPORTS/ranking.csv")
	f.BoolVar(&opts.Strict, "strict", false, "write nothing and exit 3 if any row is in error")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "no progress on stderr (errors are still printed)")
	f.StringVar(&opts.Lang, "lang", "fa", "the language of the workbooks' labels: fa or en")
	f.BoolVar(&opts.ShowNationalIDs, "show-national-ids", false, "show license holders' national codes whole (masked by default: 001****419)")
	fileFlags(c, opts)
	folderFlags(c, &opts.Folder)
	return c
}

// fileFlags are the flags that name export files kept outside DIR.
func fileFlags(c *cobra.Command, opts *EvaluateOptions) {
	f := c.Flags()
	f.StringVar(&opts.Files.Offices, "offices", "", "the registry file, if not DIR/offices.{csv,xlsx}")
	f.StringVar(&opts.Files.Declarations, "declarations", "", "the declarations file, if not in DIR")
	f.StringVar(&opts.Files.Surveys, "surveys", "", "the surveys file, if not in DIR")
	f.StringVar(&opts.Files.Violations, "violations", "", "the violations file, if not in DIR")
	f.StringVar(&opts.Files.Services, "services", "", "the services file, if not in DIR (optional)")
	f.StringArrayVar(&opts.Sheets, "sheet", nil, "the sheet to read in every workbook (default: the first visible one), or in one kind's: KIND=NAME (offices=دفاتر); repeatable")
}

func evaluateRun(opts *EvaluateOptions) error {
	run, err := opts.evaluate()
	if err != nil {
		return err
	}
	if err := run.Unusable(); err != nil {
		return err
	}
	inError := run.InError()
	if opts.Strict && inError > 0 {
		for _, p := range run.Problems() {
			if !p.Warning {
				fmt.Fprintln(opts.IO.Err, p.Error())
			}
		}
		return strictError{inError, run.Validation()}
	}
	opts.progress.Step("writing reports to %s", opts.Out)
	written, err := writeReports(opts, run)
	if err != nil {
		return err
	}
	opts.progress.Step("wrote %d files", len(written))
	opts.progress.Done()

	if err := run.Print(opts.IO.Out, opts.Format, written); err != nil {
		return err
	}
	if inError > 0 && opts.Format == "json" {
		sheets := "sheet"
		if workbooks(written) > 1 {
			sheets = "sheets" // every workbook has its own
		}
		were, they := "were", "they are"
		if inError == 1 {
			were, they = "was", "it is"
		}
		fmt.Fprintf(opts.IO.Err, "rank: %s in error %s left out; %s listed in the Errors %s\n", vocab.Count(int64(inError), "row"), were, they, sheets)
	}
	return nil
}

// workbooks counts the workbooks among the files written.
func workbooks(written []string) int {
	n := 0
	for _, name := range written {
		if filepath.Ext(name) == ".xlsx" {
			n++
		}
	}
	return n
}

// evaluate reads the rules and the export folder the options name and
// evaluates the folder by the rules' method.
func (opts *EvaluateOptions) evaluate() (method.Run, error) {
	var period *scoring.Period
	if opts.Period != "" {
		p, err := scoring.ParsePeriod(opts.Period)
		if err != nil {
			return nil, usageError{err}
		}
		period = &p
	}
	file := opts.RulesFile
	if file == "" {
		file = folderRules(opts.Dir)
	}
	m, rules, err := loadMethod(file, opts.Methods)
	if err != nil {
		return nil, err
	}
	switch own := folderRules(opts.Dir); {
	case file != opts.RulesFile:
		opts.noteFolderRules(rules)
	case own != "" && filepath.Clean(own) != filepath.Clean(file):
		fmt.Fprintf(opts.IO.Err, "rank: rules: %s, as --rules says; the export folder's own %s is not used\n", rules.name, own)
	}
	sheets, err := ingest.ParseSheets(opts.Sheets)
	if err != nil {
		return nil, usageError{err}
	}
	limitMemory()
	run, err := m.Evaluate(method.Input{
		Dir: opts.Dir, Files: opts.Files, Period: period, Lang: opts.Lang, Sheets: sheets, ShowNationalIDs: opts.ShowNationalIDs,
		Note:  func(msg string) { fmt.Fprintf(opts.IO.Err, "rank: %s\n", msg) },
		Found: opts.hashInputs,
		Progress: func(files ingest.Files) method.Progress {
			if opts.progress == nil {
				opts.progress = newProgress(opts.IO, opts.Quiet, exportSize(files))
			}
			return opts.progress
		},
	})
	if opts.progress == nil {
		opts.progress = nopProgress{}
	}
	switch {
	case errors.Is(err, method.ErrNoPeriod):
		return nil, usageError{err}
	case err != nil:
		return nil, failure{"input", opts.Dir, err}
	}
	return run, nil
}

// FolderRules is the name of the rules file an export folder may hold:
// what rank init writes, to adapt. evaluate, validate and explain use it
// when --rules is not given.
const FolderRules = "rules.yaml"

// folderRules is the path of dir's own rules file, or "" when it has none.
func folderRules(dir string) string {
	path := filepath.Join(dir, FolderRules)
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
		return ""
	}
	return path
}

// noteFolderRules tells on stderr that the rules came from the export
// folder, not from --rules: a file in the folder changes every grade, and
// must not do so without a word.
func (opts *EvaluateOptions) noteFolderRules(rules rulesFile) {
	same := ""
	if bytes.Equal(rules.text, opts.Methods["offices"]) {
		same = ", the same as the built-in method"
	}
	fmt.Fprintf(opts.IO.Err, "rank: rules: %s, the export folder's own (sha256 %s%s); --rules offices uses the built-in method\n",
		rules.name, report.RulesHash(rules.text), same)
}

// Methods are the built-in rules files by name: "offices" (the default)
// and "agencies".
type Methods map[string][]byte

// readRules reads the rules file — a built-in method's name, or a path —
// or the built-in office rules when none is named, and gives the name
// reports record: the method's name, or the file's path as given.
func readRules(file string, methods Methods) ([]byte, string, error) {
	if file == "" {
		return methods["offices"], "default", nil
	}
	if b, ok := methods[file]; ok {
		return b, file, nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, "", failure{"rules", file, fmt.Errorf("rules: %w (a rules file, or a built-in method: %s)", err, strings.Join(slices.Sorted(maps.Keys(methods)), ", "))}
	}
	return b, file, nil
}

// rulesFile is a rules file as read: the name reports record of it (a
// built-in method's name, or the path) and its text.
type rulesFile struct {
	name string
	text []byte
}

// loadMethod reads the rules file — a built-in method's name, or a path —
// and makes its method. Every mistake in the rules is reported as
// FILE:LINE:COL: message.
func loadMethod(file string, methods Methods) (method.Method, rulesFile, error) {
	data, name, err := readRules(file, methods)
	if err != nil {
		return nil, rulesFile{}, err
	}
	m, err := method.Parse(data, name)
	if err != nil {
		return nil, rulesFile{}, rulesError(err, file)
	}
	return m, rulesFile{name, data}, nil
}

// rulesError names the file in every FILE:LINE:COL: message of err.
func rulesError(err error, file string) error {
	var re *scoring.RulesError
	if errors.As(err, &re) {
		switch file {
		case "", "offices":
			re.File = "rules.yaml (built in)"
		case "agencies":
			re.File = "agencies.yaml (built in)"
		default:
			re.File = file
		}
		return re
	}
	return err
}
