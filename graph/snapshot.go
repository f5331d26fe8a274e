package graph

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// apocLine is one line of APOC's JSON-lines export ("apoc.export.json.all" with jsonFormat JSON_LINES).
type apocLine struct {
	Type       string          `json:"type"`
	ID         string          `json:"id"`
	Labels     []string        `json:"labels,omitempty"`
	Label      string          `json:"label,omitempty"`
	Start      *apocEnd        `json:"start,omitempty"`
	End        *apocEnd        `json:"end,omitempty"`
	Properties json.RawMessage `json:"properties"`
}

type apocEnd struct {
	ID     string   `json:"id"`
	Labels []string `json:"labels"`
}

// WriteJSONL writes g in APOC's JSON-lines format: nodes sorted by id, then relationships sorted by id,
// property keys sorted, so the same graph always gives the same bytes.
func WriteJSONL(w io.Writer, g *Graph) error {
	bw := bufio.NewWriter(w)
	for _, id := range g.NodeIDs() {
		n := g.Nodes[id]
		if err := writeLine(bw, apocLine{Type: "node", ID: n.ID, Labels: []string{string(n.Label)}}, n.Props); err != nil {
			return err
		}
	}
	for r := range g.Rels() {
		start, end := g.Nodes[r.Start], g.Nodes[r.End]
		if start == nil || end == nil {
			return fmt.Errorf("relationship %s: end node missing", r.ID)
		}
		l := apocLine{Type: "relationship", ID: r.ID, Label: string(r.Type),
			Start: &apocEnd{ID: r.Start, Labels: []string{string(start.Label)}},
			End:   &apocEnd{ID: r.End, Labels: []string{string(end.Label)}}}
		if err := writeLine(bw, l, r.Props); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func writeLine(w *bufio.Writer, l apocLine, p Props) error {
	buf := linePool.Get().(*[]byte)
	defer linePool.Put(buf)
	b, err := appendLine((*buf)[:0], &l, p)
	*buf = b
	if err != nil {
		return fmt.Errorf("%s %s: %w", l.Type, l.ID, err)
	}
	_, err = w.Write(b)
	return err
}

var linePool = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// appendLine appends l as one JSON line, the bytes encoding/json would write for apocLine (fields in
// struct order, omitempty honoured, no HTML escaping), with p as its properties. It is written out by
// hand because a snapshot of a large corpus has millions of lines and encoding/json's reflection and
// buffers were most of the time spent writing it.
func appendLine(b []byte, l *apocLine, p Props) ([]byte, error) {
	b = append(b, `{"type":`...)
	b = appendJSONString(b, l.Type)
	b = append(b, `,"id":`...)
	b = appendJSONString(b, l.ID)
	if len(l.Labels) > 0 {
		b = append(b, `,"labels":`...)
		b = appendJSONStrings(b, l.Labels)
	}
	if l.Label != "" {
		b = append(b, `,"label":`...)
		b = appendJSONString(b, l.Label)
	}
	if l.Start != nil {
		b = appendEnd(append(b, `,"start":`...), l.Start)
	}
	if l.End != nil {
		b = appendEnd(append(b, `,"end":`...), l.End)
	}
	b = append(b, `,"properties":`...)
	b, err := appendProps(b, p)
	if err != nil {
		return b, err
	}
	return append(b, '}', '\n'), nil
}

func appendEnd(b []byte, e *apocEnd) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, e.ID)
	b = append(b, `,"labels":`...)
	return append(appendJSONStrings(b, e.Labels), '}')
}

// appendProps encodes properties with sorted keys and without HTML escaping, rejecting values Neo4j
// cannot store. Whole floats keep a decimal point (53.0) so that they read back as floats.
func appendProps(b []byte, p Props) ([]byte, error) {
	b = append(b, '{')
	for i, k := range sortedKeys(p) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		switch v := p[k].(type) {
		case string:
			b = appendJSONString(b, v)
		case []string:
			b = appendJSONStrings(b, v)
		case int64:
			b = strconv.AppendInt(b, v, 10)
		case bool:
			b = strconv.AppendBool(b, v)
		case float64:
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return b, fmt.Errorf("property %q: %v cannot be stored", k, v)
			}
			n := len(b)
			b = strconv.AppendFloat(b, v, 'g', -1, 64)
			if !bytes.ContainsAny(b[n:], ".eEn") {
				b = append(b, '.', '0')
			}
		default:
			// any other value goes through encoding/json, which says what it cannot encode
			vb, err := json.Marshal(v)
			if err != nil {
				return b, fmt.Errorf("property %q: %w", k, err)
			}
			b = append(b, vb...)
		}
	}
	return append(b, '}'), nil
}

func appendJSONStrings(b []byte, l []string) []byte {
	b = append(b, '[')
	for i, s := range l {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONString appends s quoted as encoding/json quotes it without HTML escaping: \" \\ \b \f \n \r
// \t, other control bytes as \u00XX, invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// SnapshotError reports a bad line in a snapshot file with its position.
type SnapshotError struct {
	File string
	Line int
	Err  error
}

// Error returns "file:line: problem".
func (e *SnapshotError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }

// Unwrap returns the underlying problem.
func (e *SnapshotError) Unwrap() error { return e.Err }

// ReadJSONL reads a graph in APOC's JSON-lines format, as WriteJSONL writes it or as
// apoc.export.json.all writes it. Node ids are taken from the "id" property when present (APOC writes
// internal ids at the top level), so an APOC export of a newsgraph database reads back with canonical ids.
// name is used in errors. It returns a *SnapshotError naming the line of the first bad entry.
func ReadJSONL(r io.Reader, name string) (*Graph, error) {
	g := New()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 256<<20)
	internal := map[string]string{} // APOC top-level id -> canonical id
	var rels []struct {
		line int
		l    apocLine
		p    Props
	}
	n := 0
	for sc.Scan() {
		n++
		b := bytes.TrimSpace(sc.Bytes())
		if n == 1 {
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) // a UTF-8 byte-order mark some editors write
		}
		if len(b) == 0 {
			continue
		}
		var l apocLine
		if err := json.Unmarshal(b, &l); err != nil {
			return nil, &SnapshotError{name, n, fmt.Errorf("not a JSON object: %w", err)}
		}
		p, err := decodeProps(l.Properties)
		if err != nil {
			return nil, &SnapshotError{name, n, err}
		}
		switch l.Type {
		case "node":
			if len(l.Labels) != 1 {
				return nil, &SnapshotError{name, n, fmt.Errorf("node %q has labels %v; want exactly one", l.ID, l.Labels)}
			}
			id := p.String("id")
			if id == "" {
				// APOC's own ids ("0", "1", ...) mean nothing outside the database that gave them: two
				// such files would merge unrelated nodes
				return nil, &SnapshotError{name, n, fmt.Errorf("node %q has no id property: not a newsgraph snapshot", l.ID)}
			}
			internal[l.ID] = id
			node := Node{ID: id, Label: Label(l.Labels[0]), Props: p}
			if err := CheckNode(node); err != nil {
				return nil, &SnapshotError{name, n, err}
			}
			if err := g.AddNode(node); err != nil {
				return nil, &SnapshotError{name, n, err}
			}
		case "relationship":
			if l.Start == nil || l.End == nil {
				return nil, &SnapshotError{name, n, fmt.Errorf("relationship %q has no start or end", l.ID)}
			}
			rels = append(rels, struct {
				line int
				l    apocLine
				p    Props
			}{n, l, p})
		default:
			return nil, &SnapshotError{name, n, fmt.Errorf("type %q is neither node nor relationship", l.Type)}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, &SnapshotError{name, n + 1, err}
	}
	for _, x := range rels {
		start, end := x.l.Start.ID, x.l.End.ID
		if c, ok := internal[start]; ok {
			start = c
		}
		if c, ok := internal[end]; ok {
			end = c
		}
		rel := Rel{Type: RelType(x.l.Label), Start: start, End: end, Props: x.p}
		if err := CheckRel(rel); err != nil {
			return nil, &SnapshotError{name, x.line, err}
		}
		if err := g.AddRel(rel); err != nil {
			return nil, &SnapshotError{name, x.line, err}
		}
	}
	return g, nil
}

// decodeProps turns JSON properties into Props: whole numbers become int64, other numbers float64,
// arrays of strings []string. Nested objects and mixed arrays are rejected: Neo4j cannot store them.
func decodeProps(raw json.RawMessage) (Props, error) {
	p := Props{}
	if len(raw) == 0 || string(raw) == "null" {
		return p, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("properties: %w", err)
	}
	for k, v := range m {
		cv, err := convert(v)
		if err != nil {
			return nil, fmt.Errorf("property %q: %w", k, err)
		}
		p[k] = cv
	}
	return p, nil
}

func convert(v any) (any, error) {
	switch x := v.(type) {
	case string, bool:
		return x, nil
	case json.Number:
		if i, err := x.Int64(); err == nil && !strings.ContainsAny(string(x), ".eE") {
			return i, nil
		}
		return x.Float64()
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("list element %v is not a string", e)
			}
			out = append(out, s)
		}
		sort.Strings(out)
		return out, nil
	case nil:
		return nil, fmt.Errorf("null value")
	}
	return nil, fmt.Errorf("value of type %T cannot be stored", v)
}
