// Command printsize prints each sheet of workbooks with LibreOffice and
// says how it comes out on paper: pages, paper size and way up, and the
// smallest and median type size of its words, in points.
//
//	go run ./tools/printsize reports/gilan.xlsx reports/national.xlsx
//
// It needs soffice and pdftotext (apt-get install libreoffice-calc-nogui
// poppler-utils). TestPrintedTypeSize holds rank's workbooks to 8 pt.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/iranict/rank/internal/printsize"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: printsize BOOK.xlsx...")
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
	sheets, err := printsize.Measure(work, os.Args[1:]...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "printsize:", err)
		os.Exit(1)
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
