// Package bench measures newsgraph's pipeline stages and its loader on generated data of the product's
// own shape. It prints figures; it asserts nothing.
package bench

import (
	"context"
	"fmt"
	"math/rand"
	"time"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/graph"
)

// SyntheticGraph returns a deterministic graph of n nodes and m relationships shaped like newsgraph's:
// one node in ten an article, the rest entities of every label; relationships mostly MENTIONS, the rest
// facts with evidence and articles. Ids start with "bench/" so the graph can be removed afterwards.
func SyntheticGraph(n, m int, seed int64) *graph.Graph {
	rng := rand.New(rand.NewSource(seed))
	g := graph.New()
	labels := []graph.Label{graph.Person, graph.Person, graph.Person, graph.Organization, graph.Organization, graph.City, graph.Country, graph.Region, graph.Event}
	var articles, entities []string
	byLabel := map[graph.Label][]string{}
	for i := 0; i < n; i++ {
		if i%10 == 0 {
			id := fmt.Sprintf("bench/article/%d", i)
			_ = g.AddNode(graph.Node{ID: id, Label: graph.Article, Props: graph.Props{"title": fmt.Sprintf("Story number %d about the talks", i), "date": "2025-10-08", "file": fmt.Sprintf("feed/%d.txt", i)}})
			articles = append(articles, id)
			continue
		}
		l := labels[rng.Intn(len(labels))]
		id := fmt.Sprintf("bench/%s/%d", l, i)
		name := fmt.Sprintf("Name %d", i)
		p := graph.Props{"name": name, "aliases": []string{name, fmt.Sprintf("N. %d", i)}, "mentions": int64(1 + rng.Intn(50))}
		if l == graph.City || l == graph.Country {
			p["latitude"], p["longitude"] = rng.Float64()*180-90, rng.Float64()*360-180
		}
		_ = g.AddNode(graph.Node{ID: id, Label: l, Props: p})
		entities = append(entities, id)
		byLabel[l] = append(byLabel[l], id)
	}
	facts := []struct {
		t        graph.RelType
		from, to []graph.Label
	}{
		{graph.HoldsOffice, []graph.Label{graph.Person}, []graph.Label{graph.Country, graph.Organization}},
		{graph.MetWith, []graph.Label{graph.Person}, []graph.Label{graph.Person}},
		{graph.Visited, []graph.Label{graph.Person}, []graph.Label{graph.City, graph.Country}},
		{graph.ParticipatedIn, []graph.Label{graph.Person, graph.Country, graph.Organization}, []graph.Label{graph.Event}},
		{graph.TookPlaceIn, []graph.Label{graph.Event}, []graph.Label{graph.City, graph.Region}},
	}
	pick := func(ls []graph.Label) string {
		ids := byLabel[ls[rng.Intn(len(ls))]]
		return ids[rng.Intn(len(ids))]
	}
	for tries := 0; g.NumRels() < m && tries < 4*m; tries++ {
		art := articles[rng.Intn(len(articles))]
		if rng.Intn(10) < 7 {
			_ = g.AddRel(graph.Rel{Type: graph.Mentions, Start: art, End: entities[rng.Intn(len(entities))], Props: graph.Props{"count": int64(1 + rng.Intn(5))}})
			continue
		}
		f := facts[rng.Intn(len(facts))]
		p := graph.Props{"articles": []string{art}, "evidence": []string{fmt.Sprintf("A sentence from %s that states the fact.", art)}}
		if f.t == graph.HoldsOffice {
			p["role"] = "Minister"
		}
		_ = g.AddRel(graph.Rel{Type: f.t, Start: pick(f.from), End: pick(f.to), Props: p})
	}
	return g
}

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
	g := SyntheticGraph(nodes, rels, 1)
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
