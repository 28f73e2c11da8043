// Package export declares what an export folder holds, once, as data: for
// each kind of file (offices, declarations, surveys, violations,
// services) its columns, and for each column its English name, Persian
// header, further headers, type, range, and for a categorical column its
// closed set of values with their Persian and English labels. It also
// holds what the packages that read exports (ingest) and report on them
// (report) share: the accounting of each file's rows, the problems found
// in them, and the messages those problems are told in, by id, in Persian
// and English.
//
// Everything else derives from the declaration (kinds.go):
//
//   - ingest finds the columns by their headers and checks each cell by
//     its column's type, range and category (required, bounds, closed
//     set, Jalali date), with the messages of Messages;
//   - the templates `rank init` writes list the columns, their rules and
//     drop-down lists;
//   - synth writes the headers and category labels;
//   - scoring takes the closed sets a rules file may price (AreaTypes …);
//   - reports show category values by Label.
//
// The package is data and small helpers: no files, no formats, so that
// scoring may import it.
//
// # Adding an input column
//
// A new column is one entry here plus its use. Say declarations gain the
// office's number of counters, a whole number of at least 1:
//
//  1. Declare it in Declarations (kinds.go):
//     {Name: "counter_count", Persian: "تعداد باجه", Type: Whole, Range: AtLeast(1)}.
//     The reader now requires it in every declarations file, finds it by
//     either header (and by any Aliases), and refuses "0" or "2.5" as
//     `must be a whole number ≥ 1, got "0"`; the templates and synth
//     write it. A closed set of values is a Category, added to
//     Categories; a message a new check needs goes into Messages, in both
//     languages.
//  2. Use it: a field of scoring.Declaration, set in ingest's row
//     function by name, d.CounterCount = c.whole("counter_count"), and
//     whatever indicator of the rules reads it.
//
// Tests hold the declaration whole (every column has a Persian header
// and a rule in both languages, every category value both labels) and
// the reader, templates and synth to it.
package export
