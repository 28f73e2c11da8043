package cmd

import (
	"bytes"
	"fmt"
	"path/filepath"

	"github.com/iranict/rank/ingest"
	"github.com/iranict/rank/report"
	"github.com/iranict/rank/scoring"
)

// indexRun evaluates a composite index (a rules file with method: index):
// one table of entities in, ranking.xlsx (and ranking.csv) out.
func indexRun(opts *EvaluateOptions, data []byte, rulesName string) error {
	run, inError, err := loadIndex(opts, data, rulesName)
	if err != nil {
		return err
	}
	if opts.Strict && inError > 0 {
		for _, p := range run.Problems {
			fmt.Fprintln(opts.IO.Err, p.Error())
		}
		return strictError{inError}
	}
	written, err := writeWith(opts.Out, func(tmp string) ([]string, error) {
		names, err := report.IndexWorkbooks(tmp, run)
		if err != nil || !opts.CSV {
			return names, err
		}
		var buf bytes.Buffer
		if err := report.IndexCSV(&buf, run); err != nil {
			return nil, err
		}
		return append(names, "ranking.csv"), report.WriteFile(filepath.Join(tmp, "ranking.csv"), buf.Bytes())
	})
	if err != nil {
		return err
	}
	if opts.Format == "json" {
		err = report.IndexJSON(opts.IO.Out, run, written)
	} else {
		err = report.IndexText(opts.IO.Out, run)
	}
	if err == nil && inError > 0 && opts.Format == "json" {
		fmt.Fprintf(opts.IO.Err, "rank: %d rows in error were left out; they are listed in the Errors sheet\n", inError)
	}
	return err
}

// loadIndex reads the files an index's rules name and evaluates them:
// everything its reports or a validation need, and the rows in error.
func loadIndex(opts *EvaluateOptions, data []byte, rulesName string) (report.IndexRun, int64, error) {
	rules, err := scoring.ParseIndexRules(data)
	if err != nil {
		return report.IndexRun{}, 0, rulesError(err, opts.RulesFile)
	}
	var period *scoring.Period
	switch {
	case opts.Period != "":
		p, err := scoring.ParsePeriod(opts.Period)
		if err != nil {
			return report.IndexRun{}, 0, usageError{err}
		}
		period = &p
	case rules.NeedsPeriod():
		return report.IndexRun{}, 0, usagef("--period is required: the rules read dated events, e.g. --period 1404-H1")
	}
	exp, err := ingest.ReadIndex(opts.Dir, rules, period)
	if err != nil {
		return report.IndexRun{}, 0, err
	}
	var inError int64
	for _, s := range exp.Stats {
		inError += s.Errors
	}
	run := report.IndexRun{Result: scoring.EvaluateIndex(rules, exp.Inputs), RulesName: rulesName, RulesText: data, Period: opts.Period, Lang: opts.Lang, Inputs: exp.Stats, Problems: exp.Problems}
	return run, inError, nil
}
