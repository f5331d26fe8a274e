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
// string attributes, since GraphML has no list type; the label and relationship type are attributes
// "label" and "type".
func WriteGraphML(w io.Writer, g *Graph) error {
	var nprops, rprops []Props
	for _, id := range g.NodeIDs() {
		nprops = append(nprops, g.Nodes[id].Props)
	}
	for _, id := range g.RelIDs() {
		rprops = append(rprops, g.Rels[id].Props)
	}
	nkeys, nkinds := schema(nprops)
	rkeys, rkinds := schema(rprops)
	bw := bufio.NewWriter(w)
	esc := func(s string) string {
		var b strings.Builder
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	gmlType := map[propKind]string{kString: "string", kLong: "long", kDouble: "double", kBoolean: "boolean", kList: "string"}
	fmt.Fprintln(bw, `<?xml version="1.0" encoding="UTF-8"?>`)
	fmt.Fprintln(bw, `<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">`)
	fmt.Fprintln(bw, `  <key id="n_label" for="node" attr.name="label" attr.type="string"/>`)
	for _, k := range nkeys {
		fmt.Fprintf(bw, "  <key id=\"n_%s\" for=\"node\" attr.name=\"%s\" attr.type=\"%s\"/>\n", esc(k), esc(k), gmlType[nkinds[k]])
	}
	fmt.Fprintln(bw, `  <key id="e_type" for="edge" attr.name="type" attr.type="string"/>`)
	for _, k := range rkeys {
		fmt.Fprintf(bw, "  <key id=\"e_%s\" for=\"edge\" attr.name=\"%s\" attr.type=\"%s\"/>\n", esc(k), esc(k), gmlType[rkinds[k]])
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
	for _, id := range g.RelIDs() {
		r := g.Rels[id]
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
	for _, t := range RelTypes {
		var rels []*Rel
		var props []Props
		for _, id := range g.RelIDs() {
			if r := g.Rels[id]; r.Type == t {
				rels = append(rels, r)
				props = append(props, r.Props)
			}
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
