package ingest

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

// BenchmarkXLSXRows reads a workbook as Excel saves a surveys export
// (shared strings, cell references, 15 columns) with excelize's row
// iterator and with the streaming reader. RANK_BENCH_XLSX_ROWS sets the
// rows (default 100000; bench/run.sh uses 1000000).
func BenchmarkXLSXRows(b *testing.B) {
	rows := 100_000
	if s := os.Getenv("RANK_BENCH_XLSX_ROWS"); s != "" {
		rows, _ = strconv.Atoi(s)
	}
	path := benchWorkbook(b, rows)
	open := map[string]func(string) (table, error){
		"excelize": func(p string) (table, error) { return openXLSX(p, "") },
		"stream": func(p string) (table, error) {
			s, err := openXLSXStream(p, "")
			if s == nil && err == nil {
				err = fmt.Errorf("the streaming reader left the workbook")
			}
			return s, err
		},
	}
	for _, name := range []string{"stream", "excelize"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				t, err := open[name](path)
				if err != nil {
					b.Fatal(err)
				}
				n, cells := 0, 0
				for {
					rec, _, err := t.next()
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
					n++
					cells += len(rec)
				}
				t.close()
				if n != rows+1 || cells != 15*(rows+1) {
					b.Fatalf("%d rows, %d cells, want %d rows of 15", n, cells, rows+1)
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

var benchWorkbooks sync.Map

// benchWorkbook writes the workbook once per process, XML by hand (excelize
// would take minutes for a million rows).
func benchWorkbook(b *testing.B, rows int) string {
	if p, ok := benchWorkbooks.Load(rows); ok {
		return p.(string)
	}
	dir, err := os.MkdirTemp("", "rank-bench-xlsx")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {}) // the folder goes with the process's temp files
	path := filepath.Join(dir, "surveys.xlsx")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	z := zip.NewWriter(f)
	put := func(name, body string) {
		w, _ := z.Create(name)
		io.WriteString(w, body)
	}
	put("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`)
	put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	put("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	put("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)

	// Shared strings: the headers, 25,000 office codes, 184 dates and
	// a few words of the other text columns.
	var sst []string
	index := map[string]int{}
	str := func(s string) int {
		if i, ok := index[s]; ok {
			return i
		}
		index[s] = len(sst)
		sst = append(sst, s)
		return len(sst) - 1
	}
	header := []string{"response_id", "office_code", "response_date", "score", "channel", "service", "city",
		"age_group", "gender", "wait_minutes", "visit", "operator", "comment", "device", "region"}
	words := []string{"حضوری", "تلفنی", "اینترنتی", "ثبت نام", "پرداخت قبض", "گذرنامه", "رشت", "تهران", "مشهد",
		"۱۸–۳۰", "۳۰–۵۰", "زن", "مرد", "بدون نظر", "خوب بود", "کند بود", "موبایل", "رایانه", "شمال", "مرکز"}
	w, _ := z.Create("xl/worksheets/sheet1.xml")
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	cols := "ABCDEFGHIJKLMNO"
	var line []byte
	for r := 1; r <= rows+1; r++ {
		line = append(line[:0], `<row r="`...)
		line = strconv.AppendInt(line, int64(r), 10)
		line = append(line, `" spans="1:15">`...)
		for c := range 15 {
			line = append(line, `<c r="`...)
			line = append(line, cols[c])
			line = strconv.AppendInt(line, int64(r), 10)
			var v int
			text := true
			switch {
			case r == 1:
				v = str(header[c])
			case c == 0:
				v, text = 1000000+r, false
			case c == 1:
				v = str(fmt.Sprintf("%02d-%05d", r%31, r*7919%25000))
			case c == 2:
				v = str(fmt.Sprintf("1404/%02d/%02d", 1+r%6, 1+r%30))
			case c == 3 || c == 9 || c == 10:
				v, text = 1+r*c%5, false
			default:
				v = str(words[(r+c)%len(words)])
			}
			if text {
				line = append(line, `" t="s`...)
			}
			line = append(line, `"><v>`...)
			line = strconv.AppendInt(line, int64(v), 10)
			line = append(line, `</v></c>`...)
		}
		line = append(line, `</row>`...)
		bw.Write(line)
	}
	bw.WriteString(`</sheetData></worksheet>`)
	bw.Flush()
	w, _ = z.Create("xl/sharedStrings.xml")
	bw = bufio.NewWriter(w)
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(sst), len(sst))
	for _, s := range sst {
		bw.WriteString("<si><t>" + s + "</t></si>")
	}
	bw.WriteString("</sst>")
	bw.Flush()
	if err := z.Close(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	// The workbook is what excelize reads too.
	if x, err := excelize.OpenFile(path); err != nil {
		b.Fatal(err)
	} else {
		x.Close()
	}
	benchWorkbooks.Store(rows, path)
	return path
}
