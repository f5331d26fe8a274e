package ner

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/synth"
)

// checkIDs checks that every entity id is its label's prefix and the slug of its name, except the
// documented ones: countries (ISO), cities (GeoNames), regions (ISO 3166-2 or a world region's slug),
// events, an organization's country qualifier, and collision suffixes.
func checkIDs(t *testing.T, g *graph.Graph) int {
	t.Helper()
	n := 0
	for _, id := range g.NodeIDs() {
		node := g.Nodes[id]
		if node.Label != graph.Person && node.Label != graph.Organization {
			continue
		}
		n++
		want := map[graph.Label]string{graph.Person: "person/", graph.Organization: "org/"}[node.Label]
		rest := strings.TrimPrefix(id, want)
		if q, r, ok := strings.Cut(rest, "/"); ok && node.Label == graph.Organization && len(q) == 2 {
			rest = r
		}
		ok := false
		for _, a := range node.Props.Strings("aliases") {
			if node.Label == graph.Person {
				a = withoutTitles(a)
			}
			if slug := graph.Slug(a); slug != "" && (rest == slug || strings.HasPrefix(rest, slug+"-")) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%s %q has id %q, not the slug of one of its names %q", node.Label, node.Props.String("name"), id, node.Props.Strings("aliases"))
		}
	}
	return n
}

func TestIDsAreSlugsOfNames(t *testing.T) {
	ex := extractor(t)
	c := synth.New(3, 60, 20)
	var ds []*Document
	for i := 0; i < 300; i++ {
		d, err := ex.Analyse(context.Background(), fmt.Sprintf("g%03d.txt", i), c.Article(i))
		if err != nil {
			t.Fatal(err)
		}
		ds = append(ds, d)
	}
	cp, err := Resolve(ds, ResolveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n := checkIDs(t, cp.Graph); n < 50 {
		t.Errorf("only %d people and organizations in 300 generated articles", n)
	}
	g := corpus(t, map[string]string{
		"a.txt": article + "Dr. Ana Reyes met Senator Tomas Okafor and officials of the Harbour Relief Agency in Lima on Monday.\n",
		"b.txt": article + "On Monday, Chloé Dubois-Martin met Łukasz Żak of the Baltic Shipping Federation in Paris. Łukasz Żak said the talks went well. Officials said Søren Østergaard agreed.\n",
	}).Graph
	if n := checkIDs(t, g); n < 4 {
		t.Errorf("only %d people and organizations; nodes: %s", n, nodeNames(g))
	}
	for _, id := range []string{"person/ana-reyes", "person/tomas-okafor", "person/lukasz-zak", "person/soren-ostergaard"} {
		if g.Nodes[id] == nil {
			t.Errorf("no node %s; nodes: %v", id, g.NodeIDs())
		}
	}
}

// TestSpellingPairsMeet: two spellings of one person, in two articles, are one node whose id is the slug
// of a name as written, never the folded matching key.
func TestSpellingPairsMeet(t *testing.T) {
	for _, tt := range []struct{ name, a, b, id string }{
		{"al- and el-", "Karim al-Masri", "Karim el-Masri", ""},
		{"kh and h", "Khalid Rahimov", "Halid Rahimov", ""},
		{"doubled letters", "Yussuf Hassanov", "Yusuf Hasanov", ""},
		{"y and i", "Dmitry Volkov", "Dmitri Volkov", ""},
		{"accents", "José Nuñez", "Jose Nunez", ""},
		{"Muhammad and Mohammed", "Muhammad Saleh Barzani", "Mohammed Saleh Barzani", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g := corpus(t, map[string]string{
				"a.txt": article + tt.a + " spoke to reporters in Nairobi on Monday evening.\n",
				"b.txt": article + tt.b + " spoke to reporters in Nairobi on Tuesday evening.\n",
				"c.txt": article + tt.a + " said on Wednesday that the talks in Nairobi had ended.\n",
			}).Graph
			a, b := find(g, graph.Person, tt.a), find(g, graph.Person, tt.b)
			if a == nil || a != b {
				t.Fatalf("%q and %q are not one person; nodes: %s", tt.a, tt.b, nodeNames(g))
			}
			if want := "person/" + graph.Slug(tt.a); a.ID != want {
				t.Errorf("id %q, want %q (the slug of the name in the first file)", a.ID, want)
			}
		})
	}
}

// TestIDCollisionsGetSuffixes: two entities whose names slug alike keep apart with -2, -3, in the order
// of their matching keys, and a slug never takes a place's or event's id.
func TestIDCollisionsGetSuffixes(t *testing.T) {
	ent := func(key string, label graph.Label, name string) *entity {
		return &entity{id: key, label: label, surfaces: map[string]int{name: 1}, mentions: 1}
	}
	r := &resolver{ents: map[string]*entity{
		"person/ana-reies-1": ent("person/ana-reies-1", graph.Person, "Ana Reyes"),
		"person/ana-reies-2": ent("person/ana-reies-2", graph.Person, "Ana Réyes"),
		"person/ana-reies-3": ent("person/ana-reies-3", graph.Person, "Ana-Reyes"),
		"org/ru/ministry":    ent("org/ru/ministry", graph.Organization, "Energy Ministry"),
		"org/energy":         ent("org/energy", graph.Organization, "Energy Ministry"),
		"person/x":           ent("person/x", graph.Person, "Dr. Tomas Okafor"),
	}}
	r.assignIDs()
	want := map[string]string{
		"person/ana-reies-1": "person/ana-reyes", "person/ana-reies-2": "person/ana-reyes-2", "person/ana-reies-3": "person/ana-reyes-3",
		"org/ru/ministry": "org/ru/energy-ministry", "org/energy": "org/energy-ministry", "person/x": "person/tomas-okafor",
	}
	for key, id := range want {
		if got := r.ents[key].pub; got != id {
			t.Errorf("id(%s) = %s, want %s", key, got, id)
		}
	}
}

// TestInvisibleCharactersFoldOut: a zero-width joiner or a direction mark in or around a name does not
// make another entity, cut the name, or leave a trace in the id or the aliases.
func TestInvisibleCharactersFoldOut(t *testing.T) {
	docs := map[string]string{"z.txt": article + "Kwame Mensah met officials in Accra on Monday evening.\n"}
	variants := []string{"Kwa\u200dme Mensah", "Kwame\u200e Mensah", "\u200fKwame Mensah", "Kwame Men\u200bsah", "Kwame Mensah\u200f"}
	for i, v := range variants {
		docs[fmt.Sprintf("%d.txt", i)] = article + v + " met officials in Accra on Monday evening.\n"
	}
	g := corpus(t, docs).Graph
	var people []string
	for _, id := range g.NodeIDs() {
		if g.Nodes[id].Label == graph.Person {
			people = append(people, id)
		}
	}
	if len(people) != 1 || people[0] != "person/kwame-mensah" {
		t.Fatalf("people %v, want one person/kwame-mensah; nodes: %s", people, nodeNames(g))
	}
	p := g.Nodes[people[0]].Props
	if n := p["mentions"]; n != int64(len(variants)+1) {
		t.Errorf("person/kwame-mensah has %v mentions, want one from each article", n)
	}
	if a := p.Strings("aliases"); len(a) != 1 || a[0] != "Kwame Mensah" {
		t.Errorf("aliases %q, want only the visible name", a)
	}
}
