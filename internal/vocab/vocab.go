// Package vocab holds the words rank shows people, keyed by id, in
// Persian and English: labels of sheets, headings and categories, and the
// messages of problems. A report is built in its language from the ids;
// nothing is translated after it is rendered.
package vocab

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Lang is the language of a report or a message.
type Lang string

// The languages rank writes.
const (
	Persian Lang = "fa"
	English Lang = "en"
)

// ParseLang reads a --lang value.
func ParseLang(s string) (Lang, error) {
	switch Lang(s) {
	case Persian, English:
		return Lang(s), nil
	}
	return "", fmt.Errorf("--lang %q: want fa or en", s)
}

// Text is one text in both languages.
type Text struct{ FA, EN string }

// In is the text in l; a text missing in English falls back to Persian
// and the other way round.
func (t Text) In(l Lang) string {
	if l == English && t.EN != "" || t.FA == "" {
		return t.EN
	}
	return t.FA
}

// Catalogue maps ids to texts. A text may be a format of fmt.Sprintf.
type Catalogue map[string]Text

// In is the text of id in l, formatted with args; an id the catalogue
// lacks is shown as it is, so a missing entry is visible rather than blank.
func (c Catalogue) In(l Lang, id string, args ...any) string {
	t, ok := c[id]
	if !ok {
		if len(args) > 0 {
			return fmt.Sprint(append([]any{id, ": "}, args...)...)
		}
		return id
	}
	if len(args) == 0 {
		return t.In(l)
	}
	return fmt.Sprintf(t.In(l), args...)
}

// Check lists the faults of a catalogue, one error per id: a text missing
// in either language, or a format whose two languages take different
// arguments (a Persian "%d استان" against an English "provinces" would
// drop the number). Tests hold every catalogue to it.
func (c Catalogue) Check() error {
	var errs []error
	for _, id := range slices.Sorted(maps.Keys(c)) {
		t := c[id]
		switch {
		case t.FA == "" && t.EN == "":
			errs = append(errs, fmt.Errorf("%s: no text", id))
		case t.FA == "":
			errs = append(errs, fmt.Errorf("%s: no Persian text", id))
		case t.EN == "":
			errs = append(errs, fmt.Errorf("%s: no English text", id))
		default:
			if fa, en := verbs(t.FA), verbs(t.EN); !slices.Equal(fa, en) {
				errs = append(errs, fmt.Errorf("%s: Persian takes %q, English %q", id, fa, en))
			}
		}
	}
	return errors.Join(errs...)
}

// verbs are the arguments a format takes, as their verbs, sorted: the two
// languages may put them in another order ("%[2]s … %[1]d"). A percent
// sign not followed by a verb ("quota (%)") is text.
func verbs(format string) []string {
	var out []string
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.*[]", format[j]) >= 0 {
			j++
		}
		if j == len(format) {
			break
		}
		switch c := format[j]; {
		case c == '%' && j == i+1:
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			out = append(out, string(c))
		}
		i = j
	}
	slices.Sort(out)
	return out
}

// Count is n with an English noun, singular for one: "1 row", "4 rows",
// "1 office". Nouns here take an s.
func Count(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
