package report

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// chartPart is what the tests read of a chart's XML.
type chartPart struct {
	Lang  val `xml:"lang"`
	Chart struct {
		Title    []string `xml:"title>tx>rich>p>r>t"`
		PlotArea struct {
			Bar struct {
				Dir        val `xml:"barDir"`
				Grouping   val `xml:"grouping"`
				VaryColors val `xml:"varyColors"`
				Series     []struct {
					NameRef string   `xml:"tx>strRef>f"`
					Name    []string `xml:"tx>strRef>strCache>pt>v"`
					Colour  val      `xml:"spPr>solidFill>srgbClr"`
					CatRef  string   `xml:"cat>strRef>f"`
					Cats    []string `xml:"cat>strRef>strCache>pt>v"`
					ValRef  string   `xml:"val>numRef>f"`
					Vals    []string `xml:"val>numRef>numCache>pt>v"`
				} `xml:"ser"`
			} `xml:"barChart"`
			CatAx axis `xml:"catAx"`
			ValAx axis `xml:"valAx"`
		} `xml:"plotArea"`
	} `xml:"chart"`
}

type val struct {
	Val string `xml:"val,attr"`
}

type axis struct {
	Orientation val `xml:"scaling>orientation"`
	Pos         val `xml:"axPos"`
	Crosses     val `xml:"crosses"`
	Text        struct {
		Sz  string `xml:"sz,attr"`
		Ink val    `xml:"solidFill>srgbClr"`
	} `xml:"txPr>p>pPr>defRPr"`
}

// archiveEntry is one entry of a workbook's archive.
func archiveEntry(t *testing.T, path, name string) []byte {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == name {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			data, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
	}
	t.Fatalf("%s has no %s", path, name)
	return nil
}

func readChart(t *testing.T, path string) chartPart {
	t.Helper()
	var c chartPart
	if err := xml.Unmarshal(archiveEntry(t, path, "xl/charts/chart1.xml"), &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// cellsAt are the cells of a range reference ('Sheet'!$B$2:$B$4 or one
// cell) as excelize reads them: what the chart's cache must hold.
func cellsAt(t *testing.T, path, ref string) []string {
	t.Helper()
	sheet, cells, ok := strings.Cut(ref, "!")
	if !ok {
		t.Fatalf("reference %q has no sheet", ref)
	}
	sheet = strings.ReplaceAll(strings.Trim(sheet, "'"), "''", "'")
	from, to, _ := strings.Cut(strings.ReplaceAll(cells, "$", ""), ":")
	if to == "" {
		to = from
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c1, r1, err := excelize.CellNameToCoordinates(from)
	if err != nil {
		t.Fatal(err)
	}
	c2, r2, err := excelize.CellNameToCoordinates(to)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			name, _ := excelize.CoordinatesToCellName(c, r)
			v, err := f.GetCellValue(sheet, name, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, v)
		}
	}
	return out
}

// TestCharts reads the charts' XML: a colour per series (the grades'
// colours for grades), no colour per point, the cached names, categories
// and values equal to the cells they refer to, dark axis labels of a
// readable size, the categories in the table's order from where reading
// starts, and the title in the book's language.
func TestCharts(t *testing.T) {
	for _, lang := range []string{"fa", "en"} {
		t.Run(lang, func(t *testing.T) {
			run := testRun(t)
			run.Lang = lang
			dir := t.TempDir()
			if _, err := Workbooks(dir, run); err != nil {
				t.Fatal(err)
			}
			rtl := lang == "fa"
			for _, tt := range []struct {
				book, title string
				horizontal  bool
				colours     []string
			}{
				{"national.xlsx", labels.In(bookLang(lang), "chart_grades"), true, []string{"63BE7B", "FFC000", "E06666"}},
				{"gilan.xlsx", labels.In(bookLang(lang), "chart_scores"), false, []string{seriesColours[0]}},
			} {
				path := filepath.Join(dir, tt.book)
				c := readChart(t, path)
				bar := c.Chart.PlotArea.Bar
				if !reflect.DeepEqual(c.Chart.Title, []string{tt.title}) {
					t.Errorf("%s: title %q, want %q", tt.book, c.Chart.Title, tt.title)
				}
				if bar.VaryColors.Val != "0" {
					t.Errorf("%s: varyColors %q: a colour per point", tt.book, bar.VaryColors.Val)
				}
				if dir := map[bool]string{true: "bar", false: "col"}[tt.horizontal]; bar.Dir.Val != dir {
					t.Errorf("%s: barDir %q, want %q", tt.book, bar.Dir.Val, dir)
				}
				if len(bar.Series) != len(tt.colours) {
					t.Fatalf("%s: %d series, want %d", tt.book, len(bar.Series), len(tt.colours))
				}
				for i, s := range bar.Series {
					if s.Colour.Val != tt.colours[i] {
						t.Errorf("%s series %d: colour %q, want %q", tt.book, i, s.Colour.Val, tt.colours[i])
					}
					if want := cellsAt(t, path, s.NameRef); !reflect.DeepEqual(s.Name, want) {
						t.Errorf("%s series %d: name cached %q, the cell holds %q", tt.book, i, s.Name, want)
					}
					if want := cellsAt(t, path, s.CatRef); len(want) == 0 || !reflect.DeepEqual(s.Cats, want) {
						t.Errorf("%s series %d: categories cached %q, the cells hold %q", tt.book, i, s.Cats, want)
					}
					want := cellsAt(t, path, s.ValRef)
					if len(s.Vals) != len(want) {
						t.Errorf("%s series %d: %d values cached, %d cells", tt.book, i, len(s.Vals), len(want))
						continue
					}
					for j := range want {
						got, _ := strconv.ParseFloat(s.Vals[j], 64)
						cell, _ := strconv.ParseFloat(want[j], 64)
						if got != cell {
							t.Errorf("%s series %d point %d: cached %q, the cell holds %q", tt.book, i, j, s.Vals[j], want[j])
						}
					}
				}
				// The first category where reading starts: the top of
				// a bar chart; in Persian the right of a column chart.
				ax := c.Chart.PlotArea.CatAx
				wantOrder := "minMax"
				if tt.horizontal || rtl {
					wantOrder = "maxMin"
				}
				if ax.Orientation.Val != wantOrder {
					t.Errorf("%s: category axis %q, want %q", tt.book, ax.Orientation.Val, wantOrder)
				}
				if tt.horizontal && c.Chart.PlotArea.ValAx.Crosses.Val != "max" {
					t.Errorf("%s: the value axis crosses at %q, want max (the bottom)", tt.book, c.Chart.PlotArea.ValAx.Crosses.Val)
				}
				for name, a := range map[string]axis{"category": ax, "value": c.Chart.PlotArea.ValAx} {
					if a.Text.Ink.Val != chartInk {
						t.Errorf("%s: %s axis labels in %q, want the dark %s", tt.book, name, a.Text.Ink.Val, chartInk)
					}
					if sz, _ := strconv.Atoi(a.Text.Sz); sz < 1000 {
						t.Errorf("%s: %s axis labels at %s/100 pt, want 10 pt or more", tt.book, name, a.Text.Sz)
					}
				}
				// The chart sheet fills an A4 landscape page.
				sheet := string(archiveEntry(t, path, "xl/chartsheets/sheet6.xml"))
				for _, want := range []string{`paperSize="9"`, `orientation="landscape"`, "<oddHeader>", "&amp;P", "&amp;N"} {
					if !strings.Contains(sheet, want) {
						t.Errorf("%s: chart sheet without %s:\n%s", tt.book, want, sheet)
					}
				}
				drawing := string(archiveEntry(t, path, "xl/drawings/drawing1.xml"))
				if !strings.Contains(drawing, fmt.Sprintf(`<xdr:ext cx="%d" cy="%d">`, chartLong, chartShort)) {
					t.Errorf("%s: the chart does not fill the page:\n%s", tt.book, drawing)
				}
			}
		})
	}
}
