package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
)

// TestHostileFiles: files crafted to exhaust memory or to confuse the
// reader are refused whole, with a message naming the file, on both the
// simple path and the surveys' fast path, allocating far less than they
// would unpack to and without a panic.
func TestHostileFiles(t *testing.T) {
	header := "response_id,office_code,response_date,score\n"
	rows := header + "1,G-001,1404/02/01,5\n2,G-001,1404/02/02,4\n"
	tests := []struct {
		name, file string
		content    func(dir string) []byte // nil: write an xlsx with build
		want       string
	}{
		{"a 100 MB line (surveys, fast path)", "surveys.csv", func(string) []byte {
			return []byte(rows + "3,G-001,1404/02/03," + strings.Repeat("5", 100<<20) + "\n")
		}, "line 4 is longer than 1 MiB"},
		{"a 100 MB line (declarations)", "declarations.csv", func(string) []byte {
			return []byte(baseExport["declarations.csv"] + "G-001," + strings.Repeat("x", 100<<20) + "\n")
		}, "line 4 is longer than 1 MiB"},
		{"a million columns (surveys)", "surveys.csv", func(string) []byte {
			return []byte(rows + strings.Repeat(",", 1_000_000) + "\n")
		}, "row 4 has 1000001 cells"},
		{"a million columns in the header (violations)", "violations.csv", func(string) []byte {
			return []byte("case_id" + strings.Repeat(",", 1_000_000) + "\n")
		}, "the header has 1000001 cells"},
		{"a binary file named .csv", "surveys.csv", func(string) []byte {
			b := make([]byte, 1<<20)
			r := rand.NewChaCha8([32]byte{1})
			r.Read(b)
			b[100] = 0
			return b
		}, "not a text file: a NUL byte"},
		{"a NUL byte in a survey row", "surveys.csv", func(string) []byte {
			return []byte(rows + "3,G-001,1404/02/03,5\x00\n")
		}, "not a text file: a NUL byte at offset"},
		{"a NUL byte in a survey row past the first 64 KiB", "surveys.csv", func(string) []byte {
			var b strings.Builder
			b.WriteString(rows)
			for i := range 4000 {
				fmt.Fprintf(&b, "%d,G-001,1404/02/03,5\n", 10+i)
			}
			return []byte(b.String() + "9,G-001,1404/02/03,5\x00\n")
		}, "line 4004: a NUL byte"},
		{"a NUL byte deep in the registry", "offices.csv", func(string) []byte {
			return []byte(baseExport["offices.csv"] + strings.Repeat("T-9,x,tehran,x,urban,pishkhan,0013542419,1395/04/01\n", 2000) + "T-10,x\x00,tehran\n")
		}, "a NUL byte"},
		{"a 100 MB line of UTF-16 text", "violations.txt", func(string) []byte {
			return append([]byte("\xff\xfec\x00"), bytes.Repeat([]byte("x\x00"), 50<<20)...)
		}, "line 1 is longer than 1 MiB"},
		{"a 100 MB cell of HTML", "surveys.xls", func(string) []byte {
			return []byte("<table><tr><td>response_id<td>office_code<td>score<tr><td>" + strings.Repeat("x", 100<<20))
		}, "longer than 1 MiB"},
		{"a million columns of HTML", "surveys.xls", func(string) []byte {
			return []byte("<table><tr><td>response_id<td>office_code<td>response_date<td>score<tr><td colspan=1000000>x")
		}, "has 1025 cells"},
		{"a workbook that unpacks to gigabytes", "offices.xlsx", func(dir string) []byte {
			return zipBomb(t)
		}, "offices.xlsx"},
		{"a sheet 16,384 columns wide", "offices.xlsx", func(dir string) []byte {
			f := excelize.NewFile()
			f.SetCellValue("Sheet1", "A1", "office_code")
			f.SetCellValue("Sheet1", "XFD1", "x")
			var buf bytes.Buffer
			if _, err := f.WriteTo(&buf); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}, "the header has 16384 cells"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			replace := map[string]string{}
			if ext := filepath.Ext(tt.file); ext != ".csv" {
				replace[strings.TrimSuffix(tt.file, ext)+".csv"] = ""
			}
			dir := writeExport(t, replace)
			if err := os.WriteFile(filepath.Join(dir, tt.file), tt.content(dir), 0o644); err != nil {
				t.Fatal(err)
			}
			files, err := Find(dir, Files{})
			if err != nil {
				t.Fatal(err)
			}
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err = ReadInto(files, scoring.NewSurveyTally(scoring.Period{Year: 1404, Half: 1}))
			runtime.ReadMemStats(&after)
			var fe *FileError
			if !errors.As(err, &fe) || fe.File != tt.file || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want a FileError of %s with %q", err, tt.file, tt.want)
			}
			// What reading allocated, not what the file would unpack to.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 200<<20 {
				t.Errorf("reading allocated %d MiB", alloc>>20)
			}
		})
	}
}

// zipBomb is a workbook whose sheet declares 8 GiB unpacked.
func zipBomb(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	var good bytes.Buffer
	if _, err := f.WriteTo(&good); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(good.Bytes()), int64(good.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, e := range zr.File {
		h := e.FileHeader
		if strings.HasPrefix(e.Name, "xl/worksheets/") {
			h.UncompressedSize64 = 8 << 30
		}
		raw, err := e.OpenRaw()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.CreateRaw(&h)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.ReadFrom(raw)
		w.Write(b.Bytes())
	}
	zw.Close()
	return out.Bytes()
}

// appender appends to a file when the reader starts on it: an export
// still being copied in.
type appender struct{ path string }

func (a appender) Reading(kind, file string, size int64) {
	if file == filepath.Base(a.path) {
		f, _ := os.OpenFile(a.path, os.O_APPEND|os.O_WRONLY, 0)
		f.WriteString("9,G-001,1404/02/09,5\n")
		f.Close()
	}
}
func (appender) Read(export.FileStat) {}

// TestFileChangedWhileRead: a file that grows while it is read is refused,
// not silently mixed.
func TestFileChangedWhileRead(t *testing.T) {
	for _, file := range []string{"surveys.csv", "declarations.csv"} {
		dir := writeExport(t, nil)
		files, err := Find(dir, Files{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = ReadIntoWith(files, scoring.NewSurveyTally(scoring.Period{Year: 1404, Half: 1}), appender{filepath.Join(dir, file)})
		var fe *FileError
		if !errors.As(err, &fe) || fe.File != file || !strings.Contains(err.Error(), "changed while it was read") {
			t.Errorf("%s: error %v, want it refused as changed", file, err)
		}
		// Unchanged, the same folder reads.
		if _, err := ReadIntoWith(files, scoring.NewSurveyTally(scoring.Period{Year: 1404, Half: 1}), nil); err != nil {
			t.Errorf("%s: the folder once complete: %v", file, err)
		}
	}
}
