package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/internal/vocab"
	"github.com/iranict/rank/scoring"
)

// IndexRun is everything one evaluation of a composite index reports on.
type IndexRun struct {
	Result    *scoring.IndexResult
	RulesName string
	RulesText []byte             // the rules file as read: the workbook records it
	Period    string             // as given, e.g. 1404-H1; "" when the rules read no dates
	Lang      string             // "en": the workbook's labels in English
	Inputs    []export.IndexStat // entities, long, then each event file
	Problems  []export.Problem
}

// IndexWorkbook is the name of the index's workbook.
const IndexWorkbook = "ranking.xlsx"

func (r IndexRun) decimals() int { return max(r.Result.Rules.Decimals, 0) }

// lang is the language of the run's workbook.
func (r IndexRun) lang() vocab.Lang { return bookLang(r.Lang) }

func (r IndexRun) label(id string) string {
	rules := r.Result.Rules
	for _, ind := range rules.Indicators {
		if ind.ID == id {
			return r.labelOf(ind.Name, id)
		}
	}
	for _, l := range rules.Levels {
		if l.ID == id {
			return r.labelOf(l.Name, id)
		}
	}
	return id
}

// labelOf is a rules label in the workbook's language.
func (r IndexRun) labelOf(l scoring.Label, id string) string {
	if r.lang() == vocab.English {
		return labelEN(l, id)
	}
	return labelOf(l, id)
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
	return r.labelOf(r.Result.Rules.Bands[e.Band].Name, strconv.Itoa(e.Band+1))
}

// score is a score as reports show it: blank when missing.
func (r IndexRun) score(x float64) string {
	if math.IsNaN(x) {
		return ""
	}
	return Fixed(x, r.decimals())
}

// columnIDs are the scores reports show, in order: the levels that are
// not the total (axes, pillars), then the indicators; with their
// positions in the entity's Scores.
func (r IndexRun) columnIDs() (ids []string, at []int) {
	res := r.Result
	n := len(res.Rules.Indicators)
	for j := n; j < len(res.IDs); j++ {
		if res.IDs[j] != res.Rules.Total {
			ids, at = append(ids, res.IDs[j]), append(at, j)
		}
	}
	for j := 0; j < n; j++ {
		if res.IDs[j] != res.Rules.Total {
			ids, at = append(ids, res.IDs[j]), append(at, j)
		}
	}
	return ids, at
}

// keyColumns are the entity's identifying columns, as the rules name
// them: key, name, group and fields.
func (r IndexRun) keyColumns() []string {
	e := r.Result.Rules.Entities
	cols := []string{e.Key}
	for _, c := range []string{e.Name, e.Group} {
		if c != "" {
			cols = append(cols, c)
		}
	}
	for _, f := range e.Fields {
		cols = append(cols, f.Column)
	}
	return cols
}

// keyCells are an entity's identifying cells, in keyColumns' order; its
// fields as ids, or with labels as the workbook shows them.
func (r IndexRun) keyCells(e scoring.EntityResult, labels bool) []string {
	spec := r.Result.Rules.Entities
	cells := []string{e.Key}
	if spec.Name != "" {
		cells = append(cells, e.Name)
	}
	if spec.Group != "" {
		cells = append(cells, e.Group)
	}
	for _, f := range spec.Fields {
		v := e.Fields[f.Column]
		if labels {
			v = r.fieldLabel(f, v)
		}
		cells = append(cells, v)
	}
	return cells
}

// IndexCSV writes ranking.csv for an index (UTF-8 with a byte-order mark,
// as CSV writes): a row per entity in rank
// order — its key columns as the rules name them, each level and
// indicator, the total, rank, band (when the rules have bands) and the
// indicators it has no value for.
func IndexCSV(w io.Writer, run IndexRun) error {
	res := run.Result
	if err := writeBOM(w); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	ids, at := run.columnIDs()
	h := append(run.keyColumns(), ids...)
	h = append(h, "total", "rank")
	bands := len(res.Rules.Bands) > 0
	if bands {
		h = append(h, "band")
	}
	h = append(h, "missing")
	if err := cw.Write(h); err != nil {
		return err
	}
	for _, e := range res.Entities {
		var row []string
		for _, c := range run.keyCells(e, false) {
			row = append(row, safeText(c))
		}
		for _, j := range at {
			row = append(row, run.score(e.Scores[j]))
		}
		rank := ""
		if e.Rank > 0 {
			rank = strconv.Itoa(e.Rank)
		}
		row = append(row, run.score(e.Total), rank)
		if bands {
			row = append(row, safeText(run.band(e)))
		}
		row = append(row, strings.Join(e.Missing, " "))
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
	bands := len(res.Rules.Bands) > 0
	if bands {
		fmt.Fprintln(tw, "rank\tkey\tname\ttotal\tband")
	} else {
		fmt.Fprintln(tw, "rank\tkey\tname\ttotal")
	}
	unranked := 0
	for _, e := range res.Entities {
		if e.Rank == 0 {
			unranked++
			continue
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s", e.Rank, e.Key, oneLine(e.Name), run.score(e.Total))
		if bands {
			fmt.Fprintf(tw, "\t%s", run.band(e))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	if unranked > 0 {
		fmt.Fprintf(w, "not ranked (a missing indicator makes them ineligible): %d\n", unranked)
	}
	for _, l := range res.Lists {
		fmt.Fprintf(w, "%s: %s\n", labelEN(l.Spec.Name, l.Spec.ID), strings.Join(l.Keys, ", "))
	}
	fmt.Fprintf(w, "rules: %s (sha256 %s)\n", run.RulesName, RulesHash(run.RulesText))
	for _, in := range run.Inputs {
		fmt.Fprintf(w, "%s: %d rows, %d used, %d outside the period, %d in error\n", in.File, in.Rows, in.Used, in.Outside, in.Errors)
	}
	ew := &errWriter{w: w}
	printWarnings(ew, noticesIn(run.Notices(), vocab.English))
	if ew.err != nil {
		return ew.err
	}
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
	inputs := []FileAccount{}
	for _, in := range run.Inputs {
		inputs = append(inputs, indexAccount(in))
	}
	out := map[string]any{
		"rules": run.RulesName, "rules_sha256": RulesHash(run.RulesText), "entities": len(res.Entities), "ranked": ranked,
		"bands": bands, "top": top, "inputs": inputs, "reports": reports,
	}
	if groups, more := capGroups(run.Validation().Groups); more > 0 {
		out["problems"], out["problem_groups_more"] = groups, more
	} else {
		out["problems"] = groups
	}
	if ns := jsonNotices(run.Notices()); len(ns) > 0 {
		out["notices"] = ns
	}
	// Each published list under its id: best, best_high, weakest.
	for _, l := range res.Lists {
		out[l.Spec.ID] = l.Keys
	}
	return writeJSON(w, out)
}

func labelEN(l scoring.Label, id string) string {
	if l.EN != "" {
		return l.EN
	}
	return labelOf(l, id)
}

// IndexWorkbooks writes ranking.xlsx: the ranking with the level scores; a
// sheet per level with its parts; the published lists with a chart of the
// first list's level scores; each entity's missing indicators; each event
// file broken down (an agency's availability per service); the rows in
// error.
func IndexWorkbooks(dir string, run IndexRun) ([]string, error) {
	lang := run.lang()
	// Sheets named by the rules' labels take none of the fixed names.
	used := map[string]bool{}
	for _, name := range heads(lang, "sheet_ranking", "sheet_errors", "sheet_rules", "sheet_lists", "sheet_missing", "sheet_chart") {
		used[name.(string)] = true
	}
	tables := []*table{run.rankingTable()}
	tables = append(tables, run.levelTables(used)...)
	tables = append(tables, run.listTables()...)
	tables = append(tables, run.missingTable())
	tables = append(tables, run.eventTables(used)...)
	tables = append(tables, errorTable(run.Problems, lang), rulesTable(run.RulesName, run.RulesText, lang))
	head := runningHead{run.labelOf(run.Result.Rules.Name, run.RulesName), run.Period}
	if err := writeBook(filepath.Join(dir, IndexWorkbook), run.decimals(), lang, head, tables); err != nil {
		return nil, err
	}
	return []string{IndexWorkbook}, nil
}

// Sheets of an index's workbook (besides the ranking and the errors), by
// their Persian names.
const (
	SheetIndexLists   = "فهرست‌ها"
	SheetIndexMissing = "شاخص‌های بدون مقدار"
	SheetIndexChart   = "نمودار"
)

// keyHeader is the header of the identifying columns.
func (r IndexRun) keyHeader() []any {
	spec := r.Result.Rules.Entities
	lang := r.lang()
	h := heads(lang, "code")
	if spec.Name != "" {
		h = append(h, labels.In(lang, "name"))
	}
	if spec.Group != "" {
		h = append(h, labels.In(lang, "group"))
	}
	for _, f := range spec.Fields {
		h = append(h, r.header(f.Column))
	}
	return h
}

// header is a column's Persian header when the rules give one; in English
// the column's name.
func (r IndexRun) header(column string) string {
	if r.lang() == vocab.English {
		return column
	}
	if alt := r.Result.Rules.Headers[column]; len(alt) > 0 {
		return alt[0]
	}
	return column
}

func (r IndexRun) keyRow(e scoring.EntityResult) []any {
	var row []any
	for _, c := range r.keyCells(e, true) {
		row = append(row, c)
	}
	return row
}

// fieldLabel is a field's value as reports show it: its first Persian
// spelling in the rules; in English its id.
func (r IndexRun) fieldLabel(f scoring.Field, id string) string {
	if r.lang() == vocab.English {
		return id
	}
	if alt := f.Values[id]; len(alt) > 0 {
		return alt[0]
	}
	return id
}

func (r IndexRun) rankingTable() *table {
	res := r.Result
	lang := r.lang()
	t := &table{name: labels.In(lang, "sheet_ranking")}
	ids, at := r.columnIDs()
	nLevels := 0
	for _, id := range ids {
		if !r.isIndicator(id) {
			nLevels++
		}
	}
	h := append(heads(lang, "rank"), r.keyHeader()...)
	for _, id := range ids[:nLevels] {
		h = append(h, r.label(id))
	}
	h = append(h, labels.In(lang, "total"))
	bands := len(res.Rules.Bands) > 0
	if bands {
		h = append(h, labels.In(lang, "band"))
	}
	// With no levels below the total, the indicators are the columns.
	if nLevels == 0 {
		h = h[:len(h)-1]
		for _, id := range ids {
			h = append(h, r.label(id))
		}
		h = append(h, labels.In(lang, "total"))
		if bands {
			h = append(h, labels.In(lang, "band"))
		}
	}
	h = append(h, labels.In(lang, "missing"))
	t.header(h...)
	shown := at[:nLevels]
	if nLevels == 0 {
		shown = at
	}
	for _, e := range res.Entities {
		row := append([]any{blankZero(e.Rank)}, r.keyRow(e)...)
		for _, j := range shown {
			row = append(row, numOrBlank(e.Scores[j]))
		}
		row = append(row, numOrBlank(e.Total))
		if bands {
			row = append(row, r.band(e))
		}
		row = append(row, len(e.Missing))
		t.add(row...)
	}
	t.filter = len(t.rows)
	return t
}

func (r IndexRun) isIndicator(id string) bool {
	for _, ind := range r.Result.Rules.Indicators {
		if ind.ID == id {
			return true
		}
	}
	return false
}

// levelTables are a sheet per level below the total: each entity's parts
// and the level's score.
func (r IndexRun) levelTables(used map[string]bool) []*table {
	res := r.Result
	pos := map[string]int{}
	for j, id := range res.IDs {
		pos[id] = j
	}
	var out []*table
	for _, l := range res.Rules.Levels {
		if l.ID == res.Rules.Total {
			continue
		}
		t := &table{name: sheetName(r.label(l.ID), l.ID, used)}
		h := append(heads(r.lang(), "rank"), r.keyHeader()...)
		for _, of := range l.Of {
			h = append(h, of)
		}
		h = append(h, r.label(l.ID))
		t.header(h...)
		for _, e := range res.Entities {
			row := append([]any{blankZero(e.Rank)}, r.keyRow(e)...)
			for _, of := range l.Of {
				row = append(row, numOrBlank(e.Scores[pos[of]]))
			}
			row = append(row, numOrBlank(e.Scores[pos[l.ID]]))
			t.add(row...)
		}
		t.filter = len(t.rows)
		out = append(out, t)
	}
	return out
}

// sheetName is a valid, unused sheet name for a label: at most 31
// characters, none of : \ / ? * [ ].
func sheetName(label, id string, used map[string]bool) string {
	clean := strings.Map(func(c rune) rune {
		if strings.ContainsRune(`:\/?*[]`, c) {
			return ' '
		}
		return c
	}, label)
	if rs := []rune(clean); len(rs) > 31 {
		clean = string(rs[:31])
	}
	if clean == "" || used[clean] {
		clean = id
	}
	for n := 2; used[clean]; n++ {
		clean = fmt.Sprintf("%s %d", id, n)
	}
	used[clean] = true
	return clean
}

// listTables is the sheet of the published lists, each as a block: its
// place, the entity, its total and rank; and the chart of the first
// list's level scores.
func (r IndexRun) listTables() []*table {
	res := r.Result
	if len(res.Lists) == 0 {
		return nil
	}
	byKey := map[string]scoring.EntityResult{}
	for _, e := range res.Entities {
		byKey[e.Key] = e
	}
	ids, at := r.columnIDs()
	var levels []int
	var levelIDs []string
	for i, id := range ids {
		if !r.isIndicator(id) {
			levels, levelIDs = append(levels, at[i]), append(levelIDs, id)
		}
	}
	lang := r.lang()
	t := &table{name: labels.In(lang, "sheet_lists"), designed: true}
	for n, l := range res.Lists {
		if n > 0 {
			t.blank()
		}
		t.add(styled(sectionLook, r.labelOf(l.Spec.Name, l.Spec.ID)))
		h := append(heads(lang, "place"), r.keyHeader()...)
		for _, id := range levelIDs {
			h = append(h, r.label(id))
		}
		h = append(h, heads(lang, "total", "rank")...)
		t.header(h...)
		first := len(t.rows) + 1 // 1-based row of the list's first entity
		for i, k := range l.Keys {
			e := byKey[k]
			row := append([]any{i + 1}, r.keyRow(e)...)
			for _, j := range levels {
				row = append(row, numOrBlank(e.Scores[j]))
			}
			row = append(row, numOrBlank(e.Total), blankZero(e.Rank))
			t.add(row...)
		}
		if n == 0 && len(l.Keys) > 0 && len(levels) > 0 {
			t.charts = append(t.charts, tableChart{labels.In(lang, "sheet_chart"), r.levelChart(l, first-1, len(r.keyHeader()), len(levelIDs))})
		}
	}
	return []*table{t}
}

// levelChart is a clustered column chart of the level scores of the
// entities from row first (0-based) of the lists sheet, a colour per
// level; the names are in the column after the place and the key when
// the rules name entities.
func (r IndexRun) levelChart(l scoring.ListResult, first, keyCols, levels int) chart {
	c := chart{title: r.labelOf(l.Spec.Name, l.Spec.ID), cats: 1, first: first, last: first + len(l.Keys) - 1}
	if r.Result.Rules.Entities.Name != "" {
		c.cats = 2
	}
	for i := range levels {
		c.series = append(c.series, chartSeries{col: 1 + keyCols + i, colour: seriesColours[i%len(seriesColours)]})
	}
	return c
}

// missingTable lists, for each entity, the indicators it has no value for.
func (r IndexRun) missingTable() *table {
	lang := r.lang()
	t := &table{name: labels.In(lang, "sheet_missing")}
	t.header(append(r.keyHeader(), heads(lang, "indicator", "indicator_name")...)...)
	for _, e := range r.Result.Entities {
		for _, id := range e.Missing {
			t.add(append(r.keyRow(e), id, r.label(id))...)
		}
	}
	t.filter = len(t.rows)
	return t
}

// eventTables break each event file down by entity and its By column
// (availability per service): rows, and for each value of each field its
// rows and share in percent.
func (r IndexRun) eventTables(used map[string]bool) []*table {
	res := r.Result
	names := map[string]string{}
	for _, e := range res.Entities {
		names[e.Key] = e.Name
	}
	lang := r.lang()
	var out []*table
	for _, spec := range res.Rules.Events {
		tally := res.Events[spec.ID]
		if tally == nil || spec.By == "" {
			continue
		}
		t := &table{name: sheetName(r.labelOf(spec.Name, spec.ID), spec.ID, used)}
		h := []any{labels.In(lang, "code"), labels.In(lang, "name"), r.header(spec.By), labels.In(lang, "count")}
		type valueCol struct {
			field int
			id    string
		}
		var cols []valueCol
		for i, f := range spec.Fields {
			for _, id := range slices.Sorted(maps.Keys(f.Values)) {
				cols = append(cols, valueCol{i, id})
				label := r.fieldLabel(f, id)
				h = append(h, label, labels.In(lang, "share", label))
			}
		}
		t.header(h...)
		for _, b := range tally.Breakdown() {
			row := []any{b.Key, names[b.Key], b.By, b.Rows}
			for _, c := range cols {
				row = append(row, b.Values[c.field][c.id], 100*b.Share(c.field, c.id))
			}
			t.add(row...)
		}
		t.filter = len(t.rows)
		out = append(out, t)
	}
	return out
}

func numOrBlank(x float64) any {
	if math.IsNaN(x) {
		return nil
	}
	return x
}
