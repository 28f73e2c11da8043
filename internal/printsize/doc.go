// Package printsize measures how workbooks print: each sheet alone is
// printed to PDF by LibreOffice, and pdftotext (poppler-utils) gives the
// box of every word on every page; the height of a word's box, over the
// height a word of known type size has when printed at full size, is the
// size of its type on paper. Tests and tools/printsize use it; it needs
// soffice and pdftotext on PATH.
package printsize
