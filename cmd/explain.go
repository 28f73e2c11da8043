package cmd

import (
	"github.com/spf13/cobra"
)

// ExplainOptions are the inputs of rank explain.
type ExplainOptions struct {
	EvaluateOptions
	Office string
	Lang   string // "fa" | "en"
}

// NewCmdExplain builds `rank explain`: one office's whole computation.
func NewCmdExplain(ios *IO, methods Methods, runF func(*ExplainOptions) error) *cobra.Command {
	opts := &ExplainOptions{EvaluateOptions: EvaluateOptions{IO: ios, Methods: methods}}
	c := &cobra.Command{
		Use:         "explain [DIR] --office CODE",
		Annotations: map[string]string{exit1: failedReading},
		Short:       "Show how one office's points, grade, rank and quota were worked out",
		Long: `Explain evaluates an export folder as evaluate does, writes nothing, and
prints one office's whole computation: its registry row and declaration;
each indicator's input value with the file and row it came from, its
points and the part of the rule (table and step, category, scale) that gave
them; each ruling with its case id and what it cost; the total, the grade
and the rule that gave it; its rank among its province's participants; its
service quota. The answer to "why is my office grade 2?".`,
		Example: `  $ rank explain exports/1404-H1 --period 1404-H1 --office 01-00042
  $ rank explain testdata/gilan --period 1400-H1 --office 01-00001 --lang fa
  $ rank explain testdata/agencies --rules agencies --period 1404-H1 --office AG126
  $ rank explain exports/1404-H1 --period 1404-H1 --office 01-00042 --format json`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			if opts.Office == "" {
				return usagef("--office is required: the office code to explain")
			}
			if opts.Lang != "fa" && opts.Lang != "en" {
				return usagef("--lang %q: want fa or en", opts.Lang)
			}
			if opts.Format != "text" && opts.Format != "json" {
				return usagef("--format %q: want text or json", opts.Format)
			}
			if runF != nil {
				return runF(opts)
			}
			return explainRun(opts)
		},
	}
	f := c.Flags()
	normalizedVar(f, &opts.Period, "period", "", "the period evaluated, e.g. 1404-H1")
	normalizedVar(f, &opts.Office, "office", "", "the office code (with an index's rules, e.g. --rules agencies, the entity's code)")
	f.StringVar(&opts.Lang, "lang", "en", "the language of the explanation: en or fa")
	f.StringVar(&opts.Format, "format", "text", "what to print: text, or json for scripts (ids and numbers, in no language)")
	f.StringVar(&opts.RulesFile, "rules", "", "the rules: a file, or a built-in method: offices or agencies (default: DIR/rules.yaml when the folder has one, else offices)")
	f.BoolVar(&opts.ShowNationalIDs, "show-national-ids", false, "show license holders' national codes whole")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "no progress on stderr")
	fileFlags(c, &opts.EvaluateOptions)
	return c
}

func explainRun(opts *ExplainOptions) error {
	run, err := opts.evaluate()
	if err != nil {
		return err
	}
	if err := run.Unusable(); err != nil {
		return err
	}
	return run.Explain(opts.IO.Out, opts.Office, opts.Lang, opts.Format)
}
