// Package cmd wires rank's command line: flags, options, output streams and
// exit codes. The work is done by ingest, scoring and report.
package cmd
