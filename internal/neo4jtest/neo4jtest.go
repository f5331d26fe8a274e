// Package neo4jtest gives integration tests the real Neo4j that scripts/test starts.
package neo4jtest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/cypher"
)

// Config is the connection the environment names (NEO4J_URI and the rest). Under -short, or with no
// server configured, the test is skipped, except when NEWSGRAPH_REQUIRE_NEO4J is set (scripts/test, CI).
func Config(t testing.TB) cypher.Config {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if testing.Short() {
		t.Skip("integration test: skipped under -short")
	}
	if uri == "" {
		if os.Getenv("NEWSGRAPH_REQUIRE_NEO4J") != "" {
			t.Fatal("NEO4J_URI is not set but NEWSGRAPH_REQUIRE_NEO4J is: integration tests must run")
		}
		t.Skip("integration test: NEO4J_URI not set (scripts/test starts a local Neo4j)")
	}
	return cypher.Config{URI: uri, Username: os.Getenv("NEO4J_USERNAME"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")}
}

// Client connects to the Neo4j of Config and empties it.
func Client(t testing.TB) *cypher.Client {
	t.Helper()
	cfg := Config(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c, err := cypher.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	if err := c.Clear(ctx); err != nil {
		t.Fatal(err)
	}
	return c
}
