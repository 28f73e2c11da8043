// Parts of this file follow excelize (github.com/xuri/excelize/v2) so that
// the streaming reader gives the records its row iterator gives: next,
// nextRow and columns follow Rows.Next and Rows.Columns, value follows
// xlsxC.getValueFrom, richText.String follows xlsxSI.String, bstrUnmarshal
// and attrInt follow bstrUnmarshal and attrValToInt. excelize's licence
// asks that its notice go with them:
//
// BSD 3-Clause License
//
// Copyright (c) 2016-2026 The excelize Authors.
// Copyright (c) 2011-2017 Geoffrey J. Teale
// All rights reserved.
//
// Redistribution and use in source and binary forms, with or without
// modification, are permitted provided that the following conditions are met:
//
// * Redistributions of source code must retain the above copyright notice, this
//   list of conditions and the following disclaimer.
//
// * Redistributions in binary form must reproduce the above copyright notice,
//   this list of conditions and the following disclaimer in the documentation
//   and/or other materials provided with the distribution.
//
// * Neither the name of the copyright holder nor the names of its
//   contributors may be used to endorse or promote products derived from
//   this software without specific prior written permission.
//
// THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
// AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
// IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
// DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
// FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
// DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
// SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
// CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
// OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
// OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.

package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"
)

// The streaming workbook reader. excelize's row iterator decodes every
// token of a sheet with encoding/xml and allocates a cell struct per
// cell; exports of a million rows take it about a minute. xlsxStream
// reads the first sheet's XML straight from the zip with a hand scanner,
// with the shared strings in a slice, and gives the same records as
// excelize's Rows/Columns with RawCellValue: the same row numbers (gaps
// included), trailing empty cells dropped, empty cells within a row as
// "", shared and inline strings with their rich-text runs joined and
// _xHHHH_ escapes undone, every other cell's value as stored.
//
// A workbook laid out in a way the streaming reader does not read (see
// leftToExcelize) is read by excelize; a workbook that is broken is an
// error, whichever reader finds it so. FuzzXLSXStreamLikeExcelize holds
// the two to the same records on well-formed XML. On a sheet whose XML is
// not well-formed (a damaged file: no spreadsheet program writes one) they
// differ, and neither says so: excelize's iterator takes the first syntax
// error for the end of the sheet, the streaming reader reads the tags it
// can make out.

// leftToExcelize is why the streaming reader leaves a workbook to
// excelize: a package it does not read, which excelize may (an encrypted
// workbook is not a zip; the workbook part elsewhere than xl/workbook.xml;
// the strict OOXML namespaces, which excelize rewrites; an XML part in a
// character set other than UTF-8). excelize then reads the workbook or
// says what is wrong with it.
type leftToExcelize struct{ why string }

func (e *leftToExcelize) Error() string { return "left to excelize: " + e.why }

func leave(format string, a ...any) error { return &leftToExcelize{fmt.Sprintf(format, a...)} }

// checkWorkbookSize refuses a workbook whose parts declare more than the
// limits unpacked (the zip reader refuses parts that unpack to more than
// they declare).
func checkWorkbookSize(zr *zip.Reader) error {
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > unzipSizeLimit {
			return fmt.Errorf("the workbook unpacks to more than %d MiB", unzipSizeLimit>>20)
		}
	}
	return nil
}

type xlsxStream struct {
	zc       *zip.ReadCloser
	rc       io.ReadCloser
	sc       *xmlScanner
	name     string
	date1904 bool
	sst      []string

	// excelize's iterator state: the row asked for and the row read.
	seekRow, curRow int
	held            bool // a row start tag read and not yet taken
	heldRow         int  // its r, or 0
	heldErr         error
	done            bool
	err             error
	cells           []string
	ref, v          []byte // scratch
	ra              *readAhead
}

// The relationship type of the workbook part.
const (
	officeDocumentRel       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	strictOfficeDocumentRel = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
)

// openXLSXStream opens a workbook's sheet named want, or its first
// visible one, for streaming. The error is a *leftToExcelize when
// excelize should read it instead.
func openXLSXStream(p, want string) (*xlsxStream, error) {
	zc, err := zip.OpenReader(p)
	if err != nil {
		return nil, leave("not a zip archive: %v", err)
	}
	ok := false
	defer func() {
		if !ok {
			zc.Close()
		}
	}()
	if err := checkWorkbookSize(&zc.Reader); err != nil {
		return nil, err
	}
	// Part names as excelize takes them: \ for /, and two parts known
	// whatever their case.
	files := map[string]*zip.File{}
	for _, f := range zc.File {
		name := strings.ReplaceAll(f.Name, "\\", "/")
		switch strings.ToLower(name) {
		case "[content_types].xml":
			name = "[Content_Types].xml"
		case "xl/sharedstrings.xml":
			name = "xl/sharedStrings.xml"
		}
		files[name] = f
	}
	var pkg struct {
		Rels []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	var wb struct {
		Pr struct {
			Date1904 bool `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string `xml:"name,attr"`
			State string `xml:"state,attr"` // hidden, veryHidden
			ID    string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := readXMLPart(files["_rels/.rels"], &pkg); err != nil {
		return nil, leave("_rels/.rels: %v", err)
	}
	wbPath := ""
	for _, r := range pkg.Rels {
		if r.Type == officeDocumentRel || r.Type == strictOfficeDocumentRel {
			wbPath = strings.TrimPrefix(r.Target, "/")
			break
		}
	}
	if wbPath != "xl/workbook.xml" {
		return nil, leave("the workbook part is %q, not xl/workbook.xml", wbPath)
	}
	if err := readXMLPart(files["xl/workbook.xml"], &wb); err != nil {
		return nil, leave("xl/workbook.xml: %v", err)
	}
	if err := readXMLPart(files["xl/_rels/workbook.xml.rels"], &rels); err != nil {
		return nil, leave("xl/_rels/workbook.xml.rels: %v", err)
	}
	if len(wb.Sheets) == 0 {
		return nil, leave("no sheet listed in the transitional namespace")
	}
	refs := make([]sheetRef, len(wb.Sheets))
	for i, s := range wb.Sheets {
		refs[i] = sheetRef{s.Name, s.State != "" && s.State != "visible"}
	}
	chosen, err := pickSheet(refs, want)
	if err != nil {
		return nil, err
	}
	target := ""
	for _, r := range rels.Rels {
		if r.ID == wb.Sheets[chosen].ID {
			target = r.Target
			break
		}
	}
	if strings.HasPrefix(target, "/") {
		target = path.Clean(target[1:])
	} else {
		target = path.Join("xl", target)
	}
	sheet := files[target]
	if target == "" || sheet == nil {
		return nil, leave("the sheet's part %q is not in the package", target)
	}
	s := &xlsxStream{zc: zc, name: wb.Sheets[chosen].Name, date1904: wb.Pr.Date1904}
	if f := files["xl/sharedStrings.xml"]; f != nil {
		if s.sst, err = readSharedStrings(f); err != nil {
			return nil, fmt.Errorf("not a readable XLSX workbook: xl/sharedStrings.xml: %w", err)
		}
	}
	if s.rc, err = sheet.Open(); err != nil {
		return nil, fmt.Errorf("not a readable XLSX workbook: %s: %w", target, err)
	}
	s.ra = newReadAhead(s.rc)
	s.sc = newXMLScanner(s.ra)
	// Up to the sheet's data.
	for {
		t := s.sc.next()
		if t.kind == tokEOF {
			s.done = true
			break
		}
		if t.kind == tokStart && string(localName(t.name)) == "sheetData" {
			break
		}
	}
	ok = true
	return s, nil
}

func readXMLPart(f *zip.File, v any) error {
	if f == nil {
		return errors.New("missing")
	}
	r, err := f.Open()
	if err != nil {
		return err
	}
	defer r.Close()
	return xml.NewDecoder(r).Decode(v)
}

func (s *xlsxStream) sheet() string          { return s.name }
func (s *xlsxStream) dateSystem() dateSystem { return excelDates(s.date1904) }
func (s *xlsxStream) decimalComma() bool     { return false }

func (s *xlsxStream) close() error {
	s.ra.close()
	s.rc.Close()
	return s.zc.Close()
}

// next follows excelize's Rows.Next and Rows.Columns.
func (s *xlsxStream) next() ([]string, int, error) {
	if !s.nextRow() {
		if s.err != nil {
			return nil, 0, fmt.Errorf("sheet %s: %w", s.name, s.err)
		}
		return nil, 0, io.EOF
	}
	rec, err := s.columns()
	if err != nil {
		return nil, 0, fmt.Errorf("sheet %s, row %d: %w", s.name, s.seekRow, err)
	}
	return rec, s.seekRow, nil
}

func (s *xlsxStream) nextRow() bool {
	if s.err != nil {
		return false
	}
	s.seekRow++
	if s.curRow >= s.seekRow {
		return true
	}
	for !s.done {
		t := s.sc.next()
		switch t.kind {
		case tokEOF:
			s.done = true
			return false
		case tokStart, tokEmpty:
			if string(localName(t.name)) == "row" {
				s.curRow++
				n, err := attrInt(t.attrs, "r")
				if n > excelize.TotalRows {
					s.err = excelize.ErrMaxRows
					return false
				}
				if n != 0 {
					s.curRow = n
				}
				s.held, s.heldRow, s.heldErr = true, n, err
				return true
			}
		case tokEnd:
			if string(localName(t.name)) == "sheetData" {
				s.done = true
				return false
			}
		}
	}
	return false
}

func (s *xlsxStream) columns() ([]string, error) {
	if s.curRow > s.seekRow {
		return nil, nil
	}
	s.cells = s.cells[:0]
	cells := s.cells
	col := 0
	var err error
	for {
		var t xmlToken
		fromHeld := s.held
		if fromHeld {
			s.held = false
			t = xmlToken{kind: tokStart, name: []byte("row")}
		} else if s.done {
			return cells, err
		} else if t = s.sc.next(); t.kind == tokEOF {
			s.done = true
			return cells, err
		}
		switch t.kind {
		case tokStart, tokEmpty:
			switch string(localName(t.name)) {
			case "row":
				var n int
				if fromHeld {
					n, err = s.heldRow, s.heldErr
				} else {
					n, err = attrInt(t.attrs, "r")
				}
				if n > excelize.TotalRows {
					s.err = excelize.ErrMaxRows
					return cells, s.err
				} else if n != 0 {
					s.curRow = n
				} else if !fromHeld {
					s.curRow++
				}
				if s.curRow > s.seekRow {
					return cells, err
				}
				if err != nil {
					return cells, err
				}
			case "c":
				col++
				val, ref, formula, cerr := s.cell(t)
				if cerr != nil {
					return cells, cerr
				}
				if len(ref) > 0 {
					if col, err = cellColumn(ref); err != nil {
						return cells, err
					}
				}
				if val != "" || formula {
					for i := len(cells) + 1; i < col; i++ {
						cells = append(cells, "")
					}
					cells = append(cells, val)
				}
			}
		case tokEnd:
			if string(localName(t.name)) == "sheetData" {
				s.done = true
				return cells, err
			}
		}
		s.cells = cells
	}
}

// cell reads a c element: its value as excelize gives it raw, its r, and
// whether it has a formula.
func (s *xlsxStream) cell(start xmlToken) (val string, ref []byte, formula bool, err error) {
	ref, _ = attrBytes(start.attrs, "r")
	typ, _ := attrBytes(start.attrs, "t")
	ref = append(s.ref[:0], ref...) // the tag's bytes go with the next token
	s.ref = ref
	if string(typ) == "s" {
		typ = tS
	} else if string(typ) == "inlineStr" {
		typ = tInline
	} else {
		typ = nil
	}
	// The two shapes nearly every cell has, <v>…</v></c> and
	// <is><t>…</t></is></c> with text that needs no decoding, are read
	// straight from the buffer; anything else goes through the tokens.
	if start.kind == tokStart {
		if text, ok := s.sc.literal("<v>", "</v></c>"); ok {
			return s.value(typ, text, false, richText{}), ref, false, nil
		}
		if len(typ) > 1 {
			if text, ok := s.sc.literal("<is><t>", "</t></is></c>"); ok {
				return s.value(typ, nil, true, richText{t: string(text), hasT: true}), ref, false, nil
			}
		}
	}
	v := s.v[:0]
	hasV := false
	var is richText
	hasIs := false
	if start.kind == tokStart {
		depth := 0
	loop:
		for {
			t := s.sc.next()
			switch t.kind {
			case tokEOF:
				break loop
			case tokStart, tokEmpty:
				switch string(localName(t.name)) {
				case "v":
					v, hasV = s.sc.appendElementText(v[:0], t), true
				case "f":
					formula = true
					if t.kind == tokStart {
						s.sc.skip(t)
					}
				case "is":
					is, hasIs = s.sc.richText(t), true
				default:
					if t.kind == tokStart {
						depth++
					}
				}
			case tokEnd:
				if depth == 0 && string(localName(t.name)) == "c" {
					break loop
				}
				depth--
			}
		}
	}
	s.v = v
	_ = hasV
	return s.value(typ, v, hasIs, is), ref, formula, nil
}

// value is a cell's value as excelize gives it raw: typ is nil, tS or
// tInline.
func (s *xlsxStream) value(typ, v []byte, hasIs bool, is richText) string {
	switch {
	case len(typ) == 1: // shared string
		if len(v) == 0 {
			return ""
		}
		i, ok := smallInt(v)
		if !ok {
			i, _ = strconv.Atoi(strings.TrimSpace(string(v)))
		}
		if i < 0 || i >= len(s.sst) {
			return ""
		}
		return s.sst[i]
	case len(typ) > 1 && hasIs:
		return is.String()
	}
	return string(v)
}

var (
	tS      = []byte("s")
	tInline = []byte("inlineStr")
)

// smallInt reads plain decimal digits.
func smallInt(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// cellColumn is the column of a cell reference such as "B7".
func cellColumn(ref []byte) (int, error) {
	col, i := 0, 0
	for ; i < len(ref) && i < 3 && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		col = col*26 + int(ref[i]-'A'+1)
	}
	row := 0
	j := i
	for ; j < len(ref) && j-i < 7 && ref[j] >= '0' && ref[j] <= '9'; j++ {
		row = row*10 + int(ref[j]-'0')
	}
	if i > 0 && j > i && j == len(ref) && ref[i] != '0' && col <= excelize.MaxColumns && row <= excelize.TotalRows {
		return col, nil
	}
	col, _, err := excelize.CellNameToCoordinates(string(ref))
	return col, err
}

// richText is a shared or inline string: its t and the t of its runs.
type richText struct {
	t    string
	hasT bool
	runs []*string
}

// String joins the text as excelize's xlsxSI.String does.
func (x *richText) String() string {
	if len(x.runs) == 0 {
		// The common case, a plain <t>: no joining.
		if x.t == "" {
			return ""
		}
		return bstrUnmarshal(x.t)
	}
	var b strings.Builder
	if x.hasT {
		b.WriteString(x.t)
	}
	for _, r := range x.runs {
		if r != nil {
			b.WriteString(*r)
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return bstrUnmarshal(b.String())
}

var bstrExp = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

// bstrUnmarshal undoes the _xHHHH_ escapes of OOXML strings, as excelize
// does.
func bstrUnmarshal(s string) (result string) {
	if !strings.Contains(s, "_x") {
		return s
	}
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			result += "_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			v, _ := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`)
			result += v
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

func readSharedStrings(f *zip.File) ([]string, error) {
	r, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	sc := newXMLScanner(r)
	var out []string
	for {
		t := sc.next()
		switch t.kind {
		case tokEOF:
			return out, sc.err
		case tokStart, tokEmpty:
			if string(localName(t.name)) == "si" {
				x := sc.richText(t)
				out = append(out, x.String())
			}
		}
	}
}

// richText reads an si or is element.
func (sc *xmlScanner) richText(start xmlToken) richText {
	var x richText
	if start.kind == tokEmpty {
		return x
	}
	var run *string
	inRun, depth := false, 0
	for {
		t := sc.next()
		switch t.kind {
		case tokEOF:
			return x
		case tokStart, tokEmpty:
			name := string(localName(t.name))
			switch {
			case depth == 0 && name == "t":
				x.t, x.hasT = sc.elementText(t), true
			case depth == 0 && name == "r":
				if t.kind == tokStart {
					inRun, run, depth = true, nil, 1
				} else {
					x.runs = append(x.runs, nil)
				}
			case depth == 1 && inRun && name == "t":
				v := sc.elementText(t)
				run = &v
			default:
				if t.kind == tokStart {
					depth++
				}
			}
		case tokEnd:
			if depth == 0 {
				return x
			}
			depth--
			if depth == 0 && inRun {
				x.runs = append(x.runs, run)
				inRun = false
			}
		}
	}
}

// The scanner: tags and text of an XML stream, with the character data
// decoded as encoding/xml decodes it (entities, CDATA, line ends).

type tokKind int

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokEmpty // <x/>
	tokText
)

type xmlToken struct {
	kind  tokKind
	name  []byte // valid until the next call
	attrs []byte
	text  []byte // raw, with tokText
	cdata bool
}

type xmlScanner struct {
	r        io.Reader
	buf      []byte
	pos, end int
	eof      bool
	err      error
	text     []byte // elementText's, used again
}

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, 256<<10)}
}

// fill reads more, keeping buf[pos:end]; false at the end of the stream.
func (sc *xmlScanner) fill() bool {
	if sc.eof {
		return false
	}
	if sc.pos > 0 {
		copy(sc.buf, sc.buf[sc.pos:sc.end])
		sc.end -= sc.pos
		sc.pos = 0
	}
	if sc.end == len(sc.buf) {
		sc.buf = append(sc.buf, make([]byte, len(sc.buf))...)
	}
	n, err := sc.r.Read(sc.buf[sc.end:])
	sc.end += n
	if err != nil {
		sc.eof = true
		if err != io.EOF {
			sc.err = err
		}
	}
	return n > 0 || !sc.eof
}

// literal reads open, text and end when they are next in the buffer,
// the text holding nothing to decode (no markup, entity, CDATA or
// carriage return), and returns the text, valid until the next call.
// Otherwise it reads nothing.
func (sc *xmlScanner) literal(open, end string) ([]byte, bool) {
	b := sc.buf[sc.pos:sc.end]
	if len(b) < len(open)+len(end) || string(b[:len(open)]) != open {
		return nil, false
	}
	i := bytes.IndexByte(b[len(open):], '<')
	if i < 0 {
		return nil, false
	}
	text, rest := b[len(open):len(open)+i], b[len(open)+i:]
	if len(rest) < len(end) || string(rest[:len(end)]) != end ||
		bytes.IndexByte(text, '&') >= 0 || bytes.IndexByte(text, '\r') >= 0 {
		return nil, false
	}
	sc.pos += len(open) + i + len(end)
	return text, true
}

// until finds sep from buf[pos+from:], reading more as needed, and returns
// its index relative to pos, or -1 at the end of the stream.
func (sc *xmlScanner) until(from int, sep []byte) int {
	for {
		if i := bytes.Index(sc.buf[sc.pos+from:sc.end], sep); i >= 0 {
			return from + i
		}
		from = max(sc.end-sc.pos-len(sep)+1, from)
		if !sc.fill() {
			return -1
		}
	}
}

func (sc *xmlScanner) next() xmlToken {
	for {
		if sc.pos == sc.end && !sc.fill() {
			return xmlToken{}
		}
		if sc.buf[sc.pos] != '<' {
			i := sc.until(0, []byte{'<'})
			if i < 0 {
				i = sc.end - sc.pos
			}
			t := xmlToken{kind: tokText, text: sc.buf[sc.pos : sc.pos+i]}
			sc.pos += i
			return t
		}
		if sc.end-sc.pos < 2 {
			sc.fill()
		}
		if sc.end-sc.pos >= 2 && (sc.buf[sc.pos+1] == '!' || sc.buf[sc.pos+1] == '?') {
			for sc.end-sc.pos < 9 && sc.fill() {
			}
		}
		rest := sc.buf[sc.pos:sc.end]
		switch {
		case len(rest) >= 2 && rest[1] != '!' && rest[1] != '?':
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			i := sc.until(9, []byte("]]>"))
			if i < 0 {
				return xmlToken{}
			}
			t := xmlToken{kind: tokText, text: sc.buf[sc.pos+9 : sc.pos+i], cdata: true}
			sc.pos += i + 3
			return t
		case bytes.HasPrefix(rest, []byte("<!--")):
			i := sc.until(4, []byte("-->"))
			if i < 0 {
				return xmlToken{}
			}
			sc.pos += i + 3
			continue
		case bytes.HasPrefix(rest, []byte("<?")):
			i := sc.until(2, []byte("?>"))
			if i < 0 {
				return xmlToken{}
			}
			sc.pos += i + 2
			continue
		case bytes.HasPrefix(rest, []byte("<!")):
			i := sc.until(2, []byte(">"))
			if i < 0 {
				return xmlToken{}
			}
			sc.pos += i + 1
			continue
		}
		i := sc.tagEnd()
		if i < 0 {
			return xmlToken{}
		}
		tag := sc.buf[sc.pos+1 : sc.pos+i]
		sc.pos += i + 1
		t := xmlToken{kind: tokStart}
		if len(tag) > 0 && tag[0] == '/' {
			t.kind = tokEnd
			tag = bytes.TrimSpace(tag[1:])
		} else if len(tag) > 0 && tag[len(tag)-1] == '/' {
			t.kind = tokEmpty
			tag = tag[:len(tag)-1]
		}
		n := 0
		for n < len(tag) && !isXMLSpace(tag[n]) {
			n++
		}
		t.name, t.attrs = tag[:n], tag[n:]
		return t
	}
}

// tagEnd is the index of the '>' closing the tag at pos, quotes minded.
func (sc *xmlScanner) tagEnd() int {
	j := 1
	for {
		b := sc.buf[sc.pos:sc.end]
		gt := bytes.IndexByte(b[j:], '>')
		if gt < 0 {
			if !sc.fill() {
				return -1
			}
			continue
		}
		gt += j
		q := j
		for q < gt && b[q] != '"' && b[q] != '\'' {
			q++
		}
		if q == gt {
			return gt
		}
		c := bytes.IndexByte(b[q+1:], b[q])
		if c < 0 {
			if !sc.fill() {
				return -1
			}
			continue
		}
		j = q + 1 + c + 1
	}
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// localName is name without its namespace prefix. Callers compare
// string(localName(…)) with constants, which does not allocate.
func localName(name []byte) []byte {
	if i := bytes.IndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// elementText is the character data directly in the element start opens
// (nested elements skipped), decoded.
func (sc *xmlScanner) elementText(start xmlToken) string {
	sc.text = sc.appendElementText(sc.text[:0], start)
	return string(sc.text)
}

func (sc *xmlScanner) appendElementText(b []byte, start xmlToken) []byte {
	if start.kind == tokEmpty {
		return b
	}
	depth := 0
	for {
		t := sc.next()
		switch t.kind {
		case tokEOF:
			return b
		case tokText:
			if depth == 0 {
				if t.cdata {
					b = appendCDATA(b, t.text)
				} else {
					b = appendXMLText(b, t.text)
				}
			}
		case tokStart:
			depth++
		case tokEnd:
			if depth == 0 {
				return b
			}
			depth--
		}
	}
}

// skip reads past the end of the element start opens.
func (sc *xmlScanner) skip(start xmlToken) {
	depth := 0
	for {
		switch t := sc.next(); t.kind {
		case tokEOF:
			return
		case tokStart:
			depth++
		case tokEnd:
			if depth == 0 {
				return
			}
			depth--
		}
	}
}

// appendXMLText appends character data with its entities decoded and its
// line ends made \n.
func appendXMLText(b, text []byte) []byte {
	if bytes.IndexByte(text, '&') < 0 && bytes.IndexByte(text, '\r') < 0 {
		return append(b, text...)
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\r':
			b = append(b, '\n')
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
		case c == '&':
			j := bytes.IndexByte(text[i:], ';')
			if j < 0 {
				b = append(b, c)
				continue
			}
			ent := string(text[i+1 : i+j])
			if r, ok := xmlEntity(ent); ok {
				b = append(b, r...)
				i += j
			} else {
				b = append(b, c)
			}
		default:
			b = append(b, c)
		}
	}
	return b
}

// appendCDATA appends a CDATA section with its line ends made \n.
func appendCDATA(b, text []byte) []byte {
	for i := 0; i < len(text); i++ {
		if text[i] == '\r' {
			b = append(b, '\n')
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			continue
		}
		b = append(b, text[i])
	}
	return b
}

func xmlEntity(e string) (string, bool) {
	switch e {
	case "amp":
		return "&", true
	case "lt":
		return "<", true
	case "gt":
		return ">", true
	case "quot":
		return `"`, true
	case "apos":
		return "'", true
	}
	if strings.HasPrefix(e, "#") {
		var n uint64
		var err error
		if strings.HasPrefix(e, "#x") {
			n, err = strconv.ParseUint(e[2:], 16, 32)
		} else {
			n, err = strconv.ParseUint(e[1:], 10, 32)
		}
		if err == nil {
			return string(rune(n)), true
		}
	}
	return "", false
}

// attr finds an attribute's value (by local name) in a tag's attributes.
func attr(attrs []byte, name string) (string, bool) {
	v, ok := attrBytes(attrs, name)
	return string(v), ok
}

// attrBytes is attr without a copy: the value is valid until the next
// token (and decoded into a new slice when it holds an entity).
func attrBytes(attrs []byte, name string) ([]byte, bool) {
	i := 0
	for i < len(attrs) {
		for i < len(attrs) && isXMLSpace(attrs[i]) {
			i++
		}
		k := i
		for i < len(attrs) && attrs[i] != '=' && !isXMLSpace(attrs[i]) {
			i++
		}
		key := attrs[k:i]
		for i < len(attrs) && (isXMLSpace(attrs[i]) || attrs[i] == '=') {
			i++
		}
		if i >= len(attrs) || attrs[i] != '"' && attrs[i] != '\'' {
			return nil, false
		}
		q := attrs[i]
		i++
		v := i
		for i < len(attrs) && attrs[i] != q {
			i++
		}
		if i >= len(attrs) {
			return nil, false
		}
		val := attrs[v:i]
		i++
		if string(localName(key)) == name && !bytes.HasPrefix(key, []byte("xmlns")) {
			if bytes.IndexByte(val, '&') >= 0 || bytes.IndexByte(val, '\r') >= 0 {
				val = appendXMLText(nil, val)
			}
			return val, true
		}
	}
	return nil, false
}

// attrInt reads an integer attribute as excelize's attrValToInt does.
func attrInt(attrs []byte, name string) (int, error) {
	v, ok := attr(attrs, name)
	if !ok {
		return 0, nil
	}
	return strconv.Atoi(v)
}

// openWorkbook opens a workbook's sheet (see openTable) with the
// streaming reader, or with excelize when the streaming reader leaves it.
func openWorkbook(p, sheet string) (table, error) {
	s, err := openXLSXStream(p, sheet)
	var left *leftToExcelize
	if errors.As(err, &left) {
		return openXLSX(p, sheet)
	}
	if err != nil {
		return nil, err // a broken workbook, or no such sheet
	}
	return s, nil
}

// readAhead inflates the sheet on another core while the scanner reads
// what is already inflated.
type readAhead struct {
	full, free chan []byte
	errc       chan error
	cur, buf   []byte // what is left to read, and all of its buffer
	err        error
	stop       chan struct{}
	once       sync.Once
}

func newReadAhead(r io.Reader) *readAhead {
	const n, size = 4, 256 << 10
	ra := &readAhead{full: make(chan []byte, n), free: make(chan []byte, n), errc: make(chan error, 1), stop: make(chan struct{})}
	for range n {
		ra.free <- make([]byte, size)
	}
	go func() {
		defer close(ra.full)
		for {
			var b []byte
			select {
			case b = <-ra.free:
			case <-ra.stop:
				return
			}
			k, err := io.ReadFull(r, b)
			if k > 0 {
				ra.full <- b[:k]
			}
			if err != nil {
				if err != io.EOF && err != io.ErrUnexpectedEOF {
					ra.errc <- err
				}
				return
			}
		}
	}()
	return ra
}

func (ra *readAhead) Read(p []byte) (int, error) {
	for len(ra.cur) == 0 {
		if ra.buf != nil {
			ra.free <- ra.buf
			ra.buf = nil
		}
		b, ok := <-ra.full
		if !ok {
			select {
			case err := <-ra.errc:
				ra.err = err
			default:
			}
			if ra.err != nil {
				return 0, ra.err
			}
			return 0, io.EOF
		}
		ra.cur, ra.buf = b, b[:cap(b)]
	}
	n := copy(p, ra.cur)
	ra.cur = ra.cur[n:]
	return n, nil
}

// close stops the inflating goroutine.
func (ra *readAhead) close() {
	ra.once.Do(func() { close(ra.stop) })
	for range ra.full {
	}
}
