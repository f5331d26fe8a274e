package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
	"github.com/newsgraph/newsgraph/internal/snapshot"
	"github.com/newsgraph/newsgraph/internal/synth"
)

// run runs newsgraph with args and fails the test unless it exits 0.
func run(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	if code := Main(args, nil, out, errOut); code != ExitOK {
		t.Fatalf("newsgraph %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out.String()
}

func readGraph(t *testing.T, path string) *graph.Graph {
	t.Helper()
	g, err := snapshot.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestSeedsOneFileADayEqualOneBuild: the sample pages built one file a day, each onto the snapshot of
// the days before, give the entity ids, aliases and relationships of one build of all of them (display
// names aside: a node keeps the name it was first given unless a fuller one comes).
func TestSeedsOneFileADayEqualOneBuild(t *testing.T) {
	seeds := filepath.Join("..", "..", "seeds")
	files, err := filepath.Glob(filepath.Join(seeds, "*.txt"))
	if err != nil || len(files) < 2 {
		t.Fatalf("seed files: %v %v", files, err)
	}
	all, daily := t.TempDir(), t.TempDir()
	run(t, "build", seeds, "--out", all, "--no-load")
	for i, f := range files {
		args := []string{"build", f, "--out", daily, "--no-load"}
		if i > 0 {
			args = append(args, "--base", daily)
		}
		out := run(t, args...)
		if i > 0 && !strings.Contains(out, "base: ") {
			t.Errorf("day %d does not say what it built onto:\n%s", i+1, out)
		}
	}
	if d := graph.Diff(readGraph(t, all), readGraph(t, daily), "name"); len(d) > 0 {
		t.Errorf("one file a day differs from one build:\n%s", strings.Join(d, "\n"))
	}
	// a day built again onto the graph that holds it changes nothing
	again := t.TempDir()
	run(t, "build", files[len(files)-1], "--base", daily, "--out", again, "--no-load")
	if d := graph.Diff(readGraph(t, daily), readGraph(t, again)); len(d) > 0 {
		t.Errorf("building a day again changed the graph:\n%s", strings.Join(d, "\n"))
	}
}

// writeDays writes 2,000 generated articles into 10 day folders under dir.
func writeDays(t *testing.T, dir string) []string {
	t.Helper()
	c := synth.New(23, 400, 60)
	var days []string
	for d := 0; d < 10; d++ {
		day := filepath.Join(dir, fmt.Sprintf("day%02d", d))
		if err := os.MkdirAll(day, 0o755); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 200; i++ {
			n := d*200 + i
			if err := os.WriteFile(filepath.Join(day, fmt.Sprintf("%04d.txt", n)), []byte(c.Article(n)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		days = append(days, day)
	}
	return days
}

// TestDailyBuildsIntoNeo4jEqualOneBuild: 2,000 generated articles built in 10 days straight into Neo4j,
// each day resolving onto what the database holds, leave the graph one build of everything gives.
func TestDailyBuildsIntoNeo4jEqualOneBuild(t *testing.T) {
	c := neo4jtest.Client(t)
	dir := t.TempDir()
	days := writeDays(t, dir)
	all := t.TempDir()
	run(t, "build", dir, "--out", all, "--no-load")
	for _, day := range days {
		out := run(t, "build", day, "--out", t.TempDir())
		if !strings.Contains(out, "base: ") || !strings.Contains(out, "neo4j: loaded") {
			t.Fatalf("a daily build did not resolve onto the database and load:\n%s", out)
		}
	}
	db, err := c.ReadGraph(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if d := graph.Diff(readGraph(t, all), db, "name"); len(d) > 0 {
		t.Errorf("ten daily builds into Neo4j differ from one build:\n%s", strings.Join(d, "\n"))
	}
}
