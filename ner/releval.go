package ner

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ner/gazetteer"
)

// Judgement is one sentence-level relationship judgement of a labelled relation set: in Text, does a
// relationship of Type go From one name To another (Holds), and is an office current.
type Judgement struct {
	ID      string        `json:"id"`
	Source  string        `json:"source"`
	Licence string        `json:"licence"`
	Text    string        `json:"text"`
	Type    graph.RelType `json:"type"`
	From    string        `json:"from"`
	To      string        `json:"to"`
	Holds   bool          `json:"holds"`
	Current *bool         `json:"current,omitempty"`
}

// ReadJudgements reads a labelled relation set, one JSON judgement a line; name is used in errors.
func ReadJudgements(r io.Reader, name string) ([]Judgement, error) {
	var out []Judgement
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var j Judgement
		if err := json.Unmarshal([]byte(line), &j); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		if !j.Type.Valid() || j.Text == "" || !strings.Contains(j.Text, j.From) || !strings.Contains(j.Text, j.To) {
			return nil, fmt.Errorf("%s:%d: a judgement needs a known type and from and to inside its text", name, n)
		}
		out = append(out, j)
	}
	return out, sc.Err()
}

// RelScore counts one relationship type's outcome on a labelled set.
type RelScore struct {
	Type graph.RelType
	// Predicted relationships, those that match a positive judgement of their sentence, positive
	// judgements, and those a predicted relationship matches
	Predicted, Correct, Positives, Found int
	// Wrong lists the predicted relationships that match no positive judgement, as "type from -> to: text"
	Wrong []string
	// of the offices found whose judgement says whether they are current, how many say it as judged
	CurrentJudged, CurrentRight int
}

// Precision is Correct / Predicted (1 when nothing is predicted).
func (s *RelScore) Precision() float64 {
	if s.Predicted == 0 {
		return 1
	}
	return float64(s.Correct) / float64(s.Predicted)
}

// Recall is Found / Positives (1 when nothing is to be found).
func (s *RelScore) Recall() float64 {
	if s.Positives == 0 {
		return 1
	}
	return float64(s.Found) / float64(s.Positives)
}

// EvalRelations builds each sentence of the judgements as an article of its own and scores the
// relationships found against them, per type: a relationship is correct when a positive judgement of
// its sentence names its two ends (a name or demonym of the node equals, holds or is held in the judged
// words as whole words, case and accents folded); judgements list every relationship that holds in their sentence, so
// one that matches none is wrong.
func EvalRelations(ctx context.Context, x *Extractor, js []Judgement, minConfidence float64) (map[graph.RelType]*RelScore, error) {
	bySentence := map[string][]Judgement{}
	var order []string
	for _, j := range js {
		if _, ok := bySentence[j.Text]; !ok {
			order = append(order, j.Text)
		}
		bySentence[j.Text] = append(bySentence[j.Text], j)
	}
	scores := map[graph.RelType]*RelScore{}
	score := func(t graph.RelType) *RelScore {
		if scores[t] == nil {
			scores[t] = &RelScore{Type: t}
		}
		return scores[t]
	}
	for _, j := range js {
		if j.Holds {
			score(j.Type).Positives++
		}
	}
	for _, text := range order {
		d, err := x.Analyse(ctx, "sentence.txt", "Labelled sentence\n\n"+text+"\n")
		if err != nil {
			return nil, err
		}
		c, err := Resolve([]*Document{d}, ResolveOptions{MinConfidence: minConfidence})
		if err != nil {
			return nil, err
		}
		g := c.Graph
		found := map[int]bool{}
		for r := range g.Rels() {
			if r.Type == graph.Mentions || r.Type == graph.LocatedIn {
				continue // MENTIONS is no statement; LOCATED_IN comes from the gazetteer, not the sentence
			}
			s := score(r.Type)
			s.Predicted++
			hit := false
			for k, j := range bySentence[text] {
				if j.Holds && j.Type == r.Type && endsMatch(g, r, j) {
					hit, found[k] = true, true
					if cur, ok := r.Props[graph.KeyCurrent].(bool); ok && j.Current != nil {
						s.CurrentJudged++
						if cur == *j.Current {
							s.CurrentRight++
						}
					}
				}
			}
			if hit {
				s.Correct++
			} else {
				s.Wrong = append(s.Wrong, fmt.Sprintf("%s %s -> %s: %s", r.Type, g.Nodes[r.Start].Props.String("name"), g.Nodes[r.End].Props.String("name"), text))
			}
		}
		for k, j := range bySentence[text] {
			if j.Holds && found[k] {
				score(j.Type).Found++
			}
		}
	}
	return scores, nil
}

// endsMatch reports whether relationship r of g joins the names judgement j gives (either way round for
// a symmetric type).
func endsMatch(g *graph.Graph, r *graph.Rel, j Judgement) bool {
	names := func(id string) []string {
		n := g.Nodes[id]
		return append(append(n.Props.Strings("aliases"), n.Props.Strings("demonyms")...), n.Props.String("name"))
	}
	match := func(id, words string) bool {
		w := foldedWords(words)
		return slices.ContainsFunc(names(id), func(a string) bool {
			aw := foldedWords(a)
			return len(aw) > 0 && (wordRun(w, aw) || wordRun(aw, w))
		})
	}
	// an event is named by a phrase that judgement and extraction may cut differently ("yesterday's
	// bombings", "bombings in Istanbul"): it matches where a name of it overlaps the judged words in the
	// sentence
	overlaps := func(id, words string) bool {
		at := strings.Index(j.Text, words)
		return g.Nodes[id].Label == graph.Event && at >= 0 && slices.ContainsFunc(names(id), func(a string) bool {
			b := strings.Index(j.Text, a)
			return a != "" && b >= 0 && b < at+len(words) && at < b+len(a)
		})
	}
	end := func(id, words string) bool { return match(id, words) || overlaps(id, words) }
	if end(r.Start, j.From) && end(r.End, j.To) {
		return true
	}
	return r.Type.Symmetric() && end(r.Start, j.To) && end(r.End, j.From)
}

// foldedWords splits s into its words, case and accents folded.
func foldedWords(s string) []string {
	return strings.FieldsFunc(gazetteer.Fold(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	})
}

// wordRun reports whether words holds run as consecutive words.
func wordRun(words, run []string) bool {
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return true
		}
	}
	return false
}
