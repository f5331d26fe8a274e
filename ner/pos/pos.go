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
	blob    []byte    // the feature strings, as the model file holds them
	featOff []uint32  // feature i's string is blob[featOff[i]:featOff[i+1]]
	pairOff []uint32  // and its weights [pairOff[i], pairOff[i+1])
	seed    maphash.Seed
	slots   []slot // open addressing by the hash of a feature string
	mask    uint64 // len(slots)-1
	ids     []uint8   // class of each weight
	weights []float32 // the weights, a feature's together
	tagMap  map[string]uint8
	pool    sync.Pool
}

// slot is a feature: its hash and its number plus one (0 for an empty slot).
type slot struct {
	hash uint64
	feat uint32
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
	t.blob = r.bytes(blobLen)
	featOff := r.u32s(nFeatures + 1)
	pairOff := r.u32s(nFeatures + 1)
	t.featOff, t.pairOff = featOff, pairOff
	t.ids = append([]uint8(nil), r.bytes(nPairs)...)
	for _, u := range r.u32s(nPairs) {
		t.weights = append(t.weights, math.Float32frombits(u))
	}
	nTag := int(r.u32())
	t.tagMap = make(map[string]uint8, nTag)
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
		if featOff[i] > featOff[i+1] || int(featOff[i+1]) > len(t.blob) || pairOff[i] > pairOff[i+1] || int(pairOff[i+1]) > nPairs {
			return nil, fmt.Errorf("pos: feature %d has bad offsets", i)
		}
	}
	for _, id := range t.ids {
		if int(id) >= nClasses {
			return nil, fmt.Errorf("pos: a weight has class %d of %d", id, nClasses)
		}
	}
	n := uint64(16)
	for n < uint64(nFeatures)*2 {
		n *= 2
	}
	t.slots, t.mask, t.seed = make([]slot, n), n-1, maphash.MakeSeed()
	for i := 0; i < nFeatures; i++ {
		h := maphash.Bytes(t.seed, t.blob[featOff[i]:featOff[i+1]])
		j := h & t.mask
		for t.slots[j].feat != 0 {
			j = (j + 1) & t.mask
		}
		t.slots[j] = slot{hash: h, feat: uint32(i + 1)}
	}
	t.pool.New = func() any {
		return &scratch{scores: make([]float32, nClasses), key: make([]byte, 0, 64)}
	}
	return t, nil
}

// accumulate adds the weights of the feature named by key to scores.
func (t *Tagger) accumulate(key []byte, scores []float32) {
	h := maphash.Bytes(t.seed, key)
	for j := h & t.mask; ; j = (j + 1) & t.mask {
		s := t.slots[j]
		if s.feat == 0 {
			return // not a feature of the model
		}
		if f := s.feat - 1; s.hash == h && string(t.blob[t.featOff[f]:t.featOff[f+1]]) == string(key) {
			ids, ws := t.ids[t.pairOff[f]:t.pairOff[f+1]], t.weights[t.pairOff[f]:t.pairOff[f+1]]
			for k := range ids {
				scores[ids[k]] += ws[k]
			}
			return
		}
	}
}

type scratch struct {
	scores  []float32
	key     []byte
	context []string
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
	feat := func(parts ...string) {
		s.key = s.key[:0]
		for _, p := range parts {
			s.key = append(s.key, p...)
		}
		t.accumulate(s.key, s.scores)
	}
	// the features of prose's tagger, in its order: float sums in the same order give the same scores
	feat("bias")
	feat("i suffix ", suffix(word, 3))
	feat("i pref1 ", prefix1(word))
	feat("i-1 tag ", p1)
	feat("i-2 tag ", p2)
	feat("i tag+i-2 tag ", p1, " ", p2)
	feat("i word ", ctx[i])
	feat("i-1 tag+i word ", p1, " ", ctx[i])
	feat("i-1 word ", ctx[i-1])
	feat("i-1 suffix ", suffix(ctx[i-1], 3))
	feat("i-2 word ", ctx[i-2])
	feat("i+1 word ", ctx[i+1])
	feat("i+1 suffix ", suffix(ctx[i+1], 3))
	feat("i+2 word ", ctx[i+2])
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
		return make([]uint32, n)
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[i*4:])
	}
	return out
}
