// Package gazetteer holds newsgraph's tables of countries, their adjectives, regions, first-level
// subdivisions and major cities, generated from public data by scripts/gen-gazetteer and embedded in
// the binary. It knows nothing of articles or of the graph.
package gazetteer

import (
	_ "embed"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/unicode/rangetable"
)

//go:embed gazetteer.tsv
var data string

// Kind says what a gazetteer entry is.
type Kind string

// The kinds of entry.
const (
	Country   Kind = "country"
	Adjective Kind = "adjective" // a demonym or adjective; Code is its country
	Region    Kind = "region"    // a subregion or ISO 3166-2 subdivision
	Continent Kind = "continent"
	Abbrev    Kind = "abbrev" // a two-letter abbreviation of a country (UK, US); not in the name index
	City      Kind = "city"
)

// Place is one entry of the gazetteer.
type Place struct {
	Kind        Kind
	Code        string // ISO 3166-1 alpha-2 for countries, ISO 3166-2 for subdivisions, GeoNames id for cities, the name for world regions
	Name        string
	CountryCode string
	Lat, Lon    float64
	HasCoords   bool
	Population  int64
	Parents     []string // country code, or subregion then region
}

// Gazetteer indexes places by folded name.
type Gazetteer struct {
	all       []*Place
	abbrevs   map[string]*Place // two-letter abbreviation -> country
	byName    map[string][]*Place
	countries map[string]*Place
	regions   map[string]*Place
	maxWords  int
}

var load = sync.OnceValue(func() *Gazetteer { return parse(data) })

// Default returns the embedded gazetteer, parsed once per process and safe for concurrent use.
func Default() *Gazetteer { return load() }

func parse(src string) *Gazetteer {
	g := &Gazetteer{abbrevs: map[string]*Place{}, byName: map[string][]*Place{}, countries: map[string]*Place{}, regions: map[string]*Place{}}
	for _, line := range strings.Split(src, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 9 {
			continue
		}
		p := &Place{Kind: Kind(f[0]), Code: f[1], Name: f[2], CountryCode: f[3]}
		if lat, err := strconv.ParseFloat(f[4], 64); err == nil {
			if lon, err := strconv.ParseFloat(f[5], 64); err == nil {
				p.Lat, p.Lon, p.HasCoords = lat, lon, true
			}
		}
		p.Population, _ = strconv.ParseInt(f[6], 10, 64)
		if f[8] != "" {
			p.Parents = strings.Split(f[8], "|")
		}
		g.all = append(g.all, p)
		names := []string{p.Name}
		if f[7] != "" {
			names = append(names, strings.Split(f[7], "|")...)
		}
		switch p.Kind {
		case Abbrev:
			if c := g.countries[p.Code]; c != nil {
				for _, n := range names {
					g.abbrevs[n] = c
				}
			}
			continue
		case Country:
			g.countries[p.Code] = p
		case Region, Continent:
			g.regions[p.Code] = p
			if p.Kind == Continent || p.CountryCode == "" {
				for _, adj := range adjectiveForms(p.Name) {
					a := &Place{Kind: Adjective, Code: p.Code, Name: adj, Parents: []string{p.Name}}
					g.byName[Fold(adj)] = append(g.byName[Fold(adj)], a)
				}
			}
		case Adjective:
			// "-istan" countries form their adjective from the stem (Uzbekistan -> Uzbek).
			if c := g.countries[p.Code]; c != nil && strings.HasSuffix(c.Name, "stan") {
				stem := strings.TrimSuffix(strings.TrimSuffix(c.Name, "stan"), "i")
				names = append(names, stem)
			}
		}
		for _, n := range names {
			k := Fold(n)
			if k == "" {
				continue
			}
			g.byName[k] = append(g.byName[k], p)
			if w := strings.Count(k, " ") + 1; w > g.maxWords {
				g.maxWords = w
			}
		}
	}
	// order each name's candidates once, here, rather than on every look-up
	for _, ps := range g.byName {
		sort.SliceStable(ps, func(a, b int) bool {
			if rank(ps[a]) != rank(ps[b]) {
				return rank(ps[a]) < rank(ps[b])
			}
			return ps[a].Population > ps[b].Population
		})
	}
	return g
}

// adjectiveForms returns the English adjectives of a world-region name: Asia -> Asian, Europe -> European.
func adjectiveForms(name string) []string {
	switch {
	case strings.HasSuffix(name, "a"):
		return []string{name + "n"}
	case strings.HasSuffix(name, "e"):
		return []string{name + "an"}
	}
	return nil
}

// rank orders the candidates of one name: countries, then world regions and continents, then cities,
// then subdivisions, then adjectives.
func rank(p *Place) int {
	switch {
	case p.Kind == Country:
		return 0
	case p.Kind == Continent || (p.Kind == Region && p.CountryCode == ""):
		return 1
	case p.Kind == City:
		return 2
	case p.Kind == Region:
		return 3
	}
	return 4
}

// Lookup returns the places a name may denote, best first: countries, then world regions and continents,
// then cities (largest first), then subdivisions, then adjectives. The slice is shared: do not modify it.
func (g *Gazetteer) Lookup(name string) []*Place {
	return g.byName[Fold(name)]
}

// Places returns the entries of one kind, in the order of the data file.
func (g *Gazetteer) Places(kind Kind) []*Place {
	var out []*Place
	for _, p := range g.all {
		if p.Kind == kind {
			out = append(out, p)
		}
	}
	return out
}

// Abbrev returns the country a two-letter abbreviation (UK, US) stands for, or nil.
func (g *Gazetteer) Abbrev(a string) *Place { return g.abbrevs[a] }

// Country returns the country with ISO 3166-1 alpha-2 code cc, or nil.
func (g *Gazetteer) Country(cc string) *Place { return g.countries[cc] }

// Region returns the world region or subdivision with the given code, or nil.
func (g *Gazetteer) Region(code string) *Place { return g.regions[code] }

// MaxWords returns the number of words in the longest name, the widest window worth looking up.
func (g *Gazetteer) MaxWords() int { return g.maxWords }

var foldChain = sync.Pool{New: func() any {
	// accents (Mn) and invisible format characters (Cf: zero-width joiners, direction marks) go
	return transform.Chain(norm.NFD, runes.Remove(runes.In(marksAndFormats)), norm.NFC)
}}

// punctFolder makes curly quotes and dashes plain and spells out the letters that Unicode
// decomposition leaves alone (Elazığ, Łódź, Øresund, Straße).
var punctFolder = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u2013", "-", "\u2014", "-",
	"ı", "i", "ł", "l", "Ł", "L", "ø", "o", "Ø", "O", "đ", "d", "Đ", "D", "ß", "ss", "æ", "ae", "Æ", "Ae", "œ", "oe", "Œ", "Oe", "ð", "d", "þ", "th")

// Fold returns the lookup key of a name: accents removed, lower case, curly quotes and dashes made
// plain, a leading "the" dropped, white space collapsed.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	out := s
	if !ascii {
		t := foldChain.Get().(transform.Transformer)
		var err error
		out, _, err = transform.String(t, s)
		foldChain.Put(t)
		if err != nil {
			out = s
		}
		out = punctFolder.Replace(out)
	}
	out = strings.ToLower(out)
	if strings.Contains(out, "  ") || strings.ContainsAny(out, "\t\n\r") || strings.HasPrefix(out, " ") || strings.HasSuffix(out, " ") {
		out = strings.Join(strings.Fields(out), " ")
	}
	return strings.TrimPrefix(out, "the ")
}

// marksAndFormats are the characters folding removes: accents and other combining marks (Mn), and
// invisible format characters (Cf: zero-width joiners, direction marks).
var marksAndFormats = rangetable.Merge(unicode.Mn, unicode.Cf)
