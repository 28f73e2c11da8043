// Package bench holds the national-scale benchmarks: bench/run.sh runs the
// binary with /usr/bin/time; these give profiles.
//
//	RANK_BENCH_DIR=/tmp/rank-bench/national-10000000 go test ./bench -bench . -benchtime 3x -cpuprofile cpu.prof
package bench

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/iranict/rank/cmd"
	"github.com/iranict/rank/ingest"
	"github.com/iranict/rank/report"
	"github.com/iranict/rank/scoring"
)

var period = scoring.Period{Year: 1404, Half: 1}

func benchDir(b *testing.B) string {
	dir := os.Getenv("RANK_BENCH_DIR")
	if dir == "" {
		b.Skip("RANK_BENCH_DIR names a folder made by bench/run.sh or tools/synth -preset national")
	}
	return dir
}

// BenchmarkRead reads the export folder: registry, declarations, surveys
// (into a tally), violations, services.
func BenchmarkRead(b *testing.B) {
	files, err := ingest.Find(benchDir(b), ingest.Files{})
	if err != nil {
		b.Fatal(err)
	}
	var rows int64
	for b.Loop() {
		exp, err := ingest.ReadInto(files, scoring.NewSurveyTally(period))
		if err != nil {
			b.Fatal(err)
		}
		rows = 0
		for _, s := range exp.Stats {
			rows += s.Rows
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkEvaluate is the whole `rank evaluate DIR --csv`: reading,
// checking, scoring and writing the workbooks.
func BenchmarkEvaluate(b *testing.B) {
	dir := benchDir(b)
	rules, err := os.ReadFile(filepath.Join("..", "rules.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	for b.Loop() {
		code := cmd.Main([]string{"evaluate", dir, "--period", period.String(), "--out", out, "--csv", "--format", "json"},
			&cmd.IO{Out: io.Discard, Err: os.Stderr}, cmd.Methods{"offices": rules})
		if code != 0 {
			b.Fatalf("exit status %d", code)
		}
	}
}

// loadRun reads the folder and scores it once, for the benchmarks of the
// later steps.
func loadRun(b *testing.B) (*scoring.Rules, scoring.Inputs, []byte) {
	files, err := ingest.Find(benchDir(b), ingest.Files{})
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("..", "rules.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	rules, err := scoring.ParseRules(data)
	if err != nil {
		b.Fatal(err)
	}
	tally := scoring.NewSurveyTally(period)
	exp, err := ingest.ReadInto(files, tally)
	if err != nil {
		b.Fatal(err)
	}
	return rules, scoring.Inputs{Offices: exp.Offices, Declarations: exp.Declarations, Surveys: tally, Violations: exp.Violations, Services: exp.Services}, data
}

// BenchmarkScore is scoring alone: participation, indicators, the
// rulings priced, grades and ranks.
func BenchmarkScore(b *testing.B) {
	rules, in, _ := loadRun(b)
	for b.Loop() {
		scoring.Evaluate(rules, period, in)
	}
}

// BenchmarkWorkbooks is writing the 32 workbooks alone.
func BenchmarkWorkbooks(b *testing.B) {
	rules, in, data := loadRun(b)
	run := report.Run{Result: scoring.Evaluate(rules, period, in), Rules: rules, RulesName: "default", RulesText: data, Lang: "fa"}
	out := b.TempDir()
	for b.Loop() {
		if _, err := report.Workbooks(out, run); err != nil {
			b.Fatal(err)
		}
	}
}
