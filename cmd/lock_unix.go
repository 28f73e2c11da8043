//go:build unix

package cmd

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// lockFolder takes the lock at path, a file beside the reports folder, so
// that two runs never write one folder at once. The kernel drops a flock
// when its holder dies, so the file a killed run leaves behind locks
// nobody out: the next run takes it over and removes it when it is done.
// The file is made with the umask's mode, and one a colleague left that
// this user may not write is removed and made anew, so a group-writable
// folder stays shared.
func lockFolder(path string, me lockHolder) (release func(), err error) {
	for range 8 {
		f, writable, err := openLock(path)
		if err != nil {
			return nil, err
		}
		if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
			defer f.Close()
			if errors.Is(err, unix.EWOULDBLOCK) {
				b, _ := io.ReadAll(io.LimitReader(f, 4096))
				return nil, lockedError{path: path, holder: parseHolder(b)}
			}
			return nil, err
		}
		// The holder before us removes the file as it lets go; a lock on a
		// file no longer at path locks nothing: start again.
		held, err1 := f.Stat()
		now, err2 := os.Stat(path)
		if err1 != nil || err2 != nil || !os.SameFile(held, now) {
			f.Close()
			continue
		}
		if !writable {
			// Left by a run that died, of someone whose file this user may
			// not write; nobody holds it, so it can go.
			if os.Remove(path) == nil {
				f.Close()
				continue
			}
			return func() { f.Close() }, nil
		}
		if err := f.Truncate(0); err == nil {
			f.WriteAt(me.json(), 0)
		}
		return func() {
			os.Remove(path) // while still held: see above
			f.Close()
		}, nil
	}
	return nil, fmt.Errorf("%s: the lock file keeps changing; is another program removing it?", path)
}

func openLock(path string) (f *os.File, writable bool, err error) {
	f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o666)
	if err == nil {
		return f, true, nil
	}
	if errors.Is(err, fs.ErrPermission) {
		if f, err2 := os.Open(path); err2 == nil {
			return f, false, nil
		}
	}
	return nil, false, err
}

// sameDevice tells whether two files are on one file system: a folder and
// its parent are not when the folder is a mount point.
func sameDevice(a, b fs.FileInfo) bool {
	sa, ok1 := a.Sys().(*syscall.Stat_t)
	sb, ok2 := b.Sys().(*syscall.Stat_t)
	if !ok1 || !ok2 {
		return true
	}
	return sa.Dev == sb.Dev
}

// keepGroup gives dir the group of the folder st describes, where this
// user may (a member of it).
func keepGroup(dir string, st fs.FileInfo) {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		if mine, err := os.Stat(dir); err == nil {
			if m, ok := mine.Sys().(*syscall.Stat_t); ok && m.Gid != s.Gid {
				os.Chown(dir, -1, int(s.Gid))
			}
		}
	}
}

// errReadOnly is the error of writing to a read-only file system.
var errReadOnly error = unix.EROFS

// canEmpty tells whether this user may remove the entries of folder dir.
func canEmpty(dir string) bool { return unix.Access(dir, unix.W_OK|unix.X_OK) == nil }
