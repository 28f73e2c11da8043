//go:build unix

package cmd

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockOut takes the output folder's lock so that two runs never write into
// one folder at once. The kernel drops the lock when the process dies, so a
// killed run leaves nothing stale behind.
func lockOut(out string) (release func(), err error) {
	path := filepath.Join(out, ".rank.lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("reports: cannot lock %s: %w", out, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("another rank run is writing reports to %s; wait for it to finish, or choose another --out", out)
		}
		return nil, fmt.Errorf("reports: cannot lock %s: %w", out, err)
	}
	return func() { f.Close() }, nil
}
