// Package synth writes synthetic export folders for rank: the registry of
// offices, declarations, surveys, violation rulings and services, laid out
// as the regulator's system exports them (docs/domain.md §2), together with a
// Plan of what each office was designed to score under the default method.
//
// The folders are deterministic: the same Config, seed included, gives
// byte-identical files. They serve as the shipped sample (testdata/gilan),
// as end-to-end test inputs whose outcome the Plan predicts, and as the
// national-scale inputs of the benchmarks. A small copy of the default
// method (oracle.go) places every participant's total well inside its
// designed grade band, so the engine's result can be checked against the
// Plan office by office.
package synth
