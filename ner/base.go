package ner

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ner/gazetteer"
)

// BaseEntity is what an earlier graph says of one entity: enough to resolve new mentions to it.
type BaseEntity struct {
	ID      string
	Label   graph.Label
	Name    string
	Aliases []string
	Acronym string
}

// BaseArticle is a dated article of an earlier graph and the entities it mentions, from which an undated
// new article may take its date (the same event reported again).
type BaseArticle struct {
	ID, Date string
	Entities []string
}

// Base indexes the entities of an earlier graph so that new articles resolve onto them (ResolveOptions.
// Base): a full name, a surname, an organization's name, its acronym or initials find the entity when
// exactly one fits. Its entities come before everything a build reads: they are what the graph already
// knew.
type Base struct {
	ents map[string]*baseEntity // id -> entity
	// matching keys -> entity ids: persons by full name, by a proper ending of a longer name and by last
	// word; organizations by name, acronym and initials. A key that fits several entities maps to two of
	// them (see addID): callers use it only when one fits.
	persons, personEnds, surnames map[string][]string
	orgs, acronyms, initials      map[string][]string
	posting                       map[string][]int32 // entity id -> dated articles that mention it
	dates                         []string           // dated article -> its date
	sizes                         []int              // dated article -> how many entities it mentions
}

type baseEntity struct {
	label graph.Label
	name  string
	// short: every name the entity is known by is one word (a surname, an acronym): a fuller name found
	// later may join it
	short bool
	// fulls are the matching keys of a person's names of several words
	fulls []string
}

// compatible reports whether a person named by matching key k may be base person id: each of its names
// of several words is k, or ends k, or is ended by k ("Maria Santos" and "Ana Maria Santos", not "Ana
// Maria Santos" and "Jose Maria Santos").
func (b *Base) compatible(id, k string) bool {
	e := b.ents[id]
	if e == nil {
		return false
	}
	for _, f := range e.fulls {
		if f != k && !strings.HasSuffix(k, "-"+f) && !strings.HasSuffix(f, "-"+k) {
			return false
		}
	}
	return true
}

// NewBase indexes ents and arts.
func NewBase(ents []BaseEntity, arts []BaseArticle) *Base {
	b := &Base{ents: make(map[string]*baseEntity, len(ents)),
		persons: make(map[string][]string, len(ents)), personEnds: map[string][]string{}, surnames: make(map[string][]string, len(ents)/2),
		orgs: make(map[string][]string, len(ents)/4), acronyms: map[string][]string{}, initials: map[string][]string{},
		posting: map[string][]int32{}}
	gaz := gazetteer.Default()
	for _, e := range ents {
		if e.ID == "" || !e.Label.Valid() || e.Label == graph.Article {
			continue
		}
		be := &baseEntity{label: e.Label, name: e.Name, short: true}
		b.ents[e.ID] = be
		names := e.Aliases
		if e.Name != "" && !slices.Contains(names, e.Name) {
			names = append(names[:len(names):len(names)], e.Name)
		}
		for _, a := range names {
			words := strings.Fields(a)
			if len(words) > 1 {
				be.short = false
			}
			switch e.Label {
			case graph.Person:
				b.indexPerson(e.ID, words)
			case graph.Organization:
				b.indexOrg(gaz, e.ID, words)
			}
		}
		if acr := strings.ReplaceAll(e.Acronym, ".", ""); acr != "" && e.Label == graph.Organization {
			b.acronyms[acr] = addID(b.acronyms[acr], e.ID)
		}
	}
	for i, a := range arts {
		b.dates = append(b.dates, a.Date)
		b.sizes = append(b.sizes, len(a.Entities))
		for _, id := range a.Entities {
			b.posting[id] = append(b.posting[id], int32(i))
		}
	}
	return b
}

// addID adds id to the ids a key fits. Callers use a key only when one entity fits it, so two ids are
// as many as it keeps; an entity's names are indexed together, so a repeat of id is the last one.
func addID(l []string, id string) []string {
	if len(l) >= 2 || len(l) == 1 && l[0] == id {
		return l
	}
	return append(l, id)
}

func (b *Base) indexPerson(id string, words []string) {
	if len(words) == 0 {
		return
	}
	if len(words) == 1 {
		t := translit(words[0])
		b.surnames[t] = addID(b.surnames[t], id)
		return
	}
	key := personKey(words)
	b.persons[key] = addID(b.persons[key], id)
	if e := b.ents[id]; e != nil && !slices.Contains(e.fulls, key) {
		e.fulls = append(e.fulls, key)
	}
	parts := strings.Split(key, "-")
	b.surnames[parts[len(parts)-1]] = addID(b.surnames[parts[len(parts)-1]], id)
	for j := 1; j+1 < len(parts); j++ {
		end := strings.Join(parts[j:], "-")
		b.personEnds[end] = addID(b.personEnds[end], id)
	}
}

func (b *Base) indexOrg(gaz *gazetteer.Gazetteer, id string, words []string) {
	if len(words) == 1 && isAcronym(words[0]) {
		acr := strings.ReplaceAll(words[0], ".", "")
		b.acronyms[acr] = addID(b.acronyms[acr], id)
		return
	}
	var qual *gazetteer.Place
	// an organization qualified by its country carries it in its id: org/ru/...
	if parts := strings.Split(id, "/"); len(parts) == 3 && len(parts[1]) == 2 {
		qual = gaz.Country(strings.ToUpper(parts[1]))
	}
	key := orgMatchKey(gaz, words, qual)
	b.orgs[key] = addID(b.orgs[key], id)
	if ini := initials(words); len(ini) >= 2 && len(words) >= 2 {
		b.initials[ini] = addID(b.initials[ini], id)
	}
}

// one returns the single entity of label l among ids, or "".
func (b *Base) one(ids []string, l graph.Label) string {
	found := ""
	for _, id := range ids {
		if e := b.ents[id]; e != nil && e.label == l {
			if found != "" {
				return ""
			}
			found = id
		}
	}
	return found
}

// shortOne is one, among the entities known by one word only.
func (b *Base) shortOne(ids []string, l graph.Label) string {
	var short []string
	for _, id := range ids {
		if e := b.ents[id]; e != nil && e.short {
			short = append(short, id)
		}
	}
	if len(short) != len(ids) {
		return "" // a full name shares the word: the short entity may be someone else
	}
	return b.one(short, l)
}

// Len returns how many entities b holds.
func (b *Base) Len() int {
	if b == nil {
		return 0
	}
	return len(b.ents)
}

// Has reports whether id is an entity of b.
func (b *Base) Has(id string) bool { return b != nil && b.ents[id] != nil }

// BaseFromGraph indexes the entities of g and its dated articles (not those whose date was inferred).
func BaseFromGraph(g *graph.Graph) *Base {
	var ents []BaseEntity
	var arts []BaseArticle
	artIndex := map[string]int{}
	ents = make([]BaseEntity, 0, len(g.Nodes))
	// in map order: an index does not depend on the order it was given its entities in
	for id, n := range g.Nodes {
		if n.Label == graph.Article {
			if d := n.Props.String("date"); d != "" && n.Props["date_inferred"] != true {
				artIndex[id] = len(arts)
				arts = append(arts, BaseArticle{ID: id, Date: d})
			}
			continue
		}
		ents = append(ents, BaseEntity{ID: id, Label: n.Label, Name: n.Props.String("name"),
			Aliases: n.Props.Strings("aliases"), Acronym: n.Props.String("acronym")})
	}
	for r := range g.Rels() {
		if i, ok := artIndex[r.Start]; ok && r.Type == graph.Mentions {
			arts[i].Entities = append(arts[i].Entities, r.End)
		}
	}
	return NewBase(ents, arts)
}

// MergeOnto merges delta, a graph Resolve built onto base's index (BaseFromGraph), into base: nodes
// and relationships merge their properties (graph.Props.Merge: role as graph.BestRole), then Settle.
func MergeOnto(base, delta *graph.Graph) error {
	for _, id := range delta.NodeIDs() {
		if err := base.AddNode(*delta.Nodes[id]); err != nil {
			return fmt.Errorf("merge onto the base: %w", err)
		}
	}
	for r := range delta.Rels() {
		if err := base.AddRel(*r); err != nil {
			return fmt.Errorf("merge onto the base: %w", err)
		}
	}
	Settle(base)
	return nil
}

// Settle recomputes, after graphs were merged (a build onto a base), the one property that is not a
// merge of the parts: an entity's mentions, the sum of its MENTIONS counts.
func Settle(g *graph.Graph) {
	sum := map[string]int64{}
	for r := range g.Rels() {
		if r.Type == graph.Mentions {
			c, _ := r.Props[graph.KeyCount].(int64)
			sum[r.End] += c
		}
	}
	for id, n := range g.Nodes {
		if n.Label != graph.Article {
			if _, ok := n.Props["mentions"]; ok || sum[id] > 0 {
				n.Props["mentions"] = sum[id]
			}
		}
	}
}

// placesByID maps every gazetteer place to its entity id, for a base's places (built once, on demand).
var placesByID = sync.OnceValue(func() map[string]*gazetteer.Place {
	g := gazetteer.Default()
	m := map[string]*gazetteer.Place{}
	for _, k := range []gazetteer.Kind{gazetteer.Country, gazetteer.Region, gazetteer.Continent, gazetteer.City} {
		for _, p := range g.Places(k) {
			if id := placeID(p); m[id] == nil {
				m[id] = p
			}
		}
	}
	return m
})
