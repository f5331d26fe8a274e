package cypher

import (
	"bytes"
	"context"
	"fmt"
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

// TestURIPasswordNeverShown: a password in the URI appears in no error, whatever is wrong with the URI.
func TestURIPasswordNeverShown(t *testing.T) {
	for _, uri := range []string{
		"bolt://neo4j:Sup3rS3cret@127.0.0.1:notaport",
		"bolt://neo4j:Sup3rS3cret@127.0.0.1:1",
		"bolt://neo4j:Sup3r%zzS3cret@127.0.0.1:1",
		"bolt://neo4j:Sup3rS3cret @127.0.0.1:1",
		"bolt://neo4j:Sup3rS3cret@[::1:1",
		"neo4j+s://neo4j:Sup3rS3cret@db.example.invalid:7687/x?y#z",
	} {
		_, err := Open(context.Background(), Config{URI: uri, ConnectAttempts: 1})
		if err == nil {
			t.Errorf("%s: no error", uri)
			continue
		}
		if strings.Contains(err.Error(), "Sup3r") || strings.Contains(fmt.Sprintf("%+v", err), "S3cret") {
			t.Errorf("the error shows the password: %v", err)
		}
		if s := (Config{URI: uri}).String(); strings.Contains(s, "S3cret") {
			t.Errorf("String() = %q shows the password", s)
		}
	}
}

func TestSplitUserinfo(t *testing.T) {
	for _, tt := range []struct{ in, bare, user, pw string }{
		{"bolt://neo4j:pa%20ss@host:7687/db", "bolt://host:7687/db", "neo4j", "pa ss"},
		{"bolt://host:7687", "bolt://host:7687", "", ""},
		{"bolt://u@host", "bolt://host", "u", ""},
		{"bolt://host/p@th", "bolt://host/p@th", "", ""},
		{"not a uri", "not a uri", "", ""},
	} {
		bare, user, pw := splitUserinfo(tt.in)
		if bare != tt.bare || user != tt.user || pw != tt.pw {
			t.Errorf("splitUserinfo(%q) = %q %q %q", tt.in, bare, user, pw)
		}
	}
}
