package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/internal/vocab"
	"github.com/iranict/rank/scoring"
)

// errorShare is the share of a file's rows in error past which the reports
// say so plainly: rows left out in such numbers change the results (a
// survey file whose dates were refused row by row gave every office its
// province's prior, and grades moved without a word).
const errorShare = 0.2

// Notice is a file more than a fifth of whose rows are in error, and the
// reason most of them are.
type Notice struct {
	Kind, File   string
	Rows, Errors int64
	// Commonest counts the problems that break the rule most of them
	// break; Example is the first of them.
	Commonest int
	Example   export.Problem
}

// Share is the share of the file's rows in error, 0–1.
func (n Notice) Share() float64 { return float64(n.Errors) / float64(n.Rows) }

// In says the notice in l, for a report.
func (n Notice) In(l vocab.Lang) string {
	return labels.In(l, "notice_errors", n.File, n.Errors, n.Rows, percentText(n.Share()), n.Commonest, n.Example.ErrorIn(l))
}

// percentText is a share as a percentage with one decimal.
func percentText(share float64) string { return fmt.Sprintf("%.1f", 100*share) }

// notices are the files more than a fifth of whose rows are in error, in
// the order of stats.
func notices(stats []export.FileStat, problems []export.Problem) []Notice {
	var out []Notice
	for _, s := range stats {
		if s.Rows > 0 && float64(s.Errors) > errorShare*float64(s.Rows) {
			out = append(out, notice(s, problems))
		}
	}
	return out
}

// notice is the notice of a file's errors: the rule most of its problems
// break (grouped as rank validate groups them), and its first problem.
func notice(s export.FileStat, problems []export.Problem) Notice {
	n := Notice{Kind: s.Kind, File: s.File, Rows: s.Rows, Errors: s.Errors}
	var groups []ProblemGroup
	var first []export.Problem
	at := map[string]int{}
	for _, p := range problems {
		if p.File != s.File || p.Kind != s.Kind || p.Warning {
			continue
		}
		k := p.Column + "\x00" + ruleOf(p.Reason)
		i, ok := at[k]
		if !ok {
			i = len(groups)
			at[k] = i
			groups = append(groups, ProblemGroup{})
			first = append(first, p)
		}
		groups[i].Count++
	}
	for i, g := range groups {
		if g.Count > n.Commonest {
			n.Commonest, n.Example = g.Count, first[i]
		}
	}
	return n
}

// warnings are what a run's reports warn of, in l: each file more than a
// fifth of whose rows are in error, then the offices whose service quota
// is left blank.
func (r Run) warnings(l vocab.Lang) []string {
	ws := noticesIn(r.Notices(), l)
	if gap := r.QuotaGap().In(l); gap != "" {
		ws = append(ws, gap)
	}
	return ws
}

// noticesIn says each notice in l.
func noticesIn(ns []Notice, l vocab.Lang) []string {
	var ws []string
	for _, n := range ns {
		ws = append(ws, n.In(l))
	}
	return ws
}

// Notices are the run's files more than a fifth of whose rows are in
// error. Only their examples are masked (see problems): a national run
// has a hundred thousand problems, which are not copied for this.
func (r Run) Notices() []Notice {
	ns := notices(r.Inputs, r.Problems)
	for i := range ns {
		ns[i].Example = r.shown(ns[i].Example)
	}
	return ns
}

// Notices are the index run's files more than a fifth of whose rows are
// in error.
func (r IndexRun) Notices() []Notice { return notices(indexStats(r.Inputs), r.Problems) }

func indexStats(in []export.IndexStat) []export.FileStat {
	out := make([]export.FileStat, len(in))
	for i, s := range in {
		out[i] = s.FileStat
	}
	return out
}

// Unusable is the error of a run of which a required file (every kind
// required says so) has rows and not one that can be used: nothing can be
// evaluated from it, and a run that went on would grade every office on
// what is left. It names the file and the commonest reason.
func Unusable(stats []export.FileStat, problems []export.Problem, required func(kind string) bool) error {
	return unusable(stats, problems, func(p export.Problem) export.Problem { return p }, required)
}

// UnusableError is a run stopped because a required file has rows and
// not one that can be used: each such file, with an example of its
// commonest problem.
type UnusableError struct {
	Files []UnusableFile
}

// UnusableFile is one file none of whose rows can be used.
type UnusableFile struct {
	File      string
	Rows      int64
	Commonest int            // rows with the commonest problem
	Example   export.Problem // its first row, as the reports show it
}

func (e *UnusableError) Error() string {
	lines := make([]string, len(e.Files))
	for i, f := range e.Files {
		all := fmt.Sprintf("all %d rows are", f.Rows)
		if f.Rows == 1 {
			all = "its one row is"
		}
		lines[i] = fmt.Sprintf("%s: %s in error, and nothing can be evaluated from it; the commonest reason, in %d of them, first at %s",
			f.File, all, f.Commonest, oneLine(f.Example.Error()))
	}
	return strings.Join(lines, "\n") + "\n  fix the file (rank validate lists every row in error) and run again"
}

// unusable is Unusable with the example shown as show shows it.
func unusable(stats []export.FileStat, problems []export.Problem, show func(export.Problem) export.Problem, required func(kind string) bool) error {
	var e UnusableError
	for _, s := range stats {
		if s.Rows == 0 || s.Errors < s.Rows || !required(s.Kind) {
			continue
		}
		n := notice(s, problems)
		e.Files = append(e.Files, UnusableFile{File: s.File, Rows: s.Rows, Commonest: n.Commonest, Example: show(n.Example)})
	}
	if len(e.Files) == 0 {
		return nil
	}
	return &e
}

// Unusable is the run's error when a required file yields nothing: every
// row in error, or (PeriodError) valid rows none of which is of the
// period, as when --period is mistyped.
func (r Run) Unusable() error {
	if err := unusable(r.Inputs, r.Problems, r.shown, func(kind string) bool {
		k := export.Lookup(kind)
		return k != nil && !k.Optional
	}); err != nil {
		return err
	}
	var files []PeriodFile
	for _, s := range r.Inputs {
		if k := export.Lookup(s.Kind); k == nil || !k.OfPeriod {
			continue
		}
		u := r.Result.Usage.Get(s.Kind, "")
		files = append(files, PeriodFile{File: s.File, Valid: s.Rows - s.Errors, Used: u.Used, Outside: u.OutsidePeriod, Superseded: u.Superseded})
	}
	return periodError(r.Result.Period, "every office would be graded as not taking part or on the prior alone", files)
}

// periodError is the error of a run in period p of which some of files
// have valid rows and none of the period; nil when none is so.
func periodError(p scoring.Period, without string, files []PeriodFile) error {
	e := PeriodError{Period: p.String(), Dates: fmt.Sprintf("%s to %s", p.Start(), p.End()), Without: without}
	for _, f := range files {
		if f.Valid > 0 && f.Used == 0 {
			e.Files = append(e.Files, f)
		}
	}
	if len(e.Files) == 0 {
		return nil
	}
	return &e
}

// PeriodError is a run stopped because a file the method needs in the
// period has valid rows and none of them is of it: graded without them,
// every office would take no part, or have the prior's satisfaction.
type PeriodError struct {
	Period, Dates string // 1401-H1; 1401/01/01 to 1401/06/31
	Without       string // what the reports would be without the files
	Files         []PeriodFile
}

// PeriodFile is a file's valid rows: used, outside the period, superseded.
type PeriodFile struct {
	File                             string
	Valid, Used, Outside, Superseded int64
}

func (e *PeriodError) Error() string {
	var lines []string
	for _, f := range e.Files {
		where := fmt.Sprintf("%d outside it", f.Outside)
		if f.Superseded > 0 {
			where += fmt.Sprintf(", %d superseded", f.Superseded)
		}
		lines = append(lines, fmt.Sprintf("%s: none of its %s is of the period %s (%s)", f.File, vocab.Count(f.Valid, "valid row"), e.Period, where))
	}
	return strings.Join(lines, "\n") + fmt.Sprintf("\n  is --period %s right (%s)? Without these rows %s; nothing was written", e.Period, e.Dates, e.Without)
}

// Unusable is the index run's error when one of its files — each is
// required — yields nothing: every row in error, or (PeriodError) dated
// rows none of which is of the period.
func (r IndexRun) Unusable() error {
	if err := Unusable(indexStats(r.Inputs), r.Problems, func(string) bool { return true }); err != nil {
		return err
	}
	p, err := scoring.ParsePeriod(r.Period)
	if err != nil {
		return nil // the rules read no dates
	}
	var files []PeriodFile
	for _, s := range r.Inputs {
		if s.Outside > 0 { // a file of dated rows
			files = append(files, PeriodFile{File: s.File, Valid: s.Rows - s.Errors, Used: s.Used, Outside: s.Outside})
		}
	}
	return periodError(p, "every entity's indicators from them would be missing", files)
}

// QuotaGap is the offices whose grade has a service quota and whose area
// has no row in the services file, so that their quota is left blank: the
// Ranking shows an empty cell, and without a word a reader takes it for a
// quota of nothing. NoFile: no services file was read at all.
type QuotaGap struct {
	Offices int
	NoFile  bool
	Areas   []GapArea // most offices first
}

// GapArea is one area without a services row, and its offices with a grade.
type GapArea struct {
	Province scoring.Province
	City     string
	AreaType string
	Offices  int
}

// maxGapAreas is how many areas a quota gap's notice names.
const maxGapAreas = 5

// QuotaGap finds the offices whose service quota is left blank.
func (r Run) QuotaGap() QuotaGap {
	var g QuotaGap
	if r.Rules == nil || len(r.Rules.ServiceQuota) == 0 {
		return g
	}
	read := slices.ContainsFunc(r.Inputs, func(s export.FileStat) bool { return s.Kind == export.KindServices })
	some := false
	at := map[scoring.AreaKey]int{}
	for _, o := range r.Result.Offices {
		some = some || o.HasServices
		if _, quota := r.Rules.ServiceQuota[o.Grade]; !quota || o.HasServices {
			continue
		}
		g.Offices++
		i, ok := at[o.Area()]
		if !ok {
			i = len(g.Areas)
			at[o.Area()] = i
			g.Areas = append(g.Areas, GapArea{Province: o.Province, City: o.City, AreaType: o.AreaType})
		}
		g.Areas[i].Offices++
	}
	g.NoFile = !read && !some
	slices.SortStableFunc(g.Areas, func(a, b GapArea) int { return b.Offices - a.Offices })
	return g
}

// In says the gap in l, for a report; "" when there is none.
func (g QuotaGap) In(l vocab.Lang) string {
	switch {
	case g.Offices == 0:
		return ""
	case g.NoFile:
		return labels.In(l, "notice_no_services", counted(l, g.Offices, "office", "دفتر"))
	}
	areas := make([]string, 0, maxGapAreas+1)
	for _, a := range g.Areas[:min(len(g.Areas), maxGapAreas)] {
		areas = append(areas, labels.In(l, "notice_gap_area", provinceName(a.Province, l), a.City, categoryLabel("area_type", a.AreaType, l), counted(l, a.Offices, "office", "دفتر")))
	}
	if more := len(g.Areas) - maxGapAreas; more > 0 {
		areas = append(areas, labels.In(l, "notice_gap_more", more))
	}
	sep := "; "
	if l == vocab.Persian {
		sep = "؛ "
	}
	return labels.In(l, "notice_quota_gap", counted(l, len(g.Areas), "area", "منطقه"), counted(l, g.Offices, "office", "دفتر"), strings.Join(areas, sep))
}

// counted is n of a noun in l: "1 office", "3 offices", "3 دفتر" (a
// Persian noun after a number stays singular).
func counted(l vocab.Lang, n int, en, fa string) string {
	if l == vocab.English {
		return vocab.Count(int64(n), en)
	}
	return fmt.Sprintf("%d %s", n, fa)
}
