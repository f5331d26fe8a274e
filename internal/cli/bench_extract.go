package cli

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/internal/bench"
)

// BenchExtractOptions are the settings of "newsgraph bench extract".
type BenchExtractOptions struct {
	IO       IO
	Factory  *Factory
	Articles int
	Workers  int
	Seed     int64
	// ProseArticles is how many articles the prose yardstick runs on; its time is scaled to the corpus.
	ProseArticles int
	CPUProfile    string // file for a CPU profile of the whole run
	HeapProfile   string // file for a heap profile at the run's peak
	Base          int    // entities in a base to resolve onto; 0 for none
}

// NewCmdBenchExtract returns "newsgraph bench extract".
func NewCmdBenchExtract(f *Factory, runF func(context.Context, *BenchExtractOptions) error) *cobra.Command {
	opts := &BenchExtractOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "extract",
		Short: "Run the extraction pipeline on a generated corpus and compare with prose's NewDocument",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runBenchExtract(cmd.Context(), opts)
		},
	}
	cmd.Flags().IntVar(&opts.Articles, "articles", 2000, "articles to generate")
	cmd.Flags().IntVarP(&opts.Workers, "workers", "j", 0, "analysis workers (default: the number of CPUs)")
	cmd.Flags().Int64Var(&opts.Seed, "seed", 1, "corpus generator seed")
	cmd.Flags().IntVar(&opts.ProseArticles, "prose-articles", 2000, "articles the prose yardstick runs on (its time is scaled to the corpus)")
	cmd.Flags().StringVar(&opts.CPUProfile, "cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof)")
	cmd.Flags().StringVar(&opts.HeapProfile, "memprofile", "", "write a heap profile at the run's peak to this file (go tool pprof)")
	cmd.Flags().IntVar(&opts.Base, "base", 0, "resolve onto a base of this many entities, as a daily build onto an earlier graph does")
	return cmd
}

func runBenchExtract(ctx context.Context, opts *BenchExtractOptions) error {
	ex, err := opts.Factory.Extractor()
	if err != nil {
		return fmt.Errorf("load models: %w", err)
	}
	fmt.Fprintf(opts.IO.ErrOut, "bench extract: %d generated articles (seed %d), prose yardstick on %d of them\n", opts.Articles, opts.Seed, min(opts.Articles, opts.ProseArticles))
	bo := bench.ExtractOptions{Articles: opts.Articles, Workers: opts.Workers, Seed: opts.Seed, ProseArticles: opts.ProseArticles, Base: opts.Base}
	if opts.HeapProfile != "" {
		f, err := os.Create(opts.HeapProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		bo.HeapProfile = f
	}
	if opts.CPUProfile != "" {
		f, err := os.Create(opts.CPUProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("cpu profile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	r, err := bench.Extract(ctx, ex, bo)
	if err != nil {
		return err
	}
	r.Report(opts.IO.Out)
	return nil
}

// NewCmdBenchCorpus returns "newsgraph bench corpus".
func NewCmdBenchCorpus(f *Factory) *cobra.Command {
	var articles int
	var seed int64
	cmd := &cobra.Command{
		Use:   "corpus DIR",
		Short: "Write the corpus bench extract generates as text files, to build or load it for real",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if articles <= 0 {
				return usagef("--articles must be positive, not %d", articles)
			}
			if _, err := bench.WriteCorpus(args[0], articles, seed); err != nil {
				return fmt.Errorf("write corpus: %w", err)
			}
			fmt.Fprintf(f.IO.Out, "wrote %d articles (seed %d) to %s\n", articles, seed, args[0])
			return nil
		},
	}
	cmd.Flags().IntVar(&articles, "articles", 2000, "articles to generate")
	cmd.Flags().Int64Var(&seed, "seed", 1, "corpus generator seed")
	return cmd
}
