package cmd

import (
	"encoding/json"
	"fmt"
	"os"
	"os/user"
	"strings"
	"time"
)

// lockHolder is who holds a reports folder's lock, written into the lock
// file for the run that finds it taken.
type lockHolder struct {
	PID   int    `json:"pid"`
	User  string `json:"user,omitempty"`
	Host  string `json:"host,omitempty"`
	Since string `json:"since,omitempty"` // RFC 3339
}

func currentHolder(now time.Time) lockHolder {
	return lockHolder{PID: os.Getpid(), User: userName(), Host: hostName(), Since: now.Format(time.RFC3339)}
}

func (h lockHolder) json() []byte {
	b, _ := json.Marshal(h)
	return append(b, '\n')
}

// parseHolder reads a lock file; a file still empty (its holder has the
// lock but has not yet written itself in) gives the zero holder.
func parseHolder(b []byte) lockHolder {
	var h lockHolder
	json.Unmarshal(b, &h)
	return h
}

func (h lockHolder) String() string {
	if h.PID == 0 {
		return "it started a moment ago"
	}
	s := fmt.Sprintf("process %d", h.PID)
	if h.User != "" {
		s += " of " + h.User
	}
	if h.Host != "" {
		s += " on " + h.Host
	}
	if h.Since != "" {
		s += ", since " + h.Since
	}
	return s
}

// lockedError is a reports folder another run is writing.
type lockedError struct {
	out    string // the folder, as given
	path   string // the lock file
	holder lockHolder
	stale  bool // the lock cannot tell a live holder from a dead one
}

func (e lockedError) Error() string {
	s := fmt.Sprintf("another rank run is writing %s (%s)", e.out, e.holder)
	if e.stale {
		return s + fmt.Sprintf("; wait for it to finish, or choose another --out; if that run is no longer running, delete %s", e.path)
	}
	return s + "; wait for it to finish, or choose another --out"
}

func userName() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	for _, k := range []string{"USER", "LOGNAME", "USERNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return ""
}

func hostName() string {
	h, _ := os.Hostname()
	return strings.TrimSpace(h)
}
