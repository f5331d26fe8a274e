package graph

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// propKind is the type of one property key across a set of nodes or relationships.
type propKind string

const (
	kString  propKind = "string"
	kLong    propKind = "long"
	kDouble  propKind = "double"
	kBoolean propKind = "boolean"
	kList    propKind = "string[]"
)

func kindOf(v any) propKind {
	switch v.(type) {
	case int64, int:
		return kLong
	case float64:
		return kDouble
	case bool:
		return kBoolean
	case []string:
		return kList
	}
	return kString
}

// schema returns the property keys of a set of property maps, sorted, with their types; a key seen with
// two types is a string.
func schema(props []Props) ([]string, map[string]propKind) {
	kinds := map[string]propKind{}
	for _, p := range props {
		for k, v := range p {
			kd := kindOf(v)
			if old, ok := kinds[k]; ok && old != kd {
				if old == kLong && kd == kDouble || old == kDouble && kd == kLong {
					kd = kDouble
				} else {
					kd = kString
				}
			}
			kinds[k] = kd
		}
	}
	keys := make([]string, 0, len(kinds))
	for k := range kinds {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys, kinds
}

func scalar(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case []string:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return fmt.Sprint(v)
}

// WriteGraphML writes g as GraphML that networkx, Gephi and yEd read. Lists are written as JSON arrays in
// string attributes, since GraphML has no list type, and their keys carry ng:list="true" so that
// ReadGraphML restores them; the label and relationship type are attributes "label" and "type".
func WriteGraphML(w io.Writer, g *Graph) error {
	var nprops, rprops []Props
	for _, id := range g.NodeIDs() {
		nprops = append(nprops, g.Nodes[id].Props)
	}
	for r := range g.Rels() {
		rprops = append(rprops, r.Props)
	}
	nkeys, nkinds := schema(nprops)
	rkeys, rkinds := schema(rprops)
	bw := bufio.NewWriter(w)
	esc := func(s string) string {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s))
		// carriage returns survive XML parsing only as a character reference
		return strings.ReplaceAll(b.String(), "\r", "&#xD;")
	}
	gmlType := map[propKind]string{kString: "string", kLong: "long", kDouble: "double", kBoolean: "boolean", kList: "string"}
	fmt.Fprintln(bw, `<?xml version="1.0" encoding="UTF-8"?>`)
	fmt.Fprintln(bw, `<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ng="https://newsgraph.invalid/graphml" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">`)
	fmt.Fprintln(bw, `  <key id="n_label" for="node" attr.name="label" attr.type="string"/>`)
	list := func(kd propKind) string {
		if kd == kList {
			return ` ng:list="true"`
		}
		return ""
	}
	for _, k := range nkeys {
		fmt.Fprintf(bw, "  <key id=\"n_%s\" for=\"node\" attr.name=\"%s\" attr.type=\"%s\"%s/>\n", esc(k), esc(k), gmlType[nkinds[k]], list(nkinds[k]))
	}
	fmt.Fprintln(bw, `  <key id="e_type" for="edge" attr.name="type" attr.type="string"/>`)
	for _, k := range rkeys {
		fmt.Fprintf(bw, "  <key id=\"e_%s\" for=\"edge\" attr.name=\"%s\" attr.type=\"%s\"%s/>\n", esc(k), esc(k), gmlType[rkinds[k]], list(rkinds[k]))
	}
	fmt.Fprintln(bw, `  <graph id="newsgraph" edgedefault="directed">`)
	for _, id := range g.NodeIDs() {
		n := g.Nodes[id]
		fmt.Fprintf(bw, "    <node id=\"%s\">\n      <data key=\"n_label\">%s</data>\n", esc(n.ID), esc(string(n.Label)))
		for _, k := range sortedKeys(n.Props) {
			fmt.Fprintf(bw, "      <data key=\"n_%s\">%s</data>\n", esc(k), esc(scalar(n.Props[k])))
		}
		fmt.Fprintln(bw, "    </node>")
	}
	for r := range g.Rels() {
		fmt.Fprintf(bw, "    <edge id=\"%s\" source=\"%s\" target=\"%s\">\n      <data key=\"e_type\">%s</data>\n", esc(r.ID), esc(r.Start), esc(r.End), esc(string(r.Type)))
		for _, k := range sortedKeys(r.Props) {
			fmt.Fprintf(bw, "      <data key=\"e_%s\">%s</data>\n", esc(k), esc(scalar(r.Props[k])))
		}
		fmt.Fprintln(bw, "    </edge>")
	}
	fmt.Fprintln(bw, "  </graph>\n</graphml>")
	return bw.Flush()
}

func sortedKeys(p Props) []string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ArrayDelimiter separates list elements in CSV exports; pass it to neo4j-admin as --array-delimiter.
// It is the ASCII unit separator, which news text does not contain.
const ArrayDelimiter = "\x1f"

// WriteCSV writes g into dir in neo4j-admin import's format: one nodes_LABEL.csv per label with an
// "id:ID" column and a ":LABEL" column, one rels_TYPE.csv per relationship type with ":START_ID",
// ":END_ID" and ":TYPE", typed headers (name:long, aliases:string[]). It returns the files written.
func WriteCSV(dir string, g *Graph) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var written []string
	header := func(k string, kd propKind) string {
		if kd == kString {
			return k
		}
		return k + ":" + string(kd)
	}
	cell := func(v any, kd propKind) string {
		if l, ok := v.([]string); ok && kd == kList {
			return strings.Join(l, ArrayDelimiter)
		}
		return scalar(v)
	}
	write := func(name string, rows [][]string) error {
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		cw := csv.NewWriter(f)
		if err := cw.WriteAll(rows); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", path, err)
		}
		written = append(written, path)
		return f.Close()
	}
	for _, l := range Labels {
		var nodes []*Node
		var props []Props
		for _, id := range g.NodeIDs() {
			if n := g.Nodes[id]; n.Label == l {
				nodes = append(nodes, n)
				props = append(props, n.Props)
			}
		}
		if len(nodes) == 0 {
			continue
		}
		keys, kinds := schema(props)
		keys = without(keys, "id")
		rows := [][]string{append(append([]string{"id:ID"}, mapKeys(keys, func(k string) string { return header(k, kinds[k]) })...), ":LABEL")}
		for _, n := range nodes {
			row := []string{n.ID}
			for _, k := range keys {
				row = append(row, cell(n.Props[k], kinds[k]))
			}
			rows = append(rows, append(row, string(l)))
		}
		if err := write("nodes_"+string(l)+".csv", rows); err != nil {
			return written, err
		}
	}
	byType := map[RelType][]*Rel{}
	for r := range g.Rels() {
		byType[r.Type] = append(byType[r.Type], r)
	}
	for _, t := range RelTypes {
		rels := byType[t]
		props := make([]Props, len(rels))
		for i, r := range rels {
			props[i] = r.Props
		}
		if len(rels) == 0 {
			continue
		}
		keys, kinds := schema(props)
		rows := [][]string{append([]string{":START_ID", ":END_ID", ":TYPE"}, mapKeys(keys, func(k string) string { return header(k, kinds[k]) })...)}
		for _, r := range rels {
			row := []string{r.Start, r.End, string(t)}
			for _, k := range keys {
				row = append(row, cell(r.Props[k], kinds[k]))
			}
			rows = append(rows, row)
		}
		if err := write("rels_"+string(t)+".csv", rows); err != nil {
			return written, err
		}
	}
	return written, nil
}

func without(keys []string, drop string) []string {
	out := keys[:0:0]
	for _, k := range keys {
		if k != drop {
			out = append(out, k)
		}
	}
	return out
}

func mapKeys(keys []string, f func(string) string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = f(k)
	}
	return out
}

type gmlDoc struct {
	Keys  []gmlKey `xml:"key"`
	Graph struct {
		Nodes []gmlElem `xml:"node"`
		Edges []gmlElem `xml:"edge"`
	} `xml:"graph"`
}

type gmlKey struct {
	ID   string     `xml:"id,attr"`
	Name string     `xml:"attr.name,attr"`
	Type string     `xml:"attr.type,attr"`
	Attr []xml.Attr `xml:",any,attr"`
}

type gmlElem struct {
	ID     string `xml:"id,attr"`
	Source string `xml:"source,attr"`
	Target string `xml:"target,attr"`
	Data   []struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	} `xml:"data"`
}

// ReadGraphML reads a graph written by WriteGraphML. name is used in errors.
func ReadGraphML(r io.Reader, name string) (*Graph, error) {
	var doc gmlDoc
	if err := xml.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	keys := map[string]gmlKey{}
	lists := map[string]bool{}
	for _, k := range doc.Keys {
		keys[k.ID] = k
		for _, a := range k.Attr {
			if a.Name.Local == "list" && a.Value == "true" {
				lists[k.ID] = true
			}
		}
	}
	value := func(keyID, v string) (string, any, error) {
		k, ok := keys[keyID]
		if !ok {
			return "", nil, fmt.Errorf("data for undeclared key %q", keyID)
		}
		if lists[keyID] {
			var l []string
			if err := json.Unmarshal([]byte(v), &l); err != nil {
				return "", nil, fmt.Errorf("key %s: %w", k.Name, err)
			}
			return k.Name, l, nil
		}
		switch k.Type {
		case "long", "int":
			n, err := strconv.ParseInt(v, 10, 64)
			return k.Name, n, err
		case "double", "float":
			f, err := strconv.ParseFloat(v, 64)
			return k.Name, f, err
		case "boolean":
			b, err := strconv.ParseBool(v)
			return k.Name, b, err
		}
		return k.Name, v, nil
	}
	g := New()
	for _, n := range doc.Graph.Nodes {
		p, label := Props{}, ""
		for _, d := range n.Data {
			k, v, err := value(d.Key, d.Value)
			if err != nil {
				return nil, fmt.Errorf("%s: node %s: %w", name, n.ID, err)
			}
			if d.Key == "n_label" {
				label = d.Value
				continue
			}
			p[k] = v
		}
		node := Node{ID: n.ID, Label: Label(label), Props: p}
		if err := CheckNode(node); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if err := g.AddNode(node); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	for _, e := range doc.Graph.Edges {
		p, typ := Props{}, ""
		for _, d := range e.Data {
			k, v, err := value(d.Key, d.Value)
			if err != nil {
				return nil, fmt.Errorf("%s: edge %s: %w", name, e.ID, err)
			}
			if d.Key == "e_type" {
				typ = d.Value
				continue
			}
			p[k] = v
		}
		rel := Rel{Type: RelType(typ), Start: e.Source, End: e.Target, Props: p}
		if err := CheckRel(rel); err != nil {
			return nil, fmt.Errorf("%s: edge %s: %w", name, e.ID, err)
		}
		if err := g.AddRel(rel); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return g, nil
}

// ReadCSV reads the files WriteCSV wrote into dir (nodes_*.csv, then rels_*.csv).
func ReadCSV(dir string) (*Graph, error) {
	g := New()
	for _, pattern := range []string{"nodes_*.csv", "rels_*.csv"} {
		files, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		for _, f := range files {
			if err := readCSVFile(g, f); err != nil {
				return nil, err
			}
		}
	}
	return g, nil
}

func readCSVFile(g *Graph, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	rows, err := parseCSV(string(b))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 {
		return fmt.Errorf("%s: no header", path)
	}
	header := rows[0]
	for li, row := range rows[1:] {
		if len(row) == 1 && row[0] == "" {
			continue // a blank line
		}
		if len(row) != len(header) {
			return fmt.Errorf("%s:%d: %d fields, the header has %d", path, li+2, len(row), len(header))
		}
		p := Props{}
		var id, label, start, end, typ string
		for i, h := range header {
			v := row[i]
			switch h {
			case "id:ID":
				id = v
				continue
			case ":LABEL":
				label = v
				continue
			case ":START_ID":
				start = v
				continue
			case ":END_ID":
				end = v
				continue
			case ":TYPE":
				typ = v
				continue
			}
			name, kind, _ := strings.Cut(h, ":")
			if v == "" && kind != "" {
				continue // an absent value of a typed column
			}
			var val any = v
			switch propKind(kind) {
			case kLong:
				val, err = strconv.ParseInt(v, 10, 64)
			case kDouble:
				val, err = strconv.ParseFloat(v, 64)
			case kBoolean:
				val, err = strconv.ParseBool(v)
			case kList:
				val = strings.Split(v, ArrayDelimiter)
			case "":
				if v == "" {
					continue
				}
			}
			if err != nil {
				return fmt.Errorf("%s:%d: column %s: %w", path, li+2, h, err)
			}
			p[name] = val
		}
		if id != "" {
			p["id"] = id
			node := Node{ID: id, Label: Label(label), Props: p}
			if err = CheckNode(node); err == nil {
				err = g.AddNode(node)
			}
		} else {
			rel := Rel{Type: RelType(typ), Start: start, End: end, Props: p}
			if err = CheckRel(rel); err == nil {
				err = g.AddRel(rel)
			}
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %w", path, li+2, err)
		}
	}
	return nil
}

// parseCSV reads RFC 4180 CSV keeping every byte of a quoted field, carriage returns included
// (encoding/csv drops a carriage return before a newline inside quotes).
func parseCSV(s string) ([][]string, error) {
	var rows [][]string
	var row []string
	var field strings.Builder
	i, line := 0, 1
	for i < len(s) {
		if s[i] == '"' && field.Len() == 0 {
			i++
			for {
				if i >= len(s) {
					return nil, fmt.Errorf("line %d: unterminated quoted field", line)
				}
				if s[i] == '"' {
					if i+1 < len(s) && s[i+1] == '"' {
						field.WriteByte('"')
						i += 2
						continue
					}
					i++
					break
				}
				if s[i] == '\n' {
					line++
				}
				field.WriteByte(s[i])
				i++
			}
			continue
		}
		switch s[i] {
		case ',':
			row = append(row, field.String())
			field.Reset()
			i++
		case '\r', '\n':
			if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			i++
			line++
			rows = append(rows, append(row, field.String()))
			row, field = nil, strings.Builder{}
		default:
			field.WriteByte(s[i])
			i++
		}
	}
	if field.Len() > 0 || len(row) > 0 {
		rows = append(rows, append(row, field.String()))
	}
	return rows, nil
}
