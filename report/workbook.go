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

	"github.com/xuri/excelize/v2"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
)

// The sheets of the workbooks.
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
	problems := map[string][]export.Problem{}
	for _, p := range run.problems() {
		problems[p.Province] = append(problems[p.Province], p)
	}

	// The books are independent: they are written on every core, and
	// listed in order up to the first that failed.
	type job struct {
		name string
		ts   func() []*table
		size int // rows, to start the largest books first
	}
	var jobs []job
	for _, g := range run.groups() {
		size := 0
		for _, p := range g.provinces {
			size += len(offices[p.Slug]) + len(penalties[p.Slug]) + len(problems[p.Slug])
		}
		jobs = append(jobs, job{g.file, func() []*table {
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
			return []*table{summary, run.groupRanking(g, os), penaltyTable(ps, names), errorTable(es), rulesTable(run.RulesName, run.RulesText)}
		}, size})
	}
	jobs = append(jobs, job{NationalWorkbook, func() []*table {
		return []*table{run.nationalSummary(), run.provinceTable(), run.inputTable(), errorTable(problems[""]), rulesTable(run.RulesName, run.RulesText)}
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
				errs[i] = writeBook(filepath.Join(dir, jobs[i].name), run.decimals(), run.Lang, jobs[i].ts(), opts...)
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

func writeBook(path string, decimals int, lang string, ts []*table, opts ...bookOption) error {
	b, err := newBook(decimals, opts...)
	if err != nil {
		return err
	}
	b.lang = lang
	if err := b.writeAll(ts...); err != nil {
		b.f.Close()
		return err
	}
	return b.save(path)
}

func (b *book) writeAll(ts ...*table) error {
	if b.lang == "en" {
		en := make([]*table, len(ts))
		for i, t := range ts {
			en[i] = inEnglish(t)
		}
		ts = en
	}
	for _, t := range ts {
		if err := b.write(t); err != nil {
			return fmt.Errorf("sheet %s: %w", t.name, err)
		}
	}
	for _, t := range ts {
		for _, c := range t.charts {
			chart := c.chart(t.name)
			if b.lang == "en" {
				for i := range chart.Title.Paragraph {
					chart.Title.Paragraph[i].Text = toEnglish(chart.Title.Paragraph[i].Text)
				}
			}
			if err := b.f.AddChartSheet(c.name, chart); err != nil {
				return fmt.Errorf("chart %s: %w", c.name, err)
			}
		}
	}
	return nil
}

// summary is a province's Summary sheet: its figures as the regulator
// publishes them, by area, and the accounting of its input rows.
func (r Run) summary(p scoring.ProvinceResult) *table {
	t := &table{name: SheetSummary}
	t.header("استان", p.Persian, p.English)
	r.heading(t)
	t.blank()
	r.countRows(t, p.Counts)
	t.blank()
	r.areaRows(t, p.ByArea)
	t.blank()
	inputRows(t, r.inputs(p.Slug))
	return t
}

// heading adds the period and the rules.
func (r Run) heading(t *table) {
	t.add("دوره", r.Result.Period.String())
	rules := []any{"روش ارزیابی", r.RulesName}
	if r.Rules != nil {
		if name := r.Rules.Name.FA; r.Lang != "en" && name != "" {
			rules = append(rules, name)
		} else if name := r.Rules.Name.EN; r.Lang == "en" && name != "" {
			rules = append(rules, name)
		}
	}
	t.add(rules...)
}

func (r Run) countRows(t *table, c scoring.Counts) {
	t.add("تعداد دفاتر", c.Offices)
	t.add("دفاتر مشارکت‌کننده", c.Participants)
	t.add("از این میان انتقال از دوره قبل", c.CarriedForward)
	t.add("دفاتر بدون مشارکت", c.NotParticipating)
	for _, g := range r.Result.Grades {
		t.add(r.gradeName(g.Grade)+" (مشارکت‌کنندگان)", c.Grades[g.Grade])
	}
	if n := len(r.Result.Grades); n > 0 {
		t.add(r.gradeName(r.Result.Grades[n-1].Grade)+" با احتساب دفاتر بدون مشارکت", c.LowestWithAbsent)
	}
}

// countHeader is the header of a table of Counts after the lead columns.
func (r Run) countHeader(lead ...any) []any {
	h := append(lead, "دفاتر", "مشارکت", "انتقال از دوره قبل", "عدم مشارکت")
	for _, g := range r.Result.Grades {
		h = append(h, r.gradeName(g.Grade))
	}
	if n := len(r.Result.Grades); n > 0 {
		h = append(h, r.gradeName(r.Result.Grades[n-1].Grade)+" با عدم مشارکت")
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
	t.header(r.countHeader("نوع منطقه")...)
	for _, a := range areaOrder(byArea) {
		t.add(r.countCells(byArea[a], fa(areaFA, a))...)
	}
}

var inputHeader = []any{"ورودی", "فایل", "ردیف‌ها", "استفاده‌شده", "خارج از دوره", "جایگزین‌شده", "خطا", "هشدار"}

func inputRows(t *table, us []inputUse) {
	t.header(inputHeader...)
	for _, u := range us {
		t.add(fa(kindFA, u.Kind), u.File, u.Rows, u.Used, u.OutsidePeriod, u.Superseded, u.Errors, u.Warnings)
	}
}

// ranking is a province's Ranking sheet: every registry office, in the
// engine's order.
func (r Run) ranking(offices []*scoring.OfficeResult, withProvince bool) *table {
	t := &table{name: SheetRanking}
	h := []any{"کد دفتر", "نام دفتر"}
	if withProvince {
		h = append(h, "استان")
	}
	h = append(h, "شهر", "نوع منطقه", "نوع دفتر", "کد ملی دارنده پروانه", "وضعیت مشارکت", "وضعیت بررسی")
	for _, ind := range r.Result.Indicators {
		label := ind.Name.FA
		if r.Lang == "en" {
			label = ind.Name.EN
		}
		if label == "" {
			label = ind.ID
		}
		h = append(h, label)
	}
	h = append(h, "کسر امتیاز", "امتیاز کل", "رتبه", r.rankLabel(), "سهمیه خدمات (٪)", "سهمیه خدمات")
	t.header(h...)
	// One backing array for every row's cells.
	cells := make([]cell, 0, len(offices)*len(h))
	for _, o := range offices {
		start := len(cells)
		cells = append(cells, textC(o.Code), textC(o.Name))
		if withProvince {
			cells = append(cells, textC(o.Province.Persian))
		}
		cells = append(cells, textC(o.City), textC(fa(areaFA, o.AreaType)), textC(fa(officeTypeFA, o.OfficeType)),
			textC(r.nationalID(o.HolderNationalID)), textC(statusText(o)), textC(fa(reviewFA, o.ReviewStatus)))
		for i := range r.Result.Indicators {
			var pts float64
			if i < len(o.Points) {
				pts = o.Points[i]
			}
			cells = append(cells, numberC(pts))
		}
		cells = append(cells, numberC(o.Penalty), numberC(o.Total), gradeC(o.Grade), blankZeroC(o.Rank))
		if o.HasServices {
			cells = append(cells, cell{kind: plainCell, f: o.QuotaPct}, wholeC(o.Quota))
		}
		t.addCells(cells[start:len(cells):len(cells)])
	}
	t.filter = len(t.rows)
	return t
}

func blankZero(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// penaltyTable lists a province's rulings and what each did.
func penaltyTable(ps []*scoring.PenaltyResult, names map[string]string) *table {
	t := &table{name: SheetPenalties}
	t.header("شماره پرونده", "کد دفتر", "نام دفتر", "نوع تخلف", "تاریخ رأی", "وضعیت رأی", "امتیاز کسر شده", "محاسبه شده", "توضیح")
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
		cells = append(cells, textC(p.CaseID), textC(p.OfficeCode), textC(name), textC(fa(violationFA, p.Type)), textC(date),
			textC(fa(rulingFA, p.Status)), numberC(p.Points), textC(yesNo(p.Counted)), textC(penaltyNote(p)))
		t.addCells(cells[start:len(cells):len(cells)])
	}
	t.filter = len(t.rows)
	return t
}

// errorTable lists problems: rows left out, and warnings on rows that stand.
func errorTable(ps []export.Problem) *table {
	t := &table{name: SheetErrors}
	t.header("فایل", "برگه", "ردیف", "ستون", "شرح", "نوع")
	for _, p := range ps {
		kind := "خطا"
		if p.Warning {
			kind = "هشدار"
		}
		t.add(p.File, p.Sheet, blankZero(p.Row), p.Column, p.Reason, kind)
	}
	t.filter = len(t.rows)
	return t
}

// nationalSummary is the country's Summary sheet.
func (r Run) nationalSummary() *table {
	t := &table{name: SheetSummary}
	t.header("کل کشور", fmt.Sprintf("%d استان", len(r.Result.Provinces)))
	r.heading(t)
	t.blank()
	r.countRows(t, r.totals())
	t.blank()
	r.areaRows(t, r.byAreaTotals())
	return t
}

// provinceTable has a row of counts per province and their sum.
func (r Run) provinceTable() *table {
	t := &table{name: SheetProvinces}
	t.header(r.countHeader("کد", "استان", "Province")...)
	for _, p := range r.Result.Provinces {
		t.add(r.countCells(p.Counts, p.Code, p.Persian, p.English)...)
	}
	t.filter = len(t.rows)
	t.header(r.countCells(r.totals(), nil, "جمع کل", nil)...)
	if n := len(r.Result.Provinces); n > 0 {
		t.charts = append(t.charts, tableChart{SheetGradeChart, func(sheet string) *excelize.Chart {
			return r.gradeChart(sheet, n)
		}})
	}
	return t
}

// Chart sheets.
const (
	SheetGradeChart = "نمودار درجه‌ها"
	SheetScoreChart = "نمودار امتیازها"
)

// gradeChart stacks each province's participants by grade, from the
// provinces sheet: names in column B, grades after the four counts.
func (r Run) gradeChart(sheet string, provinces int) *excelize.Chart {
	ref := func(col, from, to int) string {
		c, _ := excelize.ColumnNumberToName(col)
		return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheet, c, from, c, to)
	}
	chart := &excelize.Chart{
		Type:   excelize.BarStacked,
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "توزیع درجه دفاتر مشارکت‌کننده به تفکیک استان"}}},
		Legend: excelize.ChartLegend{Position: "bottom"},
	}
	for i, g := range r.Result.Grades {
		chart.Series = append(chart.Series, excelize.ChartSeries{
			Name: cellRef(sheet, 8+i, 1), Categories: ref(2, 2, provinces+1), Values: ref(8+i, 2, provinces+1),
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{gradeColour(g.Grade)}},
		})
	}
	return chart
}

// cellRef is an absolute reference to one cell, for a series' name
// (office suites take a name as a reference, not as text).
func cellRef(sheet string, col, row int) string {
	c, _ := excelize.ColumnNumberToName(col)
	return fmt.Sprintf("'%s'!$%s$%d", sheet, c, row)
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
	t.blank()
	t.header("توزیع امتیاز کل", "دفاتر مشارکت‌کننده")
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
	last := len(t.rows)
	t.charts = append(t.charts, tableChart{SheetScoreChart, func(sheet string) *excelize.Chart {
		return &excelize.Chart{
			Type:   excelize.Col,
			Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "توزیع امتیاز کل دفاتر مشارکت‌کننده"}}},
			Legend: excelize.ChartLegend{Position: "none"},
			Series: []excelize.ChartSeries{{
				Name:       cellRef(sheet, 2, first-1),
				Categories: fmt.Sprintf("'%s'!$A$%d:$A$%d", sheet, first, last),
				Values:     fmt.Sprintf("'%s'!$B$%d:$B$%d", sheet, first, last),
			}},
		}
	}})
}

// inputTable accounts for every input file over all provinces.
func (r Run) inputTable() *table {
	t := &table{name: SheetInputs}
	inputRows(t, r.inputs(""))
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
