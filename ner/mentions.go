package ner

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/segment"
	"github.com/jdkato/prose/v3/token"
	"github.com/jdkato/prose/v3/tokenize"
	"github.com/newsgraph/newsgraph/ner/pos"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ner/gazetteer"
	"github.com/newsgraph/newsgraph/ner/tagger"
)

type tok struct {
	Text  string
	Tag   string
	Start int // byte offset in the file
	lower string
}

func (t tok) end() int { return t.Start + len(t.Text) }

type sentence struct {
	Span
	evid  string // the text with white space collapsed, once made
	text  string
	toks  []tok
	title bool // Title Case: capitalisation says nothing about names
	dates []DateExpr
}

type mentionKind int

const (
	kindName mentionKind = iota
	kindAdjective
	kindAcronym
	kindSurname // one word, resolved against full names later
	kindEvent
	kindEventRef // "the attacks": refers back to an event of the story
)

type mention struct {
	Span
	Text  string
	Label graph.Label
	Kind  mentionKind
	Sent  int // index of the sentence in the story
	T0    int // token range [T0,T1) in the sentence
	T1    int
	Place *gazetteer.Place
	Words []string // the words of a name, without role or possessive
	Role  string   // office title standing before the name or in apposition
	// Former says the office is past: "former", "ex-", "late", "outgoing" or "then" stands before it
	Former bool
	Qual   int    // mention qualifying the role (country or organization), or -1
	Class  string // event class
	Mods   []int  // an event's modifier mentions
	// Expansion is the full name an acronym was given in the text ("International Criminal Court (ICC)").
	Expansion string
	Exp       int  // the mention of that full name in the same sentence, or -1
	Subject   bool // the first person named in its sentence
	modifier  bool // a name standing before a common noun, a person only if a title vouches for it
	// facts about the tokens around the mention, kept when the tokens are let go (see compact)
	afterVerb bool // a verb follows
	opening   bool // opens its sentence or clause
	inTitle   bool // in a Title Case sentence
	possessed bool // a possessive stands just before ("Russia's Defence Ministry")
	Ref       int  // for an event reference: the event mention referred to, or -1
}

// nlp holds prose's models, loaded once per process and shared by every goroutine.
type nlp struct {
	model   *tagger.Model
	taggers sync.Pool // of *tagger.Tagger, each with its buffers
	seg     *segment.Segmenter
	tk      *tokenize.Tokenizer
	tag     *pos.Tagger
	gaz     *gazetteer.Gazetteer
}

func newNLP(model *tagger.Model) (*nlp, error) {
	seg, err := segment.New()
	if err != nil {
		return nil, err
	}
	tg, err := pos.New()
	if err != nil {
		return nil, err
	}
	p := &nlp{seg: seg, tk: tokenize.New(), tag: tg, gaz: gazetteer.Default()}
	p.model = model
	p.taggers.New = func() any { return model.NewTagger() }
	return p, nil
}

// sentences splits the spans of a story into tagged sentences with file offsets.
func (p *nlp) sentences(src string, spans []Span, titleSpan Span) []sentence {
	var out []sentence
	add := func(sp Span, isTitle bool) {
		text := src[sp.Start:sp.End]
		ptoks := splitTokens(p.tk.Tokenize(text))
		p.tag.TagTokens(ptoks)
		segs := []segment.Sentence{{Text: text, Start: 0}}
		if !isTitle {
			segs = p.seg.Segment(text)
		}
		k := 0
		for _, s := range segs {
			sent := sentence{Span: Span{sp.Start + s.Start, sp.Start + s.Start + len(s.Text)}, text: s.Text}
			n := 0
			for j := k; j < len(ptoks) && ptoks[j].Start < s.Start+len(s.Text); j++ {
				n++
			}
			sent.toks = make([]tok, 0, n)
			for k < len(ptoks) && ptoks[k].Start < s.Start+len(s.Text) {
				t := ptoks[k]
				if t.Start >= s.Start {
					sent.toks = append(sent.toks, tok{Text: t.Text, Tag: t.Tag, Start: sp.Start + t.Start, lower: strings.ToLower(t.Text)})
				}
				k++
			}
			sent.title = titleCase(sent.toks)
			if mayHoldDate(sent.toks) {
				sent.dates = sentenceDates(sent.toks, s.Text, sent.Start)
			}
			out = append(out, sent)
		}
	}
	if titleSpan.End > titleSpan.Start {
		add(titleSpan, true)
	}
	for _, sp := range spans {
		add(sp, false)
	}
	return out
}

// splitTokens splits hyphenated compounds of capitalised parts ("Brazil-Argentina", "Paris–Berlin",
// "ex-Soviet") and possessives glued to a name ("Russia’s"), keeping offsets exact.
func splitTokens(in []token.Token) []token.Token {
	out := make([]token.Token, 0, len(in)+8)
	for _, t := range in {
		if strings.HasSuffix(t.Text, "’s") && len(t.Text) > len("’s") {
			n := len(t.Text) - len("’s")
			out = append(out, splitHyphens(token.Token{Text: t.Text[:n], Start: t.Start})...)
			out = append(out, token.Token{Text: t.Text[n:], Start: t.Start + n})
			continue
		}
		// an initial and its full stop are one word, as in the annotated text: "Maria T. Costa"
		if t.Text == "." && len(out) > 0 {
			last := &out[len(out)-1]
			if r, n := utf8.DecodeRuneInString(last.Text); n == len(last.Text) && unicode.IsUpper(r) && last.Start+n == t.Start {
				last.Text += "."
				continue
			}
		}
		if !strings.ContainsAny(t.Text, "-–—") {
			out = append(out, t) // most words: no slice of one
			continue
		}
		out = append(out, splitHyphens(t)...)
	}
	return out
}

func splitHyphens(t token.Token) []token.Token {
	if !strings.ContainsAny(t.Text, "-–—") || particleName(t.Text) {
		return []token.Token{t}
	}
	var parts []token.Token
	start := 0
	anyUpper := false
	for i, r := range t.Text {
		if r == '-' || r == '–' || r == '—' {
			parts = append(parts, token.Token{Text: t.Text[start:i], Start: t.Start + start})
			parts = append(parts, token.Token{Text: string(r), Start: t.Start + i})
			start = i + utf8.RuneLen(r)
		}
	}
	parts = append(parts, token.Token{Text: t.Text[start:], Start: t.Start + start})
	for _, p := range parts {
		if p.Text == "" {
			return []token.Token{t}
		}
		r, _ := utf8.DecodeRuneInString(p.Text)
		if unicode.IsUpper(r) && len(p.Text) > 1 {
			anyUpper = true
		}
		for _, c := range p.Text {
			if !unicode.IsLetter(c) && c != '.' && len(p.Text) > 1 {
				return []token.Token{t}
			}
		}
	}
	if !anyUpper {
		return []token.Token{t}
	}
	// "ex-Soviet", "pro-Kremlin": a short lower-case prefix comes off; otherwise every part must be
	// capitalised and one a country or its adjective ("Brazil-Argentina", "Russia-Central"), so that
	// "Ji-hoon" and "Asia-Pacific" stay whole
	first, _ := utf8.DecodeRuneInString(parts[0].Text)
	if unicode.IsLower(first) {
		if len(parts[0].Text) <= 4 {
			return parts
		}
		return []token.Token{t}
	}
	country := false
	for k := 0; k < len(parts); k += 2 {
		r, _ := utf8.DecodeRuneInString(parts[k].Text)
		if !unicode.IsUpper(r) {
			return []token.Token{t}
		}
		for _, pl := range gazetteer.Default().Lookup(parts[k].Text) {
			country = country || pl.Kind == gazetteer.Country || pl.Kind == gazetteer.Adjective
		}
	}
	if !country {
		return []token.Token{t}
	}
	return parts
}

// titleCase reports whether a sentence is written in Title Case, as headlines are: it does not end in a
// full stop, no verb is in lower case, and every word of four letters or more is capitalised, function
// words aside.
func titleCase(ts []tok) bool {
	if len(ts) == 0 || ts[len(ts)-1].Text == "." {
		return false
	}
	long := 0
	for _, t := range ts {
		if strings.HasPrefix(t.Tag, "VB") && isLowerWord(t.Text) {
			return false
		}
		if utf8.RuneCountInString(t.Text) < 4 || !isWord(t.Text) || functionWords[t.lower] {
			continue
		}
		if !isCap(t.Text) {
			return false
		}
		long++
	}
	return long >= 3
}

// nameWord reports whether a word may stand at the edge of a name: letters, with full stops, apostrophes
// or hyphens between them ("Ki-moon", "Jean-Claude", "O'Neill", "T.").
func nameWord(s string) bool {
	if isWord(s) {
		return true
	}
	prevLetter := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			prevLetter = true
		case (r == '-' || r == '‐') && prevLetter:
			prevLetter = false
		case unicode.Is(unicode.Cf, r):
			// invisible: a zero-width joiner or a direction mark
		default:
			if r != '.' && r != '\'' && r != '’' {
				return false
			}
		}
	}
	return prevLetter
}

func isWord(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '.' && r != '\'' && r != '’' && !unicode.Is(unicode.Cf, r) {
			return false
		}
	}
	return s != ""
}

func isCap(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) && isWord(s)
}

// particleName reports whether s is a name word joined to its particle: "al-Burhan", "el-Sisi", "bin-Zayed".
func particleName(s string) bool {
	p, rest, ok := strings.Cut(s, "-")
	if !ok || !nameParticles[strings.ToLower(p)] || rest == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r)
}

func isAcronym(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '.' || r == '&':
		default:
			return false
		}
	}
	return letters >= 2 && letters <= 6
}

func isPossessive(s string) bool { return s == "'s" || s == "’s" || s == "'" || s == "’" }

// mayHoldDate reports whether a sentence has a word a date expression needs (a weekday, a month,
// "yesterday", "week", a number), so that the date patterns run only where they can match.
func mayHoldDate(ts []tok) bool {
	for _, t := range ts {
		if calendarWords[t.lower] || relativeDateWords[t.lower] {
			return true
		}
		if c := t.Text[0]; c >= '0' && c <= '9' {
			return true
		}
	}
	return false
}

var relativeDateWords = set("today", "tonight", "yesterday", "tomorrow", "week", "month", "year")

var calendarWords = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")

// roleAt returns the end of the office title starting at token i, or i when none starts there.
func roleAt(ts []tok, i int) int {
	j, head := i, false
	for j < len(ts) {
		w := ts[j].lower
		switch {
		case roleHeads[w] || honorifics[w]:
			head = true
		case roleModifiers[w]:
		case w == "of" && head && j+1 < len(ts) && (roleModifiers[ts[j+1].lower] || roleHeads[ts[j+1].lower]):
		default:
			if head {
				return j
			}
			return i
		}
		j++
	}
	if head {
		return j
	}
	return i
}

// minConfidence is the lowest confidence of the name tagger at which a name enters the graph:
// precision first, a name the tagger is unsure of stays out.
const minConfidence = 0.6

// sentenceMentions finds the names, adjectives, acronyms and events of one sentence. The name tagger
// decides where names are and their coarse kind; the gazetteer decides which place a place name is,
// and finds country names and adjectives ("Kenyan") outside the tagger's names.
func (p *nlp) sentenceMentions(s *sentence, si int) ([]mention, []unsureName) {
	ts := s.toks
	var ms []mention
	inRole := make([]bool, len(ts))
	for i := 0; i < len(ts); {
		if e := roleAt(ts, i); e > i {
			for k := i; k < e; k++ {
				inRole[k] = true
			}
			i = e
			continue
		}
		i++
	}
	// a title word right after a first name and before no other name word is a surname: "Julie
	// Bishop said", "Anna Marshal left"
	surnameTitle := make([]bool, len(ts))
	for k := 1; k < len(ts); k++ {
		if inRole[k] && !inRole[k-1] && (k+1 == len(ts) || !isCap(ts[k+1].Text) && ts[k+1].lower != "of" && ts[k+1].lower != "for") &&
			isCap(ts[k-1].Text) && !isAcronym(ts[k-1].Text) && !closedClassWord(ts[k-1]) && p.model.Listed(tagger.ListFirstName, ts[k-1].Text) {
			inRole[k], surnameTitle[k] = false, true
		}
	}
	tg := p.taggers.Get().(*tagger.Tagger)
	words, pos := make([]string, len(ts)), make([]string, len(ts))
	for i, t := range ts {
		words[i], pos[i] = t.Text, t.Tag
	}
	fixPOS(words, pos)
	spans := tg.Tag(words, pos)
	p.taggers.Put(tg)
	used := make([]bool, len(ts)) // words that are part of a mention
	add := func(m mention) {
		ms = append(ms, m)
		for k := m.T0; k < m.T1; k++ {
			used[k] = true
		}
	}
	type unsureSpan struct {
		a, b int
		sp   tagger.Span
	}
	var unsure []unsureSpan
	for _, sp := range spans {
		a, b := sp.Start, sp.End
		kind := sp.Kind
		// lower-case words and punctuation do not begin or end a name
		for a < b && (ts[a].lower == "the" || isLowerWord(ts[a].Text) || !nameWord(ts[a].Text) && !isAcronym(ts[a].Text)) {
			a++
		}
		for b > a && (isPossessive(ts[b-1].Text) || !nameWord(ts[b-1].Text) && !isAcronym(ts[b-1].Text) || isLowerWord(ts[b-1].Text) && !particleName(ts[b-1].Text)) {
			b--
		}
		if sp.Confidence < minConfidence {
			if a < b {
				unsure = append(unsure, unsureSpan{a, b, sp})
			}
			continue
		}
		// an office title inside a name: the name proper follows the last one and is a person's
		// ("Kenyan Foreign Minister Jane Doe", "Chief of Staff General John Roe"); what stands before
		// the title qualifies it and is a mention of its own when it is a certain place
		for k := b - 1; k >= a; k-- {
			if !inRole[k] {
				continue
			}
			if q, e := p.placeAt(s, si, a, k); e > a && certainPlace(q) {
				add(q)
			}
			a, kind = k+1, tagger.Person
			if a < b && (ts[a].lower == "of" || ts[a].lower == "for") {
				// "Minister of Foreign Affairs of Ruritania": what follows names the office's
				// country or body, not a person
				if q, e := p.placeAt(s, si, a+1, b); e == b && certainPlace(q) {
					add(q)
				}
				a = b
			}
			break
		}
		if a >= b {
			continue
		}
		if kind == tagger.Organization {
			// "Disaster and Emergency Management Authority": capitalised words joined by "and" or "of"
			// just before an organization's name are part of it
			for a >= 2 && (ts[a-1].lower == "and" || ts[a-1].lower == "of" || ts[a-1].Text == "&") &&
				isCap(ts[a-2].Text) && !inRole[a-2] && !used[a-2] && !isOpening(ts, a-2) {
				a -= 2
			}
		}
		if kind == tagger.Person {
			// a surname joined to its particle ("al-Rashid") continues the name, and so does a surname
			// that is also a title ("Julie Bishop")
			for b < len(ts) && (particleName(ts[b].Text) || surnameTitle[b]) && !used[b] {
				b++
			}
		}
		if kind == tagger.Place {
			// the gazetteer decides how far a place name runs: "Central" tagged alone in "Central Asia"
			r := b
			for r < len(ts) && isCap(ts[r].Text) && !inRole[r] {
				r++
			}
			if m, e := p.placeAt(s, si, a, r); e > b {
				add(m)
				continue
			}
		}
		// a Title Case headline capitalises every word: an organization needs a word that says so
		if s.title && kind == tagger.Organization && !hasOrgWord(ts[a:b]) && !(b == a+1 && isAcronym(ts[a].Text)) {
			continue
		}
		if m, ok := p.taggedMention(s, si, a, b, kind); ok {
			add(m)
		}
	}
	// outside the tagger's names: adjectives of countries and regions, and countries and world regions
	// named by their own name or abbreviation, which the gazetteer knows for certain; an acronym after
	// "the" or in brackets is an organization ("the IMF", "(WHO)")
	for i := 0; i < len(ts); i++ {
		if used[i] || !isCap(ts[i].Text) && !isAcronym(ts[i].Text) || ts[i].lower == "the" {
			continue
		}
		j := i
		for j < len(ts) && !used[j] {
			j++
		}
		if b := orgRunEnd(ts, used, inRole, i); b > i && !s.title && !p.isCertainPlace(s, si, i, b) {
			m := p.nameMention(s, si, i, b)
			m.Label, m.Kind = graph.Organization, kindName
			add(m)
			i = b - 1
			continue
		}
		if m, b := p.placeAt(s, si, i, j); b > i && certainPlace(m) {
			add(m)
			i = b - 1
			continue
		}
		// "Pentagon spokesman": a name the tagger left out that heads an office is an institution
		if e := capRunEnd(ts, used, i); e > i && e-i <= 3 && e < len(ts) && inRole[e] && !inRole[i] && !s.title &&
			!p.isCertainPlace(s, si, i, e) && (i > 0 || !closedClassWord(ts[i])) {
			m := p.nameMention(s, si, i, e)
			m.Label, m.Kind = graph.Organization, kindName
			add(m)
			i = e - 1
			continue
		}
		// "the region of X", "X province": a place the kind of place names
		if e := capRunEnd(ts, used, i); e > i && !s.title {
			if l := placeNounAround(ts, i, e); l != "" {
				m := p.nameMention(s, si, i, e)
				m.Label, m.Kind = graph.Label(l), kindName
				add(m)
				i = e - 1
				continue
			}
		}
		switch {
		case inRole[i]:
		case isAcronym(ts[i].Text) && (i > 0 && (ts[i-1].lower == "the" || ts[i-1].Text == "(") || len(ts[i].Text) >= 3 && p.model.Listed(tagger.ListOrg, ts[i].Text)):
			add(p.nameMention(s, si, i, i+1))
		case i > 0 && ts[i-1].lower == "the" && compass[ts[i].lower] && !s.title && (i+1 == len(ts) || !isCap(ts[i+1].Text)):
			m := p.nameMention(s, si, i, i+1) // "the West"
			m.Label, m.Kind = graph.Region, kindName
			add(m)
		}
	}
	ms = p.spelledOut(s, si, ms, inRole)
	// the names the tagger was unsure of that no mention covers are listed, copied out of the text
	var unsureNames []unsureName
	for _, u := range unsure {
		free := true
		for _, m := range ms {
			free = free && (m.T1 <= u.a || m.T0 >= u.b)
		}
		if free {
			start, end := ts[u.a].Start, ts[u.b-1].end()
			unsureNames = append(unsureNames, unsureName{Start: int32(start), End: int32(end),
				Text: strings.Clone(s.text[start-s.Start : end-s.Start]), Kind: u.sp.Kind, Confidence: float32(u.sp.Confidence)})
		}
	}
	slices.SortFunc(ms, func(x, y mention) int { return x.T0 - y.T0 })
	ms = append(ms, p.eventMentions(s, si, ms)...)
	for k := range ms {
		ms[k].Qual, ms[k].Ref, ms[k].Exp = -1, -1, -1
	}
	return ms, unsureNames
}

// spelledOut finds the names that an acronym in brackets spells out ("Federal Emergency Agency (FEA)"):
// the capitalised words before the bracket whose initials are the acronym's letters are one
// organization's name, whatever the tagger made of them; mentions inside it give way.
func (p *nlp) spelledOut(s *sentence, si int, ms []mention, inRole []bool) []mention {
	ts := s.toks
	for i := 2; i < len(ts); i++ {
		if ts[i-1].Text != "(" || !isAcronym(ts[i].Text) {
			continue
		}
		letters := strings.ToLower(strings.ReplaceAll(ts[i].Text, ".", ""))
		end := i - 1
		n := len(letters)
		a := -1
		for k := end - 1; k >= 0 && n > 0; k-- {
			w := ts[k]
			if !isCap(w.Text) {
				if k < end-1 && (w.lower == "of" || w.lower == "and" || w.lower == "for" || w.lower == "the") {
					continue
				}
				break
			}
			if r, _ := utf8.DecodeRuneInString(w.lower); n == 0 || string(r) != letters[n-1:n] {
				break
			}
			n--
			if n == 0 {
				a = k
			}
		}
		if a < 0 || a+1 == end || inRole[a] || p.isCertainPlace(s, si, a, end) {
			continue
		}
		kept := ms[:0]
		for _, m := range ms {
			if m.T1 <= a || m.T0 >= end {
				kept = append(kept, m)
			}
		}
		m := p.nameMention(s, si, a, end)
		m.Label, m.Kind = graph.Organization, kindName
		ms = append(kept, m)
	}
	return ms
}

// closedClassWord reports a word of a closed class (a determiner, preposition, pronoun, adverb, verb)
// that opens a sentence in capitals without being a name.
func closedClassWord(t tok) bool {
	switch t.Tag {
	case "IN", "DT", "CC", "RB", "PRP", "PRP$", "WDT", "WP", "WRB", "MD", "TO", "EX", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ":
		return true
	}
	return false
}

// capRunEnd returns the end of the run of capitalised words from i not yet in a mention.
func capRunEnd(ts []tok, used []bool, i int) int {
	j := i
	for j < len(ts) && !used[j] && isCap(ts[j].Text) && !calendarWords[ts[j].lower] {
		j++
	}
	return j
}

// isCertainPlace reports whether the words [a,b) are one certain place ("Russian Federation").
func (p *nlp) isCertainPlace(s *sentence, si, a, b int) bool {
	m, e := p.placeAt(s, si, a, b)
	return e == b && certainPlace(m)
}

// orgRunEnd returns the end of an organization's name starting at word i that the tagger did not find: a
// run of capitalised words, joined by "of", "and", "for" or "the", of at least two words, ending in an
// organization word ("Disaster and Emergency Management Authority"); i when there is none.
func orgRunEnd(ts []tok, used, inRole []bool, i int) int {
	end, j := i, i
	for j < len(ts) && !used[j] && !inRole[j] {
		switch {
		case isCap(ts[j].Text) && !calendarWords[ts[j].lower]:
			j++
			if orgWords[ts[j-1].lower] && j-i >= 2 {
				end = j
			}
			continue
		case j > i && (ts[j].lower == "of" || ts[j].lower == "and" || ts[j].lower == "for" || ts[j].lower == "the"):
			j++
			continue
		}
		break
	}
	return end
}

// fixPOS corrects what prose's tagger gets wrong that the name tagger reads: a curly possessive is
// tagged as a proper noun.
func fixPOS(words, tags []string) {
	for i, w := range words {
		if isPossessive(w) {
			tags[i] = "POS"
		}
	}
}

// countryByName reports whether a country mention uses the country's own name, a name of several words
// ("Russian Federation") or a dotted or capital abbreviation, not a one-word name in another language ("Island" is Iceland in Icelandic, and an island
// in English).
func countryByName(m mention) bool {
	if m.Place == nil {
		return false
	}
	return gazetteer.Fold(m.Text) == gazetteer.Fold(m.Place.Name) || isAcronym(m.Text) || strings.Contains(m.Text, " ")
}

// listedOrganization reports whether words are an organization's name in the name lists and not a
// person's, first name or surname.
func (p *nlp) listedOrganization(ts []tok) bool {
	words := make([]string, len(ts))
	for i, t := range ts {
		words[i] = t.Text
	}
	if !p.model.Listed(tagger.ListOrg, words...) || p.model.Listed(tagger.ListPerson, words...) {
		return false
	}
	return len(words) > 1 || !p.model.Listed(tagger.ListFirstName, words[0]) && !p.model.Listed(tagger.ListLastName, words[0])
}

// certainPlace reports whether a place mention is a country by its own name, an adjective, or a world
// region.
func certainPlace(m mention) bool {
	switch {
	case m.Place == nil:
		return false
	case m.Kind == kindAdjective:
		return true
	case m.Label == graph.Country:
		return countryByName(m)
	case m.Label == graph.Region:
		return m.Place.CountryCode == "" && m.Place.Kind != gazetteer.City
	}
	return false
}

// taggedMention turns a name the tagger found at [a,b) into a mention of the graph's labels: a place
// through the gazetteer, a person, an organization. It reports false for a place the gazetteer does
// not know and no place noun types.
func (p *nlp) taggedMention(s *sentence, si, a, b int, kind tagger.Kind) (mention, bool) {
	ts := s.toks
	if kind == tagger.Person && b-a >= 2 {
		// a name of several words that is exactly a country, a world region or an adjective of one is that
		// place ("Central Asia", "South Africa"); one word may be a person's ("Jordan", "Chad")
		if m, e := p.placeAt(s, si, a, b); e == b && certainPlace(m) {
			return m, true
		}
	}
	if kind != tagger.Person {
		// a name that is exactly a country, its adjective or a world region is that place, whatever
		// kind the tagger gave it ("Central Asia summit"); a city name may be its government
		if m, e := p.placeAt(s, si, a, b); e == b && (kind == tagger.Place || certainPlace(m)) {
			if m.Label == graph.Country && m.Kind != kindAdjective && !countryByName(m) {
				return m, false // "Island" is Iceland only in Icelandic
			}
			return m, true
		}
	}
	m := p.nameMention(s, si, a, b)
	m.modifier = false
	if kind == tagger.Person && p.listedOrganization(ts[a:b]) {
		kind = tagger.Organization // "Microsoft said": a name the organization lists know and the person lists do not
	}
	switch kind {
	case tagger.Person:
		m.Label, m.Kind = graph.Person, kindName
		if b == a+1 {
			m.Kind = kindSurname
		}
		// a name used as a modifier of a common noun ("the Smith administration") is not a mention of
		// the person unless an office title vouches for it (see roles)
		m.modifier = b < len(ts) && (ts[b].Tag == "NN" || ts[b].Tag == "NNS") && isLowerWord(ts[b].Text)
	case tagger.Organization:
		if b == a+1 && b < len(ts) && personModifiedNouns[ts[b].lower] {
			return m, false // "the Garcia administration" names no organization called Garcia
		}
		m.Label, m.Kind = graph.Organization, kindName
		if b == a+1 && isAcronym(ts[a].Text) {
			m.Kind = kindAcronym
		}
	default:
		l := placeNounAround(ts, a, b)
		switch {
		case l != "":
			m.Label, m.Kind = graph.Label(l), kindName
		case b < len(ts) && (roleAt(ts, b) > b || speechVerbs[ts[b].lower]):
			// a place the gazetteer does not know, acting: "the Kremlin said", "Élysée spokesman" name an
			// institution by its seat
			m.Label, m.Kind = graph.Organization, kindName
		default:
			return m, false
		}
	}
	return m, true
}

// isOpening reports whether token i opens a sentence or a clause (after a quote, colon or bullet).
func isOpening(ts []tok, i int) bool {
	if i == 0 {
		return true
	}
	prev := ts[i-1].Text
	return prev == ":" || prev == "\"" || prev == "“" || prev == "(" || prev == "—" || prev == "-"
}

func isProperTag(tag string) bool { return tag == "NNP" || tag == "NNPS" }

func joinToks(ts []tok) string {
	var b strings.Builder
	for k, t := range ts {
		if k > 0 && t.Start > ts[k-1].end() {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

// placeAt returns the longest gazetteer name starting at token a and ending by j.
func (p *nlp) placeAt(s *sentence, si, a, j int) (mention, int) {
	ts := s.toks
	maxB := a + p.gaz.MaxWords()
	if maxB > j {
		maxB = j
	}
	for b := maxB; b > a; b-- {
		text := joinToks(ts[a:b])
		places := p.gaz.Lookup(text)
		if len(places) == 0 && b == a+1 && isAcronym(text) {
			// "U.S.", "U.K.", "U.A.E.": a dotted abbreviation; bare, only the codes prose writes so ("US",
			// "UK"): "MP" is a member of parliament before it is the Northern Mariana Islands
			bare := strings.ReplaceAll(text, ".", "")
			if strings.Contains(text, ".") {
				places = p.gaz.Lookup(bare)
			}
			if c := p.gaz.Abbrev(bare); len(places) == 0 && c != nil && (strings.Contains(text, ".") || countryCodesInProse[bare]) {
				places = []*gazetteer.Place{c}
			}
		}
		if len(places) == 0 {
			continue
		}
		pl := places[0]
		if pl.Kind == gazetteer.Region && pl.CountryCode != "" && compass[strings.ToLower(pl.Name)] {
			continue // a subdivision called "West" or "North" is not what a compass word means
		}
		// A one-word place that is also a common word ("Nice", "Mobile") needs a proper-noun tag.
		if b == a+1 && !isProperTag(ts[a].Tag) && !isAcronym(ts[a].Text) && pl.Kind != gazetteer.Adjective &&
			pl.Kind != gazetteer.Country && !s.title {
			continue
		}
		m := mention{Span: Span{ts[a].Start, ts[b-1].end()}, Text: s.text[ts[a].Start-s.Start : ts[b-1].end()-s.Start],
			Sent: si, T0: a, T1: b, Place: pl, Kind: kindName}
		switch pl.Kind {
		case gazetteer.Country:
			m.Label = graph.Country
		case gazetteer.Adjective:
			m.Label, m.Kind = graph.Country, kindAdjective
			m.Place = p.gaz.Country(pl.Code)
			if m.Place == nil {
				// the adjective of a world region: "Central Asian"
				m.Label, m.Place = graph.Region, p.gaz.Region(pl.Code)
			}
			if m.Place == nil {
				continue
			}
		case gazetteer.City:
			m.Label = graph.City
		default:
			m.Label = graph.Region
		}
		return m, b
	}
	return mention{}, a
}

// nameMention classifies a capitalised run that is not a gazetteer place.
func (p *nlp) nameMention(s *sentence, si, a, b int) mention {
	ts := s.toks
	m := mention{Span: Span{ts[a].Start, ts[b-1].end()}, Sent: si, T0: a, T1: b}
	m.Text = s.text[m.Start-s.Start : m.End-s.Start]
	for _, t := range ts[a:b] {
		m.Words = append(m.Words, t.Text)
	}
	next := ""
	if b < len(ts) {
		next = ts[b].lower
	}
	prevThe := a > 0 && ts[a-1].lower == "the"
	switch {
	case b == a+1 && isAcronym(ts[a].Text):
		m.Label, m.Kind = graph.Organization, kindAcronym
	case hasOrgWord(ts[a:b]):
		m.Label = graph.Organization
	case prevThe && compass[strings.ToLower(m.Text)]:
		m.Label = graph.Region
	case placeNounAround(ts, a, b) != "":
		// "the region of Darfur", "Elazig province", "the town of Bakhmut": a place the gazetteer lacks
		m.Label = graph.Label(placeNounAround(ts, a, b))
	case b == a+1:
		switch {
		case prevThe && !s.title:
			// "the Pentagon", "the Elysee": an institution named by its seat
			m.Label = graph.Organization
		default:
			m.Label, m.Kind = graph.Person, kindSurname
		}
	case b-a <= 4 && allNameWords(ts[a:b]):
		m.Label = graph.Person
		// a name used as a modifier of a common noun is not a person ("Central Asian leaders"), unless an
		// office title vouches for it (see roles)
		m.modifier = b < len(ts) && (ts[b].Tag == "NN" || ts[b].Tag == "NNS") && !isPossessive(next) && isLowerWord(ts[b].Text)
	default:
		m.Label = ""
	}
	if s.title && m.Kind != kindAcronym && m.Label != graph.Organization {
		m.Label, m.Kind = graph.Person, kindSurname
	}
	return m
}

// placeNounAround returns the label that a place noun standing around the name [a,b) gives it: "region
// of X", "province of X", "X province" -> Region; "city of X", "town of X", "village of X" -> City.
func placeNounAround(ts []tok, a, b int) string {
	label := func(w string) string {
		switch w {
		case "region", "province", "state", "district", "governorate", "oblast", "county", "prefecture":
			return string(graph.Region)
		case "city", "town", "village", "port", "capital":
			return string(graph.City)
		}
		return ""
	}
	if a >= 2 && ts[a-1].lower == "of" {
		if l := label(ts[a-2].lower); l != "" {
			return l
		}
	}
	if b < len(ts) && isLowerWord(ts[b].Text) {
		if l := label(ts[b].lower); l == string(graph.Region) {
			return l
		}
	}
	return ""
}

func isLowerWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func hasOrgWord(ts []tok) bool {
	for _, t := range ts {
		if orgWords[t.lower] {
			return true
		}
	}
	return false
}

func allNameWords(ts []tok) bool {
	for k, t := range ts {
		if nameParticles[t.lower] && k > 0 && k < len(ts)-1 || particleName(t.Text) && k > 0 {
			continue
		}
		if !isCap(t.Text) || isAcronym(t.Text) || strings.Contains(t.Text, ".") && len(t.Text) > 2 {
			return false
		}
	}
	return true
}

// eventMentions finds events: an event noun with an entity before it ("Sindh attacks",
// "Brazil-Argentina summit") or after it ("war in Sudan"), and definite references ("the attacks").
// eventVerbs tell that the event before them happened somewhere: "struck Peru", "opened in Lima".
var eventVerbs = set("struck", "strikes", "hit", "hits", "rocked", "rocks", "shook", "shakes", "jolted", "opened",
	"opens", "began", "begins", "started", "starts", "ended", "ends", "closed", "closes", "erupted", "spread",
	"swept", "was", "were", "held", "took", "place", "is", "being")

// eventPlaceAfterVerb returns the place named after event word i and a verb of it, within a few words
// ("struck central Peru", "was held in Lima", "took place in the north of Chile"), or -1.
func eventPlaceAfterVerb(ts []tok, names []mention, startAt map[int]int, i int) int {
	j := i + 1
	if j >= len(ts) || !eventVerbs[ts[j].lower] {
		return -1
	}
	prep := false // a copula ("was", "is") says where only with a preposition: "was held in Lima"
	for j < len(ts) && j <= i+6 {
		if m, ok := startAt[j]; ok {
			n := names[m]
			if l := n.Label; l != graph.Country && l != graph.City && l != graph.Region || n.Kind == kindAdjective {
				return -1
			}
			if copulas[ts[i+1].lower] && !prep {
				return -1
			}
			if e := n.T1; e < len(ts) && (isPossessive(ts[e].Text) || !isCap(ts[e].Text) && (strings.HasPrefix(ts[e].Tag, "NN") || ts[e].Tag == "JJ")) {
				return -1 // "struck U.S. troops", "Russia's mistake": the place qualifies something else
			}
			return m
		}
		if w := ts[j].lower; w == "in" || w == "across" || w == "near" {
			prep = true
		}
		w := ts[j].lower
		if !eventVerbs[w] && w != "in" && w != "across" && w != "near" && w != "the" && w != "parts" && w != "of" && !compassWords[w] {
			return -1
		}
		j++
	}
	return -1
}

// copulas say where an event was only with a preposition after them.
var copulas = set("was", "were", "is", "being")

// compassWords describe a part of a place: "central Peru", "the north of Chile".
var compassWords = set("central", "northern", "southern", "eastern", "western", "north", "south", "east", "west",
	"northeastern", "northwestern", "southeastern", "southwestern", "coastal")

// idiomVerbs are verbs that make an idiom of the event noun after them, which then names no event.
var idiomVerbs = map[string]string{"open": "fire", "opens": "fire", "opened": "fire", "opening": "fire", "cease": "fire",
	"returned": "fire", "return": "fire", "held": "fire", "hold": "fire", "holds": "fire"}

func (p *nlp) eventMentions(s *sentence, si int, names []mention) []mention {
	ts := s.toks
	endAt := map[int]int{}   // token end -> mention index
	startAt := map[int]int{} // token start -> mention index
	for k, m := range names {
		if m.Label == graph.Country || m.Label == graph.Region || m.Label == graph.City || m.Label == graph.Organization {
			endAt[m.T1] = k
			startAt[m.T0] = k
		}
	}
	var out []mention
	for i, t := range ts {
		class, ok := eventClasses[t.lower]
		if !ok || isProperTag(t.Tag) && !isCap(t.Text) {
			continue
		}
		if t.Tag != "" && !strings.HasPrefix(t.Tag, "NN") {
			continue // "visit" as a verb
		}
		if i > 0 && idiomVerbs[ts[i-1].lower] == t.lower {
			continue // "opened fire", "came under attack": not an event named
		}
		var mods []int
		k := i
		for k > 0 && eventAdjectives[ts[k-1].lower] {
			k--
		}
		for {
			// skip an acronym in parentheses: "East African Community (EAC) meeting"
			if k >= 3 && ts[k-1].Text == ")" && ts[k-3].Text == "(" {
				if m, ok := endAt[k-1]; ok {
					mods = append(mods, m)
				}
				k -= 3
			}
			m, ok := endAt[k]
			if !ok {
				break
			}
			mods = append(mods, m)
			k = names[m].T0
			if k > 0 && (ts[k-1].Text == "-" || ts[k-1].Text == "–" || ts[k-1].lower == "and") {
				k--
				continue
			}
			break
		}
		first := k
		last := i + 1
		if len(mods) == 0 && i+2 < len(ts) {
			prep := ts[i+1].lower
			if prep == "in" || prep == "on" || prep == "against" || (prep == "to" && class == "visit") || (prep == "of" && class == "collapse") {
				j := i + 2
				if j < len(ts) && ts[j].lower == "the" {
					j++
				}
				if m, ok := startAt[j]; ok {
					mods = append(mods, m)
					last = names[m].T1
				}
			}
		}
		if len(mods) == 0 && placeEvents[class] {
			// "an earthquake struck central Peru", "the summit opened in Lima": a verb of the event, then
			// where it happened
			if m := eventPlaceAfterVerb(ts, names, startAt, i); m >= 0 {
				mods = append(mods, m)
				last = names[m].T1
			}
		}
		if len(mods) == 0 {
			if i > 0 && (ts[i-1].lower == "the" || ts[i-1].lower == "this" || ts[i-1].lower == "these") {
				out = append(out, mention{Span: Span{ts[i].Start, ts[i].end()}, Text: t.Text, Label: graph.Event,
					Kind: kindEventRef, Sent: si, T0: i, T1: i + 1, Class: class})
			}
			continue
		}
		m := mention{Span: Span{ts[first].Start, ts[last-1].end()}, Label: graph.Event, Kind: kindEvent,
			Sent: si, T0: first, T1: last, Class: class, Mods: mods}
		m.Text = s.text[m.Start-s.Start : m.End-s.Start]
		out = append(out, m)
	}
	return out
}
