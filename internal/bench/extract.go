package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/jdkato/prose/v3"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/pool"
	"github.com/newsgraph/newsgraph/internal/synth"
	"github.com/newsgraph/newsgraph/ner"
	"github.com/newsgraph/newsgraph/pipeline"
)

// Stage is the figure of one pipeline stage: its time summed over workers, and the throughput that
// time gives on one core.
type Stage struct {
	Name string
	Time time.Duration
}

// ExtractResult holds the figures of one extraction benchmark.
type ExtractResult struct {
	Articles   int
	Bytes      int64
	Wall       time.Duration // the whole pipeline, generation excluded
	Stages     []Stage
	Prose      time.Duration // prose.NewDocument on the same corpus, same workers
	PeakRSSMiB float64
	Nodes      int
	Rels       int
	// with a base (ExtractOptions.Base): its entities, the time to index them and the heap they add
	BaseEntities int
	BaseIndex    time.Duration
	BaseHeapMiB  float64
}

// MBps returns the pipeline's throughput in MB/s (10^6 bytes).
func (r *ExtractResult) MBps() float64 { return float64(r.Bytes) / 1e6 / r.Wall.Seconds() }

// ProseMBps returns prose NewDocument's throughput in MB/s.
func (r *ExtractResult) ProseMBps() float64 { return float64(r.Bytes) / 1e6 / r.Prose.Seconds() }

// ExtractOptions are the settings of Extract.
type ExtractOptions struct {
	Articles int
	Workers  int // 0: the number of CPUs
	Seed     int64
	// ProseArticles limits the yardstick run (0: all articles), as prose is slow.
	ProseArticles int
	// HeapProfile, when set, receives a heap profile taken when every article is analysed and none
	// resolved yet: the peak, since Resolve lets the analyses go as the graph grows.
	HeapProfile io.Writer
	// Base, when above 0, resolves the articles onto an index of that many entities, as a build onto
	// an earlier graph does: half the corpus's own people and organizations (so that names resolve onto
	// it) and the rest generated apart.
	Base int
}

// Extract writes the generated articles into a temporary folder (not timed), runs the pipeline on it
// as build does (pipeline.Build: read, analyse, resolve; then the snapshot written to nowhere), then
// prose's NewDocument with entities on the same articles, and reports both.
func Extract(ctx context.Context, ex *ner.Extractor, o ExtractOptions) (*ExtractResult, error) {
	n, workers, seed := o.Articles, o.Workers, o.Seed
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	corpus := newCorpus(seed, n)
	dir, err := os.MkdirTemp("", "newsgraph-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	res := &ExtractResult{Articles: n}
	if res.Bytes, err = WriteCorpus(dir, n, seed); err != nil {
		return nil, err
	}
	var tm ner.Timings
	po := pipeline.Options{Paths: []string{dir}, Workers: workers}
	var profileErr error
	if o.HeapProfile != nil {
		po.Analysed = func() {
			runtime.GC()
			profileErr = pprof.Lookup("heap").WriteTo(o.HeapProfile, 0)
		}
	}
	if o.Base > 0 {
		po.Index = func(context.Context) (*ner.Base, error) {
			ents := BaseEntities(corpus, o.Base, seed)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			t := time.Now()
			base := ner.NewBase(ents, nil)
			res.BaseIndex = time.Since(t)
			ents = nil
			runtime.GC()
			runtime.ReadMemStats(&after)
			res.BaseEntities = base.Len()
			res.BaseHeapMiB = (float64(after.HeapAlloc) - float64(before.HeapAlloc)) / (1 << 20)
			return base, nil
		}
	}
	start := time.Now()
	built, err := pipeline.Build(ctx, ex.WithTimings(&tm), po)
	if err != nil {
		return nil, err
	}
	if profileErr != nil {
		return nil, profileErr
	}
	wall := time.Since(start) - res.BaseIndex - built.IndexTime
	t1 := time.Now()
	if err := graph.WriteJSONL(io.Discard, built.Corpus.Graph); err != nil {
		return nil, err
	}
	write := time.Since(t1)
	res.Wall = wall + write
	res.Nodes, res.Rels = len(built.Corpus.Graph.Nodes), built.Corpus.Graph.NumRels()
	res.Stages = []Stage{
		{"clean", time.Duration(tm.Clean.Load())},
		{"tokenise+tag", time.Duration(tm.Tag.Load())},
		{"mentions", time.Duration(tm.Mentions.Load())},
		{"relate", time.Duration(tm.Relate.Load())},
		{"resolve", built.ResolveTime},
		{"write", write},
	}
	res.PeakRSSMiB = peakRSSMiB()
	res.Prose, err = proseYardstick(ctx, corpus, n, o.ProseArticles, workers, res.Bytes)
	return res, err
}

// proseYardstick times prose's NewDocument with entities on the first pn of the n articles (all when pn
// is 0), generated as it goes (generation timed apart and taken out), scaled to the corpus's bytes.
func proseYardstick(ctx context.Context, corpus *synth.Corpus, n, pn, workers int, bytes int64) (time.Duration, error) {
	if pn <= 0 || pn > n {
		pn = n
	}
	var proseBytes int64
	for i := 0; i < pn; i++ {
		proseBytes += int64(len(corpus.Article(i)))
	}
	each := func(f func(i int) error) (time.Duration, error) {
		t := time.Now()
		err := pool.Run(ctx, pn, workers, func(_ context.Context, i int) error { return f(i) }, nil)
		return time.Since(t), err
	}
	gen, err := each(func(i int) error { _ = corpus.Article(i); return nil })
	if err != nil {
		return 0, err
	}
	both, err := each(func(i int) error { _, err := prose.NewDocument(corpus.Article(i)); return err })
	if err != nil {
		return 0, err
	}
	return time.Duration(float64(both-gen) * float64(bytes) / float64(proseBytes)), nil
}

// peakRSSMiB reads the process's peak resident set from /proc (Linux); 0 elsewhere.
func peakRSSMiB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.ParseFloat(f[1], 64)
				return kb / 1024
			}
		}
	}
	return 0
}

// Report writes the figures, the summary line last.
func (r *ExtractResult) Report(w io.Writer) {
	fmt.Fprintf(w, "corpus: %d articles, %.1f MB; graph: %d nodes, %d relationships\n", r.Articles, float64(r.Bytes)/1e6, r.Nodes, r.Rels)
	for _, s := range r.Stages {
		secs := s.Time.Seconds()
		if secs <= 0 {
			secs = 1e-9
		}
		fmt.Fprintf(w, "stage %-13s %8.2fs  %8.2f MB/s  %10.0f articles/s (one core)\n", s.Name, s.Time.Seconds(), float64(r.Bytes)/1e6/secs, float64(r.Articles)/secs)
	}
	fmt.Fprintf(w, "total         %8.2fs  %8.2f MB/s  %10.0f articles/s (wall)\n", r.Wall.Seconds(), r.MBps(), float64(r.Articles)/r.Wall.Seconds())
	if r.BaseEntities > 0 {
		fmt.Fprintf(w, "base: %d entities indexed in %.2fs, heap +%.0f MiB\n", r.BaseEntities, r.BaseIndex.Seconds(), r.BaseHeapMiB)
	}
	fmt.Fprintf(w, "extract: %.2f MB/s, prose NewDocument %.2f MB/s, ratio %.1f, peak RSS %.0f MiB\n",
		r.MBps(), r.ProseMBps(), r.MBps()/r.ProseMBps(), r.PeakRSSMiB)
}

// BaseEntities returns n entities for a base: every other person and organization of corpus, with its
// surname as an alias, then generated people and organizations (7 in 10 people) up to n.
func BaseEntities(corpus *synth.Corpus, n int, seed int64) []ner.BaseEntity {
	ents := make([]ner.BaseEntity, 0, n)
	person := func(name string) {
		aliases := []string{name}
		if i := strings.LastIndexByte(name, ' '); i > 0 {
			aliases = append(aliases, name[i+1:])
		}
		ents = append(ents, ner.BaseEntity{ID: "person/" + graph.Slug(name) + "-" + strconv.Itoa(len(ents)), Label: graph.Person, Name: name, Aliases: aliases})
	}
	org := func(name string) {
		ents = append(ents, ner.BaseEntity{ID: "org/" + graph.Slug(name) + "-" + strconv.Itoa(len(ents)), Label: graph.Organization, Name: name, Aliases: []string{name}})
	}
	for i, p := range corpus.People() {
		if i%2 == 0 && len(ents) < n {
			person(p)
		}
	}
	for i, o := range corpus.Organizations() {
		if i%2 == 0 && len(ents) < n {
			org(o)
		}
	}
	if rest := n - len(ents); rest > 0 {
		other := synth.New(seed+1_000_003, rest*7/10, rest-rest*7/10)
		for _, p := range other.People() {
			person(p)
		}
		for _, o := range other.Organizations() {
			org(o)
		}
	}
	return ents[:min(n, len(ents))]
}

// newCorpus returns the generator bench extract uses for n articles: people and organizations grow with
// the corpus, so that a larger corpus also means more entities to resolve.
func newCorpus(seed int64, n int) *synth.Corpus {
	return synth.New(seed, max(200, n/5), max(50, n/40))
}

// WriteCorpus writes the first n articles bench extract generates with seed into dir (created if
// missing) as 000000.txt, 000001.txt, ..., so that "newsgraph build" can be run on the same corpus, and
// returns how many bytes it wrote.
// Writing again overwrites the same files with the same bytes.
func WriteCorpus(dir string, n int, seed int64) (bytes int64, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	corpus := newCorpus(seed, n)
	for i := 0; i < n; i++ {
		text := corpus.Article(i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%06d.txt", i)), []byte(text), 0o644); err != nil {
			return bytes, err
		}
		bytes += int64(len(text))
	}
	return bytes, nil
}
