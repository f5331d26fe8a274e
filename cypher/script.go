package cypher

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// WriteScript writes g as a Cypher script that cypher-shell or "newsgraph query --write --file" can run:
// constraints, then one MERGE statement per node and per relationship. Values are Cypher literals with
// every string escaped, so any text round-trips; labels and types come from the vocabulary.
func WriteScript(w io.Writer, g *graph.Graph) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "// newsgraph export: run with cypher-shell -f FILE, or newsgraph query --write --file FILE")
	for _, stmt := range splitStatements(query("load/constraints.cypher")) {
		fmt.Fprintln(bw, stmt+";")
	}
	for _, id := range g.NodeIDs() {
		n := g.Nodes[id]
		if !n.Label.Valid() {
			return fmt.Errorf("node %s: label %q is not in the vocabulary", id, n.Label)
		}
		fmt.Fprintf(bw, "MERGE (n:%s {id: %s}) SET n = %s;\n", n.Label, literal(n.ID), mapLiteral(n.Props))
	}
	for r := range g.Rels() {
		if !r.Type.Valid() {
			return fmt.Errorf("relationship %s: type %q is not in the vocabulary", r.ID, r.Type)
		}
		p := graph.Props{}
		p.Merge(r.Props)
		fmt.Fprintf(bw, "MATCH (a:%s {id: %s}), (b:%s {id: %s}) MERGE (a)-[r:%s]->(b) SET r = %s;\n",
			g.Nodes[r.Start].Label, literal(r.Start), g.Nodes[r.End].Label, literal(r.End), r.Type, mapLiteral(p))
	}
	return bw.Flush()
}

func mapLiteral(p graph.Props) string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("`" + strings.ReplaceAll(k, "`", "``") + "`: ")
		b.WriteString(literal(p[k]))
	}
	b.WriteByte('}')
	return b.String()
}

// literal renders a value as a Cypher literal.
func literal(v any) string {
	switch x := v.(type) {
	case string:
		var b strings.Builder
		b.WriteByte('\'')
		for _, r := range x {
			switch r {
			case '\'':
				b.WriteString(`\'`)
			case '\\':
				b.WriteString(`\\`)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			default:
				if r < 0x20 || r == 0x2028 || r == 0x2029 {
					fmt.Fprintf(&b, `\u%04X`, r)
				} else {
					b.WriteRune(r)
				}
			}
		}
		b.WriteByte('\'')
		return b.String()
	case []string:
		parts := make([]string, len(x))
		for i, s := range x {
			parts[i] = literal(s)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return strconv.FormatFloat(x, 'f', 1, 64)
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	return "null"
}

// ReadScript splits a Cypher script into statements, dropping comment lines and cypher-shell commands
// (lines starting with ':').
func ReadScript(r io.Reader) ([]string, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return splitStatements(string(b)), nil
}

func splitLines(s string) []string { return strings.Split(s, "\n") }

func trimStatement(s string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "//") || strings.HasPrefix(t, ":") {
			continue
		}
		keep = append(keep, l)
	}
	return strings.TrimSuffix(strings.TrimSpace(strings.Join(keep, "\n")), ";")
}
