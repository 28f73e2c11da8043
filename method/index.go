package method

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/iranict/rank/ingest"
	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/report"
	"github.com/iranict/rank/scoring"
)

// The composite index: any index over a table of entities — agencies,
// countries — with values from its columns, a long file and event files,
// as a rules file with `method: index` sets out (docs/rules.md).
func init() { Register("index", newIndex) }

type index struct {
	rules *scoring.IndexRules
	name  string
	text  []byte
}

func newIndex(text []byte, name string) (Method, error) {
	r, err := scoring.ParseIndexRules(text)
	if err != nil {
		return nil, err
	}
	return &index{r, name, text}, nil
}

func (m *index) Summary() string {
	return fmt.Sprintf("an index of %d indicators in %d levels, %d bands", len(m.rules.Indicators), len(m.rules.Levels), len(m.rules.Bands))
}

func (m *index) Describe(w io.Writer) error { return report.IndexRulesText(w, m.name, m.rules) }

func (m *index) Evaluate(in Input) (Run, error) {
	if in.Period == nil && m.rules.NeedsPeriod() {
		return nil, fmt.Errorf("%w: the rules read dated events, e.g. --period 1404-H1", ErrNoPeriod)
	}
	exp, err := ingest.ReadIndex(in.Dir, m.rules, in.Period, in.Sheets)
	if err != nil {
		return nil, err
	}
	var inError int64
	sources := make([]Source, len(exp.Stats))
	for i, s := range exp.Stats {
		inError += s.Errors
		sources[i] = Source{s.Kind, filepath.Join(in.Dir, s.File)}
	}
	in.found(sources)
	period := ""
	if in.Period != nil {
		period = in.Period.String()
	}
	return &indexRun{report.IndexRun{Result: scoring.EvaluateIndex(m.rules, exp.Inputs), RulesName: m.name, RulesText: m.text,
		Period: period, Lang: in.Lang, Inputs: exp.Stats, Problems: exp.Problems}, inError}, nil
}

type indexRun struct {
	report.IndexRun
	inError int64
}

func (r *indexRun) InError() int64             { return r.inError }
func (r *indexRun) Problems() []export.Problem { return r.IndexRun.Problems }
func (r *indexRun) Rules() (string, []byte)    { return r.RulesName, r.RulesText }

// Write writes ranking.xlsx.
func (r *indexRun) Write(dir string, csv bool) ([]string, error) {
	return writeReports(dir, csv, func(dir string) ([]string, error) { return report.IndexWorkbooks(dir, r.IndexRun) },
		func(w io.Writer) error { return report.IndexCSV(w, r.IndexRun) })
}

func (r *indexRun) Print(w io.Writer, format string, written []string) error {
	if format == "json" {
		return report.IndexJSON(w, r.IndexRun, written)
	}
	return report.IndexText(w, r.IndexRun)
}

func (r *indexRun) Explain(w io.Writer, key, lang, format string) error {
	if format == "json" {
		return report.ExplainIndexJSON(w, r.IndexRun, key)
	}
	return report.ExplainIndex(w, r.IndexRun, key, lang)
}
