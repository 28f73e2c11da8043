package export

import (
	"strconv"

	"github.com/iranict/rank/internal/vocab"
)

// Problem is a row in error, left out of the evaluation, or with Warning
// set a remark on a row that stands.
type Problem struct {
	Kind     string  // scoring.KindOffices …
	File     string  // base name, e.g. "declarations.csv"
	Sheet    string  // sheet of a workbook, "" for CSV
	Row      int     // 1-based line or sheet row, header = 1; for CSV the line the record starts on
	Column   string  // canonical English header name, "" when the whole row
	Reason   string  // in English, e.g. `must be a whole number ≥ 1, got "۰"`, quoting the cell as written
	Msg      Message // the reason by id, to render it in either language (ReasonIn)
	Province string  // slug of the province the row belongs to, "" when unknown
	Warning  bool
}

// Error formats p as file:row:column: reason, the way compilers do, e.g.
// declarations.csv:42:staff_count: must be a whole number ≥ 1, got "۰".
func (p Problem) Error() string {
	s := p.File + ":" + strconv.Itoa(p.Row) + ":"
	if p.Column != "" {
		s += p.Column + ":"
	}
	return s + " " + p.Reason
}

// Because sets the problem's reason: its message, and the message in
// English as Reason.
func (p *Problem) Because(m Message) {
	p.Msg, p.Reason = m, m.In(vocab.English)
}

// ReasonIn is the reason in l. A problem made with no message has its
// Reason in either language.
func (p Problem) ReasonIn(l vocab.Lang) string {
	if p.Msg.ID == "" || l == vocab.English && p.Reason != "" {
		return p.Reason
	}
	return p.Msg.In(l)
}

// ErrorIn is Error in l: in Persian the column is named by its Persian
// header, when the schema declares the problem's kind and column.
func (p Problem) ErrorIn(l vocab.Lang) string {
	if l == vocab.English {
		return p.Error()
	}
	q := p
	q.Reason = p.ReasonIn(l)
	q.Column = p.ColumnIn(l)
	return q.Error()
}

// ColumnIn is the problem's column in l: in Persian its Persian header,
// when the schema declares the problem's kind and column; its name
// otherwise.
func (p Problem) ColumnIn(l vocab.Lang) string {
	if l == vocab.English || p.Column == "" {
		return p.Column
	}
	if k := Lookup(p.Kind); k != nil {
		if c := k.Column(p.Column); c != nil {
			return c.Persian
		}
	}
	return p.Column
}

// MapText is p with f applied to its reason's text: Reason and the texts
// its message quotes (a report masks the national codes so).
func (p Problem) MapText(f func(string) string) Problem {
	p.Reason = f(p.Reason)
	p.Msg = p.Msg.mapText(f)
	return p
}

// FileStat accounts for one file: every data row read is either valid or
// in error (Rows = valid rows + Errors); blank rows are skipped, not counted.
type FileStat struct {
	Kind, File       string
	Rows             int64
	Errors           int64 // rows in error (a row with several bad cells counts once)
	Warnings         int64 // warnings, on rows that stand
	RowsByProvince   map[string]int64
	ErrorsByProvince map[string]int64
	Ignored          []string // header columns that are not part of the kind
}

// IndexStat accounts for a file of an index's export: Rows = Used +
// Outside + Errors.
type IndexStat struct {
	FileStat
	Used, Outside int64
}
