package graph

import (
	"fmt"
	"sort"
)

// Props holds the properties of a node or relationship. Values are string, int64, float64, bool or
// []string, the types Neo4j stores and every snapshot format can carry.
type Props map[string]any

// Keys whose values are derived from other properties when properties merge.
const (
	// KeyArticles lists the ids of the articles that state a fact; "count" is its length.
	KeyArticles = "articles"
	// KeyCount is the number of articles stating a relationship, or a mention count.
	KeyCount = "count"
)

// Merge folds o into p so that merging is commutative, associative and idempotent. Empty strings and
// empty lists are not stored. List values become
// the sorted union, "count" on a relationship-like property set (one with "articles") becomes the number
// of articles, other numbers keep the larger value, and strings keep the value that sorts first unless
// the current one is empty. Loading article A then B therefore equals B then A, and equals both twice.
func (p Props) Merge(o Props) {
	for k, v := range o {
		v = normalise(v)
		if isEmpty(v) {
			continue // an empty string or list is no value: every format stores it the same way, as nothing
		}
		old, ok := p[k]
		if !ok || isEmpty(old) {
			p[k] = v
			continue
		}
		switch nv := v.(type) {
		case []string:
			p[k] = Union(asStrings(old), nv)
		case int64:
			if ov, ok := old.(int64); ok && nv > ov {
				p[k] = nv
			}
		case float64:
			if ov, ok := old.(float64); ok && nv > ov {
				p[k] = nv
			}
		case string:
			if os, ok := old.(string); ok && nv != "" && nv < os {
				p[k] = nv
			}
		case bool:
			if ov, ok := old.(bool); ok && nv && !ov {
				p[k] = true
			}
		}
	}
	if arts, ok := p[KeyArticles].([]string); ok {
		p[KeyCount] = int64(len(arts))
	}
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []string:
		return len(x) == 0
	}
	return false
}

func normalise(v any) any {
	switch x := v.(type) {
	case int:
		return int64(x)
	case []string:
		return Union(nil, x)
	}
	return v
}

func asStrings(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case string:
		return []string{x}
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			out = append(out, fmt.Sprint(e))
		}
		return out
	}
	return nil
}

// Union returns the sorted set union of a and b, without empty strings.
func Union(a, b []string) []string {
	seen := make(map[string]bool, len(a)+len(b))
	out := make([]string, 0, len(a)+len(b))
	for _, l := range [][]string{a, b} {
		for _, s := range l {
			if s != "" && !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	sort.Strings(out)
	return out
}

// String returns the string property k, or "".
func (p Props) String(k string) string {
	s, _ := p[k].(string)
	return s
}

// Strings returns the list property k, or nil.
func (p Props) Strings(k string) []string {
	return asStrings(p[k])
}
