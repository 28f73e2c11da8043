package method

import (
	"fmt"
	"io"

	"github.com/iranict/rank/ingest"
	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/report"
	"github.com/iranict/rank/scoring"
)

// The office method: the regulator's six-monthly evaluation of service
// counter offices over the five exports of a folder (docs/domain.md §2, §3).
func init() {
	Register("", newOffices)
	Register("offices", newOffices)
}

type offices struct {
	rules *scoring.Rules
	name  string
	text  []byte
}

func newOffices(text []byte, name string) (Method, error) {
	r, err := scoring.ParseRules(text)
	if err != nil {
		return nil, err
	}
	return &offices{r, name, text}, nil
}

func (m *offices) Summary() string {
	return fmt.Sprintf("%d indicators, %d grades, %d violation types priced", len(m.rules.Indicators), len(m.rules.Grades), len(m.rules.Penalties.Points))
}

func (m *offices) Describe(w io.Writer) error { return report.RulesText(w, m.name, m.rules) }

func (m *offices) Evaluate(in Input) (Run, error) {
	if in.Period == nil {
		return nil, fmt.Errorf("%w, e.g. --period 1404-H1", ErrNoPeriod)
	}
	files, err := ingest.Find(in.Dir, in.Files)
	if err != nil {
		return nil, err
	}
	var sources []Source
	for _, f := range []Source{
		{scoring.KindOffices, files.Offices}, {scoring.KindDeclarations, files.Declarations},
		{scoring.KindSurveys, files.Surveys}, {scoring.KindViolations, files.Violations},
		{scoring.KindServices, files.Services},
	} {
		if f.Path != "" {
			sources = append(sources, f)
		}
	}
	in.found(sources)
	p := in.progress(files)
	// The surveys are tallied as they are read: a national export has
	// millions of responses, and no need to keep them.
	tally := scoring.NewSurveyTally(*in.Period)
	exp, err := ingest.ReadExport(files, tally, p, ingest.Options{Headers: m.rules.Headers, Sheets: in.Sheets})
	if err != nil {
		return nil, err
	}
	var inError int64
	for _, s := range exp.Stats {
		inError += s.Errors
		if len(s.Ignored) > 0 {
			// docs/domain.md §2: extra columns are ignored and reported once.
			in.note("%s: columns ignored: %q", s.File, s.Ignored)
		}
	}
	p.Step("scoring %d offices", len(exp.Offices))
	res := scoring.Evaluate(m.rules, *in.Period, scoring.Inputs{
		Offices:      exp.Offices,
		Declarations: exp.Declarations,
		Surveys:      tally,
		Violations:   exp.Violations,
		Services:     exp.Services,

		DeclarationsInError: exp.DeclarationsInError,
	})
	return &officeRun{report.Run{Result: res, Rules: m.rules, RulesName: m.name, RulesText: m.text, Lang: in.Lang,
		Inputs: exp.Stats, Problems: exp.Problems, ShowNationalIDs: in.ShowNationalIDs}, inError}, nil
}

type officeRun struct {
	report.Run
	inError int64
}

func (r *officeRun) InError() int64 { return r.inError }

func (r *officeRun) Rules() (string, []byte) { return r.RulesName, r.RulesText }

func (r *officeRun) Problems() []export.Problem {
	if r.ShowNationalIDs {
		return r.Run.Problems
	}
	ps := make([]export.Problem, len(r.Run.Problems))
	for i, p := range r.Run.Problems {
		ps[i] = report.MaskProblem(p)
	}
	return ps
}

// Write writes a workbook per province (or region) and national.xlsx.
func (r *officeRun) Write(dir string, csv bool) ([]string, error) {
	return writeReports(dir, csv, func(dir string) ([]string, error) { return report.Workbooks(dir, r.Run) },
		func(w io.Writer) error { return report.CSV(w, r.Run) })
}

func (r *officeRun) Print(w io.Writer, format string, written []string) error {
	if format == "json" {
		return report.JSON(w, r.Run, written)
	}
	return report.Text(w, r.Run)
}

func (r *officeRun) Explain(w io.Writer, code, lang, format string) error {
	if format == "json" {
		return report.ExplainJSON(w, r.Run, code)
	}
	return report.Explain(w, r.Run, code, lang)
}
