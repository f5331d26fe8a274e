package graph

import (
	"bufio"
	"encoding/json"
	"io"
)

// Mention is one place in an article's file where an entity is named. Start and End are byte offsets
// into the file as read, so that file[Start:End] == Text.
type Mention struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Text   string `json:"text"`
	Label  Label  `json:"label"`
	Entity string `json:"entity"`
	// Tagged and Confidence describe a name the tagger was unsure of (confidence under newsgraph's bar):
	// listed here with its coarse kind (PER, LOC, ORG), kept out of the graph, so without label or entity.
	Tagged     string  `json:"tagged,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
}

// ArticleMentions lists the mentions of one article (one story of one file).
type ArticleMentions struct {
	Article  string    `json:"article"`
	File     string    `json:"file"`
	Title    string    `json:"title"`
	Mentions []Mention `json:"mentions"`
}

// WriteMentions writes one JSON line per article, in the order given.
func WriteMentions(w io.Writer, arts []ArticleMentions) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, a := range arts {
		if a.Mentions == nil {
			a.Mentions = []Mention{}
		}
		if err := enc.Encode(a); err != nil {
			return err
		}
	}
	return bw.Flush()
}
