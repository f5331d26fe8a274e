package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/graph"
)

// LoadOptions are the settings of "newsgraph load".
type LoadOptions struct {
	IO       IO
	Factory  *Factory
	Snapshot string
}

// NewCmdLoad returns "newsgraph load".
func NewCmdLoad(f *Factory, runF func(context.Context, *LoadOptions) error) *cobra.Command {
	opts := &LoadOptions{IO: f.IO, Factory: f}
	return &cobra.Command{
		Use:   "load SNAPSHOT",
		Short: "Load a snapshot folder (or its graph.jsonl) into Neo4j; loading again changes nothing",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Snapshot = args[0]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runLoad(cmd.Context(), opts)
		},
	}
}

// ReadSnapshot reads graph.jsonl from a snapshot folder, or the file itself when path is a file.
func ReadSnapshot(path string) (*graph.Graph, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, "graph.jsonl")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	defer f.Close()
	return graph.ReadJSONL(f, path)
}

func runLoad(ctx context.Context, opts *LoadOptions) error {
	g, err := ReadSnapshot(opts.Snapshot)
	if err != nil {
		return err
	}
	cfg := opts.Factory.Neo4jConfig()
	if cfg.URI == "" {
		return fmt.Errorf("no Neo4j configured: set NEO4J_URI or --neo4j")
	}
	printCounts(opts.IO, g)
	return loadGraph(ctx, opts.IO, cfg, g)
}
