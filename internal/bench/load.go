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
	BatchedRels    time.Duration // the relationship part: from the last node batch to the last relationship batch
	Settle         time.Duration // then the entities' mentions settled
	PerRowRels     int
	PerRow         time.Duration
	BatchedRelRate float64
	PerRowRelRate  float64
}

// Load measures the batched loader against one MERGE per row. First a sample of the synthetic graph's
// relationships is merged one per transaction between its nodes; everything is removed; then the whole
// graph is loaded as build and load do (cypher.Client.Load: nodes, then relationships, then mentions
// settled), timing the relationship part from the moment the last node batch committed. Last, the
// synthetic nodes are removed. sample is the number of relationships of the per-row run; opts are the
// batched loader's.
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
	// per row, on fresh relationships between nodes already there: one MERGE statement and transaction each
	nodesOnly := graph.New()
	for id, n := range g.Nodes {
		nodesOnly.Nodes[id] = n
	}
	if _, err := c.Load(ctx, nodesOnly, opts); err != nil {
		return nil, err
	}
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
	if err := c.DeleteByPrefix(ctx, "bench/"); err != nil {
		return nil, err
	}
	// batched: the whole graph into a database without it, as a day's new graph goes
	var nodesDone, relsDone time.Time
	progress := opts.Progress
	opts.Progress = func(done, total int) {
		if nodesDone.IsZero() && done >= res.Nodes {
			nodesDone = time.Now()
		}
		if relsDone.IsZero() && done >= res.Nodes+res.Rels {
			relsDone = time.Now()
		}
		if progress != nil {
			progress(done, total)
		}
	}
	t0 := time.Now()
	if _, err := c.Load(ctx, g, opts); err != nil {
		return nil, err
	}
	res.Batched = time.Since(t0)
	res.BatchedRels = relsDone.Sub(nodesDone)
	res.Settle = time.Since(relsDone)
	res.BatchedRelRate = float64(res.Rels) / res.BatchedRels.Seconds()
	res.PerRowRelRate = float64(sample) / res.PerRow.Seconds()
	return res, nil
}
