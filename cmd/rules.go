package cmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/iranict/rank/report"
	"github.com/iranict/rank/scoring"
)

// RulesOptions are the inputs of rank rules check and rank rules show.
type RulesOptions struct {
	IO      *IO
	Methods Methods
	File    string // "" for the built-in rules
}

// NewCmdRules builds `rank rules` and its subcommands.
func NewCmdRules(ios *IO, methods Methods) *cobra.Command {
	c := &cobra.Command{
		Use:   "rules <command>",
		Short: "Check a rules file, or show a method in plain words",
	}
	c.AddCommand(newCmdRulesCheck(ios, methods, nil), newCmdRulesShow(ios, methods, nil))
	return c
}

func newCmdRulesCheck(ios *IO, methods Methods, runF func(*RulesOptions) error) *cobra.Command {
	c := rulesSubcommand(ios, methods, orRun(runF, rulesCheckRun))
	c.Use = "check [FILE]"
	c.Short = "Check a rules file strictly: every mistake at its line"
	c.Long = `Check reads a rules file strictly — unknown keys, values of the wrong type,
references to indicators or grades that do not exist, grades that cannot be
reached, duplicate ids — and lists every mistake at once as FILE:LINE:COL.
Without FILE it checks the built-in rules.`
	c.Example = `  $ rank rules check my-rules.yaml
  my-rules.yaml:12:3: unknown key "self_declared_cont"; known here: carry_forward, self_declared_count, non_participant_grade`
	return c
}

// rulesSubcommand is a `rank rules` subcommand taking an optional FILE.
func rulesSubcommand(ios *IO, methods Methods, run func(*RulesOptions) error) *cobra.Command {
	opts := &RulesOptions{IO: ios, Methods: methods}
	return &cobra.Command{
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.File = args[0]
			}
			return run(opts)
		},
	}
}

func orRun(runF, run func(*RulesOptions) error) func(*RulesOptions) error {
	if runF != nil {
		return runF
	}
	return run
}

func rulesCheckRun(opts *RulesOptions) error {
	data, name, err := readRules(opts.File, opts.Methods)
	if err != nil {
		return err
	}
	if scoring.IsIndex(data) {
		r, err := scoring.ParseIndexRules(data)
		if err != nil {
			return rulesError(err, opts.File)
		}
		fmt.Fprintf(opts.IO.Out, "%s: ok — an index of %d indicators in %d levels, %d bands\n", name, len(r.Indicators), len(r.Levels), len(r.Bands))
		return nil
	}
	r, err := scoring.ParseRules(data)
	if err != nil {
		return rulesError(err, opts.File)
	}
	fmt.Fprintf(opts.IO.Out, "%s: ok — %d indicators, %d grades, %d violation types priced\n", name, len(r.Indicators), len(r.Grades), len(r.Penalties.Points))
	return nil
}

func newCmdRulesShow(ios *IO, methods Methods, runF func(*RulesOptions) error) *cobra.Command {
	c := rulesSubcommand(ios, methods, orRun(runF, rulesShowRun))
	c.Use = "show [FILE]"
	c.Short = "Show a method in plain words and a table"
	c.Long = `Show describes the method a rules file sets out: who takes part, each
indicator's source, how its value becomes points, its maximum and its
effective weight in the total, the penalties, the grades, the rank order and
the service quotas. Without FILE it shows the built-in rules.`
	c.Example = `  $ rank rules show
  $ rank rules show testdata/hdi/hdi.yaml`
	return c
}

func rulesShowRun(opts *RulesOptions) error {
	data, name, err := readRules(opts.File, opts.Methods)
	if err != nil {
		return err
	}
	if scoring.IsIndex(data) {
		r, err := scoring.ParseIndexRules(data)
		if err != nil {
			return rulesError(err, opts.File)
		}
		return report.IndexRulesText(opts.IO.Out, name, r)
	}
	r, err := scoring.ParseRules(data)
	if err != nil {
		return rulesError(err, opts.File)
	}
	return report.RulesText(opts.IO.Out, name, r)
}
