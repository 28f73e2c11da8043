package report

import (
	"strconv"
	"strings"
)

// Fixed formats x with the given decimals the way Excel shows it: on the
// number's 15 significant decimal digits, halves rounded away from zero.
// So 93.625 is "93.63" and 1.005 is "1.01" in the CSV, the text and the
// workbook alike (strconv alone gives "93.62" and "1.00").
func Fixed(x float64, decimals int) string {
	if x != x || x > 1e300 || x < -1e300 {
		return strconv.FormatFloat(x, 'f', decimals, 64)
	}
	neg := x < 0
	if neg {
		x = -x
	}
	// d.ddddddddddddddde±XX: 15 significant digits and a decimal exponent.
	e := strconv.FormatFloat(x, 'e', 14, 64)
	mant, expPart, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expPart)
	digits := []byte(strings.Replace(mant, ".", "", 1))
	// The digits kept are those before the decimal point (exp+1 of them)
	// and the decimals.
	keep := exp + 1 + decimals
	if keep < 0 {
		return strconv.FormatFloat(0, 'f', decimals, 64)
	}
	var kept []byte
	if keep >= len(digits) {
		kept = digits
		for len(kept) < keep {
			kept = append(kept, '0')
		}
	} else {
		kept = append([]byte{}, digits[:keep]...)
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
				kept = append([]byte{'1'}, kept...)
			}
		}
	}
	// Place the decimal point: there are len(kept)-decimals integer digits.
	intLen := len(kept) - decimals
	var b strings.Builder
	allZero := strings.Trim(string(kept), "0") == ""
	if neg && !allZero {
		b.WriteByte('-')
	}
	if intLen <= 0 {
		b.WriteByte('0')
		if decimals > 0 {
			b.WriteByte('.')
			b.WriteString(strings.Repeat("0", -intLen))
			b.Write(kept)
		}
		return b.String()
	}
	b.Write(kept[:intLen])
	if decimals > 0 {
		b.WriteByte('.')
		b.Write(kept[intLen:])
	}
	return b.String()
}
