// Package tagger is newsgraph's learned name recognizer: an averaged perceptron that labels the words of
// a sentence with BIO tags for people, places and organizations, from word forms, shapes, affixes,
// prose's part-of-speech tags, neighbouring words, name lists and how often a word is capitalised in
// unlabeled news. It knows nothing of the graph, the gazetteer's places or Neo4j: it says where a name
// is and of which coarse kind; package ner decides which entity it is.
package tagger

import (
	"strings"
)

// Kind is the coarse type of a name.
type Kind uint8

// The kinds the tagger tells apart.
const (
	None Kind = iota
	Person
	Place
	Organization
)

// String returns the CoNLL name of the kind (PER, LOC, ORG).
func (k Kind) String() string {
	switch k {
	case Person:
		return "PER"
	case Place:
		return "LOC"
	case Organization:
		return "ORG"
	}
	return "O"
}

// ParseKind reads a CoNLL label: PER, LOC, ORG and their longer spellings; anything else is None.
func ParseKind(s string) Kind {
	switch strings.ToUpper(s) {
	case "PER", "PERSON":
		return Person
	case "LOC", "LOCATION", "GPE", "PLACE":
		return Place
	case "ORG", "ORGANISATION", "ORGANIZATION":
		return Organization
	}
	return None
}

// The labels: O, then B and I of each kind. label = 2*kind-1 for B, 2*kind for I.
const numLabels = 7

func labelOf(k Kind, inside bool) int {
	if k == None {
		return 0
	}
	if inside {
		return 2 * int(k)
	}
	return 2*int(k) - 1
}

func kindOf(label int) Kind { return Kind((label + 1) / 2) }

func isInside(label int) bool { return label != 0 && label%2 == 0 }

// LabelString returns a label as a BIO tag ("B-PER").
func LabelString(label int) string {
	if label == 0 {
		return "O"
	}
	if isInside(label) {
		return "I-" + kindOf(label).String()
	}
	return "B-" + kindOf(label).String()
}

// ParseLabel reads a BIO tag; kinds the tagger does not know (MISC) are O.
func ParseLabel(s string) int {
	if len(s) < 3 || s[1] != '-' {
		return 0
	}
	k := ParseKind(s[2:])
	if k == None {
		return 0
	}
	return labelOf(k, s[0] == 'I')
}

// allowed reports whether label may follow prev: I-X only after B-X or I-X.
func allowed(prev, label int) bool {
	if !isInside(label) {
		return true
	}
	return prev != 0 && kindOf(prev) == kindOf(label)
}

// Span is a name found in a sentence: words [Start, End), its kind and the tagger's confidence, the
// lowest probability it gave any of its words' labels.
type Span struct {
	Start, End int
	Kind       Kind
	Confidence float64
}

// Model is a trained tagger. It is safe for concurrent use.
type Model struct {
	Notes   Notes
	dict    *Dict
	rates   map[uint64]uint8              // hash of a lower-case word -> capitalisation bucket
	index   map[uint64]int32              // feature -> offset of its weights in w
	weights []float32                     // numLabels weights a feature
	table   hashTable[[numLabels]float32] // the same as index and weights, for the tagging loop
	rateTab hashTable[uint8]              // the same as rates
}

// Tagger tags sentences with a model, reusing its buffers: one per goroutine.
type Tagger struct {
	m      *Model
	toks   []token
	lat    lattice
	labels []int
	probs  []float64
}

// NewTagger returns a tagger that uses m.
func (m *Model) NewTagger() *Tagger {
	return &Tagger{m: m, lat: lattice{cache: map[uint64][numLabels][numLabels]float64{}, words: map[uint64][numLabels]float64{}}}
}

// prepare computes what the features read of each word.
func (m *Model) prepare(ts []token, words, pos []string) {
	for i, w := range words {
		t := &ts[i]
		*t = token{lower: lowerPlain(w), shape: shape(w)}
		if pos != nil {
			t.pos = pos[i]
		}
		if r, ok := m.rateTab.get(hashString(hashStart(0), t.lower)); ok {
			t.rate = *r
		}
	}
	m.dict.mark(ts)
}

func (t *Tagger) grow(n int) {
	if cap(t.toks) < n {
		t.toks = make([]token, n)
		t.labels = make([]int, n)
		t.probs = make([]float64, n)
	}
	t.toks, t.labels, t.probs = t.toks[:n], t.labels[:n], t.probs[:n]
}

// Labels tags one sentence: words and their part-of-speech tags (pos may be nil) in, one label a word
// out, in a slice the next call reuses.
func (t *Tagger) Labels(words, pos []string) []int {
	t.grow(len(words))
	t.m.prepare(t.toks, words, pos)
	decode(t.toks, t.m, &t.lat, t.labels, t.probs)
	return t.labels
}

// Tag returns the names in a sentence.
func (t *Tagger) Tag(words, pos []string) []Span {
	labels := t.Labels(words, pos)
	return spansOf(labels, t.probs)
}

// spansOf turns labels into spans; probs may be nil.
func spansOf(labels []int, probs []float64) []Span {
	var out []Span
	for i := 0; i < len(labels); {
		if labels[i] == 0 {
			i++
			continue
		}
		k := kindOf(labels[i])
		j := i + 1
		for j < len(labels) && isInside(labels[j]) && kindOf(labels[j]) == k {
			j++
		}
		conf := 1.0
		if probs != nil {
			for _, p := range probs[i:j] {
				conf = min(conf, p)
			}
		}
		out = append(out, Span{Start: i, End: j, Kind: k, Confidence: conf})
		i = j
	}
	return out
}

// lowerPlain returns the lower case of a word with curly apostrophes made straight, as the annotated
// text mostly has them, and invisible format characters removed.
func lowerPlain(w string) string {
	if strings.Contains(w, "’") {
		w = strings.ReplaceAll(w, "’", "'")
	}
	if strings.ContainsFunc(w, isFormat) {
		w = strings.Map(func(r rune) rune {
			if isFormat(r) {
				return -1
			}
			return r
		}, w)
	}
	return strings.ToLower(w)
}

// isFormat reports an invisible format character (a zero-width joiner, a direction mark): folded out
// of the words the features read.
func isFormat(r rune) bool {
	return r >= 0x200b && r <= 0x200f || r >= 0x202a && r <= 0x202e || r == 0x2060 || r == 0xfeff
}

// Listed reports whether the words, as one name, are in list l of the model's name lists (ListOrg, ...).
func (m *Model) Listed(l int, words ...string) bool {
	h := hashStart(0)
	for _, w := range words {
		h = hashString(h, lowerPlain(w))
	}
	return m.dict.names[h]&(1<<l) != 0
}

// plainWord reports whether word i and its neighbours are written without capitals or digits, and word
// i is a common word: one that news mostly writes in lower case (see CapRates) and no name list has. A
// name written in lower case ("in chicago", "at starbucks") is not a common word, and is scored.
func plainWord(ts []token, i int) bool {
	plain := func(k int) bool {
		return k < 0 || k >= len(ts) || ts[k].shape == "x" || ts[k].shape == "," || ts[k].shape == "."
	}
	if !plain(i-1) || !plain(i) || !plain(i+1) {
		return false
	}
	t := &ts[i]
	if t.shape != "x" {
		return true // punctuation
	}
	if t.rate != 1 && t.rate != 2 {
		return false
	}
	for _, d := range t.dict {
		if d != 0 {
			return false
		}
	}
	return true
}

// freeze builds the tables tagging reads from the maps training and reading fill.
func (m *Model) freeze() {
	m.table = weightTable(m.index, m.weights)
	m.freezeLists()
}

// freezeLists builds the tables of the name lists and capitalisation rates.
func (m *Model) freezeLists() {
	m.rateTab = newHashTable(m.rates)
	m.dict.freeze()
}

// weightTable puts each feature's weights in the slot of its id.
func weightTable(index map[uint64]int32, weights []float32) hashTable[[numLabels]float32] {
	ws := make(map[uint64][numLabels]float32, len(index))
	for f, off := range index {
		ws[f] = [numLabels]float32(weights[off : off+numLabels])
	}
	return newHashTable(ws)
}
