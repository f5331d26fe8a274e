// Package pos tags words with their parts of speech: prose's English averaged-perceptron tagger
// (github.com/jdkato/prose/v3/tag, MIT licence), read from the model prose ships and scored the same
// way, with its features looked up in a hash table instead of by binary search over sorted strings.
// The tags are prose's, word for word (a test holds the two to that); tagging takes a fraction of the
// time, which matters because every word of every article is tagged.
package pos

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/jdkato/prose/v3/tag/aptagmodel"
	"github.com/jdkato/prose/v3/token"
)

// Tagger tags sentences. It is safe for concurrent use.
type Tagger struct {
	classes []string
	seed    maphash.Seed
	slots   []slot   // open addressing by the key of a feature, see key
	mask    uint64   // len(slots)-1
	weights []weight // the weights, a feature's together
	tagMap  map[string]uint8
	pool    sync.Pool
}

// slot is a feature: its key and where its weights are, [lo, lo+n) of Tagger.weights (n is 0 for an
// empty slot: a feature of the model has weights).
type slot struct {
	key   uint64
	lo, n uint32
}

// weight is a feature's weight for one class.
type weight struct {
	w     float32
	class uint8
}

// The templates of prose's features, in the order its tagger scores them. A feature's string is its
// template, then one value, or two separated by a space ("i-1 tag+i word NN harbour"). A feature is
// looked up by a key made of its template and the hashes of its values, so that tagging hashes each
// word once and builds no strings.
var templates = []string{"bias", "i suffix ", "i pref1 ", "i-1 tag ", "i-2 tag ", "i tag+i-2 tag ", "i word ",
	"i-1 tag+i word ", "i-1 word ", "i-1 suffix ", "i-2 word ", "i+1 word ", "i+1 suffix ", "i+2 word "}

const (
	tBias = iota
	tSuffix
	tPref1
	tTag1
	tTag2
	tTags
	tWord
	tTagWord
	tWordPrev
	tSuffixPrev
	tWordPrev2
	tWordNext
	tSuffixNext
	tWordNext2
)

// twoValues are the templates with two values.
func twoValues(t int) bool { return t == tTags || t == tTagWord }

// key combines a template and the hashes of its values (the second 0 for one value).
func key(t int, a, b uint64) uint64 {
	h := mix(uint64(t+1)*0x9e3779b97f4a7c15 ^ a)
	return mix(h ^ b*0xff51afd7ed558ccd)
}

// mix is the finaliser of MurmurHash3: every bit of x moves every bit of the result.
func mix(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

var (
	defaultTagger = sync.OnceValues(func() (*Tagger, error) { return FromBytes(aptagmodel.English) })
)

// New returns the tagger of prose's built-in English model, read once per process.
func New() (*Tagger, error) { return defaultTagger() }

const magic = "PROSETAG"

// FromBytes reads a model in prose's flat format (version 1): classes, sorted feature strings, their
// sparse weights, and the words with one tag.
func FromBytes(data []byte) (*Tagger, error) {
	r := reader{b: data}
	if string(r.bytes(len(magic))) != magic {
		return nil, errors.New("pos: not a prose flat tagger model")
	}
	if v := r.u32(); v != 1 {
		return nil, fmt.Errorf("pos: prose model format version %d, want 1", v)
	}
	t := &Tagger{}
	nClasses := int(r.u32())
	if nClasses > 256 {
		return nil, fmt.Errorf("pos: %d classes, at most 256", nClasses)
	}
	for i := 0; i < nClasses && r.err == nil; i++ {
		t.classes = append(t.classes, string(r.bytes(int(r.u16()))))
	}
	nFeatures, nPairs, blobLen := int(r.u32()), int(r.u32()), int(r.u32())
	blob := r.bytes(blobLen)
	featOff := r.u32s(nFeatures + 1)
	pairOff := r.u32s(nFeatures + 1)
	ids := r.bytes(nPairs)
	ws := r.u32s(nPairs)
	if r.err != nil {
		return nil, fmt.Errorf("pos: %w", r.err)
	}
	t.weights = make([]weight, nPairs)
	for i, u := range ws {
		t.weights[i].w = math.Float32frombits(u)
	}
	nTag := int(r.u32())
	t.tagMap = make(map[string]uint8, min(nTag, 1<<16))
	for i := 0; i < nTag && r.err == nil; i++ {
		w := string(r.bytes(int(r.u16())))
		id := r.bytes(1)
		if r.err == nil {
			if int(id[0]) >= nClasses {
				return nil, fmt.Errorf("pos: word %q has class %d of %d", w, id[0], nClasses)
			}
			t.tagMap[w] = id[0]
		}
	}
	if r.err != nil {
		return nil, fmt.Errorf("pos: %w", r.err)
	}
	for i := 0; i < nFeatures; i++ {
		if featOff[i] > featOff[i+1] || int(featOff[i+1]) > len(blob) || pairOff[i] > pairOff[i+1] || int(pairOff[i+1]) > nPairs {
			return nil, fmt.Errorf("pos: feature %d has bad offsets", i)
		}
	}
	for i, id := range ids {
		if int(id) >= nClasses {
			return nil, fmt.Errorf("pos: a weight has class %d of %d", id, nClasses)
		}
		t.weights[i].class = id
	}
	n := uint64(16)
	for n < uint64(nFeatures)*2 {
		n *= 2
	}
	t.slots, t.mask, t.seed = make([]slot, n), n-1, maphash.MakeSeed()
	for i := 0; i < nFeatures; i++ {
		if pairOff[i] == pairOff[i+1] {
			continue // no weights: scores nothing
		}
		k, err := t.featureKey(string(blob[featOff[i]:featOff[i+1]]))
		if err != nil {
			return nil, err
		}
		j := k & t.mask
		for t.slots[j].n != 0 {
			if t.slots[j].key == k {
				return nil, fmt.Errorf("pos: two features share key %x", k)
			}
			j = (j + 1) & t.mask
		}
		t.slots[j] = slot{key: k, lo: pairOff[i], n: pairOff[i+1] - pairOff[i]}
	}
	t.pool.New = func() any {
		return &scratch{scores: make([]float32, nClasses)}
	}
	return t, nil
}

// featureKey returns the key of a feature of the model, from its string.
func (t *Tagger) featureKey(f string) (uint64, error) {
	for tp := len(templates) - 1; tp >= 0; tp-- {
		rest, ok := strings.CutPrefix(f, templates[tp])
		if !ok || tp == tBias && rest != "" {
			continue
		}
		if twoValues(tp) {
			a, b, ok := strings.Cut(rest, " ")
			if !ok {
				return 0, fmt.Errorf("pos: feature %q lacks its second value", f)
			}
			return key(tp, t.hash(a), t.hash(b)), nil
		}
		return key(tp, t.hash(rest), 0), nil
	}
	return 0, fmt.Errorf("pos: feature %q has no known template", f)
}

func (t *Tagger) hash(s string) uint64 { return maphash.String(t.seed, s) }

// accumulate adds the weights of the feature with key k to scores.
func (t *Tagger) accumulate(k uint64, scores []float32) {
	for j := k & t.mask; ; j = (j + 1) & t.mask {
		s := t.slots[j]
		if s.n == 0 {
			return // not a feature of the model
		}
		if s.key == k {
			for _, w := range t.weights[s.lo : s.lo+s.n] {
				scores[w.class] += w.w
			}
			return
		}
	}
}

type scratch struct {
	scores  []float32
	context []string
	words   []uint64 // hash of each context word
	suffix  []uint64 // hash of its last three bytes
}

// TagTokens sets the Tag of each token, read as one sentence, from its Text: what prose's
// tag.Tagger.TagTokens sets.
func (t *Tagger) TagTokens(tokens []token.Token) {
	if len(tokens) == 0 {
		return
	}
	s := t.pool.Get().(*scratch)
	defer t.pool.Put(s)
	need := len(tokens) + 4
	if cap(s.context) < need {
		s.context = make([]string, need)
	}
	ctx := s.context[:need]
	ctx[0], ctx[1] = "-START-", "-START2-"
	for i := range tokens {
		ctx[i+2] = normalize(tokens[i].Text)
	}
	ctx[need-2], ctx[need-1] = "-END-", "-END2-"
	if cap(s.words) < need {
		s.words, s.suffix = make([]uint64, need), make([]uint64, need)
	}
	s.words, s.suffix = s.words[:need], s.suffix[:need]
	for k, w := range ctx {
		s.words[k], s.suffix[k] = t.hash(w), t.hash(suffix(w, 3))
	}
	p1, p2 := "-START-", "-START2-"
	for i := range tokens {
		tag := t.tagOne(s, i, ctx, tokens[i].Text, p1, p2)
		tokens[i].Tag = tag
		p2, p1 = p1, tag
	}
}

// Tag tags words read as one sentence.
func (t *Tagger) Tag(words []string) []string {
	toks := make([]token.Token, len(words))
	for i, w := range words {
		toks[i].Text = w
	}
	t.TagTokens(toks)
	out := make([]string, len(words))
	for i := range toks {
		out[i] = toks[i].Tag
	}
	return out
}

func (t *Tagger) tagOne(s *scratch, i int, ctx []string, word, p1, p2 string) string {
	switch {
	case word == "-":
		return "-"
	case emoticons[word]:
		return "SYM"
	case strings.HasPrefix(word, "@"):
		return "NN"
	case isNone(word):
		return "-NONE-"
	case isKeep(word):
		return word
	}
	if id, ok := t.tagMap[word]; ok {
		return t.classes[id]
	}
	return t.predict(s, i, ctx, word, p1, p2)
}

func (t *Tagger) predict(s *scratch, i int, ctx []string, word, p1, p2 string) string {
	for j := range s.scores {
		s.scores[j] = 0
	}
	i = min(len(ctx)-3, i+2)
	h1, h2 := t.hash(p1), t.hash(p2)
	// prose's features in its order: float sums in the same order give the same scores
	for _, k := range [...]uint64{
		key(tBias, t.hash(""), 0),
		key(tSuffix, t.hash(suffix(word, 3)), 0),
		key(tPref1, t.hash(prefix1(word)), 0),
		key(tTag1, h1, 0),
		key(tTag2, h2, 0),
		key(tTags, h1, h2),
		key(tWord, s.words[i], 0),
		key(tTagWord, h1, s.words[i]),
		key(tWordPrev, s.words[i-1], 0),
		key(tSuffixPrev, s.suffix[i-1], 0),
		key(tWordPrev2, s.words[i-2], 0),
		key(tWordNext, s.words[i+1], 0),
		key(tSuffixNext, s.suffix[i+1], 0),
		key(tWordNext2, s.words[i+2], 0),
	} {
		t.accumulate(k, s.scores)
	}
	best, bestID := float32(math.Inf(-1)), -1
	for id, sc := range s.scores {
		if sc > best {
			best, bestID = sc, id
		}
	}
	if bestID < 0 {
		return ""
	}
	return t.classes[bestID]
}

func suffix(w string, n int) string {
	if len(w) <= n {
		return w
	}
	return w[len(w)-n:]
}

func prefix1(w string) string {
	if w == "" {
		return ""
	}
	return w[:1]
}

// normalize maps a word to the form prose's model was trained on.
func normalize(word string) string {
	if word == "" {
		return word
	}
	first := word[0]
	if first != '-' && strings.IndexByte(word, '-') >= 0 {
		return "!HYPHEN"
	}
	if len(word) == 4 && isDecimalInt(word) {
		return "!YEAR"
	}
	if first >= '0' && first <= '9' {
		return "!DIGITS"
	}
	for i := 0; i < len(word); i++ {
		if c := word[i]; c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return strings.ToLower(word)
		}
	}
	return word
}

func isDecimalInt(s string) bool {
	i := 0
	if s[0] == '+' || s[0] == '-' {
		i = 1
	}
	if i == len(s) {
		return false
	}
	for ; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isNone matches what prose's `^(?:0|\*[\w?]\*|\*\-\d{1,3}|\*[A-Z]+\*\-\d{1,3}|\*)$` does: the empty
// elements of the Penn Treebank.
func isNone(w string) bool {
	if w == "0" || w == "*" {
		return true
	}
	if len(w) < 2 || w[0] != '*' {
		return false
	}
	rest := w[1:]
	// *x* with x a word character or ?
	if len(rest) == 2 && rest[1] == '*' && (isWordByte(rest[0]) || rest[0] == '?') {
		return true
	}
	// *-ddd
	if rest[0] == '-' && digits13(rest[1:]) {
		return true
	}
	// *ABC*-ddd
	j := 0
	for j < len(rest) && rest[j] >= 'A' && rest[j] <= 'Z' {
		j++
	}
	return j > 0 && j+1 < len(rest) && rest[j] == '*' && rest[j+1] == '-' && digits13(rest[j+2:])
}

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func digits13(s string) bool {
	if len(s) < 1 || len(s) > 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isKeep matches prose's `^\-[A-Z]{3}\-$` ("-LRB-"): such a word is its own tag.
func isKeep(w string) bool {
	if len(w) != 5 || w[0] != '-' || w[4] != '-' {
		return false
	}
	for i := 1; i < 4; i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// emoticons are prose's (internal/emoticon), which its tagger tags SYM.
var emoticons = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range []string{"(-8", "(-;", "(-_-)", "(._.)", "(:", "(=", "(o:", "(¬_¬)", "(ಠ_ಠ)", "(╯°□°）╯︵┻━┻",
		"-__-", "8-)", "8-D", "8D", ":(", ":((", ":(((", ":()", ":)))", ":-)", ":-))", ":-)))", ":-*", ":-/", ":-X",
		":-]", ":-o", ":-p", ":-x", ":-|", ":-}", ":0", ":3", ":P", ":]", ":`(", ":`)", ":`-(", ":o", ":o)", "=(",
		"=)", "=D", "=|", "@_@", "O.o", "O_o", "V_V", "XDD", "[-:", "^___^", "o_0", "o_O", "o_o", "v_v", "xD",
		"xDD", `¯\(ツ)/¯`} {
		m[e] = true
	}
	return m
}()

type reader struct {
	b   []byte
	pos int
	err error
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || r.pos+n > len(r.b) {
		r.err = fmt.Errorf("truncated model at offset %d", r.pos)
		return nil
	}
	out := r.b[r.pos : r.pos+n]
	r.pos += n
	return out
}

func (r *reader) u16() uint16 {
	if b := r.bytes(2); b != nil {
		return binary.LittleEndian.Uint16(b)
	}
	return 0
}

func (r *reader) u32() uint32 {
	if b := r.bytes(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

func (r *reader) u32s(n int) []uint32 {
	b := r.bytes(n * 4)
	if b == nil {
		return nil // r.err is set: nothing is allocated for a count a short file cannot hold
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[i*4:])
	}
	return out
}
