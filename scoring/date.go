package scoring

import (
	"fmt"
	"strconv"
	"strings"
)

// Date is a day of the Jalali (Solar Hijri) calendar.
type Date struct {
	Year, Month, Day int
}

// IsLeap reports whether Jalali year y has 30 days in Esfand, by the
// 33-year arithmetic rule the regulator's system uses.
func IsLeap(y int) bool {
	r := (25*y + 11) % 33
	if r < 0 {
		r += 33
	}
	return r < 8
}

// MonthLength is the number of days of month m of Jalali year y.
func MonthLength(y, m int) int {
	switch {
	case m >= 1 && m <= 6:
		return 31
	case m >= 7 && m <= 11:
		return 30
	case m == 12 && IsLeap(y):
		return 30
	case m == 12:
		return 29
	}
	return 0
}

// Valid reports whether d names a real day.
func (d Date) Valid() bool {
	return d.Year >= 1 && d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= MonthLength(d.Year, d.Month)
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(d.Month - e.Month)
	}
	return sign(d.Day - e.Day)
}

func sign(x int) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}

// IsZero reports whether d is the zero Date (no date).
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as YYYY/MM/DD. Reports print a date per ruling and per
// office: the common case is written digit by digit, not through fmt.
func (d Date) String() string {
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		return fmt.Sprintf("%04d/%02d/%02d", d.Year, d.Month, d.Day)
	}
	b := [10]byte{
		byte('0' + d.Year/1000), byte('0' + d.Year/100%10), byte('0' + d.Year/10%10), byte('0' + d.Year%10), '/',
		byte('0' + d.Month/10), byte('0' + d.Month%10), '/',
		byte('0' + d.Day/10), byte('0' + d.Day%10),
	}
	return string(b[:])
}

// FullYears is the number of whole Jalali years from d to e (0 when e is
// before d). An anniversary that falls on a day month 12 lacks (30 Esfand of a
// leap year) has not arrived until the year ends.
func FullYears(d, e Date) int {
	n := e.Year - d.Year
	if e.Month < d.Month || (e.Month == d.Month && e.Day < d.Day) {
		n--
	}
	return max(n, 0)
}

// FullMonths is the number of whole Jalali months from d to e (0 when e is
// before d).
func FullMonths(d, e Date) int {
	n := (e.Year-d.Year)*12 + e.Month - d.Month
	if e.Day < d.Day {
		n--
	}
	return max(n, 0)
}

// Period is a half of a Jalali year: H1 is months 1–6, H2 months 7–12.
type Period struct {
	Year int
	Half int // 1 or 2
}

// ParsePeriod reads "1404-H1" style periods (case-insensitive H).
func ParsePeriod(s string) (Period, error) {
	y, h, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok || len(h) != 2 || (h[0] != 'H' && h[0] != 'h') || (h[1] != '1' && h[1] != '2') {
		return Period{}, fmt.Errorf("period %q: want YEAR-H1 or YEAR-H2, e.g. 1404-H1", s)
	}
	year, err := strconv.Atoi(y)
	if err != nil || year < 1 || year > 9999 {
		return Period{}, fmt.Errorf("period %q: year must be a Jalali year such as 1404", s)
	}
	return Period{Year: year, Half: int(h[1] - '0')}, nil
}

// String formats p as "1404-H1".
func (p Period) String() string { return fmt.Sprintf("%d-H%d", p.Year, p.Half) }

// Start is the first day of p.
func (p Period) Start() Date {
	if p.Half == 1 {
		return Date{p.Year, 1, 1}
	}
	return Date{p.Year, 7, 1}
}

// End is the last day of p.
func (p Period) End() Date {
	if p.Half == 1 {
		return Date{p.Year, 6, 31}
	}
	return Date{p.Year, 12, MonthLength(p.Year, 12)}
}

// Contains reports whether d falls within p.
func (p Period) Contains(d Date) bool {
	return !d.Before(p.Start()) && !p.End().Before(d)
}

// Previous is the period just before p (1404-H1 follows 1403-H2).
func (p Period) Previous() Period {
	if p.Half == 2 {
		return Period{p.Year, 1}
	}
	return Period{p.Year - 1, 2}
}
