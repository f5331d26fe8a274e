package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/graph"
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
					return fmt.Errorf("usage: --format takes jsonl, graphml, cypher or csv, not %q", f)
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

// WriteExports writes g into dir in each format asked for.
func WriteExports(io IO, g *graph.Graph, dir string, formats []string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	writeFile := func(name string, write func(*os.File) error) error {
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		if err := write(f); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", path, err)
		}
		fmt.Fprintln(io.Out, "wrote", path)
		return f.Close()
	}
	for _, format := range formats {
		var err error
		switch format {
		case "jsonl":
			err = writeFile("graph.jsonl", func(f *os.File) error { return graph.WriteJSONL(f, g) })
		case "graphml":
			err = writeFile("graph.graphml", func(f *os.File) error { return graph.WriteGraphML(f, g) })
		case "cypher":
			err = writeFile("graph.cypher", func(f *os.File) error { return cypher.WriteScript(f, g) })
		case "csv":
			var files []string
			files, err = graph.WriteCSV(filepath.Join(dir, "csv"), g)
			for _, p := range files {
				fmt.Fprintln(io.Out, "wrote", p)
			}
		}
		if err != nil {
			return err
		}
	}
	printCounts(io, g)
	return nil
}
