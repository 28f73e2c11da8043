package export

import (
	"slices"
	"strings"
	"testing"

	"github.com/iranict/rank/internal/vocab"
)

// Every column of every kind is declared whole: a name, a Persian header,
// a rule in words in both languages; a closed set for a OneOf, a lower
// bound for a number. (ingest's tests check that no header is two
// columns', as the reader folds them.)
func TestKindsDeclaredWhole(t *testing.T) {
	for _, k := range Kinds {
		if k.Title.FA == "" || k.Title.EN == "" {
			t.Errorf("%s: no title", k.Name)
		}
		if Lookup(k.Name) != k {
			t.Errorf("Lookup(%q) is not the kind", k.Name)
		}
		for _, c := range k.Columns {
			at := k.Name + "." + c.Name
			if c.Name == "" || c.Persian == "" {
				t.Errorf("%s: no name or Persian header", at)
			}
			if k.Column(c.Name).Persian != c.Persian {
				t.Errorf("%s: Column finds another", at)
			}
			switch c.Type {
			case OneOf:
				if c.Category == nil || c.Category.Name != c.Name || !slices.Contains(Categories, c.Category) {
					t.Errorf("%s: a OneOf without its category in Categories", at)
				}
			case Number, Whole:
				if !c.Range.HasMin {
					t.Errorf("%s: a number without a lower bound", at)
				}
			}
			if c.Type != OneOf && c.Category != nil {
				t.Errorf("%s: a %s with a category", at, c.Type)
			}
			for _, m := range []Message{c.Breaks(), c.Guide()} {
				for _, l := range []vocab.Lang{vocab.Persian, vocab.English} {
					if s := m.In(l); s == m.ID || strings.Contains(s, "%!") || strings.Contains(s, "_") && !strings.Contains(s, "(") {
						t.Errorf("%s: %s in %s renders as %q", at, m.ID, l, s)
					}
				}
			}
		}
	}
	if Lookup("no such kind") != nil {
		t.Error("Lookup found a kind that is not declared")
	}
}

// Every category's values have an id unique across the export (synth and
// the reports look values up by id alone), a Persian and an English label.
func TestCategoriesDeclaredWhole(t *testing.T) {
	ids := map[string]string{}
	for _, c := range Categories {
		if CategoryNamed(c.Name) != c {
			t.Errorf("CategoryNamed(%q) is not the category", c.Name)
		}
		used := false
		for _, k := range Kinds {
			for _, col := range k.Columns {
				used = used || col.Category == c
			}
		}
		if !used {
			t.Errorf("%s: no column holds it", c.Name)
		}
		if !slices.Equal(c.IDs(), func() []string {
			var ids []string
			for _, v := range c.Values {
				ids = append(ids, v.ID)
			}
			return ids
		}()) {
			t.Errorf("%s: IDs out of order", c.Name)
		}
		for _, v := range c.Values {
			if other, ok := ids[v.ID]; ok {
				t.Errorf("%s: id %s is %s's too", c.Name, v.ID, other)
			}
			ids[v.ID] = c.Name
			if v.Persian == "" || v.English == "" {
				t.Errorf("%s.%s: a label missing", c.Name, v.ID)
			}
			if c.Value(v.ID) == nil || c.Value(v.ID).ID != v.ID {
				t.Errorf("%s.%s: Value does not find it", c.Name, v.ID)
			}
		}
	}
}

// Reports show a category value by its label, the short Persian one where
// the official label is long; anything else as it is.
func TestLabel(t *testing.T) {
	for _, tc := range []struct {
		category, id string
		lang         vocab.Lang
		want         string
	}{
		{"office_type", "rural_ict", vocab.Persian, "دفتر ICT روستایی"},
		{"office_type", "rural_ict", vocab.English, "rural ICT office"},
		{"office_type", "pishkhan", vocab.Persian, "دفتر پیشخوان خدمات دولت"},
		{"office_type", "pishkhan", vocab.English, "government service counter office"},
		{"area_type", "urban", vocab.Persian, "شهری"},
		{"violation_type", "unauthorized_relocation", vocab.English, "unauthorized relocation"},
		{"ruling_status", "appealed", vocab.Persian, "تجدیدنظر"},
		{"review_status", "pending", vocab.English, "pending"},
		{"area_type", "suburb", vocab.Persian, "suburb"},
		{"no_such_category", "urban", vocab.Persian, "urban"},
	} {
		if got := Label(tc.category, tc.id, tc.lang); got != tc.want {
			t.Errorf("Label(%s, %s, %s) = %q, want %q", tc.category, tc.id, tc.lang, got, tc.want)
		}
	}
	if got := OfficeTypes.Value("rural_ict").Persian; got != "دفتر ارتباطات و فناوری اطلاعات (ICT) روستایی" {
		t.Errorf("rural_ict's official label is %q", got)
	}
}

// Every message is in both languages and takes as many arguments in each.
func TestMessagesInBothLanguages(t *testing.T) {
	for id, text := range Messages {
		if text.FA == "" || text.EN == "" {
			t.Errorf("%s: a language missing", id)
		}
		if fa, en := strings.Count(text.FA, "%"), strings.Count(text.EN, "%"); fa != en {
			t.Errorf("%s: %d verbs in Persian, %d in English", id, fa, en)
		}
	}
}

func TestKindsWith(t *testing.T) {
	kinds, err := KindsWith(map[string][]string{"office_code": {"کد پیشخوان", "code"}, "score": {"نمره"}})
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range kinds {
		for _, c := range k.Columns {
			want := Kinds[i].Column(c.Name).Aliases
			switch c.Name {
			case "office_code":
				want = []string{"کد پیشخوان", "code"}
			case "score":
				want = []string{"نمره"}
			}
			if !slices.Equal(c.Aliases, want) {
				t.Errorf("%s.%s: aliases %q, want %q", k.Name, c.Name, c.Aliases, want)
			}
		}
	}
	if len(Surveys.Column("score").Aliases) != 0 || len(Offices.Column("office_code").Aliases) != 0 {
		t.Error("KindsWith changed the declaration")
	}
	if _, err := KindsWith(map[string][]string{"nope": {"x"}}); err == nil {
		t.Error("KindsWith took a column no kind has")
	}
	if got, _ := KindsWith(nil); !slices.Equal(got, Kinds) {
		t.Error("KindsWith(nil) is not Kinds")
	}
	c := Column{Name: "up"}.WithHeaders("وضعیت", "status")
	if c.Persian != "وضعیت" || !slices.Equal(c.Aliases, []string{"status"}) {
		t.Errorf("WithHeaders on a column without a Persian header: %+v", c)
	}
}

func TestProblemIn(t *testing.T) {
	var p Problem
	p.Kind, p.File, p.Row, p.Column = KindOffices, "offices.csv", 7, "holder_national_id"
	p.Because(Msg("got", Msg("national_id_check"), "0013542418"))
	for _, tc := range []struct {
		lang vocab.Lang
		want string
	}{
		{vocab.English, `offices.csv:7:holder_national_id: has a wrong check digit, got "0013542418"`},
		{vocab.Persian, `offices.csv:7:کد ملی دارنده پروانه: رقم کنترل آن نادرست است؛ مقدار واردشده: «0013542418»`},
	} {
		if got := p.ErrorIn(tc.lang); got != tc.want {
			t.Errorf("ErrorIn(%s) = %q, want %q", tc.lang, got, tc.want)
		}
	}
	if p.Error() != p.ErrorIn(vocab.English) {
		t.Error("Error is not ErrorIn(English)")
	}
	masked := p.MapText(func(s string) string { return strings.ReplaceAll(s, "0013542418", "001****418") })
	for _, l := range []vocab.Lang{vocab.English, vocab.Persian} {
		if s := masked.ReasonIn(l); strings.Contains(s, "0013542418") || !strings.Contains(s, "001****418") {
			t.Errorf("masked in %s: %q", l, s)
		}
	}
	if p.ReasonIn(vocab.Persian) == masked.ReasonIn(vocab.Persian) {
		t.Error("MapText changed the problem it was called on")
	}
	// A problem made without a message keeps its reason in both languages.
	old := Problem{File: "x.csv", Row: 2, Reason: "something"}
	if old.ReasonIn(vocab.Persian) != "something" {
		t.Errorf("a problem without a message in Persian: %q", old.ReasonIn(vocab.Persian))
	}
	// A problem of a file the schema does not declare keeps its column name.
	idx := Problem{Kind: "agencies", File: "agencies.csv", Row: 3, Column: "agency_code"}
	idx.Because(Msg("required"))
	if got := idx.ErrorIn(vocab.Persian); got != "agencies.csv:3:agency_code: خالی است؛ این ستون باید پر شود" {
		t.Errorf("an index file's problem in Persian: %q", got)
	}
}
