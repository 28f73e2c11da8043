package ingest

import (
	"fmt"
	"strings"
)

// A column of an export kind: its canonical English name and its Persian
// header.
type column struct {
	name, persian string
	aliases       []string // further headers (a rules file's headers)
}

func (c column) String() string { return c.name + " (" + c.persian + ")" }

// ColumnError is a header problem that makes a file unreadable: a required
// column missing, or one given twice.
type ColumnError struct {
	Column   string   // canonical English name
	Aliases  []string // the other headers accepted for it
	Repeated []int    // 1-based positions, when the column is given twice
}

func (e *ColumnError) Error() string {
	name := e.Column
	if len(e.Aliases) > 0 {
		name += " (" + strings.Join(e.Aliases, ", ") + ")"
	}
	if len(e.Repeated) > 0 {
		return fmt.Sprintf("column %s given twice, in columns %d and %d; keep one", name, e.Repeated[0], e.Repeated[1])
	}
	return "missing column " + name
}

// mapHeader finds each column of cols in the header and returns their
// positions, with the header cells that matched none (ignored).
func mapHeader(header []string, cols []column) (pos []int, ignored []string, err error) {
	pos = make([]int, len(cols))
	for i := range pos {
		pos[i] = -1
	}
	index := make(map[string]int, 2*len(cols))
	for i, c := range cols {
		index[fold(c.name)] = i
		index[fold(c.persian)] = i
		for _, a := range c.aliases {
			index[fold(a)] = i
		}
	}
	for j, h := range header {
		i, ok := index[fold(h)]
		switch {
		case ok && pos[i] >= 0:
			return nil, nil, &ColumnError{Column: cols[i].name, Aliases: []string{cols[i].persian}, Repeated: []int{pos[i] + 1, j + 1}}
		case ok:
			pos[i] = j
		case !blankCell(h):
			ignored = append(ignored, Normalize(h))
		}
	}
	for i, p := range pos {
		if p < 0 {
			return nil, nil, &ColumnError{Column: cols[i].name, Aliases: []string{cols[i].persian}}
		}
	}
	return pos, ignored, nil
}

// A category is a closed set of values, each an id and a Persian label,
// matched leniently (see fold) by either or by further aliases.
type category struct {
	values []categoryValue
	index  map[string]string // folded text -> id
	exact  map[string]string // each id, label and alias as written -> what index gives for it
}

type categoryValue struct {
	id, persian string
	aliases     []string
}

func newCategory(values ...categoryValue) *category {
	c := &category{values: values, index: map[string]string{}, exact: map[string]string{}}
	for _, v := range values {
		c.index[fold(v.id)] = v.id
		c.index[fold(v.persian)] = v.id
		for _, a := range v.aliases {
			c.index[fold(a)] = v.id
		}
	}
	// Most cells hold a value exactly as listed: they skip folding.
	for _, v := range values {
		for _, s := range append([]string{v.id, v.persian}, v.aliases...) {
			c.exact[s] = c.index[fold(s)]
		}
	}
	return c
}

// lookup returns the id the text names.
func (c *category) lookup(s string) (string, bool) {
	if id, ok := c.exact[s]; ok {
		return id, true
	}
	id, ok := c.index[fold(s)]
	return id, ok
}

// rule is the message for a value outside the category.
func (c *category) rule() string {
	parts := make([]string, len(c.values))
	for i, v := range c.values {
		parts[i] = v.id + " (" + v.persian + ")"
	}
	return "must be one of " + strings.Join(parts, ", ")
}

var (
	areaTypes = newCategory(
		categoryValue{"urban", "شهری", []string{"شهر"}},
		categoryValue{"rural", "روستایی", []string{"روستا"}},
	)
	officeTypes = newCategory(
		categoryValue{"pishkhan", "دفتر پیشخوان خدمات دولت", []string{
			"پیشخوان", "دفتر پیشخوان", "پیشخوان خدمات دولت", "پیشخوان دولت"}},
		categoryValue{"public_nongov", "دفتر بخش عمومی غیردولتی", []string{
			"بخش عمومی غیردولتی", "عمومی غیردولتی", "غیردولتی", "دفتر خدمات بخش عمومی", "public non-governmental"}},
		categoryValue{"rural_ict", "دفتر ارتباطات و فناوری اطلاعات (ICT) روستایی", []string{
			"دفتر ارتباطات و فناوری اطلاعات روستایی", "ارتباطات و فناوری اطلاعات روستایی",
			"ICT روستایی", "روستایی ICT", "دفتر ICT روستایی", "ICT", "rural ICT"}},
	)
	locationClasses = newCategory(
		categoryValue{"main_street", "خیابان اصلی", []string{"اصلی"}},
		categoryValue{"secondary_street", "خیابان فرعی", []string{"فرعی"}},
		categoryValue{"alley", "کوچه", nil},
	)
	reviewStatuses = newCategory(
		categoryValue{"confirmed", "تایید شده", []string{"تایید", "تأیید شده", "تائید شده"}},
		categoryValue{"rejected", "رد شده", []string{"رد"}},
		categoryValue{"pending", "در انتظار بررسی", []string{"در انتظار", "در حال بررسی"}},
	)
	violationTypes = newCategory(
		categoryValue{"overcharging", "دریافت وجه مازاد", []string{"دریافت وجه اضافی", "اخذ وجه مازاد"}},
		categoryValue{"forgery", "جعل مدارک", []string{"جعل", "جعل اسناد"}},
		categoryValue{"unauthorized_relocation", "تغییر مکان بدون مجوز", []string{"جابجایی بدون مجوز", "جابه‌جایی بدون مجوز"}},
		categoryValue{"no_accessibility", "نبود امکانات معلولان و سالمندان", []string{"نبود امکانات معلولین و سالمندان"}},
	)
	rulingStatuses = newCategory(
		categoryValue{"final", "قطعی", nil},
		categoryValue{"appealed", "تجدیدنظر", []string{"در تجدیدنظر", "تجدید نظر خواهی"}},
		categoryValue{"dismissed", "مختومه", nil},
	)
)
