// Package graph is newsgraph's domain: articles, mentions, entities, relationships, the closed vocabulary
// of node labels and relationship types, and the snapshot format (APOC JSON lines) they are written in.
//
// Every other package imports graph; graph imports none of them. It knows nothing of Neo4j, of prose or of
// how entities are found.
package graph

import (
	"fmt"
	"iter"
	"slices"
	"sort"
	"strings"
)

// Label is a node label from the closed vocabulary below; no label ever comes from text.
type Label string

// The node labels newsgraph writes.
const (
	Article      Label = "Article"
	Person       Label = "Person"
	Country      Label = "Country"
	City         Label = "City"
	Region       Label = "Region"
	Organization Label = "Organization"
	Event        Label = "Event"
)

// WriteLease labels the one node that writers into a database take turns by (see cypher's lease): it
// has no id, is not part of the graph, and exists only while a load runs.
const WriteLease Label = "NewsgraphWriteLease"

// Labels lists every node label, in a fixed order.
var Labels = []Label{Article, Person, Country, City, Region, Organization, Event}

// Valid reports whether l is in the vocabulary.
func (l Label) Valid() bool {
	for _, v := range Labels {
		if v == l {
			return true
		}
	}
	return false
}

// RelType is a relationship type from the closed vocabulary below.
type RelType string

// The relationship types newsgraph writes. See README.md for what each means.
const (
	Mentions       RelType = "MENTIONS"        // (Article)->(entity) {count}
	HoldsOffice    RelType = "HOLDS_OFFICE"    // (Person)->(Country|Organization) {role}
	MetWith        RelType = "MET_WITH"        // (Person)-(Person), stored with from < to
	Visited        RelType = "VISITED"         // (Person)->(Country|City|Region) {date}
	Accompanied    RelType = "ACCOMPANIED"     // (Person)->(Person)
	ParticipatedIn RelType = "PARTICIPATED_IN" // (Person|Country|Organization)->(Event)
	TookPlaceIn    RelType = "TOOK_PLACE_IN"   // (Event)->(Country|City|Region)
	LocatedIn      RelType = "LOCATED_IN"      // (City|Region|Country)->(Country|Region)
	ResponsibleFor RelType = "RESPONSIBLE_FOR" // (Person|Organization)->(Event)
	MemberOf       RelType = "MEMBER_OF"       // (Country|Person)->(Organization)
	SpokeWith      RelType = "SPOKE_WITH"      // (Person)-(Person) by phone or video, stored with from < to
)

// RelTypes lists every relationship type, in a fixed order.
var RelTypes = []RelType{Mentions, HoldsOffice, MetWith, Visited, Accompanied, ParticipatedIn,
	TookPlaceIn, LocatedIn, ResponsibleFor, MemberOf, SpokeWith}

// Valid reports whether t is in the vocabulary.
func (t RelType) Valid() bool {
	_, ok := t.Index()
	return ok
}

// Index returns t's position in RelTypes, a compact stand-in for t where millions are stored; false
// when t is not in the vocabulary.
func (t RelType) Index() (uint8, bool) {
	for i, v := range RelTypes {
		if v == t {
			return uint8(i), true
		}
	}
	return 0, false
}

// Symmetric reports whether a relationship of type t means the same read in both directions.
func (t RelType) Symmetric() bool { return t == MetWith || t == SpokeWith }

// Node is one node of the graph: an article or a canonical entity. ID is stable across runs.
type Node struct {
	ID    string
	Label Label
	Props Props
}

// Rel is one relationship. Its ID is derived from its type and ends, so the same fact found twice is
// one relationship.
type Rel struct {
	ID    string
	Type  RelType
	Start string
	End   string
	Props Props
}

// RelID returns the stable id of the relationship of type t between start and end.
func RelID(t RelType, start, end string) string {
	return start + "|" + string(t) + "|" + end
}

// Graph holds nodes keyed by id and relationships keyed by type and ends. The zero value is not usable;
// call New.
//
// Nodes may be read directly. Relationships are kept in a compact store (a news corpus has many more
// relationships than nodes, most of them MENTIONS with a count alone): read them with Rel, Rels and
// NumRels, change them only with AddRel. A *Rel they return is a copy; changing it changes nothing.
type Graph struct {
	Nodes map[string]*Node

	ids  []string         // node ids by index
	idx  map[string]int32 // node id -> index into ids
	rels []relRec
	ridx map[relKey]int32 // type and ends -> index into rels
}

// relKey identifies a relationship: its type and its ends as node indices.
type relKey struct {
	start, end int32
	typ        uint8 // index into RelTypes
}

// relRec is one stored relationship. A relationship whose only property is an integer "count" (every
// MENTIONS) stores the number and no map.
type relRec struct {
	relKey
	countOnly bool
	count     int64
	props     Props // when !countOnly; nil for none
}

// New returns an empty graph.
func New() *Graph {
	return &Graph{Nodes: map[string]*Node{}, idx: map[string]int32{}, ridx: map[relKey]int32{}}
}

// AddNode merges n into the graph: a new id is added, a known one has its properties merged (see
// Props.Merge). It returns an error when the label is not in the vocabulary or differs from the label
// already stored under that id.
func (g *Graph) AddNode(n Node) error {
	if !n.Label.Valid() {
		return fmt.Errorf("node %q: label %q is not in the vocabulary", n.ID, n.Label)
	}
	if n.ID == "" {
		return fmt.Errorf("node with label %s has no id", n.Label)
	}
	if old, ok := g.Nodes[n.ID]; ok {
		if old.Label != n.Label {
			return fmt.Errorf("node %q: label %s conflicts with %s", n.ID, n.Label, old.Label)
		}
		old.Props.Merge(n.Props)
		return nil
	}
	p := Props{}
	p.Merge(n.Props)
	p["id"] = n.ID
	g.Nodes[n.ID] = &Node{ID: n.ID, Label: n.Label, Props: p}
	g.index(n.ID)
	return nil
}

// index returns the index of node id, giving it one if it has none yet (a node put into Nodes directly);
// false when id is not a node of g.
func (g *Graph) index(id string) (int32, bool) {
	if i, ok := g.idx[id]; ok {
		return i, true
	}
	if _, ok := g.Nodes[id]; !ok {
		return 0, false
	}
	i := int32(len(g.ids))
	g.ids = append(g.ids, id)
	g.idx[id] = i
	return i, true
}

// AddRel merges r into the graph. Symmetric types are stored with Start < End. The id is derived from
// type and ends. It returns an error for a type outside the vocabulary or an end that is not a node.
func (g *Graph) AddRel(r Rel) error {
	ti, ok := r.Type.Index()
	if !ok {
		return fmt.Errorf("relationship %s->%s: type %q is not in the vocabulary", r.Start, r.End, r.Type)
	}
	if r.Type.Symmetric() && r.End < r.Start {
		r.Start, r.End = r.End, r.Start
	}
	var ends [2]int32
	for i, end := range [2]string{r.Start, r.End} {
		if ends[i], ok = g.index(end); !ok {
			return fmt.Errorf("relationship %s: node %q is not in the graph", r.Type, end)
		}
	}
	k := relKey{start: ends[0], end: ends[1], typ: ti}
	if i, ok := g.ridx[k]; ok {
		rec := &g.rels[i]
		p := rec.propsCopy()
		p.Merge(r.Props)
		rec.set(p)
		return nil
	}
	rec := relRec{relKey: k}
	if c, ok := countOnly(r.Props); ok {
		rec.countOnly, rec.count = true, c
	} else {
		p := Props{}
		p.Merge(r.Props)
		rec.set(p)
	}
	g.ridx[k] = int32(len(g.rels))
	g.rels = append(g.rels, rec)
	return nil
}

// countOnly reports whether p is exactly an integer "count", the property set of a MENTIONS
// relationship, and returns it as Merge would store it.
func countOnly(p Props) (int64, bool) {
	if len(p) != 1 {
		return 0, false
	}
	switch c := p[KeyCount].(type) {
	case int64:
		return c, true
	case int:
		return int64(c), true
	}
	return 0, false
}

func (rec *relRec) set(p Props) {
	if c, ok := countOnly(p); ok {
		rec.countOnly, rec.count, rec.props = true, c, nil
		return
	}
	rec.countOnly, rec.count = false, 0
	if len(p) == 0 {
		p = nil
	}
	rec.props = p
}

// propsCopy returns the record's properties as a map the caller may change.
func (rec *relRec) propsCopy() Props {
	if rec.countOnly {
		return Props{KeyCount: rec.count}
	}
	p := make(Props, len(rec.props))
	for k, v := range rec.props {
		p[k] = v
	}
	return p
}

func (g *Graph) rel(rec *relRec) *Rel {
	t, start, end := RelTypes[rec.typ], g.ids[rec.start], g.ids[rec.end]
	return &Rel{ID: RelID(t, start, end), Type: t, Start: start, End: end, Props: rec.propsCopy()}
}

// NumRels returns how many relationships g holds.
func (g *Graph) NumRels() int { return len(g.rels) }

// Rel returns the relationship of type t from start to end (of a symmetric type, in either order), or
// nil when g has none.
func (g *Graph) Rel(t RelType, start, end string) *Rel {
	ti, ok := t.Index()
	if !ok {
		return nil
	}
	if t.Symmetric() && end < start {
		start, end = end, start
	}
	s, ok1 := g.idx[start]
	e, ok2 := g.idx[end]
	if !ok1 || !ok2 {
		return nil
	}
	i, ok := g.ridx[relKey{start: s, end: e, typ: ti}]
	if !ok {
		return nil
	}
	return g.rel(&g.rels[i])
}

// Rels returns the relationships in id order, each a fresh copy.
func (g *Graph) Rels() iter.Seq[*Rel] {
	order := g.relOrder()
	return func(yield func(*Rel) bool) {
		for _, i := range order {
			if !yield(g.rel(&g.rels[i])) {
				return
			}
		}
	}
}

// relOrder returns the indices of the relationships sorted by id, without building the ids: most
// comparisons are settled by the start node or the type alone.
func (g *Graph) relOrder() []int32 {
	order := make([]int32, len(g.rels))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int { return g.cmpRel(&g.rels[x], &g.rels[y]) })
	return order
}

// cmpRel compares two relationships as their ids (start|TYPE|end) compare.
func (g *Graph) cmpRel(a, b *relRec) int {
	if a.start == b.start {
		if a.typ == b.typ {
			return strings.Compare(g.ids[a.end], g.ids[b.end])
		}
		ta, tb := string(RelTypes[a.typ]), string(RelTypes[b.typ])
		if !strings.HasPrefix(ta, tb) && !strings.HasPrefix(tb, ta) {
			return strings.Compare(ta, tb)
		}
	} else {
		sa, sb := g.ids[a.start], g.ids[b.start]
		if !strings.HasPrefix(sa, sb) && !strings.HasPrefix(sb, sa) {
			return strings.Compare(sa, sb)
		}
	}
	// one part is a prefix of the other: what follows it decides, so compare the whole ids
	return strings.Compare(RelID(RelTypes[a.typ], g.ids[a.start], g.ids[a.end]), RelID(RelTypes[b.typ], g.ids[b.start], g.ids[b.end]))
}

// NodeIDs returns the node ids in sorted order.
func (g *Graph) NodeIDs() []string {
	ids := make([]string, 0, len(g.Nodes))
	for id := range g.Nodes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// RelIDs returns the relationship ids in sorted order.
func (g *Graph) RelIDs() []string {
	ids := make([]string, 0, len(g.rels))
	for _, i := range g.relOrder() {
		r := &g.rels[i]
		ids = append(ids, RelID(RelTypes[r.typ], g.ids[r.start], g.ids[r.end]))
	}
	return ids
}

// CountLabels returns how many nodes carry each label.
func (g *Graph) CountLabels() map[Label]int {
	m := map[Label]int{}
	for _, n := range g.Nodes {
		m[n.Label]++
	}
	return m
}

// CountTypes returns how many relationships there are of each type.
func (g *Graph) CountTypes() map[RelType]int {
	m := map[RelType]int{}
	for i := range g.rels {
		m[RelTypes[g.rels[i].typ]]++
	}
	return m
}
