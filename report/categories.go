package report

import "github.com/iranict/rank/internal/vocab"

// categoryLabel is how a workbook shows a category value of the exports —
// area_type urban as شهری or urban — in lang. A value its category does
// not list is shown as it is. Categories are named by their export column.
//
// This is the one place report learns the categories' labels; the export
// schema declares them too, and this function is to read them from there.
func categoryLabel(category, id string, lang vocab.Lang) string {
	if t, ok := categoryLabels[category][id]; ok {
		return t.In(lang)
	}
	return id
}

// categoryLabels are the labels the workbooks show for the exports'
// category values. rural_ict is the short "دفتر ICT روستایی" the
// workbooks have always shown, not the registry's full name.
var categoryLabels = map[string]vocab.Catalogue{
	"area_type": {
		"urban": {FA: "شهری", EN: "urban"},
		"rural": {FA: "روستایی", EN: "rural"},
	},
	"office_type": {
		"pishkhan":      {FA: "دفتر پیشخوان خدمات دولت", EN: "government service counter office"},
		"public_nongov": {FA: "دفتر بخش عمومی غیردولتی", EN: "public non-governmental office"},
		"rural_ict":     {FA: "دفتر ICT روستایی", EN: "rural ICT office"},
	},
	"review_status": {
		"confirmed": {FA: "تایید شده", EN: "confirmed"},
		"rejected":  {FA: "رد شده", EN: "rejected"},
		"pending":   {FA: "در انتظار بررسی", EN: "pending"},
	},
	"violation_type": {
		"overcharging":            {FA: "دریافت وجه مازاد", EN: "overcharging"},
		"forgery":                 {FA: "جعل مدارک", EN: "forgery"},
		"unauthorized_relocation": {FA: "تغییر مکان بدون مجوز", EN: "unauthorized relocation"},
		"no_accessibility":        {FA: "نبود امکانات معلولان و سالمندان", EN: "no accessibility"},
	},
	"ruling_status": {
		"final":     {FA: "قطعی", EN: "final"},
		"appealed":  {FA: "تجدیدنظر", EN: "appealed"},
		"dismissed": {FA: "مختومه", EN: "dismissed"},
	},
}
