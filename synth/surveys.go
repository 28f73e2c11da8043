package synth

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/iranict/rank/scoring"
)

// surveys writes the survey responses, national volumes included, and
// tallies each office's valid ones. Rows are appended as bytes: no fmt, no
// allocation per row.
func (g *gen) surveys() error {
	cfg, f := g.cfg, g.cfg.Format
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x7375727679)) // its own stream: the design does not shift it
	n := cfg.TotalSurveys
	fp := FilePlan{Name: f.fileName(Surveys)}

	cum := make([]float64, len(g.offices))
	var total float64
	for i, o := range g.offices {
		total += o.weight
		cum[i] = total
	}
	if total == 0 {
		for i := range cum {
			cum[i] = float64(i + 1)
		}
		total = float64(len(cum))
	}
	codes := make([][]byte, len(g.offices))
	cdfs := make([][5]float64, len(g.offices))
	for i, o := range g.offices {
		codes[i] = []byte(o.Code)
		cdfs[i] = scoreCDF(o.quality)
	}

	p := cfg.Period
	var inDates, outDates [][]byte
	var inDays, outDays []scoring.Date
	for d := p.Start(); !p.End().Before(d); d = addDays(d, 1) {
		inDates, inDays = append(inDates, []byte(padded(d))), append(inDays, d)
	}
	// Responses arrive late and early: the previous period's last two
	// months and the next period's first three weeks.
	prev := p.Previous()
	for d := prev.End(); !d.Before(addDays(prev.Start(), periodDays(prev)-60)); d = subDay(d) {
		outDays = append(outDays, d)
	}
	for d, i := addDays(p.End(), 1), 0; i < 21; d, i = addDays(d, 1), i+1 {
		outDays = append(outDays, d)
	}
	slices.SortFunc(outDays, scoring.Date.Compare)
	for _, d := range outDays {
		outDates = append(outDates, []byte(padded(d)))
	}

	t, err := f.create(g.dir, Surveys, f.header(Surveys, headers[Surveys]))
	if err != nil {
		return err
	}
	csv, _ := t.(*csvTable)
	var line []byte
	rowNum := int64(1) // the header
	emit := func(b []byte) error {
		rowNum++
		if csv != nil {
			return csv.raw(b)
		}
		return t.row(strings.Split(string(b), ","))
	}

	// Planted rows, before the valid row of the given index.
	type plant struct {
		at     int64
		reason string
	}
	var plants []plant
	leapAt := int64(-1)
	var leap scoring.Date
	if cfg.Quirks {
		if n >= 2 {
			plants = append(plants, plant{max(1, n/4), ReasonDuplicateID})
		}
		plants = append(plants, plant{n / 2, ReasonScoreRange}, plant{3 * n / 4, ReasonUnknownOffice})
		for y := p.Year - 1; y > p.Year-40; y-- {
			if scoring.IsLeap(y) {
				leap, leapAt = scoring.Date{Year: y, Month: 12, Day: 30}, n/3
				break
			}
		}
	}
	anyOffice := g.firstParticipant()
	ids := newSurveyIDs(cfg.SurveyIDs, n+2, cfg.Seed, p.Year)
	var id uint64 // the next id's number
	quirky := cfg.Quirks || g.digits(Surveys)
	digits := g.digits(Surveys)

	for i := int64(0); i <= n; i++ {
		for len(plants) > 0 && plants[0].at == i {
			pl := plants[0]
			plants = plants[1:]
			line = line[:0]
			day := padded(inDays[len(inDays)/2])
			var col, val string
			switch pl.reason {
			case ReasonDuplicateID:
				line = ids.appendID(line, 0)
				col, val = "response_id", string(line)
				line = append(line, ","+anyOffice+","+day+",5"...)
			case ReasonScoreRange:
				line = ids.appendID(line, id)
				id++
				line = append(line, ","+anyOffice+","+day+",6"...)
				col, val = "score", "6"
			case ReasonUnknownOffice:
				line = ids.appendID(line, id)
				id++
				line = append(line, ",99-00001,"+day+",4"...)
				col, val = "office_code", "99-00001"
			}
			if err := emit(line); err != nil {
				t.close()
				return err
			}
			fp.Errors = append(fp.Errors, Planted{Row: rowNum, Column: col, Reason: pl.reason, Value: val})
		}
		if i == n {
			break
		}
		oi, _ := slices.BinarySearch(cum, rng.Float64()*total)
		oi = min(oi, len(cum)-1)
		for oi < len(cum)-1 && (cum[oi] == 0 || oi > 0 && cum[oi] == cum[oi-1]) {
			oi++ // an office with no weight: the next one with some
		}
		o := g.offices[oi]
		inside := rng.Float64() >= cfg.OutsideShare
		var di int
		if inside {
			di = rng.IntN(len(inDates))
		} else {
			di = rng.IntN(len(outDates))
		}
		u, score := rng.Float64(), 5
		for s, c := range cdfs[oi] {
			if u < c {
				score = s + 1
				break
			}
		}
		if inside {
			o.sum += int64(score)
			o.count++
		} else {
			o.outside++
		}

		line = ids.appendID(line[:0], id)
		id++
		line = append(line, ',')
		line = append(line, codes[oi]...)
		line = append(line, ',')
		style := 1000
		if quirky {
			style = rng.IntN(1000)
		}
		switch {
		case i == leapAt:
			// A valid 30 Esfand of a leap year, outside the period.
			if inside {
				o.sum -= int64(score)
				o.count--
				o.outside++
			}
			line = appendDate(line, leap, '/', true)
		case cfg.Quirks && style < 10:
			d := outDays
			if inside {
				d = inDays
			}
			line = appendDate(line, d[di], '/', false)
		case inside:
			line = append(line, inDates[di]...)
		default:
			line = append(line, outDates[di]...)
		}
		line = append(line, ',', byte('0'+score))
		if digits && style >= 10 && style < 15 {
			line = []byte(persianDigits(string(line)))
		}
		if err := emit(line); err != nil {
			t.close()
			return err
		}
	}
	if err := t.close(); err != nil {
		return err
	}
	fp.Rows = rowNum - 1
	g.plan.Files[scoring.KindSurveys] = fp
	return nil
}

// scoreCDF is the cumulative distribution of scores 1–5 around mean q.
func scoreCDF(q float64) [5]float64 {
	var p [5]float64
	var sum float64
	for k := range p {
		d := float64(k+1) - q
		p[k] = math.Exp(-d * d / (2 * 0.9 * 0.9))
		sum += p[k]
	}
	var c float64
	for k := range p {
		c += p[k] / sum
		p[k] = c
	}
	p[4] = 1
	return p
}

func subDay(d scoring.Date) scoring.Date {
	if d.Day > 1 {
		d.Day--
		return d
	}
	if d.Month--; d.Month == 0 {
		d.Month, d.Year = 12, d.Year-1
	}
	d.Day = scoring.MonthLength(d.Year, d.Month)
	return d
}

// firstParticipant is the code of the first participant, or of the first
// office when none takes part.
func (g *gen) firstParticipant() string {
	for _, o := range g.offices {
		if o.status.Participates() {
			return o.Code
		}
	}
	return g.offices[0].Code
}

// raw writes a line of ASCII or UTF-8 text, encoding it only when needed.
func (t *csvTable) raw(b []byte) error {
	if t.cp1256 && !isASCII(b) {
		return t.line(b)
	}
	t.w.Write(b)
	if t.crlf {
		t.w.WriteByte('\r')
	}
	return t.w.WriteByte('\n')
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}
