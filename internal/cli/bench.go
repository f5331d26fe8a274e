package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/bench"
)

// BenchLoadOptions are the settings of "newsgraph bench load".
type BenchLoadOptions struct {
	IO      IO
	Factory *Factory
	Nodes   int
	Rels    int
	Sample  int
	Batch   int
	Workers int
}

// NewCmdBench returns "newsgraph bench" with its subcommands.
func NewCmdBench(f *Factory) *cobra.Command {
	cmd := &cobra.Command{Use: "bench", Short: "Measure newsgraph's speed on generated data"}
	cmd.AddCommand(NewCmdBenchLoad(f, nil), NewCmdBenchExtract(f, nil), NewCmdBenchCorpus(f))
	return cmd
}

// NewCmdBenchLoad returns "newsgraph bench load".
func NewCmdBenchLoad(f *Factory, runF func(context.Context, *BenchLoadOptions) error) *cobra.Command {
	opts := &BenchLoadOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "load",
		Short: "Load a generated graph into the configured Neo4j, batched and one MERGE per row, and compare",
		Long: `bench load generates a graph of newsgraph's shape (ids under "bench/"), loads it with the batched
loader, loads a sample of its relationships one MERGE per row, prints the rates and removes what it
loaded. The last line reads: load: batched R1 rel/s, per-row R2 rel/s, ratio R1/R2.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runBenchLoad(cmd.Context(), opts)
		},
	}
	cmd.Flags().IntVar(&opts.Nodes, "nodes", 100_000, "nodes to generate")
	cmd.Flags().IntVar(&opts.Rels, "rels", 1_000_000, "relationships to generate")
	cmd.Flags().IntVar(&opts.Sample, "sample", 2000, "relationships loaded one per row")
	cmd.Flags().IntVar(&opts.Batch, "batch", 10_000, "rows per batch")
	cmd.Flags().IntVar(&opts.Workers, "workers", 2, "batch transactions at once")
	return cmd
}

func runBenchLoad(ctx context.Context, opts *BenchLoadOptions) error {
	cfg := opts.Factory.Neo4jConfig()
	c, err := cypher.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	fmt.Fprintf(opts.IO.ErrOut, "bench load: %d nodes, %d relationships, batches of %d, %d at once, per-row sample %d, into %s\n",
		opts.Nodes, opts.Rels, opts.Batch, opts.Workers, opts.Sample, cfg)
	r, err := bench.Load(ctx, c, opts.Nodes, opts.Rels, opts.Sample, cypher.LoadOptions{BatchSize: opts.Batch, Workers: opts.Workers})
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "batched: %d nodes and %d relationships in %.1fs (relationships %.1fs, then mentions settled in %.1fs)\n",
		r.Nodes, r.Rels, r.Batched.Seconds(), r.BatchedRels.Seconds(), r.Settle.Seconds())
	fmt.Fprintf(opts.IO.Out, "per row: %d relationships in %.1fs\n", r.PerRowRels, r.PerRow.Seconds())
	fmt.Fprintf(opts.IO.Out, "load: batched %.0f rel/s, per-row %.0f rel/s, ratio %.1f\n",
		r.BatchedRelRate, r.PerRowRelRate, r.BatchedRelRate/r.PerRowRelRate)
	return nil
}
