package cypher

import (
	"bytes"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

func TestWithVocabularyRejectsUnknownNames(t *testing.T) {
	tests := []struct {
		name   string
		labels map[string]graph.Label
		typ    graph.RelType
		ok     bool
	}{
		{"known", map[string]graph.Label{"__LABEL__": graph.Person}, "", true},
		{"known type", map[string]graph.Label{"__START__": graph.Person, "__END__": graph.Country}, graph.Visited, true},
		{"injected label", map[string]graph.Label{"__LABEL__": "Person {id: 1}) DETACH DELETE (n"}, "", false},
		{"injected type", nil, "KNOWS]->() DELETE r //", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := withVocabulary("MATCH (n:__LABEL__)-[r:__TYPE__]->()", tt.labels, tt.typ)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			if tt.ok && strings.Contains(q, "__LABEL__") && tt.labels["__LABEL__"] != "" {
				t.Errorf("placeholder left in %q", q)
			}
		})
	}
}

func TestLiteralEscapes(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{"O'Brien", `'O\'Brien'`},
		{`back\slash`, `'back\\slash'`},
		{"two\nlines", `'two\nlines'`},
		{"`tick` {$x} MATCH", "'`tick` {$x} MATCH'"},
		{[]string{"a", "b'c"}, `['a', 'b\'c']`},
		{int64(3), "3"},
		{53.0, "53.0"},
		{0.5, "0.5"},
		{true, "true"},
	}
	for _, tt := range tests {
		if got := literal(tt.in); got != tt.want {
			t.Errorf("literal(%#v) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestNamedQueriesAreDescribedAndParameterised(t *testing.T) {
	qs := NamedQueries()
	want := []string{"articles", "counts", "entity", "evidence", "met-with", "most-aliases", "neighbours", "offices", "participants", "path", "timeline"}
	var names []string
	for _, q := range qs {
		names = append(names, q.Name)
		if q.Description == "" {
			t.Errorf("%s has no description line", q.Name)
		}
		if strings.HasPrefix(q.Text, "//") || q.Text == "" {
			t.Errorf("%s text %q", q.Name, q.Text)
		}
	}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Errorf("named queries = %v, want %v", names, want)
	}
	if q, _ := Lookup("evidence"); strings.Join(q.Params, ",") != "from,to" {
		t.Errorf("evidence params = %v", q.Params)
	}
}

func TestScriptSplitsIntoStatements(t *testing.T) {
	g := graph.New()
	_ = g.AddNode(graph.Node{ID: "person/x", Label: graph.Person, Props: graph.Props{"name": "a;\nb"}})
	var buf bytes.Buffer
	if err := WriteScript(&buf, g); err != nil {
		t.Fatal(err)
	}
	stmts, err := ReadScript(&buf)
	if err != nil {
		t.Fatal(err)
	}
	last := stmts[len(stmts)-1]
	if !strings.HasPrefix(last, "MERGE (n:Person {id: 'person/x'}) SET n = {") || !strings.Contains(last, `'a;\nb'`) {
		t.Errorf("last statement %q", last)
	}
}

func TestConfigStringHidesSecrets(t *testing.T) {
	c := Config{URI: "neo4j+s://user:hunter2@db.example:7687", Username: "neo4j", Password: "hunter2"}
	if strings.Contains(c.String(), "hunter2") {
		t.Errorf("String() = %q shows the password", c.String())
	}
}
