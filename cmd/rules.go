package cmd

import (
	"fmt"

	"github.com/spf13/cobra"
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
	m, rules, err := loadMethod(opts.File, opts.Methods)
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "%s: ok — %s\n", rules.name, m.Summary())
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
	m, _, err := loadMethod(opts.File, opts.Methods)
	if err != nil {
		return err
	}
	return m.Describe(opts.IO.Out)
}
