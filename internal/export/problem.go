package export

import "strconv"

// Problem is a row in error, left out of the evaluation, or with Warning
// set a remark on a row that stands.
type Problem struct {
	Kind     string // scoring.KindOffices …
	File     string // base name, e.g. "declarations.csv"
	Sheet    string // sheet of a workbook, "" for CSV
	Row      int    // 1-based line or sheet row, header = 1; for CSV the line the record starts on
	Column   string // canonical English header name, "" when the whole row
	Reason   string // e.g. `must be a whole number ≥ 1, got "۰"`, quoting the cell as written
	Province string // slug of the province the row belongs to, "" when unknown
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
