// Package ner turns the text of news pages into graph values: it cleans a page and splits it into
// stories, finds the mentions of people, countries, places, organizations and events, resolves them
// across the corpus into canonical entities, and extracts the relationships the sentences state.
//
// It uses prose for tokens, sentences and part-of-speech tags and the embedded gazetteer for places. It
// knows nothing of Neo4j, files on disk or the command line.
package ner

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ner/gazetteer"
	"github.com/newsgraph/newsgraph/ner/tagger"
)

// Extractor analyses documents. It is safe for concurrent use; its models are loaded once.
type Extractor struct {
	p       *nlp
	timings *Timings
	offsets bool
}

// Timings accumulates the time spent in each stage of analysis, summed over all goroutines.
type Timings struct {
	Clean, Tag, Mentions, Relate atomic.Int64 // nanoseconds
}

// WithTimings returns an extractor sharing x's models that adds its stage times to t.
func (x *Extractor) WithTimings(t *Timings) *Extractor {
	return &Extractor{p: x.p, timings: t, offsets: x.offsets}
}

// WithOffsets returns an extractor sharing x's models whose documents keep where every mention stands,
// which Resolve needs to list the mentions (ResolveOptions.Mentions). Without it a document keeps one
// counted record for the mentions resolution cannot tell apart, and less memory.
func (x *Extractor) WithOffsets() *Extractor {
	return &Extractor{p: x.p, timings: x.timings, offsets: true}
}

// NewExtractor loads the models. It returns an error only when an embedded model is corrupt.
func NewExtractor() (*Extractor, error) {
	m, err := DefaultModel()
	if err != nil {
		return nil, err
	}
	return NewExtractorWithModel(m)
}

// NewExtractorWithModel loads the models, with m as the name tagger (see ReadModel).
func NewExtractorWithModel(m *tagger.Model) (*Extractor, error) {
	p, err := newNLP(m)
	if err != nil {
		return nil, err
	}
	return &Extractor{p: p}, nil
}

// Document is the analysis of one file: its stories with their mentions and relationship candidates,
// waiting for corpus-wide resolution.
type Document struct {
	File     string
	stories  []*storyAnalysis
	raw      func(start, end int) string
	offsets  bool // the stories keep every mention's offsets
	consumed bool // Resolve let go of the stories' analyses
}

// SetMentionText makes the text reported for each mention in Corpus.Mentions the one raw returns for its
// offsets; names in the graph keep the analysed text.
func (d *Document) SetMentionText(raw func(start, end int) string) { d.raw = raw }

// Stories returns how many stories the document holds.
func (d *Document) Stories() int { return len(d.stories) }

// Analyse cleans and segments text (the content of file) and finds its mentions and relationships.
// It returns ctx's error when ctx is cancelled.
func (x *Extractor) Analyse(ctx context.Context, file, text string) (*Document, error) {
	d := &Document{File: file, offsets: x.offsets}
	hash := contentHash(text)
	t0 := time.Now()
	stories := splitLongStories(text, Segment(text), maxStoryBytes)
	if x.timings != nil {
		x.timings.Clean.Add(int64(time.Since(t0)))
	}
	for _, st := range stories {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		id := "article/" + hash + "-" + strconv.Itoa(st.Index)
		d.stories = append(d.stories, x.p.analyseStory(text, file, id, st, x.timings, x.offsets))
	}
	return d, nil
}

// maxStoryBytes bounds the body text analysed at once: a story's sentences, tokens and mentions are
// held until its analysis is compacted, so one huge story (a 15 MB file without a break took 60 times
// its size) is analysed in parts of about this size, each an article of its own.
const maxStoryBytes = 256 << 10

// splitLongStories cuts stories whose body is longer than limit into parts: at line boundaries, and a
// line longer than limit at a sentence end (". ") or, failing that, a space. Parts after the first have
// no title span; all keep the story's title and date. Stories are numbered again in order.
func splitLongStories(src string, stories []Story, limit int) []Story {
	var out []Story
	for _, st := range stories {
		size := 0
		for _, b := range st.Body {
			size += b.End - b.Start
		}
		if size <= limit {
			out = append(out, st)
			continue
		}
		var spans []Span
		for _, b := range st.Body {
			for b.End-b.Start > limit {
				cut := b.Start + limit
				if i := strings.LastIndex(src[b.Start:cut], ". "); i > 0 {
					cut = b.Start + i + 1
				} else if i := strings.LastIndexByte(src[b.Start:cut], ' '); i > 0 {
					cut = b.Start + i
				}
				for cut < b.End && !utf8.RuneStart(src[cut]) {
					cut++
				}
				spans = append(spans, Span{b.Start, cut})
				b.Start = cut
			}
			spans = append(spans, b)
		}
		part := Story{Title: st.Title, TitleSpan: st.TitleSpan, Date: st.Date}
		partSize := 0
		for _, b := range spans {
			if partSize > 0 && partSize+b.End-b.Start > limit {
				out = append(out, part)
				part = Story{Title: st.Title, Date: st.Date}
				partSize = 0
			}
			part.Body = append(part.Body, b)
			partSize += b.End - b.Start
		}
		out = append(out, part)
	}
	for i := range out {
		out[i].Index = i
	}
	return out
}

func contentHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:6])
}

// Corpus is the result of resolving documents together.
type Corpus struct {
	Graph    *graph.Graph
	Mentions []graph.ArticleMentions
}

// ResolveOptions tune Resolve.
type ResolveOptions struct {
	// Mentions fills Corpus.Mentions with every named mention and its offsets; without it only the
	// graph is built, which keeps a large corpus's memory to the graph.
	Mentions bool
	// Base is an earlier graph the documents are resolved onto: a name it knows resolves to its entity,
	// whose id stands; the graph Resolve returns holds the new articles, and the base's entities they
	// touch, to be merged into the base (graph.Graph.AddNode and AddRel merge, then Settle).
	Base *Base
	// MinConfidence leaves out the relationships whose rules' confidence is below it (see Rules); 0
	// keeps them all.
	MinConfidence float64
	// Consume lets go of each story's analysis as soon as its part of the graph is built, so that the
	// analyses and the graph are not both whole in memory at once. The documents cannot be resolved
	// again afterwards.
	Consume bool
}

// Resolve resolves the mentions of all documents into canonical entities and builds the graph. The
// result depends only on the documents' contents and file names, not on their order.
func Resolve(docs []*Document, opts ResolveOptions) (*Corpus, error) {
	sorted := append([]*Document(nil), docs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].File < sorted[j].File })
	r := &resolver{gaz: gazetteer.Default(), ents: map[string]*entity{}, base: opts.Base}
	r.raw = map[string]func(int, int) string{}
	for _, d := range sorted {
		if d.consumed {
			return nil, fmt.Errorf("%s: the document was consumed by an earlier Resolve", d.File)
		}
		if opts.Mentions && !d.offsets {
			return nil, fmt.Errorf("%s: listing mentions needs their offsets: analyse with Extractor.WithOffsets", d.File)
		}
		r.stories = append(r.stories, d.stories...)
		if d.raw != nil {
			r.raw[d.File] = d.raw
		}
	}
	if opts.Consume {
		for _, d := range sorted {
			d.consumed = true
		}
	}
	r.resolve()
	b := &builder{r: r, g: graph.New(), dates: map[string]string{}, mentionedIn: map[string][]string{}, facts: map[string]*fact{},
		keepMentions: opts.Mentions, consume: opts.Consume, minConfidence: opts.MinConfidence}
	return b.build()
}

type builder struct {
	minConfidence float64
	keepMentions  bool
	consume       bool
	r             *resolver
	mentionedIn   map[string][]string // entity id -> articles that mention it
	facts         map[string]*fact
	g             *graph.Graph
	dates         map[string]string // article id -> date used to read relative dates
}

func (b *builder) build() (*Corpus, error) {
	r := b.r
	b.articleDates()
	// entity mention counts and event dates
	for i, a := range r.stories {
		for k, key := range r.keys[i] {
			if key == "" {
				continue
			}
			if a.Kept[k].Kind != kindEventRef {
				r.ents[key].mentions += int(a.Kept[k].Count)
			}
		}
		for k, ds := range a.EventDates {
			key := r.keys[i][k]
			if key == "" {
				continue
			}
			for _, d := range ds {
				if v := d.Resolve(b.dates[a.Article]); len(v) == len("2006-01-02") {
					r.ents[key].dates[v]++
				}
			}
		}
	}
	for _, key := range sortedKeys(r.ents) {
		e := r.ents[key]
		if e.mentions == 0 {
			continue
		}
		if err := b.g.AddNode(graph.Node{ID: key, Label: e.label, Props: e.props()}); err != nil {
			return nil, err
		}
	}
	var arts []graph.ArticleMentions
	for i, a := range r.stories {
		props := graph.Props{"title": a.Story.Title, "file": a.File, "story": int64(a.Story.Index), "name": a.Story.Title}
		if a.Story.Date != "" {
			props["date"] = a.Story.Date
		} else if d := b.dates[a.Article]; d != "" {
			props["date"], props["date_inferred"] = d, true
		}
		if err := b.g.AddNode(graph.Node{ID: a.Article, Label: graph.Article, Props: props}); err != nil {
			return nil, err
		}
		am := graph.ArticleMentions{Article: a.Article, File: a.File, Title: a.Story.Title}
		counts := map[string]int64{}
		for k, key := range r.keys[i] {
			if m := &a.Kept[k]; key != "" && m.Kind != kindEventRef {
				counts[key] += int64(m.Count)
			}
		}
		for _, o := range a.Occ {
			m, key := &a.Kept[o.Kept], r.keys[i][o.Kept]
			// named mentions only: an adjective ("Russian") is not a name, and an event's description
			// ("attacks in Sindh") spans the names inside it
			if !b.keepMentions || key == "" || m.Kind == kindEventRef || m.Kind == kindAdjective || m.Kind == kindEvent {
				continue
			}
			text := m.Text
			if raw := r.raw[a.File]; raw != nil {
				text = raw(int(o.Start), int(o.End))
			}
			am.Mentions = append(am.Mentions, graph.Mention{Start: int(o.Start), End: int(o.End), Text: text, Label: r.ents[key].label, Entity: key})
		}
		if b.keepMentions {
			// the names the tagger was unsure of are listed with their confidence and no entity
			for _, u := range a.Unsure {
				text := u.Text
				if raw := r.raw[a.File]; raw != nil {
					text = raw(int(u.Start), int(u.End))
				}
				am.Mentions = append(am.Mentions, graph.Mention{Start: int(u.Start), End: int(u.End), Text: text,
					Tagged: u.Kind.String(), Confidence: math.Round(float64(u.Confidence)*1000) / 1000})
			}
			slices.SortStableFunc(am.Mentions, func(x, y graph.Mention) int { return x.Start - y.Start })
			arts = append(arts, am)
		}
		for key := range counts {
			b.mentionedIn[key] = append(b.mentionedIn[key], a.Article)
		}
		for key, c := range counts {
			if err := b.g.AddRel(graph.Rel{Type: graph.Mentions, Start: a.Article, End: key, Props: graph.Props{"count": c}}); err != nil {
				return nil, err
			}
		}
		b.relations(i, a)
		if b.consume {
			*a = storyAnalysis{}
			r.keys[i] = nil
		}
	}
	if err := b.addFacts(); err != nil {
		return nil, err
	}
	if err := b.locatedIn(); err != nil {
		return nil, err
	}
	// an article in two files (the same wire story twice) is one article: its mentions count once
	Settle(b.g)
	return &Corpus{Graph: b.g, Mentions: arts}, nil
}

// articleDates gives every article the date read from its page or, when the page has none, the date of
// the dated article that shares the most entities with it (the same event reported elsewhere): among
// the articles of its own file and the files before it, and the base's.
func (b *builder) articleDates() {
	r := b.r
	sets := make([][]string, len(r.stories)) // the entities of each story, sorted
	posting := map[string][]int{}            // entity -> dated stories that mention it
	for i, a := range r.stories {
		set := slices.Compact(slices.Sorted(slices.Values(r.keys[i])))
		if len(set) > 0 && set[0] == "" {
			set = set[1:]
		}
		sets[i] = slices.Clip(set)
		if a.Story.Date != "" {
			for _, k := range sets[i] {
				posting[k] = append(posting[k], i)
			}
		}
	}
	base := r.base
	for i, a := range r.stories {
		if a.Story.Date != "" {
			b.dates[a.Article] = a.Story.Date
			continue
		}
		// count shared entities with the dated stories that share any, through the postings
		shared := map[int]int{}     // story -> entities shared
		fromBase := map[int32]int{} // base article -> entities shared
		for _, k := range sets[i] {
			if len(posting[k])+len(base.posting[k]) > maxPosting {
				continue // an entity in thousands of stories says nothing about which event this is
			}
			for _, j := range posting[k] {
				if r.file[j] <= r.file[i] {
					shared[j]++
				}
			}
			for _, j := range base.posting[k] {
				fromBase[j]++
			}
		}
		best, score := "", 0.0
		consider := func(date string, inter, size int) {
			union := len(sets[i]) + size - inter
			if s := float64(inter) / float64(union); s > score || s == score && date < best {
				best, score = date, s
			}
		}
		for j, inter := range shared {
			consider(r.stories[j].Story.Date, inter, len(sets[j]))
		}
		for j, inter := range fromBase {
			consider(base.dates[j], inter, base.sizes[j])
		}
		if score >= 0.2 {
			b.dates[a.Article] = best
		}
	}
}

// maxPosting bounds the stories one entity may link when looking for an undated story's event.
const maxPosting = 2000

// fact gathers what the corpus says of one relationship before it becomes a graph.Rel.
type fact struct {
	t          graph.RelType
	start, end string
	// what each statement of the fact adds, repeats included (one fact is stated a few times at most);
	// addFacts sorts and deduplicates
	articles, evidence, roles, dates []string
	written                          []string // the titles as the sentences wrote them
	former                           bool     // a statement calls the office past
	conf                             float32  // the highest confidence of the rules that stated it
}

func (b *builder) relations(i int, a *storyAnalysis) {
	r := b.r
	for _, c := range a.Rels {
		from, to := r.keys[i][c.From], r.keys[i][c.To]
		if from == "" || to == "" || from == to {
			continue
		}
		if !graph.Allowed(c.Type(), r.ents[from].label, r.ents[to].label) {
			continue
		}
		if c.Type().Symmetric() && to < from {
			from, to = to, from
		}
		id := graph.RelID(c.Type(), from, to)
		f := b.facts[id]
		if f == nil {
			f = &fact{t: c.Type(), start: from, end: to}
			b.facts[id] = f
		}
		f.articles = appendNew(f.articles, a.Article)
		f.evidence = appendNew(f.evidence, c.Evidence)
		if c.Role != "" {
			f.roles = appendNew(f.roles, normaliseRole(c.Role))
			f.written = appendNew(f.written, c.Role)
		}
		f.former = f.former || c.Former
		f.conf = max(f.conf, c.Conf)
		if c.Date != nil {
			if d := c.Date.Resolve(b.dates[a.Article]); d != "" {
				f.dates = appendNew(f.dates, d)
			}
		}
	}
}

// sortedKeys returns a map's keys in sort order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// appendNew appends s to l unless l ends with it: a fact's statements come story by story, so a story
// that states it twice adds it once. The rest of the deduplication is sortedSet's.
func appendNew(l []string, s string) []string {
	if len(l) > 0 && l[len(l)-1] == s {
		return l
	}
	return append(l, s)
}

// sortedSet returns l's distinct values in sort order, the first limit of them when limit > 0.
func sortedSet(l []string, limit int) []string {
	out := slices.Compact(slices.Sorted(slices.Values(l)))
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return slices.Clip(out)
}

// addFacts turns the gathered facts into relationships, in id order.
func (b *builder) addFacts() error {
	for _, id := range sortedKeys(b.facts) {
		f := b.facts[id]
		if float64(f.conf) < b.minConfidence {
			continue // unsure is left out
		}
		p := graph.Props{"articles": sortedSet(f.articles, 0), "evidence": sortedSet(f.evidence, graph.MaxEvidence),
			graph.KeyConfidence: math.Round(float64(f.conf)*100) / 100}
		if len(f.roles) > 0 {
			roles := sortedSet(f.roles, 0)
			p["roles"], p["role"] = roles, graph.BestRole(roles)
			p["roles_as_written"] = sortedSet(f.written, 0)
		}
		if f.t == graph.HoldsOffice {
			// current unless a statement calls the office past ("former", "ex-", "late", "outgoing")
			p["current"] = !f.former
		}
		if len(f.dates) > 0 {
			dates := sortedSet(f.dates, 0)
			p["dates"], p["date"] = dates, dates[0]
		}
		if err := b.g.AddRel(graph.Rel{Type: f.t, Start: f.start, End: f.end, Props: p}); err != nil {
			return err
		}
	}
	return nil
}

func normaliseRole(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if i > 0 && strings.ToLower(w) == "of" {
			words[i] = "of"
			continue
		}
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// locatedIn links every place to the places that contain it, where both are in the graph or the base:
// a city or a subdivision to its country, a country to its world subregion, a subregion to its
// continent. A place of the base gets the link when its container first comes.
func (b *builder) locatedIn() error {
	base := b.r.base
	fresh := false // a place the base does not hold
	for _, id := range b.g.NodeIDs() {
		e := b.r.ents[id]
		if e == nil || e.place == nil {
			continue
		}
		fresh = fresh || !base.Has(id)
		for _, par := range containers(e.place) {
			if err := b.link(id, par, e.place); err != nil {
				return err
			}
		}
	}
	if !fresh {
		return nil
	}
	places := placesByID()
	for _, id := range sortedKeys(base.ents) {
		p := places[id]
		if p == nil || b.g.Nodes[id] != nil {
			continue
		}
		for _, par := range containers(p) {
			if b.g.Nodes[par] != nil && !base.Has(par) {
				if err := b.link(id, par, p); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// containers returns the ids of the places that directly contain p: a city's or a subdivision's
// country, a country's world subregion ("Central Asia"; the continent is reached through it).
func containers(p *gazetteer.Place) []string {
	switch p.Kind {
	case gazetteer.City, gazetteer.Region:
		if p.CountryCode != "" {
			return []string{"country/" + p.CountryCode}
		} else if len(p.Parents) > 0 {
			return []string{"region/" + slug(p.Parents[0])}
		}
	case gazetteer.Country:
		if len(p.Parents) > 0 {
			return []string{"region/" + slug(p.Parents[0])}
		}
	}
	return nil
}

// link adds LOCATED_IN from place id (p) to par when both are in the graph or the base; a base node
// comes into the graph with its name, to be merged into the base.
func (b *builder) link(id, par string, p *gazetteer.Place) error {
	if par == id {
		return nil
	}
	for _, end := range [2]string{id, par} {
		if b.g.Nodes[end] != nil {
			continue
		}
		be := b.r.base.ents[end]
		if be == nil {
			return nil
		}
		if err := b.g.AddNode(graph.Node{ID: end, Label: be.label, Props: graph.Props{"name": be.name}}); err != nil {
			return err
		}
	}
	var both []string
	for _, a := range graph.Union(b.mentionedIn[id], nil) {
		if slices.Contains(b.mentionedIn[par], a) {
			both = append(both, a)
		}
	}
	child, parent := b.g.Nodes[id], b.g.Nodes[par]
	props := graph.Props{"source": "gazetteer", "articles": both, graph.KeyConfidence: 1.0,
		"evidence": []string{fmt.Sprintf("%s is in %s (gazetteer: %s)", child.Props.String("name"), parent.Props.String("name"), gazetteerSource(p))}}
	return b.g.AddRel(graph.Rel{Type: graph.LocatedIn, Start: id, End: par, Props: props})
}

func gazetteerSource(p *gazetteer.Place) string {
	switch p.Kind {
	case gazetteer.City:
		return "GeoNames " + p.Code
	case gazetteer.Region:
		if p.CountryCode != "" {
			return "ISO 3166-2 " + p.Code
		}
	}
	return "world-countries"
}
