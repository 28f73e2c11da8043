// Package cmd wires rank's command line: flags, options, output streams and
// exit codes. The work is done by the rules' method (package method),
// which never needs cmd to know which one it is.
package cmd
