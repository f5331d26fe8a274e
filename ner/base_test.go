package ner

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/synth"
)

// resolveDocs analyses docs (file name -> text) and resolves them onto base (nil for none).
func resolveDocs(t testing.TB, docs map[string]string, base *Base) *graph.Graph {
	t.Helper()
	return resolveWith(t, docs, ResolveOptions{Base: base}).Graph
}

// dayByDay builds each day onto the graph of the days before it and returns the merged graph.
func dayByDay(t testing.TB, days []map[string]string) *graph.Graph {
	t.Helper()
	var g *graph.Graph
	for _, day := range days {
		if g == nil {
			g = resolveDocs(t, day, nil)
			continue
		}
		if err := MergeOnto(g, resolveDocs(t, day, BaseFromGraph(g))); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

// allAtOnce builds every day's documents in one build.
func allAtOnce(t testing.TB, days []map[string]string) *graph.Graph {
	t.Helper()
	all := map[string]string{}
	for _, day := range days {
		for name, text := range day {
			all[name] = text
		}
	}
	return resolveDocs(t, all, nil)
}

func people(g *graph.Graph) []string {
	var out []string
	for _, id := range g.NodeIDs() {
		if g.Nodes[id].Label == graph.Person {
			out = append(out, id)
		}
	}
	return out
}

// TestSurnamesResolveOntoTheBase: a later article that names people of the base by surname only adds no
// person; a surname two people of the base share stays apart.
func TestSurnamesResolveOntoTheBase(t *testing.T) {
	day1 := map[string]string{
		"d1/a.txt": article + "Foreign Minister Ana Reyes met Tomas Okafor in Lima on Monday. Luis Okafor, his brother, was not there.\n",
		"d1/b.txt": article + "Kwame Mensah said on Monday that the Harbour Relief Agency (HRA) would send aid to Lima.\n",
	}
	day2 := map[string]string{
		"d2/a.txt": article + "Reyes said on Tuesday the talks with Mensah in Quito went well. Okafor did not attend. The HRA said it would help.\n",
	}
	g := dayByDay(t, []map[string]string{day1, day2})
	before := resolveDocs(t, day1, nil)
	if p, q := people(before), people(g); !slices.Equal(p, q) {
		t.Errorf("people after day 2 %v, want those of day 1 %v", q, p)
	}
	for id, alias := range map[string]string{"person/ana-reyes": "Reyes", "person/kwame-mensah": "Mensah", "org/harbour-relief-agency": "HRA"} {
		n := g.Nodes[id]
		if n == nil {
			t.Fatalf("no %s; nodes: %s", id, nodeNames(g))
		}
		if !slices.Contains(n.Props.Strings("aliases"), alias) {
			t.Errorf("%s aliases %v, want %q from day 2", id, n.Props.Strings("aliases"), alias)
		}
		if n.Props["mentions"] != before.Nodes[id].Props["mentions"].(int64)+1 {
			t.Errorf("%s has %v mentions, want day 1's %v and one more", id, n.Props["mentions"], before.Nodes[id].Props["mentions"])
		}
	}
	for _, id := range []string{"person/tomas-okafor", "person/luis-okafor"} {
		if slices.Contains(g.Nodes[id].Props.Strings("aliases"), "Okafor") {
			t.Errorf("the surname two people share resolved to %s", id)
		}
	}
}

// TestFullNameJoinsASurnameSeenAlone: a person known by surname only (vouched for by a title) is joined
// by the full name a later day gives, keeping the id it was first given; an acronym met alone is joined
// by its spelled-out name; and building everything at once gives the same ids.
func TestFullNameJoinsASurnameSeenAlone(t *testing.T) {
	days := []map[string]string{
		{"d1/a.txt": article + "President Zalewski said on Monday that the OKW would meet in Gdansk.\n"},
		{"d2/a.txt": article + "Marta Zalewski spoke in Gdansk on Tuesday. The Ostrava Kolder Works (OKW) said it agreed.\n"},
	}
	g := dayByDay(t, days)
	p := g.Nodes["person/zalewski"]
	if p == nil || !slices.Contains(p.Props.Strings("aliases"), "Marta Zalewski") || len(people(g)) != 1 {
		t.Fatalf("people %v, want person/zalewski named Marta Zalewski too; nodes: %s", people(g), nodeNames(g))
	}
	if p.Props.String("name") != "Marta Zalewski" {
		t.Errorf("name %q, want the full name", p.Props.String("name"))
	}
	if o := g.Nodes["org/okw"]; o == nil || !slices.Contains(o.Props.Strings("aliases"), "Ostrava Kolder Works") {
		t.Errorf("the acronym met alone is not joined by its name; nodes: %s", nodeNames(g))
	}
	if d := graph.Diff(allAtOnce(t, days), g, "name"); len(d) > 0 {
		t.Errorf("day by day differs from all at once:\n%s", strings.Join(d, "\n"))
	}
}

// TestIDsHaveNoTitles: an id is the name without titles, honorifics or office words, whatever the first
// article called the person.
func TestIDsHaveNoTitles(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"Senators Ana Reyes", "Ana Reyes"},
		{"Acting Deputy Mayor Tomas Okafor", "Tomas Okafor"},
		{"Dr. Kwame Mensah", "Kwame Mensah"},
		{"Sir Reyes", "Reyes"},
		{"Chief", "Chief"},
		{"Ana Reyes", "Ana Reyes"},
	} {
		if got := withoutTitles(tt.name); got != tt.want {
			t.Errorf("withoutTitles(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
	g := resolveDocs(t, map[string]string{"a.txt": article + "Senators Ana Reyes and Luis Okafor met in Lima on Monday.\n"}, nil)
	for _, id := range people(g) {
		if strings.Contains(id, "senator") {
			t.Errorf("id %s holds a title; nodes: %s", id, nodeNames(g))
		}
	}
}

// TestDayByDayEqualsAllAtOnce: 2,000 generated articles built in 10 days, each onto the last, give the
// graph one build of all of them gives: the same entity ids, aliases and relationships, and no entity
// twice.
func TestDayByDayEqualsAllAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("2,000 articles")
	}
	c := synth.New(11, 400, 60)
	var days []map[string]string
	for d := 0; d < 10; d++ {
		day := map[string]string{}
		for i := 0; i < 200; i++ {
			day[fmt.Sprintf("day%02d/%04d.txt", d, d*200+i)] = c.Article(d*200 + i)
		}
		days = append(days, day)
	}
	all, daily := allAtOnce(t, days), dayByDay(t, days)
	if d := graph.Diff(all, daily, "name"); len(d) > 0 {
		t.Errorf("day by day differs from all at once:\n%s", strings.Join(d, "\n"))
	}
	if n := len(people(all)); n < 300 {
		t.Errorf("only %d people in 2,000 articles of 400", n)
	}
	if dup := duplicates(daily); len(dup) > 0 {
		t.Errorf("entities twice: %v", dup)
	}
}

// duplicates lists the person and organization nodes that share a folded name with another node.
func duplicates(g *graph.Graph) []string {
	by := map[string][]string{}
	for _, id := range g.NodeIDs() {
		n := g.Nodes[id]
		if n.Label == graph.Person || n.Label == graph.Organization {
			k := string(n.Label) + " " + graph.Slug(n.Props.String("name"))
			by[k] = append(by[k], id)
		}
	}
	var out []string
	for k, ids := range by {
		if len(ids) > 1 {
			out = append(out, k+": "+strings.Join(ids, ", "))
		}
	}
	sort.Strings(out)
	return out
}

// TestDayByDayEqualsAllAtOnceForSharedNames: people who share a surname or a name's ending resolve the
// same way built day by day and at once, and different people stay apart.
func TestDayByDayEqualsAllAtOnceForSharedNames(t *testing.T) {
	say := func(file, who string) map[string]string {
		return map[string]string{file: article + who + " spoke to reporters in Quito on Monday evening.\n"}
	}
	for _, tt := range []struct {
		name   string
		days   []map[string]string
		people int
	}{
		{"a short name, then two longer ones", []map[string]string{say("d1/a.txt", "Maria Santos"), say("d2/a.txt", "Ana Maria Santos"), say("d3/a.txt", "Jose Maria Santos")}, 2},
		{"two longer names, then a short one", []map[string]string{say("d1/a.txt", "Ana Maria Santos"), say("d2/a.txt", "Jose Maria Santos"), say("d3/a.txt", "Maria Santos")}, 3},
		{"a surname alone, then two full names", []map[string]string{say("d1/a.txt", "President Zalewski"), say("d2/a.txt", "Marta Zalewski"), say("d3/a.txt", "Piotr Zalewski")}, 2},
		{"a surname alone, then two full names in one file", []map[string]string{say("d1/a.txt", "President Zalewski"),
			{"d2/a.txt": article + "Marta Zalewski and Piotr Zalewski spoke to reporters in Quito on Monday evening.\n"}}, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			all, daily := allAtOnce(t, tt.days), dayByDay(t, tt.days)
			if d := graph.Diff(all, daily, "name"); len(d) > 0 {
				t.Errorf("day by day differs from all at once:\n%s", strings.Join(d, "\n"))
			}
			if n := len(people(daily)); n != tt.people {
				t.Errorf("%d people, want %d: %s", n, tt.people, nodeNames(daily))
			}
		})
	}
}
