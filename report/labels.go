package report

import (
	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/internal/vocab"
)

// labels are the words the workbooks show, keyed by id, in Persian and
// English: sheet names, headings, column headers, chart titles and the
// labels built around a number. A table takes them in its book's language
// as it is built. Values from the exports (names, cities, codes) and the
// rules file's own labels are not here: they are shown as written.
var labels = vocab.Catalogue{
	// sheets
	"sheet_summary":     {FA: SheetSummary, EN: "Summary"},
	"sheet_ranking":     {FA: SheetRanking, EN: "Ranking"},
	"sheet_penalties":   {FA: SheetPenalties, EN: "Violations"},
	"sheet_errors":      {FA: SheetErrors, EN: "Errors"},
	"sheet_provinces":   {FA: SheetProvinces, EN: "Provinces"},
	"sheet_inputs":      {FA: SheetInputs, EN: "Inputs"},
	"sheet_rules":       {FA: SheetRules, EN: "Rules"},
	"sheet_grade_chart": {FA: SheetGradeChart, EN: "Grades chart"},
	"sheet_score_chart": {FA: SheetScoreChart, EN: "Scores chart"},
	"sheet_lists":       {FA: SheetIndexLists, EN: "Lists"},
	"sheet_missing":     {FA: SheetIndexMissing, EN: "Missing indicators"},
	"sheet_chart":       {FA: SheetIndexChart, EN: "Chart"},
	"sheet_moves":       {FA: SheetMoves, EN: "Grade moves"},
	"sheet_new":         {FA: SheetNew, EN: "New offices"},
	"sheet_gone":        {FA: SheetGone, EN: "Offices gone"},
	"sheet_no_province": {FA: "بدون استان", EN: "No province"},
	"problems_subject":  {FA: "خطاهای فایل‌های ورودی", EN: "Problems in the exports"},

	// the head of a summary
	"province":         {FA: "استان", EN: "Province"},
	"province_en":      {FA: "Province", EN: "Province"}, // the column of the provinces' English names
	"whole_country":    {FA: "کل کشور", EN: "Whole country"},
	"provinces_n":      {FA: "%d استان", EN: "%d provinces"},
	"region":           {FA: "منطقه", EN: "Region"},
	"period":           {FA: "دوره", EN: "Period"},
	"method":           {FA: "روش ارزیابی", EN: "Method"},
	"rules_file":       {FA: "فایل روش", EN: "Rules file"},
	"comparison":       {FA: "مقایسه دو دوره", EN: "Comparison of two periods"},
	"template_subject": {FA: "الگوی فایل %s", EN: "Template of the %s file"},

	// printed pages
	// The left-to-right mark keeps the space before the page number:
	// LibreOffice drops it between Persian and a field.
	"page_of": {FA: "صفحه \u200e%s از %s", EN: "Page %s of %s"},

	// a summary's title and sections
	"summary_title":     {FA: "ارزیابی و رتبه‌بندی دفاتر — %s", EN: "Evaluation and ranking of offices — %s"},
	"section_offices":   {FA: "دفاتر و درجه‌ها", EN: "Offices and grades"},
	"section_area":      {FA: "به تفکیک نوع منطقه", EN: "By area type"},
	"section_provinces": {FA: "به تفکیک استان", EN: "By province"},
	"section_inputs":    {FA: "فایل‌های ورودی", EN: "Input files"},
	"notice":            {FA: "هشدار", EN: "Warning"},
	"notice_errors": {FA: "%s: %d ردیف از %d ردیف (%s٪) خطا دارد و از ارزیابی کنار گذاشته شده است؛ بیشترین خطا، در %d ردیف از آن‌ها، نخستین بار در %s",
		EN: "%s: %d of %d rows (%s%%) are in error and left out of the evaluation; the commonest reason, in %d of them, first at %s"},
	"notice_quota_gap": {FA: "فایل خدمات برای %s ردیفی ندارد و سهمیه خدمات %s خالی مانده است: %s",
		EN: "the services file has no row for %s, so the service quota of %s is left blank: %s"},
	"notice_gap_area": {FA: "%s، %s، %s (%s)", EN: "%s, %s, %s (%s)"},
	"notice_gap_more": {FA: "و %d منطقه دیگر", EN: "and %d more"},
	"notice_no_services": {FA: "فایل خدمات خوانده نشد و سهمیه خدمات %s خالی مانده است (services.csv را در پوشه بگذارید یا --services بدهید)",
		EN: "no services file was read, so the service quota of %s is left blank (put services.csv in the folder, or give --services)"},

	// counts, as rows of a summary
	"count_offices":      {FA: "تعداد دفاتر", EN: "Offices"},
	"count_participants": {FA: "دفاتر مشارکت‌کننده", EN: "Participants"},
	"count_carried":      {FA: "از این میان انتقال از دوره قبل", EN: "of which carried forward"},
	"count_absent":       {FA: "دفاتر بدون مشارکت", EN: "Not participating"},
	"count_grade":        {FA: "%s (مشارکت‌کنندگان)", EN: "%s (participants)"},
	"count_lowest":       {FA: "%s با احتساب دفاتر بدون مشارکت", EN: "%s with offices not participating"},
	// and as columns
	"col_offices":       {FA: "دفاتر", EN: "Offices"},
	"col_participating": {FA: "مشارکت", EN: "Participating"},
	"col_carried":       {FA: "انتقال از دوره قبل", EN: "Carried forward"},
	"col_absent":        {FA: "عدم مشارکت", EN: "Not participating"},
	"col_lowest":        {FA: "%s با عدم مشارکت", EN: "%s with not participating"},
	"area_type":         {FA: "نوع منطقه", EN: "Area type"},
	"code":              {FA: "کد", EN: "Code"},
	"total_row":         {FA: "جمع کل", EN: "Total"},

	// the participants' totals in bands, and the charts
	"score_bands":  {FA: "توزیع امتیاز کل", EN: "Total score distribution"},
	"score_band":   {FA: "بازه امتیاز", EN: "Score band"},
	"chart_grades": {FA: "توزیع درجه دفاتر مشارکت‌کننده به تفکیک استان", EN: "Participants' grades by province"},
	"chart_scores": {FA: "توزیع امتیاز کل دفاتر مشارکت‌کننده", EN: "Participants' total scores"},

	// the accounting of the input files
	"input":          {FA: "ورودی", EN: "Input"},
	"file":           {FA: "فایل", EN: "File"},
	"rows":           {FA: "ردیف‌ها", EN: "Rows"},
	"used":           {FA: "استفاده‌شده", EN: "Used"},
	"outside_period": {FA: "خارج از دوره", EN: "Outside the period"},
	"superseded":     {FA: "جایگزین‌شده", EN: "Superseded"},
	"col_errors":     {FA: "خطا", EN: "Error"},
	"col_warnings":   {FA: "هشدار", EN: "Warning"},
	"no_problems":    {FA: "مشکلی نیست: همه ردیف‌ها قابل استفاده‌اند", EN: "No problems: every row can be used"},

	// the ranking of offices
	"office_code":      {FA: "کد دفتر", EN: "Office code"},
	"office_name":      {FA: "نام دفتر", EN: "Office name"},
	"city":             {FA: "شهر", EN: "City"},
	"office_type":      {FA: "نوع دفتر", EN: "Office type"},
	"holder_id":        {FA: "کد ملی دارنده پروانه", EN: "Holder's national code"},
	"participation":    {FA: "وضعیت مشارکت", EN: "Participation"},
	"absence":          {FA: "دلیل عدم مشارکت", EN: "Why not taking part"},
	"review":           {FA: "وضعیت بررسی", EN: "Review"},
	"penalty":          {FA: "کسر امتیاز", EN: "Penalty"},
	"total":            {FA: "امتیاز کل", EN: "Total"},
	"grade":            {FA: "رتبه", EN: "Grade"}, // the column holds the grade, not the rank
	"grade_n":          {FA: "رتبه %d", EN: "grade %d"},
	"rank_in_province": {FA: "جایگاه در استان", EN: "Rank in province"},
	"rank_in_region":   {FA: "جایگاه در منطقه", EN: "Rank in region"},
	"rank_in_country":  {FA: "جایگاه در کشور", EN: "Rank in country"},
	"quota_pct":        {FA: "سهمیه خدمات (٪)", EN: "Service quota (%)"},
	"quota":            {FA: "سهمیه خدمات", EN: "Service quota"},

	// the rulings
	"case_id":         {FA: "شماره پرونده", EN: "Case id"},
	"violation_type":  {FA: "نوع تخلف", EN: "Violation type"},
	"ruling_date":     {FA: "تاریخ رأی", EN: "Ruling date"},
	"ruling_status":   {FA: "وضعیت رأی", EN: "Ruling status"},
	"points_deducted": {FA: "امتیاز کسر شده", EN: "Points deducted"},
	"counted":         {FA: "محاسبه شده", EN: "Counted"},
	"note":            {FA: "توضیح", EN: "Note"},
	"yes":             {FA: "بله", EN: "yes"},
	"no":              {FA: "خیر", EN: "no"},
	"penalty_rule_n":  {FA: "قاعده %d جرائم", EN: "penalty rule %d"},
	"grade_at_best_n": {FA: "رتبه حداکثر %d", EN: "grade at best %d"},
	"grades_down_n":   {FA: "کاهش %d رتبه", EN: "%d grades down"},
	"out_of_ranking":  {FA: "حذف از رتبه‌بندی", EN: "out of the ranking"},
	"and":             {FA: "؛ ", EN: "; "}, // between the parts of a note

	// the problems
	"sheet":   {FA: "برگه", EN: "Sheet"},
	"row":     {FA: "ردیف", EN: "Row"}, // of the input file, not a serial number
	"column":  {FA: "ستون", EN: "Column"},
	"reason":  {FA: "شرح", EN: "Reason"},
	"kind":    {FA: "نوع", EN: "Kind"},
	"error":   {FA: "خطا", EN: "Error"},
	"warning": {FA: "هشدار", EN: "Warning"},

	// the index workbooks
	"rank":           {FA: "رتبه", EN: "Rank"},
	"name":           {FA: "نام", EN: "Name"},
	"group":          {FA: "گروه", EN: "Group"},
	"band":           {FA: "دسته", EN: "Band"},
	"missing":        {FA: "شاخص‌های بدون مقدار", EN: "Missing indicators"},
	"place":          {FA: "ردیف", EN: "No."},
	"indicator":      {FA: "شاخص", EN: "Indicator"},
	"indicator_name": {FA: "نام شاخص", EN: "Indicator name"},
	"count":          {FA: "تعداد", EN: "Count"},
	"share":          {FA: "%s (٪)", EN: "%s (%%)"},

	// compare.xlsx
	"old_period":   {FA: "دوره قبل", EN: "Old period"},
	"new_period":   {FA: "دوره جدید", EN: "New period"},
	"grade_old_n":  {FA: "درجه %d (قبل)", EN: "grade %d (old)"},
	"grade_new_n":  {FA: "درجه %d (جدید)", EN: "grade %d (new)"},
	"change":       {FA: "تغییر", EN: "Change"},
	"absent_old":   {FA: "بدون مشارکت (قبل)", EN: "not participating (old)"},
	"absent_new":   {FA: "بدون مشارکت (جدید)", EN: "not participating (new)"},
	"offices_old":  {FA: "دفاتر (قبل)", EN: "offices (old)"},
	"offices_new":  {FA: "دفاتر (جدید)", EN: "offices (new)"},
	"all":          {FA: "کل", EN: "All"},
	"degree":       {FA: "درجه", EN: "Grade"},
	"degree_old":   {FA: "درجه قبل", EN: "Old grade"},
	"degree_new":   {FA: "درجه جدید", EN: "New grade"},
	"total_old":    {FA: "امتیاز قبل", EN: "Old total"},
	"total_new":    {FA: "امتیاز جدید", EN: "New total"},
	"position":     {FA: "جایگاه", EN: "Rank"},
	"position_old": {FA: "جایگاه قبل", EN: "Old rank"},
	"position_new": {FA: "جایگاه جدید", EN: "New rank"},
}

// statusLabels are the labels of an office's participation (scoring.Status).
var statusLabels = vocab.Catalogue{
	"participating":     {FA: "مشارکت", EN: "Participating"},
	"carried_forward":   {FA: "انتقال از دوره قبل", EN: "Carried forward"},
	"not_participating": {FA: "عدم مشارکت", EN: "Not participating"},
}

// reasonLabels say why a ruling did not count (scoring.PenaltyResult.Reason).
var reasonLabels = vocab.Catalogue{
	"outside_period":    {FA: "خارج از دوره", EN: "Outside the period"},
	"not_final":         {FA: "رأی غیرقطعی", EN: "not final"},
	"capped":            {FA: "سقف کسر امتیاز", EN: "penalty cap"},
	"not_participating": {FA: "دفتر بدون مشارکت", EN: "office not participating"},
}

// kindLabels name the kinds of input file.
var kindLabels = vocab.Catalogue{
	"offices":      {FA: "دفاتر", EN: "Offices"},
	"declarations": {FA: "خوداظهاری‌ها", EN: "Declarations"},
	"surveys":      {FA: "نظرسنجی‌ها", EN: "Surveys"},
	"violations":   {FA: "تخلفات", EN: "Violations"},
	"services":     {FA: "خدمات", EN: "Services"},
}

// heads are the labels of ids in lang, as a header row's cells.
func heads(lang vocab.Lang, ids ...string) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = labels.In(lang, id)
	}
	return out
}

// bookLang is the language of a run's Lang: English for "en", Persian
// otherwise (the default).
func bookLang(s string) vocab.Lang {
	if s == string(vocab.English) {
		return vocab.English
	}
	return vocab.Persian
}

// The Persian labels as maps of id to label, for explain.go and
// templates.go, which other work is rewriting; they go when those take
// categoryLabel and the catalogues above.
var (
	areaFA       = persianOf("area_type")
	officeTypeFA = persianOf("office_type")
	reviewFA     = persianOf("review_status")
	violationFA  = persianOf("violation_type")
	rulingFA     = persianOf("ruling_status")
	statusFA     = persianIn(statusLabels)
	reasonFA     = persianIn(reasonLabels)
)

func persianOf(category string) map[string]string {
	m := map[string]string{}
	for _, id := range export.CategoryNamed(category).IDs() {
		m[id] = categoryLabel(category, id, vocab.Persian)
	}
	return m
}

func persianIn(c vocab.Catalogue) map[string]string {
	m := map[string]string{}
	for id := range c {
		m[id] = c.In(vocab.Persian, id)
	}
	return m
}

func fa(m map[string]string, id string) string {
	if s, ok := m[id]; ok {
		return s
	}
	return id
}
