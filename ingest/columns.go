package ingest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iranict/rank/internal/export"
)

// column is a column as a file is read: its declaration and, for a
// category, what matches its values.
type column struct {
	export.Column
	cat *category
}

func (c column) String() string { return c.Name + " (" + c.Persian + ")" }

// columnsOf is what reads the declared columns. The schema's categories
// are matched by matchers built once; others (an index's, from its rules)
// get their own.
func columnsOf(decl []export.Column) []column {
	cols := make([]column, len(decl))
	for i, d := range decl {
		cols[i].Column = d
		if d.Type == export.OneOf {
			cols[i].cat = schemaCategories[d.Category]
			if cols[i].cat == nil {
				cols[i].cat = newCategory(d.Category)
			}
		}
	}
	return cols
}

// schemaCategories match the values of the schema's categories.
var schemaCategories = func() map[*export.Category]*category {
	m := map[*export.Category]*category{}
	for _, c := range export.Categories {
		m[c] = newCategory(c)
	}
	return m
}()

// kindColumns are the columns of each kind of the export, as declared.
var kindColumns = func() map[string][]column {
	m := map[string][]column{}
	for _, k := range export.Kinds {
		m[k.Name] = columnsOf(k.Columns)
	}
	return m
}()

// ColumnError is a header problem that makes a file unreadable: a required
// column missing, or one given twice.
type ColumnError struct {
	Column   string   // canonical English name
	Aliases  []string // the other headers accepted for it
	Repeated []int    // 1-based positions, when the column is given twice
	// Near is a header of the file that nearly names the missing column
	// (a typo, a word more or less): "did you mean" it.
	Near string
}

func (e *ColumnError) Error() string {
	if len(e.Repeated) > 0 {
		return fmt.Sprintf("column %s given twice, in columns %d and %d; keep one", e.name(), e.Repeated[0], e.Repeated[1])
	}
	return "missing column " + e.describe()
}

// name is the column with the other headers accepted for it.
func (e *ColumnError) name() string {
	if len(e.Aliases) > 0 {
		return e.Column + " (" + strings.Join(e.Aliases, ", ") + ")"
	}
	return e.Column
}

// describe is the missing column, and the header it may be.
func (e *ColumnError) describe() string {
	if e.Near != "" {
		return fmt.Sprintf("%s — did you mean %q?", e.name(), e.Near)
	}
	return e.name()
}

// headerRows is how many rows, blank ones not counted, the header is
// looked for in: titles, merged title cells and notes may stand above it.
const headerRows = 20

// HeaderError is a file in which no row among the first holds every
// column of its kind: every column missing from the row that came
// nearest, what that row holds, and where it is.
type HeaderError struct {
	Sheet   string         // of a workbook; "" for text
	Row     int            // the row nearest to a header: most columns found, the first of equals
	Found   []string       // its cells that are not blank, as written (normalised)
	Columns []*ColumnError // each column missing, or one given twice
	Rows    int            // the rows searched, up to the last tried; 0 when the whole file was
	Above   int            // rows tried above Row, blank ones not counted
	Tried   int            // rows tried, blank ones not counted
	Matched int            // columns Row holds
	Hint    string         // a likely cause: tabs in one cell, lone CRs
}

// mapHint says how a column the export names otherwise is read.
const mapHint = "a column the export names otherwise is read by giving its header under headers: in the rules file; rules.yaml has an example"

func (e *HeaderError) Error() string {
	var b strings.Builder
	var missing []string
	for _, c := range e.Columns {
		if len(c.Repeated) > 0 {
			b.WriteString(c.Error())
			b.WriteString("; ")
			continue
		}
		missing = append(missing, c.describe())
	}
	switch len(missing) {
	case 0:
	case 1:
		b.WriteString("missing column " + missing[0] + "; ")
	default:
		fmt.Fprintf(&b, "missing %d columns: %s; ", len(missing), strings.Join(missing, ", "))
	}
	where := fmt.Sprintf("row %d", e.Row)
	if e.Sheet != "" {
		where = fmt.Sprintf("sheet %q, row %d", e.Sheet, e.Row)
	}
	within := ""
	if e.Rows > 0 {
		within = fmt.Sprintf(" of the first %d", e.Rows)
	}
	switch {
	case e.Matched == 0 && e.Tried > 1:
		fmt.Fprintf(&b, "no row%s names any of them; the first (%s) reads: ", within, where)
	case e.Above == 0:
		fmt.Fprintf(&b, "the header (%s) reads: ", where)
	default:
		fmt.Fprintf(&b, "no row%s has them all; the nearest (%s) reads: ", within, where)
	}
	b.WriteString(quoteHeaders(e.Found))
	if e.Hint != "" {
		b.WriteString("; " + e.Hint)
	}
	return b.String()
}

// missing reports whether a column is missing (not only given twice).
func (e *HeaderError) missing() bool {
	for _, c := range e.Columns {
		if len(c.Repeated) == 0 {
			return true
		}
	}
	return false
}

// Unwrap gives the columns' errors.
func (e *HeaderError) Unwrap() []error {
	errs := make([]error, len(e.Columns))
	for i, c := range e.Columns {
		errs[i] = c
	}
	return errs
}

// maxHeadersShown is how many of a header's cells an error quotes.
const maxHeadersShown = 40

// quoteHeaders is a row's cells, quoted, for an error.
func quoteHeaders(cells []string) string {
	if len(cells) == 0 {
		return "nothing"
	}
	shown := cells[:min(len(cells), maxHeadersShown)]
	q := make([]string, len(shown))
	for i, h := range shown {
		q[i] = fmt.Sprintf("%q", h)
	}
	s := strings.Join(q, ", ")
	if n := len(cells) - len(shown); n > 0 {
		s += fmt.Sprintf(" and %d more", n)
	}
	return s
}

// headerSearch looks for a file's header among its first rows: the first
// row that holds every column. Rows above it — a title, merged title
// cells, notes — are passed over; when none holds them all within
// headerRows, the error speaks of the row that came nearest.
type headerSearch struct {
	cols  []column
	index map[string]int // folded header → column
	rows  int            // tried so far
	last  int            // the row tried last
	best  headerTry
}

// headerTry is a row tried as the header.
type headerTry struct {
	row, found int
	rec        []string // a copy
	err        *HeaderError
}

func newHeaderSearch(cols []column) *headerSearch {
	index := make(map[string]int, 2*len(cols))
	for i, c := range cols {
		for _, h := range c.Headers() {
			index[fold(h)] = i
		}
	}
	return &headerSearch{cols: cols, index: index, best: headerTry{found: -1}}
}

// try takes rec, a row that is not blank, as the header: done when it
// holds every column, with their positions and the cells that name none
// (ignored).
func (h *headerSearch) try(rec []string, row int) (pos []int, ignored []string, done bool) {
	h.rows, h.last = h.rows+1, row
	pos, ignored, found, problems := mapHeader(rec, h.cols, h.index)
	if len(problems) == 0 {
		return pos, ignored, true
	}
	if found > h.best.found {
		near(problems, ignored, h.cols)
		h.best = headerTry{row: row, found: found, rec: slices.Clone(rec),
			err: &HeaderError{Row: row, Columns: problems, Above: h.rows - 1, Matched: found, Hint: headerHint(rec)}}
	}
	return nil, nil, false
}

// exhausted reports whether every row the header may be on was tried.
func (h *headerSearch) exhausted() bool { return h.rows >= headerRows }

// err is the error of a search that found no header, in a file's sheet.
func (h *headerSearch) err(sheet string) *HeaderError {
	e := h.best.err
	e.Sheet, e.Tried = sheet, h.rows
	if h.exhausted() {
		e.Rows = h.last
	}
	for _, c := range h.best.rec {
		if !blankCell(c) {
			e.Found = append(e.Found, Normalize(c))
		}
	}
	return e
}

// mapHeader finds each column of cols in the header, by index (folded
// header → column), and returns their positions, the header cells that
// matched none (ignored), how many columns it found, and a problem for
// each column missing or given twice.
func mapHeader(header []string, cols []column, index map[string]int) (pos []int, ignored []string, found int, problems []*ColumnError) {
	pos = make([]int, len(cols))
	for i := range pos {
		pos[i] = -1
	}
	for j, h := range header {
		i, ok := index[fold(h)]
		switch {
		case ok && pos[i] >= 0:
			problems = append(problems, &ColumnError{Column: cols[i].Name, Aliases: []string{cols[i].Persian}, Repeated: []int{pos[i] + 1, j + 1}})
		case ok:
			pos[i] = j
			found++
		case !blankCell(h):
			ignored = append(ignored, Normalize(h))
		}
	}
	for i, p := range pos {
		if p < 0 {
			problems = append(problems, &ColumnError{Column: cols[i].Name, Aliases: []string{cols[i].Persian}})
		}
	}
	return pos, ignored, found, problems
}

// near sets, for each missing column, the header among the row's cells
// that name no column (unmatched) that most nearly names it: within a few
// edits of one of its headers, English or Persian, or holding one whole
// (or held whole by it), as folded. "تاریخ صدور پروانه (شمسی)" is
// license_date; "امتیازات" is score.
func near(problems []*ColumnError, unmatched []string, cols []column) {
	byName := map[string]column{}
	for _, c := range cols {
		byName[c.Name] = c
	}
	for _, p := range problems {
		if len(p.Repeated) > 0 {
			continue
		}
		best, bestDist := "", 0
		for _, cell := range unmatched {
			f := []rune(fold(cell))
			if len(f) == 0 {
				continue
			}
			for _, h := range byName[p.Column].Headers() {
				g := []rune(fold(h))
				d := editDistance(f, g)
				switch {
				case d <= max(1, len(g)/4):
				case min(len(f), len(g)) >= 4 && (strings.Contains(string(f), string(g)) || strings.Contains(string(g), string(f))):
					d = abs(len(f) - len(g))
				default:
					continue
				}
				if best == "" || d < bestDist {
					best, bestDist = cell, d
				}
			}
		}
		p.Near = best
	}
}

// editDistance is the Levenshtein distance between a and b: the fewest
// letters inserted, deleted or replaced that make one the other.
func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// category matches the values of a closed set leniently (see fold): by
// id, label or alias.
type category struct {
	*export.Category
	index map[string]string // folded text -> id
	exact map[string]string // each id, label and alias as written -> what index gives for it
}

func newCategory(decl *export.Category) *category {
	c := &category{Category: decl, index: map[string]string{}, exact: map[string]string{}}
	for _, v := range decl.Values {
		for _, s := range v.Names() {
			c.index[fold(s)] = v.ID
		}
	}
	// Most cells hold a value exactly as listed: they skip folding.
	for _, v := range decl.Values {
		for _, s := range v.Names() {
			c.exact[s] = c.index[fold(s)]
		}
	}
	return c
}

// lookup returns the id the text names.
func (c *category) lookup(s string) (string, bool) {
	if id, ok := c.exact[s]; ok {
		return id, true
	}
	id, ok := c.index[fold(s)]
	return id, ok
}
