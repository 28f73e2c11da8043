// Package method holds rank's methods of evaluation behind one interface,
// Method, so that the command line never asks which one it holds. A rules
// file's `method:` key names its kind: the office method (no key, or
// `offices`) and the composite index (`index`) are the two built in; a
// kind registers itself with Register from its own file's init.
//
// A method checks its rules, reads an export folder, evaluates it, and
// gives a Run: the reports, the printed summary, an explanation of one
// entity and the validation of the inputs. It wires ingest, scoring and
// report together; cmd only wires flags and streams to it.
package method
