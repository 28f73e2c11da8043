package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize is the text normalisation applied to every cell: Arabic ي, ى and
// ك become Persian ی and ک, Persian (۰–۹) and Arabic-Indic (٠–٩) digits
// become ASCII, directional marks (LRM, RLM and the like) are dropped
// wherever they are, and blanks — including NBSP and zero-width joiners —
// are trimmed from both ends. Invalid UTF-8 passes through unchanged.
func Normalize(s string) string {
	if plain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteByte(s[i])
			i++
			continue
		}
		i += n
		switch {
		case r == 'ي' || r == 'ى':
			b.WriteRune('ی')
		case r == 'ك':
			b.WriteRune('ک')
		case r >= '۰' && r <= '۹':
			b.WriteByte(byte('0' + r - '۰'))
		case r >= '٠' && r <= '٩':
			b.WriteByte(byte('0' + r - '٠'))
		case isMark(r):
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimFunc(b.String(), isBlank)
}

// plain reports whether s is printable ASCII that does not start or end
// with a blank, the common case that Normalize leaves alone.
func plain(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// isMark reports the invisible directional formatting characters that
// right-to-left editors leave in cells.
func isMark(r rune) bool {
	switch {
	case r == '\u200e', r == '\u200f', r == '\u061c', r == '\ufeff':
		return true
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}

// isBlank reports the characters trimmed from the ends of a cell.
func isBlank(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060'
}

// blankCell reports whether a cell holds nothing but blanks and marks.
func blankCell(s string) bool {
	for _, r := range s {
		if !isBlank(r) && !isMark(r) {
			return false
		}
	}
	return true
}

// fold is the lenient key headers and categorical values are matched by:
// normalised, lower case, letters and digits only (so blanks, '_', '-',
// ZWNJ and parentheses do not matter), hamza forms reduced to their bare
// letter (تأیید = تایید, تائید = تایید) and diacritics dropped.
func fold(s string) string {
	s = Normalize(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case 'أ', 'إ', 'ٱ':
			r = 'ا'
		case 'ؤ':
			r = 'و'
		case 'ئ':
			r = 'ی'
		case 'ة', 'ۀ':
			r = 'ه'
		case 'ـ': // tatweel, the stretching stroke
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
