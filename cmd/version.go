package cmd

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Version describes the build: the module's version, the commit and its
// time when built from a checkout, and the Go release.
func Version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "rank (no build information)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	s := "rank " + v
	settings := map[string]string{}
	for _, kv := range info.Settings {
		settings[kv.Key] = kv.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		s += "\ncommit " + rev
		if settings["vcs.modified"] == "true" {
			s += " (with uncommitted changes)"
		}
		if t := settings["vcs.time"]; t != "" {
			s += ", " + t
		}
	}
	return s + "\n" + info.GoVersion + " " + settings["GOOS"] + "/" + settings["GOARCH"]
}

// NewCmdVersion builds `rank version`.
func NewCmdVersion(ios *IO) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and Go release rank was built with",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintln(ios.Out, Version())
			return err
		},
	}
}
