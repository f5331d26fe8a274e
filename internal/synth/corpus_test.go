package synth

import "testing"

func TestArticlesAreDeterministicAndVaried(t *testing.T) {
	a, b := New(7, 100, 20), New(7, 100, 20)
	seen := map[string]bool{}
	for i := 0; i < 50; i++ {
		x, y := a.Article(i), b.Article(i)
		if x != y {
			t.Fatalf("article %d differs between two generators with the same seed", i)
		}
		seen[x] = true
	}
	if len(seen) < 50 {
		t.Errorf("only %d distinct articles of 50", len(seen))
	}
	if New(8, 100, 20).Article(0) == a.Article(0) {
		t.Errorf("another seed gives the same article")
	}
}
