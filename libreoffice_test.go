package main

import (
	"archive/zip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/iranict/rank/cmd"
)

// TestWorkbooksOpenInLibreOffice opens every kind of workbook rank writes
// — a province's, the national one, an index's — in a real office suite:
// LibreOffice, headless, reads each and saves it again, and the saved
// copy must hold the same values in every sheet, right to left, with its
// charts. Skipped where LibreOffice is not installed (.ci/run installs it).
func TestWorkbooksOpenInLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: a LibreOffice round trip of every kind of workbook takes a minute; the full run makes it")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		if code := cmd.Main(args, &cmd.IO{Out: io.Discard, Err: os.Stderr}, methods); code != 0 {
			t.Fatalf("rank %v: exit %d", args, code)
		}
	}
	offices, agencies := filepath.Join(dir, "offices"), filepath.Join(dir, "agencies")
	run("evaluate", "testdata/gilan", "--period", "1400-H1", "--out", offices, "-q")
	run("evaluate", "testdata/agencies", "--rules", "agencies", "--period", "1404-H1", "--out", agencies, "-q")
	books := []string{
		filepath.Join(offices, "gilan.xlsx"),
		filepath.Join(offices, "national.xlsx"),
		filepath.Join(agencies, "ranking.xlsx"),
	}
	saved := filepath.Join(dir, "saved")
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--headless", "--calc", "--convert-to", "xlsx", "--outdir", saved}, books...)
	if out, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, book := range books {
		t.Run(filepath.Base(filepath.Dir(book))+"/"+filepath.Base(book), func(t *testing.T) {
			ours := open(t, book)
			theirs := open(t, filepath.Join(saved, filepath.Base(book)))
			sheets := ours.GetSheetList()
			if got := theirs.GetSheetList(); !slices.Equal(got, sheets) {
				t.Fatalf("LibreOffice reads sheets %q, want %q", got, sheets)
			}
			for _, s := range sheets {
				want, err := ours.GetRows(s)
				if err != nil {
					t.Fatalf("%s: %v", s, err)
				}
				if len(want) == 0 {
					continue // a chart sheet
				}
				got, err := theirs.GetRows(s)
				if err != nil {
					t.Fatalf("%s: %v", s, err)
				}
				if len(got) != len(want) {
					t.Errorf("%s: %d rows, want %d", s, len(got), len(want))
					continue
				}
				for i := range want {
					if !slices.Equal(trimRow(got[i]), trimRow(want[i])) {
						t.Errorf("%s row %d:\n got %q\nwant %q", s, i+1, got[i], want[i])
						break
					}
				}
				if v, err := theirs.GetSheetView(s, 0); err != nil || v.RightToLeft == nil || !*v.RightToLeft {
					t.Errorf("%s: LibreOffice does not keep it right to left (%v)", s, err)
				}
			}
			if n, want := chartParts(t, filepath.Join(saved, filepath.Base(book))), chartParts(t, book); n != want || want == 0 {
				t.Errorf("LibreOffice keeps %d charts of %d", n, want)
			}
		})
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
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	n := 0
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, "xl/charts/chart") {
			n++
		}
	}
	return n
}

// trimRow drops trailing empty cells, which the two writers keep differently.
func trimRow(r []string) []string {
	for len(r) > 0 && r[len(r)-1] == "" {
		r = r[:len(r)-1]
	}
	return r
}
