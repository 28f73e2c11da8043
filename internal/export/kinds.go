package export

import "github.com/iranict/rank/internal/vocab"

// The kinds of file an export folder holds, by the base names they are
// found by.
const (
	KindOffices      = "offices"
	KindDeclarations = "declarations"
	KindSurveys      = "surveys"
	KindViolations   = "violations"
	KindServices     = "services"
)

// The export, declared: every kind, column and category the office method
// reads. Ingest reads and checks rows by it, templates and synth write it,
// scoring takes its closed sets and reports its labels from it.
var (
	// Offices is the registry of licensed, active offices: every other
	// file is checked against it.
	Offices = &Kind{Name: KindOffices, Title: vocab.Text{FA: "دفاتر", EN: "Offices"}, Columns: []Column{
		{Name: "office_code", Persian: "کد دفتر", Type: Code, Unique: true},
		{Name: "name", Persian: "نام دفتر", Type: Text},
		{Name: "province", Persian: "استان", Type: Province},
		{Name: "city", Persian: "شهر", Type: Text},
		{Name: "area_type", Persian: "نوع منطقه", Type: OneOf, Category: AreaTypes},
		{Name: "office_type", Persian: "نوع دفتر", Type: OneOf, Category: OfficeTypes},
		{Name: "holder_national_id", Persian: "کد ملی دارنده پروانه", Type: NationalID},
		{Name: "license_date", Persian: "تاریخ صدور پروانه", Type: Date},
	}}

	// Declarations are the offices' self-declarations with the region's
	// review.
	Declarations = &Kind{Name: KindDeclarations, Title: vocab.Text{FA: "خوداظهاری‌ها", EN: "Declarations"}, OfPeriod: true, Columns: []Column{
		{Name: "office_code", Persian: "کد دفتر", Type: Code, Ref: KindOffices},
		{Name: "period", Persian: "دوره", Type: Period},
		{Name: "submitted_at", Persian: "تاریخ ثبت", Type: Date},
		{Name: "area_m2", Persian: "متراژ", Type: Number, Range: AtLeast(0)},
		{Name: "staff_count", Persian: "تعداد پرسنل", Type: Whole, Range: AtLeast(1)},
		{Name: "location_class", Persian: "موقعیت مکانی", Type: OneOf, Category: LocationClasses},
		{Name: "association_score", Persian: "امتیاز انجمن", Type: Number, Range: Between(0, 10)},
		{Name: "review_status", Persian: "وضعیت بررسی", Type: OneOf, Category: ReviewStatuses},
	}}

	// Surveys are citizens' responses, one a row: millions a period. The
	// fast survey reader takes a plain row's cells in this order.
	Surveys = &Kind{Name: KindSurveys, Title: vocab.Text{FA: "نظرسنجی‌ها", EN: "Surveys"}, OfPeriod: true, Columns: []Column{
		{Name: "response_id", Persian: "شناسه پاسخ", Type: Code, Unique: true},
		{Name: "office_code", Persian: "کد دفتر", Type: Code, Ref: KindOffices},
		{Name: "response_date", Persian: "تاریخ پاسخ", Type: Date},
		{Name: "score", Persian: "امتیاز", Type: Whole, Range: Between(1, 5)},
	}}

	// Violations are the rulings of the violation committees.
	Violations = &Kind{Name: KindViolations, Title: vocab.Text{FA: "تخلفات", EN: "Violations"}, Columns: []Column{
		{Name: "case_id", Persian: "شماره پرونده", Type: Code, Unique: true},
		{Name: "office_code", Persian: "کد دفتر", Type: Code, Ref: KindOffices},
		{Name: "violation_type", Persian: "نوع تخلف", Type: OneOf, Category: ViolationTypes},
		{Name: "ruling_date", Persian: "تاریخ رأی", Type: Date},
		{Name: "ruling_status", Persian: "وضعیت رأی", Type: OneOf, Category: RulingStatuses},
	}}

	// Services are the services available per area, one row an area.
	Services = &Kind{Name: KindServices, Title: vocab.Text{FA: "خدمات", EN: "Services"}, Optional: true, Columns: []Column{
		{Name: "province", Persian: "استان", Type: Province},
		{Name: "city", Persian: "شهر", Type: Text},
		{Name: "area_type", Persian: "نوع منطقه", Type: OneOf, Category: AreaTypes},
		{Name: "available_services", Persian: "تعداد خدمات", Type: Whole, Range: AtLeast(0)},
	}}

	// Kinds are the export's kinds in reading order: the registry first.
	Kinds = []*Kind{Offices, Declarations, Surveys, Violations, Services}
)

// The closed sets of the exports' categorical columns.
var (
	AreaTypes = &Category{Name: "area_type", Values: []Value{
		{ID: "urban", Persian: "شهری", English: "urban", Aliases: []string{"شهر"}},
		{ID: "rural", Persian: "روستایی", English: "rural", Aliases: []string{"روستا"}},
	}}
	OfficeTypes = &Category{Name: "office_type", Values: []Value{
		{ID: "pishkhan", Persian: "دفتر پیشخوان خدمات دولت", English: "government service counter office", Aliases: []string{
			"پیشخوان", "دفتر پیشخوان", "پیشخوان خدمات دولت", "پیشخوان دولت"}},
		{ID: "public_nongov", Persian: "دفتر بخش عمومی غیردولتی", English: "public non-governmental office", Aliases: []string{
			"بخش عمومی غیردولتی", "عمومی غیردولتی", "غیردولتی", "دفتر خدمات بخش عمومی", "public non-governmental"}},
		{ID: "rural_ict", Persian: "دفتر ارتباطات و فناوری اطلاعات (ICT) روستایی", Short: "دفتر ICT روستایی", English: "rural ICT office", Aliases: []string{
			"دفتر ارتباطات و فناوری اطلاعات روستایی", "ارتباطات و فناوری اطلاعات روستایی",
			"ICT روستایی", "روستایی ICT", "ICT", "rural ICT"}},
	}}
	LocationClasses = &Category{Name: "location_class", Values: []Value{
		{ID: "main_street", Persian: "خیابان اصلی", English: "main street", Aliases: []string{"اصلی"}},
		{ID: "secondary_street", Persian: "خیابان فرعی", English: "secondary street", Aliases: []string{"فرعی"}},
		{ID: "alley", Persian: "کوچه", English: "alley"},
	}}
	ReviewStatuses = &Category{Name: "review_status", Values: []Value{
		{ID: "confirmed", Persian: "تایید شده", English: "confirmed", Aliases: []string{"تایید", "تأیید شده", "تائید شده"}},
		{ID: "rejected", Persian: "رد شده", English: "rejected", Aliases: []string{"رد"}},
		{ID: "pending", Persian: "در انتظار بررسی", English: "pending", Aliases: []string{"در انتظار", "در حال بررسی"}},
	}}
	ViolationTypes = &Category{Name: "violation_type", Values: []Value{
		{ID: "overcharging", Persian: "دریافت وجه مازاد", English: "overcharging", Aliases: []string{"دریافت وجه اضافی", "اخذ وجه مازاد"}},
		{ID: "forgery", Persian: "جعل مدارک", English: "forgery", Aliases: []string{"جعل", "جعل اسناد"}},
		{ID: "unauthorized_relocation", Persian: "تغییر مکان بدون مجوز", English: "unauthorized relocation", Aliases: []string{"جابجایی بدون مجوز", "جابه‌جایی بدون مجوز"}},
		{ID: "no_accessibility", Persian: "نبود امکانات معلولان و سالمندان", English: "no accessibility", Aliases: []string{"نبود امکانات معلولین و سالمندان"}},
	}}
	RulingStatuses = &Category{Name: "ruling_status", Values: []Value{
		{ID: "final", Persian: "قطعی", English: "final"},
		{ID: "appealed", Persian: "تجدیدنظر", English: "appealed", Aliases: []string{"در تجدیدنظر", "تجدید نظر خواهی"}},
		{ID: "dismissed", Persian: "مختومه", English: "dismissed"},
	}}

	// Categories are every closed set of the export.
	Categories = []*Category{AreaTypes, OfficeTypes, LocationClasses, ReviewStatuses, ViolationTypes, RulingStatuses}
)
