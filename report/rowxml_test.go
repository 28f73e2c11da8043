package report

import (
	"bytes"
	"encoding/xml"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The rows rendered by rowsXML must make the workbook excelize's stream
// writer makes, byte for byte.
func TestRowsXMLLikeExcelize(t *testing.T) {
	tb := &table{name: "رتبه‌بندی", filter: 3}
	tb.header("کد دفتر", "name", "score", "")
	tb.add("G-001", "دفتر پیشخوان رشت", 87.123456789, 3)
	tb.add(" lead and trail ", "tab\there", 0.1+0.2, int64(-7))
	tb.add("new\nline\r\nx", `quotes "q" 'a' & <b>`, 1e21, plain(2.5))
	tb.blank()
	tb.add(nil, "", "_x0041_ and _x005F_x0041_ and _xZZZZ_", plain(math.NaN()))
	tb.add("\x01control\x7f", "bad \xff utf8", 123456789.123456789, math.Inf(1))
	tb.add(strings.Repeat("ب", 40000), strings.Repeat("x", 33000)+"😀", -0.0, 1234567890123456789.0)
	tb.header("جمع", nil, 99.5, 12)
	tb.headers[len(tb.rows)-1] = true
	other := &table{name: "خطاها"}
	other.add("only", 1)

	write := func(excelizeRows bool) []byte {
		b, err := newBook(2)
		if err != nil {
			t.Fatal(err)
		}
		b.excelizeRows = excelizeRows
		if err := b.writeAll(tb, other, &table{name: "empty"}); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "book.xlsx")
		if err := b.save(path); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	got, want := write(false), write(true)
	if !bytes.Equal(got, want) {
		t.Fatalf("workbook differs from excelize's: %d bytes, excelize %d", len(got), len(want))
	}
	odd := &table{}
	odd.add(true)
	if renderable(odd) {
		t.Fatal("rowsXML took a cell it does not render")
	}
}

// The national workbooks come out the same either way too.
func TestWorkbooksRowsXML(t *testing.T) {
	run := testRun(t)
	dir := t.TempDir()
	names, err := Workbooks(dir, run)
	if err != nil {
		t.Fatal(err)
	}
	excelizeRowsForTest = true
	defer func() { excelizeRowsForTest = false }()
	ref := t.TempDir()
	if _, err := Workbooks(ref, run); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		a, _ := os.ReadFile(filepath.Join(dir, n))
		b, _ := os.ReadFile(filepath.Join(ref, n))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Fatalf("%s differs from excelize's (%d and %d bytes)", n, len(a), len(b))
		}
	}
}

// needsEscape is true exactly when xml.EscapeText changes the text.
func TestNeedsEscapeLikeEscapeText(t *testing.T) {
	parts := []string{"a", "دفتر", " ", "\t", "\n", "\r", "\"", "'", "&", "<", ">", "\x01", "\x7f", "\xff", "\xef\xbf", "\ufffd", "\ufffe", "\uffff", "\U0001F600", "\xed\xa0\x80", "_x0041_", "ی"}
	rng := rand.New(rand.NewPCG(13, 14))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		s := b.String()
		var esc bytes.Buffer
		_ = xml.EscapeText(&esc, []byte(s))
		if want := esc.String() != s; needsEscape(s) != want {
			t.Fatalf("%q: needsEscape %v, want %v", s, !want, want)
		}
	}
}
