package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// A text export: delimited text (CSV, "Unicode Text", semicolons) or a
// page of HTML. Its encoding is found before its form: a byte order mark
// says UTF-8 or UTF-16; UTF-16 without one shows in its NUL bytes; other
// text is UTF-8 or Windows-1256 as its first non-ASCII bytes are valid
// UTF-8 or not, unless an HTML page says its charset.

// csvTable is delimited text.
type csvTable struct {
	f     *os.File
	r     *csv.Reader
	comma rune
}

// openText opens a file that is not a binary workbook by its content:
// HTML, or text delimited by commas, semicolons or tabs. Its extension
// leans the delimiter's choice where the first lines do not make it.
func openText(f *os.File, path, sheet string) (table, error) {
	ext := strings.ToLower(filepath.Ext(path))
	br := bufio.NewReaderSize(f, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	var r io.Reader
	var utf16 encoding.Encoding
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		br.Discard(3)
		r = br
	case bytes.HasPrefix(head, []byte("\xff\xfe")):
		utf16 = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(head, []byte("\xfe\xff")):
		utf16 = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	default:
		if e := utf16Unmarked(head); e != nil {
			utf16 = e
			break
		}
		if i := bytes.IndexByte(head, 0); i >= 0 {
			return nil, fmt.Errorf("not a text file: a NUL byte at offset %d (a binary file named %s?)", i, extName(ext))
		}
	}
	if utf16 != nil {
		r = transform.NewReader(br, utf16.NewDecoder())
		// The head decoded, to see its form.
		head, _ = utf16.NewDecoder().Bytes(head[:len(head)&^1])
	}
	if isSpreadsheetML(head) {
		t, err := convertWithLibreOffice(path, sheet)
		switch {
		case err == nil:
			f.Close()
			return t, nil
		case errors.Is(err, errNoLibreOffice):
			return nil, errors.New("an Excel 2003 XML spreadsheet, which rank reads only through LibreOffice (not installed here): open it in Excel or LibreOffice and save it as .xlsx")
		default:
			return nil, fmt.Errorf("an Excel 2003 XML spreadsheet that LibreOffice could not convert (%v): open it in Excel and save it as .xlsx", err)
		}
	}
	if isHTML(head) {
		if r == nil {
			r = htmlCharset(br, head)
		}
		return newHTMLTable(f, r), nil
	}
	if ext == ".xlsx" || ext == ".ods" {
		return nil, fmt.Errorf("not a readable %s workbook: %w", strings.ToUpper(ext[1:]), zip.ErrFormat)
	}
	if r == nil {
		r = &sniffer{br: br}
	}
	comma := sniffDelimiter(head, len(head) < sniffSize, ext)
	cr := csv.NewReader(&guard{r: r, line: 1})
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return &csvTable{f: f, r: cr, comma: comma}, nil
}

// plainCSV reports whether openText would read a file whose first bytes
// are head as text delimited by commas, in UTF-8 (bom: after a byte order
// mark) or in UTF-8 or Windows-1256 as sniffed: the only form the fast
// survey reader takes. whole says head is the whole file.
func plainCSV(head []byte, whole bool, ext string) (bom, ok bool) {
	bom = bytes.HasPrefix(head, []byte("\xef\xbb\xbf"))
	switch {
	case bytes.HasPrefix(head, []byte("\xff\xfe")), bytes.HasPrefix(head, []byte("\xfe\xff")):
		return false, false
	case !bom && (utf16Unmarked(head) != nil || bytes.IndexByte(head, 0) >= 0):
		return false, false
	case isSpreadsheetML(head), isHTML(head), ext == ".xlsx" || ext == ".ods":
		return false, false
	}
	return bom, sniffDelimiter(head, whole, ext) == ','
}

// isSpreadsheetML reports whether text is an Excel 2003 XML spreadsheet,
// which some systems export as .xls.
func isSpreadsheetML(head []byte) bool {
	head = bytes.TrimLeft(head, " \t\r\n\ufeff")
	return bytes.HasPrefix(head, []byte("<?xml")) && bytes.Contains(head[:min(len(head), 4096)], []byte("urn:schemas-microsoft-com:office:spreadsheet"))
}

// extName is how a message names a file's extension.
func extName(ext string) string {
	if ext == "" {
		return "without an extension"
	}
	return ext
}

// utf16Unmarked reports UTF-16 text without a byte order mark, as some
// systems write it: in the sample, one byte of at least half the pairs
// (the high one of ASCII characters: digits, delimiters, Latin headers) is
// NUL, the other byte of those pairs is text, not a control character, and
// no other byte is NUL.
func utf16Unmarked(head []byte) encoding.Encoding {
	n := min(len(head), 4096) &^ 1
	pairs := n / 2
	if pairs < 8 {
		return nil
	}
	for hi := range 2 {
		zeros, ok := 0, true
		for i := 0; i < n && ok; i += 2 {
			h, l := head[i+hi], head[i+1-hi]
			switch {
			case l == 0:
				ok = false
			case h == 0:
				zeros++
				ok = l >= 0x20 || l == '\t' || l == '\n' || l == '\r'
			}
		}
		if ok && zeros*2 >= pairs {
			if hi == 0 {
				return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
			}
			return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
		}
	}
	return nil
}

// sniffDelimiter chooses the delimiter of text by its first lines: of
// comma, semicolon and tab, the one that parts the most lines into the
// same number of cells, more than one (the header and the rows of an
// export agree; a title line or a stray mark in a cell does not). Quoted
// text is passed over. A tie goes to the larger number of cells, then to
// tabs in a .tsv or .txt file, then to commas. whole says head is the
// whole file; otherwise its last line, perhaps cut, is not counted.
func sniffDelimiter(head []byte, whole bool, ext string) rune {
	const maxLines = 50
	delims := [3]byte{',', ';', '\t'}
	var counts [maxLines][3]int
	lines := 0
	quoted := false
	var cur [3]int
	for i := 0; i < len(head) && lines < maxLines; i++ {
		c := head[i]
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			counts[lines] = cur
			lines++
			cur = [3]int{}
		default:
			for k, d := range delims {
				if c == d {
					cur[k]++
				}
			}
		}
	}
	if whole && lines < maxLines && cur != [3]int{} {
		counts[lines] = cur
		lines++
	}
	best, bestLines, bestCells := 0, 0, 0
	prefer := func(k int) int { // the order of ties
		switch {
		case k == 2 && (ext == ".tsv" || ext == ".txt"):
			return 3
		case k == 0:
			return 2
		case k == 2:
			return 1
		}
		return 0
	}
	for k := range delims {
		// The commonest count of this delimiter over the lines that hold it.
		freq := map[int]int{}
		for _, c := range counts[:lines] {
			if c[k] > 0 {
				freq[c[k]]++
			}
		}
		n, cells := 0, 0
		for c, f := range freq {
			if f > n || f == n && c > cells {
				n, cells = f, c
			}
		}
		if n > bestLines || n == bestLines && (cells > bestCells || cells == bestCells && prefer(k) > prefer(best)) {
			best, bestLines, bestCells = k, n, cells
		}
	}
	if bestLines == 0 {
		if ext == ".tsv" || ext == ".txt" {
			return '\t'
		}
		return ','
	}
	return rune(delims[best])
}

// guard stops a CSV file that is not an export: a line longer than
// maxLineBytes, or a NUL byte, ends the read with an error naming the line.
type guard struct {
	r    io.Reader
	line int // the line being read, from 1
	run  int // bytes since its start
}

func (g *guard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	b := p[:n]
	for len(b) > 0 {
		nl := bytes.IndexByte(b, '\n')
		seg := b
		if nl >= 0 {
			seg = b[:nl]
		}
		if i := bytes.IndexByte(seg, 0); i >= 0 {
			return 0, fmt.Errorf("line %d: a NUL byte: not a text export (a binary file, or one damaged in transfer)", g.line)
		}
		g.run += len(seg)
		if g.run > maxLineBytes {
			return 0, fmt.Errorf("line %d is longer than %d MiB: not an export row", g.line, maxLineBytes>>20)
		}
		if nl < 0 {
			break
		}
		g.line, g.run = g.line+1, 0
		b = b[nl+1:]
	}
	return n, err
}

// sniffer passes ASCII through until the first other byte, where it
// decides the encoding of the rest.
type sniffer struct {
	br *bufio.Reader
	r  io.Reader // once decided
}

func (s *sniffer) Read(p []byte) (int, error) {
	if s.r != nil {
		return s.r.Read(p)
	}
	n := s.br.Buffered()
	if n == 0 {
		if _, err := s.br.Peek(1); err != nil {
			return 0, err
		}
		n = s.br.Buffered()
	}
	buf, _ := s.br.Peek(min(n, len(p)))
	i := 0
	for i < len(buf) && buf[i] < utf8.RuneSelf {
		i++
	}
	if i > 0 {
		copy(p, buf[:i])
		s.br.Discard(i)
		return i, nil
	}
	head, err := s.br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return 0, err
	}
	if validUTF8(head, len(head) == sniffSize) {
		s.r = s.br
	} else {
		s.r = charmap.Windows1256.NewDecoder().Reader(s.br)
	}
	return s.r.Read(p)
}

// validUTF8 reports whether a sample is UTF-8; a character cut at the end
// of a partial sample is not held against it.
func validUTF8(b []byte, partial bool) bool {
	if partial {
		for i := 1; i <= utf8.UTFMax && i <= len(b); i++ {
			if utf8.RuneStart(b[len(b)-i]) {
				if !utf8.FullRune(b[len(b)-i:]) {
					b = b[:len(b)-i]
				}
				break
			}
		}
	}
	return utf8.Valid(b)
}

func (t *csvTable) next() ([]string, int, error) {
	rec, err := t.r.Read()
	if err != nil {
		return nil, 0, err
	}
	line, _ := t.r.FieldPos(0)
	return rec, line, nil
}

func (t *csvTable) sheet() string          { return "" }
func (t *csvTable) dateSystem() dateSystem { return noSerialDates }
func (t *csvTable) decimalComma() bool     { return t.comma == ';' }
func (t *csvTable) close() error           { return t.f.Close() }
