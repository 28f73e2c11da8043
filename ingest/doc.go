// Package ingest reads the regulator's exports — CSV or XLSX, English or
// Persian headers, UTF-8 or Windows-1256 — into the typed rows of package
// scoring. It owns everything about the files: finding them in a folder,
// encodings, header aliases, text normalisation, Jalali dates, and the
// per-row checks of the export format, which the schema of
// internal/export declares (columns, headers, types, ranges, categories)
// and the row functions of kinds.go apply, asking for each column by name.
// A row that breaks a rule becomes a Problem and is left out; only an
// unreadable file or a missing column stops a run.
package ingest
