package cypher

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/graph"
)

// One writer at a time: a load (and a build, from reading the database's entities to the end of its
// load) holds the database's write lease, a node the writers take turns by. A second writer waits for
// it, so two runs at once end in the graph that one run gives, and a build resolves onto everything
// the one before it wrote. A writer renews the lease while it works; the lease of a writer that died
// expires after leaseTTL, or at once for a later attempt of the same process.
const leaseTTL = 30 * time.Second

// Lease is a held write lease.
type Lease struct {
	c      *Client
	holder string
	cancel context.CancelCauseFunc
	done   chan struct{}
}

var (
	processID = func() string {
		host, _ := os.Hostname()
		b := make([]byte, 6)
		_, _ = rand.Read(b)
		return fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(b))
	}()
	leaseMu   sync.Mutex
	leaseSeq  int
	leaseLive = map[string]bool{} // this process's leases not yet released
	leaseOld  []string            // this process's earlier holders that ended without releasing
)

type leaseKey struct{}

// leaseQuery returns a lease query with the lease label from graph's schema.
func leaseQuery(name string) string {
	return strings.ReplaceAll(query(name), "__LEASE__", string(graph.WriteLease))
}

// AcquireLease waits until it holds the database's write lease (calling waiting once, with the
// holder, when another writer has it) and returns it with a context for the work under it: cancelled
// when the lease is lost, and telling Load the lease is held. Release it when done.
func (c *Client) AcquireLease(ctx context.Context, waiting func(holder string)) (*Lease, context.Context, error) {
	if err := c.ensureLeaseConstraint(ctx); err != nil {
		return nil, nil, err
	}
	leaseMu.Lock()
	leaseSeq++
	holder := fmt.Sprintf("%s:%d", processID, leaseSeq)
	leaseLive[holder] = true
	leaseMu.Unlock()
	delay, told := 100*time.Millisecond, false
	for {
		leaseMu.Lock()
		stale := slices.Clone(leaseOld)
		leaseMu.Unlock()
		res, err := neo4j.ExecuteQuery(ctx, c.driver, leaseQuery("load/lease-take.cypher"),
			map[string]any{"holder": holder, "ttl": leaseTTL.Milliseconds(), "stale": stale},
			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(c.cfg.Database))
		var ne *neo4j.Neo4jError
		if errors.As(err, &ne) && ne.Code == "Neo.ClientError.Statement.EntityNotFound" {
			continue // the holder released it (deleted the node) while this took it: try again
		}
		if err != nil {
			forget(holder)
			return nil, nil, c.wrap("take the write lease", err)
		}
		held, _ := res.Records[0].Values[0].(bool)
		if held {
			break
		}
		if !told && waiting != nil {
			other, _ := res.Records[0].Values[1].(string)
			waiting(other)
			told = true
		}
		select {
		case <-ctx.Done():
			forget(holder)
			return nil, nil, ctx.Err()
		case <-time.After(delay):
		}
		delay = min(2*delay, 2*time.Second)
	}
	lctx, cancel := context.WithCancelCause(ctx)
	l := &Lease{c: c, holder: holder, cancel: cancel, done: make(chan struct{})}
	go l.renew(lctx)
	return l, context.WithValue(lctx, leaseKey{}, l), nil
}

// forget marks holder as ended; unless released, a later attempt of this process may take its lease.
func forget(holder string) {
	leaseMu.Lock()
	defer leaseMu.Unlock()
	if leaseLive[holder] {
		delete(leaseLive, holder)
		leaseOld = append(leaseOld, holder)
	}
}

// renew extends the lease every third of its time until the work ends; a lease found lost cancels the
// work, since another writer may be at work.
func (l *Lease) renew(ctx context.Context) {
	defer close(l.done)
	t := time.NewTicker(leaseTTL / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		res, err := neo4j.ExecuteQuery(ctx, l.c.driver, leaseQuery("load/lease-renew.cypher"),
			map[string]any{"holder": l.holder, "ttl": leaseTTL.Milliseconds()},
			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(l.c.cfg.Database))
		if err != nil {
			continue // the work's own queries meet the same trouble and report it
		}
		if n, _ := res.Records[0].Values[0].(int64); n == 0 {
			l.cancel(fmt.Errorf("lost the write lease to another writer (it expired after %s without renewal)", leaseTTL))
			return
		}
	}
}

// errLeaseLost stops a batch whose writer no longer holds the write lease.
var errLeaseLost = errors.New("this load no longer holds the database's write lease (it stalled longer than the lease lasts and another writer took it): nothing more is written")

// stillHeld checks, inside a batch's transaction, that l is still the database's write lease.
func (l *Lease) stillHeld(ctx context.Context, tx neo4j.ManagedTransaction) error {
	res, err := tx.Run(ctx, leaseQuery("load/lease-check.cypher"), map[string]any{"holder": l.holder})
	if err != nil {
		return err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return err
	}
	if n, _ := rec.Values[0].(int64); n == 0 {
		return errLeaseLost
	}
	return nil
}

// Release gives the lease up. It is safe to call more than once.
func (l *Lease) Release(ctx context.Context) error {
	l.cancel(nil)
	<-l.done
	leaseMu.Lock()
	live := leaseLive[l.holder]
	leaseMu.Unlock()
	if !live {
		return nil
	}
	// briefly: a server that went away would keep a release retrying, and its lease expires anyway
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	_, err := neo4j.ExecuteQuery(rctx, l.c.driver, leaseQuery("load/lease-release.cypher"),
		map[string]any{"holder": l.holder}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(l.c.cfg.Database))
	forget(l.holder)
	if err != nil {
		return l.c.wrap("release the write lease", err)
	}
	leaseMu.Lock()
	leaseOld = slices.DeleteFunc(leaseOld, func(h string) bool { return h == l.holder }) // nothing of it is left
	leaseMu.Unlock()
	return nil
}

// underLease runs work holding the write lease: the caller's, when ctx carries one, or one taken for it.
// When the lease is lost, work's error gives way to the reason.
func (c *Client) underLease(ctx context.Context, waiting func(string), work func(context.Context) error) error {
	if l, ok := ctx.Value(leaseKey{}).(*Lease); ok && l.c == c {
		return work(ctx)
	}
	l, lctx, err := c.AcquireLease(ctx, waiting)
	if err != nil {
		return err
	}
	err = work(lctx)
	if cause := context.Cause(lctx); err != nil && cause != nil && ctx.Err() == nil {
		err = fmt.Errorf("%w (%v)", cause, err)
	}
	if rerr := l.Release(ctx); err == nil {
		err = rerr
	}
	return err
}

func (c *Client) ensureLeaseConstraint(ctx context.Context) error {
	for _, stmt := range splitStatements(query("load/constraints.cypher")) {
		if !strings.Contains(stmt, string(graph.WriteLease)) {
			continue
		}
		if _, err := neo4j.ExecuteQuery(ctx, c.driver, stmt, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(c.cfg.Database)); err != nil {
			return c.wrap("create the write lease's constraint", err)
		}
	}
	return nil
}
