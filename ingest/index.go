package ingest

import (
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
)

// IndexExport is what ReadIndex makes of a composite index's export
// folder: the entities, the long-format values, the event tallies, and
// for each file its rows as used, outside the period or in error.
type IndexExport struct {
	Inputs   scoring.IndexInputs
	Problems []export.Problem   // by file, then row
	Stats    []export.IndexStat // entities, long, then each event file
}

// ReadIndex reads the files an index's rules name from dir: the table of
// entities, the long file, the event files. period bounds dated events (it
// may be nil when no event file is dated). A workbook is read at the
// sheet sheets names for its file's name (agencies, availability), or at
// its first visible one.
func ReadIndex(dir string, rules *scoring.IndexRules, period *scoring.Period, sheets Sheets) (*IndexExport, error) {
	x := &indexReader{rules: rules, out: &IndexExport{}, keys: map[string]int{}, sheets: sheets}
	files := []string{rules.Entities.File}
	if rules.Long != nil {
		files = append(files, rules.Long.File)
	}
	for _, e := range rules.Events {
		files = append(files, e.File)
	}
	if err := sheets.check(files); err != nil {
		return nil, err
	}
	path, err := FindTable(dir, rules.Entities.File)
	if err != nil {
		return nil, err
	}
	if err := x.entities(path); err != nil {
		return nil, err
	}
	if rules.Long != nil {
		if path, err = FindTable(dir, rules.Long.File); err != nil {
			return nil, err
		}
		if err := x.long(path); err != nil {
			return nil, err
		}
	}
	x.out.Inputs.Events = map[string]*scoring.EventTally{}
	for i := range rules.Events {
		spec := &rules.Events[i]
		if path, err = FindTable(dir, spec.File); err != nil {
			return nil, err
		}
		if err := x.events(path, spec, period); err != nil {
			return nil, err
		}
	}
	return x.out, nil
}

type indexReader struct {
	rules  *scoring.IndexRules
	out    *IndexExport
	keys   map[string]int // entity key → its row
	sheets Sheets
}

// col is a column the rules name, found by the other headers they give
// it; without any, its Persian header is its name.
func (x *indexReader) col(name string, t export.Type) export.Column {
	c := export.Column{Name: name, Type: t}.WithHeaders(x.rules.Headers[name]...)
	if c.Persian == "" {
		c.Persian = name
	}
	return c
}

// optional adds the column the rules name, if they name one.
func (x *indexReader) optional(cols *[]export.Column, name string, t export.Type) {
	if name != "" {
		*cols = append(*cols, x.col(name, t))
	}
}

// fields adds the columns of fields: a closed set when the rules list
// its values (by id, with other names), free text otherwise.
func (x *indexReader) fields(cols *[]export.Column, fields []scoring.Field) {
	for _, f := range fields {
		c := x.col(f.Column, export.Text)
		c.Optional = f.Optional
		if f.Values != nil {
			cat := &export.Category{Name: f.Column}
			for _, id := range sortedKeys(f.Values) {
				v := export.Value{ID: id, Persian: id}
				if alt := f.Values[id]; len(alt) > 0 {
					v.Persian, v.Aliases = alt[0], alt[1:]
				}
				cat.Values = append(cat.Values, v)
			}
			c.Type, c.Category = export.OneOf, cat
		}
		*cols = append(*cols, c)
	}
}

// field reads a field's cell: "" when it is empty (and optional) or in
// error.
func field(c *rowCtx, f scoring.Field) string {
	if f.Values != nil {
		return c.category(f.Column)
	}
	return c.text(f.Column)
}

// read reads one file and accounts for its rows; used is called on rows
// without problems and says whether the row was used (false: outside the
// period).
func (x *indexReader) read(kind, path string, cols []export.Column, row func(*rowCtx) bool) error {
	r := &reader{exp: &Export{}, sheets: x.sheets}
	var used, outside int64
	before, _ := os.Stat(path)
	err := r.readFile(kind, path, nil, columnsOf(cols), func(c *rowCtx) {
		in := row(c)
		switch {
		case c.bad:
		case in:
			used++
		default:
			outside++
		}
	})
	if err != nil {
		return err
	}
	if before != nil {
		if err := unchanged(path, before); err != nil {
			return err
		}
	}
	x.out.Problems = append(x.out.Problems, r.exp.Problems...)
	x.out.Stats = append(x.out.Stats, export.IndexStat{FileStat: r.exp.Stats[0], Used: used, Outside: outside})
	return nil
}

// entity is the key of a known entity in the column named name.
func (x *indexReader) entity(c *rowCtx, name string) string {
	key := c.text(name)
	if key == "" {
		return ""
	}
	if _, known := x.keys[key]; !known {
		c.fail(name, export.Msg("not_in_file", c.raw(name), x.rules.Entities.File))
		return ""
	}
	return key
}

// entities reads the table: key, name, group, fields and numeric columns.
// An empty numeric cell is a missing value — the rules say what it does; a
// repeated key is an error (the first row stands).
func (x *indexReader) entities(path string) error {
	spec := x.rules.Entities
	cols := []export.Column{x.col(spec.Key, export.Code)}
	x.optional(&cols, spec.Name, export.Text)
	x.optional(&cols, spec.Group, export.Text)
	x.fields(&cols, spec.Fields)
	numeric := x.rules.Columns()
	for _, n := range numeric {
		c := x.col(n, export.Number)
		c.Optional = true
		cols = append(cols, c)
	}
	return x.read(spec.File, path, cols, func(c *rowCtx) bool {
		key := c.text(spec.Key)
		if key == "" {
			return false
		}
		if row, dup := x.keys[key]; dup {
			c.repeats(spec.Key, row)
			return false
		}
		e := scoring.Entity{Key: key, Values: make(map[string]float64, len(numeric)), Row: c.row}
		if spec.Name != "" {
			e.Name = Normalize(c.raw(spec.Name))
		}
		if spec.Group != "" {
			e.Group = Normalize(c.raw(spec.Group))
		}
		if len(spec.Fields) > 0 {
			e.Fields = make(map[string]string, len(spec.Fields))
			for _, f := range spec.Fields {
				e.Fields[f.Column] = field(c, f)
			}
		}
		for _, n := range numeric {
			if v, ok := c.numberOK(n); ok {
				e.Values[n] = v
			}
		}
		if c.bad {
			return false
		}
		x.keys[key] = c.row
		x.out.Inputs.Entities = append(x.out.Inputs.Entities, e)
		return true
	})
}

// long reads indicator values in long format: a known entity, an
// indicator the rules take from this file, a number within the range; a
// repeated entity and indicator is an error (the first row stands).
func (x *indexReader) long(path string) error {
	spec := x.rules.Long
	ids := map[string]bool{}
	var idList []string
	for _, ind := range x.rules.Indicators {
		if ind.Long {
			ids[ind.ID] = true
			idList = append(idList, ind.ID)
		}
	}
	value := x.col(spec.Value, export.Number)
	if spec.Range != nil {
		value.Range = export.Between(float64(spec.Range[0]), float64(spec.Range[1]))
	}
	values := map[string]map[string]float64{}
	rows := map[[2]string]int{}
	x.out.Inputs.Long = values
	x.out.Inputs.LongRows = rows
	return x.read(spec.File, path, []export.Column{x.col(spec.Key, export.Code), x.col(spec.Indicator, export.Code), value}, func(c *rowCtx) bool {
		key := x.entity(c, spec.Key)
		id := c.text(spec.Indicator)
		if id != "" && !ids[id] {
			if l := strings.ToLower(id); ids[l] {
				id = l
			} else {
				c.fail(spec.Indicator, export.Msg("not_an_indicator", c.raw(spec.Indicator), strings.Join(idList, ", ")))
				id = ""
			}
		}
		v := c.number(spec.Value)
		if key == "" || id == "" || c.bad {
			return false
		}
		if row, dup := rows[[2]string{key, id}]; dup {
			c.fail(spec.Indicator, export.Msg("repeats_pair", key, id, row))
			return false
		}
		rows[[2]string{key, id}] = c.row
		if values[key] == nil {
			values[key] = map[string]float64{}
		}
		values[key][id] = v
		return true
	})
}

// events reads an event file into its tally: rows of a known entity, with
// valid fields and numbers, dated within the period.
func (x *indexReader) events(path string, spec *scoring.EventSpec, period *scoring.Period) error {
	tally := scoring.NewEventTally(spec)
	x.out.Inputs.Events[spec.ID] = tally
	cols := []export.Column{x.col(spec.Key, export.Code)}
	x.optional(&cols, spec.At, export.DateTime)
	x.optional(&cols, spec.By, export.Text)
	x.fields(&cols, spec.Fields)
	for _, n := range spec.Numbers {
		cols = append(cols, x.col(n, export.Number))
	}
	vals := make([]string, len(spec.Fields))
	nums := make([]float64, len(spec.Numbers))
	return x.read(spec.File, path, cols, func(c *rowCtx) bool {
		key := x.entity(c, spec.Key)
		var d scoring.Date
		if spec.At != "" {
			d = c.date(spec.At)
		}
		group := ""
		if spec.By != "" {
			group = c.text(spec.By)
		}
		for i, f := range spec.Fields {
			vals[i] = field(c, f)
		}
		for i, n := range spec.Numbers {
			nums[i] = c.number(n)
		}
		if key == "" || c.bad {
			return false
		}
		if spec.At != "" && (period == nil || !period.Contains(d)) {
			return false
		}
		tally.Add(key, group, vals, nums)
		return true
	})
}

// Kinds of an index's files in problems and stats.
const (
	KindLong   = "long"
	KindEvents = "events"
)

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
