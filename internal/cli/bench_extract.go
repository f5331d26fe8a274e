package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
)

// BenchExtractOptions are the settings of "newsgraph bench extract".
type BenchExtractOptions struct {
	IO       IO
	Factory  *Factory
	Articles int
	Workers  int
	Seed     int64
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
	return cmd
}

func runBenchExtract(ctx context.Context, opts *BenchExtractOptions) error {
	return fmt.Errorf("bench extract: not built yet")
}
