package ner

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
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
	// base is the earlier graph the corpus is resolved onto, or nil
	base *Base
	// file numbers each story's file in sort order: resolution is causal, a mention is resolved with
	// what its own file and the files before it say (and the base), so that building day by day, each
	// day onto the last, equals building everything at once
	file []int
}

type entity struct {
	id       string // matching key
	pub      string // public id: the base's, or assigned from the names in the first file
	baseName string // the name the base knows it by
	label    graph.Label
	surfaces map[string]int // surface form -> count (names, not adjectives)
	adjs     map[string]bool
	place    *gazetteer.Place
	acronym  string
	class    string
	dates    map[string]int
	mentions int
	// the story where the entity first appears and the names it has in that story's file: a new entity's
	// id comes from these, as it would in a build that ended with that file
	first         int
	firstSurfaces map[string]int
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

// add resolves mention k of story i, named by its text, to e.
func (r *resolver) add(i, k int, m *kept, e *entity) {
	s := surface(m.Text)
	e.surfaces[s] += int(m.Count)
	r.keys[i][k] = e.id
	if e.first < 0 || r.file[i] < r.file[e.first] {
		e.first, e.firstSurfaces = i, map[string]int{}
	}
	if r.file[i] == r.file[e.first] {
		e.firstSurfaces[s] += int(m.Count)
	}
}

// baseEntity returns the entity standing for the base's entity id, joined by nothing in the corpus yet.
func (r *resolver) baseEntity(id string) *entity {
	be := r.base.ents[id]
	e := r.entity("="+id, be.label)
	e.pub, e.baseName = id, be.name
	return e
}

// join makes e the base's entity id.
func (r *resolver) join(e *entity, id string) {
	if id != "" && e.pub == "" {
		e.pub, e.baseName = id, r.base.ents[id].name
	}
}

func (r *resolver) entity(id string, label graph.Label) *entity {
	e := r.ents[id]
	if e == nil {
		e = &entity{id: id, label: label, surfaces: map[string]int{}, adjs: map[string]bool{}, dates: map[string]int{}, first: -1}
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

// resolve runs the corpus-wide passes: places, organizations and acronyms, persons, public ids,
// events. Afterwards keys and ents hold public ids.
func (r *resolver) resolve() {
	r.keys = make([][]string, len(r.stories))
	r.file = make([]int, len(r.stories))
	for i, a := range r.stories {
		r.keys[i] = make([]string, len(a.Kept))
		if i > 0 {
			r.file[i] = r.file[i-1]
			if a.File != r.stories[i-1].File {
				r.file[i]++
			}
		}
	}
	if r.base == nil {
		r.base = NewBase(nil, nil)
	}
	r.places()
	r.orgs()
	r.companyShortNames()
	r.persons()
	r.assignIDs()
	r.events()
	// entities by public id, one string per entity, not one per mention
	byPub := make(map[string]*entity, len(r.ents))
	for _, key := range sortedKeys(r.ents) {
		e := r.ents[key]
		if e.pub == "" {
			e.pub = key
		}
		if x := byPub[e.pub]; x != nil {
			x.absorb(e)
		} else {
			byPub[e.pub] = e
		}
	}
	for _, keys := range r.keys {
		for k, key := range keys {
			if e := r.ents[key]; e != nil {
				keys[k] = e.pub
			}
		}
	}
	r.ents = byPub
}

// absorb adds what o knows to e: two matching keys that turned out to be one entity (both joined one
// base entity).
func (e *entity) absorb(o *entity) {
	for s, c := range o.surfaces {
		e.surfaces[s] += c
	}
	for s := range o.adjs {
		e.adjs[s] = true
	}
	for d, c := range o.dates {
		e.dates[d] += c
	}
	if e.place == nil {
		e.place = o.place
	}
	if e.acronym == "" {
		e.acronym = o.acronym
	}
	if e.class == "" {
		e.class = o.class
	}
}

// assignIDs gives every new person and organization its public id (see graph/id.go): the slug of its
// name, titles and honorifics cut, taken from the names it has in the first file that mentions it, so
// that the id is the one a build ending with that file would give. An id the base or another entity
// holds gets -2, -3, ... (in the order of the matching keys). An entity of the base keeps its id; places
// and events have ids that are codes or descriptions.
func (r *resolver) assignIDs() {
	taken := map[string]bool{}
	keys := sortedKeys(r.ents)
	for _, key := range keys {
		if e := r.ents[key]; e.pub != "" {
			taken[e.pub] = true
		} else if e.label != graph.Person && e.label != graph.Organization {
			taken[key] = true
		}
	}
	for _, key := range keys {
		e := r.ents[key]
		if e.pub != "" || e.label != graph.Person && e.label != graph.Organization {
			continue
		}
		prefix, rest, _ := strings.Cut(key, "/")
		if qual, _, ok := strings.Cut(rest, "/"); ok && e.label == graph.Organization {
			prefix += "/" + qual // an organization qualified by a country: org/ru/...
		}
		names := e.firstSurfaces
		if len(names) == 0 {
			names = e.surfaces
		}
		name := bestName(names, e.prefer())
		if e.label == graph.Person {
			name = withoutTitles(name)
		}
		s := graph.Slug(name)
		if s == "" {
			s = graph.Slug(rest) // a name in another script: the matching key's own letters
		}
		id := prefix + "/" + s
		for n := 2; taken[id] || r.base.Has(id); n++ {
			id = fmt.Sprintf("%s/%s-%d", prefix, s, n)
		}
		taken[id] = true
		e.pub = id
	}
}

// withoutTitles drops the honorifics and office words that open a name ("Dr. Ana Reyes", "Senators Ana
// Reyes", "Acting Deputy Mayor Ana Reyes" -> "Ana Reyes"), keeping at least one word.
func withoutTitles(name string) string {
	for {
		first, rest, ok := strings.Cut(name, " ")
		l := strings.ToLower(first)
		if !ok || !honorifics[l] && !roleHeads[l] && !roleModifiers[l] && !roleHeads[strings.TrimSuffix(l, "s")] {
			return name
		}
		name = rest
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
			r.keys[i][k] = id
		} else {
			r.add(i, k, m, e)
		}
	})
	// "the West" and other regions without a gazetteer entry
	r.each(func(i, k int, a *storyAnalysis, m *kept) {
		if m.Place == nil && m.Label == graph.Region {
			id := "region/" + slug(m.Text)
			name := m.Text
			if compass[strings.ToLower(name)] {
				name = "the " + name // "the West" is the region; "West" alone is a direction
			}
			e := r.entity(id, graph.Region)
			e.surfaces[surface(name)] += int(m.Count)
			r.keys[i][k] = id
		}
	})
}

// orgMatchKey is the matching key of an organization named by words: its folded name, and for a name
// made only of institution words ("Defence Ministry") the country that qualifies it, read from a
// leading country or adjective inside the name ("Russian Defence Ministry") or else qual.
func orgMatchKey(gaz *gazetteer.Gazetteer, all []string, qual *gazetteer.Place) string {
	words := all
	cc := ""
	for len(words) > 1 {
		ps := gaz.Lookup(words[0])
		if len(ps) == 0 || (ps[0].Kind != gazetteer.Country && ps[0].Kind != gazetteer.Adjective) || gaz.Country(ps[0].Code) == nil {
			break
		}
		cc = ps[0].Code
		words = words[1:]
	}
	if !generic(words) {
		return "org/" + orgKey(all)
	}
	if cc == "" && qual != nil {
		cc = qual.Code
	}
	if cc == "" {
		return "org/" + orgKey(words)
	}
	return "org/" + strings.ToLower(cc) + "/" + orgKey(words)
}

func (r *resolver) orgs() {
	byInitials := map[string]string{} // acronym -> org key, from names and expansions seen anywhere
	explicit := map[string]bool{}     // the acronyms byInitials has from an expansion in brackets
	expansions := map[string]string{} // acronym -> expansion given in text
	r.each(func(i, k int, a *storyAnalysis, m *kept) {
		if m.Kind == kindAcronym && m.expansion() != "" {
			expansions[strings.ReplaceAll(m.Text, ".", "")] = m.expansion()
		}
	})
	r.each(func(i, k int, a *storyAnalysis, m *kept) {
		if m.Label != graph.Organization || m.Kind == kindAcronym {
			return
		}
		if len(m.Words) == 0 {
			m.Words = strings.Fields(m.Text)
		}
		id := orgMatchKey(r.gaz, m.Words, m.Qual)
		e := r.entity(id, graph.Organization)
		r.join(e, r.base.one(r.base.orgs[id], graph.Organization))
		r.add(i, k, m, e)
		if ini := initials(m.Words); len(ini) >= 2 && len(m.Words) >= 2 {
			if _, ok := byInitials[ini]; !ok || expansions[ini] == strings.Join(m.Words, " ") {
				byInitials[ini] = id
			}
		}
	})
	// an acronym given with its full name ("Full Name (ACR)") is that organization, here and elsewhere;
	// an entity of the base known only by that acronym is that organization too
	r.each(func(i, k int, a *storyAnalysis, m *kept) {
		if m.Kind == kindAcronym && m.Exp >= 0 && r.keys[i][m.Exp] != "" {
			acr := strings.ReplaceAll(m.Text, ".", "")
			byInitials[acr], explicit[acr] = r.keys[i][m.Exp], true
			r.join(r.ents[r.keys[i][m.Exp]], r.base.shortOne(r.base.acronyms[acr], graph.Organization))
		}
	})
	r.each(func(i, k int, a *storyAnalysis, m *kept) {
		if m.Kind != kindAcronym || r.keys[i][k] != "" {
			return
		}
		acr := strings.ReplaceAll(m.Text, ".", "")
		var e *entity
		id, ok := byInitials[acr]
		if ok && !explicit[acr] {
			// the base's word for it, stated in brackets once, goes before a name that only has its initials
			if b := r.base.one(r.base.acronyms[acr], graph.Organization); b != "" {
				id, ok = "", false
				e = r.baseEntity(b)
			}
		}
		if e == nil && !ok {
			if b := r.base.one(r.base.acronyms[acr], graph.Organization); b != "" {
				e = r.baseEntity(b)
			} else if b := r.base.one(r.base.initials[acr], graph.Organization); b != "" {
				e = r.baseEntity(b)
			} else {
				id = "org/" + strings.ToLower(acr)
			}
		}
		if e == nil {
			label := graph.Organization
			if ex := r.ents[id]; ex != nil {
				label = ex.label
			}
			e = r.entity(id, label)
		}
		e.acronym = acr
		r.add(i, k, m, e)
	})
	// a new organization whose initials are an acronym the base knows alone is the organization it stands
	// for, when one new name has those initials
	withInitials := map[string][]string{}
	for _, key := range sortedKeys(r.ents) {
		e := r.ents[key]
		if e.label != graph.Organization || e.pub != "" || !strings.HasPrefix(key, "org/") {
			continue
		}
		words := strings.Fields(bestName(e.surfaces, e.prefer()))
		if ini := initials(words); len(ini) >= 2 && len(words) >= 2 {
			withInitials[ini] = append(withInitials[ini], key)
		}
	}
	for ini, keys := range withInitials {
		if len(keys) == 1 {
			r.join(r.ents[keys[0]], r.base.shortOne(r.base.acronyms[ini], graph.Organization))
		}
	}
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
			r.add(i, k, m, r.ents[id])
		}
	}
}

func (r *resolver) persons() {
	type cluster struct {
		id    string
		first int // the first file naming it in full
	}
	full := map[string]*cluster{} // person key -> cluster
	r.each(func(i, k int, a *storyAnalysis, m *kept) {
		if m.Label != graph.Person || m.Kind != kindName || len(m.Words) < 2 {
			return
		}
		key := personKey(m.Words)
		if full[key] == nil {
			full[key] = &cluster{id: "person/" + key, first: r.file[i]}
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
	// earliestAlone returns the cluster named in full first, when no other is named in its first file or
	// before: the full name a person known by surname alone so far would take, built day by day or at once
	earliestAlone := func(cs []*cluster) *cluster {
		var best *cluster
		tie := false
		for _, c := range cs {
			switch {
			case best == nil || c.first < best.first:
				best, tie = c, false
			case c.first == best.first && c != best:
				tie = true
			}
		}
		if tie {
			return nil
		}
		return best
	}
	// a short name joins the one longer name named by its file or before; with none yet, the first
	// longer name to come alone in its file, which is what building day by day does; with several,
	// none (it may be either)
	for _, short := range keys {
		into := endsOf[short]
		if len(into) == 0 {
			continue
		}
		sc := full[short]
		var before, after []*cluster
		for _, long := range into {
			c := full[long]
			switch {
			case c.first <= sc.first && !slices.Contains(before, c):
				before = append(before, c)
			case c.first > sc.first && !slices.Contains(after, c):
				after = append(after, c)
			}
		}
		var target *cluster
		switch len(before) {
		case 1:
			target = before[0]
		case 0:
			target = earliestAlone(after)
		}
		if target != nil {
			target.first = min(target.first, sc.first)
			full[short] = target
		}
	}
	// surname -> clusters
	bySurname := map[string][]*cluster{}
	for _, k := range keys {
		last := k[strings.LastIndexByte(k, '-')+1:]
		if !slices.Contains(bySurname[last], full[k]) {
			bySurname[last] = append(bySurname[last], full[k])
		}
	}
	// a full name the base knows, or whose ending it knows, or that ends in a name it knows, is that
	// person; so is a full name whose surname the base knows alone (a person named by surname only so
	// far), when the corpus has one full name with that surname
	inBase := map[*cluster]string{}
	for _, k := range slices.Sorted(maps.Keys(full)) {
		c := full[k]
		if inBase[c] != "" {
			continue
		}
		id := r.base.one(r.base.persons[k], graph.Person)
		if id == "" {
			id = r.base.one(r.base.personEnds[k], graph.Person)
		}
		for j := 0; id == "" && j < len(k); j++ {
			if k[j] == '-' && strings.Contains(k[j+1:], "-") {
				id = r.base.one(r.base.persons[k[j+1:]], graph.Person)
			}
		}
		if id != "" && !r.base.compatible(id, k) {
			id = "" // the base person has another longer name: "Jose Maria Santos" is not "Ana Maria Santos"
		}
		if last := k[strings.LastIndexByte(k, '-')+1:]; id == "" && earliestAlone(bySurname[last]) == c {
			id = r.base.shortOne(r.base.surnames[last], graph.Person)
		}
		if id != "" {
			inBase[c] = id
		}
	}
	entityOf := func(c *cluster) *entity {
		e := r.entity(c.id, graph.Person)
		r.join(e, inBase[c])
		return e
	}
	// full names first, so that every surname below sees all of them
	r.each(func(i, k int, a *storyAnalysis, m *kept) {
		if m.Label == graph.Person && m.Kind == kindName && len(m.Words) >= 2 {
			r.add(i, k, m, entityOf(full[personKey(m.Words)]))
		}
	})
	minted := map[string]*entity{} // surname -> a person named by it alone, with no full name anywhere
	r.each(func(i, k int, a *storyAnalysis, m *kept) {
		if m.Label != graph.Person || m.Kind == kindName && len(m.Words) >= 2 {
			return
		}
		surname := translit(m.Text)
		// the persons this name may be: those named in full in this file or before, and the base's
		var clusters []*cluster
		var ids []string // one per person: a base id, or a cluster's key
		for _, c := range bySurname[surname] {
			if c.first <= r.file[i] {
				clusters = append(clusters, c)
				ids = addID(ids, cmp.Or(inBase[c], c.id))
			}
		}
		for _, id := range r.base.surnames[surname] {
			if r.base.ents[id].label == graph.Person {
				ids = addID(ids, id)
			}
		}
		if e := minted[surname]; e != nil {
			ids = addID(ids, e.id)
		}
		vouched := m.Kind == kindName || // a lone name vouched for by a title: "President Lula"
			!m.inTitle() && m.afterVerb() && !m.opening() // "..., Okonkwo alleged": a subject
		var e *entity
		switch {
		case len(ids) == 1 && len(clusters) > 0:
			e = entityOf(clusters[0])
		case len(ids) == 1 && minted[surname] != nil:
			e = minted[surname]
		case len(ids) == 1:
			e = r.baseEntity(ids[0])
		case len(clusters) > 0:
			// several persons: the one named in full in this story, or else in this file (a person
			// of the base named here in full is one of the clusters)
			cands := make([]string, len(clusters))
			for j, c := range clusters {
				cands[j] = c.id
			}
			if id := r.nearestPerson(i, cands); id != "" {
				e = r.ents[id]
			}
		case len(ids) == 0 && vouched && earliestAlone(bySurname[surname]) != nil:
			// named in full only in a later file: the surname mention would have been a person of its
			// own, which the first full name with that surname then joins (when it comes alone in its
			// file); from here on it is known
			c := earliestAlone(bySurname[surname])
			c.first = r.file[i]
			e = entityOf(c)
		case len(ids) == 0 && vouched:
			// a person known by surname only, from here on
			e = r.entity("person/"+surname, graph.Person)
			minted[surname] = e
		}
		if e != nil {
			r.add(i, k, m, e)
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
				mods = append(mods, cmp.Or(r.ents[key].pub, key))
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
		r.add(i, k, m, e)
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
	best := bestName(e.surfaces, e.prefer())
	// the base's name stands unless the corpus gives a fuller one (a full name for a surname, a name for
	// an acronym): the name of a node does not wander from day to day
	if e.baseName != "" && len(strings.Fields(best)) <= len(strings.Fields(e.baseName)) {
		return e.baseName
	}
	return best
}

// prefer says which names are fit to name the entity: for a person a name of several words, for an
// organization its fullest form (several words, not an acronym nor a short name), otherwise a name
// without brackets.
func (e *entity) prefer() func(string) bool {
	switch e.label {
	case graph.Person:
		return func(s string) bool { return strings.Contains(s, " ") }
	case graph.Organization:
		return func(s string) bool { return !isAcronym(s) && strings.Contains(s, " ") }
	}
	return func(s string) bool { return !strings.ContainsAny(s, "()") }
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
	if len(e.dates) > 0 {
		// every date stated, and the first as the date: both merge across builds (a union, the
		// earliest), so building day by day gives what building at once gives
		dates := slices.Sorted(maps.Keys(e.dates))
		p["dates"], p["date"] = dates, dates[0]
	}
	return p
}
