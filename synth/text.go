package synth

import (
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
)

// headers are the English column names of each kind, in the order written:
// the schema's.
var headers = func() map[Kinds][]string {
	m := map[Kinds][]string{}
	for _, k := range kindNames {
		m[k.kind] = export.Lookup(k.name).Names()
	}
	return m
}()

// persianHeader is the Persian header of the column named name of kind k.
func persianHeader(k Kinds, name string) (string, bool) {
	if c := export.Lookup(k.String()).Column(name); c != nil && c.Persian != "" {
		return c.Persian, true
	}
	return "", false
}

// persianValues are the official Persian labels of the category ids.
var persianValues = func() map[string]string {
	m := map[string]string{}
	for _, c := range export.Categories {
		for _, v := range c.Values {
			m[v.ID] = v.Persian
		}
	}
	return m
}()

// officeLabels start the offices' names.
var officeLabels = map[string]string{
	"pishkhan":      "دفتر پیشخوان",
	"public_nongov": "دفتر خدمات بخش عمومی",
	"rural_ict":     "دفتر ICT روستایی",
}

// cities are a few cities of each province, the capital first, in
// scoring.Provinces order.
var cities = [][]string{
	{"اراک", "ساوه", "خمین", "محلات"},
	{"رشت", "بندر انزلی", "لاهیجان", "لنگرود", "آستارا", "تالش", "فومن", "صومعه‌سرا", "رودسر", "آستانه اشرفیه", "رودبار", "ماسال", "شفت", "سیاهکل", "املش", "رضوانشهر"},
	{"ساری", "بابل", "آمل", "قائم‌شهر", "نوشهر"},
	{"تبریز", "مراغه", "مرند", "میانه", "اهر"},
	{"ارومیه", "خوی", "مهاباد", "میاندوآب", "بوکان"},
	{"کرمانشاه", "اسلام‌آباد غرب", "هرسین", "کنگاور"},
	{"اهواز", "دزفول", "آبادان", "خرمشهر", "بهبهان"},
	{"شیراز", "مرودشت", "کازرون", "جهرم", "فسا"},
	{"کرمان", "رفسنجان", "سیرجان", "بم", "جیرفت"},
	{"مشهد", "نیشابور", "سبزوار", "تربت حیدریه", "قوچان"},
	{"اصفهان", "کاشان", "خمینی‌شهر", "نجف‌آباد", "شاهین‌شهر"},
	{"زاهدان", "زابل", "ایرانشهر", "چابهار"},
	{"سنندج", "سقز", "مریوان", "بانه"},
	{"همدان", "ملایر", "نهاوند", "تویسرکان"},
	{"شهرکرد", "بروجن", "فارسان"},
	{"خرم‌آباد", "بروجرد", "دورود", "الیگودرز"},
	{"ایلام", "دهلران", "ایوان"},
	{"یاسوج", "دوگنبدان", "دهدشت"},
	{"بوشهر", "برازجان", "گناوه"},
	{"زنجان", "ابهر", "خرمدره"},
	{"سمنان", "شاهرود", "دامغان", "گرمسار"},
	{"یزد", "میبد", "اردکان"},
	{"بندرعباس", "میناب", "قشم", "بندر لنگه"},
	{"تهران", "اسلامشهر", "شهریار", "ورامین", "قدس"},
	{"اردبیل", "پارس‌آباد", "مشگین‌شهر"},
	{"قم", "جعفریه"},
	{"قزوین", "تاکستان", "الوند"},
	{"گرگان", "گنبد کاووس", "علی‌آباد کتول"},
	{"بجنورد", "شیروان", "اسفراین"},
	{"بیرجند", "قائن", "فردوس"},
	{"کرج", "فردیس", "نظرآباد", "هشتگرد"},
}

// notes fill the extra "توضیحات" column of a quirky registry.
var notes = []string{"انتقال پروانه", "تمدید پروانه", "تغییر نشانی", "دارای شعبه"}

// persianDigits writes the ASCII digits of s as Persian digits ۰–۹.
func persianDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			r += '۰' - '0'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// arabicLetters writes Persian ی and ک as the Arabic ي and ك.
func arabicLetters(s string) string {
	return strings.NewReplacer("ی", "ي", "ک", "ك").Replace(s)
}

// padded formats d as YYYY/MM/DD.
func padded(d scoring.Date) string {
	return string(appendDate(nil, d, '/', true))
}

func appendDate(b []byte, d scoring.Date, sep byte, pad bool) []byte {
	b = strconv.AppendInt(b, int64(d.Year), 10)
	for _, x := range [2]int{d.Month, d.Day} {
		b = append(b, sep)
		if pad && x < 10 {
			b = append(b, '0')
		}
		b = strconv.AppendInt(b, int64(x), 10)
	}
	return b
}

// encode1256 encodes s in Windows-1256. What the code page lacks is written
// the way Windows writes it: Persian ی as the Arabic ي, Persian and
// Arabic-Indic digits as ASCII digits.
func encode1256(s string) []byte {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r < 0x80 {
			b = append(b, byte(r))
			continue
		}
		if c, ok := charmap.Windows1256.EncodeRune(r); ok {
			b = append(b, c)
			continue
		}
		switch {
		case r == 'ی':
			r = 'ي'
		case r >= '۰' && r <= '۹':
			r = '0' + r - '۰'
		case r >= '٠' && r <= '٩':
			r = '0' + r - '٠'
		default:
			r = '?'
		}
		c, _ := charmap.Windows1256.EncodeRune(r)
		b = append(b, c)
	}
	return b
}

// nationalID completes nine digits with the check digit of the national id.
func nationalID(nine [9]int) string {
	b := make([]byte, 10)
	s := 0
	for i, d := range nine {
		b[i] = byte('0' + d)
		s += d * (10 - i)
	}
	b[9] = byte('0' + checkDigit(s))
	return string(b)
}

func checkDigit(s int) int {
	if r := s % 11; r < 2 {
		return r
	}
	return 11 - s%11
}
