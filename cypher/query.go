package cypher

import (
	"context"
	"errors"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/newsgraph/newsgraph/graph"
)

// Rows is a query's result: column names and one slice of values per row.
type Rows struct {
	Columns []string
	Rows    [][]any
}

// Run runs one Cypher statement with parameters. Unless write is true it runs in a read transaction,
// and a statement that would write fails with an *Error of kind ReadOnly.
func (c *Client) Run(ctx context.Context, stmt string, params map[string]any, write bool) (*Rows, error) {
	mode := neo4j.AccessModeRead
	if write {
		mode = neo4j.AccessModeWrite
	}
	s := c.session(ctx, mode)
	defer s.Close(ctx)
	work := func(tx neo4j.ManagedTransaction) (any, error) {
		if !write {
			if err := checkReadOnly(ctx, tx, stmt, params); err != nil {
				return nil, err
			}
		}
		res, err := tx.Run(ctx, stmt, params)
		if err != nil {
			return nil, err
		}
		keys, err := res.Keys()
		if err != nil {
			return nil, err
		}
		records, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		out := &Rows{Columns: keys}
		for _, r := range records {
			row := make([]any, len(r.Values))
			for i, v := range r.Values {
				row[i] = plain(v)
			}
			out.Rows = append(out.Rows, row)
		}
		return out, nil
	}
	var res any
	var err error
	if write {
		res, err = s.ExecuteWrite(ctx, work, c.txConfig()...)
	} else {
		res, err = s.ExecuteRead(ctx, work, c.txConfig()...)
	}
	if err != nil {
		err = c.wrap("query failed", err)
		if e := (*Error)(nil); errors.As(err, &e) && e.Kind == ReadOnly && e.Err != nil {
			// the server refused a write in a read transaction (the plan check let it through)
			e.Msg = "the query writes to the database; run it with --write to allow that"
		}
		return nil, err
	}
	return res.(*Rows), nil
}

// plain turns driver values into values that print and encode: nodes and relationships become maps.
func plain(v any) any {
	switch x := v.(type) {
	case dbtype.Node:
		m := map[string]any{"labels": x.Labels}
		for k, p := range x.Props {
			m[k] = plain(p)
		}
		return m
	case dbtype.Relationship:
		m := map[string]any{"type": x.Type}
		for k, p := range x.Props {
			m[k] = plain(p)
		}
		return m
	case dbtype.Path:
		var names []any
		for _, n := range x.Nodes {
			names = append(names, plain(n))
		}
		return names
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = plain(e)
		}
		return out
	case dbtype.Date:
		return x.Time().Format("2006-01-02")
	}
	return v
}

// Counts returns how many nodes and relationships the database holds.
func (c *Client) Counts(ctx context.Context) (nodes, rels int64, err error) {
	r, err := c.Run(ctx, query("load/counts.cypher"), nil, false)
	if err != nil {
		return 0, 0, err
	}
	if len(r.Rows) != 1 {
		return 0, 0, fmt.Errorf("counts: %d rows", len(r.Rows))
	}
	return r.Rows[0][0].(int64), r.Rows[0][1].(int64), nil
}

// ReadGraph reads every node with an id and every relationship between such nodes back into a graph.
// Nodes with a label outside the vocabulary, or with several labels, are reported as an error.
func (c *Client) ReadGraph(ctx context.Context) (*graph.Graph, error) {
	g := graph.New()
	nodes, err := c.Run(ctx, query("load/read-nodes.cypher"), nil, false)
	if err != nil {
		return nil, err
	}
	for _, row := range nodes.Rows {
		labels, _ := row[0].([]any)
		props := fromDB(row[1].(map[string]any))
		if len(labels) != 1 {
			return nil, fmt.Errorf("node %q has labels %v; newsgraph nodes have exactly one", props.String("id"), labels)
		}
		if err := g.AddNode(graph.Node{ID: props.String("id"), Label: graph.Label(labels[0].(string)), Props: props}); err != nil {
			return nil, err
		}
	}
	rels, err := c.Run(ctx, query("load/read-rels.cypher"), nil, false)
	if err != nil {
		return nil, err
	}
	for _, row := range rels.Rows {
		props := fromDB(row[3].(map[string]any))
		delete(props, "id")
		if err := g.AddRel(graph.Rel{Type: graph.RelType(row[0].(string)), Start: row[1].(string), End: row[2].(string), Props: props}); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// Clear deletes every node and relationship, in batches (CALL ... IN TRANSACTIONS needs an auto-commit
// transaction, hence session.Run). Tests use it.
func (c *Client) Clear(ctx context.Context) error {
	for _, q := range []string{"load/clear.cypher", "load/clear-nodes.cypher"} {
		if err := c.autoCommit(ctx, query(q), nil); err != nil {
			return fmt.Errorf("clear the database: %w", err)
		}
	}
	return nil
}
