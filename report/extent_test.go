package report

import (
	"math"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestNumberLike(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"01", true},
		{"00", true},
		{"30", true},
		{" 12 ", true},
		{"-3.5", true},
		{"+7", true},
		{".5", true},
		{"5.", true},
		{"1,234,567", true},
		{"12%", true},
		{"1e5", true},
		{"1E-5", true},
		{"01-00508", false},
		{"1404-H1", false},
		{"1404/06/04", false},
		{"644****124", false},
		{"G-001", false},
		{"", false},
		{".", false},
		{"-", false},
		{",12", false},
		{"12,", false},
		{"1e", false},
		{"e5", false},
		{"NaN", false},
		{"Inf", false},
		{"۰۱", false}, // Persian digits: Excel does not take them for a number
	} {
		if got := numberLike(c.s); got != c.want {
			t.Errorf("numberLike(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}

func TestExtentOf(t *testing.T) {
	tb := &table{}
	tb.header("code", "province", "offices")
	tb.add("00", "Markazi", 447)
	tb.add("01", "Gilan", 734)
	tb.blank()
	tb.add(nil, "", math.NaN(), nil) // nothing written: not in the range
	tb.add("all", nil, 1181, nil, "")
	tb.add("02", nil, nil, nil, nil)
	e := extentOf(tb)
	if e.dimension != "A1:C7" {
		t.Errorf("dimension %q, want A1:C7", e.dimension)
	}
	if e.numericText != "A2:A3 A7" {
		t.Errorf("numeric text %q, want A2:A3 A7", e.numericText)
	}
	if e := extentOf(&table{}); e.dimension != "A1" || e.numericText != "" {
		t.Errorf("an empty sheet: %+v", e)
	}
	one := &table{}
	one.add(nil, nil, "x")
	if e := extentOf(one); e.dimension != "C1" {
		t.Errorf("one cell in C1: dimension %q", e.dimension)
	}
	// Codes scattered over more rows than a column lists: the span.
	many := &table{}
	for i := range 2 * maxNumericRuns {
		many.add("x")
		many.add(strings.Repeat("1", i+1))
	}
	if e := extentOf(many); e.numericText != "A2:A"+strconv.Itoa(4*maxNumericRuns) {
		t.Errorf("scattered codes: %q", e.numericText)
	}
}

// numberLike agrees with the pattern it implements on random text made of
// the characters that matter.
func TestNumberLikeLikeItsPattern(t *testing.T) {
	pattern := regexp.MustCompile(`^[ \t\n\r\v\f]*[+-]?(\d+(,\d+)*(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?[ \t\n\r\v\f]*$`)
	parts := []string{"0", "1", "9", ",", ".", "e", "E", "+", "-", "%", " ", "\t", "a", "۱", "x"}
	rng := rand.New(rand.NewPCG(15, 8))
	for range 200000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		if got, want := numberLike(s), pattern.MatchString(s); got != want {
			t.Fatalf("numberLike(%q) = %v, the pattern says %v", s, got, want)
		}
	}
}
