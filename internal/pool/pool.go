// Package pool is newsgraph's one way to run work in parallel: a bounded number of goroutines
// (errgroup with a limit) that stops handing out work when the context is cancelled or a job fails.
package pool

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Run calls run(ctx, i) for i from 0 to n-1 on at most workers goroutines (0 or less: 1), in order of
// i. done, when not nil, is called after each job with its error, one call at a time; what it returns
// is the job's outcome. The first non-nil outcome cancels the context the jobs get, stops the dispatch
// of further jobs and is returned once the running ones end; without one, Run returns ctx's error, so a
// cancelled run never looks complete.
func Run(ctx context.Context, n, workers int, run func(ctx context.Context, i int) error, done func(i int, err error) error) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(max(1, workers))
	var mu sync.Mutex
	for i := 0; i < n && gctx.Err() == nil; i++ {
		g.Go(func() error {
			err := run(gctx, i)
			if done != nil {
				mu.Lock()
				err = done(i, err)
				mu.Unlock()
			}
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}
