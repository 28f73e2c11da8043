package ingest

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

// TestFormsStream: a surveys file of every form that streams is read in
// the same memory whatever its length. Each form's reader reads 25,000
// and then 100,000 rows; the live heap, measured after a collection at
// the middle and near the end of the read, must not grow by more than
// 1 MiB (holding the 75,000 more rows would take several). An .xls sheet
// is held whole, bounded by its 65,536 rows, and is not among them.
func TestFormsStream(t *testing.T) {
	if testing.Short() {
		t.Skip("writes files of 100,000 rows")
	}
	const n = 25_000
	for _, f := range []struct {
		name string
		ext  string
		make func(w io.Writer, rows int) error
	}{
		{"csv", ".csv", func(w io.Writer, rows int) error { return surveyText(w, rows, ",") }},
		{"semicolons", ".csv", func(w io.Writer, rows int) error { return surveyText(w, rows, ";") }},
		{"utf-16", ".txt", func(w io.Writer, rows int) error {
			enc := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Writer(w)
			return surveyText(enc, rows, "\t")
		}},
		{"html", ".xls", surveyHTML},
		{"ods", ".ods", surveyODS},
	} {
		t.Run(f.name, func(t *testing.T) {
			small := liveWhileReading(t, f.ext, n, f.make)
			large := liveWhileReading(t, f.ext, 4*n, f.make)
			t.Logf("live heap while reading %d rows: %d KiB; %d rows: %d KiB", n, small>>10, 4*n, large>>10)
			if large > small+1<<20 {
				t.Errorf("reading 4× the rows holds %d KiB more", (large-small)>>10)
			}
		})
	}
}

// liveWhileReading writes a surveys file of rows rows and reads it
// through its table, returning the most live heap seen.
func liveWhileReading(t *testing.T, ext string, rows int, make func(io.Writer, int) error) uint64 {
	t.Helper()
	path := filepath.Join(t.TempDir(), "surveys"+ext)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := make(f, rows); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	tb, err := openTable(path, "")
	if err != nil {
		t.Fatal(err)
	}
	defer tb.close()
	var most uint64
	read := 0
	for {
		_, _, err := tb.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		read++
		if read == rows/2 || read == rows-10 {
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			most = max(most, m.HeapAlloc)
		}
	}
	if read != rows+1 {
		t.Fatalf("read %d records, want %d", read, rows+1)
	}
	return most
}

func surveyRow(i int) []string {
	return []string{fmt.Sprint(1_000_000 + i), fmt.Sprintf("01-%05d", i%700), fmt.Sprintf("1404/%02d/%02d", 1+i%6, 1+i%28), fmt.Sprint(1 + i%5)}
}

func surveyText(w io.Writer, rows int, sep string) error {
	fmt.Fprintln(w, strings.Join([]string{"response_id", "office_code", "response_date", "score"}, sep))
	for i := range rows {
		if _, err := fmt.Fprintln(w, strings.Join(surveyRow(i), sep)); err != nil {
			return err
		}
	}
	return nil
}

func surveyHTML(w io.Writer, rows int) error {
	fmt.Fprint(w, "<html><body><table><tr><th>response_id<th>office_code<th>response_date<th>score\n")
	for i := range rows {
		if _, err := fmt.Fprintf(w, "<tr><td>%s</td></tr>\n", strings.Join(surveyRow(i), "</td><td>")); err != nil {
			return err
		}
	}
	_, err := fmt.Fprint(w, "</table></body></html>")
	return err
}

// surveyODS writes a spreadsheet as LibreOffice does: ids and scores as
// numbers, codes and dates as text, the sheet's blank rest as one row
// repeated.
func surveyODS(w io.Writer, rows int) error {
	z := zip.NewWriter(w)
	m, err := z.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if err != nil {
		return err
	}
	io.WriteString(m, odsMimetype)
	c, err := z.Create("content.xml")
	if err != nil {
		return err
	}
	fmt.Fprint(c, odsHead)
	text := func(s string) string {
		return `<table:table-cell office:value-type="string"><text:p>` + s + `</text:p></table:table-cell>`
	}
	num := func(s string) string {
		return `<table:table-cell office:value-type="float" office:value="` + s + `"><text:p>` + s + `</text:p></table:table-cell>`
	}
	fmt.Fprint(c, "<table:table-row>"+text("response_id")+text("office_code")+text("response_date")+text("score")+"</table:table-row>")
	for i := range rows {
		r := surveyRow(i)
		fmt.Fprint(c, "<table:table-row>"+num(r[0])+text(r[1])+text(r[2])+num(r[3])+`<table:table-cell table:number-columns-repeated="1020"/></table:table-row>`)
	}
	fmt.Fprint(c, `<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>`+odsTail)
	return z.Close()
}

const (
	odsHead = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="surveys">`
	odsTail = `</table:table></office:spreadsheet></office:body></office:document-content>`
)

// BenchmarkForms reads 100,000 survey rows through each form's table:
// how fast each reader is, and (with -benchmem) that none allocates per
// row beyond the cells it hands on.
func BenchmarkForms(b *testing.B) {
	const rows = 100_000
	for _, f := range []struct {
		name string
		ext  string
		make func(w io.Writer, rows int) error
	}{
		{"csv", ".csv", func(w io.Writer, rows int) error { return surveyText(w, rows, ",") }},
		{"semicolons", ".csv", func(w io.Writer, rows int) error { return surveyText(w, rows, ";") }},
		{"utf-16", ".txt", func(w io.Writer, rows int) error {
			return surveyText(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Writer(w), rows, "\t")
		}},
		{"html", ".xls", surveyHTML},
		{"ods", ".ods", surveyODS},
	} {
		b.Run(f.name, func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "surveys"+f.ext)
			fh, err := os.Create(path)
			if err != nil {
				b.Fatal(err)
			}
			if err := f.make(fh, rows); err != nil {
				b.Fatal(err)
			}
			fh.Close()
			b.ResetTimer()
			for b.Loop() {
				tb, err := openTable(path, "")
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for {
					if _, _, err := tb.next(); err == io.EOF {
						break
					} else if err != nil {
						b.Fatal(err)
					}
					n++
				}
				tb.close()
				if n != rows+1 {
					b.Fatalf("%d records", n)
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
