package report

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/internal/vocab"
	"github.com/iranict/rank/scoring"
)

// TestCataloguesWhole walks every catalogue the workbooks read: each
// entry has both languages, and a label with a number takes it in both.
func TestCataloguesWhole(t *testing.T) {
	all := map[string]vocab.Catalogue{"labels": labels, "statusLabels": statusLabels, "reasonLabels": reasonLabels, "kindLabels": kindLabels, "absenceLabels": absenceLabels}
	for name, cat := range all {
		if len(cat) == 0 {
			t.Errorf("%s is empty", name)
		}
		if err := cat.Check(); err != nil {
			t.Errorf("%s:\n%v", name, err)
		}
	}
}

// TestCataloguesCoverTheEngine: every id the engine and the exports speak
// in has a label, and no label waits for an id that cannot come.
func TestCataloguesCoverTheEngine(t *testing.T) {
	for _, tc := range []struct {
		name string
		cat  vocab.Catalogue
		ids  []string
	}{
		{"area_type", categoryCatalogue("area_type"), scoring.AreaTypes},
		{"office_type", categoryCatalogue("office_type"), scoring.OfficeTypes},
		{"review_status", categoryCatalogue("review_status"), scoring.ReviewStatuses},
		{"violation_type", categoryCatalogue("violation_type"), scoring.ViolationTypes},
		{"ruling_status", categoryCatalogue("ruling_status"), scoring.RulingStatuses},
		{"status", statusLabels, []string{string(scoring.Participating), string(scoring.CarriedForward), string(scoring.NotParticipating)}},
		{"reason", reasonLabels, []string{"outside_period", "not_final", "capped", "not_participating"}},
		{"kind", kindLabels, []string{scoring.KindOffices, scoring.KindDeclarations, scoring.KindSurveys, scoring.KindViolations, scoring.KindServices}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := slices.Sorted(maps.Keys(tc.cat)), slices.Sorted(slices.Values(tc.ids)); !slices.Equal(got, want) {
				t.Errorf("labels for %q, want exactly %q", got, want)
			}
		})
	}
	for _, c := range labelledCategories {
		if err := categoryCatalogue(c).Check(); err != nil {
			t.Errorf("category %s:\n%v", c, err)
		}
	}
}

// categoryCatalogue is the labels of a category's values as a catalogue.
func categoryCatalogue(category string) vocab.Catalogue {
	c := vocab.Catalogue{}
	for _, v := range export.CategoryNamed(category).Values {
		c[v.ID] = v.Label()
	}
	return c
}

func TestCategoryLabel(t *testing.T) {
	for _, tc := range []struct {
		category, id string
		lang         vocab.Lang
		want         string
	}{
		{"area_type", "urban", vocab.Persian, "شهری"},
		{"area_type", "urban", vocab.English, "urban"},
		{"office_type", "rural_ict", vocab.Persian, "دفتر ICT روستایی"},
		{"office_type", "rural_ict", vocab.English, "rural ICT office"},
		{"violation_type", "unauthorized_relocation", vocab.English, "unauthorized relocation"},
		{"ruling_status", "final", vocab.Persian, "قطعی"},
		{"review_status", "pending", vocab.English, "pending"},
		// a value the category does not list, or an unknown category: as it is
		{"area_type", "suburban", vocab.Persian, "suburban"},
		{"review_status", "", vocab.English, ""},
		{"colour", "red", vocab.Persian, "red"},
	} {
		if got := categoryLabel(tc.category, tc.id, tc.lang); got != tc.want {
			t.Errorf("categoryLabel(%s, %s, %s) = %q, want %q", tc.category, tc.id, tc.lang, got, tc.want)
		}
	}
}

func TestPenaltyNote(t *testing.T) {
	for _, tc := range []struct {
		name   string
		p      scoring.PenaltyResult
		fa, en string
	}{
		{"counted plainly", scoring.PenaltyResult{Counted: true, Points: 10}, "", ""},
		{"not final", scoring.PenaltyResult{Reason: "not_final"}, "رأی غیرقطعی", "not final"},
		{"outside the period", scoring.PenaltyResult{Reason: "outside_period"}, "خارج از دوره", "Outside the period"},
		{"priced by a rule, a grade off", scoring.PenaltyResult{Counted: true, Rule: 2, GradeDown: 1},
			"قاعده 2 جرائم؛ کاهش 1 رتبه", "penalty rule 2; 1 grades down"},
		{"capped, grade at best, out", scoring.PenaltyResult{Counted: true, Reason: "capped", Rule: 1, GradeCap: 3, Disqualify: true},
			"سقف کسر امتیاز؛ قاعده 1 جرائم؛ رتبه حداکثر 3؛ حذف از رتبه‌بندی", "penalty cap; penalty rule 1; grade at best 3; out of the ranking"},
		{"effects of a ruling that did not count", scoring.PenaltyResult{Reason: "not_participating", GradeCap: 3, Disqualify: true},
			"دفتر بدون مشارکت", "office not participating"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := penaltyNote(&tc.p, vocab.Persian); got != tc.fa {
				t.Errorf("Persian %q, want %q", got, tc.fa)
			}
			if got := penaltyNote(&tc.p, vocab.English); got != tc.en {
				t.Errorf("English %q, want %q", got, tc.en)
			}
		})
	}
}

func TestStatusText(t *testing.T) {
	o := &scoring.OfficeResult{Status: scoring.Participating, Disqualified: true}
	if got, want := statusText(o, vocab.Persian), "مشارکت؛ حذف از رتبه‌بندی"; got != want {
		t.Errorf("Persian %q, want %q", got, want)
	}
	if got, want := statusText(o, vocab.English), "Participating; out of the ranking"; got != want {
		t.Errorf("English %q, want %q", got, want)
	}
}

// TestLabelIDsKnown reads the package's source: every id the code asks
// labels for (labels.In, heads) is a literal the catalogue has, every
// category categoryLabel is asked for is labelled, and every entry of
// labels is asked for somewhere — a missing id would show as itself in
// both languages, which no comparison of the two books can see.
func TestLabelIDsKnown(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	literal := func(e ast.Expr) (string, bool) {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(lit.Value)
		return s, err == nil
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if fn, ok := n.(*ast.FuncDecl); ok && (fn.Name.Name == "heads" || fn.Name.Name == "persianOf") {
				return false // they pass on ids their callers name
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var ids []ast.Expr
			switch fn := call.Fun.(type) {
			case *ast.SelectorExpr:
				if x, ok := fn.X.(*ast.Ident); ok && x.Name == "labels" && fn.Sel.Name == "In" && len(call.Args) > 1 {
					ids = call.Args[1:2]
				}
			case *ast.Ident:
				switch {
				case fn.Name == "heads" && len(call.Args) > 1:
					ids = call.Args[1:]
				case fn.Name == "categoryLabel" && len(call.Args) == 3:
					if c, ok := literal(call.Args[0]); !ok || !slices.Contains(labelledCategories, c) {
						t.Errorf("%s: categoryLabel of category %s, which has no labels", fset.Position(call.Pos()), c)
					}
				}
			}
			for _, e := range ids {
				id, ok := literal(e)
				switch {
				case !ok:
					t.Errorf("%s: a label's id is not a literal, so no test can check it", fset.Position(e.Pos()))
				case labels[id] == (vocab.Text{}):
					t.Errorf("%s: label %q is not in the catalogue", fset.Position(e.Pos()), id)
				}
				used[id] = true
			}
			return true
		})
	}
	for id := range labels {
		if !used[id] {
			t.Errorf("label %q is never used", id)
		}
	}
}
