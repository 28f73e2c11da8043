package report

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"

	"github.com/iranict/rank/internal/vocab"
	"github.com/iranict/rank/scoring"
)

// maxProblems is how many problems Text lists; the Errors sheets have all.
const maxProblems = 20

// Text writes the run for a terminal: per province its counts and its
// participants by rank, then the totals, the accounting of the inputs and
// the first problems.
func Text(w io.Writer, run Run) error {
	ew := &errWriter{w: w}
	dec := run.decimals()
	offices := run.officesByProvince()
	for i, p := range run.Result.Provinces {
		if i > 0 {
			ew.printf("\n")
		}
		ew.printf("%s (%s) — %s\n", p.Persian, p.English, run.Result.Period)
		ew.printf("%s\n", run.countLine(p.Counts))
		var ranked []*scoring.OfficeResult
		for _, o := range offices[p.Slug] {
			if o.Status.Participates() && !o.Disqualified {
				ranked = append(ranked, o)
			}
		}
		sort.SliceStable(ranked, func(i, j int) bool { return ranked[i].Rank < ranked[j].Rank })
		if len(ranked) > 0 {
			tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "rank\tcode\tname\ttotal\tgrade")
			for _, o := range ranked {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\n", o.Rank, oneLine(o.Code), oneLine(o.Name),
					Fixed(o.Total, dec), o.Grade)
			}
			tw.Flush()
		}
		ew.printf("not participating: %d\n", p.NotParticipating)
	}

	ew.printf("\nall provinces (%d) — %s\n", len(run.Result.Provinces), run.countLine(run.totals()))
	ew.printf("rules: %s (sha256 %s)\n", run.RulesName, RulesHash(run.RulesText))

	ew.printf("\ninputs\n")
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "file\trows\tused\toutside\tsuperseded\terrors\twarnings\t")
	for _, u := range run.inputs("") {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t\n", u.File, u.Rows, u.Used, u.OutsidePeriod, u.Superseded, u.Errors, u.Warnings)
	}
	tw.Flush()
	printWarnings(ew, run.warnings(vocab.English))

	if problems := run.problems(); len(problems) > 0 {
		n := len(problems)
		ew.printf("\nproblems (%d)\n", n)
		for _, p := range problems[:min(n, maxProblems)] {
			ew.printf("%s\n", oneLine(p.Error()))
		}
		if n > maxProblems {
			ew.printf("… and %d more (see the Errors sheets)\n", n-maxProblems)
		}
	}
	return ew.err
}

// printWarnings prints each of a run's warnings on a line of its own.
func printWarnings(w *errWriter, ws []string) {
	for _, s := range ws {
		w.printf("\nwarning: %s\n", oneLine(s))
	}
}

// countLine is the published figures of a group of offices, e.g.
// "offices 734 · participants 394 (carried forward 12) · grades 284 / 109 / 1 · not participating 340".
func (r Run) countLine(c scoring.Counts) string {
	grades := make([]string, len(r.Result.Grades))
	for i, g := range r.Result.Grades {
		grades[i] = strconv.Itoa(c.Grades[g.Grade])
	}
	return fmt.Sprintf("offices %d · participants %d (carried forward %d) · grades %s · not participating %d",
		c.Offices, c.Participants, c.CarriedForward, strings.Join(grades, " / "), c.NotParticipating)
}

// oneLine keeps a cell's text from breaking the table, and a terminal from
// running control sequences an export's cell holds (ESC, BEL…): those become
// U+FFFD, as in the workbooks.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t', r == '\n', r == '\r':
			return ' '
		case unicode.IsControl(r):
			return '\uFFFD'
		}
		return r
	}, s)
}

// errWriter keeps the first write error so the drawing code can ignore them.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, a ...any) { fmt.Fprintf(e, format, a...) }
