package ingest

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
	"github.com/jalaali/go-jalaali"
	"github.com/xuri/excelize/v2"
)

// Jalali years a date may have: anything outside is a typing mistake or a
// Gregorian date, which would otherwise pass as a valid, far-off Jalali one.
const (
	minYear = 1200
	maxYear = 1699
)

var errDateFormat = mustBe("a_date")

// ruleError is a value that breaks a rule; it carries the rule's message,
// which a problem renders in either language.
type ruleError struct{ msg export.Message }

func (e *ruleError) Error() string { return e.msg.String() }

func ruleErr(id string, args ...any) *ruleError { return &ruleError{export.Msg(id, args...)} }

// mustBe is the error "must be <what>".
func mustBe(what string) *ruleError { return ruleErr("must_be", export.Msg(what)) }

// ruleOf is the message of an error of this file's parsers.
func ruleOf(err error) export.Message {
	var r *ruleError
	if errors.As(err, &r) {
		return r.msg
	}
	return export.Msg("as_is", err.Error())
}

// ParseDate reads a Jalali date written YYYY/MM/DD or YYYY-MM-DD, with or
// without zero padding and in any digits (1404/7/3, ۱۴۰۴-۰۷-۰۳). The day
// must exist: months 1–6 have 31 days, 7–11 have 30, and 12 has 29, or 30
// in a leap year.
func ParseDate(s string) (scoring.Date, error) {
	d, ok := splitDate(Normalize(s))
	if !ok {
		return scoring.Date{}, errDateFormat
	}
	return checkDate(d)
}

// splitDate reads the three numbers of a date written in ASCII digits as
// YYYY/M/D or YYYY-M-D (months and days of one or two digits); ok is false
// when the text has another shape. The day is not checked.
func splitDate[T ~string | ~[]byte](s T) (d scoring.Date, ok bool) {
	sep := byte('-')
	for i := 0; i < len(s); i++ {
		if s[i] == '/' {
			sep = '/'
			break
		}
	}
	var v [3]int
	part, width := 0, 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == sep {
			if width == 0 || part == 0 && width != 4 || part > 0 && width > 2 || part == 2 && i < len(s) {
				return scoring.Date{}, false
			}
			part, width = part+1, 0
			continue
		}
		if s[i] < '0' || s[i] > '9' {
			return scoring.Date{}, false
		}
		v[part] = v[part]*10 + int(s[i]-'0')
		width++
	}
	if part != 3 {
		return scoring.Date{}, false
	}
	return scoring.Date{Year: v[0], Month: v[1], Day: v[2]}, true
}

func checkDate(d scoring.Date) (scoring.Date, error) {
	switch {
	case d.Year < minYear || d.Year > maxYear:
		return scoring.Date{}, ruleErr("date_year", d.Year)
	case d.Month < 1 || d.Month > 12:
		return scoring.Date{}, ruleErr("date_month", d.Month)
	case !d.Valid():
		return scoring.Date{}, ruleErr("date_day", d.Year, d.Month, scoring.MonthLength(d.Year, d.Month))
	}
	return d, nil
}

// excelDate reads a date cell of a workbook: a Jalali date as text, or a
// date Excel stored as a serial day number of the Gregorian calendar.
func excelDate(s string, date1904 bool) (scoring.Date, error) {
	d, err := ParseDate(s)
	if !errors.Is(err, errDateFormat) {
		return d, err
	}
	x, nerr := ParseNumber(s)
	if nerr != nil || x < 1 || x > 2958465 { // 9999-12-31
		return d, err
	}
	t, terr := excelize.ExcelDateToTime(x, date1904)
	if terr != nil {
		return d, err
	}
	jy, jm, jd, jerr := jalaali.ToJalaali(t.Year(), t.Month(), t.Day())
	if jerr != nil {
		return d, err
	}
	return checkDate(scoring.Date{Year: jy, Month: int(jm), Day: jd})
}

// ParseNumber reads a decimal number in ASCII, Persian or Arabic-Indic
// digits, with '.' or the Persian '٫' as decimal separator and optional
// Persian '٬' thousands separators. Exponents are accepted because Excel
// writes very small and very large numbers so; NaN, infinities and hex are
// not.
func ParseNumber(s string) (float64, error) {
	s = Normalize(s)
	if strings.ContainsAny(s, "٫٬") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "٬", ""), "٫", ".")
	}
	if !decimal(s) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(x, 0) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return x, nil
}

// decimal reports whether s is [+-]digits[.digits][e[+-]digits] with at
// least one digit before the exponent.
func decimal(s string) bool {
	i, digits := 0, 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

// ParseWhole reads a whole number as ParseNumber does; "3" and "3.0" (as
// Excel may write it) are whole, "2.5" is not.
func ParseWhole(s string) (int, error) {
	x, err := ParseNumber(s)
	if err != nil {
		return 0, err
	}
	if x != math.Trunc(x) || math.Abs(x) > 1e15 {
		return 0, fmt.Errorf("%v is not a whole number", x)
	}
	return int(x), nil
}

// ParseNationalID checks an Iranian national id (کد ملی) and returns it as
// its 10 digits. The last digit is a check digit: s = Σ dᵢ·(10−i) over the
// first nine, r = s mod 11, check = r if r < 2 else 11 − r. Ids of 8 or 9
// digits are padded with the leading zeros Excel drops from numbers, and
// dashes are ignored.
func ParseNationalID(s string) (string, error) {
	s = strings.ReplaceAll(Normalize(s), "-", "")
	if s == "" {
		return "", ruleErr("national_id_missing")
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", mustBe("ten_digits")
		}
	}
	switch len(s) {
	case 8:
		s = "00" + s
	case 9:
		s = "0" + s
	case 10:
	default:
		return "", mustBe("ten_digits")
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(s[i]-'0') * (10 - i)
	}
	check := sum % 11
	if check >= 2 {
		check = 11 - check
	}
	if int(s[9]-'0') != check {
		return "", ruleErr("national_id_check")
	}
	return s, nil
}

var errTimeFormat = mustBe("a_date_time")

// ParseDateTime reads a Jalali date with an optional time of day, HH:MM or
// HH:MM:SS after a space or a T, in any digits (۱۴۰۴/۰۳/۱۵ ۱۴:۳۰). The
// time must exist (00:00–23:59); only the date is returned.
func ParseDateTime(s string) (scoring.Date, error) {
	s = Normalize(s)
	date, clock, hasTime := strings.Cut(s, " ")
	if !hasTime {
		date, clock, hasTime = strings.Cut(s, "T")
	}
	d, err := ParseDate(date)
	if err != nil {
		if errors.Is(err, errDateFormat) && hasTime {
			return d, errTimeFormat
		}
		return d, err
	}
	if hasTime {
		if err := checkClock(strings.TrimSpace(clock)); err != nil {
			return scoring.Date{}, err
		}
	}
	return d, nil
}

func checkClock(s string) error {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return errTimeFormat
	}
	limits := []int{23, 59, 59}
	for i, p := range parts {
		if len(p) == 0 || len(p) > 2 {
			return errTimeFormat
		}
		n := 0
		for j := 0; j < len(p); j++ {
			if p[j] < '0' || p[j] > '9' {
				return errTimeFormat
			}
			n = n*10 + int(p[j]-'0')
		}
		if n > limits[i] {
			return ruleErr("time_of_day", s)
		}
	}
	return nil
}

// excelDateTime reads a date and time cell of a workbook: text, or an
// Excel serial date whose fraction is the time of day.
func excelDateTime(s string, date1904 bool) (scoring.Date, error) {
	if x, err := ParseNumber(s); err == nil && x >= 1 {
		return excelDate(strconv.Itoa(int(x)), date1904)
	}
	return ParseDateTime(s)
}
