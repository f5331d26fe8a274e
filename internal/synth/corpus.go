// Package synth writes deterministic synthetic news articles for benchmarks: many distinct people
// (generated names), places drawn from the gazetteer, organizations and events, in sentences of the
// kinds real wire copy uses, so that resolution is exercised at scale and not only tokenisation. It is
// for measuring speed; accuracy is measured on real articles.
package synth

import (
	"fmt"
	"math/rand"
	"strings"

	"github.com/newsgraph/newsgraph/ner/gazetteer"
)

var (
	onsets = []string{"b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "sh", "kh", "al", "or", "em", "an", "ir"}
	vowels = []string{"a", "e", "i", "o", "u", "ai", "ei", "ou"}
	codas  = []string{"", "n", "r", "s", "v", "m", "k", "ov", "ev", "in", "an", "son", "ez", "ski", "li"}
	roles  = []string{"President", "Prime Minister", "Foreign Minister", "Defence Minister", "Finance Minister", "spokesman", "Interior Minister"}
	orgA   = []string{"National", "United", "Democratic", "Popular", "Federal", "Central", "Liberation", "Progressive"}
	orgB   = []string{"Party", "Front", "Bank", "Agency", "Council", "Army", "Union", "Movement", "Commission"}
	events = []string{"summit", "talks", "meeting", "conference"}
	days   = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}
	months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	filler = []string{
		"Analysts said the outcome would shape relations in the region for years.",
		"The talks were expected to focus on trade, energy and security cooperation.",
		"Officials declined to give further details about the agenda.",
		"The two sides have held several rounds of negotiations since last year.",
		"Critics said the agreement did little to address the underlying disputes.",
		"Markets reacted calmly to the news, with prices little changed by the close.",
	}
)

type person struct {
	first, last string
	role        string
	cc          string
}

// Corpus generates articles from a seed; the same seed gives the same articles. Article is safe for
// concurrent use: each article has its own random source.
type Corpus struct {
	seed      int64
	rng       *rand.Rand
	people    []person
	countries []*gazetteer.Place
	cities    []*gazetteer.Place
	orgs      []string
}

func (c *Corpus) word(syll int) string {
	var b strings.Builder
	for i := 0; i < syll; i++ {
		b.WriteString(onsets[c.rng.Intn(len(onsets))])
		b.WriteString(vowels[c.rng.Intn(len(vowels))])
	}
	b.WriteString(codas[c.rng.Intn(len(codas))])
	if b.Len() < 3 {
		b.WriteString("an")
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

// New returns a generator with people distinct persons and orgs organizations.
func New(seed int64, people, orgs int) *Corpus {
	c := &Corpus{seed: seed, rng: rand.New(rand.NewSource(seed))}
	g := gazetteer.Default()
	for _, ci := range g.Places(gazetteer.City) {
		if ci.Population >= 1_000_000 {
			c.cities = append(c.cities, ci)
		}
	}
	seen := map[string]bool{}
	for _, ci := range c.cities {
		if p := g.Country(ci.CountryCode); p != nil && !seen[p.Code] {
			seen[p.Code] = true
			c.countries = append(c.countries, p)
		}
	}
	for i := 0; i < people; i++ {
		cc := c.countries[c.rng.Intn(len(c.countries))].Code
		c.people = append(c.people, person{first: c.word(1 + c.rng.Intn(2)), last: c.word(2 + c.rng.Intn(2)), role: roles[c.rng.Intn(len(roles))], cc: cc})
	}
	for i := 0; i < orgs; i++ {
		c.orgs = append(c.orgs, orgA[c.rng.Intn(len(orgA))]+" "+c.word(2)+" "+orgB[c.rng.Intn(len(orgB))])
	}
	return c
}

// People returns the full names of the corpus's persons, in order.
func (c *Corpus) People() []string {
	out := make([]string, len(c.people))
	for i, p := range c.people {
		out[i] = p.first + " " + p.last
	}
	return out
}

// Organizations returns the names of the corpus's organizations, in order.
func (c *Corpus) Organizations() []string { return append([]string(nil), c.orgs...) }

func (c *Corpus) adjective(cc string) string {
	g := gazetteer.Default()
	if p := g.Country(cc); p != nil {
		return p.Name
	}
	return cc
}

// Article returns article number i: a title, a dateline and a body of 4 to 30 sentences.
func (c *Corpus) Article(i int) string {
	r := rand.New(rand.NewSource(c.seed*1_000_003 + int64(i)))
	a, b := c.people[r.Intn(len(c.people))], c.people[r.Intn(len(c.people))]
	host := c.countries[r.Intn(len(c.countries))]
	city := c.cities[r.Intn(len(c.cities))]
	org := c.orgs[r.Intn(len(c.orgs))]
	ev := events[r.Intn(len(events))]
	other := c.countries[r.Intn(len(c.countries))]
	day := days[r.Intn(len(days))]
	var s []string
	s = append(s, fmt.Sprintf("%s %s of %s %s %s", c.adjective(a.cc), a.role, a.first, a.last, []string{"arrives in " + city.Name, "meets " + b.last, "warns over trade"}[r.Intn(3)]))
	s = append(s, fmt.Sprintf("Updated %d %s 2025", 1+r.Intn(28), months[r.Intn(12)]), "")
	n := 4 + r.Intn(27)
	for k := 0; k < n; k++ {
		switch r.Intn(8) {
		case 0:
			s = append(s, fmt.Sprintf("%s's %s %s %s arrived in %s on %s for a %s with leaders from %s and %s.", c.adjective(a.cc), a.role, a.first, a.last, city.Name, day, ev, host.Name, other.Name))
		case 1:
			s = append(s, fmt.Sprintf("%s %s met %s %s, the %s of %s, to discuss the %s-%s %s.", a.first, a.last, b.first, b.last, b.role, c.adjective(b.cc), host.Name, other.Name, ev))
		case 2:
			s = append(s, fmt.Sprintf("The %s said in a statement that %s would attend the %s in %s next week.", org, a.last, ev, city.Name))
		case 3:
			s = append(s, fmt.Sprintf("%s is accompanied by %s %s, who visited %s on %s.", a.last, b.first, b.last, other.Name, day))
		case 4:
			s = append(s, fmt.Sprintf("Attacks in %s on %s were claimed by the %s, officials said.", host.Name, day, org))
		case 5:
			s = append(s, fmt.Sprintf("%s %s %s welcomed %s at the airport in %s.", c.adjective(host.Code), roles[r.Intn(len(roles))], b.last, a.last, city.Name))
		default:
			s = append(s, filler[r.Intn(len(filler))])
		}
	}
	return strings.Join(s, "\n") + "\n"
}
