package report

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// archivePart is one part of a workbook's archive.
func archivePart(t *testing.T, path, name string) []byte {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == name {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			data, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return data
		}
	}
	t.Fatalf("%s: no part %s", path, name)
	return nil
}

// Every font of a workbook, a template's too, names the book's font and
// its size (LibreOffice draws a font without them in its serif fallback),
// and the core properties are written as the standard shows them.
func TestFontsAndCoreProperties(t *testing.T) {
	dir := t.TempDir()
	names, err := Workbooks(dir, testRun(t))
	if err != nil {
		t.Fatal(err)
	}
	books := []string{}
	for _, n := range names {
		books = append(books, filepath.Join(dir, n))
	}
	tmpl := t.TempDir()
	if _, err := Templates(tmpl, []byte("x: 1\n"), false); err != nil {
		t.Fatal(err)
	}
	books = append(books, filepath.Join(tmpl, "offices.xlsx"))
	for _, book := range books {
		var styles struct {
			Fonts []struct {
				Name *struct {
					Val string `xml:"val,attr"`
				} `xml:"name"`
				Size *struct {
					Val float64 `xml:"val,attr"`
				} `xml:"sz"`
			} `xml:"fonts>font"`
		}
		if err := xml.Unmarshal(archivePart(t, book, "xl/styles.xml"), &styles); err != nil {
			t.Fatal(err)
		}
		if len(styles.Fonts) < 2 {
			t.Errorf("%s: %d fonts: the bold one is missing", book, len(styles.Fonts))
		}
		for i, f := range styles.Fonts {
			// Titles and section headings are larger; nothing is smaller
			// than the book's type, or nameless.
			if f.Name == nil || f.Name.Val != bookFont || f.Size == nil || f.Size.Val < bookFontSize {
				t.Errorf("%s: font %d has name %v and size %v, want %s at %d or more", book, i, f.Name, f.Size, bookFont, bookFontSize)
			}
		}
		core := string(archivePart(t, book, "docProps/core.xml"))
		for _, want := range []string{
			`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"`,
			`<cp:lastModifiedBy>rank</cp:lastModifiedBy>`, `<dc:creator>rank</dc:creator>`, `<dc:language>fa-IR</dc:language>`,
			`<dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified>`,
		} {
			if !strings.Contains(core, want) {
				t.Errorf("%s: core.xml lacks %s:\n%s", book, want, core)
			}
		}
		if strings.Contains(core, "<lastModifiedBy>") {
			t.Errorf("%s: lastModifiedBy in the default namespace:\n%s", book, core)
		}
	}
}
