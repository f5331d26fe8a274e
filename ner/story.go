package ner

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unique"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ner/gazetteer"
	"github.com/newsgraph/newsgraph/ner/tagger"
)

// relCand is a relationship found in one sentence, between mentions of the story, before resolution.
type relCand struct {
	typ      uint8 // index into graph.RelTypes: a story holds dozens of candidates, a corpus millions
	From, To int32 // mention indices in the story
	Evidence string
	Role     string
	Former   bool    // the office is past ("former Foreign Minister")
	Conf     float32 // the confidence of the rule that found it
	Date     *DateExpr
}

// Type returns the candidate's relationship type.
func (c *relCand) Type() graph.RelType { return graph.RelTypes[c.typ] }

func relTypeIndex(t graph.RelType) uint8 {
	i, ok := t.Index()
	if !ok {
		panic("ner: relationship type outside the vocabulary: " + string(t))
	}
	return i
}

// storyAnalysis is everything one story yields before entities are resolved across the corpus.
type storyAnalysis struct {
	File    string
	Story   Story
	Article string // article id
	Sents   []sentence
	Ments   []mention    // during analysis; nil after compact
	Kept    []kept       // after compact: what resolution reads of the mentions that name something
	Occ     []occurrence // after compact, when offsets are kept: every such mention, in text order
	Unsure  []unsureName // names the tagger was unsure of, kept out of the graph; after compact only with offsets
	Rels    []relCand
	// eventDates: mention index of an event -> date expressions said of it
	EventDates map[int][]DateExpr
}

// analyseStory finds the mentions of one story and the relationships its sentences state, adding the
// time each phase takes to t when t is not nil.
func (p *nlp) analyseStory(src, file, articleID string, st Story, t *Timings, offsets bool) *storyAnalysis {
	a := &storyAnalysis{File: file, Story: st, Article: articleID, EventDates: map[int][]DateExpr{}}
	t0 := time.Now()
	a.Sents = p.sentences(src, st.Body, st.TitleSpan)
	a.Story.Body = nil // the lines are read; a corpus waiting for resolution need not keep them
	t1 := time.Now()
	bySent := p.findMentions(a)
	p.choosePlaces(a)
	t2 := time.Now()
	a.relate(bySent)
	if t != nil {
		t.Tag.Add(int64(t1.Sub(t0)))
		t.Mentions.Add(int64(t2.Sub(t1)))
		t.Relate.Add(int64(time.Since(t2)))
	}
	a.compact(offsets)
	return a
}

// findMentions finds the mentions of every sentence; it returns the mention indices of each sentence.
func (p *nlp) findMentions(a *storyAnalysis) [][]int {
	bySent := make([][]int, len(a.Sents))
	perSent := make([][]mention, len(a.Sents))
	n := 0
	for si := range a.Sents {
		var unsure []unsureName
		perSent[si], unsure = p.sentenceMentions(&a.Sents[si], si)
		a.Unsure = append(a.Unsure, unsure...)
		n += len(perSent[si])
	}
	a.Ments = make([]mention, 0, n) // a mention is large: one array of the right size, not doublings
	for si, ms := range perSent {
		base := len(a.Ments)
		for k := range ms {
			for x := range ms[k].Mods {
				ms[k].Mods[x] += base
			}
			bySent[si] = append(bySent[si], base+k)
		}
		a.Ments = append(a.Ments, ms...)
	}
	return bySent
}

// choosePlaces decides, for each place name that several places share ("Georgia" the country and the
// US state, "Maryland" the US state and the Liberian county), the one the story means, by the countries
// the story places itself in elsewhere: a country named, its adjective, a place whose every candidate
// lies in one country. A country named outright yields to a subdivision abroad only when the story
// names that other country at least twice and never the country itself; among other places, the
// candidate with the most evidence wins. Subdivisions of one name in several countries with nothing to
// choose by are left out.
func (p *nlp) choosePlaces(a *storyAnalysis) {
	type amb struct {
		k     int
		cands []*gazetteer.Place
	}
	var ambiguous []amb
	evidence := map[string]int{} // country code -> mentions that place the story there
	for k := range a.Ments {
		m := &a.Ments[k]
		if m.Place == nil || m.Kind == kindEvent || m.Kind == kindEventRef {
			continue
		}
		var cands []*gazetteer.Place
		countries := map[string]bool{placeCountry(m.Place): true}
		if m.Kind != kindAdjective {
			for _, c := range p.gaz.Lookup(m.Text) {
				if c.Kind != gazetteer.Adjective && c.Kind != gazetteer.Continent {
					cands = append(cands, c)
					countries[placeCountry(c)] = true
				}
			}
		}
		if len(countries) == 1 {
			// one country whichever place it is: evidence, and nothing to choose
			if cc := placeCountry(m.Place); cc != "" {
				evidence[cc]++
			}
			continue
		}
		ambiguous = append(ambiguous, amb{k, cands})
	}
	for _, x := range ambiguous {
		m := &a.Ments[x.k]
		cur := m.Place
		best, bestScore := cur, evidence[placeCountry(cur)]
		for _, c := range x.cands {
			sc := evidence[placeCountry(c)]
			if cur.Kind == gazetteer.Country && (sc < 2 || evidence[cur.Code] > 0) {
				continue
			}
			if sc > bestScore {
				best, bestScore = c, sc
			}
		}
		if bestScore == 0 && best.Kind == gazetteer.Region {
			for _, c := range x.cands {
				if c.Kind == gazetteer.Region && placeCountry(c) != placeCountry(best) {
					m.Label = "" // nothing says which
					break
				}
			}
		}
		if best != m.Place && m.Label != "" {
			m.Place = best
			m.Label = placeLabel(best)
		}
	}
}

// placeCountry returns the country a place is or lies in.
func placeCountry(pl *gazetteer.Place) string {
	if pl.Kind == gazetteer.Country {
		return pl.Code
	}
	return pl.CountryCode
}

// placeLabel returns the graph label of a gazetteer place that is not an adjective.
func placeLabel(pl *gazetteer.Place) graph.Label {
	switch pl.Kind {
	case gazetteer.Country:
		return graph.Country
	case gazetteer.City:
		return graph.City
	}
	return graph.Region
}

// relate resolves what the sentences say about their mentions: acronyms, offices, references, and the
// relationship rules.
func (a *storyAnalysis) relate(bySent [][]int) {
	lastSubject := -1
	lastEvent := map[string]int{}
	for si := range a.Sents {
		s := &a.Sents[si]
		idx := bySent[si]
		a.acronyms(s, idx)
		a.roles(s, idx)
		for _, k := range idx {
			m := &a.Ments[k]
			switch m.Kind {
			case kindEvent:
				lastEvent[m.Class] = k
			case kindEventRef:
				if e, ok := lastEvent[m.Class]; ok {
					m.Ref = e
				}
			}
		}
		subject := -1
		for _, k := range idx {
			if a.Ments[k].Label == graph.Person {
				subject = k
				a.Ments[k].Subject = true
				break
			}
		}
		a.relations(s, si, idx, lastSubject)
		if subject >= 0 {
			lastSubject = subject
		}
	}
}

// compact keeps of each mention the facts about its neighbouring tokens that resolution reads, and lets
// the sentences go (relationship candidates carry their evidence): a corpus in memory holds mentions and
// facts, not token streams. The mentions then become kept records, folded where they resolve alike.
func (a *storyAnalysis) compact(offsets bool) {
	for k := range a.Ments {
		m := &a.Ments[k]
		s := &a.Sents[m.Sent]
		m.afterVerb = m.T1 < len(s.toks) && isVerbTag(s.toks[m.T1].Tag)
		m.opening = isOpening(s.toks, m.T0)
		m.inTitle = s.title
		if m.T0 > 0 && isPossessive(s.toks[m.T0-1].Text) {
			m.possessed = true
		}
	}
	a.Sents = nil
	if !offsets {
		a.Unsure = nil
	}
	a.dropUnresolvable(offsets)
	a.merge()
}

// dropUnresolvable keeps the mentions that name something (a label) as kept records, renumbering the
// references to them, notes each organization's qualifying country and, when offsets are wanted, where
// each kept mention stands, and lets the full mentions go.
func (a *storyAnalysis) dropUnresolvable(offsets bool) {
	newIdx := make([]int, len(a.Ments))
	n := 0
	for k, m := range a.Ments {
		if m.Label == "" || m.Kind == kindEventRef && m.Ref < 0 {
			newIdx[k] = -1
			continue
		}
		newIdx[k] = n
		n++
	}
	// the strings kept are copied out of the document's text, so that the text itself can be let go:
	// names, roles and date words through one table for the whole process (unique.Make), since they
	// recur in thousands of stories; sentences and titles once per story
	copies := map[string]string{}
	own := func(s string) string {
		c, ok := copies[s]
		if !ok {
			c = strings.Clone(s)
			copies[s] = c
		}
		return c
	}
	name := func(s string) string { return unique.Make(s).Value() }
	// an organization's qualifying country: a kept country mention ending just before its name, or
	// before the possessive that ends just before it ("Russia's Defence Ministry")
	qual := make([]*gazetteer.Place, len(a.Ments))
	type sentEnd struct{ sent, end int }
	countryEnding := map[sentEnd]*gazetteer.Place{} // the last kept country mention ending at a token
	for j := range a.Ments {
		if q := &a.Ments[j]; newIdx[j] >= 0 && q.Label == graph.Country && q.Place != nil {
			countryEnding[sentEnd{q.Sent, q.T1}] = q.Place
		}
	}
	for k := range a.Ments {
		m := &a.Ments[k]
		if newIdx[k] < 0 || m.Label != graph.Organization || m.T0 == 0 {
			continue
		}
		end := m.T0
		if m.possessed {
			end--
		}
		if pl := countryEnding[sentEnd{m.Sent, end}]; pl != nil {
			qual[k] = pl
		}
	}
	if offsets {
		a.Occ = make([]occurrence, 0, n)
	}
	out := make([]kept, 0, n)
	for k := range a.Ments {
		if newIdx[k] < 0 {
			continue
		}
		m := &a.Ments[k]
		if offsets {
			a.Occ = append(a.Occ, occurrence{Kept: int32(newIdx[k]), Start: int32(m.Start), End: int32(m.End)})
		}
		for j, w := range m.Words {
			m.Words[j] = name(w)
		}
		km := kept{Text: name(m.Text), Words: m.Words, Label: m.Label, Place: m.Place, Qual: qual[k], Kind: m.Kind,
			Exp: -1, Ref: -1}
		if m.Ref >= 0 {
			km.Ref = int32(newIdx[m.Ref])
		}
		if m.Exp >= 0 {
			km.Exp = int32(newIdx[m.Exp])
		}
		if m.Class != "" || m.Expansion != "" || len(m.Mods) > 0 {
			x := &keptExtra{Class: m.Class, Expansion: name(m.Expansion)}
			for _, mod := range m.Mods {
				if newIdx[mod] >= 0 {
					x.Mods = append(x.Mods, newIdx[mod])
				}
			}
			km.extra = x
		}
		km.setFlag(flagAfterVerb, m.afterVerb)
		km.setFlag(flagOpening, m.opening)
		km.setFlag(flagInTitle, m.inTitle)
		km.setFlag(flagPossessed, m.possessed)
		out = append(out, km)
	}
	a.Kept = out
	a.Ments = nil
	a.Story.Title = own(a.Story.Title)
	rels := a.Rels[:0]
	dates := map[*DateExpr]*DateExpr{}
	for _, c := range a.Rels {
		if newIdx[c.From] >= 0 && newIdx[c.To] >= 0 {
			c.From, c.To = int32(newIdx[c.From]), int32(newIdx[c.To])
			c.Evidence, c.Role = own(c.Evidence), name(c.Role)
			if c.Date != nil {
				// the relationships of one sentence share its date: one copy for all of them
				d, ok := dates[c.Date]
				if !ok {
					cp := *c.Date
					cp.Text = name(cp.Text)
					d = &cp
					dates[c.Date] = d
				}
				c.Date = d
			}
			rels = append(rels, c)
		}
	}
	a.Rels = append([]relCand(nil), rels...)
	if len(a.EventDates) > 0 {
		ed := make(map[int][]DateExpr, len(a.EventDates))
		for k, ds := range a.EventDates {
			if newIdx[k] >= 0 {
				for j := range ds {
					ds[j].Text = name(ds[j].Text)
				}
				ed[newIdx[k]] = ds
			}
		}
		a.EventDates = ed
	} else {
		a.EventDates = nil
	}
}

// evidence returns the sentence as evidence: its text with white space collapsed, made once.
func (s *sentence) evidence() string {
	if s.evid == "" {
		s.evid = strings.Join(strings.Fields(s.text), " ")
	}
	return s.evid
}

// acronyms links "Full Name (ACR)" both ways.
func (a *storyAnalysis) acronyms(s *sentence, idx []int) {
	for x, k := range idx {
		m := &a.Ments[k]
		if m.Kind != kindAcronym || m.T0 < 2 || m.T1 >= len(s.toks) || s.toks[m.T0-1].Text != "(" || s.toks[m.T1].Text != ")" {
			continue
		}
		for y := x - 1; y >= 0; y-- {
			e := &a.Ments[idx[y]]
			// "International Criminal Court (ICC)"; an organization's own acronym may come from another
			// language ("Disaster and Emergency Management Authority (AFAD)")
			if e.T1 == m.T0-1 && e.Kind == kindName && len(e.Words) >= 2 &&
				(initials(e.Words) == strings.ReplaceAll(m.Text, ".", "") || e.Label == graph.Organization) {
				m.Expansion = strings.Join(e.Words, " ")
				m.Exp = idx[y]
				if e.Label != graph.Country {
					e.Label = graph.Organization
				}
				m.Label = e.Label
				break
			}
		}
	}
}

// initials returns the capital initials of a name's words: "East African Community" -> "EAC".
func initials(words []string) string {
	var b strings.Builder
	for _, w := range words {
		if isCap(w) {
			b.WriteString(w[:1])
		}
	}
	return b.String()
}

// roleBefore returns where the office title ending just before token t starts, or t when there is none.
func roleBefore(ts []tok, t int) int {
	i := t
	for i > 0 {
		w := ts[i-1].lower
		if roleHeads[w] || roleModifiers[w] || honorifics[w] || (w == "of" && i-2 >= 0 && (roleHeads[ts[i-2].lower] || roleModifiers[ts[i-2].lower])) {
			i--
			continue
		}
		break
	}
	// the title must contain a head
	for k := i; k < t; k++ {
		if roleHeads[ts[k].lower] || honorifics[ts[k].lower] {
			return i
		}
	}
	return t
}

func (a *storyAnalysis) mentionEndingAt(idx []int, t int) int {
	for _, k := range idx {
		if a.Ments[k].T1 == t && a.Ments[k].Kind != kindEvent && a.Ments[k].Kind != kindEventRef {
			return k
		}
	}
	return -1
}

func (a *storyAnalysis) mentionStartingAt(idx []int, t int) int {
	for _, k := range idx {
		if a.Ments[k].T0 == t && a.Ments[k].Kind != kindEvent && a.Ments[k].Kind != kindEventRef {
			return k
		}
	}
	return -1
}

// qualifierEndingAt finds the country or organization that qualifies a title starting at token r:
// "French", "France's", "Pentagon", "the Pentagon's".
func (a *storyAnalysis) qualifierEndingAt(s *sentence, idx []int, r int) int {
	end := r
	if end > 0 && isPossessive(s.toks[end-1].Text) {
		end--
	}
	q := a.mentionEndingAt(idx, end)
	if q < 0 {
		return -1
	}
	m := &a.Ments[q]
	switch {
	case m.Label == graph.Country || m.Label == graph.Organization:
		return q
	case m.Kind == kindSurname && !s.title:
		// an unknown single name that qualifies an office is an institution: "Pentagon spokesman"
		if end == r { // not possessive: "Macron's spokesman" is a person's, not an institution's
			m.Label, m.Kind = graph.Organization, kindName
			return q
		}
	}
	return -1
}

// roles attaches office titles to the persons they stand before or in apposition to, with the country
// or organization that qualifies them.
func (a *storyAnalysis) roles(s *sentence, idx []int) {
	ts := s.toks
	for _, k := range idx {
		m := &a.Ments[k]
		if m.Label != graph.Person {
			continue
		}
		if r := roleBefore(ts, m.T0); r < m.T0 {
			m.Role = joinToks(ts[r:m.T0])
			m.Qual = a.qualifierEndingAt(s, idx, r)
			start := r
			if m.Qual >= 0 && a.Ments[m.Qual].T0 < start {
				start = a.Ments[m.Qual].T0 // "former Costa Rican Foreign Minister": before the qualifier
			}
			m.Former = pastBefore(ts, start)
			if m.Kind == kindSurname {
				m.Kind = kindName // "President Lula": the title vouches for the name
				m.Words = []string{m.Text}
			}
			continue
		}
		if m.modifier {
			m.Label = ""
			continue
		}
		// apposition: "Maria Silva, Brazil's Finance Minister,"
		j := m.T1
		if j < len(ts) && ts[j].Text == "," {
			j++
			if j < len(ts) && (ts[j].lower == "the" || ts[j].lower == "a") {
				j++
			}
			q := a.mentionStartingAt(idx, j)
			if q >= 0 && (a.Ments[q].Label == graph.Country || a.Ments[q].Label == graph.Organization) {
				j = a.Ments[q].T1
				if j < len(ts) && isPossessive(ts[j].Text) {
					j++
				}
			} else {
				q = -1
			}
			former := j < len(ts) && pastTitle[ts[j].lower]
			if former {
				j++ // "Maria Silva, the former Finance Minister of Brazil,"
			}
			if e := roleAt(ts, j); e > j && (e == len(ts) || ts[e].Text == "," || ts[e].Text == "." || !isCap(ts[e].Text)) {
				m.Role = joinToks(ts[j:e])
				m.Qual = q
				m.Former = former || pastBefore(ts, j)
				if q < 0 {
					// "Ana Reyes, the Finance Minister of Peru", "a professor at Lima University"
					m.Qual = a.qualifierAfter(idx, ts, e)
				}
				continue
			}
		}
		// "The governor of Puerto Rico, Maria Vazquez": the title and its country before the comma
		if j := m.T0 - 1; j > 2 && ts[j].Text == "," {
			if q := a.mentionEndingAt(idx, j); q >= 0 && (a.Ments[q].Label == graph.Country || a.Ments[q].Label == graph.Organization) {
				if p := a.Ments[q].T0 - 1; p > 0 && (ts[p].lower == "of" || ts[p].lower == "at") {
					// the title phrase opens the sentence ("After meeting the president of Brazil, X flew"
					// is X's trip, not X's office)
					// or the name is in apposition, closed by a comma or the sentence's end ("met the
					// Minister of Trade of Ruritania, Ana Reyes, in Lima")
					closed := closesApposition(ts, m.T1)
					if r := roleBefore(ts, p); r < p && (r == 0 || r == 1 && (ts[0].lower == "the" || ts[0].lower == "a") ||
						closed && r > 0 && (ts[r-1].lower == "the" || ts[r-1].lower == "a")) {
						m.Role, m.Qual, m.Former = joinToks(ts[r:p]), q, pastBefore(ts, r)
					}
				}
			}
		}
	}
}

// closesApposition reports whether an apposition ends at token t: a comma, the sentence's last full
// stop, or the sentence's end.
func closesApposition(ts []tok, t int) bool {
	return t == len(ts) || ts[t].Text == "," || t == len(ts)-1 && ts[t].Text == "."
}

// timeAdjectives stand after a place visited without qualifying it: "visited Peru last week".
var timeAdjectives = set("last", "next", "this", "early", "late", "earlier", "later", "recently")

// qualifierAfter returns the country or organization that "of" or "at" (and perhaps "the") bring right
// after token e, the end of an office title, or -1.
func (a *storyAnalysis) qualifierAfter(idx []int, ts []tok, e int) int {
	if e >= len(ts) || ts[e].lower != "of" && ts[e].lower != "at" {
		return -1
	}
	at := e + 1
	if at < len(ts) && ts[at].lower == "the" {
		at++
	}
	if q := a.mentionStartingAt(idx, at); q >= 0 && (a.Ments[q].Label == graph.Country || a.Ments[q].Label == graph.Organization) {
		return q
	}
	return -1
}

// pastTitle are the words that make the office after them a past one.
var pastTitle = set("former", "ex", "ex-", "late", "outgoing", "then", "erstwhile", "onetime", "one-time")

// pastBefore reports whether a word of pastTitle stands just before token t ("former Peruvian", "the
// late President", ", then Peru's minister"), or token t is written with "ex-". "late" needs "the"
// before it and "then" a comma or "the", so that "in late January" and "and then" say nothing.
func pastBefore(ts []tok, t int) bool {
	if t < len(ts) && strings.HasPrefix(ts[t].lower, "ex-") {
		return true
	}
	if t < 1 {
		return false
	}
	w := ts[t-1].lower
	before := ""
	if t >= 2 {
		before = ts[t-2].lower
	}
	switch w {
	case "late":
		return before == "the"
	case "then":
		return before == "the" || before == ","
	}
	return pastTitle[w]
}

// personBefore returns the nearest person mention ending at or before token t, or a pronoun's antecedent.
func (a *storyAnalysis) personBefore(s *sentence, idx []int, t, lastSubject int) int {
	best := -1
	for _, k := range idx {
		m := a.Ments[k]
		if m.Label == graph.Person && m.T1 <= t {
			best = k
		}
	}
	if best >= 0 {
		return best
	}
	for i := t - 1; i >= 0; i-- {
		if personPronouns[s.toks[i].lower] {
			return lastSubject
		}
	}
	return -1
}

// personOrCountryBefore returns the nearest country or person mention ending at or before token t.
func (a *storyAnalysis) personOrCountryBefore(idx []int, t int) int {
	best := -1
	for _, k := range idx {
		m := a.Ments[k]
		if (m.Label == graph.Person || m.Label == graph.Country && m.Kind == kindName) && m.T1 <= t {
			best = k
		}
	}
	return best
}

// orgAfter returns the first organization mention starting after token t within n tokens, or -1.
func (a *storyAnalysis) orgAfter(idx []int, t, n int) int {
	for _, k := range idx {
		if m := a.Ments[k]; m.Label == graph.Organization && m.T0 > t && m.T0 <= t+n {
			return k
		}
	}
	return -1
}

// personAfter returns the first person mention starting after token t within n tokens.
func (a *storyAnalysis) personAfter(idx []int, t, n int) int {
	for _, k := range idx {
		m := a.Ments[k]
		if m.Label == graph.Person && m.T0 > t && m.T0 <= t+n {
			return k
		}
	}
	return -1
}

// titledPersonAfter returns the person named in apposition to an office title right after token t ("met
// the Minister of Trade of Ruritania, Ana Reyes,"), or -1: after t, perhaps "with", then "the" or "a",
// an office title, what qualifies it ("of" and names), a comma, and the person, who is followed by a
// comma or the sentence's end.
func (a *storyAnalysis) titledPersonAfter(ts []tok, idx []int, t int) int {
	j := t + 1
	if j < len(ts) && ts[j].lower == "with" {
		j++
	}
	if j >= len(ts) || ts[j].lower != "the" && ts[j].lower != "a" {
		return -1
	}
	e := roleAt(ts, j+1)
	if e <= j+1 {
		return -1
	}
	for e+1 < len(ts) && (ts[e].lower == "of" || ts[e].lower == "at") && isCap(ts[e+1].Text) {
		e += 2
		for e < len(ts) && isCap(ts[e].Text) {
			e++
		}
	}
	if e >= len(ts) || ts[e].Text != "," {
		return -1
	}
	if k := a.mentionStartingAt(idx, e+1); k >= 0 && a.Ments[k].Label == graph.Person && closesApposition(ts, a.Ments[k].T1) {
		return k
	}
	return -1
}

func (a *storyAnalysis) subjectOf(idx []int, lastSubject int, s *sentence) int {
	for _, k := range idx {
		if a.Ments[k].Label == graph.Person {
			// the first person is the subject only when no verb or preposition stands before it: in
			// "X walks with President Y upon the leader's arrival", Y is not the subject
			for _, t := range s.toks[:a.Ments[k].T0] {
				if strings.HasPrefix(t.Tag, "VB") || t.Tag == "IN" && t.lower != "of" {
					return -1
				}
			}
			return k
		}
	}
	if len(s.toks) > 0 && personPronouns[s.toks[0].lower] {
		return lastSubject
	}
	return -1
}

// eventOf returns the event a mention denotes: itself, or the event a reference points to.
func (a *storyAnalysis) eventOf(k int) int {
	m := a.Ments[k]
	switch {
	case m.Kind == kindEvent:
		return k
	case m.Kind == kindEventRef && m.Ref >= 0:
		return m.Ref
	}
	return -1
}

func isAdverbTag(tag string) bool { return strings.HasPrefix(tag, "RB") }

func isPlace(m mention) bool {
	return (m.Label == graph.Country || m.Label == graph.City || m.Label == graph.Region) && m.Kind != kindAdjective
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// nearestDate returns the date expression of the sentence nearest to byte offset at, or nil.
func nearestDate(s *sentence, at int, dayOnly bool) *DateExpr {
	var best *DateExpr
	for i := range s.dates {
		d := &s.dates[i]
		if dayOnly && d.Weekday == nil && d.Offset == nil && d.Day == 0 && len(d.Abs) != len("2006-01-02") {
			continue
		}
		if best == nil || abs(d.Start-at) < abs(best.Start-at) {
			best = d
		}
	}
	return best
}

// kept is what resolution reads of a mention once its story is analysed: under half the size of a
// mention, which matters when a corpus of a hundred thousand articles waits in memory for resolution.
// After merge, one kept stands for every mention of the story that resolution cannot tell apart.
type kept struct {
	Text  string
	Words []string
	Label graph.Label
	Place *gazetteer.Place
	extra *keptExtra // events and acronyms only
	// Qual is the country standing just before an organization, possessive or adjective ("Russia's
	// Defence Ministry"), or nil.
	Qual  *gazetteer.Place
	Exp   int32 // the kept mention of an acronym's full name, or -1
	Ref   int32 // the kept event mention an event reference refers to, or -1
	Count int32 // mentions it stands for
	Kind  mentionKind
	flags uint8
}

// occurrence is where one mention stands, and which kept record stands for it.
// unsureName is a name the tagger found with a confidence under minConfidence: listed with the
// mentions, never in the graph.
type unsureName struct {
	Start, End int32
	Text       string
	Kind       tagger.Kind
	Confidence float32
}

type occurrence struct {
	Kept       int32
	Start, End int32
}

type keptKey struct {
	text, words, class, expansion, mods string
	qual                                *gazetteer.Place
	label                               graph.Label
	place                               *gazetteer.Place
	exp, ref                            int32
	kind                                mentionKind
	flags                               uint8
}

// merge folds the kept mentions that resolution cannot tell apart into one with a count, renumbering
// references, relationship candidates, event dates and occurrences. A story names the same people and
// places again and again: this keeps about two in five records.
func (a *storyAnalysis) merge() {
	rep := make([]int32, len(a.Kept))
	index := make(map[keptKey]int32, len(a.Kept))
	out := make([]kept, 0, len(a.Kept))
	for k := range a.Kept {
		m := &a.Kept[k]
		key := keptKey{text: m.Text, words: strings.Join(m.Words, "\x00"), qual: m.Qual, label: m.Label, place: m.Place,
			exp: m.Exp, ref: m.Ref, kind: m.Kind, flags: m.flags}
		if x := m.extra; x != nil {
			key.class, key.expansion = x.Class, x.Expansion
			for _, mod := range x.Mods {
				key.mods += strconv.Itoa(mod) + ","
			}
		}
		r, ok := index[key]
		if !ok {
			r = int32(len(out))
			index[key] = r
			out = append(out, *m)
		}
		out[r].Count++
		rep[k] = r
	}
	for j := range a.Occ {
		a.Occ[j].Kept = rep[a.Occ[j].Kept]
	}
	for k := range out {
		m := &out[k]
		if m.Exp >= 0 {
			m.Exp = rep[m.Exp]
		}
		if m.Ref >= 0 {
			m.Ref = rep[m.Ref]
		}
		if m.extra != nil && len(m.extra.Mods) > 0 {
			mods := make([]int, len(m.extra.Mods))
			for j, mod := range m.extra.Mods {
				mods[j] = int(rep[mod])
			}
			m.extra.Mods = mods
		}
	}
	for j := range a.Rels {
		a.Rels[j].From, a.Rels[j].To = rep[a.Rels[j].From], rep[a.Rels[j].To]
	}
	if len(a.EventDates) > 0 {
		ed := make(map[int][]DateExpr, len(a.EventDates))
		for _, k := range slices.Sorted(maps.Keys(a.EventDates)) {
			ed[int(rep[k])] = append(ed[int(rep[k])], a.EventDates[k]...)
		}
		a.EventDates = ed
	}
	a.Kept = append([]kept(nil), out...)
}

type keptExtra struct {
	Class     string // event class
	Expansion string // an acronym's full name as the text gave it
	Mods      []int  // an event's modifier mentions (kept indices)
}

const (
	flagAfterVerb uint8 = 1 << iota
	flagOpening
	flagInTitle
	flagPossessed
)

func (m *kept) setFlag(f uint8, on bool) {
	if on {
		m.flags |= f
	}
}

func (m *kept) afterVerb() bool { return m.flags&flagAfterVerb != 0 }
func (m *kept) opening() bool   { return m.flags&flagOpening != 0 }
func (m *kept) inTitle() bool   { return m.flags&flagInTitle != 0 }

func (m *kept) class() string {
	if m.extra == nil {
		return ""
	}
	return m.extra.Class
}

func (m *kept) expansion() string {
	if m.extra == nil {
		return ""
	}
	return m.extra.Expansion
}

func (m *kept) mods() []int {
	if m.extra == nil {
		return nil
	}
	return m.extra.Mods
}
