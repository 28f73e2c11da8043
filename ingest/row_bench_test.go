package ingest

import (
	"testing"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
)

// BenchmarkSurveyRow checks one survey record, as the general path does
// for each row of a workbook's millions (and the fast reader for a row it
// cannot take as plain): no allocation.
func BenchmarkSurveyRow(b *testing.B) {
	r := &reader{exp: &Export{}, rejected: map[string]registered{}}
	r.index = newRegistryIndex([]scoring.Office{{Code: "G-001"}, {Code: "G-002"}})
	c := &rowCtx{kind: "surveys", file: "surveys.csv", cols: kindColumns[export.KindSurveys], pos: []int{0, 1, 2, 3}}
	recs := [][]string{{"1000001", "G-001", "1404/02/10", "4"}, {"1000002", "G-002", "1404/03/11", "5"}}
	for i := 0; b.Loop(); i++ {
		c.start(recs[i&1], i)
		id, s := r.surveyCells(c)
		if id == "" || c.bad || s.Score == 0 {
			b.Fatal(c.problems)
		}
	}
}

// BenchmarkDeclarationRow checks one declaration record.
func BenchmarkDeclarationRow(b *testing.B) {
	r := &reader{exp: &Export{}, rejected: map[string]registered{}}
	r.index = newRegistryIndex([]scoring.Office{{Code: "G-001"}, {Code: "G-002"}})
	c := &rowCtx{kind: "declarations", file: "declarations.csv", cols: kindColumns[export.KindDeclarations], pos: []int{0, 1, 2, 3, 4, 5, 6, 7}}
	rec := []string{"G-001", "1404-H1", "1404/02/10", "55.5", "4", "main_street", "8.5", "confirmed"}
	for i := 0; b.Loop(); i++ {
		c.start(rec, i)
		r.declaration(c)
		if c.bad {
			b.Fatal(c.problems)
		}
		r.exp.Declarations = r.exp.Declarations[:0]
	}
}
