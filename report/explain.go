package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/internal/vocab"
	"github.com/iranict/rank/scoring"
)

// explanation is what every method's explanation is written on: the file
// each kind of input came from, so that the entity and each value can say
// the file and row they came from.
type explanation struct {
	errWriter
	files map[string]string // by kind
}

func newExplanation(w io.Writer, inputs []export.FileStat) *explanation {
	x := &explanation{errWriter: errWriter{w: w}, files: map[string]string{}}
	for _, s := range inputs {
		x.files[s.Kind] = s.File
	}
	return x
}

// entity opens an explanation: who the entity is, and where its row is.
func (x *explanation) entity(who, kind string, row int) {
	x.printf("%s\n  %s\n", who, x.at(kind, row))
}

// at is the file and row of a kind of input: "declarations.csv:42".
func (x *explanation) at(kind string, row int) string {
	return x.files[kind] + ":" + strconv.Itoa(row)
}

// rankedIn counts the ranked entities in the scope entity i is ranked in
// (its province or group, or all): the n of "rank r of n". scope gives an
// entity's scope and rank (0: not ranked).
func rankedIn[E any](all []E, i int, scope func(*E) (string, int)) int {
	in, _ := scope(&all[i])
	n := 0
	for j := range all {
		if s, rank := scope(&all[j]); rank > 0 && s == in {
			n++
		}
	}
	return n
}

// explainWords are the words of an explanation, in English and Persian.
var explainWords = map[string]map[string]string{
	"en": {
		"office": "Office", "status": "Status", "declaration": "Declaration",
		"no_declaration": "none for %s, and none of %s to carry forward",
		"in_error":       "none for %s that can be used: its declaration is in error, and the office does not take part",
		"not_carried":    "none for %s; %s — %s, %s, %s — is not carried forward: only %s ones are",
		"indicators":     "Indicators", "points": "points", "value": "value", "after": "after the transforms",
		"not_counted":       "does not count: the declaration's review is %s, and self-declared indicators count only when it is %s",
		"not_participating": "does not count: the office does not take part",
		"positive":          "Points of the indicators", "cap": "capped at", "penalties": "Penalties", "no_penalties": "no rulings",
		"total": "Total", "grade": "Grade", "rank": "Rank", "of": "of", "ranked_in": "ranked participants in",
		"quota": "Service quota", "no_services": "no services row for its area", "rule": "rule",
		"table": "table %d", "step": "step ≥ %s", "below": "below the first step", "category": "category %s",
		"scale": "scaled %s → %s", "per_unit": "%s per unit", "as_is": "the value as points", "bound": "bounded by %s",
		"responses": "%d responses in the period (sum %d, %d outside the period); province mean %s",
		"deducted":  "−%s points", "not_counting": "does not count: %s", "carried": "carried forward from %s",
		"grade_rule": "grade rule %d: %s", "for_non": "the rules' grade for offices that do not take part",
		"capped_grade": "by its total %s (grade rule %d: %s); ruling %s caps it at %d", "grade_down": "by its total %s (grade rule %d: %s); rulings take off %d grades", "disqualified": "a ruling takes it out of the ranking",
	},
	"fa": {
		"office": "دفتر", "status": "وضعیت", "declaration": "خوداظهاری",
		"no_declaration": "برای %s ندارد، و خوداظهاری‌ای از %s هم برای انتقال ندارد",
		"in_error":       "برای %s خوداظهاری قابل استفاده ندارد: خوداظهاری آن خطا دارد و دفتر در ارزیابی مشارکت ندارد",
		"not_carried":    "برای %s ندارد؛ خوداظهاری %s (%s، %s، %s) منتقل نمی‌شود: فقط خوداظهاری‌های %s منتقل می‌شوند",
		"indicators":     "شاخص‌ها", "points": "امتیاز", "value": "مقدار", "after": "پس از تبدیل",
		"not_counted":       "حساب نمی‌شود: وضعیت بررسی خوداظهاری %s است و شاخص‌های خوداظهاری فقط با وضعیت %s حساب می‌شوند",
		"not_participating": "حساب نمی‌شود: دفتر در ارزیابی مشارکت ندارد",
		"positive":          "امتیاز شاخص‌ها", "cap": "با سقف", "penalties": "جرائم", "no_penalties": "رأیی ثبت نشده",
		"total": "امتیاز کل", "grade": "رتبه (درجه)", "rank": "جایگاه", "of": "از", "ranked_in": "دفتر رتبه‌بندی‌شده در",
		"quota": "سهمیه خدمات", "no_services": "برای منطقه‌اش ردیف خدمات نیست", "rule": "قاعده",
		"table": "جدول %d", "step": "پله ≥ %s", "below": "کمتر از نخستین پله", "category": "دسته %s",
		"scale": "مقیاس %s → %s", "per_unit": "%s به ازای هر واحد", "as_is": "خود مقدار", "bound": "محدود به %s",
		"responses": "%d پاسخ در دوره (مجموع %d، %d خارج از دوره)؛ میانگین استان %s",
		"deducted":  "−%s امتیاز", "not_counting": "حساب نمی‌شود: %s", "carried": "انتقال از %s",
		"grade_rule": "قاعده درجه %d: %s", "for_non": "درجه دفاتر بدون مشارکت طبق قواعد",
		"capped_grade": "با امتیاز کل %s (قاعده درجه %d: %s)؛ رأی %s سقف درجه را %d کرده", "grade_down": "با امتیاز کل %s (قاعده درجه %d: %s)؛ آرا %d درجه کاسته‌اند", "disqualified": "رأیی دفتر را از رتبه‌بندی خارج کرده",
	},
}

// explainAbsence says why an office has no declaration that stands: its
// declarations in error, each problem with its file, row and reason; the
// period before's declaration that does not carry forward; or none.
func (run Run) explainAbsence(x *explanation, a scoring.Absence, lang vocab.Lang, word func(string, ...any) string, local func(map[string]string, string) string) {
	p := run.Result.Period
	x.printf("%s: ", word("declaration"))
	switch a.Why {
	case scoring.InError:
		x.printf("%s\n", word("in_error", p))
		for _, row := range a.Rows {
			for _, pr := range run.Problems {
				if pr.Kind == scoring.KindDeclarations && pr.Row == row && !pr.Warning {
					x.printf("  %s\n", oneLine(pr.ErrorIn(lang)))
				}
			}
		}
	case scoring.NotCarriedForward:
		d := a.Previous
		var carry []string
		for _, s := range run.Rules.Participation.CarryForward {
			carry = append(carry, local(reviewFA, s))
		}
		x.printf("%s\n", word("not_carried", p, x.at(scoring.KindDeclarations, d.Row), d.Period, d.SubmittedAt, local(reviewFA, d.ReviewStatus), strings.Join(carry, ", ")))
	default:
		x.printf("%s\n", word("no_declaration", p, p.Previous()))
	}
}

// Explain writes the whole computation of one office: its registry row,
// its declaration, each indicator's input with the file and row it came
// from, its points and the part of the rule that gave them, each ruling
// with its case id, the total, the grade and the rule that gave it, the
// rank among its province's participants and the service quota. lang is
// "en" or "fa".
func Explain(w io.Writer, run Run, code, lang string) error {
	words, ok := explainWords[lang]
	if !ok {
		return fmt.Errorf("--lang %q: want fa or en", lang)
	}
	word := func(k string, a ...any) string { return fmt.Sprintf(words[k], a...) }
	res := run.Result
	i, err := run.officeAt(code)
	if err != nil {
		return err
	}
	or := res.Offices[i]
	x := newExplanation(w, run.Inputs)
	dec := run.decimals()
	num := func(x float64) string { return Fixed(x, dec) }
	label := func(l scoring.Label, id string) string {
		if lang == "en" && l.EN != "" {
			return l.EN
		}
		if lang == "fa" && l.FA != "" {
			return l.FA
		}
		return labelOf(l, id)
	}
	local := func(m map[string]string, id string) string {
		if lang == "fa" {
			return fa(m, id)
		}
		return id
	}
	o := or.Office
	province := o.Province.Slug
	if lang == "fa" {
		province = o.Province.Persian
	}
	x.entity(fmt.Sprintf("%s %s — %s (%s, %s, %s, %s)", words["office"], oneLine(o.Code), oneLine(o.Name), province, oneLine(o.City), local(areaFA, o.AreaType), local(officeTypeFA, o.OfficeType)), scoring.KindOffices, o.Row)
	x.printf("%s: %s\n", words["status"], local(statusFA, string(or.Status)))
	if d := or.Declaration; d != nil {
		carried := ""
		if or.Status == scoring.CarriedForward {
			carried = ", " + word("carried", d.Period)
		}
		x.printf("%s: %s — %s, %s, %s%s\n", words["declaration"], x.at(scoring.KindDeclarations, d.Row), d.Period, d.SubmittedAt, local(reviewFA, d.ReviewStatus), carried)
	} else {
		run.explainAbsence(x, or.Absence, bookLang(lang), word, local)
	}

	x.printf("\n%s\n", words["indicators"])
	rules := run.Rules
	for j, ind := range res.Indicators {
		v := or.Values[j]
		x.printf("  %s (%s)\n", label(ind.Name, ind.ID), ind.ID)
		if !or.Status.Participates() {
			x.printf("    %s\n", words["not_participating"])
			continue
		}
		x.printf("    %s\n", run.explainSource(x, ind, or, v, words, num))
		if !v.Counted {
			x.printf("    %s\n", word("not_counted", local(reviewFA, or.ReviewStatus), strings.Join(rules.Participation.SelfDeclaredCount, ", ")))
			continue
		}
		if len(ind.Transform) > 0 {
			x.printf("    %s: %s\n", words["after"], num(v.Value))
		}
		x.printf("    → %s %s (%s)\n", num(or.Points[j]), words["points"], pointsWhy(scoring.ExplainPoints(ind, o, v), ind, word, num))
	}
	if or.Status.Participates() {
		pos := words["positive"] + ": " + num(or.Positive)
		if rules.PositiveMax > 0 {
			pos += " (" + words["cap"] + " " + num(rules.PositiveMax) + ")"
		}
		x.printf("\n%s\n", pos)
	}

	x.printf("\n%s\n", words["penalties"])
	n := 0
	for _, p := range res.Penalties {
		if p.OfficeCode != code {
			continue
		}
		n++
		what := word("deducted", num(p.Points))
		if !p.Counted {
			what = word("not_counting", local(reasonFA, p.Reason))
		} else if p.Reason != "" {
			what += " (" + local(reasonFA, p.Reason) + ")"
		}
		if p.Rule > 0 {
			what += fmt.Sprintf("; %s %d", words["rule"], p.Rule)
		}
		x.printf("  %s %s — %s, %s, %s: %s\n", p.CaseID, x.at(scoring.KindViolations, p.Row), local(violationFA, p.Type), p.RulingDate, local(rulingFA, p.Status), what)
	}
	if n == 0 {
		x.printf("  %s\n", words["no_penalties"])
	}

	x.printf("\n")
	if or.Status.Participates() {
		x.printf("%s: %s − %s = %s\n", words["total"], num(or.Positive), num(or.Penalty), num(or.Total))
	}
	ranked := rankedIn(res.Offices, i, func(o *scoring.OfficeResult) (string, int) { return rules.RankScope(o.Province), o.Rank })
	gradeLine := fmt.Sprintf("%s: %s", words["grade"], rules.GradeName(or.Grade, lang))
	switch {
	case !or.Status.Participates():
		gradeLine += " (" + words["for_non"] + ")"
	case or.Disqualified:
		gradeLine += " (" + words["disqualified"] + ")"
	default:
		k := scoring.GradeReason(rules, or, ranked)
		switch {
		case k == 0:
		case or.GradeCapped:
			// The ruling with the tightest cap, the one that set the grade.
			caseID, capAt := "", 0
			for _, p := range res.Penalties {
				if p.OfficeCode == code && p.Counted && p.GradeCap > capAt {
					caseID, capAt = p.CaseID, p.GradeCap
				}
			}
			gradeLine += " (" + word("capped_grade", rules.GradeName(rules.Grades[k-1].Grade, lang), k, gradeBound(rules.Grades[k-1], num), caseID, capAt) + ")"
		case or.GradeDown > 0:
			gradeLine += " (" + word("grade_down", rules.GradeName(rules.Grades[k-1].Grade, lang), k, gradeBound(rules.Grades[k-1], num), or.GradeDown) + ")"
		default:
			gradeLine += " (" + word("grade_rule", k, gradeBound(rules.Grades[k-1], num)) + ")"
		}
	}
	x.printf("%s\n", gradeLine)
	if or.Rank > 0 {
		x.printf("%s: %d %s %d %s %s\n", words["rank"], or.Rank, words["of"], ranked, words["ranked_in"], province)
	}
	if or.HasServices {
		x.printf("%s: %s%% × %d = %d\n", words["quota"], strconv.FormatFloat(or.QuotaPct, 'f', -1, 64), or.Available, or.Quota)
	} else {
		x.printf("%s: %s\n", words["quota"], words["no_services"])
	}
	return x.err
}

// explainSource is where an indicator's input came from, and its value.
func (r Run) explainSource(x *explanation, ind scoring.IndicatorRule, or scoring.OfficeResult, v scoring.IndicatorValue, words map[string]string, num func(float64) string) string {
	s := ind.Source
	input := strconv.FormatFloat(v.Input, 'f', -1, 64)
	if s.Surveys == "mean" || s.Surveys == "bayesian_mean" || s.Surveys == "share" {
		input = num(v.Input)
	}
	if v.Category != "" {
		input = v.Category
	}
	switch {
	case s.Declaration != "":
		row := 0
		if or.Declaration != nil {
			row = or.Declaration.Row
		}
		return fmt.Sprintf("%s = %s (%s)", s.Declaration, input, x.at(scoring.KindDeclarations, row))
	case s.Registry != "":
		return fmt.Sprintf("%s = %s (%s)", s.Registry, input, x.at(scoring.KindOffices, or.Row))
	case s.Surveys != "":
		mean := ""
		for _, p := range r.Result.Provinces {
			if p.Slug == or.Province.Slug {
				mean = num(p.SurveyMean)
			}
		}
		sc := or.Surveys
		what := s.Surveys
		if s.Surveys == "bayesian_mean" {
			what += fmt.Sprintf(" (k %s)", strconv.FormatFloat(s.K, 'f', -1, 64))
		}
		if s.Surveys == "share" {
			what += fmt.Sprintf(" (≥ %d)", s.AtLeast)
		}
		return fmt.Sprintf("%s = %s (%s: "+words["responses"]+")", what, input, x.files[scoring.KindSurveys], sc.Count, sc.Sum, sc.Outside, mean)
	case s.FullYears != nil:
		return fmt.Sprintf("full years %s → %s = %s (%s, license_date %s)", s.FullYears.From, s.FullYears.To, input, x.at(scoring.KindOffices, or.Row), or.LicenseDate)
	case s.FullMonths != nil:
		return fmt.Sprintf("full months %s → %s = %s (%s, license_date %s)", s.FullMonths.From, s.FullMonths.To, input, x.at(scoring.KindOffices, or.Row), or.LicenseDate)
	case s.Constant != nil:
		return fmt.Sprintf("constant %s", input)
	}
	return input
}

// pointsWhy says which part of the rule gave the points.
func pointsWhy(why scoring.PointsReason, ind scoring.IndicatorRule, word func(string, ...any) string, num func(float64) string) string {
	var s string
	switch why.Kind {
	case "categories":
		s = word("category", why.Category)
	case "table":
		s = word("table", why.Table)
		if len(why.When) > 0 {
			var conds []string
			for _, k := range sortedKeys(why.When) {
				conds = append(conds, k+"="+why.When[k])
			}
			s += " [" + strings.Join(conds, ", ") + "]"
		}
		if why.Step > 0 {
			s += ", " + word("step", strconv.FormatFloat(why.AtLeast, 'f', -1, 64))
		} else {
			s += ", " + word("below")
		}
	case "scale":
		sc := ind.Scale
		s = word("scale", fmt.Sprintf("[%v, %v]", sc.From[0], sc.From[1]), fmt.Sprintf("[%v, %v]", sc.To[0], sc.To[1]))
	case "per_unit":
		s = word("per_unit", strconv.FormatFloat(*ind.PerUnit, 'f', -1, 64))
	default:
		s = word("as_is")
	}
	if why.Bound == "max" {
		s += "; " + word("bound", "max "+num(*ind.Max))
	}
	if why.Bound == "min" {
		s += "; " + word("bound", "min "+num(*ind.Min))
	}
	return s
}

func gradeBound(g scoring.GradeRule, num func(float64) string) string {
	switch {
	case g.RankUpTo != nil:
		return fmt.Sprintf("rank ≤ %d", *g.RankUpTo)
	case g.TopPercent != nil:
		return fmt.Sprintf("top %s%%", strconv.FormatFloat(*g.TopPercent, 'f', -1, 64))
	case g.Exclusive:
		return "> " + num(g.AtLeast)
	}
	return "≥ " + num(g.AtLeast)
}
