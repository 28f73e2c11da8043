package ingest

import (
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"ascii", "OF-0012", "OF-0012"},
		{"trim", "  rasht \t", "rasht"},
		{"arabic yeh and kaf", "كرمانشاه عليي", "کرمانشاه علیی"},
		{"alef maksura", "موسى", "موسی"},
		{"persian digits", "۱۴۰۴/۰۷/۰۳", "1404/07/03"},
		{"arabic-indic digits", "٠١٢٣٤٥٦٧٨٩", "0123456789"},
		{"nbsp and zwnj at the ends", "\u00a0\u200cرشت\u200c\u00a0", "رشت"},
		{"zwnj inside stays", "صومعه\u200cسرا", "صومعه\u200cسرا"},
		{"marks anywhere", "\u200f۱۲\u200e3\u202b", "123"},
		{"bom", "\ufeffoffice_code", "office_code"},
		{"invalid utf-8 kept", "a\xffb ", "a\xffb"},
		{"persian separators stay", "۱۲٫۵", "12٫5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	same := [][2]string{
		{"Office_Code", "office code"},
		{"OFFICE-CODE", "officecode"},
		{"کد دفتر", "كد\u200cدفتر"},
		{"تایید شده", "تأیید شده"},
		{"تایید شده", "تائیدشده"},
		{"تاریخ رأی", "تاريخ راي"},
		{"دفتر ارتباطات و فناوری اطلاعات (ICT) روستایی", "دفتر ارتباطات و فناوری اطلاعات ict روستایی"},
	}
	for _, p := range same {
		if fold(p[0]) != fold(p[1]) {
			t.Errorf("fold(%q) = %q, fold(%q) = %q; want equal", p[0], fold(p[0]), p[1], fold(p[1]))
		}
	}
	if fold("urban") == fold("rural") {
		t.Error("fold merges distinct values")
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", " ۱۲ ", "كي", "\u200c\u200f", "a\xffb", "\u00a0x\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if Normalize(n) != n {
			t.Errorf("Normalize is not idempotent on %q: %q then %q", s, n, Normalize(n))
		}
		if utf8.ValidString(s) && !utf8.ValidString(n) {
			t.Errorf("Normalize(%q) = %q is not valid UTF-8", s, n)
		}
		for _, r := range n {
			if r == 'ي' || r == 'ك' || r == 'ى' || r >= '۰' && r <= '۹' || r >= '٠' && r <= '٩' || isMark(r) {
				t.Errorf("Normalize(%q) = %q keeps %q", s, n, r)
			}
		}
		if n != "" {
			first, _ := utf8.DecodeRuneInString(n)
			last, _ := utf8.DecodeLastRuneInString(n)
			if isBlank(first) || isBlank(last) {
				t.Errorf("Normalize(%q) = %q is not trimmed", s, n)
			}
		}
		_ = fold(s)
	})
}
