package bench

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ner"
)

func TestSyntheticGraphIsDeterministicAndShaped(t *testing.T) {
	a, b := SyntheticGraph(2000, 10000, 5), SyntheticGraph(2000, 10000, 5)
	var ja, jb bytes.Buffer
	_ = graph.WriteJSONL(&ja, a)
	_ = graph.WriteJSONL(&jb, b)
	if ja.String() != jb.String() {
		t.Fatal("same seed, different graphs")
	}
	if len(a.Nodes) != 2000 || a.NumRels() != 10000 {
		t.Errorf("%d nodes %d relationships, want 2000 and 10000", len(a.Nodes), a.NumRels())
	}
	types := a.CountTypes()
	if types[graph.Mentions] == 0 || types[graph.MetWith] == 0 || types[graph.HoldsOffice] == 0 {
		t.Errorf("types %v lack the product's shape", types)
	}
	for _, id := range a.NodeIDs() {
		if !strings.HasPrefix(id, "bench/") {
			t.Fatalf("id %q outside bench/: it could not be removed afterwards", id)
		}
	}
}

func TestExtractReportsEveryStage(t *testing.T) {
	ex, err := ner.NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	r, err := Extract(context.Background(), ex, ExtractOptions{Articles: 60, Workers: 2, Seed: 3, ProseArticles: 20})
	if err != nil {
		t.Fatal(err)
	}
	if r.Articles != 60 || r.Bytes == 0 || r.Nodes == 0 || r.Rels == 0 || r.MBps() <= 0 || r.ProseMBps() <= 0 {
		t.Errorf("result %+v", r)
	}
	var out bytes.Buffer
	r.Report(&out)
	for _, stage := range []string{"clean", "tokenise+tag", "mentions", "relate", "resolve", "write"} {
		if !strings.Contains(out.String(), "stage "+stage) {
			t.Errorf("report lacks stage %s:\n%s", stage, out.String())
		}
	}
	last := strings.Split(strings.TrimSpace(out.String()), "\n")
	if !strings.HasPrefix(last[len(last)-1], "extract: ") {
		t.Errorf("last line %q", last[len(last)-1])
	}
}
