package scoring

import (
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
	neg := x < 0
	if neg {
		x = -x
	}
	mant, expPart, _ := strings.Cut(strconv.FormatFloat(x, 'e', 14, 64), "e")
	exp, _ := strconv.Atoi(expPart)
	digits := []byte(strings.Replace(mant, ".", "", 1))
	// Keep the integer digits (exp+1 of them) and the decimals.
	keep := exp + 1 + decimals
	var kept []byte
	switch {
	case keep < 0:
		kept = nil
	case keep >= len(digits):
		kept = append(digits, make([]byte, keep-len(digits))...)
		for i := len(digits); i < keep; i++ {
			kept[i] = '0'
		}
	default:
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
	intLen := len(kept) - decimals
	var b strings.Builder
	if neg && strings.Trim(string(kept), "0") != "" {
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

// Round rounds x to the given decimals in decimal arithmetic (FormatFixed):
// Round(0.8125, 3) is 0.813 and Round(0.1+0.2, 1) is 0.3.
func Round(x float64, decimals int) float64 {
	v, err := strconv.ParseFloat(FormatFixed(x, decimals), 64)
	if err != nil {
		return x
	}
	return v
}
