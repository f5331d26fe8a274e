package ner

import (
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ner/gazetteer"
)

// resolver assigns every mention of the corpus its canonical entity.
type resolver struct {
	stories []*storyAnalysis
	gaz     *gazetteer.Gazetteer
	// key of every mention: stories[i].Kept[k] -> entity id ("" when the mention is dropped)
	keys [][]string
	ents map[string]*entity
	raw  map[string]func(start, end int) string // file -> its bytes as read, for mention records
	// persons named with a full name in each story and each file, for surname resolution
	inStory []map[string]bool
	inFile  map[string]map[string]bool
}

type entity struct {
	id       string
	label    graph.Label
	surfaces map[string]int // surface form -> count (names, not adjectives)
	adjs     map[string]bool
	place    *gazetteer.Place
	acronym  string
	class    string
	dates    map[string]int
	mentions int
}

// surface returns a mention's text as a name: white space collapsed (decoded HTML leaves padding), a
// no-break or other Unicode space made plain, so that an alias differs from another only in its letters.
func surface(s string) string {
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Cf, r) }) {
		s = strings.Map(func(r rune) rune {
			if unicode.Is(unicode.Cf, r) {
				return -1 // invisible: a zero-width joiner, a direction mark
			}
			return r
		}, s)
	}
	if strings.Contains(s, "  ") || strings.ContainsAny(s, "\n\t\u00a0\u2007\u202f\u2009\u200a") {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

func (r *resolver) entity(id string, label graph.Label) *entity {
	e := r.ents[id]
	if e == nil {
		e = &entity{id: id, label: label, surfaces: map[string]int{}, adjs: map[string]bool{}, dates: map[string]int{}}
		r.ents[id] = e
	}
	return e
}

// personKey folds a person's name so that transliteration variants meet: Mikhail/Mihail,
// Andrey/Andrei, Dmitry/Dmitri, Yevgeny/Evgeni, accents and case.
func personKey(words []string) string {
	parts := make([]string, 0, len(words))
	for _, w := range words {
		if k := translit(w); k != "" {
			parts = append(parts, k)
		}
	}
	return strings.Join(parts, "-")
}

var translitReplacer = strings.NewReplacer("kh", "h", "dzh", "j", "ey", "ei", "iy", "i", "yi", "i", "ck", "k",
	"ph", "f", "y", "i", "'", "", "’", "", ".", "")

func translit(w string) string {
	w = gazetteer.Fold(w)
	// the Arabic article, written al- or el-, joined or apart: el-Sisi, al-Sisi, el Sisi
	for _, p := range []string{"el-", "el ", "al ", "ul-", "ad-", "ash-", "as-", "at-", "ar-", "an-", "az-"} {
		if strings.HasPrefix(w, p) && len(w) > len(p) {
			w = "al-" + w[len(p):]
			break
		}
	}
	if w == "el" {
		w = "al"
	}
	w = translitReplacer.Replace(w)
	var b strings.Builder
	var prev rune
	for _, r := range w {
		if r == prev {
			continue // Aliiev -> Aliev, Hussein/Husein
		}
		b.WriteRune(r)
		prev = r
	}
	if v, ok := nameVariants[b.String()]; ok {
		return v
	}
	return b.String()
}

// nameVariants fold the common romanisations of a few very frequent given names, after translit's own
// folding (doubled letters single, y as i, kh as h): Muhammad, Mohammed, Mohamed; Hussein, Husain;
// Abdul, Abdel; Ahmad, Ahmed; Yusuf, Yousef; Osama, Usama; Omar, Umar.
var nameVariants = map[string]string{
	"muhamad": "mohamed", "mohamad": "mohamed", "muhamed": "mohamed", "mohammed": "mohamed", "mahmad": "mohamed",
	"husain": "husein", "hosein": "husein", "husayn": "husein", "husin": "husein",
	"abdel": "abdul", "abdal": "abdul", "abdoul": "abdul",
	"ahmed":  "ahmad",
	"yousef": "yusuf", "yousuf": "yusuf", "yusef": "yusuf", "iusuf": "yusuf", "iousef": "yusuf", "iusef": "yusuf", "iousuf": "yusuf",
	"usama": "osama", "umar": "omar",
}

var spelling = strings.NewReplacer("defence", "defense", "organisation", "organization", "centre", "center",
	"programme", "program", "labour", "labor", "offence", "offense")

// orgKey folds an organization's name: case, accents, British and American spellings, a leading "the".
func orgKey(words []string) string {
	var parts []string
	for _, w := range words {
		f := spelling.Replace(gazetteer.Fold(w))
		f = strings.Trim(f, ".,'’")
		if f != "" && f != "the" {
			parts = append(parts, f)
		}
	}
	return strings.Join(parts, "-")
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range gazetteer.Fold(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func placeID(p *gazetteer.Place) string {
	switch p.Kind {
	case gazetteer.Country:
		return "country/" + p.Code
	case gazetteer.City:
		return "city/" + p.Code
	case gazetteer.Continent, gazetteer.Region:
		if p.CountryCode == "" {
			return "region/" + slug(p.Name)
		}
		return "region/" + p.Code
	}
	return "place/" + slug(p.Name)
}

// generic reports whether an organization's name is made only of office and institution words
// ("Defence Ministry", "Supreme Court"), so that it needs its country to be one thing.
func generic(words []string) bool {
	for _, w := range words {
		l := strings.ToLower(w)
		if !orgWords[l] && !roleModifiers[l] && !roleHeads[l] && !connectors[l] && l != "the" {
			return false
		}
	}
	return true
}

// resolve runs the corpus-wide passes: places, organizations and acronyms, persons, events.
func (r *resolver) resolve() {
	r.keys = make([][]string, len(r.stories))
	for i, a := range r.stories {
		r.keys[i] = make([]string, len(a.Kept))
	}
	r.places()
	r.orgs()
	r.companyShortNames()
	r.persons()
	r.events()
	// one string per entity id, not one per mention
	for _, keys := range r.keys {
		for k, key := range keys {
			if e := r.ents[key]; e != nil {
				keys[k] = e.id
			}
		}
	}
}

func (r *resolver) each(f func(i, k int, a *storyAnalysis, m *kept)) {
	for i, a := range r.stories {
		for k := range a.Kept {
			f(i, k, a, &a.Kept[k])
		}
	}
}

func (r *resolver) places() {
	r.each(func(i, k int, a *storyAnalysis, m *kept) {
		if m.Place == nil || m.Label == graph.Organization {
			return
		}
		id := placeID(m.Place)
		e := r.entity(id, m.Label)
		e.place = m.Place
		if m.Kind == kindAdjective {
			e.adjs[surface(m.Text)] = true
		} else {
			e.surfaces[surface(m.Text)] += int(m.Count)
		}
		r.keys[i][k] = id
	})
	// "the West" and other regions without a gazetteer entry
	r.each(func(i, k int, a *storyAnalysis, m *kept) {
		if m.Place == nil && m.Label == graph.Region {
			id := "region/" + slug(m.Text)
			name := m.Text
			if compass[strings.ToLower(name)] {
				name = "the " + name // "the West" is the region; "West" alone is a direction
			}
			r.entity(id, graph.Region).surfaces[surface(name)] += int(m.Count)
			r.keys[i][k] = id
		}
	})
}

func (r *resolver) orgs() {
	byInitials := map[string]string{} // acronym -> org id, from expansions seen anywhere
	expansions := map[string]string{} // acronym -> expansion given in text
	r.each(func(i, k int, a *storyAnalysis, m *kept) {
		if m.Kind == kindAcronym && m.expansion() != "" {
			expansions[strings.ReplaceAll(m.Text, ".", "")] = m.expansion()
		}
	})
	orgID := func(a *storyAnalysis, m *kept) string {
		words := m.Words
		cc := ""
		// a leading country or adjective inside the name qualifies it: "Russian Defense Ministry"
		for len(words) > 1 {
			ps := r.gaz.Lookup(words[0])
			if len(ps) == 0 || (ps[0].Kind != gazetteer.Country && ps[0].Kind != gazetteer.Adjective) || r.gaz.Country(ps[0].Code) == nil {
				break
			}
			cc = ps[0].Code
			words = words[1:]
		}
		if !generic(words) {
			return "org/" + orgKey(m.Words)
		}
		if cc == "" && m.Qual != nil {
			// "Russia's Defence Ministry": a possessive or adjective country just before
			cc = m.Qual.Code
		}
		if cc == "" {
			return "org/" + orgKey(words)
		}
		return "org/" + strings.ToLower(cc) + "/" + orgKey(words)
	}
	r.each(func(i, k int, a *storyAnalysis, m *kept) {
		if m.Label != graph.Organization || m.Kind == kindAcronym {
			return
		}
		if len(m.Words) == 0 {
			m.Words = strings.Fields(m.Text)
		}
		id := orgID(a, m)
		e := r.entity(id, graph.Organization)
		e.surfaces[surface(m.Text)] += int(m.Count)
		r.keys[i][k] = id
		if ini := initials(m.Words); len(ini) >= 2 && len(m.Words) >= 2 {
			if _, ok := byInitials[ini]; !ok || expansions[ini] == strings.Join(m.Words, " ") {
				byInitials[ini] = id
			}
		}
	})
	// an acronym given with its full name ("Full Name (ACR)") is that organization, here and elsewhere
	r.each(func(i, k int, a *storyAnalysis, m *kept) {
		if m.Kind == kindAcronym && m.Exp >= 0 && r.keys[i][m.Exp] != "" {
			byInitials[strings.ReplaceAll(m.Text, ".", "")] = r.keys[i][m.Exp]
		}
	})
	r.each(func(i, k int, a *storyAnalysis, m *kept) {
		if m.Kind != kindAcronym || r.keys[i][k] != "" {
			return
		}
		acr := strings.ReplaceAll(m.Text, ".", "")
		id, ok := byInitials[acr]
		if !ok {
			id = "org/" + strings.ToLower(acr)
		}
		label := graph.Organization
		if ex := r.ents[id]; ex != nil {
			label = ex.label
		}
		e := r.entity(id, label)
		e.surfaces[surface(m.Text)] += int(m.Count)
		e.acronym = acr
		r.keys[i][k] = id
	})
}

// companyShortNames resolves a one-word mention to a company named in full earlier in the same story
// whose name starts with that word ("Toyota" after "Toyota Motor Corp"), ahead of any place or person
// of that name.
func (r *resolver) companyShortNames() {
	for i, a := range r.stories {
		first := map[string]string{} // first word -> company id
		for k, m := range a.Kept {
			words := strings.Fields(m.Text)
			if m.Label != graph.Organization || len(words) < 2 || !companySuffixes[strings.ToLower(words[len(words)-1])] {
				continue
			}
			if id := r.keys[i][k]; id != "" {
				first[words[0]] = id
			}
		}
		if len(first) == 0 {
			continue
		}
		for k := range a.Kept {
			m := &a.Kept[k]
			id, ok := first[m.Text]
			if !ok || m.Kind == kindAdjective || m.Label == graph.Organization {
				continue
			}
			m.Label, m.Kind, m.Place = graph.Organization, kindName, nil
			r.keys[i][k] = id
			r.ents[id].surfaces[surface(m.Text)] += int(m.Count)
		}
	}
}

func (r *resolver) persons() {
	type cluster struct {
		id    string
		words int
	}
	full := map[string]*cluster{} // person key -> cluster
	r.each(func(i, k int, a *storyAnalysis, m *kept) {
		if m.Label != graph.Person || m.Kind != kindName || len(m.Words) < 2 {
			return
		}
		key := personKey(m.Words)
		if full[key] == nil {
			full[key] = &cluster{id: "person/" + key, words: len(m.Words)}
		}
	})
	// a shorter full name whose words end a longer one is that person: "Maria Santos" in "Ana Maria Santos"
	keys := make([]string, 0, len(full))
	for k := range full {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(x, y int) bool {
		return len(keys[x]) > len(keys[y]) || len(keys[x]) == len(keys[y]) && keys[x] < keys[y]
	})
	// longer names by each of their proper word suffixes: one pass, not every pair of names
	endsOf := map[string][]string{}
	for _, long := range keys {
		for j := 0; j < len(long); j++ {
			if long[j] == '-' {
				endsOf[long[j+1:]] = append(endsOf[long[j+1:]], long)
			}
		}
	}
	for _, short := range keys {
		if into := endsOf[short]; len(into) == 1 {
			full[short] = full[into[0]]
		}
	}
	// surname -> clusters
	bySurname := map[string][]string{}
	for _, k := range keys {
		parts := strings.Split(k, "-")
		last := parts[len(parts)-1]
		id := full[k].id
		found := false
		for _, x := range bySurname[last] {
			if x == id {
				found = true
			}
		}
		if !found {
			bySurname[last] = append(bySurname[last], id)
		}
	}
	assign := func(i, k int, m *kept, id string) {
		e := r.entity(id, graph.Person)
		e.surfaces[surface(m.Text)] += int(m.Count)
		r.keys[i][k] = id
	}
	// full names first, so that every surname below sees all of them
	r.each(func(i, k int, a *storyAnalysis, m *kept) {
		if m.Label == graph.Person && m.Kind == kindName && len(m.Words) >= 2 {
			assign(i, k, m, full[personKey(m.Words)].id)
		}
	})
	r.each(func(i, k int, a *storyAnalysis, m *kept) {
		if m.Label != graph.Person || m.Kind == kindName && len(m.Words) >= 2 {
			return
		}
		var id string
		cands := bySurname[translit(m.Text)]
		switch {
		case len(cands) == 1:
			id = cands[0]
		case len(cands) > 1:
			id = r.nearestPerson(i, cands)
		case m.Kind == kindName:
			// a lone name vouched for by a title: "President Lula"
			id = "person/" + translit(m.Text)
		case !m.inTitle() && m.afterVerb() && !m.opening():
			// "..., Okonkwo alleged": a lone proper noun acting as a subject
			id = "person/" + translit(m.Text)
		}
		if id != "" {
			assign(i, k, m, id)
		}
	})
}

func isVerbTag(t string) bool { return t == "VBD" || t == "VBZ" || t == "VBP" || t == "MD" }

// nearestPerson picks among persons sharing a surname the one named in the same story, then the same file.
func (r *resolver) nearestPerson(story int, cands []string) string {
	if r.inStory == nil {
		// which persons each story and each file names with a full name, indexed once
		r.inStory = make([]map[string]bool, len(r.stories))
		r.inFile = map[string]map[string]bool{}
		for j, a := range r.stories {
			r.inStory[j] = map[string]bool{}
			if r.inFile[a.File] == nil {
				r.inFile[a.File] = map[string]bool{}
			}
			for _, key := range r.keys[j] {
				if strings.HasPrefix(key, "person/") {
					r.inStory[j][key] = true
					r.inFile[a.File][key] = true
				}
			}
		}
	}
	for _, scope := range []map[string]bool{r.inStory[story], r.inFile[r.stories[story].File]} {
		var hit []string
		for _, c := range cands {
			if scope[c] {
				hit = append(hit, c)
			}
		}
		if len(hit) == 1 {
			return hit[0]
		}
	}
	return ""
}

func (r *resolver) events() {
	r.each(func(i, k int, a *storyAnalysis, m *kept) {
		if m.Kind != kindEvent {
			return
		}
		var mods []string
		for _, mod := range m.mods() {
			if key := r.keys[i][mod]; key != "" {
				mods = append(mods, key)
			}
		}
		if len(mods) == 0 {
			return
		}
		mods = graph.Union(nil, mods)
		var parts []string
		for _, x := range mods {
			parts = append(parts, x[strings.LastIndex(x, "/")+1:])
		}
		id := "event/" + m.class() + "/" + slug(strings.Join(parts, " "))
		e := r.entity(id, graph.Event)
		e.class = m.class()
		e.surfaces[surface(m.Text)] += int(m.Count)
		r.keys[i][k] = id
	})
	r.each(func(i, k int, a *storyAnalysis, m *kept) {
		if m.Kind == kindEventRef && m.Ref >= 0 {
			r.keys[i][k] = r.keys[i][m.Ref]
		}
	})
}

// bestName returns the most frequent surface form, preferring longer forms on ties.
func bestName(surfaces map[string]int, prefer func(string) bool) string {
	best, bc := "", math.MinInt
	for s, c := range surfaces {
		if prefer != nil && !prefer(s) {
			c -= 1 << 20
		}
		if c > bc || c == bc && (len(s) > len(best) || len(s) == len(best) && s < best) {
			best, bc = s, c
		}
	}
	return best
}

func (e *entity) name() string {
	if e.place != nil && e.place.Kind != gazetteer.Adjective {
		return e.place.Name
	}
	switch e.label {
	case graph.Person:
		return bestName(e.surfaces, func(s string) bool { return strings.Contains(s, " ") })
	case graph.Organization:
		// the fullest form: a name of several words, not an acronym nor a short name
		return bestName(e.surfaces, func(s string) bool { return !isAcronym(s) && strings.Contains(s, " ") })
	}
	return bestName(e.surfaces, func(s string) bool { return !strings.ContainsAny(s, "()") })
}

func (e *entity) props() graph.Props {
	p := graph.Props{"name": e.name(), "mentions": int64(e.mentions)}
	aliases := make([]string, 0, len(e.surfaces))
	for s := range e.surfaces {
		aliases = append(aliases, s)
	}
	p["aliases"] = graph.Union(aliases, []string{e.name()})
	if len(e.adjs) > 0 {
		var adjs []string
		for s := range e.adjs {
			adjs = append(adjs, s)
		}
		p["demonyms"] = graph.Union(nil, adjs)
	}
	if pl := e.place; pl != nil {
		if pl.CountryCode != "" {
			p["country_code"] = pl.CountryCode
		}
		if pl.HasCoords {
			p["latitude"], p["longitude"] = pl.Lat, pl.Lon
		}
		switch pl.Kind {
		case gazetteer.City:
			p["geonames_id"] = pl.Code
		case gazetteer.Region:
			if pl.CountryCode != "" {
				p["iso_code"] = pl.Code
			}
		}
	}
	if e.acronym != "" {
		p["acronym"] = e.acronym
	}
	if e.class != "" {
		p["kind"] = e.class
	}
	if d := majority(e.dates); d != "" {
		p["date"] = d
	}
	return p
}

// majority returns the most frequent value, the earliest on ties, or "".
func majority(m map[string]int) string {
	best, bc := "", 0
	for v, c := range m {
		if c > bc || c == bc && v < best {
			best, bc = v, c
		}
	}
	return best
}
