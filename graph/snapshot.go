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
	for _, id := range g.RelIDs() {
		r := g.Rels[id]
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
	raw, err := marshalProps(p)
	if err != nil {
		return fmt.Errorf("%s %s: %w", l.Type, l.ID, err)
	}
	l.Properties = raw
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(l); err != nil {
		return fmt.Errorf("%s %s: %w", l.Type, l.ID, err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// marshalProps encodes properties with sorted keys and without HTML escaping, rejecting values Neo4j
// cannot store. Whole floats keep a decimal point (53.0) so that they read back as floats.
func marshalProps(p Props) (json.RawMessage, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, k := range sortedKeys(p) {
		if i > 0 {
			buf.WriteByte(',')
		}
		kb, _ := marshalValue(k)
		buf.Write(kb)
		buf.WriteByte(':')
		if f, ok := p[k].(float64); ok {
			if math.IsNaN(f) || math.IsInf(f, 0) {
				return nil, fmt.Errorf("property %q: %v cannot be stored", k, f)
			}
			s := strconv.FormatFloat(f, 'g', -1, 64)
			if !strings.ContainsAny(s, ".eEn") {
				s += ".0"
			}
			buf.WriteString(s)
			continue
		}
		vb, err := marshalValue(p[k])
		if err != nil {
			return nil, fmt.Errorf("property %q: %w", k, err)
		}
		buf.Write(vb)
	}
	buf.WriteByte('}')
	return json.RawMessage(buf.Bytes()), nil
}

func marshalValue(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
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
				id = l.ID
			}
			internal[l.ID] = id
			if err := g.AddNode(Node{ID: id, Label: Label(l.Labels[0]), Props: p}); err != nil {
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
		if err := g.AddRel(Rel{Type: RelType(x.l.Label), Start: start, End: end, Props: x.p}); err != nil {
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
