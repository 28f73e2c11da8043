package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// libreOfficeReader is LibreOffice in the reader matrix: headless, it
// reads every book and saves it again, and the saved copy must hold the
// same cells in every sheet, right to left where rank's is (left to right
// in English), with its charts.
func libreOfficeReader() matrixReader {
	saved := map[string]string{} // book -> LibreOffice's copy
	return matrixReader{
		name: "libreoffice",
		available: func() error {
			_, err := exec.LookPath("soffice")
			return err
		},
		read: func(t *testing.T, books []matrixBook) map[string][]readSheet {
			dir := t.TempDir()
			out := filepath.Join(dir, "saved")
			args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
				"--headless", "--calc", "--convert-to", "xlsx", "--outdir", out}, bookPaths(books)...)
			if msg, err := exec.Command("soffice", args...).CombinedOutput(); err != nil {
				t.Fatalf("soffice: %v\n%s", err, msg)
			}
			got := map[string][]readSheet{}
			for _, b := range books {
				saved[b.path] = filepath.Join(out, filepath.Base(b.path))
				got[b.path] = excelizeSheets(t, saved[b.path])
			}
			return got
		},
		after: func(t *testing.T, books []matrixBook) {
			for _, b := range books {
				ours, theirs := open(t, b.path), open(t, saved[b.path])
				for _, s := range ours.GetSheetList() {
					if rows, _ := ours.GetRows(s); len(rows) == 0 {
						continue // a chart sheet
					}
					v, err := theirs.GetSheetView(s, 0)
					rtl := err == nil && v.RightToLeft != nil && *v.RightToLeft
					if rtl != b.rtl {
						t.Errorf("%s, %s: LibreOffice's copy is right to left: %v, want %v (%v)", b.kind, s, rtl, b.rtl, err)
					}
				}
				if n, want := chartParts(t, saved[b.path]), chartParts(t, b.path); n != want {
					t.Errorf("%s: LibreOffice keeps %d charts of %d", b.kind, n, want)
				}
			}
		},
	}
}

func open(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// chartParts counts the charts in a workbook's archive.
func chartParts(t *testing.T, path string) int {
	n := 0
	for name := range archiveParts(t, path) {
		if strings.HasPrefix(name, "xl/charts/chart") {
			n++
		}
	}
	return n
}
