package scoring

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// RulesProblem is one mistake in a rules file, at its line and column
// (1-based; 0 when it concerns the whole file).
type RulesProblem struct {
	Line, Col int
	Msg       string
}

func (p RulesProblem) String() string {
	if p.Line == 0 {
		return p.Msg
	}
	return fmt.Sprintf("%d:%d: %s", p.Line, p.Col, p.Msg)
}

// RulesError lists every mistake of a rules file.
type RulesError struct {
	File     string // as the user named it; "" for the built-in rules
	Problems []RulesProblem
}

func (e *RulesError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		if e.File != "" {
			b.WriteString(e.File)
			b.WriteByte(':')
			if p.Line == 0 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// issue is a mistake in a rules file, at a path of keys and indexes.
type issue struct {
	path path
	msg  string
}

// path names a place in a rules document: map keys and sequence indexes.
type path []any

func (p path) String() string {
	var b strings.Builder
	for _, e := range p {
		switch e := e.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", e)
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, e)
		}
	}
	return b.String()
}

// checker collects the mistakes a method's rules check finds in the
// decoded rules. Its helpers are the checks every kind of method makes.
type checker struct{ issues []issue }

func (c *checker) bad(p path, format string, a ...any) {
	c.issues = append(c.issues, issue{p, fmt.Sprintf(format, a...)})
}

// oneOf reports got unless it is among want. An empty string in want
// allows the key to be left out and is not named in the message.
func (c *checker) oneOf(p path, got string, want ...string) {
	if slices.Contains(want, got) {
		return
	}
	named := slices.DeleteFunc(slices.Clone(want), func(s string) bool { return s == "" })
	c.bad(p, "want %s, got %q", orList(named), got)
}

// among reports each of given that is not in set (what names the set: "a
// review status").
func (c *checker) among(p path, given []string, what string, set []string) {
	for _, v := range given {
		if !contains(set, v) {
			c.bad(p, "%q is not %s (%s)", v, what, strings.Join(set, ", "))
		}
	}
}

// indicatorIDs checks that every indicator has an id of its own, and
// returns the ids.
func (c *checker) indicatorIDs(n int, id func(i int) string) map[string]bool {
	seen := make(map[string]bool, n)
	for i := range n {
		if id(i) == "" {
			c.bad(path{"indicators", i}, "an indicator needs an id")
		}
		if seen[id(i)] {
			c.bad(path{"indicators", i, "id"}, "duplicate id %q", id(i))
		}
		seen[id(i)] = true
	}
	return seen
}

// transforms checks an indicator's transform steps (the same in every
// method: applyTransform).
func (c *checker) transforms(at path, ts []Transform) {
	for j, t := range ts {
		if count(t.Log, t.Log10, t.Scale != nil, t.Clamp != nil, t.Reverse != nil, t.Target != nil, t.MinMax != "", t.ZScore != "", t.Times != nil) != 1 {
			c.bad(append(at, "transform", j), "a transform step names exactly one of log, log10, scale, clamp, reverse, target, minmax, zscore, times")
		}
		for _, scope := range []string{t.MinMax, t.ZScore} {
			if scope != "" && scope != "all" && scope != "group" {
				c.bad(append(at, "transform", j), "scope must be all or group, got %q", scope)
			}
		}
		if t.Scale != nil && t.Scale.From[0] == t.Scale.From[1] {
			c.bad(append(at, "transform", j, "scale", "from"), "the bounds are equal")
		}
	}
}

// round checks where a total is rounded.
func (c *checker) round(r *Rounding) {
	if r != nil {
		c.oneOf(path{"round", "before"}, r.Before, "ranking", "display")
	}
}

// count is how many of set are true: a rule that names exactly one of
// several keys has a count of 1.
func count(set ...bool) int {
	n := 0
	for _, b := range set {
		if b {
			n++
		}
	}
	return n
}

// orList joins words as a sentence does: "a", "a or b", "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

var yamlLine = regexp.MustCompile(`line (\d+): (.*)`)

// parse reads a rules file of one kind of method strictly: unknown keys,
// wrong types, dangling references, unreachable grades, duplicate ids,
// every mistake at its line and column in a *RulesError.
func parse[T any, P interface {
	*T
	issues() []issue
}](data []byte) (*T, error) {
	r := P(new(T))
	if probs := checkDoc(data, r, r.issues); len(probs) > 0 {
		return nil, &RulesError{Problems: probs}
	}
	return r, nil
}

// checkDoc decodes a YAML document into target strictly: the structural
// pass reports unknown keys and values of the wrong kind at their
// positions; then issues, run on the decoded value, reports the semantic
// mistakes at the positions of their paths.
func checkDoc(data []byte, target any, issues func() []issue) []RulesProblem {
	if len(data) > maxRulesBytes {
		return []RulesProblem{{Msg: fmt.Sprintf("%d bytes is too large for a rules file (at most %d)", len(data), maxRulesBytes)}}
	}
	if slices.Contains(data, 0) {
		return []RulesProblem{{Msg: "the file holds NUL bytes; is it a YAML text file?"}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return yamlProblems(err)
	}
	// One document: a second after "---" would be ignored silently.
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var first, second yaml.Node
	if dec.Decode(&first) == nil {
		if err := dec.Decode(&second); err == nil {
			return []RulesProblem{{Line: second.Line, Col: second.Column, Msg: "a second YAML document: a rules file is one document (remove the \"---\" and what follows, or merge them)"}}
		}
	}
	if n := expandedSize(&doc, map[*yaml.Node]int{}); n > maxRulesNodes {
		return []RulesProblem{{Msg: fmt.Sprintf("the document expands to more than %d nodes through its aliases; refusing it", maxRulesNodes)}}
	}
	if len(doc.Content) == 0 {
		return []RulesProblem{{Msg: "the rules file is empty"}}
	}
	root := doc.Content[0]
	var w walker
	w.walk(root, reflect.TypeOf(target).Elem())
	if len(w.probs) > 0 {
		sortProblems(w.probs)
		return w.probs
	}
	if err := root.Decode(target); err != nil {
		return yamlProblems(err)
	}
	probs := w.missing
	for _, is := range issues() {
		n := locate(root, is.path)
		probs = append(probs, RulesProblem{n.Line, n.Column, is.path.String() + ": " + is.msg})
	}
	sortProblems(probs)
	return probs
}

func sortProblems(ps []RulesProblem) {
	slices.SortStableFunc(ps, func(a, b RulesProblem) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
}

func yamlProblems(err error) []RulesProblem {
	var te *yaml.TypeError
	var msgs []string
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	var ps []RulesProblem
	for _, m := range msgs {
		m = strings.TrimPrefix(m, "yaml: ")
		if sub := yamlLine.FindStringSubmatch(m); sub != nil {
			line, _ := strconv.Atoi(sub[1])
			ps = append(ps, RulesProblem{Line: line, Col: 1, Msg: sub[2]})
			continue
		}
		ps = append(ps, RulesProblem{Msg: m})
	}
	return ps
}

// walker is the structural pass: what would not decode, and the required
// keys left out, which are told with the semantic mistakes.
type walker struct{ probs, missing []RulesProblem }

// walk checks node n against the Go type t that will hold it: unknown
// keys and values of the wrong kind, each at its own position.
func (w *walker) walk(n *yaml.Node, t reflect.Type) {
	probs := &w.probs
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	bad := func(at *yaml.Node, format string, a ...any) {
		*probs = append(*probs, RulesProblem{at.Line, at.Column, fmt.Sprintf(format, a...)})
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			bad(n, "want a mapping of %s, got %s", strings.Join(fieldNames(t), ", "), describe(n))
			return
		}
		given := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i], n.Content[i+1]
			given[key.Value] = true
			f, ok := fieldByTag(t, key.Value)
			if !ok {
				bad(key, "unknown key %q; known here: %s", key.Value, strings.Join(fieldNames(t), ", "))
				continue
			}
			w.walk(val, f.Type)
		}
		// A key whose zero value would change the reports quietly (0
		// decimals) must be written out.
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if why := f.Tag.Get("required"); why != "" && !given[name] {
				w.missing = append(w.missing, RulesProblem{n.Line, n.Column, fmt.Sprintf("no %s: %s", name, why)})
			}
		}
	case reflect.Slice, reflect.Array:
		if n.Kind != yaml.SequenceNode {
			bad(n, "want a list, got %s", describe(n))
			return
		}
		if t.Kind() == reflect.Array && len(n.Content) != t.Len() {
			bad(n, "want a list of %d, got %d", t.Len(), len(n.Content))
			return
		}
		for _, c := range n.Content {
			w.walk(c, t.Elem())
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			bad(n, "want a mapping, got %s", describe(n))
			return
		}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i], n.Content[i+1]
			if seen[key.Value] {
				bad(key, "duplicate key %q", key.Value)
			}
			seen[key.Value] = true
			w.walk(key, t.Key())
			w.walk(val, t.Elem())
		}
	default:
		if n.Kind != yaml.ScalarNode {
			bad(n, "want %s, got %s", kindName(t), describe(n))
			return
		}
		v := reflect.New(t)
		if err := n.Decode(v.Interface()); err != nil {
			bad(n, "want %s, got %q", kindName(t), n.Value)
		} else if t.Kind() == reflect.Float64 {
			if f := v.Elem().Float(); math.IsNaN(f) || math.IsInf(f, 0) {
				bad(n, "want a number, got %q", n.Value)
			}
		}
	}
}

func fieldByTag(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); tag == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func fieldNames(t reflect.Type) []string {
	var names []string
	for i := 0; i < t.NumField(); i++ {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); tag != "" && tag != "-" {
			names = append(names, tag)
		}
	}
	return names
}

func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64:
		return "a whole number"
	case reflect.Float64:
		return "a number"
	}
	return t.String()
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return strconv.Quote(n.Value)
}

// locate finds the node a path names, or the deepest node on the way.
func locate(n *yaml.Node, p path) *yaml.Node {
	for _, e := range p {
		if n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		var next *yaml.Node
		switch e := e.(type) {
		case int:
			if n.Kind == yaml.SequenceNode && e < len(n.Content) {
				next = n.Content[e]
				break
			}
			next = mapValue(n, strconv.Itoa(e))
		default:
			next = mapValue(n, fmt.Sprint(e))
		}
		if next == nil {
			return n
		}
		n = next
	}
	return n
}

// mapValue is the value of key in mapping n, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}
