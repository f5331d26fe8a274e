package pos

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/jdkato/prose/v3/tag"
)

// sentences are invented, with the odd words prose's tagger treats apart: emoticons, handles, empty
// elements of the treebank, bracket tokens, years, hyphenated words, digits.
var sentences = []string{
	"The harbour board in Porto voted on Tuesday to widen the north quay .",
	"Maria Okafor , who chairs the Kestrel Bank , said the loan was well-timed :-) and @okafor agreed",
	"In 1998 the -LRB- old -RRB- mill closed * *T*-1 *-12 *EXP*-3 0 ; prices fell 12 % to 3,400 .",
	"xD the gig was great =) O_o",
	"Did Lena Varga really say that ?",
	"RESULTS WERE MIXED , OFFICIALS SAID",
	"",
}

func compare(t *testing.T, ours *Tagger, theirs *tag.Tagger, words []string) bool {
	t.Helper()
	got := ours.Tag(words)
	want := theirs.Tag(words)
	for i := range words {
		if got[i] != want[i].Tag {
			t.Errorf("%q: word %d %q tagged %s, prose %s", strings.Join(words, " "), i, words[i], got[i], want[i].Tag)
			return false
		}
	}
	return true
}

func TestSameTagsAsProse(t *testing.T) {
	ours, err := New()
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := tag.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sentences {
		compare(t, ours, theirs, strings.Fields(s))
	}
	// and on unlabeled news, when the shared data is beside the repo
	f, err := os.Open("../../../shared/data/ner/unlabeled/gmb_sentences.txt")
	if err != nil {
		t.Skipf("no unlabeled news to compare on: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	limit := 20000
	if testing.Short() {
		limit = 2000
	}
	for sc.Scan() && n < limit {
		if !compare(t, ours, theirs, strings.Fields(sc.Text())) {
			break
		}
		n++
	}
	t.Logf("%d sentences tagged alike", n)
}

func TestIsNoneAndKeep(t *testing.T) {
	for w, want := range map[string]bool{"0": true, "*": true, "*T*": true, "*?*": true, "*-1": true, "*-123": true,
		"*EXP*-3": true, "*-1234": false, "**": false, "*TT": false, "00": false, "*exp*-3": false, "*-": false} {
		if got := isNone(w); got != want {
			t.Errorf("isNone(%q) = %v", w, got)
		}
	}
	for w, want := range map[string]bool{"-LRB-": true, "-lrb-": false, "-LRBX-": false, "LRB": false} {
		if got := isKeep(w); got != want {
			t.Errorf("isKeep(%q) = %v", w, got)
		}
	}
}

func TestBadModelIsAnError(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("PROSETAG"), []byte("NOTAMODEL and more bytes")} {
		if _, err := FromBytes(b); err == nil {
			t.Errorf("FromBytes(%q) gave no error", b)
		}
	}
}

func BenchmarkTag(b *testing.B) {
	words := strings.Fields(sentences[1])
	ours, _ := New()
	theirs, _ := tag.New()
	b.Run("pos", func(b *testing.B) {
		for range b.N {
			ours.Tag(words)
		}
	})
	b.Run("prose", func(b *testing.B) {
		for range b.N {
			theirs.Tag(words)
		}
	})
}
