package report

import (
	"cmp"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/internal/vocab"
	"github.com/iranict/rank/scoring"
)

// The sheets of the workbooks, by their Persian names (labels has them in
// English).
const (
	SheetSummary   = "خلاصه"
	SheetRanking   = "رتبه‌بندی"
	SheetPenalties = "تخلفات"
	SheetErrors    = "خطاها"
	SheetProvinces = "استان‌ها"
	SheetInputs    = "ورودی‌ها"
)

// NationalWorkbook is the base name of the country's workbook.
const NationalWorkbook = "national.xlsx"

// Workbooks writes dir/<province slug>.xlsx for every province of the
// result (or, as the rules' reports.group_by says, a workbook per region or
// one for all) and dir/national.xlsx, and returns the base names written, in that
// order. The same run always gives byte-identical files.
func Workbooks(dir string, run Run) ([]string, error) { return workbooks(dir, run) }

func workbooks(dir string, run Run, opts ...bookOption) ([]string, error) {
	if run.Result == nil {
		return nil, fmt.Errorf("report: no result")
	}
	offices := run.officesByProvince()
	names := run.officeNames()
	// A national run has 100,000 rulings: the books list them by pointer,
	// not as copies of their results.
	penalties := map[string][]*scoring.PenaltyResult{}
	perProvince := map[string]int{}
	for _, p := range run.Result.Penalties {
		perProvince[p.Province.Slug]++
	}
	for i := range run.Result.Penalties {
		p := &run.Result.Penalties[i]
		if penalties[p.Province.Slug] == nil {
			penalties[p.Province.Slug] = make([]*scoring.PenaltyResult, 0, perProvince[p.Province.Slug])
		}
		penalties[p.Province.Slug] = append(penalties[p.Province.Slug], p)
	}
	lang := run.lang()
	run.warned = run.warnings(lang)
	problems := map[string][]export.Problem{}
	for _, p := range run.problems() {
		problems[p.Province] = append(problems[p.Province], p)
	}

	// The books are independent: they are written on every core, and
	// listed in order up to the first that failed.
	type job struct {
		name string
		head runningHead
		ts   func() []*table
		size int // rows, to start the largest books first
	}
	var jobs []job
	for _, g := range run.groups() {
		size := 0
		for _, p := range g.provinces {
			size += len(offices[p.Slug]) + len(penalties[p.Slug]) + len(problems[p.Slug])
		}
		jobs = append(jobs, job{g.file, run.groupHead(g), func() []*table {
			var os []*scoring.OfficeResult
			var ps []*scoring.PenaltyResult
			var es []export.Problem
			for _, p := range g.provinces {
				os = append(os, offices[p.Slug]...)
				ps = append(ps, penalties[p.Slug]...)
				es = append(es, problems[p.Slug]...)
			}
			summary := run.groupSummary(g)
			run.scoreDistribution(summary, os)
			return []*table{summary, run.groupRanking(g, os), penaltyTable(ps, names, lang), errorTable(es, lang), rulesTable(run.RulesName, run.RulesText, lang)}
		}, size})
	}
	jobs = append(jobs, job{NationalWorkbook, runningHead{labels.In(lang, "whole_country"), run.Result.Period.String()}, func() []*table {
		return []*table{run.nationalSummary(), run.provinceTable(), run.inputTable(), errorTable(problems[""], lang), rulesTable(run.RulesName, run.RulesText, lang)}
	}, len(run.Result.Provinces) + len(problems[""])})
	// The largest books first, so that the cores finish together rather
	// than one writing Tehran's while the other waits.
	order := make([]int, len(jobs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(jobs[b].size, jobs[a].size) })
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = writeBook(filepath.Join(dir, jobs[i].name), run.decimals(), lang, jobs[i].head, jobs[i].ts(), opts...)
			}
		}()
	}
	for _, i := range order {
		next <- i
	}
	close(next)
	wg.Wait()
	var written []string
	for i, j := range jobs {
		if errs[i] != nil {
			return written, fmt.Errorf("%s: %w", j.name, errs[i])
		}
		written = append(written, j.name)
	}
	return written, nil
}

// writeBook writes tables built in lang (which sets the sheets' direction);
// head is what their printed pages say they are about.
func writeBook(path string, decimals int, lang vocab.Lang, head runningHead, ts []*table, opts ...bookOption) error {
	b, err := newBook(decimals, opts...)
	if err != nil {
		return err
	}
	b.head = head
	if err := b.setLang(lang); err != nil {
		b.f.Close()
		return err
	}
	if err := b.writeAll(ts...); err != nil {
		b.f.Close()
		return err
	}
	return b.save(path)
}

// setLang is the language of the book's tables: it sets the sheets'
// direction and the document's language, which office suites take for
// the spelling check.
func (b *book) setLang(lang vocab.Lang) error {
	b.lang = lang
	if err := b.alignStart(); err != nil {
		return err
	}
	setCoreProps(b.f, map[vocab.Lang]string{vocab.Persian: "fa-IR", vocab.English: "en-US"}[lang])
	return nil
}

func (b *book) writeAll(ts ...*table) error {
	for _, t := range ts {
		if err := b.write(t); err != nil {
			return fmt.Errorf("sheet %s: %w", t.name, err)
		}
	}
	for _, t := range ts {
		for _, c := range t.charts {
			if err := b.addChart(c.name, t, c.chart); err != nil {
				return fmt.Errorf("chart %s: %w", c.name, err)
			}
		}
	}
	return nil
}

// summary is a province's Summary sheet: its figures as the regulator
// publishes them, by area, and the accounting of its input rows, each
// under its heading; labels in the first column, numbers in the columns
// after it.
func (r Run) summary(p scoring.ProvinceResult) *table {
	lang := r.lang()
	name := provinceName(p.Province, lang)
	t := r.summaryHead(name, labels.In(lang, "province"), name, p.English)
	t.blank()
	r.countRows(t, p.Counts)
	t.blank()
	r.areaRows(t, p.ByArea)
	t.blank()
	// The figures on the first page; how they were counted after.
	t.breaks = append(t.breaks, len(t.rows))
	inputRows(t, r.inputs(p.Slug), lang)
	return t
}

// summaryHead starts a Summary sheet: its title, what it is about (a
// label and values), the period and the rules.
func (r Run) summaryHead(subject, label string, values ...string) *table {
	lang := r.lang()
	t := &table{name: labels.In(lang, "sheet_summary"), designed: true}
	t.add(styled(titleLook, labels.In(lang, "summary_title", subject)))
	row := []any{label}
	for _, v := range values {
		row = append(row, styled(spillLook, v))
	}
	t.add(row...)
	r.heading(t)
	return t
}

// heading adds the period and the rules, and a warning for each file more
// than a fifth of whose rows are in error.
func (r Run) heading(t *table) {
	lang := r.lang()
	t.add(labels.In(lang, "period"), styled(spillLook, r.Result.Period.String()))
	rules := []any{labels.In(lang, "method"), styled(spillLook, r.RulesName)}
	if r.Rules != nil {
		if name := rulesLabel(r.Rules.Name, lang); name != "" {
			rules = append(rules, styled(spillLook, name))
		}
	}
	t.add(rules...)
	for _, w := range r.warned {
		t.add(labels.In(lang, "notice"), wrapC(w))
	}
}

// section adds a section's heading to a designed table.
func section(t *table, heading string) { t.add(styled(sectionLook, heading)) }

func (r Run) countRows(t *table, c scoring.Counts) {
	lang := r.lang()
	section(t, labels.In(lang, "section_offices"))
	t.add(labels.In(lang, "count_offices"), c.Offices)
	t.add(labels.In(lang, "count_participants"), c.Participants)
	t.add(labels.In(lang, "count_carried"), c.CarriedForward)
	t.add(labels.In(lang, "count_absent"), c.NotParticipating)
	for _, g := range r.Result.Grades {
		t.add(labels.In(lang, "count_grade", r.gradeName(g.Grade)), c.Grades[g.Grade])
	}
	if n := len(r.Result.Grades); n > 0 {
		t.add(labels.In(lang, "count_lowest", r.gradeName(r.Result.Grades[n-1].Grade)), c.LowestWithAbsent)
	}
}

// countHeader is the header of a table of Counts after the lead columns.
func (r Run) countHeader(lead ...any) []any {
	lang := r.lang()
	h := append(lead, heads(lang, "col_offices", "col_participating", "col_carried", "col_absent")...)
	for _, g := range r.Result.Grades {
		h = append(h, r.gradeName(g.Grade))
	}
	if n := len(r.Result.Grades); n > 0 {
		h = append(h, labels.In(lang, "col_lowest", r.gradeName(r.Result.Grades[n-1].Grade)))
	}
	return h
}

func (r Run) countCells(c scoring.Counts, lead ...any) []any {
	row := append(lead, c.Offices, c.Participants, c.CarriedForward, c.NotParticipating)
	for _, g := range r.Result.Grades {
		row = append(row, c.Grades[g.Grade])
	}
	if len(r.Result.Grades) > 0 {
		row = append(row, c.LowestWithAbsent)
	}
	return row
}

func (r Run) areaRows(t *table, byArea map[string]scoring.Counts) {
	lang := r.lang()
	section(t, labels.In(lang, "section_area"))
	t.header(r.countHeader(labels.In(lang, "area_type"))...)
	for _, a := range areaOrder(byArea) {
		t.add(r.countCells(byArea[a], categoryLabel("area_type", a, lang))...)
	}
}

// inputRows account for the input files: a row per file, its numbers
// and then its name (in a summary, a section: the numbers go under the
// summary's other numbers).
func inputRows(t *table, us []inputUse, lang vocab.Lang) {
	if t.designed {
		section(t, labels.In(lang, "section_inputs"))
	}
	t.header(heads(lang, "input", "rows", "used", "outside_period", "superseded", "col_errors", "col_warnings", "file")...)
	for _, u := range us {
		t.add(kindLabels.In(lang, u.Kind), u.Rows, u.Used, u.OutsidePeriod, u.Superseded, u.Errors, u.Warnings, u.File)
	}
}

// ranking is a province's Ranking sheet: every registry office, in the
// engine's order. Its first columns are the list a ranking prints — rank,
// office, place, participation, total, grade and the services it may
// offer — and the only ones printed: the rest, the quota's percentage
// (the grade's), each office's type, holder, review, points per
// indicator and penalty, are for the screen (and for explain); at 8 pt a
// page holds one or the other, not both.
func (r Run) ranking(offices []*scoring.OfficeResult, withProvince bool) *table {
	lang := r.lang()
	t := &table{name: labels.In(lang, "sheet_ranking")}
	h := append([]any{r.rankLabel()}, heads(lang, "office_code", "office_name")...)
	if withProvince {
		h = append(h, labels.In(lang, "province"))
	}
	h = append(h, heads(lang, "city", "area_type", "participation", "absence", "total", "grade", "quota")...)
	printed := len(h)
	h = append(h, heads(lang, "quota_pct", "office_type", "holder_id", "review")...)
	for _, ind := range r.Result.Indicators {
		label := rulesLabel(ind.Name, lang)
		if label == "" {
			label = ind.ID
		}
		h = append(h, label)
	}
	h = append(h, labels.In(lang, "penalty"))
	t.header(h...)
	// One backing array for every row's cells.
	cells := make([]cell, 0, len(offices)*len(h))
	for _, o := range offices {
		start := len(cells)
		cells = append(cells, blankZeroC(o.Rank), textC(o.Code), textC(o.Name))
		if withProvince {
			cells = append(cells, textC(provinceName(o.Province, lang)))
		}
		cells = append(cells, textC(o.City), textC(categoryLabel("area_type", o.AreaType, lang)), textC(statusText(o, lang)),
			textC(absenceText(o.Absence, lang)), numberC(o.Total), gradeC(o.Grade))
		if o.HasServices {
			cells = append(cells, wholeC(o.Quota), cell{kind: plainCell, f: o.QuotaPct})
		} else {
			cells = append(cells, cell{}, cell{})
		}
		cells = append(cells, textC(categoryLabel("office_type", o.OfficeType, lang)), textC(r.nationalID(o.HolderNationalID)),
			textC(categoryLabel("review_status", o.ReviewStatus, lang)))
		for i := range r.Result.Indicators {
			var pts float64
			if i < len(o.Points) {
				pts = o.Points[i]
			}
			cells = append(cells, numberC(pts))
		}
		cells = append(cells, numberC(o.Penalty))
		t.addCells(cells[start:len(cells):len(cells)])
	}
	t.filter = len(t.rows)
	t.printCols = printed
	t.freezeCols = 3 // rank, code and name
	return t
}

func blankZero(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// penaltyTable lists a province's rulings and what each did.
func penaltyTable(ps []*scoring.PenaltyResult, names map[string]string, lang vocab.Lang) *table {
	t := &table{name: labels.In(lang, "sheet_penalties")}
	t.header(heads(lang, "case_id", "office_code", "office_name", "violation_type", "ruling_date", "ruling_status", "points_deducted", "counted", "note")...)
	yes, no := labels.In(lang, "yes"), labels.In(lang, "no")
	cells := make([]cell, 0, 9*len(ps))
	code, name := "", "" // an office's rulings come together
	for _, p := range ps {
		date := ""
		if !p.RulingDate.IsZero() {
			date = p.RulingDate.String()
		}
		if p.OfficeCode != code {
			code, name = p.OfficeCode, names[p.OfficeCode]
		}
		start := len(cells)
		counted := no
		if p.Counted {
			counted = yes
		}
		cells = append(cells, textC(p.CaseID), textC(p.OfficeCode), textC(name), textC(categoryLabel("violation_type", p.Type, lang)), textC(date),
			textC(categoryLabel("ruling_status", p.Status, lang)), numberC(p.Points), textC(counted), textC(penaltyNote(p, lang)))
		t.addCells(cells[start:len(cells):len(cells)])
	}
	t.filter = len(t.rows)
	return t
}

// errorTable lists problems: rows left out, and warnings on rows that
// stand, in the book's language — the column by its Persian header and
// the reason in Persian in a Persian book — the reasons wrapped.
func errorTable(ps []export.Problem, lang vocab.Lang) *table {
	t := &table{name: labels.In(lang, "sheet_errors")}
	t.header(heads(lang, "file", "sheet", "row", "column", "reason", "kind")...)
	isError, isWarning := labels.In(lang, "error"), labels.In(lang, "warning")
	cells := make([]cell, 0, 6*len(ps))
	for _, p := range ps {
		kind := isError
		if p.Warning {
			kind = isWarning
		}
		start := len(cells)
		cells = append(cells, textC(p.File), textC(p.Sheet), blankZeroC(p.Row), textC(p.ColumnIn(lang)), wrapC(p.ReasonIn(lang)), textC(kind))
		t.addCells(cells[start:len(cells):len(cells)])
	}
	t.filter = len(t.rows)
	return t
}

// nationalSummary is the country's Summary sheet.
func (r Run) nationalSummary() *table {
	lang := r.lang()
	country := labels.In(lang, "whole_country")
	t := r.summaryHead(country, country, labels.In(lang, "provinces_n", len(r.Result.Provinces)))
	t.blank()
	r.countRows(t, r.totals())
	t.blank()
	r.areaRows(t, r.byAreaTotals())
	return t
}

// provinceTable has a row of counts per province and their sum.
func (r Run) provinceTable() *table {
	lang := r.lang()
	t := &table{name: labels.In(lang, "sheet_provinces"), designed: true}
	t.header(r.countHeader(heads(lang, "code", "province", "province_en")...)...)
	for _, p := range r.Result.Provinces {
		t.add(r.countCells(p.Counts, p.Code, provinceName(p.Province, lang), p.English)...)
	}
	t.filter = len(t.rows)
	t.header(r.countCells(r.totals(), nil, labels.In(lang, "total_row"), nil)...)
	if n := len(r.Result.Provinces); n > 0 {
		t.charts = append(t.charts, tableChart{labels.In(lang, "sheet_grade_chart"), r.gradeChart(n)})
	}
	return t
}

// Chart sheets, by their Persian names.
const (
	SheetGradeChart = "نمودار درجه‌ها"
	SheetScoreChart = "نمودار امتیازها"
)

// gradeChart stacks each province's participants by grade, in the grades'
// colours, from the provinces sheet: names in column B, grades after the
// four counts; the provinces from the top in the table's order.
func (r Run) gradeChart(provinces int) chart {
	c := chart{title: labels.In(r.lang(), "chart_grades"), horizontal: true, stacked: true, format: "#,##0", cats: 1, first: 1, last: provinces}
	for i, g := range r.Result.Grades {
		c.series = append(c.series, chartSeries{col: 7 + i, colour: gradeColour(g.Grade)})
	}
	return c
}

// gradeColour is the chart colour of a grade: green, amber, red.
func gradeColour(g int) string {
	switch g {
	case 1:
		return "63BE7B"
	case 2:
		return "FFC000"
	case 3:
		return "E06666"
	}
	return "A6A6A6"
}

// scoreDistribution adds to a summary sheet the participants' totals in
// bands of ten points, and a chart sheet of them.
func (r Run) scoreDistribution(t *table, offices []*scoring.OfficeResult) {
	var totals []float64
	for _, o := range offices {
		if o.Status.Participates() {
			totals = append(totals, o.Total)
		}
	}
	if len(totals) == 0 {
		return
	}
	lo := 0.0
	for _, x := range totals {
		lo = min(lo, math.Floor(x/10)*10)
	}
	hi := 100.0
	for _, x := range totals {
		hi = max(hi, math.Floor(x/10)*10+10)
	}
	lang := r.lang()
	t.blank()
	section(t, labels.In(lang, "score_bands"))
	t.header(heads(lang, "score_band", "count_participants")...)
	first := len(t.rows) + 1
	for b := lo; b < hi; b += 10 {
		n := 0
		for _, x := range totals {
			if x >= b && x < b+10 || b+10 >= hi && x == hi {
				n++
			}
		}
		t.add(fmt.Sprintf("%g–%g", b, b+10), n)
	}
	t.charts = append(t.charts, tableChart{labels.In(lang, "sheet_score_chart"), chart{
		title: labels.In(lang, "chart_scores"), values: true, format: "#,##0",
		first: first - 1, last: len(t.rows) - 1, series: []chartSeries{{col: 1, colour: seriesColours[0]}},
	}})
}

// inputTable accounts for every input file over all provinces.
func (r Run) inputTable() *table {
	t := &table{name: labels.In(r.lang(), "sheet_inputs")}
	inputRows(t, r.inputs(""), r.lang())
	t.filter = len(t.rows)
	return t
}

// WriteFile writes data to path and flushes it to disk, so that a full disk
// is reported here and not discovered later.
func WriteFile(path string, data []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
