package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/iranict/rank/cmd"
	"github.com/iranict/rank/internal/export"
)

// The reader matrix: every kind of workbook rank writes is read by the
// software analysts and their scripts open it with, and each reader's
// cells must be the cells rank wrote — not just "it opened". What rank
// wrote is read from the archive by refBook, which also holds the
// workbook to the format (a reference on every cell, a true used range,
// codes of digits marked as text on purpose), and is checked against what
// rank meant: ranking.csv's rows, the templates' headers, the
// comparison's moves.
//
// A reader that is not installed is skipped, but not under CI (CI=true),
// where .ci/run installs them all: a missing reader fails there.

// matrixBook is one workbook of the matrix.
type matrixBook struct {
	kind string // the name its copy has: province.xlsx, agencies.xlsx, …
	path string
	rtl  bool // a Persian book reads right to left
	// meant checks the book's cells against what rank meant to write.
	meant func(t *testing.T, b *refBook)
	ref   *refBook // the book as written, once read
}

func newMatrixBook(kind, path string, rtl bool, meant func(t *testing.T, b *refBook)) matrixBook {
	return matrixBook{kind: kind, path: path, rtl: rtl, meant: meant}
}

// matrixBooks writes every kind of workbook rank writes into a folder of
// their own, one name each (LibreOffice writes its copies by name).
func matrixBooks(t *testing.T) []matrixBook {
	t.Helper()
	dir := t.TempDir()
	run := func(args ...string) string {
		t.Helper()
		var out bytes.Buffer
		if code := cmd.Main(args, &cmd.IO{Out: &out, Err: io.Discard}, methods); code != 0 {
			t.Fatalf("rank %v: exit %d", args, code)
		}
		return out.String()
	}
	at := func(parts ...string) string { return filepath.Join(append([]string{dir}, parts...)...) }
	run("evaluate", "testdata/gilan", "--period", "1400-H1", "--out", at("h1"), "--csv", "-q")
	run("evaluate", "testdata/gilan", "--period", "1400-H2", "--out", at("h2"), "--csv", "-q")
	run("evaluate", "testdata/gilan", "--period", "1400-H1", "--out", at("en"), "--lang", "en", "-q")
	run("evaluate", "testdata/agencies", "--rules", "agencies", "--period", "1404-H1", "--out", at("agencies"), "--csv", "-q")
	run("evaluate", "testdata/hdi", "--rules", "testdata/hdi/hdi.yaml", "--out", at("hdi"), "--csv", "-q")
	var moves struct {
		Old, New string
		Moves    []struct {
			Code string `json:"office_code"`
		}
	}
	if err := json.Unmarshal([]byte(run("compare", at("h1"), at("h2"), "--out", at("compare"), "--format", "json")), &moves); err != nil {
		t.Fatal(err)
	}
	run("init", at("init"))

	h1 := readCSVFile(t, at("h1", "ranking.csv"))
	var totalHeader string // the ranking sheet's header of the total, which the index books share
	books := []matrixBook{
		newMatrixBook("province", at("h1", "gilan.xlsx"), true, func(t *testing.T, b *refBook) {
			totalHeader = rankingMeant(t, b, h1)
		}),
		newMatrixBook("national", at("h1", "national.xlsx"), true, func(t *testing.T, b *refBook) { nationalMeant(t, b, h1) }),
		newMatrixBook("province-en", at("en", "gilan.xlsx"), false, func(t *testing.T, b *refBook) { rankingMeant(t, b, h1) }),
		newMatrixBook("compare", at("compare", "compare.xlsx"), true, func(t *testing.T, b *refBook) {
			// A title, then the two periods, each a label and its name.
			sum := b.sheets[0].rows
			if len(sum) < 3 || len(sum[1]) < 2 || len(sum[2]) < 2 || sum[1][1].text != moves.Old || sum[2][1].text != moves.New || moves.Old != "1400-H1" || moves.New != "1400-H2" {
				t.Errorf("compare.xlsx names the periods %v, want 1400-H1 and 1400-H2 (JSON: %s, %s)", sum[:min(3, len(sum))], moves.Old, moves.New)
			}
			rows := b.sheets[1].rows
			if len(rows) != len(moves.Moves)+1 || len(moves.Moves) == 0 {
				t.Fatalf("compare.xlsx lists %d moves, the JSON %d", len(rows)-1, len(moves.Moves))
			}
			for i, m := range moves.Moves {
				if rows[i+1][0].text != m.Code {
					t.Errorf("move %d: %s, the JSON's %s", i+1, rows[i+1][0].text, m.Code)
				}
			}
		}),
		newMatrixBook("agencies", at("agencies", "ranking.xlsx"), true, func(t *testing.T, b *refBook) {
			indexMeant(t, b, readCSVFile(t, at("agencies", "ranking.csv")), totalHeader)
		}),
		newMatrixBook("index-hdi", at("hdi", "ranking.xlsx"), true, func(t *testing.T, b *refBook) {
			indexMeant(t, b, readCSVFile(t, at("hdi", "ranking.csv")), totalHeader)
		}),
	}
	for _, kind := range export.Kinds {
		books = append(books, newMatrixBook("template-"+kind.Name, at("init", kind.Name+".xlsx"), true, func(t *testing.T, b *refBook) {
			var want []string
			for _, c := range kind.Columns {
				want = append(want, c.Persian)
			}
			var got []string
			if rows := b.sheets[0].rows; len(rows) > 0 {
				for _, c := range rows[0] {
					got = append(got, c.text)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("header %q, want %q", got, want)
			}
		}))
	}
	// One name each, for LibreOffice's copies.
	flat := at("books")
	if err := os.MkdirAll(flat, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, b := range books {
		data, err := os.ReadFile(b.path)
		if err != nil {
			t.Fatal(err)
		}
		books[i].path = filepath.Join(flat, b.kind+".xlsx")
		if err := os.WriteFile(books[i].path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return books
}

// TestReaderMatrix reads every kind of workbook with every reader. The
// readers run side by side: exceljs alone takes minutes over the
// templates, whose checks span every row of a sheet.
func TestReaderMatrix(t *testing.T) {
	books := matrixBooks(t)
	t.Run("rank", func(t *testing.T) {
		// In order: the province book finds the total's header the index
		// books look for.
		for i, b := range books {
			t.Run(b.kind, func(t *testing.T) {
				books[i].ref = readRefBook(t, b.path)
				books[i].ref.wellFormed(t)
				b.meant(t, books[i].ref)
			})
		}
	})
	for _, b := range books {
		if b.ref == nil {
			t.Fatalf("%s could not be read as written", b.kind)
		}
	}
	for _, r := range matrixReaders() {
		t.Run(r.name, func(t *testing.T) {
			t.Parallel()
			if err := r.available(); err != nil {
				missingReader(t, r.name, err)
			}
			got := r.read(t, books)
			for _, b := range books {
				t.Run(b.kind, func(t *testing.T) {
					sheets, ok := got[b.path]
					if !ok {
						t.Fatalf("%s read nothing of %s", r.name, b.path)
					}
					sameCells(t, b.ref, sheets, r.typed)
				})
			}
			if r.after != nil {
				r.after(t, books)
			}
		})
	}
}

// eachBook runs read on every book, as many at a time as there are cores,
// for the readers that take a process a book, and fails on the first
// error.
func eachBook(t *testing.T, books []matrixBook, read func(b matrixBook) ([]readSheet, error)) map[string][]readSheet {
	t.Helper()
	type result struct {
		sheets []readSheet
		err    error
	}
	results := make([]result, len(books))
	slots := make(chan struct{}, runtime.NumCPU())
	var wg sync.WaitGroup
	for i, b := range books {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			results[i].sheets, results[i].err = read(b)
		}()
	}
	wg.Wait()
	got := map[string][]readSheet{}
	for i, b := range books {
		if results[i].err != nil {
			t.Fatalf("%s: %v", b.kind, results[i].err)
		}
		got[b.path] = results[i].sheets
	}
	return got
}

// TestWorkbooksValidAgainstSchemas validates every XML part of every kind
// of workbook against the ECMA-376 (ISO/IEC 29500) transitional schemas,
// markup compatibility applied first (testdata/readers/validate_xsd.py),
// when RANK_OOXML_XSD names a folder holding them. rank ships no copy of
// them (the copies in public repositories carry no licence notice) and CI
// cannot download them, so CI skips this test; run it where they are:
//
//	RANK_OOXML_XSD=~/ooxml-xsd go test . -run Schemas
func TestWorkbooksValidAgainstSchemas(t *testing.T) {
	schemas := os.Getenv("RANK_OOXML_XSD")
	if schemas == "" {
		t.Skip("RANK_OOXML_XSD names no folder of the ECMA-376 transitional schemas")
	}
	if err := exec.Command(debianPython, "-c", "import lxml").Run(); err != nil {
		t.Fatalf("%s cannot import lxml (apt-get install python3-lxml): %v", debianPython, err)
	}
	books := matrixBooks(t)
	var stderr bytes.Buffer
	c := exec.Command(debianPython, append([]string{filepath.Join("testdata", "readers", "validate_xsd.py"), schemas}, bookPaths(books)...)...)
	c.Stderr = &stderr
	out, err := c.Output()
	if err != nil {
		t.Fatalf("validate_xsd.py: %v\n%s", err, stderr.String())
	}
	var problems map[string][]string
	if err := json.Unmarshal(out, &problems); err != nil {
		t.Fatal(err)
	}
	for _, b := range books {
		ps, ok := problems[b.path]
		if !ok {
			t.Errorf("%s: not validated", b.kind)
		}
		for i, p := range ps {
			if i == 10 {
				t.Errorf("%s: and %d more", b.kind, len(ps)-i)
				break
			}
			t.Errorf("%s: %s", b.kind, p)
		}
	}
}

// missingReader skips a test whose reader is not installed, or fails it
// under CI, which installs every reader (.ci/run).
func missingReader(t *testing.T, name string, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed (.ci/run installs it): %v", name, err)
	}
	t.Skipf("%s is not installed: %v", name, err)
}

// A matrixReader reads every book's worksheets.
type matrixReader struct {
	name      string
	typed     bool // numbers come back as numbers and text as text (not all as text)
	available func() error
	read      func(t *testing.T, books []matrixBook) map[string][]readSheet
	after     func(t *testing.T, books []matrixBook) // further checks of what it read
}

// readSheet is a worksheet as a reader gives it: nil for a blank cell, a
// string, a float64 or a bool.
type readSheet struct {
	Name string
	Rows [][]any
}

// debianPython is Debian's Python, whose python3-openpyxl .ci/run installs
// (the python3 first on PATH may be another).
const debianPython = "/usr/bin/python3"

func matrixReaders() []matrixReader {
	openpyxl := func(mode string) matrixReader {
		return matrixReader{
			name: "openpyxl-" + mode, typed: true,
			available: func() error {
				return exec.Command(debianPython, "-c", "import openpyxl").Run()
			},
			read: func(t *testing.T, books []matrixBook) map[string][]readSheet {
				args := []string{filepath.Join("testdata", "readers", "openpyxl_cells.py"), mode}
				got, err := readJSON(exec.Command(debianPython, append(args, bookPaths(books)...)...))
				if err != nil {
					t.Fatal(err)
				}
				return got
			},
		}
	}
	return []matrixReader{
		{name: "excelize", available: func() error { return nil }, read: excelizeCells},
		openpyxl("normal"),
		openpyxl("read-only"),
		{name: "gnumeric-ssconvert", available: func() error { _, err := exec.LookPath("ssconvert"); return err }, read: func(t *testing.T, books []matrixBook) map[string][]readSheet {
			return eachBook(t, books, ssconvertCells)
		}},
		{name: "exceljs", typed: true, available: exceljsAvailable, read: func(t *testing.T, books []matrixBook) map[string][]readSheet {
			return eachBook(t, books, func(b matrixBook) ([]readSheet, error) {
				c := exec.Command("node", filepath.Join("testdata", "readers", "exceljs_cells.js"), b.path)
				c.Env = append(os.Environ(), "NODE_PATH="+exceljsModules())
				got, err := readJSON(c)
				return got[b.path], err
			})
		}},
		libreOfficeReader(),
	}
}

func bookPaths(books []matrixBook) []string {
	var paths []string
	for _, b := range books {
		paths = append(paths, b.path)
	}
	return paths
}

// readJSON runs a reader script that prints {path: {"sheets": […],
// "warnings": […]}}; a warning is an error.
func readJSON(c *exec.Cmd) (map[string][]readSheet, error) {
	var stderr bytes.Buffer
	c.Stderr = &stderr
	out, err := c.Output()
	if err != nil {
		return nil, fmt.Errorf("%v: %v\n%s", c.Args, err, stderr.String())
	}
	var books map[string]struct {
		Sheets   []readSheet
		Warnings []string
	}
	if err := json.Unmarshal(out, &books); err != nil {
		return nil, fmt.Errorf("%v: %v", c.Args[:2], err)
	}
	got := map[string][]readSheet{}
	for path, b := range books {
		if len(b.Warnings) > 0 {
			return nil, fmt.Errorf("%s: warnings %q", path, b.Warnings)
		}
		got[path] = b.Sheets
	}
	return got, nil
}

// exceljsModules is where .ci/run installs exceljs (npm ci --prefix .ci/node).
func exceljsModules() string {
	abs, _ := filepath.Abs(filepath.Join(".ci", "node", "node_modules"))
	return abs
}

func exceljsAvailable() error {
	if _, err := exec.LookPath("node"); err != nil {
		return err
	}
	_, err := os.Stat(filepath.Join(exceljsModules(), "exceljs", "package.json"))
	return err
}

// excelizeCells reads the books with excelize, the library rank writes
// them with, each cell's raw value (numbers unformatted).
func excelizeCells(t *testing.T, books []matrixBook) map[string][]readSheet {
	got := map[string][]readSheet{}
	for _, b := range books {
		got[b.path] = excelizeSheets(t, b.path)
	}
	return got
}

func excelizeSheets(t *testing.T, path string) []readSheet {
	t.Helper()
	f := open(t, path)
	var sheets []readSheet
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("%s, %s: %v", path, name, err)
		}
		sheets = append(sheets, textRows(name, rows))
	}
	return sheets
}

// gnumericNoise is what Gnumeric's ssconvert (1.12) prints on reading
// rank's workbooks and may: libgsf's complaint that excelize's parts
// declare the SpreadsheetML namespace under the prefix x beside x14's,
// which it confuses; and that it does not know <ignoredErrors> (which
// tells Excel the codes of digits are text on purpose). Neither changes a
// cell. Any other message fails the test.
var gnumericNoise = regexp.MustCompile(`(?m)^\*\* \(ssconvert:\d+\): WARNING \*\*: [0-9:.]+: Damn\.  Someone just declared the same namespace 'http://schemas\.microsoft\.com/office/spreadsheetml/2009/9/main' with a different prefix 'x14:'$|^Unexpected element 'ignoredErrors' in state : *\n\s*worksheet$`)

// ssconvertCells has Gnumeric write each sheet of a book as CSV, the
// values unformatted (format=raw).
func ssconvertCells(b matrixBook) ([]readSheet, error) {
	dir, err := os.MkdirTemp("", "ssconvert")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	c := exec.Command("ssconvert", "-S", "--export-type=Gnumeric_stf:stf_assistant", "-O", "separator=, format=raw",
		b.path, filepath.Join(dir, "%n.csv"))
	out, err := c.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("ssconvert: %v\n%s", err, out)
	}
	if msg := strings.TrimSpace(gnumericNoise.ReplaceAllString(string(out), "")); msg != "" {
		return nil, fmt.Errorf("ssconvert says: %s", msg)
	}
	var sheets []readSheet
	for n, s := range b.ref.sheets {
		data, err := os.ReadFile(filepath.Join(dir, strconv.Itoa(n)+".csv"))
		if err != nil {
			return nil, fmt.Errorf("sheet %d (%s): %v", n, s.name, err)
		}
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil {
			return nil, fmt.Errorf("sheet %s: %v", s.name, err)
		}
		sheets = append(sheets, textRows(s.name, recs))
	}
	return sheets, nil
}

// sameCells fails unless a reader's worksheets hold the cells of rank's:
// the same sheets, in order (a reader may list chart sheets or not, and
// gives them no cells), text as the same text, numbers as the same
// number.
func sameCells(t *testing.T, ref *refBook, got []readSheet, typed bool) {
	t.Helper()
	var names []string
	for _, s := range ref.sheets {
		if !s.chart {
			names = append(names, s.name)
		}
	}
	var gotNames []string
	byName := map[string]readSheet{}
	for _, s := range got {
		if slices.ContainsFunc(ref.sheets, func(r refSheet) bool { return r.chart && r.name == s.Name }) {
			if nonBlank(s.Rows) {
				t.Errorf("chart sheet %s: cells %q", s.Name, s.Rows)
			}
			continue
		}
		gotNames = append(gotNames, s.Name)
		byName[s.Name] = s
	}
	if !slices.Equal(gotNames, names) {
		t.Fatalf("sheets %q, want %q", gotNames, names)
	}
	for _, s := range ref.sheets {
		if s.chart {
			continue
		}
		rows := byName[s.name].Rows
		errs := 0
		for r := range max(len(rows), len(s.rows)) {
			for c := range max(rowLen(rows, r), refRowLen(s.rows, r)) {
				var want refCell
				if r < len(s.rows) && c < len(s.rows[r]) {
					want = s.rows[r][c]
				}
				var have any
				if r < len(rows) && c < len(rows[r]) {
					have = rows[r][c]
				}
				if msg := cellDiff(want, have, typed); msg != "" {
					t.Errorf("%s!%s: %s", s.name, cellName(c, r), msg)
					if errs++; errs == 5 {
						t.Fatalf("%s: and more", s.name)
					}
				}
			}
		}
	}
}

func rowLen(rows [][]any, r int) int {
	if r < len(rows) {
		return len(rows[r])
	}
	return 0
}

func refRowLen(rows [][]refCell, r int) int {
	if r < len(rows) {
		return len(rows[r])
	}
	return 0
}

func nonBlank(rows [][]any) bool {
	for _, row := range rows {
		for _, v := range row {
			if v != nil && v != "" {
				return true
			}
		}
	}
	return false
}

// cellDiff says how a reader's cell differs from rank's, or "".
func cellDiff(want refCell, have any, typed bool) string {
	switch {
	case want.blank():
		if have == nil || have == "" {
			return ""
		}
		return fmt.Sprintf("%#v where rank wrote nothing", have)
	case want.number:
		x, _ := strconv.ParseFloat(want.text, 64)
		var y float64
		switch v := have.(type) {
		case float64:
			y = v
		case string:
			if typed {
				return fmt.Sprintf("text %q where rank wrote the number %s", v, want.text)
			}
			var err error
			if y, err = strconv.ParseFloat(v, 64); err != nil {
				return fmt.Sprintf("%q where rank wrote the number %s", v, want.text)
			}
		default:
			return fmt.Sprintf("%#v where rank wrote the number %s", have, want.text)
		}
		if math.Abs(x-y) > 1e-12*math.Max(1, math.Abs(x)) {
			return fmt.Sprintf("%v where rank wrote %s", y, want.text)
		}
		return ""
	}
	if s, ok := have.(string); !ok || s != want.text {
		return fmt.Sprintf("%#v where rank wrote the text %q", have, want.text)
	}
	return ""
}

// cellName is "B7" for column 1, row 6 (0-based).
func cellName(c, r int) string {
	name, _ := excelize.CoordinatesToCellName(c+1, r+1)
	return name
}

// refBook is a workbook as rank wrote it, read from its archive.
type refBook struct {
	path   string
	sheets []refSheet // in the workbook's order, chart sheets too
	parts  map[string][]byte
}

type refSheet struct {
	name      string
	chart     bool
	part      string
	rows      [][]refCell
	dimension string
	asText    []string // the ranges Excel is told hold numbers stored as text on purpose
}

// refCell is a cell as written: its text, or its number as written.
type refCell struct {
	number bool
	text   string
}

func (c refCell) blank() bool { return !c.number && c.text == "" }

// readRefBook reads a workbook's worksheets strictly: every cell must
// carry its reference, in order, in the row it names.
func readRefBook(t *testing.T, path string) *refBook {
	t.Helper()
	b := &refBook{path: path, parts: archiveParts(t, path)}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []relationship `xml:"Relationship"`
	}
	if err := xml.Unmarshal(b.parts["xl/workbook.xml"], &wb); err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(b.parts["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		t.Fatal(err)
	}
	var shared []string
	if data, ok := b.parts["xl/sharedStrings.xml"]; ok {
		var sst struct {
			SI []struct {
				T string `xml:"t"`
				R []struct {
					T string `xml:"t"`
				} `xml:"r"`
			} `xml:"si"`
		}
		if err := xml.Unmarshal(data, &sst); err != nil {
			t.Fatal(err)
		}
		for _, si := range sst.SI {
			s := si.T
			for _, r := range si.R {
				s += r.T
			}
			shared = append(shared, s)
		}
	}
	for _, s := range wb.Sheets {
		i := slices.IndexFunc(rels.Rels, func(r relationship) bool { return r.ID == s.ID })
		if i < 0 {
			t.Fatalf("%s: sheet %s has no relationship", path, s.Name)
		}
		rel := rels.Rels[i]
		part := strings.TrimPrefix(rel.Target, "/")
		if !strings.HasPrefix(part, "xl/") {
			part = "xl/" + part
		}
		sheet := refSheet{name: s.Name, part: part, chart: strings.HasSuffix(rel.Type, "/chartsheet")}
		if !sheet.chart {
			if err := sheet.read(b.parts[part], shared); err != nil {
				t.Fatalf("%s, %s (%s): %v", path, s.Name, part, err)
			}
		}
		b.sheets = append(b.sheets, sheet)
	}
	return b
}

type relationship struct {
	ID     string `xml:"Id,attr"`
	Target string `xml:"Target,attr"`
	Type   string `xml:"Type,attr"`
}

// archiveParts is every part of a workbook's archive, by name.
func archiveParts(t *testing.T, path string) map[string][]byte {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	parts := map[string][]byte{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = data
	}
	return parts
}

// textRows is a sheet of text cells, as a reader that gives every cell as
// text reads it.
func textRows(name string, rows [][]string) readSheet {
	s := readSheet{Name: name}
	for _, row := range rows {
		cells := make([]any, len(row))
		for i, v := range row {
			cells[i] = v
		}
		s.Rows = append(s.Rows, cells)
	}
	return s
}

// read takes a worksheet's cells, dimension and ignored errors.
func (s *refSheet) read(data []byte, shared []string) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	attr := func(e xml.StartElement, name string) (string, bool) {
		for _, a := range e.Attr {
			if a.Name.Local == name {
				return a.Value, true
			}
		}
		return "", false
	}
	row, col := 0, 0 // 1-based, of the last row and cell
	var cur *refCell
	var typ, text string
	var inValue, hasValue bool // in a <v> or <t>; the cell has one
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "dimension":
				s.dimension, _ = attr(e, "ref")
			case "row":
				v, ok := attr(e, "r")
				r, err := strconv.Atoi(v)
				if !ok || err != nil || r <= row {
					return fmt.Errorf("row %q after row %d", v, row)
				}
				row, col = r, 0
			case "c":
				ref, ok := attr(e, "r")
				if !ok {
					return fmt.Errorf("row %d: a cell after column %d without its reference", row, col)
				}
				c, r, err := excelize.CellNameToCoordinates(ref)
				if err != nil || r != row || c <= col {
					return fmt.Errorf("cell %s in row %d after column %d", ref, row, col)
				}
				col = c
				for len(s.rows) < row {
					s.rows = append(s.rows, nil)
				}
				for len(s.rows[row-1]) < col {
					s.rows[row-1] = append(s.rows[row-1], refCell{})
				}
				cur = &s.rows[row-1][col-1]
				typ, _ = attr(e, "t")
				text, hasValue = "", false
			case "v", "t":
				inValue = cur != nil
				hasValue = hasValue || inValue
			case "rPh":
				inValue = false // phonetic runs are not the cell's text
			case "f":
				return fmt.Errorf("row %d: a formula: rank writes values", row)
			case "ignoredError":
				if v, _ := attr(e, "numberStoredAsText"); v == "1" || v == "true" {
					ref, _ := attr(e, "sqref")
					s.asText = append(s.asText, strings.Fields(ref)...)
				}
			}
		case xml.CharData:
			if inValue {
				text += string(e)
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "v", "t":
				inValue = false
			case "c":
				switch {
				case !hasValue:
					// a styled cell without a value: blank
				case typ == "" || typ == "n":
					*cur = refCell{number: true, text: text}
				case typ == "s":
					i, err := strconv.Atoi(text)
					if err != nil || i < 0 || i >= len(shared) {
						return fmt.Errorf("row %d: shared string %q of %d", row, text, len(shared))
					}
					*cur = refCell{text: shared[i]}
				case typ == "inlineStr" || typ == "str":
					*cur = refCell{text: text}
				default:
					return fmt.Errorf("row %d: a cell of type %q", row, typ)
				}
				cur = nil
			}
		}
	}
}

// numericText is text Excel would flag as a number stored as text.
var numericText = regexp.MustCompile(`^\s*[+-]?(\d+(,\d+)*(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?\s*$`)

// wellFormed checks what every reader relies on: every XML part parses;
// each worksheet's <dimension> is the range of its cells; every text cell
// that reads as a number (a province's code, 01) is one Excel is told is
// text on purpose, so it draws no green triangle.
func (b *refBook) wellFormed(t *testing.T) {
	t.Helper()
	for name, data := range b.parts {
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
			continue
		}
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s: not well-formed XML: %v", name, err)
				break
			}
		}
	}
	for _, s := range b.sheets {
		if s.chart {
			continue
		}
		top, left, bottom, right := 0, 0, 0, 0
		for r, row := range s.rows {
			for c, v := range row {
				if v.blank() {
					continue
				}
				if top == 0 {
					top, left = r+1, c+1
				}
				left, bottom, right = min(left, c+1), r+1, max(right, c+1)
				if !v.number && numericText.MatchString(v.text) && !inRanges(s.asText, c+1, r+1) {
					t.Errorf("%s!%s: %q is a number stored as text, and Excel is not told so", s.name, cellName(c, r), v.text)
				}
			}
		}
		want := "A1"
		if top > 0 {
			want = cellName(left-1, top-1)
			if bottom != top || right != left {
				want += ":" + cellName(right-1, bottom-1)
			}
		}
		if s.dimension != want {
			t.Errorf("%s: <dimension ref=%q>, its cells span %s", s.name, s.dimension, want)
		}
	}
}

// inRanges reports whether a cell is in one of the ranges ("A2", "A2:C9").
func inRanges(ranges []string, col, row int) bool {
	for _, ref := range ranges {
		from, to, ok := strings.Cut(ref, ":")
		if !ok {
			to = from
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(from)
		c2, r2, err2 := excelize.CellNameToCoordinates(to)
		if err1 == nil && err2 == nil && col >= c1 && col <= c2 && row >= r1 && row <= r2 {
			return true
		}
	}
	return false
}

// readCSVFile reads a ranking.csv (its byte-order mark dropped).
func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// sameNumber reports whether a cell holds the number a CSV cell shows
// with its decimals (93.52 for 93.518…).
func sameNumber(c refCell, csvText string) bool {
	if csvText == "" || !c.number {
		return csvText == "" && c.blank()
	}
	x, err1 := strconv.ParseFloat(c.text, 64)
	y, err2 := strconv.ParseFloat(csvText, 64)
	half := 0.5
	if _, frac, ok := strings.Cut(csvText, "."); ok {
		half = 0.5 * math.Pow(10, -float64(len(frac)))
	}
	return err1 == nil && err2 == nil && math.Abs(x-y) <= half+1e-9
}

// rankingMeant holds a province book's Ranking sheet to ranking.csv: the
// same offices in the same order, each with the same code, name, city,
// holder, points, penalty, total, grade, rank and quota. It returns the
// sheet's header of the total.
func rankingMeant(t *testing.T, b *refBook, csvRows [][]string) string {
	t.Helper()
	rows := b.sheets[1].rows
	head := csvRows[0]
	// The sheet's columns, by ranking.csv's names: the printed list first
	// (rank, code, name, city, area, participation and why not, total,
	// grade, quota), then the breakdown. Area, participation and the reason
	// are labels, not ids.
	indicators := head[9 : len(head)-8] // 9 columns before them; penalty, total, grade, rank, 2 of quota, the period and the reason after
	layout := []string{"rank", "office_code", "name", "city", "", "", "", "total", "grade", "service_quota", "service_quota_pct", "", "holder_national_id", ""}
	layout = append(append(layout, indicators...), "penalty")
	if len(rows) != len(csvRows) {
		t.Fatalf("%d rows in the ranking sheet, ranking.csv has %d", len(rows), len(csvRows))
	}
	if len(rows[0]) != len(layout) {
		t.Fatalf("the ranking sheet has %d columns, want %d: %v", len(rows[0]), len(layout), rows[0])
	}
	for i, rec := range csvRows[1:] {
		row := rows[i+1]
		for c, name := range layout {
			j := slices.Index(head, name)
			if name == "" || j < 0 {
				continue
			}
			var got refCell
			if c < len(row) {
				got = row[c]
			}
			switch name {
			case "office_code", "name", "city", "holder_national_id":
				if got.text != rec[j] && "'"+got.text != rec[j] {
					t.Errorf("row %d, column %d: %q, ranking.csv's %s is %q", i+2, c+1, got.text, name, rec[j])
				}
			default:
				if !sameNumber(got, rec[j]) {
					t.Errorf("row %d (%s): %s %v, ranking.csv's %q", i+2, rec[0], name, got, rec[j])
				}
			}
		}
	}
	return rows[0][slices.Index(layout, "total")].text
}

// indexMeant holds an index's ranking sheet to its ranking.csv: the same
// entities in rank order, each with its rank, key, name and total.
func indexMeant(t *testing.T, b *refBook, csvRows [][]string, totalHeader string) {
	t.Helper()
	rows := b.sheets[0].rows
	head := csvRows[0]
	total := slices.IndexFunc(rows[0], func(c refCell) bool { return c.text == totalHeader })
	csvTotal, csvRank := slices.Index(head, "total"), slices.Index(head, "rank")
	if total < 0 || csvTotal < 0 || csvRank < 0 || len(rows) != len(csvRows) {
		t.Fatalf("ranking sheet of %d rows headed %v (total %q); ranking.csv of %d headed %q", len(rows), rows[0], totalHeader, len(csvRows), head)
	}
	for i, rec := range csvRows[1:] {
		row := rows[i+1]
		if row[1].text != rec[0] || row[2].text != rec[1] || !sameNumber(row[0], rec[csvRank]) || !sameNumber(row[total], rec[csvTotal]) {
			t.Errorf("row %d: %v; ranking.csv: %q", i+2, row, rec)
		}
	}
}

// nationalMeant holds national.xlsx's Provinces sheet to ranking.csv: the
// province's code as text (01), its offices, participants, carried
// forward, offices not taking part and participants by grade.
func nationalMeant(t *testing.T, b *refBook, csvRows [][]string) {
	t.Helper()
	head := csvRows[0]
	status, grade := slices.Index(head, "status"), slices.Index(head, "grade")
	var offices, participants, carried, absent int
	grades := map[string]int{}
	for _, rec := range csvRows[1:] {
		offices++
		switch rec[status] {
		case "participating":
			participants++
			grades[rec[grade]]++
		case "carried_forward":
			participants++
			carried++
			grades[rec[grade]]++
		default:
			absent++
		}
	}
	rows := b.sheets[1].rows
	if len(rows) < 2 {
		t.Fatalf("provinces sheet: %v", rows)
	}
	want := []string{"01", "", "Gilan", strconv.Itoa(offices), strconv.Itoa(participants), strconv.Itoa(carried), strconv.Itoa(absent),
		strconv.Itoa(grades["1"]), strconv.Itoa(grades["2"]), strconv.Itoa(grades["3"])}
	row := rows[1]
	if len(row) < len(want) || row[0].number || row[0].text != "01" {
		t.Fatalf("gilan's row %v: want its code as the text 01", row)
	}
	for i, w := range want {
		if w != "" && row[i].text != w {
			t.Errorf("gilan's row, column %d: %q, want %s (ranking.csv)", i+1, row[i].text, w)
		}
	}
}
