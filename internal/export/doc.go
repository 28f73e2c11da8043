// Package export declares what an export folder holds, for the packages
// that read it (ingest) and those that report on it (report): the
// accounting of each file's rows and the problems found in them.
package export
