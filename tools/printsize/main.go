// Command printsize prints each sheet of workbooks with LibreOffice and
// says how it comes out on paper: pages, paper size and way up, and the
// smallest and median type size of its words, in points. With -pdf DIR
// it keeps each sheet's PDF there as BOOK-N.pdf (N from 1, the sheets'
// order), for docs/shots.sh.
//
//	go run ./tools/printsize reports/gilan.xlsx reports/national.xlsx
//
// It needs soffice and pdftotext (apt-get install libreoffice-calc-nogui
// poppler-utils). TestPrintedTypeSize holds rank's workbooks to 8 pt.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/iranict/rank/internal/printsize"
)

func main() {
	keep := flag.String("pdf", "", "keep each sheet's PDF in this folder")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: printsize [-pdf DIR] BOOK.xlsx...")
		os.Exit(2)
	}
	if err := printsize.Tools(); err != nil {
		fmt.Fprintln(os.Stderr, "printsize:", err)
		os.Exit(1)
	}
	work, err := os.MkdirTemp("", "printsize")
	if err != nil {
		fmt.Fprintln(os.Stderr, "printsize:", err)
		os.Exit(1)
	}
	defer os.RemoveAll(work)
	sheets, err := printsize.Measure(work, flag.Args()...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "printsize:", err)
		os.Exit(1)
	}
	if *keep != "" {
		if err := keepPDFs(*keep, sheets); err != nil {
			fmt.Fprintln(os.Stderr, "printsize:", err)
			os.Exit(1)
		}
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "book\tsheet\tpages\tpaper\tmin pt\tmedian pt")
	for _, s := range sheets {
		paper := "other"
		if s.A4() {
			paper = "A4"
		}
		way := "portrait"
		if s.Landscape() {
			way = "landscape"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s %s (%.0f×%.0f)\t%.1f\t%.1f\n", filepath.Base(filepath.Dir(s.Book))+"/"+filepath.Base(s.Book), s.Name, s.Pages, paper, way, s.Width, s.Height, s.MinPt, s.MedianPt)
	}
	tw.Flush()
}

// keepPDFs copies each sheet's PDF into dir as BOOK-N.pdf.
func keepPDFs(dir string, sheets []printsize.Sheet) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	n := map[string]int{}
	for _, s := range sheets {
		n[s.Book]++
		data, err := os.ReadFile(s.PDF)
		if err != nil {
			return err
		}
		name := fmt.Sprintf("%s-%d.pdf", strings.TrimSuffix(filepath.Base(s.Book), ".xlsx"), n[s.Book])
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
