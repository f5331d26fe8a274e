package ner

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ner/tagger"
)

func TestEmbeddedModelLoads(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	if m.Features() == 0 || len(m.Notes.Training) == 0 || len(m.Notes.HeldOut) < len(HeldOutSets) || m.Notes.Licence == "" {
		t.Errorf("model without weights or notes: %d features, notes %+v", m.Features(), m.Notes)
	}
}

// TestNameFailureClasses covers, with invented sentences, each class of error issue 12 lists: what must
// be a node with which label, and what must not be a node at all.
func TestNameFailureClasses(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		want    map[string]graph.Label
		notWant []string
	}{
		{"an unknown organization is not a person", "Amnesty Watch International said on Monday that the talks had failed.",
			map[string]graph.Label{"Amnesty Watch International": graph.Organization}, []string{"Amnesty Watch"}},
		{"an organization named by its kind", "Officials said on Monday that the Harbour Relief Agency had left.",
			map[string]graph.Label{"Harbour Relief Agency": graph.Organization}, []string{"Agency"}},
		{"sentence-opening words are not part of names", "Yesterday Miriam Okafor opened the plant. Afterwards Okafor left for Nairobi.",
			map[string]graph.Label{"Miriam Okafor": graph.Person, "Nairobi": graph.City}, []string{"Yesterday Miriam Okafor", "Afterwards Okafor"}},
		{"a title is not part of a name", "Crisis Management Commissioner Lena Varga spoke in Vienna on Monday.",
			map[string]graph.Label{"Lena Varga": graph.Person, "Vienna": graph.City}, []string{"Crisis Management Commissioner Lena Varga", "Crisis Management Lena Varga"}},
		{"a name with an initial stays whole", "Maria T. Costa met reporters in Lisbon on Monday.",
			map[string]graph.Label{"Maria T. Costa": graph.Person, "Lisbon": graph.City}, []string{"Maria T"}},
		{"an organization without a suffix word", "Shares of Microsoft rose on Monday after the Kestrel Holdings deal, officials said.",
			map[string]graph.Label{"Microsoft": graph.Organization, "Kestrel Holdings": graph.Organization}, []string{"Microsoft Person"}},
		{"an administration is not an organization named after a person", "The Garcia administration said on Monday that it would appeal.",
			nil, []string{"Garcia"}},
		{"common words in capitals are not organizations", "Police said the Opposition had met. Former officials agreed.",
			nil, []string{"Police", "Opposition", "Former"}},
		{"an abbreviation of an office is not a place", "An MP from Kent said the vote would pass.",
			nil, []string{"Northern Mariana Islands", "MP"}},
		{"an English word is not a country in another language", "The Island ferry left the harbour on Monday.",
			nil, []string{"Iceland", "Island"}},
		{"a spelled-out acronym is one organization", "The Federal Water Safety Board (FWSB) met in Ottawa on Monday.",
			map[string]graph.Label{"Federal Water Safety Board": graph.Organization, "FWSB": graph.Organization, "Ottawa": graph.City}, nil},
		{"hyphenated names stay whole", "Officials said Kim Jong-un met Ban Ki-moon and Jean-Claude Juncker in Seoul, while Hewlett-Packard said profits rose.",
			map[string]graph.Label{"Kim Jong-un": graph.Person, "Ban Ki-moon": graph.Person, "Jean-Claude Juncker": graph.Person, "Hewlett-Packard": graph.Organization},
			[]string{"Kim", "Juncker"}},
		{"a generic acronym is not an organization", "An NGO working in Nairobi said on Monday that an MNC had left.",
			map[string]graph.Label{"Nairobi": graph.City}, []string{"NGO", "MNC"}},
		{"a country in a headline-free sentence", "Kenya and Uganda signed a trade pact in Kampala on Friday.",
			map[string]graph.Label{"Kenya": graph.Country, "Uganda": graph.Country, "Kampala": graph.City}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkNames(t, tt.name, tt.text, tt.want, tt.notWant)
		})
	}
}

// TestUnsureNamesAreListedNotGraphed uses a model trained on four invented sentences, unsure of most
// names in other text: such names are listed with their confidence and no entity, and are not nodes.
func TestUnsureNamesAreListedNotGraphed(t *testing.T) {
	var sents []tagger.Sentence
	for _, r := range []string{"Ana/B-PER Reyes/I-PER spoke/O ./O", "Officials/O in/O Quito/B-LOC agreed/O ./O",
		"The/O Kestrel/B-ORG Bank/I-ORG said/O so/O ./O", "Reyes/B-PER met/O Lena/B-PER Varga/I-PER ./O"} {
		var s tagger.Sentence
		for _, wt := range strings.Fields(r) {
			w, l, _ := strings.Cut(wt, "/")
			s.Words = append(s.Words, w)
			s.Gold = append(s.Gold, tagger.ParseLabel(l))
		}
		sents = append(sents, s)
	}
	ex, err := NewExtractorWithModel(tagger.Train(sents, tagger.TrainOptions{Epochs: 1, Seed: 1}))
	if err != nil {
		t.Fatal(err)
	}
	text := article + "Tomas Okafor and Miriam Achebe visited the Harbour Trust in Porto-Novo, said Kwame Mensah of Quito. The Kenya Revenue Authority (KRA) agreed.\n"
	d, err := ex.WithOffsets().Analyse(context.Background(), "a.txt", text)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Resolve([]*Document{d}, ResolveOptions{Mentions: true})
	if err != nil {
		t.Fatal(err)
	}
	unsure := 0
	for _, am := range c.Mentions {
		for _, m := range am.Mentions {
			if m.Confidence == 0 {
				continue
			}
			unsure++
			if m.Entity != "" || m.Label != "" || m.Confidence >= minConfidence || m.Tagged == "" || text[m.Start:m.End] != m.Text {
				t.Errorf("unsure mention %+v: want no entity or label, a coarse kind, confidence under %v, its text at its offsets", m, minConfidence)
			}
			if first, last := m.Text[0], m.Text[len(m.Text)-1]; first < 'A' || first > 'Z' || !unicode.IsLetter(rune(last)) {
				t.Errorf("unsure mention %q is not trimmed to its name", m.Text)
			}
			for _, o := range am.Mentions {
				if o.Entity != "" && o.Start < m.End && m.Start < o.End {
					t.Errorf("unsure mention %q overlaps the mention %q of %s", m.Text, o.Text, o.Entity)
				}
			}
			for _, l := range graph.Labels {
				if n := find(c.Graph, l, m.Text); n != nil && l != graph.Country && l != graph.City {
					t.Errorf("unsure name %q is a %s node", m.Text, l)
				}
			}
		}
	}
	if unsure == 0 {
		t.Fatalf("the tiny model was sure of every name; mentions: %+v", c.Mentions)
	}
}

// TestPlaceIdentityFromContext: the gazetteer chooses among places that share a name by the countries
// the story names; a name of subdivisions in several countries with nothing to choose by stays out.
func TestPlaceIdentityFromContext(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		want  map[string]string // name -> node id
		wrong []string          // node ids that must not exist
	}{
		{"a US state, not the country", "The governor of Georgia spoke in Atlanta on Monday about American farm exports.",
			map[string]string{"Georgia": "region/US-GA"}, []string{"country/GE"}},
		{"the country when the story says so", "Georgia and Armenia signed a transit deal in Tbilisi on Monday.",
			map[string]string{"Georgia": "country/GE"}, []string{"region/US-GA"}},
		{"a US state, not a county in Liberia", "Officials in Baltimore, Maryland, said the United States would send aid.",
			map[string]string{"Maryland": "region/US-MD"}, []string{"region/LR-MY"}},
		{"one name, two countries, no evidence", "Flooding hit Maryland on Monday, officials said.",
			nil, []string{"region/LR-MY", "region/US-MD"}},
		{"a country named outright stays a country beside one mention of another", "Georgia accused Russia of aggression on Monday, and the United States urged calm.",
			map[string]string{"Georgia": "country/GE"}, []string{"region/US-GA"}},
		{"a country beside a neighbour with a like-named state", "Niger closed its border with Nigeria on Monday after the coup in Niamey.",
			map[string]string{"Niger": "country/NE"}, []string{"region/NG-NI"}},
		{"a country whose capital's name is shared", "Jamaica's prime minister met United States officials in Kingston on Monday.",
			map[string]string{"Jamaica": "country/JM"}, nil},
		{"a region named with a hyphen is not its first part", "Trade across the Asia-Pacific grew on Monday, analysts said.",
			nil, []string{"region/asia"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := corpus(t, map[string]string{"a.txt": article + tt.text + "\n"}).Graph
			for name, id := range tt.want {
				n := g.Nodes[id]
				if n == nil || n.Props.String("name") != name && !slices.Contains(n.Props.Strings("aliases"), name) {
					t.Errorf("no node %s named %q; nodes: %s", id, name, nodeNames(g))
				}
			}
			for _, id := range tt.wrong {
				if g.Nodes[id] != nil {
					t.Errorf("unexpected node %s; nodes: %s", id, nodeNames(g))
				}
			}
		})
	}
}

func TestWithoutLegalForm(t *testing.T) {
	for in, want := range map[string]string{
		"Acme Widgets Group, Inc.":   "Acme Widgets",
		"Kestrel Corporation":        "Kestrel",
		"Harbour Trust Holdings plc": "Harbour Trust",
		"Group Inc.":                 "Group", // one word stays
		"Bright Lake Airlines":       "Bright Lake Airlines",
	} {
		if got := withoutLegalForm(in); got != want {
			t.Errorf("withoutLegalForm(%q) = %q, want %q", in, got, want)
		}
	}
}
