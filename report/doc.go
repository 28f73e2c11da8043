// Package report draws an evaluation for its readers: a right-to-left
// Persian workbook per province and one for the country, ranking.csv for
// other programs, a JSON summary for scripts and an aligned text table for
// the terminal. It computes nothing the engine has not: every figure comes
// from scoring.Result, the rules and ingest's accounting of the inputs.
package report
