package printsize

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Sheet is how one sheet of a workbook prints.
type Sheet struct {
	Book, Name    string
	PDF           string // the sheet printed alone, in Measure's folder
	Pages         int
	Width, Height float64 // of the first page, in points
	Words         int
	// MinPt and MedianPt are the smallest and the median type size of
	// the words on paper, in points; 0 when the sheet prints no words.
	MinPt, MedianPt float64
}

// Landscape reports whether the sheet's first page is wider than high.
func (s Sheet) Landscape() bool { return s.Width > s.Height }

// A4 reports whether the sheet prints on A4 (595 × 842 pt), either way up.
func (s Sheet) A4() bool {
	near := func(a, b float64) bool { return a > b-2 && a < b+2 }
	return near(min(s.Width, s.Height), 595.3) && near(max(s.Width, s.Height), 841.9)
}

// Tools reports whether soffice and pdftotext are on PATH, and if not
// which is missing.
func Tools() error {
	var missing []string
	for _, t := range []string{"soffice", "pdftotext"} {
		if _, err := exec.LookPath(t); err != nil {
			missing = append(missing, t)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s not installed", strings.Join(missing, " and "))
	}
	return nil
}

// Font reports whether fontconfig has the workbooks' font itself. The
// columns' widths in points follow from the default font's widest digit,
// so LibreOffice prints the pages of the analysts' Excel (Tahoma) only
// when it has Tahoma: a substitute with wider digits (DejaVu Sans) widens
// every column and shrinks the type by a tenth. Wine's metric-compatible
// Tahoma (Debian's fonts-wine) serves; .ci/run makes it known.
func Font(family string) error {
	out, err := exec.Command("fc-match", "-f", "%{family}", family).Output()
	if err != nil {
		return fmt.Errorf("fc-match %s: %w", family, err)
	}
	if !slices.Contains(strings.Split(string(out), ","), family) {
		return fmt.Errorf("no %s font: fontconfig gives %q (install fonts-wine and link its tahoma*.ttf into /usr/local/share/fonts, as .ci/run does)", family, out)
	}
	return nil
}

// Measure prints every sheet of the books, each alone, in work (a
// scratch folder) and measures them, in the books' and sheets' order.
func Measure(work string, books ...string) ([]Sheet, error) {
	var jobs []job
	for bi, book := range books {
		names, err := splitSheets(book, filepath.Join(work, "split"), bi)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", book, err)
		}
		jobs = append(jobs, names...)
	}
	cal, err := calibration(filepath.Join(work, "split"))
	if err != nil {
		return nil, err
	}
	files := []string{cal}
	for _, j := range jobs {
		files = append(files, j.file)
	}
	pdfs := filepath.Join(work, "pdf")
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(work, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", pdfs}, files...)
	if out, err := exec.Command("soffice", args...).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("soffice: %v\n%s", err, out)
	}
	pdf := func(file string) string {
		return filepath.Join(pdfs, strings.TrimSuffix(filepath.Base(file), ".xlsx")+".pdf")
	}
	calPages, err := words(pdf(cal))
	if err != nil {
		return nil, err
	}
	heights := wordHeights(calPages)
	if len(heights) == 0 {
		return nil, errors.New("the calibration page has no words")
	}
	// Every word of the calibration sheet is calibrationPt at full size.
	perPt := median(heights) / calibrationPt
	var out []Sheet
	for _, j := range jobs {
		pages, err := words(pdf(j.file))
		if err != nil {
			return nil, err
		}
		s := Sheet{Book: j.book, Name: j.sheet, PDF: pdf(j.file), Pages: len(pages)}
		if len(pages) > 0 {
			s.Width, s.Height = pages[0].Width, pages[0].Height
		}
		if hs := wordHeights(pages); len(hs) > 0 {
			s.Words = len(hs)
			s.MinPt = slices.Min(hs) / perPt
			s.MedianPt = median(hs) / perPt
		}
		out = append(out, s)
	}
	return out, nil
}

type job struct{ book, sheet, file string }

// splitSheets writes a copy of book per sheet into dir, the other sheets
// hidden and their print ranges dropped (LibreOffice prints a hidden
// sheet that has one).
func splitSheets(book, dir string, n int) ([]job, error) {
	f, err := excelize.OpenFile(book)
	if err != nil {
		return nil, err
	}
	sheets := f.GetSheetList()
	f.Close()
	z, err := zip.OpenReader(book)
	if err != nil {
		return nil, err
	}
	defer z.Close()
	var wb []byte
	for _, e := range z.File {
		if e.Name == "xl/workbook.xml" {
			if wb, err = readEntry(e); err != nil {
				return nil, err
			}
		}
	}
	if wb == nil {
		return nil, errors.New("no xl/workbook.xml")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var jobs []job
	for k, sheet := range sheets {
		file := filepath.Join(dir, fmt.Sprintf("b%02d-s%02d.xlsx", n, k+1))
		if err := rewrite(z, file, only(wb, k)); err != nil {
			return nil, err
		}
		jobs = append(jobs, job{book, sheet, file})
	}
	return jobs, nil
}

var (
	sheetElem   = regexp.MustCompile(`<sheet [^>]*>`)
	definedName = regexp.MustCompile(`<definedName [^>]*localSheetId="(\d+)"[^>]*>[^<]*</definedName>`)
	bookView    = regexp.MustCompile(`<workbookView( activeTab="\d+")?`)
)

// only is workbook.xml with every sheet but the k-th (0-based) hidden.
func only(wb []byte, k int) []byte {
	i := 0
	out := sheetElem.ReplaceAllFunc(wb, func(e []byte) []byte {
		defer func() { i++ }()
		if i == k {
			return e
		}
		return bytes.Replace(e, []byte("<sheet "), []byte(`<sheet state="hidden" `), 1)
	})
	out = definedName.ReplaceAllFunc(out, func(e []byte) []byte {
		if id, _ := strconv.Atoi(string(definedName.FindSubmatch(e)[1])); id != k {
			return nil
		}
		return e
	})
	return bookView.ReplaceAll(out, []byte(fmt.Sprintf(`<workbookView activeTab="%d"`, k)))
}

// rewrite copies the archive into file with workbook.xml replaced.
func rewrite(z *zip.ReadCloser, file string, wb []byte) error {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, e := range z.File {
		data := wb
		if e.Name != "xl/workbook.xml" {
			var err error
			if data, err = readEntry(e); err != nil {
				return err
			}
		}
		out, err := w.Create(e.Name)
		if err != nil {
			return err
		}
		if _, err := out.Write(data); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	return os.WriteFile(file, buf.Bytes(), 0o644)
}

func readEntry(e *zip.File) ([]byte, error) {
	r, err := e.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// calibrationPt is the size of the calibration sheet's type: the
// workbooks' default font, Tahoma 11 (which LibreOffice replaces with the
// same font the workbooks get).
const calibrationPt = 11

// calibration writes a sheet of Persian and Latin words in Tahoma 11,
// printed at full size.
func calibration(dir string) (string, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDefaultFont("Tahoma"); err != nil {
		return "", err
	}
	for r, row := range [][]any{{"رتبه‌بندی دفاتر", "Office ranking"}, {"1404-H1", 93.52}, {"گیلان", "Gilan"}} {
		if err := f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", r+1), &row); err != nil {
			return "", err
		}
	}
	if err := f.SetColWidth("Sheet1", "A", "B", 20); err != nil {
		return "", err
	}
	file := filepath.Join(dir, "calibration.xlsx")
	return file, f.SaveAs(file)
}

// page is a PDF page as pdftotext -bbox gives it.
type page struct {
	Width  float64 `xml:"width,attr"`
	Height float64 `xml:"height,attr"`
	Words  []struct {
		YMin float64 `xml:"yMin,attr"`
		YMax float64 `xml:"yMax,attr"`
		Text string  `xml:",chardata"`
	} `xml:"word"`
}

// words reads the pages of a PDF with their words' boxes.
func words(pdf string) ([]page, error) {
	out, err := exec.Command("pdftotext", "-bbox", pdf, "-").Output()
	if err != nil {
		return nil, fmt.Errorf("pdftotext %s: %w", pdf, err)
	}
	var doc struct {
		Pages []page `xml:"body>doc>page"`
	}
	d := xml.NewDecoder(bytes.NewReader(out))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	if err := d.Decode(&doc); err != nil {
		return nil, fmt.Errorf("pdftotext %s: %w", pdf, err)
	}
	return doc.Pages, nil
}

// wordHeights are the heights of the boxes of the words that show
// something (not a lone joiner or mark).
func wordHeights(pages []page) []float64 {
	var hs []float64
	for _, p := range pages {
		for _, w := range p.Words {
			if strings.TrimFunc(w.Text, func(r rune) bool { return r < '!' || r >= 0x200b && r <= 0x206f }) == "" {
				continue
			}
			hs = append(hs, w.YMax-w.YMin)
		}
	}
	return hs
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
