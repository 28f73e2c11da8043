package scoring

import (
	"math"
	"strconv"
	"strings"
)

// FormatFixed formats x with the given decimals as a decimal number, the
// way a spreadsheet shows it: x is first taken to 15 significant digits,
// so that float noise (0.5499999999999999 for 0.55) disappears, and halves
// are then rounded away from zero. 93.625 gives "93.63", 1.005 "1.01".
func FormatFixed(x float64, decimals int) string {
	if x != x || x > 1e300 || x < -1e300 || decimals < 0 {
		return strconv.FormatFloat(x, 'f', max(decimals, 0), 64)
	}
	// A ranking prints a dozen numbers for each of 25,000 offices: the
	// digits are worked on in arrays on the stack, not in strings.
	neg := x < 0
	x = math.Abs(x) // and -0 is 0 (it printed as "-.00")
	var eb [32]byte
	e := strconv.AppendFloat(eb[:0], x, 'e', 14, 64) // d.dddddddddddddde±XX
	at := len(e) - 1
	for e[at] != 'e' {
		at--
	}
	exp := 0
	for _, c := range e[at+2:] {
		exp = exp*10 + int(c-'0')
	}
	if e[at+1] == '-' {
		exp = -exp
	}
	var db [16]byte
	digits := append(append(db[:0], e[0]), e[2:at]...)
	// Keep the integer digits (exp+1 of them) and the decimals.
	keep := exp + 1 + decimals
	var kb [48]byte
	kept := kb[:0]
	switch {
	case keep < 0:
	case keep >= len(digits):
		kept = append(kept, digits...)
		for len(kept) < keep {
			kept = append(kept, '0')
		}
	default:
		kept = append(kept, digits[:keep]...)
		if digits[keep] >= '5' {
			i := len(kept) - 1
			for ; i >= 0; i-- {
				if kept[i] < '9' {
					kept[i]++
					break
				}
				kept[i] = '0'
			}
			if i < 0 {
				kept = append(kept, 0)
				copy(kept[1:], kept[:len(kept)-1])
				kept[0] = '1'
			}
		}
	}
	intLen := len(kept) - decimals
	var ob [64]byte
	out := ob[:0]
	if neg && strings.Trim(string(kept), "0") != "" {
		out = append(out, '-')
	}
	if intLen <= 0 {
		out = append(out, '0')
		if decimals > 0 {
			out = append(out, '.')
			for range -intLen {
				out = append(out, '0')
			}
			out = append(out, kept...)
		}
		return string(out)
	}
	out = append(out, kept[:intLen]...)
	if decimals > 0 {
		out = append(out, '.')
		out = append(out, kept[intLen:]...)
	}
	return string(out)
}

// Round rounds x to the given decimals in decimal arithmetic (FormatFixed):
// Round(0.8125, 3) is 0.813 and Round(0.1+0.2, 1) is 0.3.
func Round(x float64, decimals int) float64 {
	v, err := strconv.ParseFloat(FormatFixed(x, decimals), 64)
	if err != nil {
		return x
	}
	return v
}
