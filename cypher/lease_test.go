package cypher_test

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/fixture"
	"github.com/newsgraph/newsgraph/internal/neo4jtest"
)

// TestTwoLoadsAtOnceGiveTheGraphOneGives: two loads of one graph into one database at the same moment
// (two clients, as two processes would be) leave each relationship once; one of them waited for the
// other's write lease.
func TestTwoLoadsAtOnceGiveTheGraphOneGives(t *testing.T) {
	c := client(t)
	other, err := cypher.Open(context.Background(), neo4jtest.Config(t))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close(context.Background())
	g := fixture.SyntheticGraph(2_000, 20_000, 5)
	var waited atomic.Int32
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, cl := range []*cypher.Client{c, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = cl.Load(context.Background(), g, cypher.LoadOptions{BatchSize: 500,
				Waiting: func(string) { waited.Add(1) }})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	nodes, rels := counts(t, c)
	if nodes != int64(len(g.Nodes)) || rels != int64(g.NumRels()) {
		t.Errorf("the database holds %d nodes and %d relationships, the graph %d and %d", nodes, rels, len(g.Nodes), g.NumRels())
	}
	if waited.Load() != 1 {
		t.Errorf("%d loads waited for the lease, want 1", waited.Load())
	}
}

// TestWriteLeaseIsHeldUntilReleased: while one writer holds the lease a second waits, and takes it as
// soon as the first releases it; nothing of the lease stays in the database.
func TestWriteLeaseIsHeldUntilReleased(t *testing.T) {
	c := client(t)
	ctx := context.Background()
	first, _, err := c.AcquireLease(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan *cypher.Lease)
	var holder atomic.Value
	go func() {
		l, _, err := c.AcquireLease(ctx, func(h string) { holder.Store(h) })
		if err != nil {
			t.Error(err)
		}
		got <- l
	}()
	select {
	case <-got:
		t.Fatal("a second writer took the lease while the first held it")
	case <-time.After(time.Second):
	}
	if h, _ := holder.Load().(string); h == "" {
		t.Error("the waiting writer was not told who holds the lease")
	}
	if err := first.Release(ctx); err != nil {
		t.Fatal(err)
	}
	var second *cypher.Lease
	select {
	case second = <-got:
	case <-time.After(10 * time.Second):
		t.Fatal("the second writer did not take the lease the first released")
	}
	if err := second.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if nodes, _ := counts(t, c); nodes != 0 {
		t.Errorf("%d nodes left after both writers released the lease", nodes)
	}
}

// TestALoadThatLostItsLeaseWritesNothingMore: when another writer has taken the lease (the first one
// stalled past its expiry), the first one's next batch fails and writes nothing.
func TestALoadThatLostItsLeaseWritesNothingMore(t *testing.T) {
	c := client(t)
	ctx := context.Background()
	l, lctx, err := c.AcquireLease(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release(ctx)
	if _, err := c.Run(ctx, "MATCH (l:NewsgraphWriteLease) SET l.holder = 'another writer'", nil, true); err != nil {
		t.Fatal(err)
	}
	_, err = c.Load(lctx, fixture.News(), cypher.LoadOptions{BatchSize: 5})
	if err == nil || !strings.Contains(err.Error(), "no longer holds") {
		t.Fatalf("err = %v, want the lost lease named", err)
	}
	rows, err := c.Run(ctx, "MATCH (n) WHERE n.id IS NOT NULL RETURN count(n)", nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if n := rows.Rows[0][0].(int64); n != 0 {
		t.Errorf("%d nodes written after the lease was lost", n)
	}
}
