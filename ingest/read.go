package ingest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
)

// Export is what Read makes of an export folder.
type Export struct {
	Offices      []scoring.Office
	Declarations []scoring.Declaration
	Violations   []scoring.Violation
	Services     []scoring.Service
	// DeclarationsInError are the declaration rows in error that name an
	// office of the registry.
	DeclarationsInError []scoring.DeclarationInError
	Problems            []export.Problem  // by file (offices, declarations, surveys, violations, services), then row
	Stats               []export.FileStat // in the same order; services only when given
}

// FileError is a file that cannot be read at all: it does not open, is
// neither CSV nor XLSX, has no header, or lacks a column (a *ColumnError).
type FileError struct {
	File string // base name
	Err  error
}

func (e *FileError) Error() string { return e.File + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// Read reads an export: the offices first, as the registry the other files
// are checked against, then, side by side, declarations, surveys,
// violations and, when given, services; what they hold is listed in that
// order whatever order they finish in. Valid survey responses are handed
// to survey one by one and not kept. Rows that break a rule become Problems; the error is a
// *FileError for a file that cannot be read at all.
func Read(files Files, survey func(scoring.Survey)) (*Export, error) {
	return read(files, survey, nil, nil, Options{})
}

// ReadInto reads an export as Read does, counting the valid survey
// responses into tally. A surveys CSV file is read on every core by a
// byte scanner that hands any row it cannot take as plain to the same
// checks as Read: the export, its problems and the counts are the same.
func ReadInto(files Files, tally *scoring.SurveyTally) (*Export, error) {
	return read(files, tally.Add, tally, nil, Options{})
}

// Progress hears of each file as it is read: its size before, its
// accounting after. The files after the registry are read side by side:
// the calls for different files may come at once, from different
// goroutines. Implementations must be quick; they run on the reading
// goroutines.
type Progress interface {
	Reading(kind, file string, size int64)
	Read(stat export.FileStat)
}

// ReadIntoWith is ReadInto telling p of each file.
func ReadIntoWith(files Files, tally *scoring.SurveyTally, p Progress) (*Export, error) {
	return read(files, tally.Add, tally, p, Options{})
}

// Options are how an export's files are read where they differ from the
// export's declaration: other names for its columns, other sheets.
type Options struct {
	// Headers maps a column's name to further headers the exports give it,
	// in every kind with the column (a rules file's headers:).
	Headers map[string][]string
	// Sheets names the sheet to read in a kind's workbook.
	Sheets Sheets

	fast surveyOptions // how the fast survey reader works, for tests
}

// ReadExport reads an export as ReadInto does, as o says, telling p (when
// not nil) of each file.
func ReadExport(files Files, tally *scoring.SurveyTally, p Progress, o Options) (*Export, error) {
	return read(files, tally.Add, tally, p, o)
}

// read reads an export as o says.
func read(files Files, survey func(scoring.Survey), tally *scoring.SurveyTally, progress Progress, o Options) (*Export, error) {
	cols, err := kindColumnsWith(o.Headers)
	if err != nil {
		return nil, err
	}
	var kinds []string
	for _, k := range export.Kinds {
		kinds = append(kinds, k.Name)
	}
	if err := o.Sheets.check(kinds); err != nil {
		return nil, err
	}
	r := &reader{
		fast:        o.fast,
		exp:         &Export{},
		officesFile: filepath.Base(files.Offices),
		registry:    map[string]registered{},
		rejected:    map[string]registered{},
		sheets:      o.Sheets,
	}
	step := func(k string, path string, row func(*reader, *rowCtx)) readStep {
		return readStep{k, path, cols[k], row}
	}
	steps := []readStep{
		step(export.KindOffices, files.Offices, (*reader).office),
		step(export.KindDeclarations, files.Declarations, (*reader).declaration),
		step(export.KindSurveys, files.Surveys, func(r *reader, c *rowCtx) { r.survey(c, survey) }),
		step(export.KindViolations, files.Violations, (*reader).violation),
		step(export.KindServices, files.Services, (*reader).service),
	}
	given := func(s readStep) error {
		if s.path == "" && !export.Lookup(s.kind).Optional {
			return fmt.Errorf("no %s file given", s.kind)
		}
		return nil
	}
	if err := given(steps[0]); err != nil {
		return nil, err
	}
	// The registry first: every other file is checked against it. The
	// others need nothing but the registry: they are read side by side,
	// each by a reader of its own (the surveys on every core, the small
	// files on what is left), and joined in file order. They are opened
	// at once, and the small files' records parsed ahead, while the
	// registry is read on the other core; their checks wait for it.
	rest := steps[1:]
	parts := make([]*reader, len(rest))
	errs := make([]error, len(rest))
	ready, stop := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	for i, s := range rest {
		if s.path == "" {
			continue
		}
		parts[i] = &reader{exp: &Export{}, officesFile: r.officesFile, rejected: r.rejected, surveyCols: cols[export.KindSurveys], sheets: o.Sheets, fast: o.fast}
		wg.Add(1)
		go func() {
			defer wg.Done()
			var o *opened
			if s.kind != scoring.KindSurveys || tally == nil {
				o = openAhead(s.path, parts[i].sheets.of(s.kind))
			}
			select {
			case <-ready:
			case <-stop:
				o.close()
				return
			}
			parts[i].index = r.index
			errs[i] = parts[i].step(s, tally, progress, o)
		}()
	}
	fail := func(err error) (*Export, error) {
		close(stop)
		wg.Wait()
		return nil, err
	}
	if err := r.step(steps[0], tally, progress, nil); err != nil {
		if !isHeaderError(err) {
			return fail(err)
		}
		// The registry's header does not fit: the others' headers are
		// checked too, so that one run lists every file's.
		close(stop)
		wg.Wait()
		all := []error{err}
		for _, s := range rest {
			if s.path != "" {
				all = append(all, r.checkHeader(s))
			}
		}
		return nil, headerErrors(all)
	}
	r.index = newRegistryIndex(r.exp.Offices)
	for _, s := range rest {
		if err := given(s); err != nil {
			return fail(err)
		}
	}
	close(ready)
	wg.Wait()
	if err := headerErrors(errs); err != nil {
		return nil, err
	}
	for i, p := range parts {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if p != nil {
			r.join(p.exp)
		}
	}
	return r.exp, nil
}

// kindColumnsWith is the columns of each kind, found also by the further
// headers given (column name → headers, for every kind with the column).
// A header that would name two columns of a file is an error.
func kindColumnsWith(headers map[string][]string) (map[string][]column, error) {
	if len(headers) == 0 {
		return kindColumns, nil
	}
	kinds, err := export.KindsWith(headers)
	if err != nil {
		return nil, err
	}
	cols := map[string][]column{}
	for _, k := range kinds {
		cols[k.Name] = columnsOf(k.Columns)
		if err := headersApart(k.Name, cols[k.Name]); err != nil {
			return nil, err
		}
	}
	return cols, nil
}

// headersApart refuses columns of which two go by one header (as folded):
// a file could not say which of them a cell is.
func headersApart(kind string, cols []column) error {
	seen := map[string]string{}
	for _, c := range cols {
		for _, h := range c.Headers() {
			f := fold(h)
			if other, ok := seen[f]; ok && other != c.Name {
				return fmt.Errorf("headers: %q would name two columns of %s, %s and %s", h, kind, other, c.Name)
			}
			seen[f] = c.Name
		}
	}
	return nil
}

// checkHeader opens a file of the export and finds its header, reading
// nothing more: the error, when it has none, or nil.
func (r *reader) checkHeader(s readStep) error {
	file := filepath.Base(s.path)
	t, err := openTable(s.path, r.sheets.of(s.kind))
	if err != nil {
		return &FileError{file, err}
	}
	defer t.close()
	if _, _, err := findHeader(t, s.cols); err != nil {
		return &FileError{file, err}
	}
	return nil
}

// isHeaderError reports whether err is a file whose header lacks columns.
func isHeaderError(err error) bool {
	var he *HeaderError
	return errors.As(err, &he)
}

// headerErrors is the error of the files among errs (nil for a file read
// well) whose headers lack columns — every one of them, so that they are
// fixed at once — or, when none does, nil.
func headerErrors(errs []error) error {
	var files []*FileError
	for _, err := range errs {
		var fe *FileError
		if isHeaderError(err) && errors.As(err, &fe) {
			files = append(files, fe)
		}
	}
	if len(files) == 0 {
		return nil
	}
	return &HeadersError{files}
}

// HeadersError is an export of which one file's header or more lack
// columns, each a *FileError holding a *HeaderError.
type HeadersError struct {
	Files []*FileError
}

func (e *HeadersError) Error() string {
	var b strings.Builder
	if len(e.Files) == 1 {
		b.WriteString(e.Files[0].Error())
	} else {
		fmt.Fprintf(&b, "%d files lack columns:", len(e.Files))
		for _, f := range e.Files {
			b.WriteString("\n  ")
			b.WriteString(f.Error())
		}
	}
	for _, f := range e.Files {
		var he *HeaderError
		if errors.As(f, &he) && he.missing() && he.Hint == "" {
			b.WriteString("\n  (" + mapHint + ")")
			break
		}
	}
	return b.String()
}

func (e *HeadersError) Unwrap() []error {
	errs := make([]error, len(e.Files))
	for i, f := range e.Files {
		errs[i] = f
	}
	return errs
}

// readStep is a file of an export and how its rows are checked.
type readStep struct {
	kind, path string
	cols       []column
	row        func(*reader, *rowCtx)
}

// step reads one file, telling progress before and after; the surveys go
// to the fast reader when there is a tally to count them into.
func (r *reader) step(s readStep, tally *scoring.SurveyTally, progress Progress, o *opened) error {
	if o == nil {
		o = &opened{}
		o.before, _ = os.Stat(s.path) // nil: opening it says why
	}
	before := o.before
	r.size = 0
	if before != nil {
		r.size = before.Size()
	}
	if progress != nil {
		progress.Reading(s.kind, filepath.Base(s.path), r.size)
	}
	done := false
	if s.kind == scoring.KindSurveys && tally != nil {
		var err error
		if done, err = r.readSurveysFast(s.path, tally); err != nil {
			return err
		}
	}
	if !done {
		if err := r.readFile(s.kind, s.path, o, s.cols, func(c *rowCtx) { s.row(r, c) }); err != nil {
			return err
		}
	}
	if before != nil {
		if err := unchanged(s.path, before); err != nil {
			return err
		}
	}
	if progress != nil {
		progress.Read(r.exp.Stats[len(r.exp.Stats)-1])
	}
	return nil
}

// join adds what another reader read, after what r read.
func (r *reader) join(e *Export) {
	r.exp.Declarations = concat(r.exp.Declarations, e.Declarations)
	r.exp.DeclarationsInError = concat(r.exp.DeclarationsInError, e.DeclarationsInError)
	r.exp.Violations = concat(r.exp.Violations, e.Violations)
	r.exp.Services = concat(r.exp.Services, e.Services)
	r.exp.Problems = concat(r.exp.Problems, e.Problems)
	r.exp.Stats = concat(r.exp.Stats, e.Stats)
}

// concat is append(a, b...) that takes b as it is when a is empty: a file
// of many problems is not copied.
func concat[T any](a, b []T) []T {
	if len(a) == 0 {
		return b
	}
	return append(a, b...)
}

// reader holds what one file's rows are checked against: the registry and
// the ids seen so far.
type reader struct {
	exp         *Export
	officesFile string
	registry    map[string]registered // the valid offices by code, while the registry is read
	index       *registryIndex        // the same, for the files read after it
	size        int64                 // of the file being read, to size its sets
	rejected    map[string]registered // office codes whose only rows are in error
	surveyCols  []column              // the surveys' columns, for the fast reader
	sheets      Sheets                // the sheet to read of a kind's workbook
	responses   idSet
	cases       map[string]int
	areas       map[scoring.AreaKey]int
	fast        surveyOptions // the fast survey reader's
}

type registered struct {
	row      int
	province string
}

// readFile reads one file through row, which checks a record and keeps it
// when it is valid; o, when not nil, is the file opened ahead.
func (r *reader) readFile(kind, path string, o *opened, cols []column, row func(*rowCtx)) error {
	file := filepath.Base(path)
	var t table
	var err error
	if o != nil {
		t, err = o.t, o.err
	}
	if t == nil && err == nil {
		t, err = openTable(path, r.sheets.of(kind))
	}
	if err != nil {
		return &FileError{file, err}
	}
	defer t.close()
	c := &rowCtx{kind: kind, file: file, sheet: t.sheet(), cols: cols, dates: t.dateSystem(), decimalComma: t.decimalComma()}
	stat := export.FileStat{Kind: kind, File: file, RowsByProvince: map[string]int64{}, ErrorsByProvince: map[string]int64{}}
	if c.pos, stat.Ignored, err = findHeader(t, cols); err != nil {
		return &FileError{file, err}
	}

	for {
		rec, line, err := t.next()
		var perr *csv.ParseError
		switch {
		case err == io.EOF:
			r.exp.Stats = append(r.exp.Stats, stat)
			return nil
		case errors.As(err, &perr):
			// The reader resumes at the next line; the record is lost.
			c.start(nil, perr.StartLine)
			c.problem("", malformedCSV(perr, 0), false)
		case err != nil:
			return &FileError{file, err}
		case len(rec) > maxCells:
			return &FileError{file, fmt.Errorf("row %d has %d cells; an export has at most %d columns", line, len(rec), maxCells)}
		case blankRecord(rec):
			continue
		default:
			c.start(rec, line)
			row(c)
		}
		c.finish(&stat, &r.exp.Problems)
	}
}

// findHeader reads t up to its header, among its first rows (see
// headerSearch), and returns where each column is and the cells that
// name none.
func findHeader(t table, cols []column) (pos []int, ignored []string, err error) {
	h := newHeaderSearch(cols)
	for {
		rec, row, err := t.next()
		switch {
		case err == io.EOF && h.rows == 0:
			return nil, nil, errors.New("empty file: no header row")
		case err == io.EOF:
			return nil, nil, h.err(t.sheet())
		case err != nil:
			return nil, nil, fmt.Errorf("header: %w", err)
		case blankRecord(rec):
			continue
		case len(rec) > maxCells && h.rows == 0:
			return nil, nil, fmt.Errorf("the header has %d cells; an export has at most %d columns", len(rec), maxCells)
		case len(rec) > maxCells:
			return nil, nil, fmt.Errorf("row %d has %d cells; an export has at most %d columns", row, len(rec), maxCells)
		}
		if pos, ignored, ok := h.try(rec, row); ok {
			return pos, ignored, nil
		}
		if h.exhausted() {
			return nil, nil, h.err(t.sheet())
		}
	}
}

func blankRecord(rec []string) bool {
	for _, s := range rec {
		if !blankCell(s) {
			return false
		}
	}
	return true
}

// registered looks up the office code in the column named name in the
// registry and returns it as the registry holds it ("" when it is not
// there), setting the row's province.
func (r *reader) registered(c *rowCtx, name string) string {
	code := c.text(name)
	if code == "" {
		return ""
	}
	if i, ok := findCode(r.index.table, code); ok {
		// The registry's own string: an office's 4 rulings or 400
		// responses share it rather than each holding a copy.
		c.province = r.index.prov[i]
		return r.index.codes[i]
	}
	if rej, ok := r.rejected[code]; ok {
		c.province = rej.province
		c.fail(name, export.Msg("not_in_registry_row_in_error", c.raw(name), rej.row, r.officesFile))
		return ""
	}
	c.fail(name, export.Msg("not_in_registry", c.raw(name)))
	return ""
}

// malformedCSV is the problem of a record encoding/csv could not read;
// shift is added to the line it names.
func malformedCSV(perr *csv.ParseError, shift int) export.Message {
	return export.Msg("malformed_csv", perr.Err.Error(), perr.Line+shift, perr.Column)
}

// idSet is the set of ids seen so far in a file of millions of rows, with
// the row each first appeared on. Canonical decimal ids are kept as
// numbers, others as strings.
type idSet struct {
	nums map[uint64]uint32
	strs map[string]uint32
}

// find returns the row id first appeared on, or 0.
func (s *idSet) find(id string) int {
	if n, ok := numericID(id); ok {
		return int(s.nums[n])
	}
	return int(s.strs[id])
}

func (s *idSet) add(id string, row int) {
	if n, ok := numericID(id); ok {
		if s.nums == nil {
			s.nums = map[uint64]uint32{}
		}
		s.nums[n] = uint32(row)
		return
	}
	if s.strs == nil {
		s.strs = map[string]uint32{}
	}
	s.strs[string([]byte(id))] = uint32(row) // a copy, not a slice of the whole line
}

// numericID reads a decimal id without leading zeros ("007" and "7" are
// different ids).
func numericID(id string) (uint64, bool) {
	if id == "" || len(id) > 19 || id[0] == '0' && len(id) > 1 {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return 0, false
		}
		n = n*10 + uint64(id[i]-'0')
	}
	return n, true
}

// unchanged refuses a file that changed while it was read — an export
// still being copied in, or rewritten by another program: its rows would
// be a mix of two versions.
func unchanged(path string, before os.FileInfo) error {
	after, err := os.Stat(path)
	if err != nil {
		return &FileError{filepath.Base(path), fmt.Errorf("gone while it was read: %w", err)}
	}
	if after.Size() != before.Size() || !after.ModTime().Equal(before.ModTime()) {
		return &FileError{filepath.Base(path), fmt.Errorf("changed while it was read (%d bytes, modified %s; now %d bytes, modified %s): run again once the export is complete",
			before.Size(), before.ModTime().Format("15:04:05.000"), after.Size(), after.ModTime().Format("15:04:05.000"))}
	}
	return nil
}

// headerHint names the likely cause when a header matches too few columns:
// tabs in a header read as one cell, or lines ended by a lone CR (an old
// Mac's), which read as one line.
func headerHint(rec []string) string {
	for _, h := range rec {
		if strings.Contains(h, "\r") {
			return "the lines end in a lone CR (an old Mac's), so the file reads as one line: save it with Windows or Unix line ends"
		}
	}
	if len(rec) != 1 {
		return ""
	}
	switch h := rec[0]; {
	case strings.Count(h, "\t") >= 2:
		return "the header is one cell holding tabs: save the file as CSV, not as tab-separated text"
	}
	return ""
}
