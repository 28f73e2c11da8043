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

var yamlLine = regexp.MustCompile(`line (\d+): (.*)`)

// CheckRules reads a rules file strictly and returns it with every mistake
// found: unknown keys, wrong types, dangling references, unreachable
// grades, duplicate ids, each at its line and column.
func CheckRules(data []byte) (*Rules, []RulesProblem) {
	var r Rules
	if probs := checkDoc(data, &r, r.issues); len(probs) > 0 {
		return nil, probs
	}
	return &r, nil
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
	var probs []RulesProblem
	walk(root, reflect.TypeOf(target).Elem(), &probs)
	if len(probs) > 0 {
		sortProblems(probs)
		return probs
	}
	if err := root.Decode(target); err != nil {
		return yamlProblems(err)
	}
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

// walk checks node n against the Go type t that will hold it: unknown
// keys and values of the wrong kind, each at its own position.
func walk(n *yaml.Node, t reflect.Type, probs *[]RulesProblem) {
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
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i], n.Content[i+1]
			f, ok := fieldByTag(t, key.Value)
			if !ok {
				bad(key, "unknown key %q; known here: %s", key.Value, strings.Join(fieldNames(t), ", "))
				continue
			}
			walk(val, f.Type, probs)
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
			walk(c, t.Elem(), probs)
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
			walk(key, t.Key(), probs)
			walk(val, t.Elem(), probs)
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
