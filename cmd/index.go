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
	rules, err := scoring.ParseIndexRules(data)
	if err != nil {
		return rulesError(err, opts.RulesFile)
	}
	path, err := ingest.FindTable(opts.Dir, rules.Entities.File)
	if err != nil {
		return err
	}
	ents, err := ingest.ReadEntities(path, rules.Entities, rules.Columns())
	if err != nil {
		return err
	}
	if opts.Strict && ents.Stat.Errors > 0 {
		for _, p := range ents.Problems {
			fmt.Fprintln(opts.IO.Err, p.Error())
		}
		return strictError{ents.Stat.Errors}
	}
	run := report.IndexRun{Result: scoring.EvaluateIndex(rules, ents.Rows), RulesName: rulesName, Input: ents.Stat, Problems: ents.Problems}
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
	if err == nil && ents.Stat.Errors > 0 && opts.Format == "json" {
		fmt.Fprintf(opts.IO.Err, "rank: %d rows in error were left out; they are listed in the Errors sheet\n", ents.Stat.Errors)
	}
	return err
}
