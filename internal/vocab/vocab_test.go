package vocab

import (
	"strings"
	"testing"
)

func TestCatalogue(t *testing.T) {
	c := Catalogue{
		"rows":  {FA: "%d ردیف", EN: "%d rows"},
		"only":  {FA: "فقط فارسی"},
		"plain": {FA: "خلاصه", EN: "Summary"},
	}
	for _, tc := range []struct {
		name string
		lang Lang
		id   string
		args []any
		want string
	}{
		{"persian", Persian, "plain", nil, "خلاصه"},
		{"english", English, "plain", nil, "Summary"},
		{"format", English, "rows", []any{3}, "3 rows"},
		{"format fa", Persian, "rows", []any{3}, "3 ردیف"},
		{"fallback to persian", English, "only", nil, "فقط فارسی"},
		{"missing id", English, "nope", nil, "nope"},
		{"missing id with args", English, "nope", []any{1}, "nope: 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := c.In(tc.lang, tc.id, tc.args...); got != tc.want {
				t.Errorf("In(%s, %q) = %q, want %q", tc.lang, tc.id, got, tc.want)
			}
		})
	}
	if _, err := ParseLang("de"); err == nil {
		t.Error("ParseLang(de): no error")
	}
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    Catalogue
		want string // "" for none; else a part of the error
	}{
		{"whole", Catalogue{"a": {FA: "خلاصه", EN: "Summary"}, "b": {FA: "%d استان", EN: "%d provinces"}}, ""},
		{"percent sign is text", Catalogue{"q": {FA: "سهمیه (٪)", EN: "quota (%)"}}, ""},
		{"escaped percent", Catalogue{"q": {FA: "%s (٪)", EN: "%s (%%)"}}, ""},
		{"reordered", Catalogue{"r": {FA: "%[2]s %[1]d", EN: "%d %s"}}, ""},
		{"width and flags", Catalogue{"w": {FA: "%-5d", EN: "%+.2d"}}, ""},
		{"no english", Catalogue{"a": {FA: "خلاصه"}}, "a: no English text"},
		{"no persian", Catalogue{"a": {EN: "Summary"}}, "a: no Persian text"},
		{"empty", Catalogue{"a": {}}, "a: no text"},
		{"argument dropped", Catalogue{"n": {FA: "%d استان", EN: "provinces"}}, `n: Persian takes ["d"], English []`},
		{"argument changed", Catalogue{"n": {FA: "%d استان", EN: "%s provinces"}}, `n: Persian takes ["d"], English ["s"]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.c.Check()
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("Check: %v, want none", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("Check: %v, want %q", err, tc.want)
			}
		})
	}
	// every fault is listed, not only the first
	err := Catalogue{"a": {FA: "x"}, "b": {EN: "y"}}.Check()
	if err == nil || !strings.Contains(err.Error(), "a: no English") || !strings.Contains(err.Error(), "b: no Persian") {
		t.Errorf("Check of two faults: %v", err)
	}
}

func TestCount(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{{0, "0 rows"}, {1, "1 row"}, {2, "2 rows"}, {1000, "1000 rows"}} {
		if got := Count(tc.n, "row"); got != tc.want {
			t.Errorf("Count(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
