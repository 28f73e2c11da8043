package vocab

import "testing"

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
