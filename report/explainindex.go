package report

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/iranict/rank/scoring"
)

// entityAt is the place of the entity with key among the results.
func (run IndexRun) entityAt(key string) (int, error) {
	res := run.Result
	i := slices.IndexFunc(res.Entities, func(e scoring.EntityResult) bool { return e.Key == key })
	if i < 0 {
		return 0, fmt.Errorf("%q is not in %s (%d read)", key, res.Rules.Entities.File, len(res.Entities))
	}
	return i, nil
}

// ExplainIndex writes how one entity of an index — an agency — got its
// total and rank: each indicator's value with the file and row it came
// from (or the events it aggregates), whether it was missing, its
// transformed value; each level's score from its parts and weights; the
// total, the rank among the ranked, the band, and the published lists it
// is on.
func ExplainIndex(w io.Writer, run IndexRun, key, lang string) error {
	res := run.Result
	rules := res.Rules
	i, err := run.entityAt(key)
	if err != nil {
		return err
	}
	e := res.Entities[i]
	run.Lang = lang
	x := newExplanation(w, indexStats(run.Inputs))
	pos := map[string]int{}
	for j, id := range res.IDs {
		pos[id] = j
	}
	score := func(v float64) string {
		if math.IsNaN(v) {
			return "—"
		}
		return Fixed(v, max(run.decimals(), 2))
	}
	who := e.Key + " — " + e.Name
	for _, f := range rules.Entities.Fields {
		who += ", " + f.Column + ": " + run.fieldLabel(f, e.Fields[f.Column])
	}
	x.entity(who, rules.Entities.File, e.Row)

	explained := map[string]bool{}
	var level func(id string, depth int)
	indicator := func(ind scoring.IndexIndicator, depth int) {
		pad := strings.Repeat("  ", depth)
		v := e.Scores[pos[ind.ID]]
		x.printf("%s%s (%s) = %s", pad, run.label(ind.ID), ind.ID, score(v))
		missing := slices.Contains(e.Missing, ind.ID)
		switch {
		case ind.Long:
			if row, ok := res.LongRows[[2]string{e.Key, ind.ID}]; ok {
				x.printf("  ← %s", x.at(rules.Long.File, row))
			}
		case ind.Events != "":
			if t := res.Events[ind.Events]; t != nil {
				if c := t.Entity(e.Key); c != nil {
					x.printf("  ← %s of %d rows in %s", ind.Aggregate, c.Rows, x.files[t.Spec.File])
					for f, val := range ind.Where {
						if j := slices.IndexFunc(t.Spec.Fields, func(x scoring.Field) bool { return x.Column == f }); j >= 0 {
							x.printf(" (%s = %s: %d)", f, val, c.Values[j][val])
						}
					}
				} else {
					x.printf("  ← no rows in %s", x.files[t.Spec.File])
				}
			}
		case ind.Column != "":
			x.printf("  ← %s, column %s", x.files[rules.Entities.File], ind.Column)
		}
		if len(ind.Transform) > 0 && !missing {
			x.printf(", %d transform steps applied", len(ind.Transform))
		}
		if missing {
			what := "counts 0"
			switch ind.Missing {
			case "skip":
				what = "left out of its level"
			case "ineligible":
				what = "makes it ineligible"
			}
			x.printf("  MISSING: %s", what)
		}
		x.printf("\n")
	}
	level = func(id string, depth int) {
		if explained[id] {
			return
		}
		explained[id] = true
		if j := slices.IndexFunc(rules.Indicators, func(x scoring.IndexIndicator) bool { return x.ID == id }); j >= 0 {
			indicator(rules.Indicators[j], depth)
			return
		}
		j := slices.IndexFunc(rules.Levels, func(x scoring.Level) bool { return x.ID == id })
		if j < 0 {
			return
		}
		l := rules.Levels[j]
		pad := strings.Repeat("  ", depth)
		x.printf("%s%s (%s) = %s: %s\n", pad, run.label(l.ID), l.ID, score(e.Scores[pos[l.ID]]), levelText(l, func(of string) string { return score(e.Scores[pos[of]]) }))
		for _, of := range l.Of {
			level(of, depth+1)
		}
	}
	x.printf("\n")
	level(rules.Total, 0)

	x.printf("\ntotal %s", score(e.Total))
	if e.Rank > 0 {
		ranked := rankedIn(res.Entities, i, func(e *scoring.EntityResult) (string, int) { return rules.RankScope(*e), e.Rank })
		x.printf(", rank %d of %d (%s)", e.Rank, ranked, rules.Ranking.Method)
	} else {
		x.printf(", not ranked")
	}
	if b := run.band(e); b != "" {
		x.printf(", band %s", b)
	}
	x.printf("\n")
	for _, l := range res.Lists {
		if k := slices.Index(l.Keys, e.Key); k >= 0 {
			x.printf("on the list %s (%s), place %d\n", l.Spec.ID, labelEN(l.Spec.Name, l.Spec.ID), k+1)
		}
	}
	return x.err
}
