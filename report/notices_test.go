package report

import (
	"strings"
	"testing"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/internal/vocab"
)

// problemsOf makes n problems of a file's column, each breaking the rule
// the message says, on rows from `from`.
func problemsOf(file, kind, column string, n, from int, m func(i int) export.Message) []export.Problem {
	var ps []export.Problem
	for i := range n {
		p := export.Problem{Kind: kind, File: file, Row: from + i, Column: column}
		p.Because(m(i))
		ps = append(ps, p)
	}
	return ps
}

func TestNotices(t *testing.T) {
	score := export.Surveys.Column("score")
	date := export.Surveys.Column("response_date")
	bad := func(v string) func(int) export.Message {
		return func(i int) export.Message { return export.Msg("got", score.Breaks(), v) }
	}
	var ps []export.Problem
	ps = append(ps, problemsOf("surveys.csv", "surveys", "response_date", 3, 2, func(i int) export.Message {
		return export.Msg("got", date.Breaks(), "1404/13/0"+string(rune('1'+i)))
	})...)
	ps = append(ps, problemsOf("surveys.csv", "surveys", "score", 5, 10, bad("6"))...)
	ps = append(ps, problemsOf("offices.csv", "offices", "office_code", 1, 2, bad("x"))...)
	w := export.Problem{Kind: "surveys", File: "surveys.csv", Row: 30, Column: "score", Warning: true}
	w.Because(export.Msg("required"))
	ps = append(ps, w, w, w, w, w, w) // warnings do not count
	for _, tt := range []struct {
		name      string
		rows      int64
		errors    int64
		notice    bool
		commonest int
		first     int
	}{
		{"a fifth exactly", 40, 8, false, 0, 0},
		{"past a fifth", 39, 8, true, 5, 10},
		{"every row", 8, 8, true, 5, 10},
		{"none", 40, 0, false, 0, 0},
		{"an empty file", 0, 0, false, 0, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stats := []export.FileStat{{Kind: "offices", File: "offices.csv", Rows: 10, Errors: 1}, {Kind: "surveys", File: "surveys.csv", Rows: tt.rows, Errors: tt.errors}}
			ns := notices(stats, ps)
			if !tt.notice {
				if len(ns) != 0 {
					t.Errorf("notices %+v, want none", ns)
				}
				return
			}
			if len(ns) != 1 || ns[0].File != "surveys.csv" || ns[0].Commonest != tt.commonest || ns[0].Example.Row != tt.first {
				t.Fatalf("notices %+v, want surveys.csv's, commonest %d rows from row %d", ns, tt.commonest, tt.first)
			}
			en, fa := ns[0].In(vocab.English), ns[0].In(vocab.Persian)
			if !strings.HasPrefix(en, "surveys.csv: 8 of ") || !strings.Contains(en, "in 5 of them, first at surveys.csv:10:score: must be a whole number from 1 to 5, got \"6\"") {
				t.Errorf("in English: %s", en)
			}
			if !strings.Contains(fa, "خطا دارد") || !strings.Contains(fa, "surveys.csv:10:امتیاز: باید عدد صحیحی از 1 تا 5 باشد") {
				t.Errorf("in Persian: %s", fa)
			}
		})
	}
}

func TestUnusable(t *testing.T) {
	code := export.Violations.Column("case_id")
	ps := problemsOf("violations.csv", "violations", "case_id", 2, 2, func(int) export.Message { return export.Msg("got", code.Breaks(), "") })
	ps = append(ps, problemsOf("services.csv", "services", "", 3, 2, func(i int) export.Message { return export.Msg("repeats_area", 1) })...)
	required := func(kind string) bool { return kind != "services" }
	for _, tt := range []struct {
		name  string
		stats []export.FileStat
		want  string // "" for no error
	}{
		{"every row of a required file", []export.FileStat{{Kind: "violations", File: "violations.csv", Rows: 2, Errors: 2}},
			"violations.csv: all 2 rows are in error, and nothing can be evaluated from it; the commonest reason, in 2 of them, first at violations.csv:2:case_id: "},
		{"a row of it still used", []export.FileStat{{Kind: "violations", File: "violations.csv", Rows: 3, Errors: 2}}, ""},
		{"an optional file", []export.FileStat{{Kind: "services", File: "services.csv", Rows: 3, Errors: 3}}, ""},
		{"a header and no row", []export.FileStat{{Kind: "violations", File: "violations.csv"}}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := Unusable(tt.stats, ps, required)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("error %v, want none", err)
			case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)):
				t.Errorf("error %v, want %q…", err, tt.want)
			}
		})
	}
}

// TestNoticeInSummary: a file more than a fifth of whose rows are in error
// is a warning at the head of every Summary sheet, in the book's language.
func TestNoticeInSummary(t *testing.T) {
	run := testRun(t)
	for i := range run.Inputs {
		if run.Inputs[i].Kind == "surveys" {
			run.Inputs[i].Rows, run.Inputs[i].Errors = 4, 1 // 25 %
		}
	}
	for lang, want := range map[string]string{
		"fa": "هشدار\tsurveys.csv: 1 ردیف از 4 ردیف (25.0٪) خطا دارد",
		"en": "Warning\tsurveys.csv: 1 of 4 rows (25.0%) are in error",
	} {
		run.Lang = lang
		f := gilanBook(t, run)
		rows, _ := f.GetRows(f.GetSheetList()[0])
		f.Close()
		var lines []string
		for _, r := range rows {
			lines = append(lines, strings.Join(r, "\t"))
		}
		if got := strings.Join(lines, "\n"); !strings.Contains(got, want) {
			t.Errorf("%s summary:\n%s\nlacks %q", lang, got, want)
		}
	}
}

// TestQuotaGap: the offices whose grade has a quota and whose area has no
// services row are counted by area, most first, and said in both
// languages; with no services file at all, the notice says that instead;
// a grade without a quota, or an area with its row, is no gap.
func TestQuotaGap(t *testing.T) {
	run := testRun(t) // G3 (Lahijan, rural, grade 3) and T1 (Tehran, urban, grade 2) have no services row
	tehran := run.Result.Offices[3]
	tehran.Code = "T2"
	run.Result.Offices = append(run.Result.Offices, tehran)
	g := run.QuotaGap()
	if g.Offices != 3 || g.NoFile || len(g.Areas) != 2 || g.Areas[0].City != "Tehran" || g.Areas[0].Offices != 2 || g.Areas[1].City != "Lahijan" {
		t.Fatalf("%+v", g)
	}
	if got, want := g.In(vocab.English), "the services file has no row for 2 areas, so the service quota of 3 offices is left blank: Tehran, Tehran, urban (2 offices); Gilan, Lahijan, rural (1 office)"; got != want {
		t.Errorf("English:\n%s\nwant\n%s", got, want)
	}
	if got, want := g.In(vocab.Persian), "فایل خدمات برای 2 منطقه ردیفی ندارد و سهمیه خدمات 3 دفتر خالی مانده است: تهران، Tehran، شهری (2 دفتر)؛ گیلان، Lahijan، روستایی (1 دفتر)"; got != want {
		t.Errorf("Persian:\n%s\nwant\n%s", got, want)
	}

	// Grade 3 without a quota: G3 is no gap.
	delete(run.Rules.ServiceQuota, 3)
	if g := run.QuotaGap(); g.Offices != 2 || len(g.Areas) != 1 {
		t.Errorf("without grade 3's quota: %+v", g)
	}

	// No services file and no office with a row: said as such (G2 and
	// G3, grade 3, have no quota now).
	for i := range run.Result.Offices {
		run.Result.Offices[i].HasServices = false
	}
	g = run.QuotaGap()
	if !g.NoFile || !strings.HasPrefix(g.In(vocab.English), "no services file was read, so the service quota of 3 offices is left blank") {
		t.Errorf("%+v: %s", g, g.In(vocab.English))
	}

	// Every area with its row: nothing to say.
	for i := range run.Result.Offices {
		run.Result.Offices[i].HasServices = true
	}
	if g := run.QuotaGap(); g.Offices != 0 || g.In(vocab.English) != "" {
		t.Errorf("%+v", g)
	}
}
