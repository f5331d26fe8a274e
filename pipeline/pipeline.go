// Package pipeline builds a graph from files: it finds the articles under the paths it is given, reads
// them, analyses them on a bounded pool of workers, resolves the corpus and writes the snapshot folder.
// It knows nothing of Neo4j or of the command line.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ner"
)

// Options configure a build.
type Options struct {
	Paths    []string // files or folders; folders are walked for .txt, .text, .md, .html and .htm files
	OutDir   string   // snapshot folder; "" writes nothing
	Mentions bool     // also write mentions.jsonl
	Workers  int      // analysis workers; 0 means the number of CPUs
	MaxBytes int64    // files larger than this are skipped with a problem; 0 means 64 MiB
	// Progress, when set, is called after each file with the number done and the total.
	Progress func(done, total int)
}

// Problem is an input that could not be used, or was used with a repair, named with its file.
type Problem struct {
	File    string
	Message string
	Skipped bool
}

func (p Problem) String() string { return p.File + ": " + p.Message }

// Result is what a build produced.
type Result struct {
	Corpus   *ner.Corpus
	Files    int
	Articles int
	Problems []Problem
	Elapsed  time.Duration
	Snapshot string // path of graph.jsonl, when written
}

var articleExt = map[string]bool{".txt": true, ".text": true, ".md": true, ".html": true, ".htm": true}

// FindFiles returns the article files under paths, sorted, each once. A path that does not exist is an
// error; unreadable folders and symlink loops inside a walk become problems.
func FindFiles(paths []string) ([]string, []Problem, error) {
	var files []string
	var problems []Problem
	seen := map[string]bool{}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, nil, fmt.Errorf("input %s: %w", p, err)
		}
		if !info.IsDir() {
			if !seen[p] {
				seen[p] = true
				files = append(files, p)
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				problems = append(problems, Problem{File: path, Message: err.Error(), Skipped: true})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !articleExt[strings.ToLower(filepath.Ext(path))] {
				return nil
			}
			if !seen[path] {
				seen[path] = true
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, nil, fmt.Errorf("walk %s: %w", p, err)
		}
	}
	sort.Strings(files)
	return files, problems, nil
}

var (
	tagRE    = regexp.MustCompile(`(?s)<(script|style|noscript)[^>]*>.*?</(script|style|noscript)>|<!--.*?-->|<[^>]+>`)
	blockRE  = regexp.MustCompile(`(?i)<(/p|br|/div|/h[1-6]|/li|/tr|/title)[^>]*>`)
	blanksRE = regexp.MustCompile(`[ \t]+`)
)

// Text returns the article text of a file's content: HTML loses its tags, invalid UTF-8 is replaced.
// The second result names a repair that was made, or "".
func Text(name string, b []byte) (string, string) {
	s, repair := string(b), ""
	if !utf8.Valid(b) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		repair = "invalid UTF-8 replaced with U+FFFD"
	}
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".html" || ext == ".htm" || strings.HasPrefix(strings.TrimSpace(s), "<!DOCTYPE html") || strings.HasPrefix(strings.TrimSpace(s), "<html") {
		s = blockRE.ReplaceAllString(s, "\n$0")
		s = tagRE.ReplaceAllString(s, "")
		s = html.UnescapeString(s)
		s = blanksRE.ReplaceAllString(s, " ")
	}
	return s, repair
}

func looksBinary(b []byte) bool {
	n := len(b)
	if n > 8000 {
		n = 8000
	}
	for _, c := range b[:n] {
		if c == 0 {
			return true
		}
	}
	return false
}

// Build runs the whole job. It returns an error for a problem with the job itself (no input, an output
// folder that cannot be written); a bad file becomes a Problem and the build goes on.
func Build(ctx context.Context, ex *ner.Extractor, opts Options) (*Result, error) {
	t0 := time.Now()
	files, problems, err := FindFiles(opts.Paths)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no article files (.txt, .md, .html) under %s", strings.Join(opts.Paths, ", "))
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	maxBytes := opts.MaxBytes
	if maxBytes <= 0 {
		maxBytes = 64 << 20
	}
	type out struct {
		doc  *ner.Document
		prob []Problem
	}
	results := make([]out, len(files))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				doc, probs := analyseFile(ctx, ex, files[i], maxBytes)
				results[i] = out{doc, probs}
				if opts.Progress != nil {
					mu.Lock()
					done++
					opts.Progress(done, len(files))
					mu.Unlock()
				}
			}
		}()
	}
feed:
	for i := range files {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var docs []*ner.Document
	res := &Result{Files: len(files)}
	res.Problems = problems
	for _, o := range results {
		res.Problems = append(res.Problems, o.prob...)
		if o.doc != nil {
			docs = append(docs, o.doc)
			res.Articles += o.doc.Stories()
		}
	}
	corpus, err := ner.Resolve(docs)
	if err != nil {
		return nil, fmt.Errorf("resolve: %w", err)
	}
	res.Corpus = corpus
	if opts.OutDir != "" {
		if err := WriteSnapshot(opts.OutDir, corpus, opts.Mentions); err != nil {
			return nil, err
		}
		res.Snapshot = filepath.Join(opts.OutDir, "graph.jsonl")
	}
	res.Elapsed = time.Since(t0)
	return res, nil
}

func analyseFile(ctx context.Context, ex *ner.Extractor, path string, maxBytes int64) (*ner.Document, []Problem) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, []Problem{{File: path, Message: err.Error(), Skipped: true}}
	}
	if info.Size() > maxBytes {
		return nil, []Problem{{File: path, Message: fmt.Sprintf("%d bytes is over the %d-byte limit (--max-bytes)", info.Size(), maxBytes), Skipped: true}}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, []Problem{{File: path, Message: "cannot read: " + unwrapPath(err), Skipped: true}}
	}
	if len(strings.TrimSpace(string(b))) == 0 {
		return nil, []Problem{{File: path, Message: "empty file", Skipped: true}}
	}
	if looksBinary(b) {
		return nil, []Problem{{File: path, Message: "binary file (NUL bytes), not text", Skipped: true}}
	}
	text, repair := Text(path, b)
	var probs []Problem
	if repair != "" {
		probs = append(probs, Problem{File: path, Message: repair})
	}
	doc, err := ex.Analyse(ctx, path, text)
	if err != nil {
		return nil, append(probs, Problem{File: path, Message: err.Error(), Skipped: true})
	}
	if doc.Stories() == 0 {
		probs = append(probs, Problem{File: path, Message: "no article text found (only headlines or page chrome)"})
	}
	return doc, probs
}

func unwrapPath(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// WriteSnapshot writes graph.jsonl (and mentions.jsonl when asked) into dir, each through a temporary
// file renamed into place, so a reader never sees half a snapshot.
func WriteSnapshot(dir string, c *ner.Corpus, mentions bool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("snapshot folder %s: %w", dir, err)
	}
	if err := writeAtomic(filepath.Join(dir, "graph.jsonl"), func(f *os.File) error { return graph.WriteJSONL(f, c.Graph) }); err != nil {
		return err
	}
	if mentions {
		return writeAtomic(filepath.Join(dir, "mentions.jsonl"), func(f *os.File) error { return graph.WriteMentions(f, c.Mentions) })
	}
	return nil
}

func writeAtomic(path string, write func(*os.File) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path))
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
