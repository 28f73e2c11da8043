package scoring

import (
	"fmt"
	"testing"
)

func TestLeapYears(t *testing.T) {
	for y, want := range map[int]bool{1399: true, 1403: true, 1404: false, 1400: false, 1395: true, 1408: true, 1402: false} {
		if IsLeap(y) != want {
			t.Errorf("IsLeap(%d) = %v", y, !want)
		}
	}
	for _, tt := range []struct {
		d    Date
		want bool
	}{
		{Date{1403, 12, 30}, true}, {Date{1404, 12, 30}, false}, {Date{1404, 12, 29}, true},
		{Date{1399, 12, 30}, true}, {Date{1400, 6, 31}, true}, {Date{1400, 7, 31}, false},
		{Date{1400, 11, 30}, true}, {Date{1400, 13, 1}, false}, {Date{1400, 1, 0}, false},
	} {
		if tt.d.Valid() != tt.want {
			t.Errorf("%v valid = %v", tt.d, !tt.want)
		}
	}
}

func TestPeriod(t *testing.T) {
	for _, tt := range []struct {
		in          string
		start, end  Date
		prev        string
		errExpected bool
	}{
		{"1404-H1", Date{1404, 1, 1}, Date{1404, 6, 31}, "1403-H2", false},
		{"1403-H2", Date{1403, 7, 1}, Date{1403, 12, 30}, "1403-H1", false},
		{"1404-h2", Date{1404, 7, 1}, Date{1404, 12, 29}, "1404-H1", false},
		{"1404-H3", Date{}, Date{}, "", true},
		{"1404", Date{}, Date{}, "", true},
		{"x-H1", Date{}, Date{}, "", true},
	} {
		p, err := ParsePeriod(tt.in)
		if (err != nil) != tt.errExpected {
			t.Fatalf("%s: err %v", tt.in, err)
		}
		if err != nil {
			continue
		}
		if p.Start() != tt.start || p.End() != tt.end || p.Previous().String() != tt.prev {
			t.Errorf("%s: %v–%v prev %v", tt.in, p.Start(), p.End(), p.Previous())
		}
		if !p.Contains(tt.end) || p.Contains(Date{tt.end.Year + 1, 1, 1}) {
			t.Errorf("%s: Contains wrong", tt.in)
		}
	}
}

func TestFullYears(t *testing.T) {
	for _, tt := range []struct {
		from, to Date
		want     int
	}{
		{Date{1394, 6, 31}, Date{1404, 6, 31}, 10},
		{Date{1394, 7, 1}, Date{1404, 6, 31}, 9},
		{Date{1399, 12, 30}, Date{1400, 12, 29}, 0},
		{Date{1399, 12, 30}, Date{1403, 12, 30}, 4},
		{Date{1405, 1, 1}, Date{1404, 6, 31}, 0},
	} {
		if got := FullYears(tt.from, tt.to); got != tt.want {
			t.Errorf("FullYears(%v, %v) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestLookupProvince(t *testing.T) {
	for _, name := range []string{"gilan", "Gilan", "گیلان", " GILAN "} {
		if p, ok := LookupProvince(name); !ok || p.Code != "01" {
			t.Errorf("%q → %v %v", name, p, ok)
		}
	}
	for _, name := range []string{"East Azerbaijan", "east-azerbaijan", "آذربایجان شرقی", "Sistan and Baluchestan", "sistan-baluchestan"} {
		if _, ok := LookupProvince(name); !ok {
			t.Errorf("%q not found", name)
		}
	}
	if _, ok := LookupProvince("Atlantis"); ok {
		t.Error("Atlantis found")
	}
	if len(Provinces) != 31 {
		t.Errorf("%d provinces", len(Provinces))
	}
}

// String writes the common dates digit by digit: the same text as fmt.
func TestDateString(t *testing.T) {
	for _, d := range []Date{{1404, 6, 31}, {1, 1, 1}, {0, 0, 0}, {9999, 12, 30}, {10000, 1, 1}, {-5, 1, 1}, {1404, 100, 1}, {1404, 1, -1}, {987, 7, 7}} {
		if got, want := d.String(), fmt.Sprintf("%04d/%02d/%02d", d.Year, d.Month, d.Day); got != want {
			t.Errorf("%#v: %q, want %q", d, got, want)
		}
	}
}
