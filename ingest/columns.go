package ingest

import (
	"fmt"
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
}

func (e *ColumnError) Error() string {
	name := e.Column
	if len(e.Aliases) > 0 {
		name += " (" + strings.Join(e.Aliases, ", ") + ")"
	}
	if len(e.Repeated) > 0 {
		return fmt.Sprintf("column %s given twice, in columns %d and %d; keep one", name, e.Repeated[0], e.Repeated[1])
	}
	return "missing column " + name
}

// mapHeader finds each column of cols in the header and returns their
// positions, with the header cells that matched none (ignored).
func mapHeader(header []string, cols []column) (pos []int, ignored []string, err error) {
	pos = make([]int, len(cols))
	for i := range pos {
		pos[i] = -1
	}
	index := make(map[string]int, 2*len(cols))
	for i, c := range cols {
		for _, h := range c.Headers() {
			index[fold(h)] = i
		}
	}
	for j, h := range header {
		i, ok := index[fold(h)]
		switch {
		case ok && pos[i] >= 0:
			return nil, nil, &ColumnError{Column: cols[i].Name, Aliases: []string{cols[i].Persian}, Repeated: []int{pos[i] + 1, j + 1}}
		case ok:
			pos[i] = j
		case !blankCell(h):
			ignored = append(ignored, Normalize(h))
		}
	}
	for i, p := range pos {
		if p < 0 {
			return nil, nil, &ColumnError{Column: cols[i].Name, Aliases: []string{cols[i].Persian}}
		}
	}
	return pos, ignored, nil
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
