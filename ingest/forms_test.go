package ingest

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
)

// formsDir holds an export folder (plain/: CSV and an xlsx registry) and
// the forms LibreOffice saved it in (make.sh writes them).
const formsDir = "testdata/forms"

// TestForms: every form of the same export folder gives exactly what its
// plain form gives — the rows kept, every problem (by kind, row, column and
// reason), every file's counts, the survey tally of the fast reader, and
// so every office's status, total, grade, rank and quota. The forms are
// those LibreOffice writes (Excel 97–2003, OpenDocument, CSV separated by
// semicolons, "Unicode Text") and those other writers do, made here: HTML
// tables as web systems save them as .xls, in UTF-8 and Windows-1256;
// Excel's "Unicode Text" (UTF-16LE with a BOM, tabs, CRLF); UTF-16BE
// without a BOM; a European Excel's CSV (semicolons, decimal commas, a
// BOM); and dates with a time of day.
func TestForms(t *testing.T) {
	rulesData, err := os.ReadFile("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rules, err := scoring.ParseRules(rulesData)
	if err != nil {
		t.Fatal(err)
	}
	period := scoring.Period{Year: 1404, Half: 1}
	plain := readForm(t, filepath.Join(formsDir, "plain"), rules, period)
	if len(plain.exp.Problems) == 0 || plain.fast == 0 {
		t.Fatalf("the plain folder has %d problems, %d files read by the fast reader: it should show both", len(plain.exp.Problems), plain.fast)
	}
	written := t.TempDir()
	forms := map[string]string{
		"xls":       filepath.Join(formsDir, "xls"),
		"ods":       filepath.Join(formsDir, "ods"),
		"semicolon": filepath.Join(formsDir, "semicolon"),
		"unicode":   filepath.Join(formsDir, "unicode"),
	}
	for name, w := range formWriters {
		dir := filepath.Join(written, name)
		writeForm(t, filepath.Join(formsDir, "plain"), dir, w)
		forms[name] = dir
	}
	for name, dir := range forms {
		t.Run(name, func(t *testing.T) {
			got := readForm(t, dir, rules, period)
			compareForms(t, plain, got)
		})
	}
}

// formRead is what reading a folder gives.
type formRead struct {
	exp     *Export
	surveys []scoring.Survey
	tally   *scoring.SurveyTally
	fast    int64 // files the fast reader read
	result  *scoring.Result
}

func readForm(t *testing.T, dir string, rules *scoring.Rules, period scoring.Period) formRead {
	t.Helper()
	files, err := Find(dir, Files{})
	if err != nil {
		t.Fatal(err)
	}
	var r formRead
	r.exp, err = Read(files, func(s scoring.Survey) { r.surveys = append(r.surveys, s) })
	if err != nil {
		t.Fatal(err)
	}
	r.tally = scoring.NewSurveyTally(period)
	exp, err := read(files, r.tally.Add, r.tally, nil, Options{fast: surveyOptions{took: func() { r.fast++ }}})
	if err != nil {
		t.Fatal(err)
	}
	r.result = scoring.Evaluate(rules, period, scoring.Inputs{
		Offices: exp.Offices, Declarations: exp.Declarations, Surveys: r.tally, Violations: exp.Violations, Services: exp.Services,
	})
	return r
}

func compareForms(t *testing.T, want, got formRead) {
	t.Helper()
	for _, c := range []struct {
		what      string
		got, want any
	}{
		{"offices", got.exp.Offices, want.exp.Offices},
		{"declarations", got.exp.Declarations, want.exp.Declarations},
		{"violations", got.exp.Violations, want.exp.Violations},
		{"services", got.exp.Services, want.exp.Services},
		{"surveys", got.surveys, want.surveys},
		{"stats", statsByKind(got.exp.Stats), statsByKind(want.exp.Stats)},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s differ:\n got %+v\nwant %+v", c.what, c.got, c.want)
		}
	}
	gp, wp := problemsByKind(got.exp.Problems), problemsByKind(want.exp.Problems)
	for i := range max(len(gp), len(wp)) {
		if i >= len(gp) || i >= len(wp) || gp[i] != wp[i] {
			t.Errorf("problem %d differs:\n got %s\nwant %s", i, at(gp, i), at(wp, i))
			break
		}
	}
	for _, o := range want.exp.Offices {
		if g, w := got.tally.Office(o.Code), want.tally.Office(o.Code); g != w {
			t.Errorf("office %s: tally %+v, want %+v", o.Code, g, w)
		}
	}
	if !reflect.DeepEqual(got.result, want.result) {
		for i := range want.result.Offices {
			g, w := got.result.Offices[i], want.result.Offices[i]
			if g.Code != w.Code || g.Status != w.Status || g.Total != w.Total || g.Grade != w.Grade || g.Rank != w.Rank || g.Quota != w.Quota {
				t.Errorf("office %s: %v %.2f grade %d rank %d quota %d, want %s %v %.2f grade %d rank %d quota %d",
					g.Code, g.Status, g.Total, g.Grade, g.Rank, g.Quota, w.Code, w.Status, w.Total, w.Grade, w.Rank, w.Quota)
			}
		}
		t.Error("the evaluations differ")
	}
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "(none)"
}

// statsByKind is the files' counts without their names.
func statsByKind(stats []export.FileStat) []export.FileStat {
	out := slices.Clone(stats)
	for i := range out {
		out[i].File = ""
	}
	return out
}

// problemsByKind is the problems without the file's name and sheet.
func problemsByKind(ps []export.Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		p.File, p.Sheet = p.Kind, ""
		out[i] = fmt.Sprintf("%s [%s %v]", p.Error(), p.Province, p.Warning)
	}
	return out
}

// A formWriter writes the records of a plain file in another form.
type formWriter struct {
	ext   string
	write func(t *testing.T, kind string, recs [][]string) []byte
}

var formWriters = map[string]formWriter{
	"html":          {".xls", writeHTML},
	"excel-unicode": {".txt", writeUnicodeText},
	"utf16be":       {".tsv", writeUTF16BE},
	"european":      {".csv", writeEuropean},
	"times":         {".csv", writeTimes},
}

func writeForm(t *testing.T, from, to string, w formWriter) {
	t.Helper()
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		kind := strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))
		tb, err := openTable(filepath.Join(from, e.Name()), "")
		if err != nil {
			t.Fatal(err)
		}
		var recs [][]string
		for {
			rec, _, err := tb.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			recs = append(recs, slices.Clone(rec))
		}
		tb.close()
		if err := os.WriteFile(filepath.Join(to, kind+w.ext), w.write(t, kind, recs), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// writeHTML writes a page as a web system exports it: a layout table of
// a title and a date first, then the data, its header in <thead> of
// <th>, text escaped. The declarations are in Windows-1256, as an
// older system writes them, the others in UTF-8; each says so in a
// <meta>.
func writeHTML(t *testing.T, kind string, recs [][]string) []byte {
	var b strings.Builder
	charset := "utf-8"
	if kind == "declarations" {
		charset = "windows-1256"
	}
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html dir=rtl><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=%s\">\n<title>گزارش</title><style>td { border: 1px }</style></head>\n<body>\n", charset)
	b.WriteString("<table><tr><td><img src=logo.png></td><td><h1>سامانه ارزیابی &amp; رتبه‌بندی</h1></td></tr></table>\n<table class=grid>\n")
	for i, rec := range recs {
		cell := "td"
		if i == 0 {
			b.WriteString("<thead>")
			cell = "th"
		}
		b.WriteString("<tr>")
		for _, c := range rec {
			fmt.Fprintf(&b, "<%s>%s</%s>", cell, html.EscapeString(c), cell)
		}
		b.WriteString("</tr>\n")
		if i == 0 {
			b.WriteString("</thead><tbody>\n")
		}
	}
	b.WriteString("</tbody></table></body></html>\n")
	if charset == "windows-1256" {
		return []byte(encode1256(t, b.String()))
	}
	return []byte(b.String())
}

// writeUnicodeText writes what Excel saves as "Unicode Text": UTF-16LE
// with a byte order mark, cells parted by tabs, lines by CRLF.
func writeUnicodeText(t *testing.T, kind string, recs [][]string) []byte {
	text := delimited(t, recs, '\t', true)
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(text)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writeUTF16BE writes UTF-16BE without a byte order mark, tab-separated.
func writeUTF16BE(t *testing.T, kind string, recs [][]string) []byte {
	b, err := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().Bytes(delimited(t, recs, '\t', false))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// decimalPoint is a number Excel writes with a decimal separator.
var decimalPoint = regexp.MustCompile(`^-?[0-9]+\.[0-9]+$`)

// writeEuropean writes what Excel saves as CSV UTF-8 where the comma is
// the decimal separator: a BOM, semicolons between cells, decimal commas.
func writeEuropean(t *testing.T, kind string, recs [][]string) []byte {
	comma := make([][]string, len(recs))
	for i, rec := range recs {
		comma[i] = slices.Clone(rec)
		for j, c := range rec {
			if decimalPoint.MatchString(c) {
				comma[i][j] = strings.Replace(c, ".", ",", 1)
			}
		}
	}
	return append([]byte("\ufeff"), delimited(t, comma, ';', true)...)
}

// writeTimes writes the CSV with a time of day after every date that
// reads as one, as survey systems write their dates.
func writeTimes(t *testing.T, kind string, recs [][]string) []byte {
	timed := make([][]string, len(recs))
	for i, rec := range recs {
		timed[i] = slices.Clone(rec)
		for j, c := range rec {
			if _, err := ParseDate(c); err == nil && i > 0 && strings.Count(c, "/")+strings.Count(c, "-") == 2 {
				timed[i][j] = c + []string{" 14:30:12", "T09:05", " 0:00"}[(i+j)%3]
			}
		}
	}
	return delimited(t, timed, ',', false)
}

func delimited(t *testing.T, recs [][]string, comma rune, crlf bool) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma, w.UseCRLF = comma, crlf
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
