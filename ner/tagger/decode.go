package tagger

import "math"

// weightSource adds the weights of a feature to a score per label: the model when tagging, the weights
// being learned when training. Both decode the same way.
type weightSource interface {
	addWeights(f uint64, out *[numLabels]float64)
}

func (m *Model) addWeights(f uint64, out *[numLabels]float64) {
	off, ok := m.table.get(f)
	if !ok {
		return
	}
	w := m.weights[off : off+numLabels]
	for l := range out {
		out[l] += float64(w[l])
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
	alpha  [][numLabels]float64 // forward and backward log scores, for the marginals
	beta   [][numLabels]float64
}

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
		lt.static[i] = [numLabels]float64{}
		lt.feats = staticFeatures(ts, i, sc, lt.feats[:0])
		for _, f := range lt.feats {
			w.addWeights(f, &lt.static[i])
		}
		for p := 0; p < numLabels; p++ {
			lt.trans[i][p] = [numLabels]float64{}
			if i == 0 && p != 0 {
				continue
			}
			lt.feats = labelFeatures(ts, i, p, lt.feats[:0])
			for _, f := range lt.feats {
				w.addWeights(f, &lt.trans[i][p])
			}
		}
	}
	inf := math.Inf(-1)
	for i := range ts {
		for y := 0; y < numLabels; y++ {
			lt.best[i][y], lt.back[i][y] = inf, 0
			if lt.plain[i] && y != 0 {
				continue
			}
			for p := 0; p < numLabels; p++ {
				if i == 0 && p != 0 || !allowed(p, y) {
					continue
				}
				s := 0.0
				if i > 0 {
					s = lt.best[i-1][p]
				}
				if !lt.plain[i] {
					s += lt.static[i][y] + lt.trans[i][p][y]
				}
				if s > lt.best[i][y] {
					lt.best[i][y], lt.back[i][y] = s, int8(p)
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
	if probs != nil {
		lt.marginals(n, out, probs)
	}
}

// potential returns the score of label y at word i after label p, -Inf where it may not stand.
func (lt *lattice) potential(i, p, y int) float64 {
	switch {
	case i == 0 && p != 0, !allowed(p, y), lt.plain[i] && y != 0:
		return math.Inf(-1)
	case lt.plain[i]:
		return 0
	}
	return lt.static[i][y] + lt.trans[i][p][y]
}

// marginals writes each word's probability of its label over all labellings of the sentence
// (forward-backward over the same scores), the confidence a name's words carry.
func (lt *lattice) marginals(n int, out []int, probs []float64) {
	if cap(lt.alpha) < n {
		lt.alpha = make([][numLabels]float64, n)
		lt.beta = make([][numLabels]float64, n)
	}
	alpha, beta := lt.alpha[:n], lt.beta[:n]
	var terms [numLabels]float64
	for i := 0; i < n; i++ {
		for y := 0; y < numLabels; y++ {
			for p := 0; p < numLabels; p++ {
				prev := 0.0
				if i > 0 {
					prev = alpha[i-1][p]
				} else if p != 0 {
					prev = math.Inf(-1)
				}
				terms[p] = prev + lt.potential(i, p, y)
			}
			alpha[i][y] = logSumExp(terms[:])
		}
	}
	for y := range beta[n-1] {
		beta[n-1][y] = 0
	}
	for i := n - 2; i >= 0; i-- {
		for y := 0; y < numLabels; y++ {
			for z := 0; z < numLabels; z++ {
				terms[z] = beta[i+1][z] + lt.potential(i+1, y, z)
			}
			beta[i][y] = logSumExp(terms[:])
		}
	}
	logZ := logSumExp(alpha[n-1][:])
	for i := 0; i < n; i++ {
		probs[i] = math.Exp(alpha[i][out[i]] + beta[i][out[i]] - logZ)
	}
}

func logSumExp(xs []float64) float64 {
	m := math.Inf(-1)
	for _, x := range xs {
		m = max(m, x)
	}
	if math.IsInf(m, -1) {
		return m
	}
	var s float64
	for _, x := range xs {
		s += math.Exp(x - m)
	}
	return m + math.Log(s)
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
