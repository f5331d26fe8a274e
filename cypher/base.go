package cypher

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/graph"
)

// Entity is what the database holds of one entity for resolving new articles onto it.
type Entity struct {
	ID      string
	Label   graph.Label
	Name    string
	Aliases []string
	Acronym string
}

// DatedArticle is an article dated by its own page and the ids of the entities it mentions.
type DatedArticle struct {
	ID, Date string
	Entities []string
}

// Entities calls f for every entity in the database (every node with an id whose label is not Article),
// streamed label by label in one read transaction each: a build reads them once, not per mention.
func (c *Client) Entities(ctx context.Context, f func(Entity) error) error {
	for _, l := range graph.Labels {
		if l == graph.Article {
			continue
		}
		q, err := withVocabulary(query("load/base-entities.cypher"), map[string]graph.Label{"__LABEL__": l}, "")
		if err != nil {
			return err
		}
		err = c.stream(ctx, q, func(rec *neo4j.Record) error {
			id, _ := rec.Values[0].(string)
			if id == "" {
				return nil
			}
			e := Entity{ID: id, Label: l}
			e.Name, _ = rec.Values[1].(string)
			e.Aliases = fromDB(map[string]any{"a": rec.Values[2]}).Strings("a")
			e.Acronym, _ = rec.Values[3].(string)
			return f(e)
		})
		if err != nil {
			return fmt.Errorf("read the %s entities: %w", l, err)
		}
	}
	return nil
}

// DatedArticles calls f for every article dated by its own page, with the entities it mentions.
func (c *Client) DatedArticles(ctx context.Context, f func(DatedArticle) error) error {
	q, err := withVocabulary(query("load/base-articles.cypher"), map[string]graph.Label{"__ARTICLE__": graph.Article}, graph.Mentions)
	if err != nil {
		return err
	}
	err = c.stream(ctx, q, func(rec *neo4j.Record) error {
		a := DatedArticle{}
		a.ID, _ = rec.Values[0].(string)
		a.Date, _ = rec.Values[1].(string)
		a.Entities = fromDB(map[string]any{"e": rec.Values[2]}).Strings("e")
		return f(a)
	})
	if err != nil {
		return fmt.Errorf("read the dated articles: %w", err)
	}
	return nil
}

// stream runs a read query and calls f for each record as it arrives.
func (c *Client) stream(ctx context.Context, q string, f func(*neo4j.Record) error) error {
	s := c.session(ctx, neo4j.AccessModeRead)
	defer s.Close(ctx)
	_, err := s.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, q, nil)
		if err != nil {
			return nil, err
		}
		for res.Next(ctx) {
			if err := f(res.Record()); err != nil {
				return nil, err
			}
		}
		return nil, res.Err()
	}, c.txConfig()...)
	if err != nil {
		return c.wrap("", err)
	}
	return nil
}

// settleMentions sets the mentions of the loaded entities that have a count of mentions to the sum of
// the MENTIONS counts reaching them in the whole database (see load/settle-mentions.cypher).
func (c *Client) settleMentions(ctx context.Context, g *graph.Graph, opts LoadOptions) error {
	byLabel := map[graph.Label][]any{}
	for _, id := range g.NodeIDs() {
		n := g.Nodes[id]
		if _, ok := n.Props["mentions"]; ok && n.Label != graph.Article {
			byLabel[n.Label] = append(byLabel[n.Label], id)
		}
	}
	size := 10 * batchSize(opts)
	for _, l := range graph.Labels {
		ids := byLabel[l]
		q, err := withVocabulary(query("load/settle-mentions.cypher"), map[string]graph.Label{"__LABEL__": l, "__ARTICLE__": graph.Article}, graph.Mentions)
		if err != nil {
			return err
		}
		for i := 0; i < len(ids); i += size {
			batch := ids[i:min(i+size, len(ids))]
			if err := c.write(ctx, func(tx neo4j.ManagedTransaction) error {
				_, err := tx.Run(ctx, q, map[string]any{"ids": batch})
				return err
			}); err != nil {
				return fmt.Errorf("count the mentions of %s nodes: %w", l, err)
			}
		}
	}
	return nil
}
