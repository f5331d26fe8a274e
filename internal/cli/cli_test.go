package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
	"github.com/newsgraph/newsgraph/internal/snapshot"
)

func factory(env map[string]string) (*Factory, *bytes.Buffer, *bytes.Buffer) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	return &Factory{IO: IO{Out: out, ErrOut: errOut}, Getenv: func(k string) string { return env[k] }}, out, errOut
}

func TestBuildFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want BuildOptions
	}{
		{"defaults", nil, BuildOptions{Paths: []string{"seeds"}, OutDir: "out", MaxBytes: 16 << 20, Loader: LoaderFlags{Workers: 2, Batch: 10_000}, MinConfidence: DefaultMinConfidence}},
		{"paths and flags", []string{"a", "b.txt", "--out", "snap", "--mentions", "-j", "3", "--no-load", "--base", "old", "--load-workers", "3", "--batch", "500"},
			BuildOptions{Paths: []string{"a", "b.txt"}, OutDir: "snap", Mentions: true, Workers: 3, MaxBytes: 16 << 20, NoLoad: true, Base: "old",
				Loader: LoaderFlags{Workers: 3, Batch: 500}, MinConfidence: DefaultMinConfidence}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := factory(nil)
			var got *BuildOptions
			cmd := NewCmdBuild(f, func(_ context.Context, o *BuildOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			if err := cmd.Execute(); err != nil {
				t.Fatal(err)
			}
			got.IO, got.Factory = IO{}, nil
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("options = %+v, want %+v", *got, tt.want)
			}
		})
	}
}

func TestQueryFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
		check   func(*QueryOptions) bool
	}{
		{"named with params", []string{"entity", "-p", "name=Macron", "--format", "json"}, "", func(o *QueryOptions) bool {
			return o.Query == "entity" && o.Format == "json" && !o.Write && len(o.Params) == 1
		}},
		{"write", []string{"CREATE (n:Person {id: $id})", "--write", "-p", "id=x"}, "", func(o *QueryOptions) bool { return o.Write }},
		{"bad format", []string{"entity", "--format", "xml"}, "--format must be", nil},
		{"nothing to run", nil, "usage:", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := factory(nil)
			var got *QueryOptions
			cmd := NewCmdQuery(f, func(_ context.Context, o *QueryOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || !tt.check(got) {
				t.Errorf("err = %v, options = %+v", err, got)
			}
		})
	}
}

func TestParseParams(t *testing.T) {
	tests := []struct {
		args    []string
		want    map[string]any
		wantErr bool
	}{
		{[]string{"name=Macron"}, map[string]any{"name": "Macron"}, false},
		{[]string{"q=a=b"}, map[string]any{"q": "a=b"}, false},
		{[]string{"limit:=5", "names:=[\"a\",\"b\"]"}, map[string]any{"limit": int64(5), "names": []any{"a", "b"}}, false},
		{[]string{"n:=9007199254740993", "f:=1.5", "l:=[1, 9007199254740993]", "m:={\"k\": 2}"},
			map[string]any{"n": int64(9007199254740993), "f": 1.5, "l": []any{int64(1), int64(9007199254740993)}, "m": map[string]any{"k": int64(2)}}, false},
		{[]string{"n:=1 2"}, nil, true},
		{[]string{"oops"}, nil, true},
		{[]string{"x:={"}, nil, true},
	}
	for _, tt := range tests {
		got, err := ParseParams(tt.args)
		if (err != nil) != tt.wantErr || !tt.wantErr && !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseParams(%v) = %v, %v; want %v", tt.args, got, err, tt.want)
		}
	}
}

func TestMainBuildWithoutNeo4j(t *testing.T) {
	dir := t.TempDir()
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	seeds := filepath.Join("..", "..", "seeds")
	code := Main([]string{"build", seeds, "--out", dir, "--mentions", "--no-load"}, nil, out, errOut)
	if code != ExitOK {
		t.Fatalf("exit %d, stderr %s", code, errOut.String())
	}
	for _, want := range []string{"built 7 articles from 5 files", "Person ", "HOLDS_OFFICE ", "snapshot: " + filepath.Join(dir, "graph.jsonl")} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if st, err := os.Stat(filepath.Join(dir, "mentions.jsonl")); err != nil || st.Size() == 0 {
		t.Errorf("mentions.jsonl: %v", err)
	}
}

func TestMainExitCodes(t *testing.T) {
	dir := t.TempDir()
	_ = os.WriteFile(filepath.Join(dir, "ok.txt"), []byte("Talks in the capital\n\nKenyan President William Ruto met officials in Nairobi on Monday, they said.\n"), 0o644)
	_ = os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	script := filepath.Join(t.TempDir(), "graph.cypher")
	_ = os.WriteFile(script, []byte("CREATE (:Person {id: 'person/x'});\n"), 0o644)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"unknown command", []string{"frobnicate"}, ExitUsage, "unknown command"},
		{"named query without its parameter", []string{"query", "evidence", "-p", "from=Ana"}, ExitUsage, "the query evidence needs -p to=..."},
		{"missing input", []string{"build", filepath.Join(dir, "nope"), "--out", t.TempDir(), "--no-load"}, ExitError, "nope"},
		{"skipped input", []string{"build", dir, "--out", t.TempDir(), "--no-load"}, ExitPartial, `empty.txt": empty file`},
		{"load without neo4j", []string{"load", t.TempDir()}, ExitError, "graph.jsonl"},
		{"load a Cypher script", []string{"load", script}, ExitError, "query --write --file"},
		{"no loader workers", []string{"load", script, "--load-workers", "0"}, ExitUsage, "--load-workers and --batch must be at least 1"},
		{"a flag's bad value", []string{"build", "--batch", "many"}, ExitUsage, `invalid argument "many"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
			code := Main(tt.args, nil, out, errOut)
			if code != tt.code || !strings.Contains(errOut.String(), tt.stderr) {
				t.Errorf("exit %d (want %d), stderr %q (want %q)", code, tt.code, errOut.String(), tt.stderr)
			}
		})
	}
}

func TestEvalNER(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "tiny.conll")
	// invented sentences: a person, a city and an organization the embedded model should find
	data := "Maria\tB-PER\nOkafor\tI-PER\nflew\tO\nto\tO\nNairobi\tB-LOC\non\tO\nMonday\tO\n.\tO\n\n" +
		"Shares\tO\nof\tO\nMicrosoft\tB-ORG\nrose\tO\n.\tO\n"
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := Main([]string{"eval", "ner", file}, strings.NewReader(""), &out, &errOut); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"precision", "PER", "LOC", "ORG", "all"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if code := Main([]string{"eval", "ner", "--notes"}, strings.NewReader(""), &out, &errOut); code != ExitOK ||
		!strings.Contains(out.String(), `"held_out"`) || !strings.Contains(out.String(), `"licence"`) {
		t.Errorf("--notes: exit %d, %s", code, out.String())
	}
	// spaCy-style predictions: one JSON line a sentence; a wrong count is an error naming the file
	preds := filepath.Join(dir, "preds.jsonl")
	os.WriteFile(preds, []byte(`{"tags":["B-PER","I-PER","O","O","B-LOC","O","O","O"]}`+"\n"+`{"tags":["O","O","B-PER","O","O"]}`+"\n"), 0o644)
	out.Reset()
	if code := Main([]string{"eval", "ner", "--predictions", preds, file}, strings.NewReader(""), &out, &errOut); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "0.667") { // 2 of 3 names right: P = R = F1 = 2/3
		t.Errorf("predictions scored wrongly:\n%s", out.String())
	}
	// more predictions than sentences: made for other files
	os.WriteFile(preds, []byte(`{"tags":["B-PER","I-PER","O","O","B-LOC","O","O","O"]}`+"\n"+`{"tags":["O","O","B-PER","O","O"]}`+"\n"+`{"tags":["O"]}`+"\n"), 0o644)
	errOut.Reset()
	if code := Main([]string{"eval", "ner", "--predictions", preds, file}, strings.NewReader(""), &out, &errOut); code != ExitError ||
		!strings.Contains(errOut.String(), "preds.jsonl:3") {
		t.Errorf("extra predictions: exit %d, %s", code, errOut.String())
	}
	os.WriteFile(preds, []byte(`{"tags":["O"]}`+"\n"), 0o644)
	errOut.Reset()
	if code := Main([]string{"eval", "ner", "--predictions", preds, file}, strings.NewReader(""), &out, &errOut); code != ExitError ||
		!strings.Contains(errOut.String(), "preds.jsonl:1") {
		t.Errorf("exit %d, %s", code, errOut.String())
	}
}

func TestBuildWithModelFile(t *testing.T) {
	seeds := filepath.Join("..", "..", "seeds")
	a, b := t.TempDir(), t.TempDir()
	var out, errOut bytes.Buffer
	if code := Main([]string{"build", seeds, "--out", a, "--no-load"}, nil, &out, &errOut); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	// the shipped model given as a file gives the same graph as the embedded one
	model := filepath.Join("..", "..", "ner", "model", "names.model")
	if code := Main([]string{"build", seeds, "--out", b, "--no-load", "--model", model}, nil, &out, &errOut); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	ga, _ := os.ReadFile(filepath.Join(a, "graph.jsonl"))
	gb, _ := os.ReadFile(filepath.Join(b, "graph.jsonl"))
	if len(ga) == 0 || !bytes.Equal(ga, gb) {
		t.Errorf("--model with the shipped model changed the graph (%d vs %d bytes)", len(ga), len(gb))
	}
	notModel := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notModel, []byte("not a model"), 0o644)
	errOut.Reset()
	if code := Main([]string{"build", seeds, "--out", b, "--no-load", "--model", notModel}, nil, &out, &errOut); code != ExitError ||
		!strings.Contains(errOut.String(), "notes.txt") || !strings.Contains(errOut.String(), "not a newsgraph name-tagger model") {
		t.Errorf("exit %d, stderr %s", code, errOut.String())
	}
}

// TestBuildHostileInputs covers issue 15's input items: a named pipe and a link to /dev/zero are
// skipped (not read), a name with a line break is quoted, a run whose every input is skipped keeps the
// earlier snapshot, and a killed run's temporary files go at the next run.
func TestBuildHostileInputs(t *testing.T) {
	out := t.TempDir()
	good := t.TempDir()
	_ = os.WriteFile(filepath.Join(good, "ok.txt"), []byte("Talks in the capital\n\nKenyan President William Ruto met officials in Nairobi on Monday, they said.\n"), 0o644)
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"build", good, "--out", out, "--no-load"}, nil, &stdout, &stderr); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	before, _ := os.ReadFile(filepath.Join(out, "graph.jsonl"))
	stale := filepath.Join(out, ".tmp-graph.jsonl123456")
	_ = os.WriteFile(stale, []byte("half a snapshot"), 0o644)

	bad := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(bad, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(bad, "zero.txt")); err != nil {
		t.Fatal(err)
	}
	forged := filepath.Join(bad, "a\nnewsgraph: all files OK.txt")
	_ = os.WriteFile(forged, nil, 0o644)
	stdout.Reset()
	stderr.Reset()
	done := make(chan int)
	go func() { done <- Main([]string{"build", bad, "--out", out, "--no-load"}, nil, &stdout, &stderr) }()
	var code int
	select {
	case code = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("build hangs on a named pipe or a device")
	}
	if code != ExitPartial {
		t.Errorf("exit %d, want %d (every input skipped)", code, ExitPartial)
	}
	for _, want := range []string{`pipe.txt": not a regular file (a named pipe)`, `zero.txt": not a regular file (a device)`, `a\nnewsgraph: all files OK.txt"`, "is kept as it was"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	for _, line := range strings.Split(stderr.String(), "\n") {
		if strings.HasPrefix(line, "newsgraph: all files OK") {
			t.Errorf("a file name forged a line: %q", line)
		}
	}
	if after, _ := os.ReadFile(filepath.Join(out, "graph.jsonl")); !bytes.Equal(before, after) || len(after) == 0 {
		t.Errorf("the earlier snapshot changed (%d bytes, was %d)", len(after), len(before))
	}
	// the next run that writes cleans up what a killed run left
	if code := Main([]string{"build", good, "--out", out, "--no-load"}, nil, &stdout, &stderr); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("a stale temporary snapshot was left: %v", err)
	}
}

// TestExportReplacesWhole: an export into a folder that holds an earlier one leaves no file of the
// earlier one (a CSV file of a label since deleted) and no temporary folder.
func TestExportReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	_ = os.MkdirAll(filepath.Join(dir, "csv"), 0o755)
	_ = os.WriteFile(filepath.Join(dir, "csv", "nodes_Event.csv"), []byte("id:ID,:LABEL\nevent/x,Event\n"), 0o644)
	_ = os.WriteFile(filepath.Join(dir, "graph.jsonl"), []byte("stale\n"), 0o644)
	g := graph.New()
	_ = g.AddNode(graph.Node{ID: "person/ana-reyes", Label: graph.Person, Props: graph.Props{"name": "Ana Reyes"}})
	var out bytes.Buffer
	if err := WriteExports(IO{Out: &out, ErrOut: &out}, g, dir, []string{"jsonl", "csv"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "csv", "nodes_Event.csv")); !os.IsNotExist(err) {
		t.Errorf("a CSV file of the earlier export survived: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "graph.jsonl")); !strings.Contains(string(b), "person/ana-reyes") {
		t.Errorf("graph.jsonl not replaced: %q", b)
	}
	back, err := snapshot.Read(filepath.Join(dir, "csv"))
	if err != nil || len(back.Nodes) != 1 {
		t.Errorf("the CSV export reads back as %v, %v", back, err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp") || strings.HasSuffix(e.Name(), ".old") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	if err := WriteExports(IO{Out: &out, ErrOut: &out}, g, dir, []string{"xml"}); err == nil || !strings.Contains(err.Error(), "xml") {
		t.Errorf("unknown format: %v", err)
	}
}

// TestExportFailureKeepsTheEarlierExport: a write that fails half way (a full disk) leaves the earlier
// export as it was, every file of it, and no temporary folder.
func TestExportFailureKeepsTheEarlierExport(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"graph.jsonl", "graph.graphml"} {
		_ = os.WriteFile(filepath.Join(dir, name), []byte("earlier export\n"), 0o644)
	}
	saved := snapshot.Writers["graphml"]
	snapshot.Writers["graphml"] = func(w io.Writer, g *graph.Graph) error {
		_, _ = w.Write([]byte("<graphml half written"))
		return syscall.ENOSPC
	}
	defer func() { snapshot.Writers["graphml"] = saved }()
	g := graph.New()
	_ = g.AddNode(graph.Node{ID: "person/ana-reyes", Label: graph.Person, Props: graph.Props{"name": "Ana Reyes"}})
	var out bytes.Buffer
	err := WriteExports(IO{Out: &out, ErrOut: &out}, g, dir, []string{"jsonl", "graphml"})
	if err == nil || !strings.Contains(err.Error(), "graph.graphml") || !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("err = %v, want the full disk named with the file", err)
	}
	for _, name := range []string{"graph.jsonl", "graph.graphml"} {
		if b, _ := os.ReadFile(filepath.Join(dir, name)); string(b) != "earlier export\n" {
			t.Errorf("%s changed: %q", name, b)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestExitCodeOfEachError: every exit code README documents comes from the error's type, not its text.
func TestExitCodeOfEachError(t *testing.T) {
	for _, tt := range []struct {
		name string
		err  error
		code int
	}{
		{"done", nil, ExitOK},
		{"an error", errors.New("disk full"), ExitError},
		{"usage", fmt.Errorf("export: %w", usagef("--format %q", "xml")), ExitUsage},
		{"skipped input", partialError{2}, ExitPartial},
		{"unreachable", fmt.Errorf("load: %w", &cypher.Error{Kind: cypher.Unreachable, Msg: "cannot reach"}), ExitUnreachable},
		{"authentication", &cypher.Error{Kind: cypher.Unauthorized, Msg: "refused the credentials"}, ExitAuth},
		{"read mode", fmt.Errorf("q.cypher: statement 1 of 1: %w", &cypher.Error{Kind: cypher.ReadOnly, Msg: "writes"}), ExitReadOnly},
		{"a bad query", &cypher.Error{Kind: cypher.Invalid, Msg: "syntax"}, ExitError},
		{"a usage word in a message", errors.New("usage: of the word in some other error"), ExitError},
	} {
		if got := exitCode(tt.err); got != tt.code {
			t.Errorf("%s: exit %d, want %d", tt.name, got, tt.code)
		}
	}
}

// TestMainExitCodesAgainstServers: unreachable and read-mode refusals end with their own codes from
// Main, against a port nothing listens on and the test server.
func TestMainExitCodesAgainstServers(t *testing.T) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	if code := Main([]string{"query", "RETURN 1", "--neo4j", "bolt://127.0.0.1:1", "--neo4j-attempts", "1"}, nil, out, errOut); code != ExitUnreachable {
		t.Errorf("unreachable server: exit %d, want %d; stderr %s", code, ExitUnreachable, errOut)
	}
	cfg := neo4jtest.Config(t)
	errOut.Reset()
	if code := Main([]string{"query", "CREATE (:Person {id: 'person/x'})", "--neo4j", cfg.URI}, nil, out, errOut); code != ExitReadOnly {
		t.Errorf("a write in read mode: exit %d, want %d; stderr %s", code, ExitReadOnly, errOut)
	}
	errOut.Reset()
	if code := Main([]string{"query", "--format", "xml", "RETURN 1"}, nil, out, errOut); code != ExitUsage {
		t.Errorf("a bad --format: exit %d, want %d; stderr %s", code, ExitUsage, errOut)
	}
}

func TestEvalRelations(t *testing.T) {
	file := filepath.Join(t.TempDir(), "labelled.jsonl")
	_ = os.WriteFile(file, []byte(`{"id":"a","source":"test","licence":"CC0","text":"Kenyan President William Ruto met Ghanaian President John Mahama in Nairobi on Monday.","type":"MET_WITH","from":"William Ruto","to":"John Mahama","holds":true}
`), 0o644)
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	if code := Main([]string{"eval", "relations", file, "--wrong"}, nil, out, errOut); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"MET_WITH                 1       1     1.000         1     1     1.000", "HOLDS_OFFICE", "wrong: HOLDS_OFFICE", "all "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code := Main([]string{"eval", "relations"}, nil, out, errOut); code != ExitUsage {
		t.Errorf("no file: exit %d, want %d", code, ExitUsage)
	}
}
