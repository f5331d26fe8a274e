package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ner"
	"github.com/newsgraph/newsgraph/ner/tagger"
	"github.com/newsgraph/newsgraph/pipeline"
)

// BuildOptions are the settings of "newsgraph build".
type BuildOptions struct {
	IO       IO
	Factory  *Factory
	Paths    []string
	OutDir   string
	Mentions bool
	Workers  int
	MaxBytes int64
	NoLoad   bool
	Model    string // a name-tagger model file instead of the embedded one
}

// NewCmdBuild returns "newsgraph build". runF replaces runBuild in tests.
func NewCmdBuild(f *Factory, runF func(context.Context, *BuildOptions) error) *cobra.Command {
	opts := &BuildOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "build [PATH...]",
		Short: "Build the graph from article files or folders (default ./seeds) and write a snapshot",
		Long: `Build reads .txt, .text, .md, .html and .htm articles, finds their people, countries, places, organizations
and events, resolves them into canonical entities, extracts the relationships the text states, and
writes OUT/graph.jsonl (APOC JSON lines). When NEO4J_URI or --neo4j is set it also loads the graph.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if len(opts.Paths) == 0 {
				opts.Paths = []string{"seeds"}
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runBuild(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.OutDir, "out", "o", "out", "snapshot folder")
	cmd.Flags().BoolVar(&opts.Mentions, "mentions", false, "also write mentions.jsonl with every mention's byte offsets")
	cmd.Flags().IntVarP(&opts.Workers, "workers", "j", 0, "analysis workers (default: the number of CPUs)")
	cmd.Flags().Int64Var(&opts.MaxBytes, "max-bytes", 16<<20, "skip files larger than this (a news article is far smaller)")
	cmd.Flags().BoolVar(&opts.NoLoad, "no-load", false, "do not load into Neo4j even when one is configured")
	cmd.Flags().StringVar(&opts.Model, "model", "", "name-tagger model made by newsgraph train (default: the embedded model)")
	return cmd
}

func runBuild(ctx context.Context, opts *BuildOptions) error {
	ex, err := opts.Factory.Extractor()
	if opts.Model != "" {
		var m *tagger.Model
		if m, err = ner.ReadModel(opts.Model); err == nil {
			ex, err = ner.NewExtractorWithModel(m)
		}
	}
	if err != nil {
		return fmt.Errorf("load models: %w", err)
	}
	po := pipeline.Options{Paths: opts.Paths, OutDir: opts.OutDir, Mentions: opts.Mentions, Workers: opts.Workers, MaxBytes: opts.MaxBytes}
	if opts.IO.ErrTerminal {
		po.Progress = func(done, total int) {
			fmt.Fprintf(opts.IO.ErrOut, "\ranalysed %d/%d files", done, total)
			if done == total {
				fmt.Fprintln(opts.IO.ErrOut)
			}
		}
	}
	res, err := pipeline.Build(ctx, ex, po)
	if err != nil {
		return err
	}
	skipped := 0
	for _, p := range res.Problems {
		fmt.Fprintln(opts.IO.ErrOut, "newsgraph:", p)
		if p.Skipped {
			skipped++
		}
	}
	if res.Snapshot == "" && opts.OutDir != "" {
		fmt.Fprintf(opts.IO.ErrOut, "newsgraph: no input could be used; the snapshot in %q is kept as it was and nothing is loaded\n", opts.OutDir)
		return partialError{skipped}
	}
	g := res.Corpus.Graph
	fmt.Fprintf(opts.IO.Out, "built %d articles from %d files in %.2fs\n", res.Articles, res.Files, res.Elapsed.Seconds())
	printCounts(opts.IO, g)
	fmt.Fprintf(opts.IO.Out, "snapshot: %s\n", res.Snapshot)
	if opts.Mentions {
		fmt.Fprintf(opts.IO.Out, "mentions: %s\n", filepath.Join(opts.OutDir, "mentions.jsonl"))
	}
	cfg := opts.Factory.Neo4jConfig()
	switch {
	case opts.NoLoad:
	case cfg.URI == "":
		fmt.Fprintln(opts.IO.Out, "neo4j: not configured (set NEO4J_URI or --neo4j to load the graph)")
	default:
		if err := loadGraph(ctx, opts.IO, cfg, g); err != nil {
			return err
		}
	}
	if skipped > 0 {
		return partialError{skipped}
	}
	return nil
}

func printCounts(io IO, g *graph.Graph) {
	labels := g.CountLabels()
	fmt.Fprintf(io.Out, "nodes: %d", len(g.Nodes))
	for _, l := range graph.Labels {
		if labels[l] > 0 {
			fmt.Fprintf(io.Out, "  %s %d", l, labels[l])
		}
	}
	fmt.Fprintln(io.Out)
	types := g.CountTypes()
	fmt.Fprintf(io.Out, "relationships: %d", g.NumRels())
	for _, t := range graph.RelTypes {
		if types[t] > 0 {
			fmt.Fprintf(io.Out, "  %s %d", t, types[t])
		}
	}
	fmt.Fprintln(io.Out)
}

func loadGraph(ctx context.Context, io IO, cfg cypher.Config, g *graph.Graph) error {
	t0 := time.Now()
	c, err := cypher.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	lo := cypher.LoadOptions{}
	if io.ErrTerminal {
		lo.Progress = func(done, total int) { fmt.Fprintf(io.ErrOut, "\rloaded %d/%d", done, total) }
	}
	st, err := c.Load(ctx, g, lo)
	if io.ErrTerminal {
		fmt.Fprintln(io.ErrOut)
	}
	if err != nil {
		return err
	}
	nodes, rels, err := c.Counts(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(io.Out, "neo4j: loaded %d nodes and %d relationships into %s in %.2fs; the database now holds %d nodes and %d relationships\n",
		st.Nodes, st.Rels, cfg, time.Since(t0).Seconds(), nodes, rels)
	return nil
}
