// Package scoring is the pure evaluation engine of rank: it takes the typed
// rows of an export (offices, declarations, survey tallies, violations,
// services) and a rules model, and returns every office's points, penalties,
// total, grade, rank and service quota, with the per-province counts.
//
// It reads no files and knows no file formats: ingest produces its rows,
// report draws its results.
package scoring
