// Package pipeline builds a graph from files: it finds the articles under the paths it is given, reads
// them, analyses them on a bounded pool of workers, resolves the corpus and writes the snapshot folder.
// It knows nothing of Neo4j or of the command line.
package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/pool"
	"github.com/newsgraph/newsgraph/internal/snapshot"
	"github.com/newsgraph/newsgraph/ner"
)

// Options configure a build.
type Options struct {
	Paths    []string // files or folders; folders are walked for .txt, .text, .md, .html and .htm files
	OutDir   string   // snapshot folder; "" writes nothing
	Mentions bool     // also write mentions.jsonl
	Workers  int      // analysis workers; 0 means the number of CPUs
	MaxBytes int64    // files larger than this are skipped with a problem; 0 means 16 MiB
	// Progress, when set, is called after each file with the number done and the total.
	Progress func(done, total int)
	// Base is an earlier snapshot to build onto: the articles resolve onto its entities, and the
	// snapshot written (and Result.Corpus.Graph) is the base with the new articles merged in.
	// Result.Delta holds what the build added or changed, for loading into a database holding the base.
	Base *graph.Graph
	// MinConfidence leaves out relationships found by rules less sure than it (ner.Rules).
	MinConfidence float64
	// Analysed, when set, is called once every file is analysed and before resolution: the moment a
	// build holds the most (a heap profile taken here shows the peak).
	Analysed func()
	// Index, without Base, returns the entities of a graph held elsewhere (a database) to resolve onto;
	// the snapshot written is then what the build adds to it. It is called once, after analysis and
	// before resolution.
	Index func(context.Context) (*ner.Base, error)
}

// Problem is an input that could not be used, or was used with a repair, named with its file.
type Problem struct {
	File    string
	Message string
	Skipped bool
}

// String returns "file": problem, the file name quoted so that a name with a line break or terminal
// escapes cannot forge a line of output.
func (p Problem) String() string { return strconv.Quote(p.File) + ": " + p.Message }

// Result is what a build produced.
type Result struct {
	Corpus   *ner.Corpus
	Files    int
	Articles int
	Problems []Problem
	Elapsed  time.Duration
	Snapshot string // path of graph.jsonl, when written
	// Delta is what the build adds to its base: the new articles, their relationships and the entities
	// they touch, with the base's ids; the whole graph when there is no base.
	Delta *graph.Graph
	// IndexTime is the time Options.Index took; ResolveTime the time resolution (and merging onto a
	// base) took.
	IndexTime, ResolveTime time.Duration
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
	skipRE   = regexp.MustCompile(`(?is)<(script|style|noscript)\b.*?</(script|style|noscript)\s*>|<!--.*?-->`)
	tagRE    = regexp.MustCompile(`(?s)<[^>]*>`)
	blockRE  = regexp.MustCompile(`(?i)^</?(p|br|div|h[1-6]|li|ul|ol|tr|td|th|title|article|section|header|footer|blockquote|figure|figcaption|table)\b`)
	entityRE = regexp.MustCompile(`&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)
)

// Text returns the article text of a file's content, the same length in bytes as the content, so that
// every offset into the text is an offset into the file as read: an invalid UTF-8 byte becomes a space,
// an HTML tag becomes spaces (a line break where it ends a block), an entity its character padded with
// spaces. The second result names a repair that was made, or "".
func Text(name string, b []byte) (string, string) {
	repair := ""
	buf := append([]byte(nil), b...)
	if !utf8.Valid(buf) {
		n := 0
		for i := 0; i < len(buf); {
			r, size := utf8.DecodeRune(buf[i:])
			if r == utf8.RuneError && size == 1 {
				buf[i] = ' '
				n++
			}
			i += size
		}
		repair = fmt.Sprintf("%d bytes of invalid UTF-8 read as spaces", n)
	}
	s := string(buf)
	ext := strings.ToLower(filepath.Ext(name))
	trimmed := strings.TrimSpace(s)
	if ext == ".html" || ext == ".htm" || strings.HasPrefix(strings.ToLower(trimmed), "<!doctype html") || strings.HasPrefix(strings.ToLower(trimmed), "<html") {
		s = blank(s, skipRE, func(string) string { return "" })
		s = blank(s, tagRE, func(tag string) string {
			if blockRE.MatchString(tag) {
				return "\n"
			}
			return ""
		})
		s = blank(s, entityRE, html.UnescapeString)
	}
	return s, repair
}

// blank replaces each match of re with repl(match) padded with spaces to the match's length; a
// replacement longer than the match is left out, keeping the match's bytes as spaces.
func blank(s string, re *regexp.Regexp, repl func(string) string) string {
	return re.ReplaceAllStringFunc(s, func(m string) string {
		r := repl(m)
		if len(r) > len(m) {
			r = ""
		}
		return r + strings.Repeat(" ", len(m)-len(r))
	})
}

func looksBinary(b []byte) bool {
	return bytes.IndexByte(b, 0) >= 0 // a NUL anywhere, not only in the first few kilobytes
}

// Build runs the whole job. It returns an error for a problem with the job itself (no input, an output
// folder that cannot be written); a bad file becomes a Problem and the build goes on.
func Build(ctx context.Context, ex *ner.Extractor, opts Options) (*Result, error) {
	t0 := time.Now()
	if opts.Mentions {
		ex = ex.WithOffsets()
	}
	files, problems, err := FindFiles(opts.Paths)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no article files (.txt, .text, .md, .html, .htm) under %s", strings.Join(opts.Paths, ", "))
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	maxBytes := opts.MaxBytes
	if maxBytes <= 0 {
		maxBytes = 16 << 20
	}
	type out struct {
		doc  *ner.Document
		prob []Problem
	}
	results := make([]out, len(files))
	done := 0
	err = pool.Run(ctx, len(files), workers, func(ctx context.Context, i int) error {
		doc, probs := analyseFile(ctx, ex, files[i], maxBytes, opts.Mentions)
		results[i] = out{doc, probs}
		return nil
	}, func(int, error) error {
		if opts.Progress != nil {
			done++
			opts.Progress(done, len(files))
		}
		return nil
	})
	if err != nil {
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
	if opts.Analysed != nil {
		opts.Analysed()
	}
	var index *ner.Base
	switch {
	case opts.Base != nil:
		index = ner.BaseFromGraph(opts.Base)
	case opts.Index != nil:
		t := time.Now()
		if index, err = opts.Index(ctx); err != nil {
			return nil, err
		}
		res.IndexTime = time.Since(t)
	}
	t := time.Now()
	corpus, err := ner.Resolve(docs, ner.ResolveOptions{Mentions: opts.Mentions, Consume: true, Base: index, MinConfidence: opts.MinConfidence})
	if err != nil {
		return nil, fmt.Errorf("resolve: %w", err)
	}
	res.Corpus, res.Delta = corpus, corpus.Graph
	if opts.Base != nil && len(docs) > 0 {
		if err := ner.MergeOnto(opts.Base, corpus.Graph); err != nil {
			return nil, err
		}
		corpus.Graph = opts.Base
	}
	res.ResolveTime = time.Since(t)
	if len(docs) == 0 {
		// every input was skipped: an empty graph must not replace the snapshot already there
		res.Elapsed = time.Since(t0)
		return res, nil
	}
	if opts.OutDir != "" {
		if err := snapshot.Write(opts.OutDir, corpus.Graph, corpus.Mentions, opts.Mentions); err != nil {
			return nil, err
		}
		res.Snapshot = filepath.Join(opts.OutDir, "graph.jsonl")
	}
	res.Elapsed = time.Since(t0)
	return res, nil
}

func analyseFile(ctx context.Context, ex *ner.Extractor, path string, maxBytes int64, mentions bool) (*ner.Document, []Problem) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, []Problem{{File: path, Message: unwrapPath(err), Skipped: true}}
	}
	if !info.Mode().IsRegular() {
		// a pipe would block the read for good, a device (/dev/zero) never ends
		return nil, []Problem{{File: path, Message: "not a regular file (" + fileKind(info.Mode()) + ")", Skipped: true}}
	}
	if info.Size() > maxBytes {
		return nil, []Problem{{File: path, Message: fmt.Sprintf("%d bytes is over the %d-byte limit (--max-bytes)", info.Size(), maxBytes), Skipped: true}}
	}
	b, err := readAtMost(path, maxBytes)
	if err != nil {
		return nil, []Problem{{File: path, Message: "cannot read: " + unwrapPath(err), Skipped: true}}
	}
	if int64(len(b)) > maxBytes {
		return nil, []Problem{{File: path, Message: fmt.Sprintf("over the %d-byte limit (--max-bytes) when read", maxBytes), Skipped: true}}
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
	if err == nil && mentions {
		// mentions.jsonl reports the file as read: where an entity or a repaired byte was decoded, the
		// mention's text is the file's own bytes at its offsets
		doc.SetMentionText(func(start, end int) string { return string(b[start:end]) })
	}
	if err != nil {
		return nil, append(probs, Problem{File: path, Message: err.Error(), Skipped: true})
	}
	if doc.Stories() == 0 {
		probs = append(probs, Problem{File: path, Message: "no article text found (only headlines or page chrome)"})
	}
	return doc, probs
}

// readAtMost reads a file, stopping one byte past limit: the size the file had when it was looked at
// is not trusted to bound the read.
func readAtMost(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, limit+1))
}

func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a folder"
	}
	return "not a plain file"
}

func unwrapPath(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
