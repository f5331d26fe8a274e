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
	var scores [numLabels]float64
	score := func(feats []uint64) {
		scores = [numLabels]float64{}
		for _, f := range feats {
			if w := ws[f]; w != nil {
				for l := range scores {
					scores[l] += float64(w.w[l])
				}
			}
		}
	}
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x6e657773677261))
	var toks []token
	var feats []uint64
	for epoch := 0; epoch < opts.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			s := &sents[si]
			if cap(toks) < len(s.Words) {
				toks = make([]token, len(s.Words))
			}
			toks = toks[:len(s.Words)]
			m.prepare(toks, s.Words, s.POS)
			sc := sentenceCase(s.Words)
			prev, prev2 := 0, 0
			for i := range s.Words {
				feats = staticFeatures(toks, i, sc, feats[:0])
				feats = labelFeatures(toks, i, prev, prev2, feats)
				score(feats)
				guess, best := 0, -1e300
				for l := 0; l < numLabels; l++ {
					if allowed(prev, l) && scores[l] > best {
						guess, best = l, scores[l]
					}
				}
				gold := s.Gold[i]
				if guess != gold {
					update(feats, gold, 1)
					update(feats, guess, -1)
				}
				step++
				// the next word sees the label the tagger gave, as it will when tagging
				prev2, prev = prev, guess
			}
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
	m.table = newFeatureTable(m.index)
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

func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
