package cypher_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/internal/fixture"
)

func localNeo4j(t *testing.T, cmd string) {
	t.Helper()
	out, err := exec.Command(filepath.Join("..", "scripts", "neo4j-local"), cmd).CombinedOutput()
	if err != nil {
		t.Fatalf("neo4j-local %s: %v\n%s", cmd, err, out)
	}
}

func open(t *testing.T) *cypher.Client {
	t.Helper()
	c, err := cypher.Open(context.Background(), cypher.Config{URI: os.Getenv("NEO4J_URI"), ConnectAttempts: 6})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

func checksum(t *testing.T, c *cypher.Client) string {
	return fmt.Sprintf("%x", sha256.Sum256([]byte(dbJSONL(t, c))))
}

// TestLoadSurvivesServerKill kills the server in the middle of a load, restarts it, reruns the load,
// and compares the graph with a clean load: counts and a checksum of every property.
func TestLoadSurvivesServerKill(t *testing.T) {
	if os.Getenv("NEWSGRAPH_LOCAL_NEO4J") == "" {
		if os.Getenv("NEWSGRAPH_REQUIRE_NEO4J") != "" && os.Getenv("NEO4J_URI") == "" {
			t.Fatal("NEWSGRAPH_REQUIRE_NEO4J is set but there is no server")
		}
		t.Skip("needs the local Neo4j that scripts/test starts: this test kills and restarts it")
	}
	ctx := context.Background()
	g := fixture.SyntheticGraph(20000, 120000, 3)

	c := client(t)
	if _, err := c.Load(ctx, g, cypher.LoadOptions{BatchSize: 4000}); err != nil {
		t.Fatal(err)
	}
	wantNodes, wantRels := counts(t, c)
	want := checksum(t, c)
	if err := c.Clear(ctx); err != nil {
		t.Fatal(err)
	}

	var once sync.Once
	killed := make(chan struct{})
	_, err := c.Load(ctx, g, cypher.LoadOptions{BatchSize: 4000, Progress: func(done, total int) {
		if done > total/3 {
			once.Do(func() {
				go func() { localNeo4j(t, "kill"); close(killed) }()
			})
		}
	}})
	<-killed
	if err == nil {
		t.Fatal("the load finished although the server was killed during it")
	}
	if !strings.Contains(err.Error(), "loaded before") {
		t.Errorf("the error does not say how far the load got: %v", err)
	}
	var ce *cypher.Error
	_ = errors.As(err, &ce)
	t.Logf("interrupted load: %v", err)

	localNeo4j(t, "start")
	c2 := open(t)
	start := time.Now()
	if _, err := c2.Load(ctx, g, cypher.LoadOptions{BatchSize: 4000}); err != nil {
		t.Fatalf("rerun after restart: %v", err)
	}
	t.Logf("rerun took %v", time.Since(start))
	n, r := counts(t, c2)
	if n != wantNodes || r != wantRels {
		t.Errorf("after kill and rerun: %d nodes %d rels, clean load: %d and %d", n, r, wantNodes, wantRels)
	}
	if got := checksum(t, c2); got != want {
		t.Errorf("property checksum after kill and rerun %s, clean load %s", got, want)
	}
}

func TestQueryTimeout(t *testing.T) {
	client(t)
	c, err := cypher.Open(context.Background(), cypher.Config{URI: os.Getenv("NEO4J_URI"), QueryTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(context.Background())
	start := time.Now()
	_, err = c.Run(context.Background(), "UNWIND range(1, 2000000000) AS x RETURN sum(x)", nil, false)
	if err == nil {
		t.Fatal("a query running past the timeout was not cut")
	}
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("cut after %v", took)
	}
	if !strings.Contains(strings.ToLower(err.Error()), "timeout") && !strings.Contains(strings.ToLower(err.Error()), "terminated") {
		t.Errorf("error does not say it timed out: %v", err)
	}
}

// TestWrongPassword starts a second local server with authentication on other ports and connects to it
// with a wrong password, then the right one.
func TestWrongPassword(t *testing.T) {
	if os.Getenv("NEWSGRAPH_LOCAL_NEO4J") == "" {
		t.Skip("needs the local Neo4j launcher that scripts/test uses: this test starts a second server")
	}
	const password = "Corr3ct horse"
	script := filepath.Join("..", "scripts", "neo4j-local")
	env := append(os.Environ(), "NEO4J_LOCAL_DIR="+t.TempDir(), "NEO4J_LOCAL_BOLT_PORT=7688", "NEO4J_LOCAL_HTTP_PORT=7475",
		"NEO4J_LOCAL_PASSWORD="+password, "NEO4J_LOCAL_HEAP=512m", "NEO4J_LOCAL_PAGECACHE=64m")
	start := exec.Command(script, "start")
	start.Env = env
	if out, err := start.CombinedOutput(); err != nil {
		t.Fatalf("start a server with authentication: %v\n%s", err, out)
	}
	defer func() {
		stop := exec.Command(script, "stop")
		stop.Env = env
		_ = stop.Run()
	}()
	ctx := context.Background()
	_, err := cypher.Open(ctx, cypher.Config{URI: "bolt://127.0.0.1:7688", Username: "neo4j", Password: "wr0ng-secret", ConnectAttempts: 1})
	var ce *cypher.Error
	if !errors.As(err, &ce) || ce.Kind != cypher.Unauthorized {
		t.Fatalf("err = %v, want Unauthorized", err)
	}
	if strings.Contains(err.Error(), "wr0ng-secret") || strings.Contains(err.Error(), "\n") {
		t.Errorf("error %q shows the password or spans lines", err)
	}
	c, err := cypher.Open(ctx, cypher.Config{URI: "bolt://127.0.0.1:7688", Username: "neo4j", Password: password})
	if err != nil {
		t.Fatalf("right password: %v", err)
	}
	c.Close(ctx)
	// a password given only in the URI is used
	c, err = cypher.Open(ctx, cypher.Config{URI: "bolt://neo4j:" + url.PathEscape(password) + "@127.0.0.1:7688"})
	if err != nil {
		t.Fatalf("password in the URI: %v", err)
	}
	c.Close(ctx)
}
