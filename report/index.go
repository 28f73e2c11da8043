package report

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/iranict/rank/ingest"
	"github.com/iranict/rank/scoring"
)

// IndexRun is everything one evaluation of a composite index reports on.
type IndexRun struct {
	Result    *scoring.IndexResult
	RulesName string
	Input     ingest.FileStat
	Problems  []ingest.Problem
}

// IndexWorkbook is the name of the index's workbook.
const IndexWorkbook = "ranking.xlsx"

func (r IndexRun) decimals() int { return max(r.Result.Rules.Decimals, 0) }

func (r IndexRun) label(id string) string {
	rules := r.Result.Rules
	for _, ind := range rules.Indicators {
		if ind.ID == id {
			return labelOf(ind.Name, id)
		}
	}
	for _, l := range rules.Levels {
		if l.ID == id {
			return labelOf(l.Name, id)
		}
	}
	return id
}

func labelOf(l scoring.Label, id string) string {
	switch {
	case l.FA != "":
		return l.FA
	case l.EN != "":
		return l.EN
	}
	return id
}

func (r IndexRun) band(e scoring.EntityResult) string {
	if e.Band < 0 {
		return ""
	}
	return labelOf(r.Result.Rules.Bands[e.Band].Name, strconv.Itoa(e.Band+1))
}

// score is a score as reports show it: blank when missing.
func (r IndexRun) score(x float64) string {
	if math.IsNaN(x) {
		return ""
	}
	return Fixed(x, r.decimals())
}

// IndexCSV writes ranking.csv for an index: a row per entity in rank order,
// each indicator and level, the total, rank and band.
func IndexCSV(w io.Writer, run IndexRun) error {
	res := run.Result
	cw := csv.NewWriter(w)
	h := []string{"key", "name", "group"}
	h = append(h, res.IDs...)
	h = append(h, "total", "rank", "band", "missing")
	if err := cw.Write(h); err != nil {
		return err
	}
	for _, e := range res.Entities {
		row := []string{safeText(e.Key), safeText(e.Name), safeText(e.Group)}
		for _, s := range e.Scores {
			row = append(row, run.score(s))
		}
		rank := ""
		if e.Rank > 0 {
			rank = strconv.Itoa(e.Rank)
		}
		row = append(row, run.score(e.Total), rank, safeText(run.band(e)), strings.Join(e.Missing, " "))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// IndexText prints the ranking as an aligned table.
func IndexText(w io.Writer, run IndexRun) error {
	res := run.Result
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\n", labelOf(res.Rules.Name, run.RulesName))
	fmt.Fprintln(tw, "rank\tkey\tname\ttotal\tband")
	unranked := 0
	for _, e := range res.Entities {
		if e.Rank == 0 {
			unranked++
			continue
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", e.Rank, e.Key, oneLine(e.Name), run.score(e.Total), run.band(e))
	}
	tw.Flush()
	if unranked > 0 {
		fmt.Fprintf(w, "not ranked (a missing indicator makes them ineligible): %d\n", unranked)
	}
	fmt.Fprintf(w, "%s: %d rows, %d used, %d in error\n", run.Input.File, run.Input.Rows, len(res.Entities), run.Input.Errors)
	for _, p := range run.Problems[:min(len(run.Problems), maxProblems)] {
		fmt.Fprintln(w, oneLine(p.Error()))
	}
	return nil
}

// IndexJSON writes the summary of an index evaluation.
func IndexJSON(w io.Writer, run IndexRun, reports []string) error {
	res := run.Result
	type bandCount struct {
		Band  string `json:"band"`
		Count int    `json:"count"`
	}
	bands := make([]bandCount, len(res.Rules.Bands))
	for i, b := range res.Rules.Bands {
		bands[i].Band = labelOf(b.Name, strconv.Itoa(i+1))
	}
	ranked := 0
	var top []string
	for _, e := range res.Entities {
		if e.Band >= 0 {
			bands[e.Band].Count++
		}
		if e.Rank > 0 {
			ranked++
			if len(top) < 10 {
				top = append(top, e.Key)
			}
		}
	}
	if reports == nil {
		reports = []string{}
	}
	out := struct {
		Rules    string      `json:"rules"`
		Entities int         `json:"entities"`
		Ranked   int         `json:"ranked"`
		Bands    []bandCount `json:"bands"`
		Top      []string    `json:"top"`
		Input    any         `json:"input"`
		Reports  []string    `json:"reports"`
	}{run.RulesName, len(res.Entities), ranked, bands, top, map[string]any{
		"file": run.Input.File, "rows": run.Input.Rows, "used": len(res.Entities), "errors": run.Input.Errors, "warnings": run.Input.Warnings,
	}, reports}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// IndexWorkbooks writes ranking.xlsx: the ranking and the rows in error.
func IndexWorkbooks(dir string, run IndexRun) ([]string, error) {
	res := run.Result
	b, err := newBook(run.decimals())
	if err != nil {
		return nil, err
	}
	t := &table{name: SheetRanking}
	h := []any{"جایگاه", "کد", "نام", "گروه"}
	for _, id := range res.IDs {
		h = append(h, run.label(id))
	}
	h = append(h, "امتیاز کل", "دسته", "شاخص‌های بدون مقدار")
	t.header(h...)
	for _, e := range res.Entities {
		row := []any{blankZero(e.Rank), e.Key, e.Name, e.Group}
		for _, s := range e.Scores {
			row = append(row, numOrBlank(s))
		}
		row = append(row, numOrBlank(e.Total), run.band(e), strings.Join(e.Missing, " "))
		t.add(row...)
	}
	t.filter = len(t.rows)
	if err := b.writeAll(t, errorTable(run.Problems)); err != nil {
		return nil, err
	}
	if err := b.save(filepath.Join(dir, IndexWorkbook)); err != nil {
		return nil, err
	}
	return []string{IndexWorkbook}, nil
}

func numOrBlank(x float64) any {
	if math.IsNaN(x) {
		return nil
	}
	return x
}
