package ner

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ner/tagger"
)

func TestDebugTagger(t *testing.T) {
	text := os.Getenv("DEBUG_TEXT")
	if text == "" {
		t.Skip()
	}
	x := extractor(t)
	p := x.p
	sents := p.sentences(text, []Span{{0, len(text)}}, Span{})
	for _, s := range sents {
		tg := p.taggers.Get().(*tagger.Tagger)
		var words, pos []string
		for _, tk := range s.toks {
			words = append(words, tk.Text)
			pos = append(pos, tk.Tag)
		}
		sp := tg.Tag(words, pos)
		var b strings.Builder
		for _, x := range sp {
			b.WriteString(fmt.Sprintf("%s/%s/%.2f  ", strings.Join(words[x.Start:x.End], " "), x.Kind, x.Confidence))
		}
		t.Log(b.String())
		for _, m := range p.sentenceMentions(&s, 0) {
			t.Logf("   %q %s kind=%d", m.Text, m.Label, m.Kind)
		}
	}
}
