package cypher

import (
	"context"
	"fmt"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/graph"
)

// LoadStats says what a load did.
type LoadStats struct {
	Nodes   int // node rows sent
	Rels    int // relationship rows sent
	Batches int
}

// LoadOptions tune a load.
type LoadOptions struct {
	BatchSize int // rows per transaction; 0 means 1000
	// Progress, when set, is called after each committed batch with rows done and rows in all.
	Progress func(done, total int)
}

// EnsureSchema creates the uniqueness constraints and indexes; it is safe to run again.
func (c *Client) EnsureSchema(ctx context.Context) error {
	for _, stmt := range splitStatements(query("load/constraints.cypher")) {
		if _, err := neo4j.ExecuteQuery(ctx, c.driver, stmt, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(c.cfg.Database)); err != nil {
			return fmt.Errorf("create schema: %s", scrub(err, c.cfg.Password))
		}
	}
	// a new full-text index is populated in the background; queries need it online
	if _, err := neo4j.ExecuteQuery(ctx, c.driver, "CALL db.awaitIndexes(300)", nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(c.cfg.Database)); err != nil {
		return fmt.Errorf("wait for indexes: %s", scrub(err, c.cfg.Password))
	}
	return nil
}

// Load merges g into the database: schema first, then nodes by label and relationships by type, in
// batches of one transaction each. A node or relationship already there has its properties merged with
// graph.Props.Merge, so loading twice, or loading A then B versus B then A, ends in the same graph.
// On error it returns how far it got; rerunning the load completes it.
func (c *Client) Load(ctx context.Context, g *graph.Graph, opts LoadOptions) (LoadStats, error) {
	var st LoadStats
	if err := c.EnsureSchema(ctx); err != nil {
		return st, err
	}
	size := opts.BatchSize
	if size <= 0 {
		size = 1000
	}
	total := len(g.Nodes) + len(g.Rels)
	progress := func() {
		if opts.Progress != nil {
			opts.Progress(st.Nodes+st.Rels, total)
		}
	}
	byLabel := map[graph.Label][]*graph.Node{}
	for _, id := range g.NodeIDs() {
		n := g.Nodes[id]
		byLabel[n.Label] = append(byLabel[n.Label], n)
	}
	for _, l := range graph.Labels {
		nodes := byLabel[l]
		for i := 0; i < len(nodes); i += size {
			batch := nodes[i:min(i+size, len(nodes))]
			if err := c.loadNodes(ctx, l, batch); err != nil {
				return st, fmt.Errorf("load %s nodes %d-%d of %d (%d nodes and %d relationships loaded before): %w",
					l, i+1, i+len(batch), len(nodes), st.Nodes, st.Rels, err)
			}
			st.Nodes += len(batch)
			st.Batches++
			progress()
		}
	}
	type group struct {
		t          graph.RelType
		start, end graph.Label
	}
	byGroup := map[group][]*graph.Rel{}
	var groups []group
	for _, id := range g.RelIDs() {
		r := g.Rels[id]
		k := group{r.Type, g.Nodes[r.Start].Label, g.Nodes[r.End].Label}
		if _, ok := byGroup[k]; !ok {
			groups = append(groups, k)
		}
		byGroup[k] = append(byGroup[k], r)
	}
	sort.Slice(groups, func(i, j int) bool {
		a, b := groups[i], groups[j]
		if a.t != b.t {
			return a.t < b.t
		}
		if a.start != b.start {
			return a.start < b.start
		}
		return a.end < b.end
	})
	for _, k := range groups {
		rels := byGroup[k]
		for i := 0; i < len(rels); i += size {
			batch := rels[i:min(i+size, len(rels))]
			if err := c.loadRels(ctx, k.t, k.start, k.end, batch); err != nil {
				return st, fmt.Errorf("load %s relationships %d-%d of %d (%d nodes and %d relationships loaded before): %w",
					k.t, i+1, i+len(batch), len(rels), st.Nodes, st.Rels, err)
			}
			st.Rels += len(batch)
			st.Batches++
			progress()
		}
	}
	return st, nil
}

// toParam turns properties into values the driver sends: lists of strings as []any.
func toParam(p graph.Props) map[string]any {
	m := make(map[string]any, len(p))
	for k, v := range p {
		if l, ok := v.([]string); ok {
			a := make([]any, len(l))
			for i, s := range l {
				a[i] = s
			}
			m[k] = a
			continue
		}
		m[k] = v
	}
	return m
}

// fromDB turns properties read from Neo4j into graph.Props.
func fromDB(m map[string]any) graph.Props {
	p := make(graph.Props, len(m))
	for k, v := range m {
		switch x := v.(type) {
		case []any:
			l := make([]string, 0, len(x))
			for _, e := range x {
				if s, ok := e.(string); ok {
					l = append(l, s)
				}
			}
			p[k] = l
		default:
			p[k] = v
		}
	}
	return p
}

func (c *Client) loadNodes(ctx context.Context, l graph.Label, batch []*graph.Node) error {
	lock, err := withVocabulary(query("load/nodes-lock.cypher"), map[string]graph.Label{"__LABEL__": l}, "")
	if err != nil {
		return err
	}
	set, _ := withVocabulary(query("load/nodes-set.cypher"), map[string]graph.Label{"__LABEL__": l}, "")
	ids := make([]any, len(batch))
	for i, n := range batch {
		ids[i] = n.ID
	}
	s := c.session(ctx, neo4j.AccessModeWrite)
	defer s.Close(ctx)
	_, err = s.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, lock, map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		records, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		old := make(map[string]graph.Props, len(records))
		for _, rec := range records {
			id, _ := rec.Get("id")
			props, _ := rec.Get("props")
			old[id.(string)] = fromDB(props.(map[string]any))
		}
		rows := make([]any, len(batch))
		for i, n := range batch {
			merged := old[n.ID]
			if merged == nil {
				merged = graph.Props{}
			}
			merged.Merge(n.Props)
			merged["id"] = n.ID
			rows[i] = map[string]any{"id": n.ID, "props": toParam(merged)}
		}
		_, err = tx.Run(ctx, set, map[string]any{"rows": rows})
		return nil, err
	}, c.txConfig()...)
	if err != nil {
		return fmt.Errorf("%s", scrub(err, c.cfg.Password))
	}
	return nil
}

func (c *Client) loadRels(ctx context.Context, t graph.RelType, start, end graph.Label, batch []*graph.Rel) error {
	labels := map[string]graph.Label{"__START__": start, "__END__": end}
	lock, err := withVocabulary(query("load/rels-lock.cypher"), labels, t)
	if err != nil {
		return err
	}
	set, _ := withVocabulary(query("load/rels-set.cypher"), labels, t)
	rows := make([]any, len(batch))
	for i, r := range batch {
		rows[i] = map[string]any{"start": r.Start, "end": r.End}
	}
	s := c.session(ctx, neo4j.AccessModeWrite)
	defer s.Close(ctx)
	_, err = s.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, lock, map[string]any{"rows": rows})
		if err != nil {
			return nil, err
		}
		records, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		if len(records) != len(batch) {
			return nil, fmt.Errorf("%d of %d relationships found their end nodes", len(records), len(batch))
		}
		old := make(map[string]graph.Props, len(records))
		for _, rec := range records {
			s, _ := rec.Get("start")
			e, _ := rec.Get("end")
			props, _ := rec.Get("props")
			old[s.(string)+"\x00"+e.(string)] = fromDB(props.(map[string]any))
		}
		out := make([]any, len(batch))
		for i, r := range batch {
			merged := old[r.Start+"\x00"+r.End]
			if merged == nil {
				merged = graph.Props{}
			}
			merged.Merge(r.Props)
			merged["id"] = r.ID
			out[i] = map[string]any{"start": r.Start, "end": r.End, "props": toParam(merged)}
		}
		_, err = tx.Run(ctx, set, map[string]any{"rows": out})
		return nil, err
	}, c.txConfig()...)
	if err != nil {
		return fmt.Errorf("%s", scrub(err, c.cfg.Password))
	}
	return nil
}

// splitStatements splits a script on semicolons that end a line.
func splitStatements(script string) []string {
	var out []string
	cur := ""
	for _, line := range splitLines(script) {
		cur += line + "\n"
		if len(line) > 0 && line[len(line)-1] == ';' {
			if s := trimStatement(cur); s != "" {
				out = append(out, s)
			}
			cur = ""
		}
	}
	if s := trimStatement(cur); s != "" {
		out = append(out, s)
	}
	return out
}
