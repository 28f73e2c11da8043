package report

import (
	"sort"
	"strconv"
)

// The Persian labels of the ids the engine speaks in. An id without a label
// is shown as it is.
var (
	areaFA = map[string]string{"urban": "شهری", "rural": "روستایی"}

	officeTypeFA = map[string]string{
		"pishkhan":      "دفتر پیشخوان خدمات دولت",
		"public_nongov": "دفتر بخش عمومی غیردولتی",
		"rural_ict":     "دفتر ICT روستایی",
	}

	statusFA = map[string]string{
		"participating":     "مشارکت",
		"carried_forward":   "انتقال از دوره قبل",
		"not_participating": "عدم مشارکت",
	}

	reviewFA = map[string]string{
		"confirmed": "تایید شده",
		"rejected":  "رد شده",
		"pending":   "در انتظار بررسی",
	}

	violationFA = map[string]string{
		"overcharging":            "دریافت وجه مازاد",
		"forgery":                 "جعل مدارک",
		"unauthorized_relocation": "تغییر مکان بدون مجوز",
		"no_accessibility":        "نبود امکانات معلولان و سالمندان",
	}

	rulingFA = map[string]string{
		"final":     "قطعی",
		"appealed":  "تجدیدنظر",
		"dismissed": "مختومه",
	}

	reasonFA = map[string]string{
		"outside_period":    "خارج از دوره",
		"not_final":         "رأی غیرقطعی",
		"capped":            "سقف کسر امتیاز",
		"not_participating": "دفتر بدون مشارکت",
	}

	kindFA = map[string]string{
		"offices":      "دفاتر",
		"declarations": "خوداظهاری‌ها",
		"surveys":      "نظرسنجی‌ها",
		"violations":   "تخلفات",
		"services":     "خدمات",
	}
)

func fa(m map[string]string, id string) string {
	if s, ok := m[id]; ok {
		return s
	}
	return id
}

func yesNo(b bool) string {
	if b {
		return "بله"
	}
	return "خیر"
}

func itoa(n int) string { return strconv.Itoa(n) }

func sortStrings(s []string) { sort.Strings(s) }
