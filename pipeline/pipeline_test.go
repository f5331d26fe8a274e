package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ner"
)

const goodArticle = "Ministers meet in the capital\nUpdated 6 May 2025\n\nKenyan President William Ruto met Ghanaian President John Mahama in Nairobi on Monday, officials said.\n"

func write(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBuildBadInput(t *testing.T) {
	ex, err := ner.NewExtractor()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		file     string
		content  []byte
		problem  string // "" means none
		skipped  bool
		articles int
	}{
		{"empty file", "empty.txt", nil, "empty file", true, 0},
		{"binary file", "image.txt", []byte("GIF89a\x00\x01\x02\x00\x00"), "binary", true, 0},
		{"NUL bytes after a long text", "late.txt", append([]byte(strings.Repeat("Officials met in the capital on Monday. ", 300)), 0, 1, 2), "binary", true, 0},
		{"invalid UTF-8", "latin1.txt", []byte(strings.Replace(goodArticle, "Nairobi", "Nair\xf6bi", 1)), "invalid UTF-8", false, 1},
		{"html page", "page.html", []byte("<html><head><title>x</title><script>var a=1;</script></head><body><h1>Ministers meet in the capital</h1><p>Kenyan President William Ruto met Ghanaian President John Mahama in Nairobi on Monday, officials said.</p></body></html>"), "", false, 1},
		{"over a small limit", "big.txt", []byte(strings.Repeat("word ", 300)), "over the", true, 0},
		{"a 50 MB file", "huge.txt", []byte(strings.Repeat("Officials met in the capital on Monday. ", 50<<20/40)), "over the 16777216-byte limit", true, 0},
		{"no entities at all", "plain.txt", []byte("it was a quiet day and nothing at all happened anywhere that anyone noticed.\n"), "", false, 1},
		{"only chrome", "chrome.txt", []byte("Short Url\nFollow\nRead more\n"), "no article text", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			good := write(t, dir, "good.txt", []byte(goodArticle))
			bad := write(t, dir, tt.file, tt.content)
			limit := int64(1000)
			if len(tt.content) > 8000 {
				limit = 0 // the default
			}
			res, err := Build(context.Background(), ex, Options{Paths: []string{dir}, OutDir: filepath.Join(dir, "out"), MaxBytes: limit})
			if err != nil {
				t.Fatal(err)
			}
			var got []Problem
			for _, p := range res.Problems {
				if p.File == bad {
					got = append(got, p)
				}
				if p.File == good {
					t.Errorf("problem with the good file: %v", p)
				}
			}
			if tt.problem == "" && len(got) > 0 {
				t.Errorf("unexpected problems %v", got)
			}
			if tt.problem != "" && (len(got) != 1 || !strings.Contains(got[0].Message, tt.problem) || got[0].Skipped != tt.skipped) {
				t.Errorf("problems %v, want one %q (skipped %v)", got, tt.problem, tt.skipped)
			}
			if res.Articles != 1+tt.articles {
				t.Errorf("articles = %d, want %d", res.Articles, 1+tt.articles)
			}
			if _, err := os.Stat(res.Snapshot); err != nil {
				t.Errorf("no snapshot: %v", err)
			}
		})
	}
}

func TestFindFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", []byte("x"))
	write(t, dir, "sub/b.html", []byte("x"))
	write(t, dir, "sub/c.jpg", []byte("x"))
	if err := os.Symlink(dir, filepath.Join(dir, "sub", "loop")); err != nil {
		t.Fatal(err)
	}
	files, _, err := FindFiles([]string{dir, filepath.Join(dir, "a.txt")})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || !strings.HasSuffix(files[0], "a.txt") || !strings.HasSuffix(files[1], "b.html") {
		t.Errorf("files = %v", files)
	}
	if _, _, err := FindFiles([]string{filepath.Join(dir, "missing")}); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing path: err = %v", err)
	}
}

func TestSnapshotIsDeterministic(t *testing.T) {
	ex, _ := ner.NewExtractor()
	seeds := filepath.Join("..", "seeds")
	var outs [][]byte
	for _, workers := range []int{1, 2, 4} {
		dir := t.TempDir()
		res, err := Build(context.Background(), ex, Options{Paths: []string{seeds}, OutDir: dir, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(res.Snapshot)
		outs = append(outs, b)
	}
	for i := 1; i < len(outs); i++ {
		if string(outs[i]) != string(outs[0]) {
			t.Fatalf("snapshot differs between runs with different worker counts")
		}
	}
}

func BenchmarkBuildSeeds(b *testing.B) {
	ex, _ := ner.NewExtractor()
	files, _, _ := FindFiles([]string{filepath.Join("..", "seeds")})
	var size int64
	for _, f := range files {
		st, _ := os.Stat(f)
		size += st.Size()
	}
	b.SetBytes(size)
	for i := 0; i < b.N; i++ {
		if _, err := Build(context.Background(), ex, Options{Paths: []string{filepath.Join("..", "seeds")}}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestMentionOffsetsIndexTheFileAsRead(t *testing.T) {
	ex, _ := ner.NewExtractor()
	tests := map[string][]byte{
		"page.html": []byte("<html><head><title>Talks</title><style>p{x:1}</style></head><body><h1>Leaders meet in the capital</h1>" +
			"<p>Kenyan President William Ruto met Ghanaian President John Mahama in Nairobi on Monday, officials said &amp; added&nbsp;more.</p>" +
			"<p>Ruto said the talks with Mahama went well, according to the Caf&eacute; Times.</p></body></html>"),
		"latin1.txt": []byte("Leaders meet in the capital\n\nKenyan President William Ruto met Ghanaian President John Mahama in Nair\xf6bi and in Accra on Monday, officials said.\n"),
	}
	for name, content := range tests {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := write(t, dir, name, content)
			res, err := Build(context.Background(), ex, Options{Paths: []string{path}, Mentions: true})
			if err != nil {
				t.Fatal(err)
			}
			found := map[string]bool{}
			for _, a := range res.Corpus.Mentions {
				for _, m := range a.Mentions {
					found[m.Text] = true
					if got := string(content[m.Start:m.End]); got != m.Text {
						t.Errorf("file[%d:%d] = %q, mention %q", m.Start, m.End, got, m.Text)
					}
				}
			}
			// names after the repaired bytes or decoded markup prove the offsets did not shift
			for _, want := range []string{"William Ruto", "John Mahama"} {
				if !found[want] {
					t.Errorf("no mention %q among %v", want, found)
				}
			}
		})
	}
}

func TestUnreadableAndManyFiles(t *testing.T) {
	ex, _ := ner.NewExtractor()
	dir := t.TempDir()
	for i := 0; i < 10000; i++ {
		write(t, dir, filepath.Join("feed", strings.Repeat("x", i%3)+itoa(i)+".txt"), []byte("Officials met in Nairobi on Monday, the ministry said in a statement.\n"))
	}
	if err := os.Symlink(filepath.Join(dir, "missing.txt"), filepath.Join(dir, "dangling.txt")); err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), ex, Options{Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 10001 || res.Articles != 10000 {
		t.Errorf("files %d articles %d, want 10001 and 10000", res.Files, res.Articles)
	}
	bad := res.Problems
	if len(bad) != 1 || !strings.HasSuffix(bad[0].File, "dangling.txt") || !bad[0].Skipped {
		t.Errorf("problems %v, want one for dangling.txt", bad)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
