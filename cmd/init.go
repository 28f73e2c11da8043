package cmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/iranict/rank/report"
)

// InitOptions are the inputs of rank init.
type InitOptions struct {
	IO      *IO
	Methods Methods
	Dir     string
	Force   bool
}

// NewCmdInit builds `rank init`: empty export templates to fill in.
func NewCmdInit(ios *IO, methods Methods, runF func(*InitOptions) error) *cobra.Command {
	opts := &InitOptions{IO: ios, Methods: methods}
	c := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write template workbooks for every export, and a commented copy of the rules",
		Long: `Init writes into DIR (default: the current folder) an empty workbook for
each export — offices, declarations, surveys, violations, services — with
the Persian headers evaluate reads, drop-down lists for the columns with a
closed set of values (province, area type, office type, location,
review status, violation type, ruling status), checks on numbers and
dates, and a guide sheet (راهنما) explaining every column; and rules.yaml,
the built-in method with its comments, to adapt: evaluate, validate and
explain of the folder use it when --rules is not given (and say so on
stderr). Fill the workbooks in, then validate and evaluate the folder.
Existing files are kept unless --force is given.`,
		Example: `  $ rank init exports/1404-H1
  $ rank validate exports/1404-H1 --period 1404-H1`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return initRun(opts)
		},
	}
	c.Flags().BoolVar(&opts.Force, "force", false, "write over existing files")
	return c
}

func initRun(opts *InitOptions) error {
	names, err := report.Templates(opts.Dir, opts.Methods["offices"], opts.Force)
	if err != nil {
		return err
	}
	for _, n := range names {
		fmt.Fprintf(opts.IO.Out, "wrote %s\n", n)
	}
	fmt.Fprintf(opts.IO.Out, "fill them in, then: rank validate %s --period 1404-H1\n", opts.Dir)
	return nil
}
