package export

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/iranict/rank/internal/vocab"
)

// Type is what a column's cells hold, and so how they are read and checked.
type Type uint8

// The types of the exports' columns.
const (
	Text       Type = iota // free text: a name, a city
	Code                   // an id: an office code, a response id, a case id
	NationalID             // a national code of 10 digits with a check digit; a bad one is a warning, the row stands
	Date                   // a Jalali date YYYY/MM/DD (in a workbook also Excel's serial date)
	DateTime               // a Jalali date with an optional time of day (1404/03/15 14:30); only the date is kept
	Period                 // a half-year such as 1404-H1
	Number                 // a decimal number within the column's Range
	Whole                  // a whole number within the column's Range
	OneOf                  // one value of the column's closed Category, by id, label or alias
	Province               // one of the 31 provinces, by Persian name, English name or slug
)

var typeNames = [...]string{"text", "code", "national id", "date", "date and time", "period", "number", "whole number", "one of", "province"}

func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// Range bounds the cells of a Number or Whole column. The zero Range
// bounds nothing.
type Range struct {
	Min, Max       float64
	HasMin, HasMax bool
}

// AtLeast is the range [x, ∞).
func AtLeast(x float64) Range { return Range{Min: x, HasMin: true} }

// Between is the range [lo, hi].
func Between(lo, hi float64) Range { return Range{Min: lo, Max: hi, HasMin: true, HasMax: true} }

// Contains reports whether x is within r.
func (r Range) Contains(x float64) bool {
	return !(r.HasMin && x < r.Min || r.HasMax && x > r.Max)
}

// Column declares a column of an export kind.
type Column struct {
	Name     string   // canonical English header; problems, rules files and the code name the column so
	Persian  string   // the Persian header
	Aliases  []string // further headers accepted for it
	Type     Type
	Range    Range     // Number and Whole
	Category *Category // OneOf: the closed set of values

	// Optional: an empty cell is no error. Every column of the exports is
	// required but holder_national_id, whose absence is a warning.
	Optional bool
	// Unique: a value stands once in a file; a later row with it is an
	// error naming the first.
	Unique bool
	// Ref is the kind whose ids a Code column names (KindOffices: the
	// office must be in the registry).
	Ref string
	// Rule is the id of the message saying what a cell must be
	// ("a_whole_number"), for a column whose type and range do not say
	// it (a ranking's grade is "a whole number" though bounded). Empty for
	// the exports' columns.
	Rule string
}

// Title is the column's name as a text: the Persian header in Persian and
// the English name in English.
func (c Column) Title() vocab.Text { return vocab.Text{FA: c.Persian, EN: c.Name} }

// Headers are every header the column is found by: its name, its Persian
// header and its aliases.
func (c Column) Headers() []string {
	return append([]string{c.Name, c.Persian}, c.Aliases...)
}

// WithHeaders is c found by more headers too. A column without a Persian
// header takes the first of them as one (an index's columns, named only by
// its rules file).
func (c Column) WithHeaders(more ...string) Column {
	if len(more) == 0 {
		return c
	}
	if c.Persian == "" {
		c.Persian, more = more[0], more[1:]
	}
	c.Aliases = append(slices.Clip(c.Aliases), more...)
	return c
}

// Breaks is the message of a cell outside the column's rule, the part
// before ", got …": "must be a whole number ≥ 1". Text and Code columns
// have no rule beyond being given.
func (c Column) Breaks() Message {
	switch c.Type {
	case Number, Whole:
		return mustBe(c.amount())
	case OneOf:
		return mustBe(Msg("one_of", Choices{c.Category}))
	case Period:
		return mustBe(Msg("a_period"))
	case Date:
		return mustBe(Msg("a_date"))
	case DateTime:
		return mustBe(Msg("a_date_time"))
	case Province:
		return Msg("province")
	case NationalID:
		return mustBe(Msg("ten_digits"))
	}
	return Msg("required")
}

// amount is a Number or Whole column's kind of number with its range:
// "a whole number from 1 to 5".
func (c Column) amount() Message {
	if c.Rule != "" {
		return Msg(c.Rule)
	}
	id := "a_number"
	if c.Type == Whole {
		id = "a_whole_number"
	}
	r := c.Range
	switch {
	case r.HasMin && r.HasMax:
		return Msg(id+"_from_to", formatBound(r.Min), formatBound(r.Max))
	case r.HasMin:
		return Msg(id+"_at_least", formatBound(r.Min))
	case r.HasMax:
		return Msg(id+"_at_most", formatBound(r.Max))
	}
	return Msg(id)
}

func mustBe(m Message) Message { return Msg("must_be", m) }

func formatBound(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// Guide is the column's rule as a template's guide gives it to the people
// who fill the export in: "required, unique", "a number ≥ 0".
func (c Column) Guide() Message {
	switch c.Type {
	case Text, Code:
		switch {
		case c.Ref == KindOffices:
			return Msg("guide_registry")
		case c.Unique:
			return Msg("guide_unique")
		case c.Optional:
			return Msg("guide_optional")
		}
		return Msg("guide_required")
	case NationalID:
		return Msg("guide_national_id")
	case Date:
		return Msg("guide_date")
	case DateTime:
		return Msg("guide_date_time")
	case Period:
		return Msg("a_period")
	case Number, Whole:
		return c.amount()
	case OneOf:
		return c.Breaks()
	case Province:
		return Msg("guide_province")
	}
	return Msg("guide_required")
}

// Category is a closed set of values: a column's cells must name one, by
// its id, its Persian label or an alias. Categories are named by the
// column that holds them.
type Category struct {
	Name   string
	Values []Value
}

// Value is one value of a Category.
type Value struct {
	ID      string   // what scoring and rules files speak in
	Persian string   // the official Persian label, as the exports write it
	English string   // the English label reports show
	Short   string   // the Persian label reports show, when shorter than the official one
	Aliases []string // further spellings exports use
}

// IDs are the category's ids, in order.
func (c *Category) IDs() []string {
	ids := make([]string, len(c.Values))
	for i, v := range c.Values {
		ids[i] = v.ID
	}
	return ids
}

// Value is the value of id, or nil.
func (c *Category) Value(id string) *Value {
	for i := range c.Values {
		if c.Values[i].ID == id {
			return &c.Values[i]
		}
	}
	return nil
}

// Label is how a report shows id in l: the short Persian label where there
// is one, else the official one; the English label. An id the category
// does not hold is shown as it is.
func (c *Category) Label(id string, l vocab.Lang) string {
	v := c.Value(id)
	if v == nil {
		return id
	}
	return v.Label().In(l)
}

// Label is the value as reports show it, in both languages.
func (v *Value) Label() vocab.Text {
	fa := v.Persian
	if v.Short != "" {
		fa = v.Short
	}
	en := v.English
	if en == "" {
		en = v.ID
	}
	return vocab.Text{FA: fa, EN: en}
}

// Names are every text the value is read from: its id, its Persian label,
// its short label and its aliases.
func (v *Value) Names() []string {
	names := []string{v.ID, v.Persian}
	if v.Short != "" {
		names = append(names, v.Short)
	}
	return append(names, v.Aliases...)
}

// Choices lists a category's values in a message: "urban (شهری), rural
// (روستایی)" in English, "شهری (urban)، روستایی (rural)" in Persian.
type Choices struct{ *Category }

// In is the list in l.
func (c Choices) In(l vocab.Lang) string {
	parts := make([]string, len(c.Values))
	for i, v := range c.Values {
		if l == vocab.Persian {
			parts[i] = v.Persian + " (" + v.ID + ")"
		} else {
			parts[i] = v.ID + " (" + v.Persian + ")"
		}
	}
	if l == vocab.Persian {
		return strings.Join(parts, "، ")
	}
	return strings.Join(parts, ", ")
}

// Kind declares one file of an export: its name, the base name it is
// found by, and its columns in the order templates and synth write them.
type Kind struct {
	Name     string
	Title    vocab.Text // as reports and templates name the file's sheet
	Optional bool       // an export may leave the file out
	// OfPeriod: a run needs some of the file's rows in its period; with
	// none, no office could be evaluated as the method means (no
	// declaration takes part, every satisfaction is the prior).
	OfPeriod bool
	Columns  []Column
}

// Column is the column named name, or nil.
func (k *Kind) Column(name string) *Column {
	for i := range k.Columns {
		if k.Columns[i].Name == name {
			return &k.Columns[i]
		}
	}
	return nil
}

// Names are the English names of the kind's columns, in order.
func (k *Kind) Names() []string {
	names := make([]string, len(k.Columns))
	for i, c := range k.Columns {
		names[i] = c.Name
	}
	return names
}

// WithHeaders is k with its columns found by further headers too: column
// name → headers, as a rules file's headers: gives them. A name that is
// not a column of k is an error.
func (k *Kind) WithHeaders(headers map[string][]string) (*Kind, error) {
	if len(headers) == 0 {
		return k, nil
	}
	out := *k
	out.Columns = slices.Clone(k.Columns)
	for _, name := range slices.Sorted(maps.Keys(headers)) {
		c := out.Column(name)
		if c == nil {
			return nil, fmt.Errorf("%s has no column %q (its columns: %s)", k.Name, name, strings.Join(k.Names(), ", "))
		}
		*c = c.WithHeaders(headers[name]...)
	}
	return &out, nil
}

// KindsWith is Kinds with their columns found by further headers too:
// column name → headers, as a rules file's headers: gives them, for every
// kind that has the column (office_code is in four). A name that no kind
// has is an error.
func KindsWith(headers map[string][]string) ([]*Kind, error) {
	if len(headers) == 0 {
		return Kinds, nil
	}
	for _, name := range slices.Sorted(maps.Keys(headers)) {
		if !slices.ContainsFunc(Kinds, func(k *Kind) bool { return k.Column(name) != nil }) {
			return nil, fmt.Errorf("headers: no file of the export has a column %q", name)
		}
	}
	out := make([]*Kind, len(Kinds))
	for i, k := range Kinds {
		mine := map[string][]string{}
		for name, h := range headers {
			if k.Column(name) != nil {
				mine[name] = h
			}
		}
		var err error
		if out[i], err = k.WithHeaders(mine); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Lookup is the kind named name, or nil.
func Lookup(name string) *Kind {
	for _, k := range Kinds {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// Label is how a report shows the value id of the category named
// category (an export column: "area_type", "office_type", …) in l. A value
// or category the schema does not hold is shown as it is.
func Label(category, id string, l vocab.Lang) string {
	if c := CategoryNamed(category); c != nil {
		return c.Label(id, l)
	}
	return id
}

// CategoryNamed is the category of the export column named name, or nil.
func CategoryNamed(name string) *Category {
	for _, c := range Categories {
		if c.Name == name {
			return c
		}
	}
	return nil
}
