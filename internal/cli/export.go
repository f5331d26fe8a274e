package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/snapshot"
)

// ExportOptions are the settings of "newsgraph export".
type ExportOptions struct {
	IO      IO
	Factory *Factory
	Formats []string
	OutDir  string
}

// NewCmdExport returns "newsgraph export".
func NewCmdExport(f *Factory, runF func(context.Context, *ExportOptions) error) *cobra.Command {
	opts := &ExportOptions{IO: f.IO, Factory: f}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write a snapshot of what is in Neo4j: jsonl (APOC), graphml, cypher script, csv (neo4j-admin)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, f := range opts.Formats {
				switch f {
				case "jsonl", "graphml", "cypher", "csv":
				default:
					return usagef("--format takes jsonl, graphml, cypher or csv, not %q", f)
				}
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runExport(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringSliceVar(&opts.Formats, "format", []string{"jsonl"}, "formats, comma-separated: jsonl, graphml, cypher, csv")
	cmd.Flags().StringVarP(&opts.OutDir, "out", "o", "export", "output folder")
	return cmd
}

func runExport(ctx context.Context, opts *ExportOptions) error {
	c, err := cypher.Open(ctx, opts.Factory.Neo4jConfig())
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	g, err := c.ReadGraph(ctx)
	if err != nil {
		return fmt.Errorf("read graph from Neo4j: %w", err)
	}
	return WriteExports(opts.IO, g, opts.OutDir, opts.Formats)
}

// WriteExports writes g into dir in each format asked for (snapshot.Export) and says what it wrote.
func WriteExports(io IO, g *graph.Graph, dir string, formats []string) error {
	for _, f := range formats {
		if !snapshot.Format(f) {
			return usagef("--format %q: want jsonl, graphml, cypher or csv", f)
		}
	}
	written, err := snapshot.Export(g, dir, formats)
	for _, w := range written {
		fmt.Fprintln(io.Out, "wrote", w)
	}
	if err != nil {
		return err
	}
	printCounts(io, g)
	return nil
}
