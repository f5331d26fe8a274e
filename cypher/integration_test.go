package cypher_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/fixture"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// client connects to the test server (neo4jtest.Client) and empties it.
func client(t *testing.T) *cypher.Client { return neo4jtest.Client(t) }

func jsonl(t *testing.T, g *graph.Graph) string {
	t.Helper()
	var b bytes.Buffer
	if err := graph.WriteJSONL(&b, g); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func dbJSONL(t *testing.T, c *cypher.Client) string {
	t.Helper()
	g, err := c.ReadGraph(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return jsonl(t, g)
}

func load(t *testing.T, c *cypher.Client, g *graph.Graph) {
	t.Helper()
	if _, err := c.Load(context.Background(), g, cypher.LoadOptions{BatchSize: 7}); err != nil {
		t.Fatal(err)
	}
}

func counts(t *testing.T, c *cypher.Client) (int64, int64) {
	t.Helper()
	n, r, err := c.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n, r
}

func TestLoadMatchesSnapshotAndIsIdempotent(t *testing.T) {
	c := client(t)
	g := fixture.News()
	load(t, c, g)
	n, r := counts(t, c)
	if n != int64(len(g.Nodes)) || r != int64(g.NumRels()) {
		t.Fatalf("Neo4j holds %d nodes %d rels; snapshot has %d and %d", n, r, len(g.Nodes), g.NumRels())
	}
	first := dbJSONL(t, c)
	if first != jsonl(t, g) {
		t.Errorf("graph read back from Neo4j differs from the snapshot")
	}
	load(t, c, g)
	n2, r2 := counts(t, c)
	if n2 != n || r2 != r {
		t.Errorf("second load: %d nodes %d rels, want %d %d", n2, r2, n, r)
	}
	if dbJSONL(t, c) != first {
		t.Errorf("second load changed properties")
	}
}

func TestExportFormatsRoundTrip(t *testing.T) {
	c := client(t)
	g := fixture.News()
	load(t, c, g)
	want := dbJSONL(t, c)
	ctx := context.Background()

	t.Run("jsonl", func(t *testing.T) {
		exported, err := c.ReadGraph(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		_ = graph.WriteJSONL(&buf, exported)
		if err := c.Clear(ctx); err != nil {
			t.Fatal(err)
		}
		back, err := graph.ReadJSONL(&buf, "export.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		load(t, c, back)
		if got := dbJSONL(t, c); got != want {
			t.Errorf("jsonl export loaded into an emptied database differs")
		}
	})
	for _, format := range []string{"graphml", "csv"} {
		t.Run(format, func(t *testing.T) {
			exported, err := c.ReadGraph(ctx)
			if err != nil {
				t.Fatal(err)
			}
			back := exportAndRead(t, exported, format)
			if err := c.Clear(ctx); err != nil {
				t.Fatal(err)
			}
			load(t, c, back)
			if got := dbJSONL(t, c); got != want {
				t.Errorf("%s export loaded into an emptied database differs", format)
			}
		})
	}
	t.Run("cypher script", func(t *testing.T) {
		var buf bytes.Buffer
		if err := cypher.WriteScript(&buf, g); err != nil {
			t.Fatal(err)
		}
		if err := c.Clear(ctx); err != nil {
			t.Fatal(err)
		}
		stmts, _ := cypher.ReadScript(&buf)
		for i, s := range stmts {
			if _, err := c.Run(ctx, s, nil, true); err != nil {
				t.Fatalf("statement %d: %v", i+1, err)
			}
		}
		if got := dbJSONL(t, c); got != want {
			t.Errorf("cypher script run into an emptied database differs")
		}
	})
}

// exportAndRead writes g in format and reads it back.
func exportAndRead(t *testing.T, g *graph.Graph, format string) *graph.Graph {
	t.Helper()
	switch format {
	case "graphml":
		var buf bytes.Buffer
		if err := graph.WriteGraphML(&buf, g); err != nil {
			t.Fatal(err)
		}
		back, err := graph.ReadGraphML(&buf, "export.graphml")
		if err != nil {
			t.Fatal(err)
		}
		return back
	case "csv":
		dir := t.TempDir()
		if _, err := graph.WriteCSV(dir, g); err != nil {
			t.Fatal(err)
		}
		back, err := graph.ReadCSV(dir)
		if err != nil {
			t.Fatal(err)
		}
		return back
	}
	t.Fatalf("format %s", format)
	return nil
}

func TestLoadOrderDoesNotMatter(t *testing.T) {
	c := client(t)
	a, b := fixture.Halves()
	load(t, c, a)
	load(t, c, b)
	ab := dbJSONL(t, c)
	_ = c.Clear(context.Background())
	load(t, c, b)
	load(t, c, a)
	load(t, c, b)
	if got := dbJSONL(t, c); got != ab {
		t.Errorf("loading B, A, B differs from loading A, B")
	}
}

// A relationship whose end node is not in the database is an error that says so, not a silent skip,
// and the batch it was in leaves nothing behind.
func TestLoadRelsReportsMissingEndNode(t *testing.T) {
	c := client(t)
	ctx := context.Background()
	g := graph.New()
	for _, id := range []string{"p/ann", "p/bo", "p/cy"} {
		if err := g.AddNode(graph.Node{ID: id, Label: graph.Person, Props: graph.Props{"name": id}}); err != nil {
			t.Fatal(err)
		}
	}
	_ = g.AddRel(graph.Rel{Type: graph.MetWith, Start: "p/ann", End: "p/bo", Props: graph.Props{"articles": []string{"a1"}}})
	_ = g.AddRel(graph.Rel{Type: graph.MetWith, Start: "p/ann", End: "p/cy", Props: graph.Props{"articles": []string{"a1"}}})
	present := graph.New()
	for _, id := range []string{"p/ann", "p/bo"} {
		present.Nodes[id] = g.Nodes[id]
	}
	if _, err := c.Load(ctx, present, cypher.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	_, err := c.LoadRels(ctx, g, cypher.LoadOptions{})
	if err == nil || !strings.Contains(err.Error(), "1 of 2 relationships have an end node missing") {
		t.Fatalf("got %v, want an error naming the missing end node", err)
	}
	if _, rels := counts(t, c); rels != 0 {
		t.Errorf("%d relationships stored from a failed batch, want 0", rels)
	}
	// with the node there, the same load completes
	if _, err := c.Load(ctx, g, cypher.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, rels := counts(t, c); rels != 2 {
		t.Errorf("%d relationships after the rerun, want 2", rels)
	}
}

func TestNamedQueries(t *testing.T) {
	c := client(t)
	load(t, c, fixture.News())
	params := map[string]map[string]any{
		"entity":       {"name": "tomas okafor"}, // lower case, a variant spelling
		"neighbours":   {"name": "Okafor"},
		"path":         {"from": "Mensah", "to": "Ana Réyes"},
		"evidence":     {"from": "Reyes", "to": "Tomas Okafor"},
		"participants": {"event": "summit in Lima"},
		"articles":     {"name": "Lima"},
		"offices":      {"where": "Peru"},
	}
	for _, q := range cypher.NamedQueries() {
		t.Run(q.Name, func(t *testing.T) {
			p := params[q.Name]
			if p == nil {
				p = map[string]any{}
			}
			rows, err := c.Run(context.Background(), q.Text, p, false)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows.Rows) == 0 {
				t.Errorf("no rows")
			}
		})
	}
	rows, err := c.Run(context.Background(), mustQuery(t, "entity"), map[string]any{"name": "Reyes"}, false)
	if err != nil || len(rows.Rows) == 0 || rows.Rows[0][0] != "Ana Reyes" {
		t.Errorf("entity card of Reyes: %v %v", rows, err)
	}
}

func mustQuery(t *testing.T, name string) string {
	q, ok := cypher.Lookup(name)
	if !ok {
		t.Fatalf("no query %s", name)
	}
	return q.Text
}

func TestReadModeRefusesWrites(t *testing.T) {
	c := client(t)
	_, err := c.Run(context.Background(), "CREATE (n:Person {id: 'x'})", nil, false)
	var ce *cypher.Error
	if !errors.As(err, &ce) || ce.Kind != cypher.ReadOnly {
		t.Fatalf("err = %v, want a ReadOnly error", err)
	}
	if n, _ := counts(t, c); n != 0 {
		t.Errorf("the write went through: %d nodes", n)
	}
}

func TestHostileTextRoundTrips(t *testing.T) {
	c := client(t)
	g := graph.New()
	names := []string{"O'Brien \"the `boss`\"", "{$x}) DETACH DELETE n //", "line\nbreak\ttab\r\nend", "MATCH (n) RETURN n;", strings.Repeat("long ", 4000), "Zoë Ñúñez 北京 \u2028", "a,b;c<d>&e"}
	for i, name := range names {
		_ = g.AddNode(graph.Node{ID: "person/h" + string(rune('a'+i)), Label: graph.Person, Props: graph.Props{"name": name, "aliases": []string{name, "x"}}})
	}
	_ = g.AddRel(graph.Rel{Type: graph.MetWith, Start: "person/ha", End: "person/hb", Props: graph.Props{"evidence": names, "articles": []string{"a"}}})
	load(t, c, g)
	if got := dbJSONL(t, c); got != jsonl(t, g) {
		t.Errorf("hostile names changed on the way through Neo4j")
	}
	for _, format := range []string{"graphml", "csv"} {
		exported, _ := c.ReadGraph(context.Background())
		back := exportAndRead(t, exported, format)
		_ = c.Clear(context.Background())
		load(t, c, back)
		if got := dbJSONL(t, c); got != jsonl(t, g) {
			t.Errorf("hostile names changed through the %s export", format)
		}
	}
	var buf bytes.Buffer
	_ = cypher.WriteScript(&buf, g)
	_ = c.Clear(context.Background())
	stmts, _ := cypher.ReadScript(&buf)
	for _, s := range stmts {
		if _, err := c.Run(context.Background(), s, nil, true); err != nil {
			t.Fatal(err)
		}
	}
	if got := dbJSONL(t, c); got != jsonl(t, g) {
		t.Errorf("hostile names changed through the Cypher script export")
	}
}

func TestUnreachableServerIsOneClearError(t *testing.T) {
	ctx := context.Background()
	_, err := cypher.Open(ctx, cypher.Config{URI: "bolt://127.0.0.1:1", Password: "s3cret-pw", Username: "neo4j", ConnectAttempts: 1})
	var ce *cypher.Error
	if !errors.As(err, &ce) || ce.Kind != cypher.Unreachable {
		t.Fatalf("err = %v, want Unreachable", err)
	}
	if strings.Contains(err.Error(), "s3cret-pw") || strings.Contains(err.Error(), "\n") {
		t.Errorf("error %q shows the password or spans lines", err)
	}
}

// TestAPOCImportReadsOurJSONL checks that APOC's own importer reads the snapshot format: same labels,
// same numbers of nodes and relationships, same ids.
func TestAPOCImportReadsOurJSONL(t *testing.T) {
	c := client(t)
	ctx := context.Background()
	if _, err := c.Run(ctx, "RETURN apoc.version() AS v", nil, false); err != nil {
		t.Skipf("APOC is not installed on this server: %v", err)
	}
	g := fixture.News()
	path := filepath.Join(t.TempDir(), "graph.jsonl")
	if err := os.WriteFile(path, []byte(jsonl(t, g)), 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + path
	if dir := os.Getenv("NEWSGRAPH_NEO4J_IMPORT"); dir != "" {
		// the local server reads files only from its import folder: a file elsewhere is refused
		if _, err := c.Run(ctx, "CALL apoc.import.json($file)", map[string]any{"file": url}, true); err == nil {
			t.Errorf("the server imported %s, outside its import folder", path)
		}
		name := fmt.Sprintf("graph-%d.jsonl", time.Now().UnixNano())
		if err := os.WriteFile(filepath.Join(dir, name), []byte(jsonl(t, g)), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Remove(filepath.Join(dir, name)) })
		url = "file:///" + name
	}
	// apoc.import.json keys nodes on neo4jImportId and requires it unique per label
	for _, l := range graph.Labels {
		name := "apoc_import_" + strings.ToLower(string(l))
		if _, err := c.Run(ctx, "CREATE CONSTRAINT "+name+" IF NOT EXISTS FOR (n:"+string(l)+") REQUIRE n.neo4jImportId IS UNIQUE", nil, true); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _, _ = c.Run(context.Background(), "DROP CONSTRAINT "+name+" IF EXISTS", nil, true) })
	}
	if _, err := c.Run(ctx, "CALL apoc.import.json($file)", map[string]any{"file": url}, true); err != nil {
		t.Fatal(err)
	}
	n, r := counts(t, c)
	if n != int64(len(g.Nodes)) || r != int64(g.NumRels()) {
		t.Errorf("APOC imported %d nodes %d relationships, snapshot has %d and %d", n, r, len(g.Nodes), g.NumRels())
	}
	rows, err := c.Run(ctx, "MATCH (n) RETURN n.id AS id, labels(n)[0] AS label ORDER BY id", nil, false)
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range g.NodeIDs() {
		if i >= len(rows.Rows) || rows.Rows[i][0] != id || rows.Rows[i][1] != string(g.Nodes[id].Label) {
			t.Fatalf("node %d: got %v, want %s %s", i, rows.Rows[min(i, len(rows.Rows)-1)], id, g.Nodes[id].Label)
		}
	}
}

// TestFullTextFindsEveryAlias: the entity_names index covers the name and every alias, whatever the case
// and accents of the query.
func TestFullTextFindsEveryAlias(t *testing.T) {
	c := client(t)
	g := graph.New()
	people := map[string][]string{
		"person/jose-nunez":          {"José Núñez", "Jose Nunez", "Núñez", "Pepe Núñez"},
		"person/karim-al-masri":      {"Karim al-Masri", "Karim el-Masri", "al-Masri"},
		"org/harbour-relief-agency":  {"Harbour Relief Agency", "HRA"},
		"person/lukasz-zak":          {"Łukasz Żak", "Lukasz Zak"},
		"person/dmitri-volkov-santo": {"Dmitri Volkov-Santo", "Dmitry Volkov-Santo"},
	}
	for id, names := range people {
		label := graph.Person
		if strings.HasPrefix(id, "org/") {
			label = graph.Organization
		}
		_ = g.AddNode(graph.Node{ID: id, Label: label, Props: graph.Props{"name": names[0], "aliases": names, "mentions": int64(1)}})
	}
	load(t, c, g)
	for id, names := range people {
		for _, alias := range names {
			for _, q := range []string{alias, strings.ToLower(alias)} {
				rows, err := c.Run(context.Background(),
					"CALL db.index.fulltext.queryNodes('entity_names', '\"' + replace(replace($name, '\\\\', ' '), '\"', ' ') + '\"') YIELD node RETURN node.id",
					map[string]any{"name": q}, false)
				if err != nil {
					t.Fatal(err)
				}
				found := false
				for _, r := range rows.Rows {
					found = found || r[0] == id
				}
				if !found {
					t.Errorf("full-text search for %q does not find %s (rows %v)", q, id, rows.Rows)
				}
			}
		}
	}
}

// TestReadModeChangesNothingAnywhere: read mode refuses what would touch the server's files, the
// network or another session, not only graph writes, and still runs ordinary reads.
func TestReadModeChangesNothingAnywhere(t *testing.T) {
	c := client(t)
	decoy := filepath.Join(t.TempDir(), "decoy.txt")
	if err := os.WriteFile(decoy, []byte("keep me\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	refused := []struct{ name, stmt string }{
		{"apoc export to a server file", "CALL apoc.export.csv.query('RETURN 1 AS x', $file, {})"},
		{"LOAD CSV of a server file", "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l LIMIT 1"},
		{"LOAD CSV of a URL", "LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS l RETURN l"},
		{"apoc load", "CALL apoc.load.json('file:///etc/hostname') YIELD value RETURN value"},
		{"Cypher run by a function", "RETURN apoc.cypher.runFirstColumnSingle('RETURN 1', {}) AS x"},
		{"administration command", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'"},
		{"a write procedure", "CALL db.createLabel('Intruder')"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Run(context.Background(), tt.stmt, map[string]any{"file": decoy}, false)
			var ce *cypher.Error
			if !errors.As(err, &ce) || ce.Kind != cypher.ReadOnly || !strings.Contains(ce.Msg, "--write") {
				t.Errorf("err = %v, want a ReadOnly error that says how to allow it", err)
			}
		})
	}
	if os.Getenv("NEWSGRAPH_LOCAL_NEO4J") != "" {
		// the local server keeps APOC's file export off, even for --write
		if _, err := c.Run(context.Background(), "CALL apoc.export.csv.query('RETURN 1 AS x', $file, {})", map[string]any{"file": decoy}, true); err == nil {
			t.Error("APOC file export is on in the local server")
		}
	}
	if b, _ := os.ReadFile(decoy); string(b) != "keep me\n" {
		t.Errorf("read mode changed a file: %q", b)
	}
	for _, stmt := range []string{"MATCH (n) RETURN count(n)", "CALL db.labels() YIELD label RETURN label",
		"CALL db.index.fulltext.queryNodes('entity_names', 'x') YIELD node RETURN node.id"} {
		if _, err := c.Run(context.Background(), stmt, nil, false); err != nil {
			t.Errorf("%s: %v", stmt, err)
		}
	}
}
