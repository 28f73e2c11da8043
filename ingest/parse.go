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
// without zero padding and in any digits (1404/7/3, ۱۴۰۴-۰۷-۰۳), or
// YYYYMMDD as databases keep it in a number (14040703). The day
// must exist: months 1–6 have 31 days, 7–11 have 30, and 12 has 29, or 30
// in a leap year. A time of day may follow, HH:MM or HH:MM:SS after a
// space or a T (1404/06/04 14:30:12), as survey and other systems write
// their dates; it must be a real time (00:00–23:59:59) and is not kept.
func ParseDate(s string) (scoring.Date, error) {
	s = Normalize(s)
	if d, ok := splitDate(s); ok {
		return checkDate(d)
	}
	// Say which part is wrong.
	date, clock, hasTime := cutClock(s)
	if !hasTime {
		return scoring.Date{}, errDateFormat
	}
	if _, ok := splitDate(date); !ok {
		return scoring.Date{}, errTimeFormat
	}
	if err := checkClock(clock); err != nil {
		return scoring.Date{}, err
	}
	return scoring.Date{}, errTimeFormat
}

// splitDate reads the three numbers of a date written in ASCII digits as
// YYYY/M/D or YYYY-M-D (months and days of one or two digits) or
// YYYYMMDD, with or without a time of day after it (see clockOK); ok is
// false when the text has another shape or the time is not a time of day.
// The day is not checked.
func splitDate[T ~string | ~[]byte](s T) (d scoring.Date, ok bool) {
	end := len(s)
	sep := byte('-')
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '/':
			sep = '/'
			continue
		case ' ', 'T':
			if !clockOK(s[i:]) {
				return scoring.Date{}, false
			}
			end = i
		default:
			continue
		}
		break
	}
	if end == 8 {
		// YYYYMMDD, as databases keep a Jalali date in a number.
		var n [8]int
		digits := true
		for i := 0; i < 8 && digits; i++ {
			n[i] = int(s[i] - '0')
			digits = s[i] >= '0' && s[i] <= '9'
		}
		if digits {
			return scoring.Date{Year: n[0]*1000 + n[1]*100 + n[2]*10 + n[3], Month: n[4]*10 + n[5], Day: n[6]*10 + n[7]}, true
		}
	}
	var v [3]int
	part, width := 0, 0
	for i := 0; i <= end; i++ {
		if i == end || s[i] == sep {
			if width == 0 || part == 0 && width != 4 || part > 0 && width > 2 || part == 2 && i < end {
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

// clockOK reports whether s, what follows a date, is a time of day: one or
// more spaces or a T, then H:MM or HH:MM, optionally :SS, within
// 00:00–23:59:59 (parts of one or two digits, as checkClock takes them).
func clockOK[T ~string | ~[]byte](s T) bool {
	i := 1
	if s[0] == ' ' {
		for i < len(s) && s[i] == ' ' {
			i++
		}
	}
	limits := [3]int{23, 59, 59}
	part := 0
	for {
		n, width := 0, 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			n = n*10 + int(s[i]-'0')
			width++
		}
		if width == 0 || width > 2 || n > limits[part] {
			return false
		}
		part++
		if i == len(s) {
			return part >= 2
		}
		if s[i] != ':' || part == 3 {
			return false
		}
		i++
	}
}

// cutClock splits a date from a time of day after it, at the first space
// or T.
func cutClock(s string) (date, clock string, ok bool) {
	i := strings.IndexAny(s, " T")
	if i < 0 {
		return s, "", false
	}
	return s[:i], strings.TrimLeft(s[i+1:], " "), true
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
// digits, with '.' or the Persian '٫' as decimal separator, and ',' or
// the Persian '٬' as thousands separator in groups of three (1,200,
// ۱٬۲۰۰, 1٬200.5). Exponents are accepted because Excel writes very small
// and very large numbers so; NaN, infinities and hex are not. A comma
// that cannot separate thousands (1,5 or 12,34) is refused rather than
// guessed at: it is a decimal comma only in a file separated by
// semicolons (see parseNumber).
func ParseNumber(s string) (float64, error) { return parseNumber(s, false) }

// parseNumber reads a number as ParseNumber does. In a file whose lists
// are separated by semicolons (decimalComma), as Excel writes CSV where
// the decimal separator is a comma, a lone comma is the decimal separator
// (9,5) and '.' may separate thousands (1.200,5); a number that reads
// both ways there (1,200 or 1.200: a thousand and two hundred, or one
// and a fifth?) is refused. Written with both marks (1,200.5 or
// 1.200,5), the last one is the decimal separator in any file.
func parseNumber(s string, decimalComma bool) (float64, error) {
	s = Normalize(s)
	t, err := ungroup(s, decimalComma)
	if err != nil {
		return 0, err
	}
	if !decimal(t) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	x, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(x, 0) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return x, nil
}

// ungroup writes a number's thousands and decimal separators as strconv
// reads them: no thousands separators and a '.' for the decimal one.
func ungroup(s string, decimalComma bool) (string, error) {
	var comma, point, lastComma, lastPoint int
	group, dec := false, false // Persian marks
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',':
			comma++
			lastComma = i
		case '.':
			point++
			lastPoint = i
		case 0xd9: // the lead byte of U+066B ٫ and U+066C ٬
			if i+1 < len(s) {
				group = group || s[i+1] == 0xac
				dec = dec || s[i+1] == 0xab
			}
		}
	}
	if comma == 0 && point <= 1 && !group && !dec && (point == 0 || !decimalComma) {
		return s, nil // the common case
	}
	ambiguous := fmt.Errorf("%q is ambiguous: its separator may part thousands or decimals; write it without thousands separators", s)
	// The decimal separator, if any, and the thousands separator.
	var decSep, groupSep string
	switch {
	case dec:
		decSep = "٫"
		switch {
		case group:
			groupSep = "٬"
		case comma > 0:
			groupSep = ","
		case point > 0:
			groupSep = "."
		}
	case comma > 0 && point > 0:
		decSep, groupSep = ".", ","
		if lastComma > lastPoint {
			decSep, groupSep = ",", "."
		}
	case group:
		groupSep = "٬"
		if comma == 1 {
			decSep = ","
		} else if point == 1 {
			decSep = "."
		}
	case comma > 1:
		groupSep = ","
	case point > 1:
		groupSep = "."
	case comma == 1:
		switch {
		case thousands(s, ","):
			if decimalComma {
				return "", ambiguous
			}
			groupSep = ","
		case decimalComma:
			decSep = ","
		default:
			return "", fmt.Errorf("%q is not a number: a comma separates thousands, in groups of three; write a decimal point as '.'", s)
		}
	case point == 1: // in a file with decimal commas
		if thousands(s, ".") {
			return "", ambiguous
		}
		decSep = "."
	}
	whole, frac, hasFrac := s, "", false
	if decSep != "" {
		i := strings.LastIndex(s, decSep)
		whole, frac, hasFrac = s[:i], s[i+len(decSep):], true
	}
	if groupSep != "" {
		if !thousands(whole, groupSep) {
			return "", fmt.Errorf("%q is not a number: thousands separators must part groups of three digits", s)
		}
		whole = strings.ReplaceAll(whole, groupSep, "")
	}
	if strings.ContainsAny(whole, ",.٫٬") || strings.ContainsAny(frac, ",.٫٬") {
		return "", fmt.Errorf("%q is not a number", s)
	}
	if hasFrac {
		return whole + "." + frac, nil
	}
	return whole, nil
}

// thousands reports whether s, the whole part of a number, is an optional
// sign and digits parted by sep into groups of three after a first group
// of one to three; it holds at least one sep.
func thousands(s, sep string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	groups := strings.Split(s, sep)
	if len(groups) < 2 {
		return false
	}
	for i, g := range groups {
		if len(g) == 0 || len(g) > 3 || i > 0 && len(g) != 3 {
			return false
		}
		for j := 0; j < len(g); j++ {
			if g[j] < '0' || g[j] > '9' {
				return false
			}
		}
	}
	return true
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
func ParseWhole(s string) (int, error) { return parseWhole(s, false) }

// parseWhole reads a whole number as parseNumber does.
func parseWhole(s string, decimalComma bool) (int, error) {
	x, err := parseNumber(s, decimalComma)
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

// ParseDateTime reads a Jalali date with an optional time of day, HH:MM
// or HH:MM:SS after a space or a T, in any digits (۱۴۰۴/۰۳/۱۵ ۱۴:۳۰), as
// ParseDate does; only the date is returned.
func ParseDateTime(s string) (scoring.Date, error) { return ParseDate(s) }

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
