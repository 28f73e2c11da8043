package ingest

import (
	"testing"

	"github.com/iranict/rank/scoring"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want scoring.Date
		err  bool
	}{
		{in: "1404/07/03", want: scoring.Date{Year: 1404, Month: 7, Day: 3}},
		{in: "1404/7/3", want: scoring.Date{Year: 1404, Month: 7, Day: 3}},
		{in: "1404-07-03", want: scoring.Date{Year: 1404, Month: 7, Day: 3}},
		{in: "1404-7-3", want: scoring.Date{Year: 1404, Month: 7, Day: 3}},
		{in: "۱۴۰۴/۰۷/۰۳", want: scoring.Date{Year: 1404, Month: 7, Day: 3}},
		{in: "٤٠٤١/١/١", err: true}, // Arabic-Indic digits, but year 4041
		{in: " \u200f1404/01/31 ", want: scoring.Date{Year: 1404, Month: 1, Day: 31}},
		{in: "1399/12/30", want: scoring.Date{Year: 1399, Month: 12, Day: 30}}, // leap
		{in: "1403/12/30", want: scoring.Date{Year: 1403, Month: 12, Day: 30}}, // leap
		{in: "1404/12/30", err: true},                                          // not leap
		{in: "1404/12/29", want: scoring.Date{Year: 1404, Month: 12, Day: 29}},
		{in: "1400/07/31", err: true},
		{in: "1400/06/31", want: scoring.Date{Year: 1400, Month: 6, Day: 31}},
		{in: "1400/13/01", err: true},
		{in: "1400/00/01", err: true},
		{in: "1400/01/00", err: true},
		{in: "1400/01/001", err: true},
		{in: "140/01/01", err: true},
		{in: "14000/01/01", err: true},
		{in: "1404/07-03", err: true},
		{in: "1404/07", err: true},
		{in: "1404/07/03/01", err: true},
		{in: "2025/03/21", err: true}, // Gregorian
		// YYYYMMDD, as a database's number.
		{in: "14040703", want: scoring.Date{Year: 1404, Month: 7, Day: 3}},
		{in: "۱۴۰۴۰۷۰۳", want: scoring.Date{Year: 1404, Month: 7, Day: 3}},
		{in: "14040703 14:30", want: scoring.Date{Year: 1404, Month: 7, Day: 3}},
		{in: "14041230", err: true}, // not leap
		{in: "14041301", err: true},
		{in: "20250321", err: true}, // Gregorian
		{in: "1404073", err: true},
		{in: "140407031", err: true},
		{in: "1404O703", err: true},
		{in: "", err: true},
		{in: "1404/+7/3", err: true},
		{in: "yesterday", err: true},
		// A time of day, as survey systems write it, is read and left.
		{in: "1404/06/04 14:30:12", want: scoring.Date{Year: 1404, Month: 6, Day: 4}},
		{in: "1404/06/04 14:30", want: scoring.Date{Year: 1404, Month: 6, Day: 4}},
		{in: "1404-06-04T9:05", want: scoring.Date{Year: 1404, Month: 6, Day: 4}},
		{in: "1404/6/4  23:59:59", want: scoring.Date{Year: 1404, Month: 6, Day: 4}},
		{in: "۱۴۰۴/۰۶/۰۴ ۱۴:۳۰:۱۲", want: scoring.Date{Year: 1404, Month: 6, Day: 4}},
		{in: "1404/06/04 24:00", err: true},
		{in: "1404/06/04 14:60", err: true},
		{in: "1404/06/04 14:30:60", err: true},
		{in: "1404/06/04 14", err: true},
		{in: "1404/06/04 14:30:12:00", err: true},
		{in: "1404/06/04 143:0", err: true},
		{in: "1404/06/04 14:30pm", err: true},
		{in: "1404/06/04T", err: true},
		{in: "1404/06/04 ", want: scoring.Date{Year: 1404, Month: 6, Day: 4}}, // a trailing blank is trimmed
		{in: "1404/12/30 10:00", err: true},
		{in: "1404/06 14:30", err: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if (err != nil) != tt.err {
				t.Fatalf("ParseDate(%q) error = %v, want error %v", tt.in, err, tt.err)
			}
			if got != tt.want {
				t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestExcelDate(t *testing.T) {
	tests := []struct {
		in       string
		date1904 bool
		want     scoring.Date
		err      bool
	}{
		{in: "45737", want: scoring.Date{Year: 1404, Month: 1, Day: 1}},    // 2025-03-21
		{in: "45737.75", want: scoring.Date{Year: 1404, Month: 1, Day: 1}}, // with a time of day
		{in: "44276", want: scoring.Date{Year: 1400, Month: 1, Day: 1}},    // 2021-03-21
		{in: "44275", want: scoring.Date{Year: 1399, Month: 12, Day: 30}},  // 2021-03-20, a leap day
		{in: "44276", date1904: true, want: scoring.Date{Year: 1404, Month: 1, Day: 2}},
		{in: "1404/7/3", want: scoring.Date{Year: 1404, Month: 7, Day: 3}},
		{in: "1404/12/30", err: true},
		{in: "0", err: true},
		{in: "-3", err: true},
		{in: "1e300", err: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := excelDate(tt.in, tt.date1904)
			if (err != nil) != tt.err {
				t.Fatalf("excelDate(%q) error = %v, want error %v", tt.in, err, tt.err)
			}
			if got != tt.want {
				t.Errorf("excelDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		err  bool
	}{
		{in: "12", want: 12},
		{in: "12.5", want: 12.5},
		{in: "-0.5", want: -0.5},
		{in: "+3", want: 3},
		{in: ".5", want: 0.5},
		{in: "5.", want: 5},
		{in: "۱۲٫۵", want: 12.5},
		{in: "۱٬۲۰۰", want: 1200},
		{in: "1.5E-3", want: 0.0015},
		{in: " 42 ", want: 42},
		{in: "", err: true},
		{in: ".", err: true},
		{in: "1,200", want: 1200},
		{in: "-1,200,000.25", want: -1200000.25},
		{in: "1٬200", want: 1200},
		{in: "۱٬۲۰۰٫۵", want: 1200.5},
		{in: "1.200,5", want: 1200.5}, // both marks: the last is the decimal one
		{in: "1.200.000", want: 1200000},
		{in: "1,5", err: true}, // not 15, and not 1.5 outside a semicolon file
		{in: "12,34", err: true},
		{in: "1,2000", err: true},
		{in: "1,200,00", err: true},
		{in: ",200", err: true},
		{in: "1,,200", err: true},
		{in: "1٬2", err: true},
		{in: "1,200e3", err: true},
		{in: "1,200.5.5", err: true},
		{in: "NaN", err: true},
		{in: "Inf", err: true},
		{in: "0x10", err: true},
		{in: "1_000", err: true},
		{in: "1e", err: true},
		{in: "1e999", err: true},
		{in: "twelve", err: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseNumber(tt.in)
			if (err != nil) != tt.err {
				t.Fatalf("ParseNumber(%q) error = %v, want error %v", tt.in, err, tt.err)
			}
			if got != tt.want {
				t.Errorf("ParseNumber(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestParseNumberDecimalComma: in a file separated by semicolons a lone
// comma is a decimal comma, and a number that reads both ways is refused.
func TestParseNumberDecimalComma(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		err  bool
	}{
		{in: "9,5", want: 9.5},
		{in: "9.5", want: 9.5},
		{in: "1,2345", want: 1.2345},
		{in: "-0,5", want: -0.5},
		{in: "1.200,5", want: 1200.5},
		{in: "1,200.5", want: 1200.5},
		{in: "1.200.000", want: 1200000},
		{in: "1,200,000", want: 1200000},
		{in: "۱٬۲۰۰", want: 1200},
		{in: "1٬200,5", want: 1200.5},
		{in: "۹٫۵", want: 9.5},
		{in: "45", want: 45},
		{in: "1,200", err: true}, // 1200 or 1.2?
		{in: "1.200", err: true},
		{in: "-12.500", err: true},
		{in: "1,5,5", err: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseNumber(tt.in, true)
			if (err != nil) != tt.err {
				t.Fatalf("parseNumber(%q, true) error = %v, want error %v", tt.in, err, tt.err)
			}
			if got != tt.want {
				t.Errorf("parseNumber(%q, true) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
	if _, err := parseWhole("1,5", true); err == nil {
		t.Error(`parseWhole("1,5", true) is whole`)
	}
	if n, err := parseWhole("1,200", false); err != nil || n != 1200 {
		t.Errorf(`parseWhole("1,200", false) = %d, %v`, n, err)
	}
}

func TestParseWhole(t *testing.T) {
	tests := []struct {
		in   string
		want int
		err  bool
	}{
		{in: "3", want: 3},
		{in: "3.0", want: 3},
		{in: "۳", want: 3},
		{in: "۰", want: 0},
		{in: "1E3", want: 1000},
		{in: "2.5", err: true},
		{in: "1e20", err: true},
		{in: "", err: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseWhole(tt.in)
			if (err != nil) != tt.err {
				t.Fatalf("ParseWhole(%q) error = %v, want error %v", tt.in, err, tt.err)
			}
			if got != tt.want {
				t.Errorf("ParseWhole(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseNationalID(t *testing.T) {
	tests := []struct {
		in, want string
		err      bool
	}{
		{in: "0013542419", want: "0013542419"},
		{in: "۰۰۱۳۵۴۲۴۱۹", want: "0013542419"},
		{in: "13542419", want: "0013542419"}, // Excel dropped the zeros
		{in: "001-354241-9", want: "0013542419"},
		{in: "1234567891", want: "1234567891"}, // s = 210, r = 1, check 1
		{in: "0499370899", want: "0499370899"}, // s = 266, r = 2, check 9
		{in: "0013542418", err: true},
		{in: "123456788", err: true}, // padded to 0123456788, wrong check
		{in: "12345", err: true},
		{in: "12345678901", err: true},
		{in: "00135424a9", err: true},
		{in: "", err: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseNationalID(tt.in)
			if (err != nil) != tt.err {
				t.Fatalf("ParseNationalID(%q) error = %v, want error %v", tt.in, err, tt.err)
			}
			if got != tt.want {
				t.Errorf("ParseNationalID(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"1404/07/03", "1404-7-3", "۱۴۰۳/۱۲/۳۰", "1404/12/30", "//", "45738"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if d != (scoring.Date{}) {
				t.Errorf("ParseDate(%q) = %v with error %v", s, d, err)
			}
			return
		}
		if !d.Valid() {
			t.Errorf("ParseDate(%q) = %v, not a valid day", s, d)
		}
		// A date read back from its own formatting is the same date.
		if e, err := ParseDate(d.String()); err != nil || e != d {
			t.Errorf("ParseDate(%q) = %v, but %q reads as %v, %v", s, d, d.String(), e, err)
		}
		_, _ = excelDate(s, false)
	})
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"12", "۱۲٫۵", "1e5", "-.5", "NaN"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = ParseNumber(s)
		_, _ = ParseWhole(s)
		if id, err := ParseNationalID(s); err == nil && len(id) != 10 {
			t.Errorf("ParseNationalID(%q) = %q", s, id)
		}
	})
}
