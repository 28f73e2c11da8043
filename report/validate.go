package report

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"text/tabwriter"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/internal/vocab"
)

// Validation is what `rank validate` reports of an export folder: each
// file's rows as used, outside the period, superseded or in error, and the
// problems grouped by file and rule.
type Validation struct {
	Files  []FileAccount  `json:"files"`
	Groups []ProblemGroup `json:"problems"`
	Errors int64          `json:"errors"`   // rows in error, all files
	Warns  int64          `json:"warnings"` // warnings, all files
	// Notices and QuotaGap are what evaluate's summary warns of: files
	// more than a fifth of whose rows are in error, offices whose service
	// quota would be left blank.
	Notices  []jsonNotice  `json:"notices,omitempty"`
	QuotaGap *jsonQuotaGap `json:"quota_gap,omitempty"`
	// Reports are the files validate --out wrote (problems.xlsx,
	// problems.csv), by base name.
	Reports []string `json:"reports,omitempty"`
	Out     string   `json:"-"` // the folder they are in
	Period  string   `json:"-"` // the period the rows were checked against, for problems.xlsx's pages
}

// FileAccount is one file's rows: Rows = Used + OutsidePeriod + Superseded + Errors.
type FileAccount struct {
	Kind string `json:"kind"`
	jsonInput
}

// ProblemGroup is every problem of one file that breaks one rule: how
// many, and the first of them.
type ProblemGroup struct {
	File    string   `json:"file"`
	Column  string   `json:"column,omitempty"`
	Rule    string   `json:"rule"`
	Warning bool     `json:"warning,omitempty"`
	Count   int      `json:"count"`
	First   []string `json:"first"`          // file:row:column: reason, the first few
	More    int      `json:"more,omitempty"` // Count - len(First): the rows not listed
	Row     int      `json:"-"`              // the row of the first
}

// firstShown is how many problems of a group are listed.
const firstShown = 5

// quoted and rowRef are the parts of a reason that name the row's own
// values, so that problems breaking the same rule group together.
var (
	quoted = regexp.MustCompile(`"[^"]*"`)
	rowRef = regexp.MustCompile(`\brow \d+`)
)

// ruleOf is a problem's reason without the values it quotes.
func ruleOf(reason string) string {
	return rowRef.ReplaceAllString(quoted.ReplaceAllString(reason, `"…"`), "row …")
}

// groupProblems groups problems by file, column and rule, in the order
// they first appear.
func groupProblems(ps []export.Problem) []ProblemGroup {
	type key struct {
		file, column, rule string
		warning            bool
	}
	at := map[key]int{}
	var out []ProblemGroup
	for _, p := range ps {
		k := key{p.File, p.Column, ruleOf(p.Reason), p.Warning}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, ProblemGroup{File: p.File, Column: p.Column, Rule: k.rule, Warning: p.Warning, Row: p.Row})
		}
		out[i].Count++
		if len(out[i].First) < firstShown {
			out[i].First = append(out[i].First, oneLine(p.Error()))
		} else {
			out[i].More++
		}
	}
	return out
}

// Validation accounts for the run's inputs and groups its problems.
func (r Run) Validation() Validation {
	v := Validation{Groups: groupProblems(r.problems()), Notices: jsonNotices(r.Notices()), QuotaGap: r.QuotaGap().json()}
	for _, u := range r.inputs("") {
		v.Files = append(v.Files, FileAccount{u.Kind, jsonInput{u.File, u.Rows, u.Used, u.OutsidePeriod, u.Superseded, u.Errors, u.Warnings}})
		v.Errors += u.Errors
		v.Warns += u.Warnings
	}
	return v.orEmpty()
}

// Validation accounts for an index's inputs and groups its problems.
func (r IndexRun) Validation() Validation {
	v := Validation{Groups: groupProblems(r.Problems), Notices: jsonNotices(r.Notices())}
	for _, s := range r.Inputs {
		v.Files = append(v.Files, indexAccount(s))
		v.Errors += s.Errors
		v.Warns += s.Warnings
	}
	return v.orEmpty()
}

// FirstError is where the first row in error is: its file, row and column.
func (v Validation) FirstError() (file string, row int, column string) {
	for _, g := range v.Groups {
		if !g.Warning {
			return g.File, g.Row, g.Column
		}
	}
	return "", 0, ""
}

func (v Validation) orEmpty() Validation {
	if v.Files == nil {
		v.Files = []FileAccount{}
	}
	if v.Groups == nil {
		v.Groups = []ProblemGroup{}
	}
	return v
}

// ValidationText prints a validation: the files' accounts, then each group
// of problems with its count and first rows.
func ValidationText(w io.Writer, v Validation) error {
	ew := &errWriter{w: w}
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "file\trows\tused\toutside\tsuperseded\terrors\twarnings\t")
	for _, f := range v.Files {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t\n", f.File, f.Rows, f.Used, f.OutsidePeriod, f.Superseded, f.Errors, f.Warnings)
	}
	tw.Flush()
	for _, g := range v.Groups {
		kind := "error"
		if g.Warning {
			kind = "warning"
		}
		where := g.File
		if g.Column != "" {
			where += " · " + g.Column
		}
		ew.printf("\n%s — %s: %s (%s)\n", where, kind, g.Rule, vocab.Count(int64(g.Count), "row"))
		for _, line := range g.First {
			ew.printf("  %s\n", line)
		}
		if g.More > 0 {
			ew.printf("  … and %d more\n", g.More)
		}
	}
	groups := 0
	for _, g := range v.Groups {
		if !g.Warning {
			groups++
		}
	}
	for _, n := range v.Notices {
		ew.printf("\nwarning: %s\n", oneLine(n.Message))
	}
	if v.QuotaGap != nil {
		ew.printf("\nwarning: %s\n", oneLine(v.QuotaGap.Message))
	}
	if len(v.Reports) > 0 {
		ew.printf("\nwrote %s to %s\n", strings.Join(v.Reports, ", "), v.Out)
	}
	switch {
	case v.Errors > 0:
		ew.printf("\n%s in error in %s; fix them and validate again\n", vocab.Count(v.Errors, "row"), vocab.Count(int64(groups), "group"))
	case v.Warns > 0:
		ew.printf("\nno rows in error; %s\n", vocab.Count(int64(v.Warns), "warning"))
	default:
		ew.printf("\nno problems: every row can be used\n")
	}
	return ew.err
}

// ValidationJSON writes a validation for scripts.
func ValidationJSON(w io.Writer, v Validation) error {
	return writeJSON(w, v)
}

// indexAccount is an index file's accounting (no row of an index is
// superseded).
func indexAccount(s export.IndexStat) FileAccount {
	return FileAccount{s.Kind, jsonInput{s.File, s.Rows, s.Used, s.Outside, 0, s.Errors, s.Warnings}}
}
