package cmd

import (
	"github.com/spf13/cobra"

	"github.com/iranict/rank/ingest"
	"github.com/iranict/rank/report"
	"github.com/iranict/rank/scoring"
)

// CompareOptions are the inputs of rank compare.
type CompareOptions struct {
	IO       *IO
	Old, New string // ranking.csv files or report folders
	Out      string // where compare.xlsx goes; "" for none
	Format   string // "text" | "json"
	Lang     string // of compare.xlsx's labels: "fa" (default) or "en"
	Folder   FolderOptions
}

// NewCmdCompare builds `rank compare`: two periods side by side.
func NewCmdCompare(ios *IO, runF func(*CompareOptions) error) *cobra.Command {
	opts := &CompareOptions{IO: ios}
	c := &cobra.Command{
		Use:   "compare OLD NEW",
		Short: "Compare two periods' results: grade moves, provinces side by side, offices new and gone",
		Long: `Compare reads two periods' results — each a ranking.csv written by
rank evaluate --csv, or the report folder holding it — and shows each
office whose grade moved (1→2 …), each province's participants by grade in
both periods, and the offices new in NEW or gone from OLD, naming each
side by the period its ranking.csv holds. With --out it also writes
REPORTS/compare.xlsx, in a folder of its own: like evaluate's, it is
replaced whole and holds run.json.`,
		Example: `  $ rank compare reports/1403-H2 reports/1404-H1
  $ rank compare reports/1403-H2/ranking.csv reports/1404-H1/ranking.csv --out reports/compare --format json`,
		Args: usageArgs(cobra.ExactArgs(2)),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Old, opts.New = args[0], args[1]
			if opts.Format != "text" && opts.Format != "json" {
				return usagef("--format %q: want text or json", opts.Format)
			}
			if opts.Lang != "fa" && opts.Lang != "en" {
				return usagef("--lang %q: want fa or en", opts.Lang)
			}
			if runF != nil {
				return runF(opts)
			}
			return compareRun(opts)
		},
	}
	f := c.Flags()
	f.StringVar(&opts.Out, "out", "", "also write compare.xlsx into this folder")
	f.StringVar(&opts.Format, "format", "text", "what to print: text or json")
	f.StringVar(&opts.Lang, "lang", "fa", "the language of compare.xlsx's labels: fa or en")
	folderFlags(c, &opts.Folder)
	return c
}

func compareRun(opts *CompareOptions) error {
	old, err := ingest.ReadRanking(opts.Old)
	if err != nil {
		return failure{"input", opts.Old, err}
	}
	new, err := ingest.ReadRanking(opts.New)
	if err != nil {
		return failure{"input", opts.New, err}
	}
	c := report.Comparison{Comparison: scoring.Compare(old.Offices, new.Offices),
		OldPeriod: old.Period, NewPeriod: new.Period, OldFile: opts.Old, NewFile: opts.New, Lang: opts.Lang}
	if opts.Out != "" {
		if _, err := writeComparison(opts, c); err != nil {
			return err
		}
	}
	if opts.Format == "json" {
		return report.CompareJSON(opts.IO.Out, c)
	}
	return report.CompareText(opts.IO.Out, c)
}
