package report

import (
	"regexp"
	"slices"
	"strings"

	"github.com/iranict/rank/scoring"
)

// english is every Persian label the workbooks write, in English, for
// --lang en. Workbooks are built with the Persian labels; a book in English
// translates its sheet names and every text cell that is a label (values
// from the exports — names, cities — are not labels and stay as written).
var english = map[string]string{
	// sheets
	"خلاصه": "Summary", "رتبه‌بندی": "Ranking", "تخلفات": "Violations", "خطاها": "Errors",
	"استان‌ها": "Provinces", "ورودی‌ها": "Inputs", "روش": "Rules", "فهرست‌ها": "Lists",
	"شاخص‌های بدون مقدار": "Missing indicators", "نمودار": "Chart",
	"نمودار درجه‌ها": "Grades chart", "نمودار امتیازها": "Scores chart",
	// headings and headers
	"کل کشور": "Whole country", "منطقه": "Region", "کد": "Code", "استان": "Province",
	"جایگاه در منطقه": "Rank in region", "جایگاه در کشور": "Rank in country", "جایگاه در استان": "Rank in province",
	"نام": "Name", "گروه": "Group", "رتبه": "Rank", "امتیاز کل": "Total", "دسته": "Band", "ردیف": "No.",
	"شاخص": "Indicator", "نام شاخص": "Indicator name", "تعداد": "Count",
	"دوره": "Period", "روش ارزیابی": "Method", "فایل روش": "Rules file",
	"تعداد دفاتر": "Offices", "دفاتر مشارکت‌کننده": "Participants", "از این میان انتقال از دوره قبل": "of which carried forward",
	"دفاتر بدون مشارکت": "Not participating", "نوع منطقه": "Area type", "ورودی": "Input", "فایل": "File",
	"ردیف‌ها": "Rows", "استفاده‌شده": "Used", "جایگزین‌شده": "Superseded", "خطا": "Error", "هشدار": "Warning",
	"کد دفتر": "Office code", "نام دفتر": "Office name", "شهر": "City", "نوع دفتر": "Office type",
	"کد ملی دارنده پروانه": "Holder's national code", "وضعیت مشارکت": "Participation", "وضعیت بررسی": "Review",
	"کسر امتیاز": "Penalty", "سهمیه خدمات (٪)": "Service quota (%)", "سهمیه خدمات": "Service quota",
	"شماره پرونده": "Case id", "نوع تخلف": "Violation type", "تاریخ رأی": "Ruling date", "وضعیت رأی": "Ruling status",
	"امتیاز کسر شده": "Points deducted", "محاسبه شده": "Counted", "توضیح": "Note", "برگه": "Sheet",
	"ستون": "Column", "شرح": "Reason", "نوع": "Kind", "جمع کل": "Total", "دفاتر": "Offices",
	"مشارکت": "Participating", "انتقال از دوره قبل": "Carried forward", "عدم مشارکت": "Not participating",
	"توزیع امتیاز کل": "Total score distribution", "توزیع امتیاز کل دفاتر مشارکت‌کننده": "Participants' total scores",
	"توزیع درجه دفاتر مشارکت‌کننده به تفکیک استان": "Participants' grades by province",
	// values
	"شهری": "urban", "روستایی": "rural",
	"دفتر پیشخوان خدمات دولت": "government service counter office", "دفتر بخش عمومی غیردولتی": "public non-governmental office",
	"دفتر ICT روستایی": "rural ICT office",
	"تایید شده":        "confirmed", "رد شده": "rejected", "در انتظار بررسی": "pending",
	"دریافت وجه مازاد": "overcharging", "جعل مدارک": "forgery", "تغییر مکان بدون مجوز": "unauthorized relocation",
	"نبود امکانات معلولان و سالمندان": "no accessibility",
	"قطعی": "final", "تجدیدنظر": "appealed", "مختومه": "dismissed",
	"خارج از دوره": "Outside the period", "رأی غیرقطعی": "not final", "سقف کسر امتیاز": "penalty cap",
	"دفتر بدون مشارکت": "office not participating", "حذف از رتبه‌بندی": "out of the ranking",
	"خوداظهاری‌ها": "Declarations", "نظرسنجی‌ها": "Surveys", "خدمات": "Services",
	"بله": "yes", "خیر": "no",
}

func init() {
	for _, p := range scoring.Provinces {
		english[p.Persian] = p.English
	}
}

// englishPatterns translate the labels built around a number or a name.
var englishPatterns = []struct {
	re *regexp.Regexp
	en string
}{
	{regexp.MustCompile(`^قاعده (\d+) جرائم$`), "penalty rule $1"},
	{regexp.MustCompile(`^رتبه حداکثر (\d+)$`), "grade at best $1"},
	{regexp.MustCompile(`^کاهش (\d+) رتبه$`), "$1 grades down"},
	{regexp.MustCompile(`^(\d+) استان$`), "$1 provinces"},
	{regexp.MustCompile(`^رتبه (\d+)$`), "grade $1"},
	{regexp.MustCompile(`^(.+) \(مشارکت‌کنندگان\)$`), "$1 (participants)"},
	{regexp.MustCompile(`^(.+) با احتساب دفاتر بدون مشارکت$`), "$1 with offices not participating"},
	{regexp.MustCompile(`^(.+) با عدم مشارکت$`), "$1 with not participating"},
	{regexp.MustCompile(`^(.+) \(٪\)$`), "$1 (%)"},
}

// toEnglish is a label in English; text that is not a label is returned
// as it is. Labels joined by "؛ " are translated part by part.
func toEnglish(s string) string {
	if en, ok := english[s]; ok {
		return en
	}
	if strings.Contains(s, "؛ ") {
		parts := strings.Split(s, "؛ ")
		for i, p := range parts {
			parts[i] = toEnglish(p)
		}
		return strings.Join(parts, "; ")
	}
	for _, p := range englishPatterns {
		if m := p.re.FindStringSubmatch(s); m != nil {
			out := p.re.ReplaceAllString(s, p.en)
			if len(m) > 1 {
				// the name inside may be a label too
				out = strings.Replace(out, m[1], toEnglish(m[1]), 1)
			}
			return out
		}
	}
	return s
}

// inEnglish translates a table's name and text cells for a book in English.
func inEnglish(t *table) *table {
	out := &table{name: toEnglish(t.name), headers: t.headers, filter: t.filter, charts: slices.Clone(t.charts), rows: make([][]cell, len(t.rows))}
	for i, row := range t.rows {
		if t.name == SheetRules && i > 0 {
			out.rows[i] = row // the rules file's text stays as written
			continue
		}
		r := make([]cell, len(row))
		for j, v := range row {
			if v.kind == textCell {
				v.s = toEnglish(v.s)
			}
			r[j] = v
		}
		out.rows[i] = r
	}
	for i := range out.charts {
		out.charts[i].name = toEnglish(out.charts[i].name)
	}
	return out
}
