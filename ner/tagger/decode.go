package tagger

import "math"

// weightSource adds the weights of a feature to a score per label: the model when tagging, the weights
// being learned when training. Both decode the same way.
type weightSource interface {
	addWeights(f uint64, out *[numLabels]float64)
}

func (m *Model) addWeights(f uint64, out *[numLabels]float64) {
	if w, ok := m.table.get(f); ok {
		for l := range out {
			out[l] += float64(w[l])
		}
	}
}

// lattice holds the buffers of one sentence's decoding, reused from sentence to sentence.
type lattice struct {
	static [][numLabels]float64            // per word: the score of each label from the word's features
	trans  [][numLabels][numLabels]float64 // per word: [label before][label] from the label features
	best   [][numLabels]float64            // best score of a labelling ending here in a label
	back   [][numLabels]int8
	plain  []bool
	feats  []uint64
	beta   [][numLabels]float64 // backward best scores, for the confidences
	// cache holds, when decoding with a fixed model, the label features' scores of each word form, and
	// words the scores of each word's own features (see wordFeatures)
	cache map[uint64][numLabels][numLabels]float64
	words map[uint64][numLabels]float64
}

// maxCachedForms bounds a tagger's cache of word forms (about 400 bytes each).
const maxCachedForms = 1 << 15

func (lt *lattice) grow(n int) {
	if cap(lt.static) < n {
		lt.static = make([][numLabels]float64, n)
		lt.trans = make([][numLabels][numLabels]float64, n)
		lt.best = make([][numLabels]float64, n)
		lt.back = make([][numLabels]int8, n)
		lt.plain = make([]bool, n)
	}
	lt.static, lt.trans, lt.best, lt.back, lt.plain = lt.static[:n], lt.trans[:n], lt.best[:n], lt.back[:n], lt.plain[:n]
}

// decode finds the best labelling of a sentence under first-order label features (Viterbi), writing it
// to out and, when probs is not nil, each word's label probability given the label before it. A
// lower-case word between lower-case words, in text that capitalises, is O without scoring: no name
// is there, and scoring it would cost most of the tagging time.
func decode(ts []token, w weightSource, lt *lattice, out []int, probs []float64) {
	n := len(ts)
	if n == 0 {
		return
	}
	lt.grow(n)
	sc := sentenceCaseOf(ts)
	for i := range ts {
		lt.plain[i] = sc == 0 && plainWord(ts, i)
		if lt.plain[i] {
			continue
		}
		// the word's own features score alike wherever the word stands: a model's scores for them
		// are kept by the word's key; the context's are summed each time
		lt.static[i] = [numLabels]float64{}
		cached := false
		var wk uint64
		if lt.words != nil {
			wk = wordKey(ts, i, sc)
			lt.static[i], cached = lt.words[wk]
		}
		if !cached {
			lt.feats = wordFeatures(ts, i, sc, lt.feats[:0])
			for _, f := range lt.feats {
				w.addWeights(f, &lt.static[i])
			}
			if lt.words != nil {
				if len(lt.words) >= maxCachedForms {
					clear(lt.words)
				}
				lt.words[wk] = lt.static[i]
			}
		}
		lt.feats = contextFeatures(ts, i, lt.feats[:0])
		for _, f := range lt.feats {
			w.addWeights(f, &lt.static[i])
		}
		// the label features read the word and its shape only: a model's scores for them are
		// computed once per word form and kept
		var key uint64
		if lt.cache != nil {
			key = hashString(hashString(hashStart(0), ts[i].lower), ts[i].shape)
			if tr, ok := lt.cache[key]; ok {
				lt.trans[i] = tr
				if i == 0 {
					for p := 1; p < numLabels; p++ {
						lt.trans[i][p] = [numLabels]float64{}
					}
				}
				continue
			}
		}
		for p := 0; p < numLabels; p++ {
			lt.trans[i][p] = [numLabels]float64{}
			lt.feats = labelFeatures(ts, i, p, lt.feats[:0])
			for _, f := range lt.feats {
				w.addWeights(f, &lt.trans[i][p])
			}
		}
		if lt.cache != nil {
			if len(lt.cache) >= maxCachedForms {
				clear(lt.cache)
			}
			lt.cache[key] = lt.trans[i]
		}
	}
	inf := math.Inf(-1)
	for i := range ts {
		best, back := &lt.best[i], &lt.back[i]
		if lt.plain[i] {
			// only O may stand here, after anything
			p := 0
			if i > 0 {
				for q := 1; q < numLabels; q++ {
					if lt.best[i-1][q] > lt.best[i-1][p] {
						p = q
					}
				}
			}
			*best = [numLabels]float64{inf, inf, inf, inf, inf, inf, inf}
			best[0], back[0] = 0, int8(p)
			if i > 0 {
				best[0] = lt.best[i-1][p]
			}
			continue
		}
		st, tr := &lt.static[i], &lt.trans[i]
		for y := 0; y < numLabels; y++ {
			best[y], back[y] = inf, 0
			if i == 0 {
				if allowed(0, y) {
					best[y] = st[y] + tr[0][y]
				}
				continue
			}
			prev := &lt.best[i-1]
			for p := 0; p < numLabels; p++ {
				if !allowed(p, y) {
					continue
				}
				if s := prev[p] + st[y] + tr[p][y]; s > best[y] {
					best[y], back[y] = s, int8(p)
				}
			}
		}
	}
	y := 0
	for l := 1; l < numLabels; l++ {
		if lt.best[n-1][l] > lt.best[n-1][y] {
			y = l
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = y
		y = int(lt.back[i][y])
	}
	if probs == nil {
		return
	}
	// a plain word is O whatever stands around it, so the sentence falls apart at plain words into
	// runs whose labellings are independent: the marginals are computed on the runs that hold a name
	for i := 0; i < n; {
		if lt.plain[i] {
			probs[i] = 1
			i++
			continue
		}
		e, named := i, false
		for e < n && !lt.plain[e] {
			named = named || out[e] != 0
			e++
		}
		if named {
			lt.marginals(i, e, out, probs)
		} else {
			for k := i; k < e; k++ {
				probs[k] = 1
			}
		}
		i = e
	}
}

// marginals writes each word's confidence in its label over the run of scored words [s,e): the
// best labelling's score against the best labelling with each other label there (max-marginals, from
// Viterbi's forward scores and a backward pass), turned into a probability with a softmax. Before the
// run stands O or the sentence's start, after it O or its end.
func (lt *lattice) marginals(s, e int, out []int, probs []float64) {
	n := e - s
	if cap(lt.beta) < n {
		lt.beta = make([][numLabels]float64, n)
	}
	beta := lt.beta[:n]
	inf := math.Inf(-1)
	for y := range beta[n-1] {
		beta[n-1][y] = 0
	}
	for k := n - 2; k >= 0; k-- {
		// word s+k+1 is scored and not the sentence's first: its potential is its scores where the
		// labels may follow each other
		st, tr, next := &lt.static[s+k+1], &lt.trans[s+k+1], &beta[k+1]
		for y := 0; y < numLabels; y++ {
			b := inf
			for z := 0; z < numLabels; z++ {
				if allowed(y, z) {
					b = max(b, next[z]+(st[z]+tr[y][z])) // summed as before: the same bits
				}
			}
			beta[k][y] = b
		}
	}
	for k := 0; k < n; k++ {
		i := s + k
		chosen := lt.best[i][out[i]] + beta[k][out[i]]
		var z float64
		for y := 0; y < numLabels; y++ {
			if m := lt.best[i][y] + beta[k][y]; !math.IsInf(m, -1) {
				z += math.Exp(m - chosen)
			}
		}
		probs[i] = 1 / z
	}
}

func sentenceCaseOf(ts []token) byte {
	upper, lower := 0, 0
	for _, t := range ts {
		for _, c := range t.shape {
			switch c {
			case 'X':
				upper++
			case 'x':
				lower++
			}
		}
	}
	switch {
	case upper > 3 && lower == 0:
		return 'U'
	case lower > 3 && upper == 0:
		return 'L'
	}
	return 0
}
