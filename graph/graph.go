// Package graph is newsgraph's domain: articles, mentions, entities, relationships, the closed vocabulary
// of node labels and relationship types, and the snapshot format (APOC JSON lines) they are written in.
//
// Every other package imports graph; graph imports none of them. It knows nothing of Neo4j, of prose or of
// how entities are found.
package graph

import (
	"fmt"
	"sort"
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
)

// RelTypes lists every relationship type, in a fixed order.
var RelTypes = []RelType{Mentions, HoldsOffice, MetWith, Visited, Accompanied, ParticipatedIn,
	TookPlaceIn, LocatedIn, ResponsibleFor, MemberOf}

// Valid reports whether t is in the vocabulary.
func (t RelType) Valid() bool {
	for _, v := range RelTypes {
		if v == t {
			return true
		}
	}
	return false
}

// Symmetric reports whether a relationship of type t means the same read in both directions.
func (t RelType) Symmetric() bool { return t == MetWith }

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

// Graph holds nodes and relationships keyed by id. The zero value is not usable; call New.
type Graph struct {
	Nodes map[string]*Node
	Rels  map[string]*Rel
}

// New returns an empty graph.
func New() *Graph {
	return &Graph{Nodes: map[string]*Node{}, Rels: map[string]*Rel{}}
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
	return nil
}

// AddRel merges r into the graph. Symmetric types are stored with Start < End. The id is derived from
// type and ends. It returns an error for a type outside the vocabulary or an end that is not a node.
func (g *Graph) AddRel(r Rel) error {
	if !r.Type.Valid() {
		return fmt.Errorf("relationship %s->%s: type %q is not in the vocabulary", r.Start, r.End, r.Type)
	}
	if r.Type.Symmetric() && r.End < r.Start {
		r.Start, r.End = r.End, r.Start
	}
	for _, end := range []string{r.Start, r.End} {
		if _, ok := g.Nodes[end]; !ok {
			return fmt.Errorf("relationship %s: node %q is not in the graph", r.Type, end)
		}
	}
	r.ID = RelID(r.Type, r.Start, r.End)
	if old, ok := g.Rels[r.ID]; ok {
		old.Props.Merge(r.Props)
		return nil
	}
	p := Props{}
	p.Merge(r.Props)
	g.Rels[r.ID] = &Rel{ID: r.ID, Type: r.Type, Start: r.Start, End: r.End, Props: p}
	return nil
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
	ids := make([]string, 0, len(g.Rels))
	for id := range g.Rels {
		ids = append(ids, id)
	}
	sort.Strings(ids)
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
	for _, r := range g.Rels {
		m[r.Type]++
	}
	return m
}
