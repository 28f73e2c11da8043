package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
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
	tb.add(strings.Repeat("ب", 40000), strings.Repeat("x", 33000)+"😀", math.Copysign(0, -1), 1234567890123456789.0)
	tb.header("جمع", nil, 99.5, 12)
	tb.headers[len(tb.rows)-1] = true
	other := &table{name: "خطاها"}
	other.add("only", 1)

	write := func(opts ...bookOption) []byte {
		b, err := newBook(2, opts...)
		if err != nil {
			t.Fatal(err)
		}
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
	sameWorkbook(t, "book.xlsx", write(), write(excelizeRows))
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
	ref := t.TempDir()
	if _, err := workbooks(ref, run, excelizeRows); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		a, _ := os.ReadFile(filepath.Join(dir, n))
		b, _ := os.ReadFile(filepath.Join(ref, n))
		sameWorkbook(t, n, a, b)
	}
}

// sameWorkbook fails unless ours holds excelize's entries in its order,
// byte for byte, and excelize reads the same rows, cell by cell, from
// both: a cell placed in the wrong column would show there.
func sameWorkbook(t *testing.T, name string, ours, theirs []byte) {
	t.Helper()
	entries := func(b []byte) (names []string, data [][]byte) {
		z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, f := range z.File {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			d, err := io.ReadAll(r)
			r.Close()
			if err != nil {
				t.Fatal(err)
			}
			names, data = append(names, f.Name), append(data, d)
		}
		return names, data
	}
	on, od := entries(ours)
	tn, td := entries(theirs)
	if !slices.Equal(on, tn) {
		t.Fatalf("%s: entries %q, excelize's %q", name, on, tn)
	}
	for i := range on {
		if !bytes.Equal(od[i], td[i]) {
			t.Fatalf("%s: %s differs from excelize's (%d and %d bytes)", name, on[i], len(od[i]), len(td[i]))
		}
	}
	fo, err := excelize.OpenReader(bytes.NewReader(ours))
	if err != nil {
		t.Fatal(err)
	}
	ft, err := excelize.OpenReader(bytes.NewReader(theirs))
	if err != nil {
		t.Fatal(err)
	}
	for _, sheet := range ft.GetSheetList() {
		want, _ := ft.GetRows(sheet)
		got, err := fo.GetRows(sheet)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s, %s: rows\n%q (%v)\nexcelize's\n%q", name, sheet, got, err, want)
		}
	}
}

// needsEscape is true exactly when xml.EscapeText changes the text, and
// runeCount counts as utf8.RuneCountInString does.
func TestNeedsEscapeLikeEscapeText(t *testing.T) {
	parts := []string{"a", "دفتر", "\xd8", "\xd8\xd8", "\xc1\x80", " ", "\t", "\n", "\r", "\"", "'", "&", "<", ">", "\x01", "\x7f", "\xff", "\xef\xbf", "\ufffd", "\ufffe", "\uffff", "\U0001F600", "\xed\xa0\x80", "_x0041_", "ی"}
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
		if got, want := runeCount(s), utf8.RuneCountInString(s); got != want {
			t.Fatalf("%q: runeCount %d, want %d", s, got, want)
		}
	}
}

// A sheet whose marker row is not found is an error, not a sheet that
// holds the marker instead of its rows.
func TestMarkerNotFound(t *testing.T) {
	const marker = `<row r="1"><c r="A1" t="inlineStr"><is><t>rank:rows:1</t></is></c></row>`
	for _, sheet := range []string{
		`<worksheet><sheetData>` + marker + `</sheetData></worksheet>`,
		`<worksheet><sheetData><row r="1" spans="1:1"><c r="A1" t="inlineStr"><is><t>rank:rows:1</t></is></c></row></sheetData></worksheet>`,
	} {
		var buf bytes.Buffer
		z := newSortedZip(&buf)
		wrote := false
		z.rows = map[string]func(io.Writer) error{marker: func(w io.Writer) error {
			wrote = true
			_, err := io.WriteString(w, `<row r="1"><c><v>1</v></c></row>`)
			return err
		}}
		w, err := z.Create("xl/worksheets/sheet1.xml")
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, sheet)
		err = z.Close()
		if found := strings.Contains(sheet, marker); found != (err == nil) || found != wrote {
			t.Fatalf("marker in the sheet: %v; rows written: %v; error: %v", found, wrote, err)
		}
		if err != nil && !strings.Contains(err.Error(), "rank:rows:1") {
			t.Fatalf("the error does not name the marker: %v", err)
		}
	}
}
