package bench

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ner"
)

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
