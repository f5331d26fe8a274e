package cypher_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// TestREADMEAndQueriesFollowTheSchema: README's relationship table says what graph.Ends says, and every
// label and relationship type the Cypher files name (queries, load statements, constraints) is in
// graph's vocabulary, with a uniqueness constraint for every label.
func TestREADMEAndQueriesFollowTheSchema(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `([A-Z_]+)` \\| ([^|]+(?:\\\\\\|[^|]+)*) \\|")
	entities := []graph.Label{graph.Person, graph.Country, graph.City, graph.Region, graph.Organization, graph.Event}
	labels := func(s string) []graph.Label {
		var out []graph.Label
		for _, w := range strings.Split(s, `\|`) {
			w = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(w), "(stored once)"))
			if w == "entity" {
				out = append(out, entities...)
				continue
			}
			out = append(out, graph.Label(strings.TrimSpace(w)))
		}
		slices.Sort(out)
		return out
	}
	seen := map[graph.RelType]bool{}
	for _, m := range row.FindAllStringSubmatch(string(readme), -1) {
		typ := graph.RelType(m[1])
		ends, ok := graph.Ends[typ]
		if !ok {
			t.Errorf("README lists %s, which graph.Ends does not have", typ)
			continue
		}
		seen[typ] = true
		from, to, found := strings.Cut(m[2], "→")
		if !found {
			from, to, _ = strings.Cut(m[2], "—")
		}
		for i, side := range []string{from, to} {
			want := slices.Clone(ends[i])
			slices.Sort(want)
			if got := labels(side); !slices.Equal(got, want) {
				t.Errorf("README: %s side %d is %v, graph.Ends says %v", typ, i+1, got, want)
			}
		}
	}
	for _, typ := range graph.RelTypes {
		if !seen[typ] {
			t.Errorf("README's relationship table lacks %s", typ)
		}
	}

	files, _ := filepath.Glob(filepath.Join("queries", "*.cypher"))
	more, _ := filepath.Glob(filepath.Join("load", "*.cypher"))
	files = append(files, more...)
	if len(files) < 10 {
		t.Fatalf("only %d Cypher files found", len(files))
	}
	labelRe := regexp.MustCompile(`\(\w*:([A-Za-z_|]+)`)
	typeRe := regexp.MustCompile(`\[\w*:([A-Z_|]+)`)
	known := map[string]bool{string(graph.WriteLease): true}
	for _, l := range graph.Labels {
		known[string(l)] = true
	}
	constrained := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for _, m := range labelRe.FindAllStringSubmatch(text, -1) {
			for _, l := range strings.Split(m[1], "|") {
				if !known[l] && !strings.HasPrefix(l, "__") {
					t.Errorf("%s names label %q, which graph does not have", f, l)
				}
				if strings.HasSuffix(f, "constraints.cypher") && strings.Contains(text, "FOR (n:"+l+") REQUIRE n.") {
					constrained[l] = true
				}
			}
		}
		for _, m := range typeRe.FindAllStringSubmatch(text, -1) {
			for _, typ := range strings.Split(m[1], "|") {
				if !graph.RelType(typ).Valid() && !strings.HasPrefix(typ, "__") {
					t.Errorf("%s names relationship type %q, which graph does not have", f, typ)
				}
			}
		}
	}
	for l := range known {
		if !constrained[l] {
			t.Errorf("no uniqueness constraint for %s in load/constraints.cypher", l)
		}
	}
}
