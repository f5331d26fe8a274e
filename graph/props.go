package graph

import (
	"fmt"
	"slices"
	"sort"
	"strings"
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
	// KeyEvidence lists sentences that state a relationship, the first MaxEvidence in sort order.
	KeyEvidence = "evidence"
	// KeyName is the display name; merging keeps the fuller of two ("Ana Reyes" over "Reyes").
	KeyName = "name"
	// KeyRole is the office a HOLDS_OFFICE states; merging keeps the longer title.
	KeyRole = "role"
	// KeyCurrent says whether a HOLDS_OFFICE is current; merging keeps false over true.
	KeyCurrent = "current"
	// KeyConfidence is how far a relationship is to be trusted (0 to 1): the highest confidence of the
	// rules that stated it; merging keeps the larger.
	KeyConfidence = "confidence"
)

// MaxEvidence is how many sentences of evidence a relationship keeps: the first in sort order, so that
// the choice does not depend on the order articles arrive in or on how they were split into builds.
// Its articles and count stay complete.
const MaxEvidence = 8

// Merge folds o into p so that merging is commutative, associative and idempotent. Empty strings and
// empty lists are not stored. List values become the sorted union ("evidence" its first MaxEvidence),
// "count" on a relationship-like property set (one with "articles") becomes the number of articles,
// other numbers keep the larger value; "name" keeps the value of more words and "role" the longer one,
// and other strings (and those on ties) keep the value that sorts first unless the current one is empty. Loading article A then B therefore equals B then A, and equals both twice.
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
			if k == KeyEvidence && len(p[k].([]string)) > MaxEvidence {
				p[k] = p[k].([]string)[:MaxEvidence:MaxEvidence]
			}
		case int64:
			if ov, ok := old.(int64); ok && nv > ov {
				p[k] = nv
			}
		case float64:
			if ov, ok := old.(float64); ok && nv > ov {
				p[k] = nv
			}
		case string:
			if os, ok := old.(string); ok && nv != "" && fuller(k, nv, os) {
				p[k] = nv
			}
		case bool:
			// true wins, except for "current": an office any statement calls past is not current
			if ov, ok := old.(bool); ok && nv != ov {
				p[k] = k != KeyCurrent
			}
		}
	}
	if arts, ok := p[KeyArticles].([]string); ok {
		p[KeyCount] = int64(len(arts))
	}
}

// genericRoles describe a position without naming an office ("leader", "official"): HOLDS_OFFICE's
// role prefers any other title.
var genericRoles = map[string]bool{"leader": true, "counterpart": true, "official": true, "strongman": true,
	"ruler": true, "aide": true, "representative": true, "head": true, "chief": true}

func genericRole(title string) bool { return genericRoles[strings.ToLower(title)] }

// BestRole picks an office's title among those stated: the most specific (a generic word such as
// "leader" only when nothing else is known), the longest among equals, the first in sort order among
// equally long ones. Merging "role" keeps the same one, so a build and a merge of builds agree.
func BestRole(roles []string) string {
	best := ""
	for _, r := range roles {
		if best == "" || fuller(KeyRole, r, best) {
			best = r
		}
	}
	return best
}

// fuller reports whether string property k should become v where it is old.
func fuller(k, v, old string) bool {
	switch k {
	case KeyName:
		if n, o := len(strings.Fields(v)), len(strings.Fields(old)); n != o {
			return n > o
		}
	case KeyRole:
		if genericRole(v) != genericRole(old) {
			return genericRole(old)
		}
		if len(v) != len(old) {
			return len(v) > len(old)
		}
	}
	return v < old
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

// Union returns the sorted set union of a and b, without empty strings, in a new slice.
func Union(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	out = append(append(out, a...), b...)
	if !sortedSet(out) {
		sort.Strings(out)
		out = slices.Compact(out)
	}
	if len(out) > 0 && out[0] == "" {
		out = out[1:]
	}
	return slices.Clip(out)
}

// sortedSet reports whether l is sorted without repeats, as a list property mostly already is.
func sortedSet(l []string) bool {
	for i := 1; i < len(l); i++ {
		if l[i] <= l[i-1] {
			return false
		}
	}
	return true
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
