package cli

import (
	"context"
	"fmt"
	"io"
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

// exportWriters write one file each; a test may put a failing one in to stand for a full disk.
var exportWriters = map[string]func(io.Writer, *graph.Graph) error{
	"jsonl":   graph.WriteJSONL,
	"graphml": graph.WriteGraphML,
	"cypher":  cypher.WriteScript,
}

// WriteExports writes g into dir in each format asked for. Everything is written into a temporary
// folder beside dir first and moved into place only when all of it is written, so a failure (a full
// disk) leaves the earlier export as it was; the csv folder is replaced as a whole, so no file of an
// earlier export (an Event label since deleted) survives into the new one.
func WriteExports(io IO, g *graph.Graph, dir string, formats []string) error {
	files := map[string]string{"jsonl": "graph.jsonl", "graphml": "graph.graphml", "cypher": "graph.cypher", "csv": "csv"}
	for _, f := range formats {
		if files[f] == "" {
			return usagef("--format %q: want jsonl, graphml, cypher or csv", f)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(dir, ".tmp-export-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	writeFile := func(name string, write func(*os.File) error) error {
		path := filepath.Join(tmp, name)
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		if err := write(f); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", filepath.Join(dir, name), err)
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", filepath.Join(dir, name), err)
		}
		return f.Close()
	}
	for _, format := range formats {
		var err error
		if format == "csv" {
			_, err = graph.WriteCSV(filepath.Join(tmp, "csv"), g)
		} else {
			w := exportWriters[format]
			err = writeFile(files[format], func(f *os.File) error { return w(f, g) })
		}
		if err != nil {
			return err
		}
	}
	// all written: move each into place
	for _, format := range formats {
		name := files[format]
		dst := filepath.Join(dir, name)
		if format == "csv" {
			old := dst + ".old"
			_ = os.RemoveAll(old)
			if err := os.Rename(dst, old); err != nil && !os.IsNotExist(err) {
				return fmt.Errorf("replace %s: %w", dst, err)
			}
			if err := os.Rename(filepath.Join(tmp, name), dst); err != nil {
				_ = os.Rename(old, dst)
				return fmt.Errorf("replace %s: %w", dst, err)
			}
			_ = os.RemoveAll(old)
			entries, _ := os.ReadDir(dst)
			for _, e := range entries {
				fmt.Fprintln(io.Out, "wrote", filepath.Join(dst, e.Name()))
			}
			continue
		}
		if err := os.Rename(filepath.Join(tmp, name), dst); err != nil {
			return fmt.Errorf("replace %s: %w", dst, err)
		}
		fmt.Fprintln(io.Out, "wrote", dst)
	}
	printCounts(io, g)
	return nil
}
