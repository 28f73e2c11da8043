package report

import (
	"testing"

	"github.com/iranict/rank/internal/export"
)

func TestGroupProblems(t *testing.T) {
	p := func(file, col, reason string, row int, warn bool) export.Problem {
		return export.Problem{File: file, Column: col, Reason: reason, Row: row, Warning: warn}
	}
	var ps []export.Problem
	for row := 2; row < 10; row++ {
		ps = append(ps, p("surveys.csv", "score", `must be a whole number from 1 to 5, got "`+string(rune('0'+row))+`"`, row, false))
	}
	ps = append(ps,
		p("surveys.csv", "response_id", "repeats response_id of row 2", 11, false),
		p("surveys.csv", "response_id", "repeats response_id of row 7", 12, false),
		p("declarations.csv", "score", `must be a whole number from 1 to 5, got "9"`, 3, false),
		p("offices.csv", "holder_national_id", `has a wrong check digit, got "0013542418"`, 2, true),
	)
	got := groupProblems(ps)
	want := []struct {
		file, column, rule string
		count, first       int
		warning            bool
	}{
		{"surveys.csv", "score", `must be a whole number from 1 to 5, got "…"`, 8, firstShown, false},
		{"surveys.csv", "response_id", "repeats response_id of row …", 2, 2, false},
		{"declarations.csv", "score", `must be a whole number from 1 to 5, got "…"`, 1, 1, false},
		{"offices.csv", "holder_national_id", `has a wrong check digit, got "…"`, 1, 1, true},
	}
	if len(got) != len(want) {
		t.Fatalf("%d groups, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.File != w.file || g.Column != w.column || g.Rule != w.rule || g.Count != w.count || len(g.First) != w.first || g.Warning != w.warning {
			t.Errorf("group %d = %+v, want %+v", i, g, w)
		}
	}
	if got[0].First[0] != `surveys.csv:2:score: must be a whole number from 1 to 5, got "2"` {
		t.Errorf("first of group 0: %q", got[0].First[0])
	}
}
