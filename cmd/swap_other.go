//go:build !linux && !darwin

package cmd

// exchange: this system has no call that swaps two folders in one step;
// replace falls back to two renames (see moveAside).
func exchange(a, b string) error { return errNoExchange }

// renameNew renames a to b, which must not exist.
func renameNew(a, b string) error { return renameAbsent(a, b) }
