package report

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/iranict/rank/scoring"
)

// ExplainIndex writes how one entity of an index — an agency — got its
// total and rank: each indicator's value with the file and row it came
// from (or the events it aggregates), whether it was missing, its
// transformed value; each level's score from its parts and weights; the
// total, the rank among the ranked, the band, and the published lists it
// is on.
func ExplainIndex(w io.Writer, run IndexRun, key, lang string) error {
	res := run.Result
	rules := res.Rules
	i := slices.IndexFunc(res.Entities, func(e scoring.EntityResult) bool { return e.Key == key })
	if i < 0 {
		return fmt.Errorf("%q is not in %s (%d read)", key, rules.Entities.File, len(res.Entities))
	}
	e := res.Entities[i]
	run.Lang = lang
	files := map[string]string{}
	for _, s := range run.Inputs {
		files[s.Kind] = s.File
	}
	pos := map[string]int{}
	for j, id := range res.IDs {
		pos[id] = j
	}
	score := func(x float64) string {
		if math.IsNaN(x) {
			return "—"
		}
		return Fixed(x, max(run.decimals(), 2))
	}
	ew := &errWriter{w: w}
	ew.printf("%s — %s", e.Key, e.Name)
	for _, f := range rules.Entities.Fields {
		ew.printf(", %s: %s", f.Column, run.fieldLabel(f, e.Fields[f.Column]))
	}
	ew.printf("\n  %s:%d\n", files[rules.Entities.File], e.Row)

	explained := map[string]bool{}
	var level func(id string, depth int)
	indicator := func(ind scoring.IndexIndicator, depth int) {
		pad := strings.Repeat("  ", depth)
		v := e.Scores[pos[ind.ID]]
		ew.printf("%s%s (%s) = %s", pad, run.label(ind.ID), ind.ID, score(v))
		missing := slices.Contains(e.Missing, ind.ID)
		switch {
		case ind.Long:
			if row, ok := res.LongRows[[2]string{e.Key, ind.ID}]; ok {
				ew.printf("  ← %s:%d", files[rules.Long.File], row)
			}
		case ind.Events != "":
			if t := res.Events[ind.Events]; t != nil {
				if c := t.Entity(e.Key); c != nil {
					ew.printf("  ← %s of %d rows in %s", ind.Aggregate, c.Rows, files[t.Spec.File])
					for f, val := range ind.Where {
						if j := slices.IndexFunc(t.Spec.Fields, func(x scoring.Field) bool { return x.Column == f }); j >= 0 {
							ew.printf(" (%s = %s: %d)", f, val, c.Values[j][val])
						}
					}
				} else {
					ew.printf("  ← no rows in %s", files[t.Spec.File])
				}
			}
		case ind.Column != "":
			ew.printf("  ← %s, column %s", files[rules.Entities.File], ind.Column)
		}
		if len(ind.Transform) > 0 && !missing {
			ew.printf(", %d transform steps applied", len(ind.Transform))
		}
		if missing {
			what := "counts 0"
			switch ind.Missing {
			case "skip":
				what = "left out of its level"
			case "ineligible":
				what = "makes it ineligible"
			}
			ew.printf("  MISSING: %s", what)
		}
		ew.printf("\n")
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
		var parts []string
		for _, of := range l.Of {
			wt := "1"
			if x, ok := l.Weights[of]; ok {
				wt = strconv.FormatFloat(x, 'f', -1, 64)
			}
			parts = append(parts, fmt.Sprintf("%s×%s", score(e.Scores[pos[of]]), wt))
		}
		pad := strings.Repeat("  ", depth)
		ew.printf("%s%s (%s) = %s: %s of %s\n", pad, run.label(l.ID), l.ID, score(e.Scores[pos[l.ID]]), l.Method, strings.Join(parts, ", "))
		for _, of := range l.Of {
			level(of, depth+1)
		}
	}
	ew.printf("\n")
	level(rules.Total, 0)

	ew.printf("\ntotal %s", score(e.Total))
	if e.Rank > 0 {
		ranked := 0
		for _, x := range res.Entities {
			if x.Rank > 0 {
				ranked++
			}
		}
		ew.printf(", rank %d of %d (%s)", e.Rank, ranked, rules.Ranking.Method)
	} else {
		ew.printf(", not ranked")
	}
	if b := run.band(e); b != "" {
		ew.printf(", band %s", b)
	}
	ew.printf("\n")
	for _, l := range res.Lists {
		if k := slices.Index(l.Keys, e.Key); k >= 0 {
			ew.printf("on the list %s (%s), place %d\n", l.Spec.ID, labelEN(l.Spec.Name, l.Spec.ID), k+1)
		}
	}
	return ew.err
}
