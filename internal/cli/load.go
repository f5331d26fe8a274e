package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/internal/snapshot"
)

// LoadOptions are the settings of "newsgraph load".
type LoadOptions struct {
	IO       IO
	Factory  *Factory
	Snapshot string
	Loader   LoaderFlags
}

// LoaderFlags tune the batched loader of build and load.
type LoaderFlags struct {
	Workers int // batch transactions at once
	Batch   int // rows per transaction
}

func (lf *LoaderFlags) register(cmd *cobra.Command) {
	cmd.Flags().IntVar(&lf.Workers, "load-workers", 2, "batch transactions the loader runs at once")
	cmd.Flags().IntVar(&lf.Batch, "batch", 10_000, "rows per loader transaction")
}

func (lf LoaderFlags) check() error {
	if lf.Workers < 1 || lf.Batch < 1 {
		return usagef("--load-workers and --batch must be at least 1")
	}
	return nil
}

// NewCmdLoad returns "newsgraph load".
func NewCmdLoad(f *Factory, runF func(context.Context, *LoadOptions) error) *cobra.Command {
	opts := &LoadOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "load SNAPSHOT",
		Short: "Load a snapshot or export (folder, .jsonl, .graphml, CSV folder) into Neo4j; loading again changes nothing",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Snapshot = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runLoad(cmd.Context(), opts)
		},
	}
	opts.Loader.register(cmd)
	return cmd
}

func runLoad(ctx context.Context, opts *LoadOptions) error {
	if err := opts.Loader.check(); err != nil {
		return err
	}
	g, err := snapshot.Read(opts.Snapshot)
	if err != nil {
		return err
	}
	cfg := opts.Factory.Neo4jConfig()
	if cfg.URI == "" {
		return fmt.Errorf("no Neo4j configured: set NEO4J_URI or --neo4j")
	}
	printCounts(opts.IO, g)
	return loadGraph(ctx, opts.IO, cfg, g, opts.Loader)
}
