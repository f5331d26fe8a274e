package snapshot

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/fixture"
)

// TestEveryFileIsWholeAndReadableByAll: a snapshot and every export format are written 0644 whatever the
// umask, leave no temporary file behind, and read back to the graph written.
func TestEveryFileIsWholeAndReadableByAll(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	dir := t.TempDir()
	g := fixture.News()
	if err := Write(dir, g, nil, false); err != nil {
		t.Fatal(err)
	}
	written, err := Export(g, filepath.Join(dir, "export"), []string{"jsonl", "graphml", "cypher", "csv"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range append(written, filepath.Join(dir, "graph.jsonl")) {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o644 {
			t.Errorf("%s has mode %v, want 0644", p, st.Mode().Perm())
		}
	}
	for _, d := range []string{dir, filepath.Join(dir, "export")} {
		tmp, _ := filepath.Glob(filepath.Join(d, ".tmp-*"))
		if len(tmp) > 0 {
			t.Errorf("temporary files left: %v", tmp)
		}
	}
	for _, p := range []string{dir, filepath.Join(dir, "export", "graph.graphml"), filepath.Join(dir, "export", "csv")} {
		back, err := Read(p)
		if err != nil {
			t.Fatal(err)
		}
		if d := graph.Diff(g, back); len(d) > 0 {
			t.Errorf("%s reads back differently: %v", p, d)
		}
	}
}
