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
	Problems     []export.Problem  // by file (offices, declarations, surveys, violations, services), then row
	Stats        []export.FileStat // in the same order; services only when given
}

// FileError is a file that cannot be read at all: it does not open, is
// neither CSV nor XLSX, has no header, or lacks a column (a *ColumnError).
type FileError struct {
	File string // base name
	Err  error
}

func (e *FileError) Error() string { return e.File + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// The columns of each kind, in the order rows are checked.
var (
	officeColumns = []column{
		{name: "office_code", persian: "کد دفتر"}, {name: "name", persian: "نام دفتر"}, {name: "province", persian: "استان"}, {name: "city", persian: "شهر"},
		{name: "area_type", persian: "نوع منطقه"}, {name: "office_type", persian: "نوع دفتر"},
		{name: "holder_national_id", persian: "کد ملی دارنده پروانه"}, {name: "license_date", persian: "تاریخ صدور پروانه"},
	}
	declarationColumns = []column{
		{name: "office_code", persian: "کد دفتر"}, {name: "period", persian: "دوره"}, {name: "submitted_at", persian: "تاریخ ثبت"},
		{name: "area_m2", persian: "متراژ"}, {name: "staff_count", persian: "تعداد پرسنل"}, {name: "location_class", persian: "موقعیت مکانی"},
		{name: "association_score", persian: "امتیاز انجمن"}, {name: "review_status", persian: "وضعیت بررسی"},
	}
	surveyColumns = []column{
		{name: "response_id", persian: "شناسه پاسخ"}, {name: "office_code", persian: "کد دفتر"}, {name: "response_date", persian: "تاریخ پاسخ"}, {name: "score", persian: "امتیاز"},
	}
	violationColumns = []column{
		{name: "case_id", persian: "شماره پرونده"}, {name: "office_code", persian: "کد دفتر"}, {name: "violation_type", persian: "نوع تخلف"},
		{name: "ruling_date", persian: "تاریخ رأی"}, {name: "ruling_status", persian: "وضعیت رأی"},
	}
	serviceColumns = []column{
		{name: "province", persian: "استان"}, {name: "city", persian: "شهر"}, {name: "area_type", persian: "نوع منطقه"}, {name: "available_services", persian: "تعداد خدمات"},
	}
)

// Read reads an export: the offices first, as the registry the other files
// are checked against, then, side by side, declarations, surveys,
// violations and, when given, services; what they hold is listed in that
// order whatever order they finish in. Valid survey responses are handed
// to survey one by one and not kept. Rows that break a rule become Problems; the error is a
// *FileError for a file that cannot be read at all.
func Read(files Files, survey func(scoring.Survey)) (*Export, error) {
	return read(files, survey, nil, nil, surveyOptions{})
}

// ReadInto reads an export as Read does, counting the valid survey
// responses into tally. A surveys CSV file is read on every core by a
// byte scanner that hands any row it cannot take as plain to the same
// checks as Read: the export, its problems and the counts are the same.
func ReadInto(files Files, tally *scoring.SurveyTally) (*Export, error) {
	return read(files, tally.Add, tally, nil, surveyOptions{})
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
	return read(files, tally.Add, tally, p, surveyOptions{})
}

func read(files Files, survey func(scoring.Survey), tally *scoring.SurveyTally, progress Progress, fast surveyOptions) (*Export, error) {
	r := &reader{
		fast:        fast,
		exp:         &Export{},
		officesFile: filepath.Base(files.Offices),
		registry:    map[string]registered{},
		rejected:    map[string]registered{},
	}
	steps := []readStep{
		{scoring.KindOffices, files.Offices, officeColumns, (*reader).office},
		{scoring.KindDeclarations, files.Declarations, declarationColumns, (*reader).declaration},
		{scoring.KindSurveys, files.Surveys, surveyColumns, func(r *reader, c *rowCtx) { r.survey(c, survey) }},
		{scoring.KindViolations, files.Violations, violationColumns, (*reader).violation},
		{scoring.KindServices, files.Services, serviceColumns, (*reader).service},
	}
	given := func(s readStep) error {
		if s.path == "" && s.kind != scoring.KindServices {
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
		parts[i] = &reader{exp: &Export{}, officesFile: r.officesFile, rejected: r.rejected, fast: fast}
		wg.Add(1)
		go func() {
			defer wg.Done()
			var o *opened
			if s.kind != scoring.KindSurveys || tally == nil {
				o = openAhead(s.path)
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
		return fail(err)
	}
	r.index = newRegistryIndex(r.exp.Offices)
	for _, s := range rest {
		if err := given(s); err != nil {
			return fail(err)
		}
	}
	close(ready)
	wg.Wait()
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
		t, err = openTable(path)
	}
	if err != nil {
		return &FileError{file, err}
	}
	defer t.close()
	c := &rowCtx{kind: kind, file: file, sheet: t.sheet(), cols: cols, dates: t.dateSystem()}
	stat := export.FileStat{Kind: kind, File: file, RowsByProvince: map[string]int64{}, ErrorsByProvince: map[string]int64{}}

	for c.pos == nil {
		rec, _, err := t.next()
		switch {
		case err == io.EOF:
			return &FileError{file, errors.New("empty file: no header row")}
		case err != nil:
			return &FileError{file, fmt.Errorf("header: %w", err)}
		case blankRecord(rec):
			continue
		case len(rec) > maxCells:
			return &FileError{file, fmt.Errorf("the header has %d cells; an export has at most %d columns", len(rec), maxCells)}
		}
		c.pos, stat.Ignored, err = mapHeader(rec, cols)
		if err != nil {
			if hint := headerHint(rec); hint != "" {
				err = fmt.Errorf("%w: %s", err, hint)
			}
			return &FileError{file, err}
		}
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
			c.problem(-1, fmt.Sprintf("malformed CSV: %v (line %d, column %d)", perr.Err, perr.Line, perr.Column), false)
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

func blankRecord(rec []string) bool {
	for _, s := range rec {
		if !blankCell(s) {
			return false
		}
	}
	return true
}

// registered looks up an office code in the registry and returns it, as
// the registry holds it, setting the row's province.
func (r *reader) registered(c *rowCtx, i int) (string, bool) {
	code, ok := c.text(i)
	if !ok {
		return "", false
	}
	if i, ok := findCode(r.index.table, code); ok {
		// The registry's own string: an office's 4 rulings or 400
		// responses share it rather than each holding a copy.
		c.province = r.index.prov[i]
		return r.index.codes[i], true
	}
	reason := fmt.Sprintf("%q is not in the registry", c.raw(i))
	if rej, ok := r.rejected[code]; ok {
		c.province = rej.province
		reason += fmt.Sprintf(" (its row %d in %s is in error)", rej.row, r.officesFile)
	}
	c.fail(i, reason)
	return "", false
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
// a file separated by semicolons or tabs (a European or a "Text" save from
// Excel), or lines ended by a lone CR (an old Mac's), which read as one cell.
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
	case strings.Count(h, ";") >= 2:
		return "the header is one cell holding semicolons: save the file as CSV with commas (or CSV UTF-8)"
	case strings.Count(h, "\t") >= 2:
		return "the header is one cell holding tabs: save the file as CSV, not as tab-separated text"
	}
	return ""
}
