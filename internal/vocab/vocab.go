// Package vocab holds the words rank shows people, keyed by id, in
// Persian and English: labels of sheets, headings and categories, and the
// messages of problems. A report is built in its language from the ids;
// nothing is translated after it is rendered.
package vocab

import "fmt"

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
