package report

import "github.com/iranict/rank/scoring"

// Fixed formats x with the given decimals the way Excel shows it: on the
// number's 15 significant decimal digits, halves rounded away from zero.
// So 93.625 is "93.63" and 1.005 is "1.01" in the CSV, the text and the
// workbook alike (strconv alone gives "93.62" and "1.00").
func Fixed(x float64, decimals int) string { return scoring.FormatFixed(x, decimals) }
