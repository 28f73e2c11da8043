package ingest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/iranict/rank/scoring"
	"github.com/iranict/rank/synth"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// The fast survey reader (ReadInto) must give exactly what the simple
// path (Read, one row at a time through encoding/csv) gives: the same
// counts, the same problems with the same file, row, column and reason,
// and the same accounting. These tests read quirky files both ways, with
// chunks small enough that records and repeats cross chunk boundaries.

var fastPeriod = scoring.Period{Year: 1404, Half: 1}

// readBoth reads dir both ways with each chunk size and fails on any
// difference. It returns the simple path's export.
func readBoth(t *testing.T, dir string, wantFast bool) *Export {
	t.Helper()
	files, err := Find(dir, Files{})
	if err != nil {
		t.Fatal(err)
	}
	simple := readSimple(files)
	// Chunks of every size, and ids that share 1 or 5 fingerprints: the
	// repeats found by their hashes alone must be the same.
	for _, o := range []surveyOptions{{}, {chunkSize: 1}, {chunkSize: 13}, {chunkSize: 64}, {chunkSize: 301},
		{chunkSize: 13, fingerprints: 1}, {chunkSize: 64, fingerprints: 5}, {fingerprints: 5}} {
		if took := sameAsSimple(t, files, o, simple); took != wantFast {
			t.Fatalf("chunks of %d bytes: the fast reader took the file: %v, want %v", o.chunkSize, took, wantFast)
		}
	}
	return simple.exp
}

// simpleRead is what the simple path makes of an export.
type simpleRead struct {
	exp   *Export
	err   error
	tally map[string]scoring.SurveyCount
}

func readSimple(files Files) simpleRead {
	tally := scoring.NewSurveyTally(fastPeriod)
	exp, err := Read(files, tally.Add)
	return simpleRead{exp, err, tallyMap(tally)}
}

// sameAsSimple reads files with the fast reader set by o and fails unless
// it gave what the simple path gave: the same error, or the same export
// (problems with their file, row, column and reason, the accounting) and
// tally. It reports whether the fast reader took the surveys file.
func sameAsSimple(t testing.TB, files Files, o surveyOptions, want simpleRead) (took bool) {
	t.Helper()
	o.took = func() { took = true }
	how := fmt.Sprintf("chunks of %d bytes, %d fingerprints", o.chunkSize, o.fingerprints)
	fast := scoring.NewSurveyTally(fastPeriod)
	got, err := read(files, fast.Add, fast, nil, Options{fast: o})
	if fmt.Sprint(err) != fmt.Sprint(want.err) {
		t.Fatalf("%s: error %v, simple path %v", how, err, want.err)
	}
	if err != nil {
		return took
	}
	if g, w := problemStrings(got.Problems), problemStrings(want.exp.Problems); !reflect.DeepEqual(g, w) {
		t.Fatalf("%s: problems\n%s\nsimple path\n%s", how, strings.Join(g, "\n"), strings.Join(w, "\n"))
	}
	if !reflect.DeepEqual(got, want.exp) {
		t.Fatalf("%s: export\n%+v\nsimple path\n%+v", how, got.Stats, want.exp.Stats)
	}
	if g := tallyMap(fast); !reflect.DeepEqual(g, want.tally) {
		t.Fatalf("%s: tally\n%v\nsimple path\n%v", how, g, want.tally)
	}
	return took
}

func tallyMap(t *scoring.SurveyTally) map[string]scoring.SurveyCount {
	m := map[string]scoring.SurveyCount{}
	t.Each(func(code string, c scoring.SurveyCount) { m[code] = c })
	return m
}

// An office whose registry row is in error, so that survey rows naming it
// get the "its row N is in error" reason.
const fastOffices = `office_code,name,province,city,area_type,office_type,holder_national_id,license_date
G-001,دفتر پیشخوان رشت,Gilan,رشت,urban,pishkhan,0013542419,1395/04/01
G-002,دفتر ICT روستایی,گیلان,فومن,rural,rural_ict,1234567891,1398/1/5
T-001,دفتر خدمات بخش عمومی,tehran,تهران,urban,public_nongov,0499370899,1400-12-29
ك-9,دفتر,tehran,تهران,urban,public_nongov,0499370899,1400-12-29
X-1,بد,tehran,تهران,nowhere,pishkhan,0499370899,1400-12-29
`

func TestFastSurveysQuirks(t *testing.T) {
	const header = "response_id,office_code,response_date,score\n"
	cases := []struct {
		name, surveys string
		fast          bool
	}{
		{"plain", header + "1,G-001,1404/02/01,5\n2,G-001,1404/02/02,4\n3,T-001,1403/12/29,3\n", true},
		{"no newline at the end", header + "1,G-001,1404/02/01,5\n2,G-001,1404/02/02,4", true},
		{"carriage return at the end", header + "1,G-001,1404/02/01,5\r", true},
		{"CRLF", strings.ReplaceAll(header+"1,G-001,1404/02/01,5\n2,G-002,1404/2/2,4\n\n3,T-001,1404-06-31,1\n", "\n", "\r\n"), true},
		{"lone carriage returns", header + "1,G-001,1404/02/01,5\r\r\n2,G-001\r,1404/02/02,4\n\r\n3,G-001,1404/02/02,4\r", true},
		{"BOM", "\xef\xbb\xbf" + header + "1,G-001,1404/02/01,5\n2,ک-9,1404/02/01,5\n", true},
		{"BOM and Persian header", "\xef\xbb\xbfشناسه پاسخ,کد دفتر,تاریخ پاسخ,امتیاز\n۱,G-001,۱۴۰۴/۰۲/۰۱,۵\n", true},
		{"blank lines and blank rows", "\n\n" + header + "\n1,G-001,1404/02/01,5\n   \n,,,\n , ,\u00a0,\n\n2,G-001,1404/02/01,5\n", true},
		{"columns reordered, extra column", "score,note,office_code,response_id,response_date\n5,x,G-001,1,1404/02/01\n4,\"a, b\",G-002,2,1404/02/02\n3\n", true},
		{"rows in error", header + strings.Join([]string{
			"1,G-001,1404/02/01,6", "2,G-009,1404/02/01,5", "3,X-1,1404/02/01,5", ",G-001,1404/02/01,5",
			"5,,1404/02/01,5", "6,G-001,,5", "7,G-001,1404/13/01,5", "8,G-001,1404/12/30,5", "9,G-001,1404/02/01,",
			"10,G-001,1404/02/01,2.5", "11,G-001,1404/02/01,3.0", "12,G-001,1404/02/01", "13", "14,G-001,1404/02/01,5,extra",
			"15, G-001 ,1404/02/01, 4", "016,G-001,1404/02/01,5", "99999999999999999999,G-001,1404/02/01,5",
			"17,G-001,1104/02/01,5", "18,G-001,14040201,5", "19,G-001,1404/2/1/1,5", "20,G-001,1404-02/01,1",
		}, "\n") + "\n", true},
		{"duplicates", header + strings.Join([]string{
			"1,G-001,1404/02/01,5", "1,G-001,1404/02/01,5", "2,G-001,1404/02/01,9", "2,G-002,1404/02/01,4",
			"2,G-002,1404/02/01,4", "3,G-001,1401/02/01,5", "3,G-001,1404/02/01,5", "R-1,G-001,1404/02/01,5",
			"R-1,G-001,1404/02/01,5", "R-1,G-009,1404/02/01,5", "007,G-001,1404/02/01,5", "7,G-001,1404/02/01,5",
			"007,G-001,1404/02/01,5", "۷,G-001,1404/02/01,5", "1,G-009,1404/02/01,5", "4,G-009,1404/02/01,5", "4,G-001,1404/02/01,5",
			"4,G-001,1404/02/01,5", "1,G-001,1404/02/01,5",
		}, "\n") + "\n", true},
		{"Persian digits and Arabic letters", header + "۱,G-001,۱۴۰۴/۰۲/۰۱,۵\n٢,G-002,١٤٠٤/٠٢/٠١,٤\n3,\u200fG-001\u200f,1404/02/01,3\n4,ك-9,1404/02/01,5\n5,ک-9,1404/02/01,5\n", true},
		{"quoted fields", header + "1,\"G-001\",1404/02/01,5\n\"2\",G-001,\"1404/02/01\",\"4\"\n\"3\",\"G-\n001\",1404/02/01,4\n4,G-001,1404/02/01,\"5\"\"\"\n5,G-001,1404/02/01,5\n", true},
		{"malformed quotes", header + "1,G-001,1404/02/01,5\n2,G\"-001,1404/02/01,5\n\"3\"x,G-001,1404/02/01,5\n4,G-001,1404/02/01,5\n\"5,G-001,1404/02/01,5\n6,G-001,1404/02/01,5\n", true},
		{"header only", header, true},
		{"no header", "\n\n", false},
		{"missing column", "response_id,office_code,score\n1,G-001,5\n", false},
		{"workbook named CSV", "PK\x03\x04rest", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeExport(t, map[string]string{"offices.csv": fastOffices, "surveys.csv": tc.surveys})
			readBoth(t, dir, tc.fast)
		})
	}
}

func TestFastSurveysWindows1256(t *testing.T) {
	enc := charmap.Windows1256.NewEncoder()
	body := "شناسه پاسخ,کد دفتر,تاریخ پاسخ,امتیاز\r\n1,G-001,1404/02/01,5\r\n2,ک-9,1404/02/01,5\r\n3,\"ک-9\",1404/02/01,4\r\n4,G-002,1404/02/40,4\r\n"
	// Windows-1256 has no Persian ی: exports write the Arabic ي.
	body = strings.ReplaceAll(body, "ی", "ي")
	b, err := enc.String(body)
	if err != nil {
		t.Fatal(err)
	}
	// The encoding is decided only at the first non-ASCII byte, here far
	// down the file, past several chunks.
	late := "response_id,office_code,response_date,score\n" + strings.Repeat("1,G-001,1404/02/01,5\n", 3) + "9,ک-9,1404/02/01,5\n"
	lb, _ := enc.String(late)
	for name, s := range map[string]string{"header": b, "late": lb} {
		t.Run(name, func(t *testing.T) {
			dir := writeExport(t, map[string]string{"offices.csv": fastOffices, "surveys.csv": s})
			exp := readBoth(t, dir, true)
			if len(exp.Problems) == 0 {
				t.Fatal("want the repeats and the bad date as problems")
			}
		})
	}
}

// TestFastSurveysRandom reads random files of quirky rows both ways.
func TestFastSurveysRandom(t *testing.T) {
	ids := []string{"1", "2", "3", "17", "65536", "65537", "131072", "007", "0", "R-1", "R-2", "۱۷", " 2", "", "18446744073709551615", "9999999999999999999"}
	codes := []string{"G-001", "G-002", "T-001", "ك-9", "ک-9", "X-1", "G-009", "", " G-001", "g-001"}
	dates := []string{"1404/02/01", "1404/6/31", "1404-01-01", "1403/12/30", "1403/12/29", "1404/07/01", "۱۴۰۴/۰۲/۰۱", "1404/02/32", "", "14040201", "1404/02/01 "}
	scores := []string{"1", "2", "3", "4", "5", "0", "6", "3.0", "۵", "", " 4", "x"}
	win := charmap.Windows1256.NewEncoder()
	win = encoding.ReplaceUnsupported(win)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 150 {
		var b strings.Builder
		if rng.IntN(5) == 0 {
			b.WriteString("\xef\xbb\xbf")
		}
		nl := "\n"
		if rng.IntN(3) == 0 {
			nl = "\r\n"
		}
		b.WriteString("response_id,office_code,response_date,score" + nl)
		for range rng.IntN(60) {
			cells := []string{pick(rng, ids), pick(rng, codes), pick(rng, dates), pick(rng, scores)}
			if rng.IntN(12) == 0 {
				cells = append(cells, "extra")
			}
			if rng.IntN(15) == 0 {
				cells = cells[:rng.IntN(4)]
			}
			for j, c := range cells {
				switch rng.IntN(30) {
				case 0:
					c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
				case 1:
					c = `"` + c + nl + `"`
				case 2:
					c += `"`
				case 3:
					c = `"` + c + `"x`
				}
				if j > 0 {
					b.WriteByte(',')
				}
				b.WriteString(c)
			}
			switch rng.IntN(25) {
			case 0:
				b.WriteString(nl + nl)
			case 1:
				b.WriteString("\r" + nl)
			default:
				b.WriteString(nl)
			}
		}
		s := b.String()
		if rng.IntN(2) == 0 {
			s = strings.TrimSuffix(s, nl)
		}
		if rng.IntN(4) == 0 && !strings.HasPrefix(s, "\xef\xbb\xbf") {
			s, _ = win.String(s)
		}
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			dir := writeExport(t, map[string]string{"offices.csv": fastOffices, "surveys.csv": s})
			readBoth(t, dir, true)
		})
	}
}

func pick(rng *rand.Rand, from []string) string { return from[rng.IntN(len(from))] }

// TestFastSurveysSynth reads a generated export with its quirks planted
// and the surveys written in Windows-1256 with CRLF and Persian digits.
func TestFastSurveysSynth(t *testing.T) {
	cfg := synth.Gilan()
	cfg.Period = fastPeriod
	cfg.TotalSurveys = 20000
	cfg.Format.Windows1256 |= synth.Surveys
	cfg.Format.CRLF |= synth.Surveys
	dir := t.TempDir()
	if _, err := synth.Generate(dir, cfg); err != nil {
		t.Fatal(err)
	}
	exp := readBoth(t, dir, true)
	var surveyRows int64
	for _, s := range exp.Stats {
		if s.Kind == scoring.KindSurveys {
			surveyRows = s.Rows
		}
	}
	if surveyRows < 20000 {
		t.Fatalf("%d survey rows read, want at least 20000", surveyRows)
	}
	if _, err := os.Stat(filepath.Join(dir, "surveys.csv")); err != nil {
		t.Fatal(err)
	}
}

// The office table finds every code of a registry, inline or long, and
// nothing else.
func TestOfficeTable(t *testing.T) {
	var codes []string
	for i := range 30000 {
		codes = append(codes, fmt.Sprintf("%02d-%05d", i%31, i))
	}
	codes = append(codes, "", "A", "123456789012", "1234567890123", "a-very-long-office-code-indeed", "B\x00", "12345678\x00")
	tb := newOfficeTable(codes)
	for i, c := range codes {
		// Alone, inside a longer line (read as one word), and as a string.
		line := []byte(c + ",1404/01/01,5")
		for _, b := range [][]byte{[]byte(c), line[:len(c)]} {
			if j, ok := tb.find(b); !ok || int(j) != i {
				t.Fatalf("%q: %d %v, want %d", c, j, ok, i)
			}
		}
		if j, ok := findCode(tb, c); !ok || int(j) != i {
			t.Fatalf("%q as a string: %d %v, want %d", c, j, ok, i)
		}
	}
	for _, c := range []string{"00-0000", "00-000000", "12345678901", "123456789013", "x", "a-very-long-office-code-indeeD", "A\x00", "B", "B\x00\x00", "00-00001\x00"} {
		line := []byte(c + ",1404/01/01,5")
		if j, ok := tb.find(line[:len(c)]); ok {
			t.Fatalf("%q found as %d", c, j)
		}
		if j, ok := findCode(tb, c); ok {
			t.Fatalf("%q as a string found as %d", c, j)
		}
	}
}

// BenchmarkOfficeTable looks up the codes of a national registry in
// random order, as the survey rows name them.
func BenchmarkOfficeTable(b *testing.B) {
	var codes []string
	for i := range 25000 {
		codes = append(codes, fmt.Sprintf("%02d-%05d", i%31, i))
	}
	tb := newOfficeTable(codes)
	rng := rand.New(rand.NewPCG(1, 2))
	keys := make([][]byte, 1<<20)
	for i := range keys {
		keys[i] = []byte(codes[rng.IntN(len(codes))])
	}
	b.ResetTimer()
	var sum int32
	for i := 0; b.Loop(); i++ {
		j, _ := tb.find(keys[i&(len(keys)-1)])
		sum += j
	}
	if sum == -1 {
		b.Log(sum)
	}
}

// Many plain rows of one office with one score, across chunks and
// workers, and an office whose code is too long for the table's slots
// (looked up in its map): the counts are the simple path's. (A worker's
// per-office counters must not wrap: more than 65,536 fives of one
// office.) At the end, repeats of ids first seen early and far down the
// file: read in chunks of a byte, their first rows are in chunks past the
// 65,535 an id's word can name.
func TestFastSurveysManyRowsOneOffice(t *testing.T) {
	const long = "TEHRAN-PUBLIC-OFFICE-0001"
	offices := fastOffices + long + ",دفتر,tehran,تهران,urban,public_nongov,0499370899,1400-12-29\n"
	var b strings.Builder
	b.WriteString("response_id,office_code,response_date,score\n")
	for i := range 140000 {
		switch {
		case i%7 == 3:
			fmt.Fprintf(&b, "%d,%s,1404/03/01,%d\n", i+1, long, 1+i%5)
		case i%11 == 5:
			fmt.Fprintf(&b, "%d,G-001,1403/03/01,5\n", i+1) // outside the period
		default:
			fmt.Fprintf(&b, "%d,G-001,1404/03/01,5\n", i+1)
		}
	}
	b.WriteString("120000,G-001,1404/03/01,4\n70001,G-001,1404/03/01,5\n2,T-001,1404/03/01,1\n120000,G-001,1404/03/01,3\n")
	dir := writeExport(t, map[string]string{"offices.csv": offices, "surveys.csv": b.String()})
	readBoth(t, dir, true)
	files, err := Find(dir, Files{})
	if err != nil {
		t.Fatal(err)
	}
	tally := scoring.NewSurveyTally(fastPeriod)
	exp, err := ReadInto(files, tally)
	if err != nil {
		t.Fatal(err)
	}
	if c := tally.Office("G-001"); c.ByScore[5] <= 1<<16 || c.Outside == 0 {
		t.Fatalf("G-001: %+v, want more than 65,536 fives and some outside the period", c)
	}
	if c := tally.Office(long); c.Count != 20000 {
		t.Fatalf("%s: %+v, want 20,000 rows", long, c)
	}
	want := []string{
		"surveys.csv:140002:response_id: repeats response_id of row 120001",
		"surveys.csv:140003:response_id: repeats response_id of row 70002",
		"surveys.csv:140004:response_id: repeats response_id of row 3",
		"surveys.csv:140005:response_id: repeats response_id of row 120001",
	}
	var got []string
	for _, p := range problemStrings(exp.Problems) {
		if strings.HasPrefix(p, "surveys.csv:") {
			got = append(got, p)
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Repeats of ids numbered in sequence, near their first rows and far
// from them, across the blocks of ids a numeric set would keep: each
// names the row its id first stood on.
func TestFastSurveysRuns(t *testing.T) {
	var b strings.Builder
	b.WriteString("response_id,office_code,response_date,score\n")
	row := func(id int, office string, score int) {
		fmt.Fprintf(&b, "%d,%s,1404/0%d/01,%d\n", id, office, 1+id%9, score)
	}
	for id := 1; id <= 3000; id++ {
		row(id, []string{"G-001", "G-002", "T-001"}[id%3], 1+id%5)
	}
	b.WriteString("\n") // a blank line ends a run
	for id := 3001; id <= 3100; id++ {
		row(id, "G-001", 5)
	}
	row(1500, "G-002", 4) // a repeat of a row inside the first run
	row(2990, "T-001", 3) // a run over ids seen and not
	for id := 2991; id <= 3010; id++ {
		row(id, "G-001", 2)
	}
	for id := 3200; id <= 3300; id++ {
		row(id, "G-001", 1)
	}
	row(3250, "G-001", 9)  // in error, and repeating an id of a run
	row(65530, "G-001", 5) // a run across two blocks of the id set
	for id := 65531; id <= 65560; id++ {
		row(id, "G-002", 4)
	}
	row(65535, "T-001", 1)
	dir := writeExport(t, map[string]string{"offices.csv": fastOffices, "surveys.csv": b.String()})
	exp := readBoth(t, dir, true)
	repeats := map[string]int{}
	for _, p := range exp.Problems {
		repeats[p.Reason]++
	}
	// id 1500 first stood on line 1501; 2995 on 2996, 3005 on 3007 (after
	// the blank line).
	for _, want := range []string{"repeats response_id of row 1501", "repeats response_id of row 2996", "repeats response_id of row 3007"} {
		if repeats[want] != 1 {
			t.Errorf("%q: %d problems, want 1 (problems by reason: %v)", want, repeats[want], repeats)
		}
	}
}

// The memo of dates answers as plainDate and the period do, for dates
// written every way and more than it has slots.
func TestDateMemo(t *testing.T) {
	var m dateMemo
	rng := rand.New(rand.NewPCG(11, 12))
	for range 50000 {
		y, mo, d := 1390+rng.IntN(20), rng.IntN(14), rng.IntN(33)
		s := []string{
			fmt.Sprintf("%04d/%02d/%02d", y, mo, d), fmt.Sprintf("%04d-%02d-%02d", y, mo, d),
			fmt.Sprintf("%d/%d/%d", y, mo, d), fmt.Sprintf("%04d/%02d/%02dx", y, mo, d), fmt.Sprintf("%04d/%02d/0%d", y, mo, d%10),
		}[rng.IntN(5)]
		ok, in := m.take([]byte(s), fastPeriod)
		dd, wok := plainDate([]byte(s))
		if win := wok && fastPeriod.Contains(dd); ok != wok || in != win {
			t.Fatalf("%q: ok %v in %v, want %v %v", s, ok, in, wok, win)
		}
	}
}

// indexNonASCII finds the first byte ≥ 0x80 wherever it is.
func TestIndexNonASCII(t *testing.T) {
	for n := range 100 {
		b := []byte(strings.Repeat("a,1\n", 25))[:n]
		if got := indexNonASCII(b); got != -1 {
			t.Fatalf("n=%d: %d in ASCII", n, got)
		}
		for i := range n {
			c := slices.Clone(b)
			c[i] = 0x80 | byte(i)
			if n > i+1 {
				c[n-1] = 0xff
			}
			if got := indexNonASCII(c); got != i {
				t.Fatalf("n=%d: %d, want %d", n, got, i)
			}
		}
	}
}
