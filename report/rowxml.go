// Parts of this file follow excelize (github.com/xuri/excelize/v2) so that
// the rows come out as its stream writer writes them: inlineStr follows
// setInlineStr and writeCell, formatCellFloat, trimCellValue, bstrMarshal
// and truncateUTF16Units follow the functions of those names. excelize's
// licence asks that its notice go with them:
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

package report

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// A sheet's rows are the bulk of a national workbook (the rulings of a
// province, its offices), and excelize's StreamWriter.SetRow costs about a
// microsecond a cell. So write streams one marker row through excelize,
// and the workbook's zip writer, when it meets the marker, writes the
// rows in its place itself, byte for byte as SetRow renders them
// (TestRowsXMLLikeExcelize). Every cell carries its reference (r="B7"):
// the format leaves it optional, but Gnumeric, tealeg/xlsx and Perl's
// Spreadsheet::ParseXLSX lose or shift cells written without one.

// renderable reports whether every cell of t is of a kind writeRows
// renders.
func renderable(t *table) bool {
	for _, row := range t.rows {
		for _, c := range row {
			if c.kind == otherCell {
				return false
			}
		}
	}
	return true
}

// writeRows writes t's rows as StreamWriter.SetRow would.
func (b *book) writeRows(out *bufio.Writer, t *table) error {
	var num []byte
	var cols [][]byte // the letters of each column, made once a sheet
	for i, row := range t.rows {
		r := strconv.Itoa(i + 1)
		out.WriteString(`<row r="`)
		out.WriteString(r)
		if h := t.heights[i]; h > 0 { // as RowOpts.marshalAttrs
			out.WriteString(`" ht="`)
			out.WriteString(strconv.FormatFloat(h, 'f', -1, 64))
			out.WriteString(`" customHeight="1`)
		}
		out.WriteString(`">`)
		bold := t.headers[i]
		for c, v := range row {
			// The style and value book.value gives, read off the cell.
			style := 0
			switch v.kind {
			case blankCell:
				continue
			case textCell, wrapCell:
				if v.s == "" {
					continue
				}
				if bold {
					style = b.bold
				} else if v.look == codeLook {
					style = b.code
				} else if v.kind == wrapCell {
					style = b.wrap
				}
			case numberCell:
				if math.IsNaN(v.f) || math.IsInf(v.f, 0) {
					continue
				}
				style = b.number
				if bold {
					style = b.boldNum
				}
			case gradedCell:
				if s, ok := b.grades[int(v.f)]; ok && !bold {
					style = s
				} else if bold {
					style = b.bold
				}
			default:
				if bold {
					style = b.bold
				}
			}
			for len(cols) <= c {
				cols = append(cols, columnName(nil, len(cols)+1))
			}
			out.WriteString(`<c r="`)
			out.Write(cols[c])
			out.WriteString(r)
			out.WriteByte('"')
			if style != 0 {
				out.WriteString(` s="`)
				out.WriteString(strconv.Itoa(style))
				out.WriteByte('"')
			}
			switch v.kind {
			case textCell, wrapCell:
				inlineStr(out, v.s)
			case wholeCell, gradedCell:
				out.WriteString(`><v>`)
				num = strconv.AppendInt(num[:0], int64(v.f), 10)
				out.Write(num)
				out.WriteString(`</v></c>`)
			case numberCell, plainCell:
				if math.IsNaN(v.f) || math.IsInf(v.f, 0) {
					inlineStr(out, fmt.Sprint(v.f))
					continue
				}
				out.WriteString(`><v>`)
				out.WriteString(formatCellFloat(v.f))
				out.WriteString(`</v></c>`)
			default:
				return fmt.Errorf("report: a cell it does not render: %s", v.s)
			}
		}
		out.WriteString(`</row>`)
	}
	return out.Flush()
}

// inlineStr ends a cell holding text, as excelize's setInlineStr and
// writeCell do.
func inlineStr(out *bufio.Writer, s string) {
	v, preserve := trimCellValue(s)
	out.WriteString(` t="inlineStr"><is><t`)
	if preserve {
		out.WriteString(` xml:space="preserve"`)
	}
	out.WriteByte('>')
	out.WriteString(v)
	out.WriteString(`</t></is></c>`)
}

// columnName appends the letters of column n (1 = A).
func columnName(b []byte, n int) []byte {
	var buf [8]byte
	i := len(buf)
	for n > 0 {
		n--
		i--
		buf[i] = byte('A' + n%26)
		n /= 26
	}
	return append(b, buf[i:]...)
}

// The functions below follow excelize v2 (BSD-3-Clause), so that the
// cells come out as its stream writer writes them.

func formatCellFloat(value float64) string {
	str := strconv.FormatFloat(value, 'f', -1, 64)
	if math.Abs(value) == math.MaxFloat64 {
		return str
	}
	const maxPrec = 15
	decimal := strings.IndexByte(str, '.')
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			return strings.TrimSuffix(str[:idx], ".")
		}
		if decimal < 0 {
			decimal = len(str)
		}
		truncated := []byte(str[:decimal])
		for ; idx < len(truncated); idx++ {
			truncated[idx] = '0'
		}
		return string(truncated)
	}
	return str
}

func trimCellValue(value string) (v string, preserve bool) {
	if tooLong(value) {
		value = truncateUTF16Units(value, excelize.TotalCellChars)
	}
	if value != "" {
		edge := func(c byte) bool { return c == 9 || c == 10 || c == 13 || c == 32 }
		preserve = edge(value[0]) || edge(value[len(value)-1])
		if needsEscape(value) {
			var buf strings.Builder
			_ = xml.EscapeText(&buf, []byte(value))
			value = strings.ReplaceAll(buf.String(), "&#xA;", "\n")
		}
	}
	if strings.Contains(value, "_x") {
		value = bstrMarshal(value)
	}
	return value, preserve
}

// needsEscape reports whether xml.EscapeText would change s: an ASCII
// character it escapes, a byte that is not UTF-8, or a character XML
// does not allow.
func needsEscape(s string) bool {
	for i := 0; i < len(s); {
		r, n := runeAt(s, i)
		switch {
		case r < utf8.RuneSelf:
			if r < 0x20 || r == '"' || r == '\'' || r == '&' || r == '<' || r == '>' {
				return true
			}
		case r == utf8.RuneError && n == 1 || !(r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF):
			return true
		}
		i += n
	}
	return false
}

// runeAt decodes the character at s[i] as utf8.DecodeRuneInString does,
// taking ASCII and two-byte sequences (Persian letters) without the call.
func runeAt(s string, i int) (rune, int) {
	switch c := s[i]; {
	case c < utf8.RuneSelf:
		return rune(c), 1
	case c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
		return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(s[i:])
}

// tooLong reports whether s has more UTF-16 units than a cell holds (never
// more units than bytes).
func tooLong(s string) bool {
	if len(s) <= excelize.TotalCellChars {
		return false
	}
	var cnt int
	for _, r := range s {
		cnt += utf16.RuneLen(r)
	}
	return cnt > excelize.TotalCellChars
}

func truncateUTF16Units(s string, length int) string {
	var cnt int
	for i, r := range s {
		cnt += utf16.RuneLen(r)
		if cnt > length {
			return s[:i]
		}
	}
	return s
}

var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

func bstrMarshal(s string) (result string) {
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result += "_x005F" + subStr
				continue
			}
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}
