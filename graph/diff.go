package graph

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Diff lists how b differs from a: nodes (id and label) only in one, node properties that differ, and
// relationships (id and properties) only in one. Node properties named in ignore are not compared.
// At most five items of each kind are listed, with their total.
func Diff(a, b *Graph, ignore ...string) []string {
	var diffs []string
	nodes := func(g *Graph) []string {
		var out []string
		for _, id := range g.NodeIDs() {
			out = append(out, string(g.Nodes[id].Label)+" "+id)
		}
		sort.Strings(out)
		return out
	}
	if x, y := nodes(a), nodes(b); !slices.Equal(x, y) {
		diffs = append(diffs, fmt.Sprintf("nodes only in the first: %v; only in the second: %v", firstFew(minus(x, y)), firstFew(minus(y, x))))
	}
	var props []string
	for _, id := range a.NodeIDs() {
		n, m := a.Nodes[id], b.Nodes[id]
		if m == nil {
			continue
		}
		keys := slices.Sorted(func(yield func(string) bool) {
			for k := range n.Props {
				if !yield(k) {
					return
				}
			}
			for k := range m.Props {
				if _, ok := n.Props[k]; !ok && !yield(k) {
					return
				}
			}
		})
		for _, k := range keys {
			if !slices.Contains(ignore, k) && fmt.Sprint(n.Props[k]) != fmt.Sprint(m.Props[k]) {
				props = append(props, fmt.Sprintf("%s %s: %v, %v", id, k, n.Props[k], m.Props[k]))
			}
		}
	}
	if len(props) > 0 {
		diffs = append(diffs, fmt.Sprintf("node properties differ: %v", firstFew(props)))
	}
	rels := func(g *Graph) []string {
		var out []string
		for r := range g.Rels() {
			keys := make([]string, 0, len(r.Props))
			for k := range r.Props {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			var s strings.Builder
			s.WriteString(r.ID)
			for _, k := range keys {
				fmt.Fprintf(&s, " %s=%v", k, r.Props[k])
			}
			out = append(out, s.String())
		}
		sort.Strings(out)
		return out
	}
	if x, y := rels(a), rels(b); !slices.Equal(x, y) {
		diffs = append(diffs, fmt.Sprintf("relationships only in the first: %v; only in the second: %v", firstFew(minus(x, y)), firstFew(minus(y, x))))
	}
	return diffs
}

// minus returns the items of sorted list a that sorted list b lacks.
func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if _, found := slices.BinarySearch(b, x); !found {
			out = append(out, x)
		}
	}
	return out
}

func firstFew(l []string) []string {
	if len(l) > 5 {
		return append(l[:5:5], fmt.Sprintf("... %d in all", len(l)))
	}
	return l
}
