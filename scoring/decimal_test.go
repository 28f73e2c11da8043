package scoring

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// formatFixedPlainly is FormatFixed written with strings, as it was
// first: the digits must come out the same.
func formatFixedPlainly(x float64, decimals int) string {
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

func TestFormatFixedLikePlainly(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for d := range 4 {
		if got, want := FormatFixed(math.Copysign(0, -1), d), FormatFixed(0, d); got != want {
			t.Errorf("FormatFixed(-0, %d) = %q, want %q", d, got, want)
		}
	}
	values := []float64{0, 0.5, 1.005, 93.625, 2.675, 0.0049999, 0.005, -0.004, -0.005, 9.995, 99.995, 999999.995,
		1e15, 1e20, 123456789012345678, 1e-20, 5e-7, -1e-9, 0.1 + 0.2, 1e300, -1e300, 1e301, math.Inf(1), math.NaN(), 0.9999999999999999}
	for range 20000 {
		v := rng.Float64() * math.Pow(10, float64(rng.IntN(12)-4))
		switch rng.IntN(4) {
		case 0:
			v = math.Round(v*1000) / 1000 // halves and short decimals
		case 1:
			v = -v
		case 2:
			v = math.Round(v) + 0.5
		}
		values = append(values, v)
	}
	for _, v := range values {
		for d := range 8 {
			if got, want := FormatFixed(v, d), formatFixedPlainly(v, d); got != want {
				t.Fatalf("FormatFixed(%v, %d) = %q, want %q", v, d, got, want)
			}
		}
		if got, want := FormatFixed(v, 30), formatFixedPlainly(v, 30); got != want {
			t.Fatalf("FormatFixed(%v, 30) = %q, want %q", v, got, want)
		}
	}
}
