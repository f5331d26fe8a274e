// Package bench measures newsgraph's pipeline stages and its loader on generated data of the product's
// own shape. It prints figures; it asserts nothing.
package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/fixture"
)

// LoadResult holds the figures of one load benchmark.
type LoadResult struct {
	Nodes, Rels    int
	Batched        time.Duration // whole batched load, nodes and relationships
	BatchedRels    time.Duration // the relationship part
	PerRowRels     int
	PerRow         time.Duration
	BatchedRelRate float64
	PerRowRelRate  float64
}

// Load loads a synthetic graph with the batched loader, then a sample of its relationships again one
// MERGE per row in its own transaction, and removes the synthetic nodes. sample is the number of
// relationships of the per-row run; opts are the batched loader's.
func Load(ctx context.Context, c *cypher.Client, nodes, rels, sample int, opts cypher.LoadOptions) (res *LoadResult, err error) {
	g := fixture.SyntheticGraph(nodes, rels, 1)
	res = &LoadResult{Nodes: len(g.Nodes), Rels: g.NumRels()}
	if err := c.DeleteByPrefix(ctx, "bench/"); err != nil {
		return nil, err
	}
	defer func() {
		if derr := c.DeleteByPrefix(context.Background(), "bench/"); derr != nil && err == nil {
			err = fmt.Errorf("remove the benchmark's nodes (ids under bench/): %w", derr)
		}
	}()
	nodesOnly := graph.New()
	for id, n := range g.Nodes {
		nodesOnly.Nodes[id] = n
	}
	t0 := time.Now()
	if _, err := c.Load(ctx, nodesOnly, opts); err != nil {
		return nil, err
	}
	nodesTime := time.Since(t0)
	// per row first, on fresh relationships: one MERGE statement and transaction each
	var rows []*graph.Rel
	for r := range g.Rels() {
		if len(rows) == sample {
			break
		}
		rows = append(rows, r)
	}
	sample = len(rows)
	t1 := time.Now()
	for _, r := range rows {
		if err := c.MergeOneRel(ctx, g, r); err != nil {
			return nil, err
		}
	}
	res.PerRow, res.PerRowRels = time.Since(t1), sample
	if err := c.DeleteRelsByPrefix(ctx, "bench/"); err != nil {
		return nil, err
	}
	t2 := time.Now()
	if _, err := c.LoadRels(ctx, g, opts); err != nil {
		return nil, err
	}
	res.BatchedRels = time.Since(t2)
	res.Batched = nodesTime + res.BatchedRels
	res.BatchedRelRate = float64(res.Rels) / res.BatchedRels.Seconds()
	res.PerRowRelRate = float64(sample) / res.PerRow.Seconds()
	return res, nil
}
