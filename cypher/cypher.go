// Package cypher is newsgraph's only door to Neo4j: it connects, creates the schema, loads graphs in
// batches, runs the named queries shipped as .cypher files and reads the graph back out. Every value
// travels as a parameter; labels and relationship types are spliced into query text only after graph's
// closed vocabulary has vouched for them.
//
// It imports graph and the Neo4j driver and nothing else of newsgraph.
package cypher

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/newsgraph/newsgraph/graph"
)

//go:embed load/*.cypher queries/*.cypher
var files embed.FS

// Config says where Neo4j is. The password is never printed: String and errors leave it out.
type Config struct {
	URI      string
	Username string
	Password string
	Database string // "" means the server's default
	// ConnectAttempts is how many times to try reaching the server at start (with backoff 1s, 2s, 4s, ...);
	// 0 means 4.
	ConnectAttempts int
	// QueryTimeout cuts off a transaction that runs longer; 0 means none.
	QueryTimeout time.Duration
}

// String describes the connection without its secrets.
func (c Config) String() string {
	u, _, _ := splitUserinfo(c.URI)
	if c.Username != "" {
		u = c.Username + " at " + u
	}
	if c.Database != "" {
		u += " (database " + c.Database + ")"
	}
	return u
}

// splitUserinfo takes "user:password@" out of a URI's authority, by position, so that it works on a URI
// that does not parse (a bad port, a bad % escape, a space, a missing "]"): the URI without it, and the
// user and password it held, unescaped where they can be.
func splitUserinfo(uri string) (bare, user, password string) {
	scheme, rest, ok := strings.Cut(uri, "://")
	if !ok {
		return uri, "", ""
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	at := strings.LastIndex(rest[:end], "@")
	if at < 0 {
		return uri, "", ""
	}
	info := rest[:at]
	user, password, _ = strings.Cut(info, ":")
	if u, err := url.PathUnescape(user); err == nil {
		user = u
	}
	if p, err := url.PathUnescape(password); err == nil {
		password = p
	}
	return scheme + "://" + rest[at+1:], user, password
}

// Client is a connection to one Neo4j database. It is safe for concurrent use.
type Client struct {
	cfg    Config
	driver neo4j.DriverWithContext
}

// Kind classifies an error a user must act on.
type Kind int

// Error kinds.
const (
	Unreachable  Kind = iota + 1 // no server answered, or it went away
	Unauthorized                 // the server refused the credentials
	Invalid                      // the query or input is wrong
	ReadOnly                     // a write was attempted in read mode
	Failed                       // the server failed otherwise (a transient error that outlasted its retries, a database error)
)

// classify tells the kind of a driver error from the driver's error types and Neo4j's status codes.
func classify(err error) Kind {
	var limit *neo4j.TransactionExecutionLimit
	var conn *neo4j.ConnectivityError
	var auth *neo4j.InvalidAuthenticationError
	var ne *neo4j.Neo4jError
	switch {
	case errors.As(err, &limit) && len(limit.Errors) > 0:
		return classify(limit.Errors[len(limit.Errors)-1]) // retries ran out: the last error says why
	case errors.As(err, &conn):
		return Unreachable
	case errors.As(err, &auth):
		return Unauthorized
	case errors.As(err, &ne):
		switch {
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Security."):
			return Unauthorized
		case ne.Code == "Neo.ClientError.Statement.AccessMode":
			return ReadOnly
		case strings.HasPrefix(ne.Code, "Neo.ClientError."):
			return Invalid
		}
	}
	return Failed
}

// wrap returns err as an *Error of its kind (see classify), its message scrubbed of the password and
// led by what when given; an *Error already is one.
func (c *Client) wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	msg := scrub(err, c.cfg.Password)
	if what != "" {
		msg = what + ": " + msg
	}
	return &Error{Kind: classify(err), Msg: msg, Err: err}
}

// Error is an error from Neo4j that a user must act on, with the connection named and no secret in it.
type Error struct {
	Kind Kind
	Msg  string
	Err  error
}

// Error returns the message, which names the connection and never the password.
func (e *Error) Error() string { return e.Msg }

// Unwrap returns the driver's error.
func (e *Error) Unwrap() error { return e.Err }

// Open connects to Neo4j and checks that it answers, retrying an unreachable server with backoff. It
// returns an *Error of kind Unreachable or Unauthorized when the server cannot be used.
func Open(ctx context.Context, cfg Config) (*Client, error) {
	if cfg.URI == "" {
		return nil, &Error{Kind: Invalid, Msg: "no Neo4j URI: set NEO4J_URI or --neo4j"}
	}
	// credentials in the URI are used where NEO4J_USERNAME and NEO4J_PASSWORD give none, and never
	// reach the driver, its errors or our messages
	bare, uriUser, uriPassword := splitUserinfo(cfg.URI)
	secrets := []string{cfg.Password, uriPassword}
	cfg.URI = bare
	if cfg.Username == "" {
		cfg.Username = uriUser
	}
	if cfg.Password == "" {
		cfg.Password = uriPassword
	}
	auth := neo4j.NoAuth()
	if cfg.Username != "" || cfg.Password != "" {
		user := cfg.Username
		if user == "" {
			user = "neo4j"
		}
		auth = neo4j.BasicAuth(user, cfg.Password, "")
	}
	drv, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.SocketConnectTimeout = 5 * time.Second
		c.MaxTransactionRetryTime = 30 * time.Second
	})
	if err != nil {
		return nil, &Error{Kind: Invalid, Msg: fmt.Sprintf("Neo4j URI %q: %v", Config{URI: cfg.URI}.String(), scrub(err, secrets...)), Err: err}
	}
	attempts := cfg.ConnectAttempts
	if attempts <= 0 {
		attempts = 4
	}
	wait := time.Second
	for try := 1; ; try++ {
		err = drv.VerifyConnectivity(ctx)
		if err == nil {
			return &Client{cfg: cfg, driver: drv}, nil
		}
		if classify(err) == Unauthorized {
			drv.Close(ctx)
			return nil, &Error{Kind: Unauthorized, Msg: fmt.Sprintf("Neo4j %s refused the credentials: check NEO4J_USERNAME and NEO4J_PASSWORD", cfg), Err: err}
		}
		if try >= attempts || ctx.Err() != nil {
			drv.Close(ctx)
			return nil, &Error{Kind: Unreachable, Msg: fmt.Sprintf("cannot reach Neo4j %s after %d attempts: %v", cfg, try, scrub(err, secrets...)), Err: err}
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
		}
		wait *= 2
	}
}

// scrub removes a secret from an error's text.
func scrub(err error, secrets ...string) string {
	s := err.Error()
	for _, secret := range secrets {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, "****")
		}
	}
	return s
}

// Close closes the connection.
func (c *Client) Close(ctx context.Context) error { return c.driver.Close(ctx) }

func (c *Client) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	// the bookmarks ExecuteQuery keeps: a read after a write sees it, also on a cluster's follower
	return c.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: c.cfg.Database, AccessMode: mode,
		BookmarkManager: c.driver.ExecuteQueryBookmarkManager()})
}

func (c *Client) txConfig() []func(*neo4j.TransactionConfig) {
	if c.cfg.QueryTimeout > 0 {
		return []func(*neo4j.TransactionConfig){neo4j.WithTxTimeout(c.cfg.QueryTimeout)}
	}
	return nil
}

// query returns the text of an embedded query file without its description comment lines.
func query(name string) string {
	b, err := files.ReadFile(name)
	if err != nil {
		panic("cypher: missing embedded query " + name) // a build defect, caught by tests
	}
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "//") {
			lines = append(lines, l)
		}
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// Named is a query shipped in cypher/queries.
type Named struct {
	Name        string
	Description string
	Text        string
	Params      []string // parameter names the query reads
	Optional    []string // those its description marks "(optional": they default to null
}

// NamedQueries lists the shipped queries, sorted by name.
func NamedQueries() []Named {
	entries, _ := fs.ReadDir(files, "queries")
	var out []Named
	for _, e := range entries {
		b, _ := files.ReadFile("queries/" + e.Name())
		text := string(b)
		desc := ""
		if first, _, ok := strings.Cut(text, "\n"); ok && strings.HasPrefix(first, "//") {
			desc = strings.TrimSpace(strings.TrimPrefix(first, "//"))
		}
		q := Named{Name: strings.TrimSuffix(e.Name(), ".cypher"), Description: desc,
			Text: query("queries/" + e.Name()), Params: paramNames(text)}
		for _, p := range q.Params {
			if strings.Contains(desc, p+" (optional") {
				q.Optional = append(q.Optional, p)
			}
		}
		out = append(out, q)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup returns the named query called name.
func Lookup(name string) (Named, bool) {
	for _, q := range NamedQueries() {
		if q.Name == name {
			return q, true
		}
	}
	return Named{}, false
}

func paramNames(text string) []string {
	var out []string
	for i := 0; i < len(text); i++ {
		if text[i] != '$' {
			continue
		}
		j := i + 1
		for j < len(text) && (text[j] == '_' || text[j] >= 'a' && text[j] <= 'z' || text[j] >= 'A' && text[j] <= 'Z' || text[j] >= '0' && text[j] <= '9') {
			j++
		}
		if j > i+1 {
			out = append(out, text[i+1:j])
		}
	}
	return graph.Union(nil, out)
}

// withVocabulary splices labels and a relationship type into a query template after checking them
// against graph's closed vocabulary.
func withVocabulary(q string, labels map[string]graph.Label, typ graph.RelType) (string, error) {
	for placeholder, l := range labels {
		if !l.Valid() {
			return "", fmt.Errorf("label %q is not in the vocabulary", l)
		}
		q = strings.ReplaceAll(q, placeholder, string(l))
	}
	if typ != "" {
		if !typ.Valid() {
			return "", fmt.Errorf("relationship type %q is not in the vocabulary", typ)
		}
		q = strings.ReplaceAll(q, "__TYPE__", string(typ))
	}
	return q, nil
}
