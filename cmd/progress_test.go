package cmd

import (
	"bytes"
	"testing"
	"time"
)

// TestStampWriter: every line starts with the time, once, however it is
// written.
func TestStampWriter(t *testing.T) {
	at := time.Date(2025, 10, 4, 2, 30, 5, 0, time.FixedZone("IRST", 3*3600+1800))
	for _, c := range []struct {
		name   string
		writes []string
		want   string
	}{
		{"a line", []string{"rank: done\n"}, "2025-10-04T02:30:05+03:30 rank: done\n"},
		{"lines at once", []string{"a\nb\n"}, "2025-10-04T02:30:05+03:30 a\n2025-10-04T02:30:05+03:30 b\n"},
		{"a line in pieces", []string{"rank: ", "reading", " surveys.csv\n"}, "2025-10-04T02:30:05+03:30 rank: reading surveys.csv\n"},
		{"a line left open", []string{"a\nb"}, "2025-10-04T02:30:05+03:30 a\n2025-10-04T02:30:05+03:30 b"},
		{"blank lines", []string{"\n\n"}, "2025-10-04T02:30:05+03:30 \n2025-10-04T02:30:05+03:30 \n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			w := newStampWriter(&b, func() time.Time { return at })
			for _, s := range c.writes {
				if n, err := w.Write([]byte(s)); n != len(s) || err != nil {
					t.Fatalf("wrote %d of %d: %v", n, len(s), err)
				}
			}
			if b.String() != c.want {
				t.Errorf("got %q\nwant %q", b.String(), c.want)
			}
		})
	}
}
