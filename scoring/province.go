package scoring

import "strings"

// Province is one of Iran's 31 provinces, coded as the Statistical Centre
// of Iran codes them (ISO 3166-2 IR-00 … IR-30).
type Province struct {
	Code    string // "01"
	Slug    string // "gilan"
	Persian string // "گیلان"
	English string // "Gilan"
}

// Provinces lists the 31 provinces in code order.
var Provinces = []Province{
	{"00", "markazi", "مرکزی", "Markazi"},
	{"01", "gilan", "گیلان", "Gilan"},
	{"02", "mazandaran", "مازندران", "Mazandaran"},
	{"03", "east-azerbaijan", "آذربایجان شرقی", "East Azerbaijan"},
	{"04", "west-azerbaijan", "آذربایجان غربی", "West Azerbaijan"},
	{"05", "kermanshah", "کرمانشاه", "Kermanshah"},
	{"06", "khuzestan", "خوزستان", "Khuzestan"},
	{"07", "fars", "فارس", "Fars"},
	{"08", "kerman", "کرمان", "Kerman"},
	{"09", "razavi-khorasan", "خراسان رضوی", "Razavi Khorasan"},
	{"10", "isfahan", "اصفهان", "Isfahan"},
	{"11", "sistan-baluchestan", "سیستان و بلوچستان", "Sistan and Baluchestan"},
	{"12", "kurdistan", "کردستان", "Kurdistan"},
	{"13", "hamadan", "همدان", "Hamadan"},
	{"14", "chaharmahal-bakhtiari", "چهارمحال و بختیاری", "Chaharmahal and Bakhtiari"},
	{"15", "lorestan", "لرستان", "Lorestan"},
	{"16", "ilam", "ایلام", "Ilam"},
	{"17", "kohgiluyeh-boyer-ahmad", "کهگیلویه و بویراحمد", "Kohgiluyeh and Boyer-Ahmad"},
	{"18", "bushehr", "بوشهر", "Bushehr"},
	{"19", "zanjan", "زنجان", "Zanjan"},
	{"20", "semnan", "سمنان", "Semnan"},
	{"21", "yazd", "یزد", "Yazd"},
	{"22", "hormozgan", "هرمزگان", "Hormozgan"},
	{"23", "tehran", "تهران", "Tehran"},
	{"24", "ardabil", "اردبیل", "Ardabil"},
	{"25", "qom", "قم", "Qom"},
	{"26", "qazvin", "قزوین", "Qazvin"},
	{"27", "golestan", "گلستان", "Golestan"},
	{"28", "north-khorasan", "خراسان شمالی", "North Khorasan"},
	{"29", "south-khorasan", "خراسان جنوبی", "South Khorasan"},
	{"30", "alborz", "البرز", "Alborz"},
}

var provinceIndex = func() map[string]int {
	m := make(map[string]int, len(Provinces)*5)
	for i, p := range Provinces {
		for _, k := range []string{p.Slug, p.Persian, p.English, strings.ReplaceAll(p.Slug, "-", " ")} {
			m[provinceKey(k)] = i
		}
	}
	return m
}()

// provinceKey folds case, blanks, hyphens and the zero-width non-joiner so
// that "East Azerbaijan", "east-azerbaijan" and "آذربایجان‌شرقی" meet.
func provinceKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '_', '\u200c', '\u200f', '\u200e':
			return -1
		}
		return r
	}, s)
}

// LookupProvince finds a province by Persian name, English name or slug.
// The text is expected already normalised (Persian ی/ک).
func LookupProvince(name string) (Province, bool) {
	i, ok := provinceIndex[provinceKey(name)]
	if !ok {
		return Province{}, false
	}
	return Provinces[i], true
}

// ProvinceBySlug finds a province by its slug.
func ProvinceBySlug(slug string) (Province, bool) { return LookupProvince(slug) }
