package scoring

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// IndexRules is a composite index over a table of entities — countries,
// agencies, provinces: indicators read from the table's columns and
// transformed, aggregated through levels (axes, pillars) into a total,
// rounded, banded and ranked. A rules file with `method: index` says it.
type IndexRules struct {
	Method     string           `yaml:"method"` // "index"
	Name       Label            `yaml:"name"`
	Entities   EntitySpec       `yaml:"entities"`
	Indicators []IndexIndicator `yaml:"indicators"`
	Levels     []Level          `yaml:"levels"`
	Total      string           `yaml:"total"` // the id of the level (or indicator) that is the total
	Round      *Rounding        `yaml:"round"`
	Decimals   int              `yaml:"decimals" required:"how many decimals the reports show, e.g. decimals: 3"`
	Bands      []Band           `yaml:"bands"`
	Ranking    IndexRanking     `yaml:"ranking"`
	Lists      []ListSpec       `yaml:"lists"`   // published lists: the best, the weakest
	Long       *LongSpec        `yaml:"long"`    // indicator values in long format
	Events     []EventSpec      `yaml:"events"`  // event files indicators aggregate
	Headers    Headers          `yaml:"headers"` // other headers the exports give a column
}

// Headers maps a column's name to the other headers (Persian) it may have.
type Headers map[string][]string

// EntitySpec names the export file of the entities and its key columns.
type EntitySpec struct {
	File  string `yaml:"file"`  // base name in the export folder (.csv or .xlsx)
	Key   string `yaml:"key"`   // the column that identifies an entity
	Name  string `yaml:"name"`  // the column that names it
	Group string `yaml:"group"` // optional: the column that groups entities
	// Fields are further text columns kept for reports and lists.
	Fields []Field `yaml:"fields"`
}

// IndexIndicator is one indicator: a column of the table, transformed.
type IndexIndicator struct {
	ID        string            `yaml:"id"`
	Name      Label             `yaml:"name"`
	Column    string            `yaml:"column"`    // a column of the table (or, for sum and mean, of the events)
	Long      bool              `yaml:"long"`      // the value under this id in the long file
	Events    string            `yaml:"events"`    // the id of an event file the value aggregates
	Aggregate string            `yaml:"aggregate"` // over events: count, share, sum, mean or bayesian_mean
	K         float64           `yaml:"k"`         // bayesian_mean: the prior's weight, in rows
	Prior     string            `yaml:"prior"`     // bayesian_mean: the prior is the mean of "all" rows (default) or of the entity's "group"
	Where     map[string]string `yaml:"where"`     // over events: the rows that count (one field: value)
	Transform []Transform       `yaml:"transform"` // applied in order
	// Missing says what an empty cell does: "zero" counts it as 0 (the
	// default), "skip" leaves it out of its level and re-weights the rest,
	// "ineligible" leaves the entity unranked.
	Missing string `yaml:"missing"`
}

// Transform is one step of an indicator's transformation; exactly one
// field is set.
type Transform struct {
	Log     bool       `yaml:"log"`     // natural logarithm
	Log10   bool       `yaml:"log10"`   // decimal logarithm
	Scale   *NumScale  `yaml:"scale"`   // linear between fixed bounds, capped at the bounds
	Clamp   *[2]Number `yaml:"clamp"`   // kept within [lo, hi]
	Reverse *[2]Number `yaml:"reverse"` // lower is better: lo+hi−x
	Target  *Number    `yaml:"target"`  // distance to a target value: |x − target|
	MinMax  string     `yaml:"minmax"`  // (x − min)/(max − min) across "all" or "group", times 100
	ZScore  string     `yaml:"zscore"`  // (x − mean)/sd across "all" or "group"
	Times   *Number    `yaml:"times"`   // multiplied by a constant
}

// NumScale maps From linearly onto To, capping values outside From.
type NumScale struct {
	From [2]Number `yaml:"from"`
	To   [2]Number `yaml:"to"`
}

// Number is a number in a rules file, written as a number or as ln(x),
// log10(x) or sqrt(x), so bounds such as ln(75000) are exact.
type Number float64

// UnmarshalYAML reads a number or a function of one.
func (n *Number) UnmarshalYAML(node *yaml.Node) error {
	s := strings.TrimSpace(node.Value)
	if v, err := strconv.ParseFloat(s, 64); err == nil && node.Kind == yaml.ScalarNode {
		*n = Number(v)
		return nil
	}
	for name, f := range map[string]func(float64) float64{"ln": math.Log, "log10": math.Log10, "sqrt": math.Sqrt} {
		if arg, ok := strings.CutPrefix(s, name+"("); ok && strings.HasSuffix(arg, ")") {
			v, err := strconv.ParseFloat(strings.TrimSuffix(arg, ")"), 64)
			if err == nil && v > 0 {
				*n = Number(f(v))
				return nil
			}
		}
	}
	return fmt.Errorf("line %d: want a number or ln(x), log10(x), sqrt(x), got %q", node.Line, node.Value)
}

// Level aggregates indicators or other levels.
type Level struct {
	ID      string             `yaml:"id"`
	Name    Label              `yaml:"name"`
	Of      []string           `yaml:"of"`      // indicator or level ids
	Method  string             `yaml:"method"`  // "sum", "mean" (arithmetic), "geometric", "harmonic"
	Weights map[string]float64 `yaml:"weights"` // by id; 1 each when absent
	// WeightsTotal, when given, is what the weights must add up to (a
	// published method's 35 % + 20 % + 30 % + 15 % = 100 %): rules check
	// reports a level whose weights do not.
	WeightsTotal *float64 `yaml:"weights_total"`
}

// Weight is the weight of one of the level's parts: 1 unless Weights
// gives another.
func (l Level) Weight(id string) float64 {
	if w, ok := l.Weights[id]; ok {
		return w
	}
	return 1
}

// Rounding rounds the total, in decimal arithmetic.
type Rounding struct {
	Decimals int `yaml:"decimals" required:"how many decimals the total is rounded to, e.g. decimals: 2"`
	// Before says where: "ranking" rounds before banding and ranking (so
	// equal rounded totals share a rank); "display" only in reports.
	Before string `yaml:"before"`
}

// Band is a named group of entities: the first band whose bound an entity
// meets. A band with no bound takes the rest.
type Band struct {
	Name     Label    `yaml:"name"`
	AtLeast  *float64 `yaml:"at_least"`    // total ≥ (inclusive)
	Above    *float64 `yaml:"above"`       // total > (exclusive)
	RankUpTo *int     `yaml:"rank_up_to"`  // rank ≤
	TopShare *float64 `yaml:"top_percent"` // rank within the top share (percent) of ranked entities
}

// IndexRanking orders the eligible entities.
type IndexRanking struct {
	Method    string   `yaml:"method"`    // "competition" (1, 2, 2, 4), "dense" (1, 2, 2, 3), "unique"
	Direction string   `yaml:"direction"` // "desc" (higher is better, the default) or "asc"
	Scope     string   `yaml:"scope"`     // "all" (default) or "group"
	TieBreak  []string `yaml:"tie_break"` // for unique: ids (higher first), then "key"
}

// ParseIndexRules reads and checks an index rules file: every mistake at
// its line, as a *RulesError.
func ParseIndexRules(data []byte) (*IndexRules, error) { return parse[IndexRules](data) }

func (r *IndexRules) issues() []issue {
	c := &checker{}
	if r.Entities.Key == "" || r.Entities.File == "" {
		c.bad(path{"entities"}, "entities needs file and key")
	}
	ids := c.indicatorIDs(len(r.Indicators), func(i int) string { return r.Indicators[i].ID })
	for i, ind := range r.Indicators {
		at := path{"indicators", i}
		c.oneOf(append(at, "missing"), ind.Missing, "", "zero", "skip", "ineligible")
		c.transforms(at, ind.Transform)
	}
	r.sourceIssues(c)
	for i, l := range r.Levels {
		at := path{"levels", i}
		if ids[l.ID] || l.ID == "" {
			c.bad(append(at, "id"), "duplicate or missing id %q", l.ID)
		}
		for j, of := range l.Of {
			if !ids[of] {
				c.bad(append(at, "of", j), "unknown id %q (an indicator, or a level defined above)", of)
			}
		}
		for id, w := range l.Weights {
			if !contains(l.Of, id) {
				c.bad(append(at, "weights", id), "%q is not among this level's of", id)
			}
			if w < 0 {
				c.bad(append(at, "weights", id), "weights cannot be negative")
			}
		}
		if l.WeightsTotal != nil {
			sum := 0.0
			for _, of := range l.Of {
				sum += l.Weight(of)
			}
			if math.Abs(sum-*l.WeightsTotal) > 1e-9 {
				c.bad(append(at, "weights"), "the weights add up to %v, not %v", sum, *l.WeightsTotal)
			}
		}
		c.oneOf(append(at, "method"), l.Method, "sum", "mean", "geometric", "harmonic")
		ids[l.ID] = true
	}
	if !ids[r.Total] {
		c.bad(path{"total"}, "unknown id %q", r.Total)
	}
	c.round(r.Round)
	for i, b := range r.Bands {
		n := count(b.AtLeast != nil, b.Above != nil, b.RankUpTo != nil, b.TopShare != nil)
		if n > 1 {
			c.bad(path{"bands", i}, "a band has one bound: at_least, above, rank_up_to or top_percent")
		}
		if n == 0 && i != len(r.Bands)-1 {
			c.bad(path{"bands", i}, "only the last band may have no bound; the bands after it are unreachable")
		}
	}
	c.oneOf(path{"ranking", "method"}, r.Ranking.Method, "competition", "dense", "unique")
	c.oneOf(path{"ranking", "direction"}, r.Ranking.Direction, "", "desc", "asc")
	c.oneOf(path{"ranking", "scope"}, r.Ranking.Scope, "", "all", "group")
	if r.Ranking.Scope == "group" && r.Entities.Group == "" {
		c.bad(path{"ranking", "scope"}, "scope group needs entities.group")
	}
	for i, k := range r.Ranking.TieBreak {
		if !ids[k] && k != "key" {
			c.bad(path{"ranking", "tie_break", i}, "unknown id %q (an indicator, a level or key)", k)
		}
	}
	return c.issues
}

// Columns lists the table columns the index reads, in indicator order.
func (r *IndexRules) Columns() []string {
	var cs []string
	for _, ind := range r.Indicators {
		if ind.Column != "" && ind.Events == "" && !contains(cs, ind.Column) {
			cs = append(cs, ind.Column)
		}
	}
	return cs
}
