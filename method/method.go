package method

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/iranict/rank/ingest"
	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/report"
	"github.com/iranict/rank/scoring"
)

// Method is a method of evaluation set out by a checked rules file.
type Method interface {
	// Summary says what the rules hold in a few words, for rank rules
	// check: "6 indicators, 3 grades, 4 violation types priced".
	Summary() string
	// Describe writes the method in plain words and a table, for rank
	// rules show.
	Describe(w io.Writer) error
	// Evaluate reads the export folder the input names and evaluates it.
	// A method that needs a period and is given none returns an error
	// wrapping ErrNoPeriod.
	Evaluate(in Input) (Run, error)
}

// Run is one evaluation of an export folder: everything its reports, its
// explanations and its validation are made from.
type Run interface {
	// InError counts the rows in error: left out and listed.
	InError() int64
	// Unusable is the error of a run of which a required file has rows
	// and not one that can be used, naming the file and the commonest
	// reason: nothing should be written or explained from it. nil
	// otherwise.
	Unusable() error
	// Problems are the rows in error and the warnings, as the reports
	// show them.
	Problems() []export.Problem
	// Write writes the reports into dir — with csv, ranking.csv too — and
	// returns the names of the files written.
	Write(dir string, csv bool) ([]string, error)
	// Print writes the run for a terminal (format "text") or for scripts
	// ("json", naming the reports written).
	Print(w io.Writer, format string, written []string) error
	// Explain writes how one entity — an office, an agency — got its
	// points or scores, its total, its grade or band and its rank: for a
	// reader in lang ("en" or "fa") with format "text", or for scripts
	// with format "json".
	Explain(w io.Writer, key, lang, format string) error
	// Validation accounts for every input row and groups the problems.
	Validation() report.Validation
	// Rules are the rules file the run was evaluated by: the name reports
	// record and the file as read.
	Rules() (name string, text []byte)
}

// Source is a file a method reads: its kind (offices, indicators …) and
// its path.
type Source struct{ Kind, Path string }

// Input is what a method reads and how it tells of its reading.
type Input struct {
	Dir    string
	Files  ingest.Files    // export files kept outside Dir
	Period *scoring.Period // nil when none was given
	Lang   string          // of the reports' labels: "fa" or "en"
	Sheets ingest.Sheets   // the sheet to read of a kind's workbook (--sheet); by default the first visible

	// ShowNationalIDs shows license holders' national codes whole; the
	// reports mask them by default.
	ShowNationalIDs bool

	// Note, when set, is told what the analyst should know but is not an
	// error: columns of a file that were ignored.
	Note func(msg string)
	// Progress, when set, starts the progress display once a method has
	// found the files it will read.
	Progress func(files ingest.Files) Progress
	// Found, when set, is told of the files a method reads as soon as it
	// knows them, so that they can be hashed while they are read.
	Found func(sources []Source)
}

// Progress follows a run: each file as it is read, then the steps after.
type Progress interface {
	ingest.Progress
	Step(format string, a ...any)
}

// ErrNoPeriod is the error of a method given no period when it needs one.
var ErrNoPeriod = errors.New("--period is required")

func (in Input) note(format string, a ...any) {
	if in.Note != nil {
		in.Note(fmt.Sprintf(format, a...))
	}
}

func (in Input) found(sources []Source) {
	if in.Found != nil {
		in.Found(sources)
	}
}

func (in Input) progress(files ingest.Files) Progress {
	if in.Progress == nil {
		return quiet{}
	}
	return in.Progress(files)
}

type quiet struct{}

func (quiet) Reading(string, string, int64) {}
func (quiet) Read(export.FileStat)          {}
func (quiet) Step(string, ...any)           {}

// New makes a method of one kind from a rules file: the file as read and
// the name reports record. A mistake in the rules is a *scoring.RulesError.
type New func(rules []byte, name string) (Method, error)

var kinds = map[string]New{}

// Register makes a kind of method known by the name a rules file's
// `method:` key gives; "" is the kind of a file without the key.
// Registering a name twice is a mistake in the program, and panics.
func Register(kind string, new New) {
	if _, dup := kinds[kind]; dup {
		panic("method: kind " + kind + " registered twice")
	}
	kinds[kind] = new
}

// Parse reads and checks a rules file and makes its method, of the kind
// its `method:` key names. name is what the reports record of the file.
func Parse(rules []byte, name string) (Method, error) {
	// A file that is not YAML has no kind: the default kind's strict
	// reading says what is wrong with it.
	var head struct{ Method yaml.Node }
	_ = yaml.Unmarshal(rules, &head)
	at := head.Method
	new, ok := kinds[at.Value]
	if !ok {
		known := slices.DeleteFunc(slices.Sorted(maps.Keys(kinds)), func(k string) bool { return k == "" })
		return nil, &scoring.RulesError{Problems: []scoring.RulesProblem{{Line: at.Line, Col: at.Column,
			Msg: fmt.Sprintf("method: unknown method %q (%s)", at.Value, strings.Join(known, ", "))}}}
	}
	return new(rules, name)
}
