package graph

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestPropsMergeIsOrderIndependentAndIdempotent(t *testing.T) {
	a := Props{"aliases": []string{"Grigoryan"}, "articles": []string{"a1"}, "evidence": []string{"s1"}, "mentions": int64(2), "name": "Mikhail Grigoryan"}
	b := Props{"aliases": []string{"Grigorian", "Grigoryan"}, "articles": []string{"a2"}, "evidence": []string{"s2"}, "mentions": int64(5), "name": "Mikhail Grigorian", "date": "2025-10-08"}
	ab, ba, abab := Props{}, Props{}, Props{}
	ab.Merge(a)
	ab.Merge(b)
	ba.Merge(b)
	ba.Merge(a)
	for _, p := range []Props{a, b, a, b} {
		abab.Merge(p)
	}
	if !reflect.DeepEqual(ab, ba) {
		t.Errorf("A then B = %v\nB then A = %v", ab, ba)
	}
	if !reflect.DeepEqual(ab, abab) {
		t.Errorf("A,B = %v\nA,B,A,B = %v", ab, abab)
	}
	want := Props{"aliases": []string{"Grigorian", "Grigoryan"}, "articles": []string{"a1", "a2"}, "count": int64(2),
		"evidence": []string{"s1", "s2"}, "mentions": int64(5), "name": "Mikhail Grigorian", "date": "2025-10-08"}
	if !reflect.DeepEqual(ab, want) {
		t.Errorf("merged = %v, want %v", ab, want)
	}
}

func TestGraphVocabularyAndEnds(t *testing.T) {
	tests := []struct {
		name    string
		add     func(g *Graph) error
		wantErr string
	}{
		{"label outside vocabulary", func(g *Graph) error { return g.AddNode(Node{ID: "x", Label: "Person) DETACH DELETE (n"}) }, "not in the vocabulary"},
		{"type outside vocabulary", func(g *Graph) error { return g.AddRel(Rel{Type: "KNOWS", Start: "p", End: "q"}) }, "not in the vocabulary"},
		{"missing end", func(g *Graph) error { return g.AddRel(Rel{Type: MetWith, Start: "p", End: "nobody"}) }, "not in the graph"},
		{"label conflict", func(g *Graph) error { return g.AddNode(Node{ID: "p", Label: Country}) }, "conflicts"},
		{"empty id", func(g *Graph) error { return g.AddNode(Node{Label: Person}) }, "no id"},
		{"fine", func(g *Graph) error { return g.AddRel(Rel{Type: MetWith, Start: "q", End: "p"}) }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := New()
			_ = g.AddNode(Node{ID: "p", Label: Person})
			_ = g.AddNode(Node{ID: "q", Label: Person})
			err := tt.add(g)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestSymmetricRelationshipsAreOne(t *testing.T) {
	g := New()
	_ = g.AddNode(Node{ID: "person/a", Label: Person})
	_ = g.AddNode(Node{ID: "person/b", Label: Person})
	_ = g.AddRel(Rel{Type: MetWith, Start: "person/b", End: "person/a", Props: Props{"articles": []string{"x"}}})
	_ = g.AddRel(Rel{Type: MetWith, Start: "person/a", End: "person/b", Props: Props{"articles": []string{"y"}}})
	if g.NumRels() != 1 {
		t.Fatalf("got %d MET_WITH relationships, want 1", g.NumRels())
	}
	for r := range g.Rels() {
		if r.Start != "person/a" || r.Props["count"] != int64(2) {
			t.Errorf("rel = %+v", r)
		}
	}
}

func sample() *Graph {
	g := New()
	_ = g.AddNode(Node{ID: "person/o-brien", Label: Person, Props: Props{"name": "Seán O'Brien \"the `boss`\" {$x}", "aliases": []string{"O'Brien", "MATCH (n) DETACH DELETE n"}, "mentions": int64(3)}})
	_ = g.AddNode(Node{ID: "country/IE", Label: Country, Props: Props{"name": "Ireland", "latitude": 53.0, "longitude": -8.0, "country_code": "IE"}})
	_ = g.AddNode(Node{ID: "article/1", Label: Article, Props: Props{"title": "line one\nline two", "date_inferred": true}})
	_ = g.AddRel(Rel{Type: Visited, Start: "person/o-brien", End: "country/IE", Props: Props{"articles": []string{"article/1"}, "evidence": []string{"He flew to <Ireland> & back."}, "date": "2025-10-08"}})
	_ = g.AddRel(Rel{Type: Mentions, Start: "article/1", End: "country/IE", Props: Props{"count": int64(2)}})
	return g
}

func TestSnapshotGoldenAndRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSONL(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "sample.jsonl")
	if *update {
		_ = os.WriteFile(golden, buf.Bytes(), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./graph -update)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("snapshot differs from %s:\n%s", golden, buf.String())
	}
	back, err := ReadJSONL(bytes.NewReader(buf.Bytes()), "sample")
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	_ = WriteJSONL(&again, back)
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Errorf("read then write changed the snapshot:\n%s\nvs\n%s", buf.String(), again.String())
	}
}

func TestReadJSONLErrorsNameTheLine(t *testing.T) {
	tests := []struct {
		name, input string
		line        int
		want        string
	}{
		{"not json", `{"type":"node","id":"a","labels":["Person"],"properties":{"id":"person/a"}}` + "\n{oops\n", 2, "not a JSON object"},
		{"unknown label", `{"type":"node","id":"a","labels":["Spy"],"properties":{"id":"spy/a"}}`, 1, "not in the vocabulary"},
		{"two labels", `{"type":"node","id":"a","labels":["Person","Country"],"properties":{"id":"person/a"}}`, 1, "exactly one"},
		{"nested property", `{"type":"node","id":"a","labels":["Person"],"properties":{"id":"person/a","x":{"y":1}}}`, 1, "cannot be stored"},
		{"dangling relationship", `{"type":"node","id":"a","labels":["Person"],"properties":{"id":"person/a"}}` + "\n" + `{"type":"relationship","id":"r","label":"MET_WITH","start":{"id":"a"},"end":{"id":"b"},"properties":{}}`, 2, "not in the graph"},
		{"no id property: APOC's internal ids", `{"type":"node","id":"0","labels":["Person"],"properties":{"name":"Ana"}}`, 1, "no id property"},
		{"id of another label", `{"type":"node","id":"0","labels":["Person"],"properties":{"id":"country/RU"}}`, 1, `whose ids start with "person/"`},
		{"name not a string", `{"type":"node","id":"0","labels":["Person"],"properties":{"id":"person/a","name":12345}}`, 1, `property "name" is 12345, want a string`},
		{"aliases not a list", `{"type":"node","id":"0","labels":["Person"],"properties":{"id":"person/a","aliases":"notalist"}}`, 1, "want a list of strings"},
		{"mentions not a number", `{"type":"node","id":"0","labels":["Person"],"properties":{"id":"person/a","mentions":"many"}}`, 1, "want an integer"},
		{"relationship property type", `{"type":"node","id":"a","labels":["Person"],"properties":{"id":"person/a"}}` + "\n" + `{"type":"relationship","id":"r","label":"MET_WITH","start":{"id":"a"},"end":{"id":"a"},"properties":{"evidence":"one"}}`, 2, "want a list of strings"},
		{"bad type", `{"type":"edge","id":"a"}`, 1, "neither node nor relationship"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadJSONL(strings.NewReader(tt.input), "snap.jsonl")
			var se *SnapshotError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want a SnapshotError", err)
			}
			if se.Line != tt.line || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "snap.jsonl:") {
				t.Errorf("err = %v, want line %d and %q", err, tt.line, tt.want)
			}
		})
	}
}

func TestReadJSONLTakesCanonicalIDsFromAPOCExport(t *testing.T) {
	// apoc.export.json.all writes internal ids at the top level; our id lives in the properties
	in := `{"type":"node","id":"7","labels":["Person"],"properties":{"id":"person/a","name":"A"}}
{"type":"node","id":"9","labels":["Country"],"properties":{"id":"country/RU","name":"Russia"}}
{"id":"0","type":"relationship","label":"VISITED","start":{"id":"7","labels":["Person"]},"end":{"id":"9","labels":["Country"]},"properties":{"date":"2025-10-08"}}`
	g, err := ReadJSONL(strings.NewReader(in), "apoc")
	if err != nil {
		t.Fatal(err)
	}
	if g.Rel(Visited, "person/a", "country/RU") == nil {
		t.Errorf("relationship not mapped to canonical ids: %v", g.RelIDs())
	}
}

func TestExportsGolden(t *testing.T) {
	var gml bytes.Buffer
	if err := WriteGraphML(&gml, sample()); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files, err := WriteCSV(dir, sample())
	if err != nil {
		t.Fatal(err)
	}
	var csvs bytes.Buffer
	for _, f := range files {
		b, _ := os.ReadFile(f)
		csvs.WriteString("== " + filepath.Base(f) + "\n")
		csvs.Write(b)
	}
	for name, got := range map[string][]byte{"sample.graphml": gml.Bytes(), "sample.csv.txt": csvs.Bytes()} {
		golden := filepath.Join("testdata", name)
		if *update {
			_ = os.WriteFile(golden, got, 0o644)
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./graph -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from golden:\n%s", name, got)
		}
	}
}

func BenchmarkWriteJSONL(b *testing.B) {
	g := New()
	for i := 0; i < 1000; i++ {
		_ = g.AddNode(Node{ID: "person/" + string(rune('a'+i%26)) + strings.Repeat("x", i%7) + strconv.Itoa(i), Label: Person, Props: Props{"name": "Name", "aliases": []string{"A", "B"}}})
	}
	var buf bytes.Buffer
	_ = WriteJSONL(&buf, g)
	b.SetBytes(int64(buf.Len()))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		_ = WriteJSONL(&buf, g)
	}
}

// The compact store must list relationships exactly in id order, also where one node id is a prefix of
// another and the byte after the prefix sorts before or after the "|" that follows an id.
func TestRelsInIDOrder(t *testing.T) {
	g := New()
	ids := []string{"a", "a|", "a-b", "a~", "a}x", "ab", "aé", "b", "a|MET_WITH|b"}
	for _, id := range ids {
		if err := g.AddNode(Node{ID: id, Label: Person}); err != nil {
			t.Fatal(err)
		}
	}
	var want []string
	for _, s := range ids {
		for _, e := range ids {
			for _, ty := range []RelType{Accompanied, MetWith, Mentions, MemberOf} {
				if s == e || ty.Symmetric() && e < s {
					continue
				}
				if err := g.AddRel(Rel{Type: ty, Start: s, End: e, Props: Props{"count": int64(1)}}); err != nil {
					t.Fatal(err)
				}
				want = append(want, RelID(ty, s, e))
			}
		}
	}
	sort.Strings(want)
	var got []string
	for r := range g.Rels() {
		got = append(got, r.ID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("Rels order:\n got %q\nwant %q", got, want)
	}
	if ids := g.RelIDs(); !slices.Equal(ids, want) {
		t.Errorf("RelIDs:\n got %q\nwant %q", ids, want)
	}
	if g.NumRels() != len(want) {
		t.Errorf("NumRels = %d, want %d", g.NumRels(), len(want))
	}
}

// A relationship read from the graph is a copy, and merging keeps the Props.Merge rules whether the
// relationship is stored as a bare count or as a map.
func TestRelStoreMerges(t *testing.T) {
	g := New()
	_ = g.AddNode(Node{ID: "article/1", Label: Article})
	_ = g.AddNode(Node{ID: "country/IE", Label: Country})
	_ = g.AddNode(Node{ID: "person/a", Label: Person})
	_ = g.AddRel(Rel{Type: Mentions, Start: "article/1", End: "country/IE", Props: Props{"count": 2}})
	_ = g.AddRel(Rel{Type: Mentions, Start: "article/1", End: "country/IE", Props: Props{"count": int64(1)}})
	r := g.Rel(Mentions, "article/1", "country/IE")
	if r == nil || !reflect.DeepEqual(r.Props, Props{"count": int64(2)}) || r.ID != "article/1|MENTIONS|country/IE" {
		t.Fatalf("count-only relationship = %+v", r)
	}
	r.Props["count"] = int64(99)
	if g.Rel(Mentions, "article/1", "country/IE").Props["count"] != int64(2) {
		t.Error("changing a returned relationship changed the graph")
	}
	// a count-only relationship that gains another property keeps both
	_ = g.AddRel(Rel{Type: Mentions, Start: "article/1", End: "country/IE", Props: Props{"note": "x"}})
	if p := g.Rel(Mentions, "article/1", "country/IE").Props; !reflect.DeepEqual(p, Props{"count": int64(2), "note": "x"}) {
		t.Errorf("after merge: %v", p)
	}
	_ = g.AddRel(Rel{Type: Visited, Start: "person/a", End: "country/IE"})
	if p := g.Rel(Visited, "person/a", "country/IE").Props; len(p) != 0 {
		t.Errorf("relationship without properties: %v", p)
	}
	_ = g.AddRel(Rel{Type: Visited, Start: "person/a", End: "country/IE", Props: Props{"articles": []string{"b", "a"}}})
	_ = g.AddRel(Rel{Type: Visited, Start: "person/a", End: "country/IE", Props: Props{"articles": []string{"c"}}})
	if p := g.Rel(Visited, "person/a", "country/IE").Props; !reflect.DeepEqual(p, Props{"articles": []string{"a", "b", "c"}, "count": int64(3)}) {
		t.Errorf("articles merged: %v", p)
	}
	if g.Rel(Visited, "country/IE", "person/a") != nil || g.Rel(MetWith, "person/a", "nobody") != nil {
		t.Error("Rel found a relationship that is not there")
	}
	if c := g.CountTypes(); c[Mentions] != 1 || c[Visited] != 1 {
		t.Errorf("CountTypes = %v", c)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Hillary Clinton": "hillary-clinton", "Abdel Fattah el-Sisi": "abdel-fattah-el-sisi", "Łukasz Żak": "lukasz-zak",
		"Recep Tayyip Erdoğan": "recep-tayyip-erdogan", "  O'Brien, Jr. ": "obrien-jr", "Straße 1": "strasse-1",
		"Владимир": "", "—": "", "Ana  María   Pérez": "ana-maria-perez",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestReadCSVBadRows: a blank row is skipped and a short one is an error naming the file and line, not a
// panic.
func TestReadCSVBadRows(t *testing.T) {
	dir := t.TempDir()
	if _, err := WriteCSV(dir, sample()); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "nodes_*.csv"))
	if len(files) == 0 {
		t.Fatal("no node files")
	}
	b, _ := os.ReadFile(files[0])
	os.WriteFile(files[0], append(b, '\n'), 0o644) // a blank row
	if _, err := ReadCSV(dir); err != nil {
		t.Errorf("a blank row: %v", err)
	}
	os.WriteFile(files[0], append(b, []byte("only-an-id\n")...), 0o644)
	_, err := ReadCSV(dir)
	if err == nil || !strings.Contains(err.Error(), filepath.Base(files[0])+":") || !strings.Contains(err.Error(), "1 fields, the header has") {
		t.Errorf("a short row: %v, want an error naming the file, line and fields", err)
	}
}

func TestReadJSONLSkipsAByteOrderMark(t *testing.T) {
	in := "\xef\xbb\xbf" + `{"type":"node","id":"0","labels":["Person"],"properties":{"id":"person/ana","name":"Ana"}}` + "\n"
	g, err := ReadJSONL(strings.NewReader(in), "bom.jsonl")
	if err != nil || g.Nodes["person/ana"] == nil {
		t.Errorf("a snapshot with a byte-order mark: %v", err)
	}
}

func TestDiff(t *testing.T) {
	a, b := New(), New()
	for _, g := range []*Graph{a, b} {
		_ = g.AddNode(Node{ID: "person/a", Label: Person, Props: Props{"name": "A", "aliases": []string{"A"}}})
		_ = g.AddNode(Node{ID: "country/XX", Label: Country, Props: Props{"name": "X"}})
		_ = g.AddRel(Rel{Type: Visited, Start: "person/a", End: "country/XX", Props: Props{"articles": []string{"article/1"}}})
	}
	if d := Diff(a, b); len(d) != 0 {
		t.Fatalf("equal graphs differ: %v", d)
	}
	_ = b.AddNode(Node{ID: "person/a", Label: Person, Props: Props{"name": "An A", "aliases": []string{"B"}}})
	_ = b.AddRel(Rel{Type: Visited, Start: "person/a", End: "country/XX", Props: Props{"articles": []string{"article/2"}}})
	_ = b.AddNode(Node{ID: "person/b", Label: Person, Props: Props{"name": "B"}})
	d := strings.Join(Diff(a, b, "name"), "\n")
	for _, want := range []string{"only in the second: [Person person/b]", "person/a aliases: [A], [A B]", "article/1 article/2"} {
		if !strings.Contains(d, want) {
			t.Errorf("diff lacks %q:\n%s", want, d)
		}
	}
	if strings.Contains(d, "name") {
		t.Errorf("an ignored property is compared:\n%s", d)
	}
}

// TestMergeKeepsAPastOfficePast: an office any statement calls past stays so, whatever the order; other
// flags keep true.
func TestMergeKeepsAPastOfficePast(t *testing.T) {
	for _, order := range [][2]bool{{true, false}, {false, true}} {
		p := Props{"current": order[0], "date_inferred": order[0]}
		p.Merge(Props{"current": order[1], "date_inferred": order[1]})
		if p["current"] != false || p["date_inferred"] != true {
			t.Errorf("merging %v then %v: current %v, date_inferred %v; want false and true", order[0], order[1], p["current"], p["date_inferred"])
		}
	}
}

// TestMergeKeepsTheMostSpecificRole: a named office wins over a generic word, then the longer title,
// whatever the order.
func TestMergeKeepsTheMostSpecificRole(t *testing.T) {
	for _, tt := range [][3]string{{"Representative", "President", "President"}, {"Minister", "Foreign Minister", "Foreign Minister"}, {"Head", "Leader", "Leader"}} {
		for _, order := range [][2]string{{tt[0], tt[1]}, {tt[1], tt[0]}} {
			p := Props{"role": order[0]}
			p.Merge(Props{"role": order[1]})
			if p["role"] != tt[2] {
				t.Errorf("merging %q then %q: %q, want %q", order[0], order[1], p["role"], tt[2])
			}
		}
	}
}
