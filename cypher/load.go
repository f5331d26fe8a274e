package cypher

import (
	"context"
	"fmt"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/pool"
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
	// Workers is how many batch transactions run at once; 0 means 2. Deadlocks between them are
	// transient errors that the driver retries.
	Workers int
	// Progress, when set, is called after each committed batch with rows done and rows in all.
	Progress func(done, total int)
	// Waiting, when set, is called once if another writer holds the database's write lease, with its
	// holder (host:pid:...), before the load waits for it.
	Waiting func(holder string)
}

// EnsureSchema creates the uniqueness constraints and indexes; it is safe to run again.
func (c *Client) EnsureSchema(ctx context.Context) error {
	for _, stmt := range splitStatements(query("load/constraints.cypher")) {
		if _, err := neo4j.ExecuteQuery(ctx, c.driver, stmt, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(c.cfg.Database)); err != nil {
			return c.wrap("create schema", err)
		}
	}
	// a new full-text index is populated in the background; queries need it online
	if _, err := neo4j.ExecuteQuery(ctx, c.driver, query("load/await-indexes.cypher"), nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(c.cfg.Database)); err != nil {
		return c.wrap("wait for indexes", err)
	}
	return nil
}

// Load merges g into the database: schema first, then nodes by label and relationships by type, in
// batches of one transaction each. A node or relationship already there has its properties merged with
// graph.Props.Merge, so loading twice, or loading A then B versus B then A, ends in the same graph;
// last, an entity's mentions become the sum over all the articles in the database that mention it.
// On error it returns how far it got; rerunning the load completes it.
//
// A load holds the database's write lease (see AcquireLease) throughout, unless ctx carries one
// already: a second load into the database waits for it.
func (c *Client) Load(ctx context.Context, g *graph.Graph, opts LoadOptions) (LoadStats, error) {
	var st LoadStats
	err := c.underLease(ctx, opts.Waiting, func(ctx context.Context) error {
		if err := c.EnsureSchema(ctx); err != nil {
			return err
		}
		total := len(g.Nodes) + g.NumRels()
		created, elements := map[string]bool{}, map[string]string{}
		if err := c.loadNodes(ctx, g, opts, &st, total, created, elements); err != nil {
			return err
		}
		if err := c.loadRels(ctx, g, opts, &st, total, created, elements); err != nil {
			return err
		}
		return c.settleMentions(ctx, g, opts)
	})
	return st, err
}

// LoadRels merges only the relationships of g, under the write lease; their end nodes must be in the
// database already.
func (c *Client) LoadRels(ctx context.Context, g *graph.Graph, opts LoadOptions) (LoadStats, error) {
	var st LoadStats
	err := c.underLease(ctx, opts.Waiting, func(ctx context.Context) error {
		return c.loadRels(ctx, g, opts, &st, g.NumRels(), nil, nil)
	})
	return st, err
}

func batchSize(opts LoadOptions) int {
	if opts.BatchSize <= 0 {
		return 1000
	}
	return opts.BatchSize
}

// loadNodes merges g's nodes, marks in created those this load created (not in the database before)
// and puts every node's element id in elements.
func (c *Client) loadNodes(ctx context.Context, g *graph.Graph, opts LoadOptions, st *LoadStats, total int, created map[string]bool, elements map[string]string) error {
	size := batchSize(opts)
	byLabel := map[graph.Label][]*graph.Node{}
	for _, id := range g.NodeIDs() {
		n := g.Nodes[id]
		byLabel[n.Label] = append(byLabel[n.Label], n)
	}
	for _, l := range graph.Labels {
		nodes := byLabel[l]
		for i := 0; i < len(nodes); i += size {
			batch := nodes[i:min(i+size, len(nodes))]
			existing, err := c.mergeNodes(ctx, l, batch, elements)
			if err != nil {
				return fmt.Errorf("load %s nodes %d-%d of %d (%d nodes and %d relationships loaded before): %w",
					l, i+1, i+len(batch), len(nodes), st.Nodes, st.Rels, err)
			}
			for _, n := range batch {
				if !existing[n.ID] {
					created[n.ID] = true
				}
			}
			st.Nodes += len(batch)
			st.Batches++
			if opts.Progress != nil {
				opts.Progress(st.Nodes+st.Rels, total)
			}
		}
	}
	return nil
}

// loadRels merges g's relationships. Those with an end in created (nodes this load created) cannot be
// in the database yet and are created without looking. elements holds the element ids of end nodes
// known already (the nodes this load merged); the others are looked up. created and elements may be nil.
func (c *Client) loadRels(ctx context.Context, g *graph.Graph, opts LoadOptions, st *LoadStats, total int, created map[string]bool, known map[string]string) error {
	size := batchSize(opts)
	type group struct {
		t          graph.RelType
		start, end graph.Label
	}
	byGroup := map[group][]*graph.Rel{}
	var groups []group
	for r := range g.Rels() {
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
	type job struct {
		k     group
		from  int
		batch []*graph.Rel
		of    int
	}
	var jobs []job
	for _, k := range groups {
		rels := byGroup[k]
		for i := 0; i < len(rels); i += size {
			jobs = append(jobs, job{k, i, rels[i:min(i+size, len(rels))], len(rels)})
		}
	}
	elements, err := c.locate(ctx, g, opts, known)
	if err != nil {
		return fmt.Errorf("load relationships: find their end nodes (%d nodes and %d relationships loaded before): %w", st.Nodes, st.Rels, err)
	}
	return runJobs(ctx, len(jobs), opts.Workers, func(ctx context.Context, i int) error {
		j := jobs[i]
		return c.mergeRels(ctx, j.k.t, j.k.start, j.k.end, j.batch, elements, created)
	}, func(i int, err error) error {
		j := jobs[i]
		if err != nil {
			return fmt.Errorf("load %s relationships %d-%d of %d (%d nodes and %d relationships loaded before): %w",
				j.k.t, j.from+1, j.from+len(j.batch), j.of, st.Nodes, st.Rels, err)
		}
		st.Rels += len(j.batch)
		st.Batches++
		if opts.Progress != nil {
			opts.Progress(st.Nodes+st.Rels, total)
		}
		return nil
	})
}

// locate returns the element ids of the nodes at either end of g's relationships that are in the
// database, by their ids: those in known as they are, the others read from the database; a node
// missing there is missing from the map.
func (c *Client) locate(ctx context.Context, g *graph.Graph, opts LoadOptions, known map[string]string) (map[string]string, error) {
	all := true
	for id := range g.Nodes {
		if _, ok := known[id]; !ok {
			all = false
			break
		}
	}
	if all {
		return known, nil // every end is one of g's nodes, and those are all known
	}
	byLabel := map[graph.Label][]any{}
	seen := map[string]bool{}
	for r := range g.Rels() {
		for _, id := range [2]string{r.Start, r.End} {
			if _, ok := known[id]; !ok && !seen[id] {
				seen[id] = true
				l := g.Nodes[id].Label
				byLabel[l] = append(byLabel[l], id)
			}
		}
	}
	type job struct {
		l   graph.Label
		ids []any
	}
	var jobs []job
	const size = 20_000
	for _, l := range graph.Labels {
		ids := byLabel[l]
		for i := 0; i < len(ids); i += size {
			jobs = append(jobs, job{l, ids[i:min(i+size, len(ids))]})
		}
	}
	elements := make(map[string]string, len(seen)+len(known))
	for id, e := range known {
		elements[id] = e
	}
	found := make([][]*neo4j.Record, len(jobs))
	err := runJobs(ctx, len(jobs), opts.Workers, func(ctx context.Context, i int) error {
		q, err := withVocabulary(query("load/locate.cypher"), map[string]graph.Label{"__LABEL__": jobs[i].l}, "")
		if err != nil {
			return err
		}
		res, err := neo4j.ExecuteQuery(ctx, c.driver, q, map[string]any{"ids": jobs[i].ids}, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(c.cfg.Database), neo4j.ExecuteQueryWithReadersRouting())
		if err != nil {
			return c.wrap("", err)
		}
		found[i] = res.Records
		return nil
	}, func(i int, err error) error {
		for _, rec := range found[i] {
			elements[rec.Values[0].(string)] = rec.Values[1].(string)
		}
		return err
	})
	return elements, err
}

// runJobs runs n jobs on the loader's pool (internal/pool; 0 workers means 2).
func runJobs(ctx context.Context, n, workers int, run func(context.Context, int) error, done func(int, error) error) error {
	if workers <= 0 {
		workers = 2
	}
	return pool.Run(ctx, n, workers, run, done)
}

// MergeOneRel merges one relationship in its own transaction with a single MERGE statement: the
// row-at-a-time way of loading that the batched loader is measured against.
func (c *Client) MergeOneRel(ctx context.Context, g *graph.Graph, r *graph.Rel) error {
	q, err := withVocabulary(query("load/rel-one.cypher"), map[string]graph.Label{"__START__": g.Nodes[r.Start].Label, "__END__": g.Nodes[r.End].Label}, r.Type)
	if err != nil {
		return err
	}
	_, err = neo4j.ExecuteQuery(ctx, c.driver, q, map[string]any{"start": r.Start, "end": r.End, "props": toParam(r.Props)},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(c.cfg.Database))
	return err
}

// DeleteByPrefix deletes the nodes whose id starts with prefix, with their relationships, in batches.
func (c *Client) DeleteByPrefix(ctx context.Context, prefix string) error {
	// relationships first, so that no transaction has to hold a dense node's thousands of them
	if err := c.DeleteRelsByPrefix(ctx, prefix); err != nil {
		return err
	}
	return c.autoCommit(ctx, query("load/delete-prefix.cypher"), map[string]any{"prefix": prefix})
}

// DeleteRelsByPrefix deletes the relationships between nodes whose ids start with prefix, in batches.
func (c *Client) DeleteRelsByPrefix(ctx context.Context, prefix string) error {
	return c.autoCommit(ctx, query("load/delete-rels-prefix.cypher"), map[string]any{"prefix": prefix})
}

func (c *Client) autoCommit(ctx context.Context, q string, params map[string]any) error {
	s := c.session(ctx, neo4j.AccessModeWrite)
	defer s.Close(ctx)
	res, err := s.Run(ctx, q, params)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		return c.wrap("", err)
	}
	return nil
}

// toParam returns properties as the driver takes them. A graph holds only values the driver packs
// natively (string, int64, float64, bool, []string), so this is a type conversion, not a copy: the
// unnamed map type takes the driver's fast path, where graph.Props would go through reflection.
func toParam(p graph.Props) map[string]any {
	return map[string]any(p)
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

// fresh returns the properties a new node gets: its own, which hold its id (graph.AddNode puts it
// there). A graph.Graph holds properties normalised (AddNode and AddRel merge them into nothing), so they
// go as they are; a relationship's likewise, with no id: that is derived from its type and ends
// (graph.RelID), and writing it would only slow loading.
func fresh(p graph.Props, id string) map[string]any {
	if p["id"] != id {
		q := make(graph.Props, len(p)+1)
		for k, v := range p {
			q[k] = v
		}
		q["id"] = id
		p = q
	}
	return toParam(p)
}

// merged returns the stored properties merged with the incoming ones.
func merged(stored graph.Props, incoming graph.Props, id string) map[string]any {
	delete(stored, pendingKey)
	stored.Merge(incoming)
	if id != "" {
		stored["id"] = id
	}
	return toParam(stored)
}

// pendingKey marks, inside one transaction, an existing node whose properties the caller merges; the SET
// that follows replaces all properties and so removes it.
const pendingKey = "_newsgraph_pending"

// mergeNodes merges a batch of nodes of one label, puts their element ids in elements, and returns the
// ids of those that were there before.
func (c *Client) mergeNodes(ctx context.Context, l graph.Label, batch []*graph.Node, elements map[string]string) (map[string]bool, error) {
	labels := map[string]graph.Label{"__LABEL__": l}
	lock, err := withVocabulary(query("load/nodes-lock.cypher"), labels, "")
	if err != nil {
		return nil, err
	}
	set, _ := withVocabulary(query("load/nodes-set.cypher"), labels, "")
	rows := make([]any, len(batch))
	byID := make(map[string]*graph.Node, len(batch))
	for i, n := range batch {
		rows[i] = map[string]any{"id": n.ID, "props": fresh(n.Props, n.ID)}
		byID[n.ID] = n
	}
	var existing map[string]bool
	var element map[string]string
	err = c.write(ctx, func(tx neo4j.ManagedTransaction) error {
		// the transaction may be retried: what an attempt saw is its own
		existing, element = map[string]bool{}, make(map[string]string, len(batch))
		records, err := collect(ctx, tx, lock, map[string]any{"rows": rows})
		if err != nil {
			return err
		}
		again := make([]any, 0, len(records))
		for _, rec := range records {
			id, _ := rec.Get("id")
			e, _ := rec.Get("element")
			element[id.(string)] = e.(string)
			props, _ := rec.Get("props")
			if props == nil {
				continue // created now
			}
			n := byID[id.(string)]
			existing[n.ID] = true
			again = append(again, map[string]any{"id": n.ID, "props": merged(fromDB(props.(map[string]any)), n.Props, n.ID)})
		}
		if len(again) == 0 {
			return nil
		}
		_, err = tx.Run(ctx, set, map[string]any{"rows": again})
		return err
	})
	if err == nil && elements != nil {
		for id, e := range element {
			elements[id] = e
		}
	}
	return existing, err
}

func (c *Client) mergeRels(ctx context.Context, t graph.RelType, start, end graph.Label, batch []*graph.Rel, elements map[string]string, created map[string]bool) error {
	labels := map[string]graph.Label{"__START__": start, "__END__": end}
	create, err := withVocabulary(query("load/rels-create.cypher"), labels, t)
	if err != nil {
		return err
	}
	createNew, _ := withVocabulary(query("load/rels-create-new.cypher"), labels, t)
	set, _ := withVocabulary(query("load/rels-set.cypher"), labels, t)
	// a relationship with an end this load created cannot be there yet: it goes without a look
	var rows, newRows []any
	for _, r := range batch {
		row := map[string]any{"start": r.Start, "end": r.End, "props": toParam(r.Props)}
		// a missing element id is sent as null, matches nothing and is counted as missing below
		if e, ok := elements[r.Start]; ok {
			row["s"] = e
		}
		if e, ok := elements[r.End]; ok {
			row["e"] = e
		}
		if created[r.Start] || created[r.End] {
			newRows = append(newRows, row)
		} else {
			rows = append(rows, row)
		}
	}
	// MATCH skips a row whose end node is missing: say so rather than lose it
	missing := func(records []*neo4j.Record, sent int) error {
		if found, _ := records[0].Get("found"); found.(int64) != int64(sent) {
			return fmt.Errorf("%d of %d relationships have an end node missing from the database", int64(sent)-found.(int64), sent)
		}
		return nil
	}
	return c.write(ctx, func(tx neo4j.ManagedTransaction) error {
		if len(newRows) > 0 {
			records, err := collect(ctx, tx, createNew, map[string]any{"rows": newRows})
			if err != nil {
				return err
			}
			if err := missing(records, len(newRows)); err != nil {
				return err
			}
		}
		if len(rows) == 0 {
			return nil
		}
		records, err := collect(ctx, tx, create, map[string]any{"rows": rows})
		if err != nil {
			return err
		}
		if err := missing(records, len(rows)); err != nil {
			return err
		}
		pending, _ := records[0].Get("pending")
		if list := pending.([]any); len(list) > 0 {
			byEnds := make(map[[2]string]*graph.Rel, len(batch))
			for _, r := range batch {
				byEnds[[2]string{r.Start, r.End}] = r
			}
			again := make([]any, 0, len(list))
			for _, x := range list {
				m := x.(map[string]any)
				r := byEnds[[2]string{m["start"].(string), m["end"].(string)}]
				again = append(again, map[string]any{"start": r.Start, "end": r.End, "props": merged(fromDB(m["props"].(map[string]any)), r.Props, "")})
			}
			if _, err := tx.Run(ctx, set, map[string]any{"rows": again}); err != nil {
				return err
			}
		}
		return nil
	})
}

// write runs work in one write transaction, retried by the driver on transient errors; check, when
// given, runs first in the same transaction.
func (c *Client) write(ctx context.Context, work func(neo4j.ManagedTransaction) error, check ...func(neo4j.ManagedTransaction) error) error {
	s := c.session(ctx, neo4j.AccessModeWrite)
	defer s.Close(ctx)
	if l, ok := ctx.Value(leaseKey{}).(*Lease); ok && l.c == c {
		check = append(check, func(tx neo4j.ManagedTransaction) error { return l.stillHeld(ctx, tx) })
	}
	_, err := s.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		for _, ch := range check {
			if err := ch(tx); err != nil {
				return nil, err
			}
		}
		return nil, work(tx)
	}, c.txConfig()...)
	if err != nil {
		return c.wrap("", err)
	}
	return nil
}

func collect(ctx context.Context, tx neo4j.ManagedTransaction, q string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := tx.Run(ctx, q, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
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
