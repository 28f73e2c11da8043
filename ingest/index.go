package ingest

import (
	"fmt"
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
// may be nil when no event file is dated).
func ReadIndex(dir string, rules *scoring.IndexRules, period *scoring.Period) (*IndexExport, error) {
	x := &indexReader{rules: rules, out: &IndexExport{}, keys: map[string]int{}}
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
	rules *scoring.IndexRules
	out   *IndexExport
	keys  map[string]int // entity key → its row
}

// col is a column the rules name, with the other headers they give it.
func (x *indexReader) col(name string) column {
	c := column{name: name, persian: name}
	if alt := x.rules.Headers[name]; len(alt) > 0 {
		c.persian, c.aliases = alt[0], alt[1:]
	}
	return c
}

// optional adds the column the rules name, if they name one, and returns
// its position, or -1.
func (x *indexReader) optional(cols *[]column, name string) int {
	if name == "" {
		return -1
	}
	*cols = append(*cols, x.col(name))
	return len(*cols) - 1
}

// read reads one file and accounts for its rows; used is called on rows
// without problems and says whether the row was used (false: outside the
// period).
func (x *indexReader) read(kind, path string, cols []column, row func(*rowCtx) bool) error {
	r := &reader{exp: &Export{}}
	var used, outside int64
	before, _ := os.Stat(path)
	err := r.readFile(kind, path, nil, cols, func(c *rowCtx) {
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

// fieldReader reads the categorical fields of a file.
type fieldReader struct {
	fields []scoring.Field
	cats   []*category
}

func newFieldReader(fields []scoring.Field) fieldReader {
	f := fieldReader{fields: fields, cats: make([]*category, len(fields))}
	for i, fl := range fields {
		if fl.Values == nil {
			continue
		}
		var vals []categoryValue
		for _, id := range sortedKeys(fl.Values) {
			alt := fl.Values[id]
			v := categoryValue{id: id, persian: id}
			if len(alt) > 0 {
				v.persian, v.aliases = alt[0], alt[1:]
			}
			vals = append(vals, v)
		}
		f.cats[i] = newCategory(vals...)
	}
	return f
}

// cell reads field i from column j of the row.
func (f fieldReader) cell(c *rowCtx, i, j int) string {
	if f.fields[i].Optional && Normalize(c.raw(j)) == "" {
		return ""
	}
	if f.cats[i] != nil {
		return c.category(j, f.cats[i])
	}
	s, _ := c.text(j)
	return s
}

// entity is the key of a known entity in column i.
func (x *indexReader) entity(c *rowCtx, i int) (string, bool) {
	key, ok := c.text(i)
	if !ok {
		return "", false
	}
	if _, known := x.keys[key]; !known {
		c.fail(i, fmt.Sprintf("%q is not in %s", c.raw(i), x.rules.Entities.File))
		return "", false
	}
	return key, true
}

// entities reads the table: key, name, group, fields and numeric columns.
// An empty numeric cell is a missing value — the rules say what it does; a
// repeated key is an error (the first row stands).
func (x *indexReader) entities(path string) error {
	spec := x.rules.Entities
	cols := []column{x.col(spec.Key)}
	name, group := x.optional(&cols, spec.Name), x.optional(&cols, spec.Group)
	fields := newFieldReader(spec.Fields)
	firstField := len(cols)
	for _, f := range spec.Fields {
		cols = append(cols, x.col(f.Column))
	}
	numeric := x.rules.Columns()
	first := len(cols)
	for _, c := range numeric {
		cols = append(cols, x.col(c))
	}
	return x.read(spec.File, path, cols, func(c *rowCtx) bool {
		key, ok := c.text(0)
		if !ok {
			return false
		}
		if row, dup := x.keys[key]; dup {
			c.fail(0, fmt.Sprintf("repeats %s of row %d", spec.Key, row))
			return false
		}
		e := scoring.Entity{Key: key, Values: make(map[string]float64, len(numeric)), Row: c.row}
		if name >= 0 {
			e.Name = Normalize(c.raw(name))
		}
		if group >= 0 {
			e.Group = Normalize(c.raw(group))
		}
		if len(spec.Fields) > 0 {
			e.Fields = make(map[string]string, len(spec.Fields))
			for i, f := range spec.Fields {
				e.Fields[f.Column] = fields.cell(c, i, firstField+i)
			}
		}
		for i := first; i < len(cols); i++ {
			s := Normalize(c.raw(i))
			if s == "" {
				continue
			}
			v, err := parseNumber(s, c.decimalComma)
			if err != nil {
				c.breaks(i, "must be a number")
				continue
			}
			e.Values[cols[i].name] = v
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
	lo, hi, rule := -1e308, 1e308, "must be a number"
	if spec.Range != nil {
		lo, hi = float64(spec.Range[0]), float64(spec.Range[1])
		rule = fmt.Sprintf("must be a number from %s to %s", trimFloat(lo), trimFloat(hi))
	}
	values := map[string]map[string]float64{}
	rows := map[[2]string]int{}
	x.out.Inputs.Long = values
	x.out.Inputs.LongRows = rows
	return x.read(spec.File, path, []column{x.col(spec.Key), x.col(spec.Indicator), x.col(spec.Value)}, func(c *rowCtx) bool {
		key, ok := x.entity(c, 0)
		id, idOK := c.text(1)
		if idOK && !ids[id] {
			if l := strings.ToLower(id); ids[l] {
				id = l
			} else {
				c.fail(1, fmt.Sprintf("%q is not an indicator of these rules (%s)", c.raw(1), strings.Join(idList, ", ")))
				idOK = false
			}
		}
		v := c.number(2, lo, hi, rule)
		if !ok || !idOK || c.bad {
			return false
		}
		if row, dup := rows[[2]string{key, id}]; dup {
			c.fail(1, fmt.Sprintf("repeats %s %s of row %d", key, id, row))
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
	cols := []column{x.col(spec.Key)}
	at, by := x.optional(&cols, spec.At), x.optional(&cols, spec.By)
	fields := newFieldReader(spec.Fields)
	firstField := len(cols)
	for _, f := range spec.Fields {
		cols = append(cols, x.col(f.Column))
	}
	firstNumber := len(cols)
	for _, n := range spec.Numbers {
		cols = append(cols, x.col(n))
	}
	vals := make([]string, len(spec.Fields))
	nums := make([]float64, len(spec.Numbers))
	return x.read(spec.File, path, cols, func(c *rowCtx) bool {
		key, ok := x.entity(c, 0)
		var d scoring.Date
		if at >= 0 {
			d = c.dateTime(at)
		}
		group := ""
		if by >= 0 {
			group, _ = c.text(by)
		}
		for i := range spec.Fields {
			vals[i] = fields.cell(c, i, firstField+i)
		}
		for i := range spec.Numbers {
			nums[i] = c.number(firstNumber+i, -1e308, 1e308, "must be a number")
		}
		if !ok || c.bad {
			return false
		}
		if at >= 0 && (period == nil || !period.Contains(d)) {
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

func trimFloat(x float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%f", x), "0"), ".")
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
