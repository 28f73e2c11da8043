package report

import (
	"math"
	"strconv"
	"strings"
)

// rendered reports whether a cell is written into the sheet (writeRows and
// book.value leave out blanks, empty text and non-finite numbers with
// decimals).
func rendered(c cell) bool {
	switch c.kind {
	case blankCell:
		return false
	case textCell:
		return c.s != ""
	case numberCell:
		return !math.IsNaN(c.f) && !math.IsInf(c.f, 0)
	}
	return true
}

// extent is what a sheet's XML says about its cells besides the cells:
// the used range for <dimension>, and the text cells that read as numbers
// for <ignoredErrors>.
type extent struct {
	dimension string // "A1:Q735"; "A1" for a sheet with no cells
	// numericText is the cells holding a code written as text on purpose
	// — a province's 01, an office code of digits — as a space-separated
	// list of ranges, so that Excel marks none of them with its green
	// "number stored as text" triangle; "" when there are none.
	numericText string
}

// maxNumericRuns is how many runs of numeric text a column lists before
// the whole span from its first to its last is given instead: the flag
// only silences a warning, and a sheet of scattered codes stays small.
const maxNumericRuns = 32

// extentOf measures t as it will be written.
func extentOf(t *table) extent {
	top, left, bottom, right := 0, 0, 0, 0 // 1-based; 0: no cell yet
	type run struct{ from, to int }
	var runs [][]run // by column
	for i, row := range t.rows {
		r := i + 1
		for c, v := range row {
			if !rendered(v) {
				continue
			}
			col := c + 1
			if top == 0 {
				top, left, bottom, right = r, col, r, col
			}
			left, bottom, right = min(left, col), r, max(right, col)
			if v.kind != textCell || !numberLike(v.s) {
				continue
			}
			for len(runs) <= c {
				runs = append(runs, nil)
			}
			if rs := runs[c]; len(rs) > 0 && rs[len(rs)-1].to == r-1 {
				rs[len(rs)-1].to = r
			} else {
				runs[c] = append(rs, run{r, r})
			}
		}
	}
	var e extent
	if top == 0 {
		e.dimension = "A1"
		return e
	}
	e.dimension = cellName(left, top)
	if bottom != top || right != left {
		e.dimension += ":" + cellName(right, bottom)
	}
	var refs []string
	for c, rs := range runs {
		if len(rs) > maxNumericRuns {
			rs = []run{{rs[0].from, rs[len(rs)-1].to}}
		}
		for _, x := range rs {
			ref := cellName(c+1, x.from)
			if x.to != x.from {
				ref += ":" + cellName(c+1, x.to)
			}
			refs = append(refs, ref)
		}
	}
	e.numericText = strings.Join(refs, " ")
	return e
}

// cellName is a cell's reference, "B7".
func cellName(col, row int) string {
	return string(strconv.AppendInt(columnName(nil, col), int64(row), 10))
}

// numberLike reports whether Excel would take text for a number stored as
// text: a sign, digits (with thousands separators), a fraction, an
// exponent, a percent sign, blanks around. It looks at bytes, without
// allocating: every text cell of a national run goes through it, and most
// fail at their first letter.
func numberLike(s string) bool {
	if s == "" {
		return false
	}
	if c := s[0]; !isDigit(c) && c != '+' && c != '-' && c != '.' && !asciiSpace(c) {
		return false // a letter, a Persian one: most cells
	}
	i, n := 0, len(s)
	for i < n && asciiSpace(s[i]) {
		i++
	}
	for n > i && asciiSpace(s[n-1]) {
		n--
	}
	if n > i && s[n-1] == '%' {
		n--
	}
	if i < n && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
whole:
	for ; i < n; i++ {
		switch c := s[i]; {
		case isDigit(c):
			digits++
		case c == ',' && digits > 0 && isDigit(s[i-1]) && i+1 < n && isDigit(s[i+1]): // a thousands separator
		default:
			break whole
		}
	}
	if i < n && s[i] == '.' {
		for i++; i < n && isDigit(s[i]); i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < n && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < n && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i == n || !isDigit(s[i]) {
			return false
		}
		for i < n && isDigit(s[i]) {
			i++
		}
	}
	return i == n
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}
