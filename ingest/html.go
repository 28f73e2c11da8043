package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// An HTML export: what web systems save as .xls, and Excel as a "Web
// Page". Its table of data is the first table with a row of at least
// wideRow cells that hold text (a page's layout tables, of a logo and a
// title, have fewer) and no table inside it; a table that holds another
// is a layout, and the inner one is looked at instead. A cell is its text
// as a browser shows it: entities decoded, runs of blanks one space, <br>
// and paragraphs new lines. A cell spanning columns (colspan) or rows
// (rowspan) is read as a merged cell of a workbook is: its text in its
// first cell, the others empty. The page is read as a stream: once a table
// is chosen, rows are handed on as they are read.

const (
	wideRow  = 3    // cells with text in a row that makes a table one of data
	holdRows = 1024 // rows held before a table is taken as it stands
)

// isHTML reports whether text starts as a page of HTML: after blanks, a
// tag, and among the first KiB a doctype, <html> or <table>.
func isHTML(head []byte) bool {
	head = bytes.TrimLeft(head, " \t\r\n\ufeff")
	if len(head) == 0 || head[0] != '<' {
		return false
	}
	head = bytes.ToLower(head[:min(len(head), 1024)])
	return bytes.Contains(head, []byte("<!doctype html")) || bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<table"))
}

// htmlCharset is the text of a page without a byte order mark: in the
// charset its <meta> names, or else UTF-8 or Windows-1256 as its bytes
// show.
func htmlCharset(br *bufio.Reader, head []byte) io.Reader {
	if name := metaCharset(head); name != "" {
		if e, err := htmlindex.Get(name); err == nil {
			if e == unicode.UTF8 {
				return br
			}
			return e.NewDecoder().Reader(br)
		}
	}
	return &sniffer{br: br}
}

// metaCharset is the charset a page's head names in a <meta> tag, or "".
func metaCharset(head []byte) string {
	low := bytes.ToLower(head[:min(len(head), 8<<10)])
	for {
		i := bytes.Index(low, []byte("<meta"))
		if i < 0 {
			return ""
		}
		low = low[i+5:]
		end := bytes.IndexByte(low, '>')
		if end < 0 {
			return ""
		}
		tag := low[:end]
		if j := bytes.Index(tag, []byte("charset")); j >= 0 {
			v := bytes.TrimLeft(tag[j+len("charset"):], " \t\r\n")
			if len(v) > 0 && v[0] == '=' {
				v = bytes.TrimLeft(v[1:], " \t\r\n\"'")
				k := bytes.IndexAny(v, " \t\r\n\"';/>")
				if k < 0 {
					k = len(v)
				}
				return string(v[:k])
			}
		}
		low = low[end:]
	}
}

// htmlTable reads the table of data of a page.
type htmlTable struct {
	f      io.Closer
	z      *html.Tokenizer
	grids  []*htmlGrid // the tables open, innermost last, until one is chosen
	chosen *htmlGrid
	nested int // tables open inside the chosen one's cells
	skip   atom.Atom
	out    []htmlRow // rows of the chosen table ready to hand on
	err    error     // io.EOF once read
}

type htmlRow struct {
	rec []string
	row int
}

// htmlGrid is a table being read: its rows so far, and the row and the
// cell being read.
type htmlGrid struct {
	rows   []htmlRow // held until the table is chosen
	rec    []string  // the row being read, nil outside one
	col    int       // its next column
	inCell bool
	cell   []byte // the cell's text, blanks not yet collapsed
	span   int    // columns the cell spans
	rspan  int    // rows it spans
	left   []int  // by column: rows still spanned by a cell above
	rowN   int    // rows begun
	wide   bool   // a row has held wideRow cells with text
	layout bool   // a table holds another
}

func newHTMLTable(f io.Closer, r io.Reader) *htmlTable {
	z := html.NewTokenizer(r)
	z.SetMaxBuf(maxLineBytes)
	return &htmlTable{f: f, z: z}
}

func (t *htmlTable) next() ([]string, int, error) {
	for len(t.out) == 0 {
		if t.err != nil {
			return nil, 0, t.err
		}
		t.step()
	}
	r := t.out[0]
	t.out = t.out[1:]
	return r.rec, r.row, nil
}

// step reads one token.
func (t *htmlTable) step() {
	tt := t.z.Next()
	if tt == html.ErrorToken {
		t.end()
		return
	}
	g := t.grid()
	switch tt {
	case html.TextToken:
		if t.skip == 0 && g != nil && g.inCell {
			text := t.z.Text()
			if len(g.cell)+len(text) > maxLineBytes {
				t.err = fmt.Errorf("row %d: a cell longer than %d MiB: not an export", g.rowN, maxLineBytes>>20)
				return
			}
			if bytes.IndexByte(text, lineBreak) >= 0 {
				text = bytes.ReplaceAll(text, []byte{lineBreak}, []byte("\uFFFD"))
			}
			g.cell = append(g.cell, text...)
		}
	case html.StartTagToken, html.SelfClosingTagToken:
		name, hasAttr := t.z.TagName()
		a := atom.Lookup(name)
		if t.skip != 0 {
			return
		}
		switch a {
		case atom.Script, atom.Style, atom.Template, atom.Title:
			if tt == html.StartTagToken {
				t.skip = a
			}
		case atom.Table:
			t.openTable(g)
		case atom.Tr:
			if g != nil && t.nested == 0 {
				t.endRow(g)
				g.rec, g.col = []string{}, 0
				g.rowN++
			} else if g != nil && g.inCell {
				g.cell = append(g.cell, lineBreak)
			}
		case atom.Td, atom.Th:
			if g == nil {
				return
			}
			if t.nested > 0 {
				if g.inCell {
					g.cell = append(g.cell, ' ')
				}
				return
			}
			if g.rec == nil { // a cell without a <tr>
				g.rec, g.col = []string{}, 0
				g.rowN++
			}
			t.endCell(g)
			g.inCell, g.span, g.rspan = true, 1, 1
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = t.z.TagAttr()
				switch string(k) {
				case "colspan":
					g.span = spanAttr(v, 1, maxCells+1)
				case "rowspan":
					g.rspan = spanAttr(v, 1, 65536)
				}
			}
		case atom.Br:
			if g != nil && g.inCell {
				g.cell = append(g.cell, lineBreak)
			}
		case atom.P, atom.Div, atom.Li:
			if g != nil && g.inCell && len(g.cell) > 0 {
				g.cell = append(g.cell, lineBreak)
			}
		}
	case html.EndTagToken:
		name, _ := t.z.TagName()
		a := atom.Lookup(name)
		if t.skip != 0 {
			if a == t.skip {
				t.skip = 0
			}
			return
		}
		if g == nil {
			return
		}
		switch a {
		case atom.Table:
			t.closeTable(g)
		case atom.Tr, atom.Thead, atom.Tbody, atom.Tfoot:
			if t.nested == 0 {
				t.endRow(g)
			}
		case atom.Td, atom.Th:
			if t.nested == 0 {
				t.endCell(g)
			}
		case atom.P, atom.Div, atom.Li:
			if g.inCell {
				g.cell = append(g.cell, lineBreak)
			}
		}
	}
}

// grid is the table whose cells the text goes to: the chosen one, or
// the innermost open one.
func (t *htmlTable) grid() *htmlGrid {
	if t.chosen != nil {
		return t.chosen
	}
	if len(t.grids) == 0 {
		return nil
	}
	return t.grids[len(t.grids)-1]
}

func (t *htmlTable) openTable(g *htmlGrid) {
	if t.chosen != nil {
		// A table inside a cell of the table of data: its text is the
		// cell's.
		t.nested++
		if g.inCell {
			g.cell = append(g.cell, ' ')
		}
		return
	}
	if g != nil {
		g.layout = true
	}
	t.grids = append(t.grids, &htmlGrid{})
}

func (t *htmlTable) closeTable(g *htmlGrid) {
	if t.nested > 0 {
		t.nested--
		return
	}
	t.endRow(g)
	if t.chosen != nil {
		t.err = io.EOF // the table of data is read
		return
	}
	t.grids = t.grids[:len(t.grids)-1]
	if g.wide && !g.layout {
		t.choose(g)
		t.err = io.EOF
	}
}

// choose takes g as the table of data.
func (t *htmlTable) choose(g *htmlGrid) {
	t.chosen, t.grids = g, nil
	t.out = append(t.out, g.rows...)
	g.rows = nil
}

func (t *htmlTable) end() {
	err := t.z.Err()
	switch {
	case errors.Is(err, html.ErrBufferExceeded):
		t.err = fmt.Errorf("a tag or a text longer than %d MiB: not an export", maxLineBytes>>20)
		return
	case err != io.EOF:
		t.err = err
		return
	}
	// A page cut short: the tables still open end here.
	for t.chosen == nil && len(t.grids) > 0 {
		t.closeTable(t.grids[len(t.grids)-1])
	}
	if t.chosen != nil {
		t.endRow(t.chosen)
		t.err = io.EOF
		return
	}
	t.err = errors.New("no table of data in this HTML page (a table with a row of three or more cells): save the export again, or as CSV or .xlsx")
}

// endCell ends the cell being read, if any.
func (t *htmlTable) endCell(g *htmlGrid) {
	if !g.inCell {
		return
	}
	g.inCell = false
	text := cellText(g.cell)
	g.cell = g.cell[:0]
	g.skipSpanned()
	for k := 0; k < g.span && len(g.rec) <= maxCells; k++ {
		if k == 0 {
			g.rec = append(g.rec, text)
		} else {
			g.rec = append(g.rec, "")
		}
		for len(g.left) <= g.col {
			g.left = append(g.left, 0)
		}
		g.left[g.col] = g.rspan - 1
		g.col++
	}
}

// skipSpanned passes the columns that cells of rows above span into this
// row, empty.
func (g *htmlGrid) skipSpanned() {
	for g.col < len(g.left) && g.left[g.col] > 0 && len(g.rec) <= maxCells {
		g.left[g.col]--
		g.rec = append(g.rec, "")
		g.col++
	}
}

// endRow ends the row being read, if any, and holds it or hands it on.
func (t *htmlTable) endRow(g *htmlGrid) {
	t.endCell(g)
	if g.rec == nil {
		return
	}
	for g.col < len(g.left) && len(g.rec) <= maxCells {
		if g.left[g.col] > 0 {
			g.left[g.col]--
			g.rec = append(g.rec, "")
		}
		g.col++
		g.skipSpanned()
	}
	row := htmlRow{g.rec, g.rowN}
	g.rec = nil
	if t.chosen == g {
		t.out = append(t.out, row)
		return
	}
	filled := 0
	for _, s := range row.rec {
		if !blankCell(s) {
			filled++
		}
	}
	g.wide = g.wide || filled >= wideRow
	g.rows = append(g.rows, row)
	if g.wide && !g.layout && len(g.rows) >= holdRows && len(t.grids) > 0 && t.grids[len(t.grids)-1] == g {
		t.choose(g)
	}
}

// lineBreak marks in a cell's text where a <br> or a paragraph breaks
// the line (a NUL in the page's text is read as U+FFFD, as browsers do).
const lineBreak = 0

// cellText is a cell's text as a browser shows it: runs of blanks one
// space, lines (from <br> and paragraphs) without blanks at their ends,
// and no empty lines at the cell's ends.
func cellText(b []byte) string {
	var out []byte
	space, line := false, false
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n', '\f':
			space = true
		case lineBreak:
			space, line = false, len(out) > 0
		default:
			switch {
			case line:
				out = append(out, '\n')
			case space && len(out) > 0:
				out = append(out, ' ')
			}
			space, line = false, false
			out = append(out, c)
		}
	}
	return string(out)
}

// spanAttr reads a colspan or rowspan: a whole number from 1 to hi; others
// are 1.
func spanAttr(v []byte, lo, hi int) int {
	n, err := strconv.Atoi(strings.TrimSpace(string(v)))
	if err != nil || n < lo {
		return lo
	}
	return min(n, hi)
}

func (t *htmlTable) sheet() string          { return "" }
func (t *htmlTable) dateSystem() dateSystem { return noSerialDates }
func (t *htmlTable) decimalComma() bool     { return false }
func (t *htmlTable) close() error           { return t.f.Close() }
