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
// exponent, a percent sign, blanks around.
func numberLike(s string) bool {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, "%")
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	mantissa, exp, hasExp := strings.Cut(strings.ToLower(s), "e")
	whole, frac, _ := strings.Cut(mantissa, ".")
	digits := 0
	for i := 0; i < len(whole); i++ {
		switch c := whole[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == ',' && i > 0 && i+1 < len(whole):
		default:
			return false
		}
	}
	for i := 0; i < len(frac); i++ {
		if frac[i] < '0' || frac[i] > '9' {
			return false
		}
		digits++
	}
	if digits == 0 {
		return false
	}
	if hasExp {
		if exp != "" && (exp[0] == '+' || exp[0] == '-') {
			exp = exp[1:]
		}
		if exp == "" {
			return false
		}
		for i := 0; i < len(exp); i++ {
			if exp[i] < '0' || exp[i] > '9' {
				return false
			}
		}
	}
	return true
}
