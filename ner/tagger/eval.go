package tagger

import (
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
)

// Counts are the true positives, false positives and false negatives of names, matched exactly: the
// same words and the same kind.
type Counts struct{ TP, FP, FN int }

// Add adds c2 to c.
func (c *Counts) Add(c2 Counts) { c.TP += c2.TP; c.FP += c2.FP; c.FN += c2.FN }

// Precision returns TP/(TP+FP), 0 without predictions.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall returns TP/(TP+FN), 0 without gold names.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 returns the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Score counts, per kind, the names of predicted labels against gold labels of one sentence.
type Score struct {
	ByKind map[Kind]*Counts
}

// NewScore returns an empty score.
func NewScore() *Score {
	return &Score{ByKind: map[Kind]*Counts{Person: {}, Place: {}, Organization: {}}}
}

// Add scores one sentence.
func (s *Score) Add(gold, pred []int) {
	g, p := spansOf(gold, nil), spansOf(pred, nil)
	key := func(x Span) [3]int { return [3]int{x.Start, x.End, int(x.Kind)} }
	gs := map[[3]int]bool{}
	for _, x := range g {
		gs[key(x)] = true
	}
	for _, x := range p {
		if gs[key(x)] {
			s.ByKind[x.Kind].TP++
			delete(gs, key(x))
		} else {
			s.ByKind[x.Kind].FP++
		}
	}
	for k := range gs {
		s.ByKind[Kind(k[2])].FN++
	}
}

// Total returns the counts over all kinds (micro average).
func (s *Score) Total() Counts {
	var c Counts
	for _, k := range []Kind{Person, Place, Organization} {
		c.Add(*s.ByKind[k])
	}
	return c
}

// WriteTable writes one row per kind and one for all, with precision, recall, F1 and the counts.
func (s *Score) WriteTable(w io.Writer, title string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\tprecision\trecall\tF1\tgold\tpredicted\t\n", title)
	row := func(name string, c Counts) {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%d\t%d\t\n", name, c.Precision(), c.Recall(), c.F1(), c.TP+c.FN, c.TP+c.FP)
	}
	kinds := []Kind{Person, Place, Organization}
	slices.Sort(kinds)
	for _, k := range kinds {
		row("  "+k.String(), *s.ByKind[k])
	}
	row("  all", s.Total())
	return tw.Flush()
}
