package scoring

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
)

// Field is a text column of an index's file that reports show and lists
// select on (an agency's audience); with Values, a closed set: each id with
// the other ways the exports write it.
type Field struct {
	Column   string              `yaml:"column"`
	Values   map[string][]string `yaml:"values"`
	Optional bool                `yaml:"optional"` // an empty cell is allowed
}

// LongSpec is a file of indicator values in long format: one row per
// entity and indicator. An indicator with `long: true` takes its value
// from here, under its id.
type LongSpec struct {
	File      string     `yaml:"file"`
	Key       string     `yaml:"key"`       // the column of the entity's key
	Indicator string     `yaml:"indicator"` // the column of the indicator id
	Value     string     `yaml:"value"`     // the column of the value
	Range     *[2]Number `yaml:"range"`     // values outside are errors
}

// EventSpec is a file of events — probes, responses, rulings — that
// indicators aggregate per entity: rows counted, shares of rows that meet
// a condition, sums and means of a numeric column.
type EventSpec struct {
	ID      string   `yaml:"id"`
	Name    Label    `yaml:"name"`
	File    string   `yaml:"file"`
	Key     string   `yaml:"key"`     // the column of the entity's key
	At      string   `yaml:"at"`      // optional: Jalali date (and HH:MM); rows outside the period are counted, not used
	By      string   `yaml:"by"`      // optional: reports break each entity's events down by this column
	Fields  []Field  `yaml:"fields"`  // categorical columns conditions test
	Numbers []string `yaml:"numbers"` // numeric columns summed or averaged
}

// ListSpec is a published list of entities: the N best in rank order, or
// the N weakest, weakest first, optionally among those whose fields match.
type ListSpec struct {
	ID      string            `yaml:"id"`
	Name    Label             `yaml:"name"`
	Best    int               `yaml:"best"`
	Weakest int               `yaml:"weakest"`
	Where   map[string]string `yaml:"where"` // field column → value id
}

// IndexInputs is what an index is evaluated on: the table of entities, the
// long-format values by entity and indicator, and the event tallies by id.
type IndexInputs struct {
	Entities []Entity
	Long     map[string]map[string]float64
	LongRows map[[2]string]int // (entity, indicator) → the long file's row, for explanations
	Events   map[string]*EventTally
}

// EventTally counts an event file's rows per entity and By value as they
// are read, so files of millions of probes never sit in memory.
type EventTally struct {
	Spec  *EventSpec
	cells map[eventKey]*EventCounts
	byKey map[string][]*EventCounts // each entity's cells
}

type eventKey struct{ key, by string }

// EventCounts are the rows of one entity (and By value) in the period.
type EventCounts struct {
	Rows   int
	Values []map[string]int // per field of the spec: value id → rows
	Sums   []float64        // per number of the spec
}

// NewEventTally starts counting the events of spec.
func NewEventTally(spec *EventSpec) *EventTally {
	return &EventTally{Spec: spec, cells: map[eventKey]*EventCounts{}, byKey: map[string][]*EventCounts{}}
}

// Add counts one row in the period: fields aligned with Spec.Fields (value
// ids), nums with Spec.Numbers.
func (t *EventTally) Add(key, by string, fields []string, nums []float64) {
	c := t.cells[eventKey{key, by}]
	if c == nil {
		c = t.newCounts()
		t.cells[eventKey{key, by}] = c
		t.byKey[key] = append(t.byKey[key], c)
	}
	c.add(fields, nums)
}

func (t *EventTally) newCounts() *EventCounts {
	c := &EventCounts{Values: make([]map[string]int, len(t.Spec.Fields)), Sums: make([]float64, len(t.Spec.Numbers))}
	for i := range c.Values {
		c.Values[i] = map[string]int{}
	}
	return c
}

func (c *EventCounts) add(fields []string, nums []float64) {
	c.Rows++
	for i, v := range fields {
		c.Values[i][v]++
	}
	for i, x := range nums {
		c.Sums[i] += x
	}
}

func (c *EventCounts) merge(o *EventCounts) {
	c.Rows += o.Rows
	for i, m := range o.Values {
		for v, n := range m {
			c.Values[i][v] += n
		}
	}
	for i, x := range o.Sums {
		c.Sums[i] += x
	}
}

// Entity is every event of one entity in the period, all By values
// together; nil when it has none.
func (t *EventTally) Entity(key string) *EventCounts {
	var out *EventCounts
	for _, c := range t.byKey[key] {
		if out == nil {
			out = t.newCounts()
		}
		out.merge(c)
	}
	return out
}

// EventBreakdown is one entity's events under one By value.
type EventBreakdown struct {
	Key, By string
	*EventCounts
}

// Breakdown lists the counts by entity and By value, in key order.
func (t *EventTally) Breakdown() []EventBreakdown {
	keys := slices.SortedFunc(maps.Keys(t.cells), func(a, b eventKey) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.by, b.by))
	})
	out := make([]EventBreakdown, len(keys))
	for i, k := range keys {
		out[i] = EventBreakdown{k.key, k.by, t.cells[k]}
	}
	return out
}

// Share is the share of rows whose field is value, 0–1.
func (c *EventCounts) Share(field int, value string) float64 {
	if c.Rows == 0 {
		return 0
	}
	return float64(c.Values[field][value]) / float64(c.Rows)
}

// fieldIndex is the position of column among the spec's fields, or -1.
func (s *EventSpec) fieldIndex(column string) int {
	return slices.IndexFunc(s.Fields, func(f Field) bool { return f.Column == column })
}

func (s *EventSpec) numberIndex(column string) int { return slices.Index(s.Numbers, column) }

// eventValue is an indicator's value from its events: NaN when the entity
// has none (the value is missing).
func eventValue(ind IndexIndicator, t *EventTally, key string) float64 {
	c := t.Entity(key)
	if c == nil || c.Rows == 0 {
		return nan
	}
	field, value := "", ""
	for f, v := range ind.Where {
		field, value = f, v
	}
	matching := c.Rows
	if field != "" {
		matching = c.Values[t.Spec.fieldIndex(field)][value]
	}
	switch ind.Aggregate {
	case "count":
		return float64(matching)
	case "share":
		return float64(matching) / float64(c.Rows)
	case "sum":
		return c.Sums[t.Spec.numberIndex(ind.Column)]
	case "mean":
		return c.Sums[t.Spec.numberIndex(ind.Column)] / float64(c.Rows)
	}
	return nan
}

// bayesPriors is the prior of a Bayesian mean: the mean of the column over
// all the events, or over each group's ("" keys all).
func bayesPriors(ind IndexIndicator, t *EventTally, entities []EntityResult) map[string]float64 {
	if t == nil {
		return nil
	}
	col := t.Spec.numberIndex(ind.Column)
	sums, rows := map[string]float64{}, map[string]int{}
	for _, e := range entities {
		c := t.Entity(e.Key)
		if c == nil {
			continue
		}
		g := ""
		if ind.Prior == "group" {
			g = e.Group
		}
		sums[g] += c.Sums[col]
		rows[g] += c.Rows
	}
	priors := map[string]float64{}
	for g, n := range rows {
		priors[g] = sums[g] / float64(n)
	}
	return priors
}

// bayesMean shrinks an entity's mean towards the prior by K rows:
// (sum + K·m) / (rows + K). An entity with no events has the prior; with
// no events anywhere in its scope the value is missing.
func bayesMean(ind IndexIndicator, t *EventTally, e EntityResult, priors map[string]float64) float64 {
	g := ""
	if ind.Prior == "group" {
		g = e.Group
	}
	m, ok := priors[g]
	if !ok {
		return nan
	}
	var sum float64
	var n int
	if c := t.Entity(e.Key); c != nil {
		sum, n = c.Sums[t.Spec.numberIndex(ind.Column)], c.Rows
	}
	return (sum + ind.K*m) / (float64(n) + ind.K)
}

// ListResult is one published list: entity keys in the list's order.
type ListResult struct {
	Spec ListSpec
	Keys []string
}

// lists picks each list from entities in rank order.
func lists(r *IndexRules, ranked []EntityResult) []ListResult {
	out := make([]ListResult, len(r.Lists))
	for i, l := range r.Lists {
		out[i].Spec = l
		out[i].Keys = []string{}
		match := func(e EntityResult) bool {
			if e.Rank == 0 {
				return false
			}
			for f, v := range l.Where {
				if e.Fields[f] != v {
					return false
				}
			}
			return true
		}
		n, step, at := l.Best, 1, 0
		if l.Weakest > 0 {
			n, step, at = l.Weakest, -1, len(ranked)-1
		}
		for ; at >= 0 && at < len(ranked) && len(out[i].Keys) < n; at += step {
			if match(ranked[at]) {
				out[i].Keys = append(out[i].Keys, ranked[at].Key)
			}
		}
	}
	return out
}

// sourceIssues checks the sources, fields and lists of an index.
func (r *IndexRules) sourceIssues(c *checker) {
	fields := map[string]Field{}
	for i, f := range r.Entities.Fields {
		if f.Column == "" {
			c.bad(path{"entities", "fields", i}, "a field needs column")
		}
		fields[f.Column] = f
	}
	if r.Long != nil {
		if r.Long.File == "" || r.Long.Key == "" || r.Long.Indicator == "" || r.Long.Value == "" {
			c.bad(path{"long"}, "long needs file, key, indicator and value")
		}
	}
	events := map[string]*EventSpec{}
	for i := range r.Events {
		e := &r.Events[i]
		at := path{"events", i}
		if e.ID == "" || e.File == "" || e.Key == "" {
			c.bad(at, "an event file needs id, file and key")
		}
		if _, dup := events[e.ID]; dup {
			c.bad(append(at, "id"), "duplicate id %q", e.ID)
		}
		events[e.ID] = e
	}
	for i, ind := range r.Indicators {
		at := path{"indicators", i}
		if count(ind.Column != "" && ind.Events == "", ind.Long, ind.Events != "") != 1 {
			c.bad(at, "an indicator takes its value from one source: column, long or events")
		}
		if ind.Long && r.Long == nil {
			c.bad(append(at, "long"), "long: true needs a long file (the top-level key long)")
		}
		if ind.Events == "" {
			if ind.Aggregate != "" || len(ind.Where) > 0 {
				c.bad(at, "aggregate and where are for indicators over events")
			}
			continue
		}
		e, ok := events[ind.Events]
		if !ok {
			c.bad(append(at, "events"), "unknown event file %q", ind.Events)
			continue
		}
		switch ind.Aggregate {
		case "count", "share":
			if ind.Column != "" {
				c.bad(append(at, "column"), "%s counts rows; it takes no column", ind.Aggregate)
			}
		case "sum", "mean", "bayesian_mean":
			if e.numberIndex(ind.Column) < 0 {
				c.bad(append(at, "column"), "%s needs a column among the event file's numbers, got %q", ind.Aggregate, ind.Column)
			}
		default:
			c.bad(append(at, "aggregate"), "want count, share, sum, mean or bayesian_mean, got %q", ind.Aggregate)
		}
		if ind.Aggregate == "bayesian_mean" && ind.K <= 0 {
			c.bad(append(at, "k"), "bayesian_mean needs k > 0: the prior's weight in rows")
		}
		if ind.Aggregate != "bayesian_mean" && (ind.K != 0 || ind.Prior != "") {
			c.bad(at, "k and prior are for bayesian_mean")
		}
		c.oneOf(append(at, "prior"), ind.Prior, "", "all", "group")
		if ind.Aggregate == "share" && len(ind.Where) != 1 {
			c.bad(append(at, "where"), "share needs one condition: where: {column: value}")
		}
		if len(ind.Where) > 1 {
			c.bad(append(at, "where"), "one condition only")
		}
		for f, v := range ind.Where {
			j := e.fieldIndex(f)
			if j < 0 {
				c.bad(append(at, "where", f), "%q is not among the fields of event file %q", f, e.ID)
				continue
			}
			if vals := e.Fields[j].Values; vals != nil {
				if _, ok := vals[v]; !ok {
					c.bad(append(at, "where", f), "%q is not a value of %s (%s)", v, f, valueIDs(vals))
				}
			}
		}
	}
	for i, l := range r.Lists {
		at := path{"lists", i}
		switch l.ID {
		case "":
			c.bad(append(at, "id"), "a list needs an id")
		case "rules", "entities", "ranked", "bands", "top", "inputs", "reports":
			c.bad(append(at, "id"), "list id %q is taken by the JSON summary; choose another", l.ID)
		}
		if (l.Best > 0) == (l.Weakest > 0) {
			c.bad(at, "a list names one of best or weakest, a count ≥ 1")
		}
		for f, v := range l.Where {
			fld, ok := fields[f]
			if !ok {
				c.bad(append(at, "where", f), "%q is not among entities.fields", f)
				continue
			}
			if fld.Values != nil {
				if _, ok := fld.Values[v]; !ok {
					c.bad(append(at, "where", f), "%q is not a value of %s (%s)", v, f, valueIDs(fld.Values))
				}
			}
		}
	}
}

func valueIDs(m map[string][]string) string {
	ids := slices.Collect(maps.Keys(m))
	sort.Strings(ids)
	return fmt.Sprint(ids)
}

// NeedsPeriod reports whether an index reads dated events, so a run needs
// --period.
func (r *IndexRules) NeedsPeriod() bool {
	for _, e := range r.Events {
		if e.At != "" {
			return true
		}
	}
	return false
}

var nan = math.NaN()
