package export

import "github.com/iranict/rank/internal/vocab"

// Message is a text of Messages by id, with its arguments: the reason of
// a problem, a column's rule. It is rendered in either language; an
// argument that is itself in both languages (a Message, a vocab.Text such
// as a column's Title, Choices) is rendered in the same one.
type Message struct {
	ID   string
	Args []any
}

// Msg is the message id with args.
func Msg(id string, args ...any) Message { return Message{ID: id, Args: args} }

// Localized is an argument of a message that is written in the
// message's language.
type Localized interface{ In(vocab.Lang) string }

// In is the message in l.
func (m Message) In(l vocab.Lang) string {
	args := m.Args
	for i, a := range m.Args {
		if t, ok := a.(Localized); ok {
			if &args[0] == &m.Args[0] {
				args = append([]any(nil), m.Args...)
			}
			args[i] = t.In(l)
		}
	}
	return Messages.In(l, m.ID, args...)
}

// String is the message in English.
func (m Message) String() string { return m.In(vocab.English) }

// mapText is m with f applied to every text argument, through the
// messages inside it.
func (m Message) mapText(f func(string) string) Message {
	if len(m.Args) == 0 {
		return m
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		switch a := a.(type) {
		case string:
			args[i] = f(a)
		case Message:
			args[i] = a.mapText(f)
		default:
			args[i] = a
		}
	}
	return Message{ID: m.ID, Args: args}
}

// Messages are the texts of the problems found in exports' rows and of
// the columns' rules, in Persian and English. The English texts are the
// ones rank has always printed (scripts and analysts grep them): change
// one only on purpose. A cell as written is quoted %q in English and
// «%s» in Persian.
var Messages = vocab.Catalogue{
	// A cell against its column's rule: "<rule>, got "<cell>"".
	"got":      {EN: `%s, got %q`, FA: `%s؛ مقدار واردشده: «%s»`},
	"required": {EN: "is required", FA: "خالی است؛ این ستون باید پر شود"},
	"not_utf8": {EN: "is not UTF-8 text (a row saved in another encoding, such as Windows-1256?)",
		FA: "متن UTF-8 نیست؛ شاید این ردیف با کدگذاری دیگری، مانند Windows-1256، ذخیره شده است"},
	"must_be": {EN: "must be %s", FA: "باید %s باشد"},

	// What a cell must be, after "must be" and in the templates' guides.
	"a_number":                     {EN: "a number", FA: "عدد"},
	"a_number_at_least":            {EN: "a number ≥ %s", FA: "عددی برابر با %s یا بیشتر"},
	"a_number_at_most":             {EN: "a number ≤ %s", FA: "عددی برابر با %s یا کمتر"},
	"a_number_from_to":             {EN: "a number from %s to %s", FA: "عددی از %s تا %s"},
	"a_whole_number":               {EN: "a whole number", FA: "عدد صحیح"},
	"a_whole_number_at_least":      {EN: "a whole number ≥ %s", FA: "عدد صحیحی برابر با %s یا بیشتر"},
	"a_whole_number_at_most":       {EN: "a whole number ≤ %s", FA: "عدد صحیحی برابر با %s یا کمتر"},
	"a_whole_number_from_to":       {EN: "a whole number from %s to %s", FA: "عدد صحیحی از %s تا %s"},
	"a_period":                     {EN: "a period such as 1404-H1 (H1 = months 1–6, H2 = months 7–12)", FA: "دوره‌ای مانند 1404-H1 (H1 شش‌ماهه اول، ماه‌های ۱ تا ۶؛ H2 شش‌ماهه دوم، ماه‌های ۷ تا ۱۲)"},
	"a_date":                       {EN: "a Jalali date YYYY/MM/DD", FA: "تاریخ شمسی به شکل YYYY/MM/DD، مانند 1404/07/03"},
	"a_date_time":                  {EN: "a Jalali date YYYY/MM/DD, with or without a time HH:MM", FA: "تاریخ شمسی، با ساعت یا بی ساعت، به شکل YYYY/MM/DD HH:MM، مانند 1404/07/03 14:30"},
	"ten_digits":                   {EN: "10 digits", FA: "۱۰ رقم"},
	"one_of":                       {EN: "one of %s", FA: "یکی از %s"},
	"province":                     {EN: "must be one of the 31 provinces, by Persian or English name", FA: "باید نام فارسی یا انگلیسی یکی از ۳۱ استان باشد"},
	"date_year":                    {EN: "year %d is not a Jalali year such as 1404", FA: "سال %d سالی شمسی مانند ۱۴۰۴ نیست"},
	"date_month":                   {EN: "month %d is not 1–12", FA: "ماه %d نادرست است؛ ماه‌ها از ۱ تا ۱۲ هستند"},
	"date_day":                     {EN: "is not a day of the Jalali calendar: %d/%02d has %d days", FA: "چنین روزی در تقویم شمسی نیست: ماه %[2]d سال %[1]d، %[3]d روز دارد"},
	"time_of_day":                  {EN: "time %s is not a time of day (00:00–23:59)", FA: "ساعت %s نادرست است؛ ساعت باید از 00:00 تا 23:59 باشد"},
	"national_id_missing":          {EN: "is missing", FA: "وارد نشده است"},
	"national_id_check":            {EN: "has a wrong check digit", FA: "رقم کنترل آن نادرست است"},
	"repeats":                      {EN: "repeats %s of row %d", FA: "%s تکراری است؛ پیش‌تر در ردیف %d آمده است"},
	"repeats_pair":                 {EN: "repeats %s %s of row %d", FA: "%s %s تکراری است؛ پیش‌تر در ردیف %d آمده است"},
	"repeats_area":                 {EN: "repeats the area (province, city, area_type) of row %d", FA: "منطقه (استان، شهر، نوع منطقه) تکراری است؛ پیش‌تر در ردیف %d آمده است"},
	"not_in_registry":              {EN: "%q is not in the registry", FA: "«%s» در فهرست دفاتر نیست"},
	"not_in_registry_row_in_error": {EN: "%q is not in the registry (its row %d in %s is in error)", FA: "«%s» در فهرست دفاتر نیست (ردیف %d آن در %s خطا دارد)"},
	"not_in_file":                  {EN: "%q is not in %s", FA: "«%s» در %s نیست"},
	"not_an_indicator":             {EN: "%q is not an indicator of these rules (%s)", FA: "«%s» از شاخص‌های این روش نیست (%s)"},
	"one_period":                   {EN: "is %q, but row %d's is %q: a ranking.csv holds one period", FA: "«%s» است، ولی دوره ردیف %d «%s» است: هر ranking.csv یک دوره دارد"},
	"as_is":                        {EN: "%s", FA: "%s"}, // an error of another package, in English only
	"malformed_csv":                {EN: "malformed CSV: %s (line %d, column %d)", FA: "ساختار CSV نادرست است: %s (سطر %d، ستون %d)"},

	// The templates' guides.
	"guide_required":    {EN: "required", FA: "الزامی"},
	"guide_optional":    {EN: "optional", FA: "اختیاری"},
	"guide_unique":      {EN: "required, unique", FA: "الزامی، بدون تکرار"},
	"guide_registry":    {EN: "an office code of the registry", FA: "کد یکی از دفاتر فهرست دفاتر"},
	"guide_national_id": {EN: "ten digits with a valid check digit", FA: "ده رقم با رقم کنترل درست"},
	"guide_date":        {EN: "a Jalali date YYYY/MM/DD, e.g. 1404/02/15", FA: "تاریخ شمسی به شکل YYYY/MM/DD، مانند 1404/02/15"},
	"guide_date_time":   {EN: "a Jalali date YYYY/MM/DD with an optional time HH:MM, e.g. 1404/02/15 14:30", FA: "تاریخ شمسی به شکل YYYY/MM/DD و در صورت نیاز ساعت HH:MM، مانند 1404/02/15 14:30"},
	"guide_province":    {EN: "one of the 31 provinces, in Persian or English", FA: "یکی از ۳۱ استان، به فارسی یا انگلیسی"},
}
