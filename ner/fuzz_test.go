package ner

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

func fuzzSeeds(f *testing.F) {
	for _, s := range []string{
		"",
		"Title line here\n\nBody text about the President of France who met leaders in Paris on Monday.\n",
		"Short Url\nFollow\n\n\nA Title For A Story\nUpdated 08 October 2025\n\n  • A bullet with enough words to count as body text\n",
		"(Photo / Agency)\n\u00a0\u2028\u2029 \t\r\n",
		"The North Atlantic Treaty Organization (NATO) met. \"Quote\" — dash–dash U.S.-led ex-Soviet Moscow’s",
		"\xff\xfe invalid \xc3\x28 bytes",
		strings.Repeat("Name ", 200) + ".",
		"Dear readers,\nSign up\nMr. A. B. Smith, Jr. (R-Texas) said on 2025-10-08T10:00 that 9th Oct. 2024 ...",
	} {
		f.Add(s)
	}
}

// FuzzSegment checks that cleaning never panics and that every span lies inside the text, in order.
func FuzzSegment(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		for _, st := range Segment(text) {
			for _, sp := range append([]Span{st.TitleSpan}, st.Body...) {
				if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End {
					t.Fatalf("span %v outside text of %d bytes", sp, len(text))
				}
			}
			for _, sp := range st.Body {
				if sp.Start < last {
					t.Fatalf("body span %v before %d", sp, last)
				}
				last = sp.End
			}
		}
	})
}

// FuzzAnalyse checks that analysis and resolution never panic and that every mention's offsets give
// back its text.
func FuzzAnalyse(f *testing.F) {
	fuzzSeeds(f)
	ex, err := NewExtractor()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			text = strings.ToValidUTF8(text, "\uFFFD") // the pipeline repairs input before analysis
		}
		d, err := ex.WithOffsets().Analyse(context.Background(), "fuzz.txt", text)
		if err != nil {
			t.Fatal(err)
		}
		c, err := Resolve([]*Document{d}, ResolveOptions{Mentions: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range c.Mentions {
			for _, m := range a.Mentions {
				if m.Start < 0 || m.End > len(text) || text[m.Start:m.End] != m.Text {
					t.Fatalf("mention %+v does not index the text", m)
				}
			}
		}
		for r := range c.Graph.Rels() {
			if c.Graph.Nodes[r.Start] == nil || c.Graph.Nodes[r.End] == nil {
				t.Fatalf("relationship %s has a missing end", r.ID)
			}
		}
	})
}
