package tagger

import (
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
)

// Sentence is an annotated sentence: words, their part-of-speech tags and their gold labels.
type Sentence struct {
	Set   string // the data set it comes from, for tables per set
	Words []string
	POS   []string
	Gold  []int
}

// TrainOptions set how a model is trained.
type TrainOptions struct {
	Epochs int    // passes over the data; 0 means 10
	Seed   uint64 // orders the sentences in each pass
	Dict   *Dict
	Rates  map[uint64]uint8 // see CapRates
	Notes  Notes
}

// weight is a feature's weights while training, with what averaging needs.
type weight struct {
	w     [numLabels]float32
	total [numLabels]float64 // sum of the weight over the updates so far
	stamp [numLabels]int     // update at which w last changed
}

// Train learns a model from sentences with the averaged perceptron: tag each sentence greedily left to
// right, and where a label is wrong, add the features to the gold label and take them from the
// predicted one. The model keeps the average of every weight over all updates. The same sentences,
// options and seed give the same model, byte for byte.
func Train(sents []Sentence, opts TrainOptions) *Model {
	if opts.Epochs == 0 {
		opts.Epochs = 10
	}
	m := &Model{dict: opts.Dict, rates: opts.Rates, Notes: opts.Notes}
	if m.dict == nil {
		m.dict = NewDict()
	}
	m.freezeLists()
	ws := map[uint64]*weight{}
	step := 1
	update := func(feats []uint64, label int, delta float32) {
		for _, f := range feats {
			w := ws[f]
			if w == nil {
				w = &weight{}
				ws[f] = w
			}
			w.total[label] += float64(step-w.stamp[label]) * float64(w.w[label])
			w.stamp[label] = step
			w.w[label] += delta
		}
	}
	live := liveWeights(ws)
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x6e657773677261))
	var toks []token
	var lt lattice
	var feats []uint64
	var pred []int
	for epoch := 0; epoch < opts.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			s := &sents[si]
			n := len(s.Words)
			if cap(toks) < n {
				toks, pred = make([]token, n), make([]int, n)
			}
			toks, pred = toks[:n], pred[:n]
			m.prepare(toks, s.Words, s.POS)
			decode(toks, live, &lt, pred, nil)
			// the structured perceptron: where the best labelling differs from the gold one, add the
			// gold labelling's features and take the predicted one's
			sc := sentenceCaseOf(toks)
			for i := range n {
				gp, pp := 0, 0
				if i > 0 {
					gp, pp = s.Gold[i-1], pred[i-1]
				}
				g, p := s.Gold[i], pred[i]
				if g == p && gp == pp {
					continue
				}
				if g != p {
					feats = staticFeatures(toks, i, sc, feats[:0])
					update(feats, g, 1)
					update(feats, p, -1)
				}
				feats = labelFeatures(toks, i, gp, feats[:0])
				update(feats, g, 1)
				feats = labelFeatures(toks, i, pp, feats[:0])
				update(feats, p, -1)
			}
			step++
		}
	}
	// average, and keep the features whose weights are not all zero
	keys := make([]uint64, 0, len(ws))
	for f, w := range ws {
		nonzero := false
		for l := range w.w {
			w.total[l] += float64(step-w.stamp[l]) * float64(w.w[l])
			avg := float32(w.total[l] / float64(step))
			if avg > -1e-3 && avg < 1e-3 {
				avg = 0
			}
			w.w[l] = avg
			nonzero = nonzero || avg != 0
		}
		if nonzero {
			keys = append(keys, f)
		}
	}
	slices.Sort(keys)
	m.index = make(map[uint64]int32, len(keys))
	m.weights = make([]float32, 0, len(keys)*numLabels)
	for _, f := range keys {
		m.index[f] = int32(len(m.weights))
		m.weights = append(m.weights, ws[f].w[:]...)
	}
	m.table = weightTable(m.index, m.weights)
	return m
}

// CapRates reads unlabeled sentences (words separated by spaces) and buckets each word, by lower case, by
// how often it is capitalised where it does not open a sentence: 1 almost never (a common word), 2
// sometimes, 3 mostly, 4 always. Words seen fewer than three times get no bucket (0).
func CapRates(sentences []string) map[uint64]uint8 {
	type count struct{ capd, all int }
	counts := map[string]*count{}
	for _, s := range sentences {
		words := strings.Fields(s)
		for i, w := range words {
			if i == 0 || !hasLetter(w) {
				continue
			}
			lw := strings.ToLower(w)
			c := counts[lw]
			if c == nil {
				c = &count{}
				counts[lw] = c
			}
			c.all++
			if isCapitalised(w) {
				c.capd++
			}
		}
	}
	out := make(map[uint64]uint8, len(counts))
	for w, c := range counts {
		if c.all < 3 {
			continue
		}
		r := float64(c.capd) / float64(c.all)
		var b uint8
		switch {
		case r < 0.05:
			b = 1
		case r < 0.5:
			b = 2
		case r < 0.95:
			b = 3
		default:
			b = 4
		}
		out[hashString(hashStart(0), w)] = b
	}
	return out
}

// Rate returns the capitalisation bucket CapRates gave a word (by its lower case), 0 for none.
func Rate(rates map[uint64]uint8, word string) uint8 {
	return rates[hashString(hashStart(0), lowerPlain(word))]
}

func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// liveWeights reads the weights being learned, for decoding during training.
type liveWeights map[uint64]*weight

func (ws liveWeights) addWeights(f uint64, out *[numLabels]float64) {
	if w := ws[f]; w != nil {
		for l := range out {
			out[l] += float64(w.w[l])
		}
	}
}
