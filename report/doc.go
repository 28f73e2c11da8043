// Package report draws an evaluation for its readers: a right-to-left
// Persian workbook per province and one for the country (or, with Lang
// "en", English ones, left to right), ranking.csv for other programs, a
// JSON summary for scripts and an aligned text table for the terminal. It
// computes nothing the engine has not: every figure comes from
// scoring.Result, the rules and ingest's accounting of the inputs.
//
// Every label a workbook shows comes, in the book's language, from the
// catalogues in labels.go, keyed by id, and the exports' category values
// from categoryLabel (categories.go) — as each table is built; the
// exports' own text and the rules file's labels are shown as written.
package report
