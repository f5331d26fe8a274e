// Package cli holds newsgraph's commands: each fills an options struct from flags and calls a plain
// run function. It wires the other packages together; the logic lives in them.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/cypher"
	"github.com/newsgraph/newsgraph/ner"
)

// Exit codes, documented in README.md.
const (
	ExitOK          = 0
	ExitError       = 1
	ExitUsage       = 2
	ExitPartial     = 3 // the job finished but skipped some input
	ExitUnreachable = 4 // Neo4j could not be reached, or went away
	ExitAuth        = 5 // Neo4j refused the credentials
	ExitReadOnly    = 6 // read mode refused a query that writes (or reaches files, the network, administration)
)

// UsageError is a command used wrongly: a flag's or an argument's value. It exits with ExitUsage.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return "usage: " + e.Msg }

// usagef returns a *UsageError.
func usagef(format string, args ...any) error { return &UsageError{Msg: fmt.Sprintf(format, args...)} }

// exitCode is the exit code err calls for.
func exitCode(err error) int {
	var pe partialError
	var ue *UsageError
	var ce *cypher.Error
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &pe):
		return ExitPartial
	case errors.As(err, &ue):
		return ExitUsage
	case errors.As(err, &ce):
		switch ce.Kind {
		case cypher.Unreachable:
			return ExitUnreachable
		case cypher.Unauthorized:
			return ExitAuth
		case cypher.ReadOnly:
			return ExitReadOnly
		}
	}
	// cobra's own usage errors carry no type: an unknown command, flag or argument count
	msg := err.Error()
	if strings.HasPrefix(msg, "unknown command") || strings.HasPrefix(msg, "unknown flag") ||
		strings.HasPrefix(msg, "unknown shorthand flag") || strings.Contains(msg, " arg(s), received ") {
		return ExitUsage
	}
	return ExitError
}

// IO holds the streams a command writes to.
type IO struct {
	In          io.Reader
	Out         io.Writer
	ErrOut      io.Writer
	ErrTerminal bool // progress goes to ErrOut only when it is a terminal
}

// Factory builds what commands need, lazily, so that --help touches nothing.
type Factory struct {
	IO     IO
	Getenv func(string) string

	neo4jFlags neo4jFlags
	exOnce     sync.Once
	ex         *ner.Extractor
	exErr      error
}

type neo4jFlags struct {
	uri, user, database string
	attempts            int
	timeout             time.Duration
}

// Neo4jConfig returns the connection settings: flags over the NEO4J_* environment. The password comes
// only from NEO4J_PASSWORD.
func (f *Factory) Neo4jConfig() cypher.Config {
	pick := func(flag, env string) string {
		if flag != "" {
			return flag
		}
		return f.Getenv(env)
	}
	return cypher.Config{URI: pick(f.neo4jFlags.uri, "NEO4J_URI"), Username: pick(f.neo4jFlags.user, "NEO4J_USERNAME"),
		Password: f.Getenv("NEO4J_PASSWORD"), Database: pick(f.neo4jFlags.database, "NEO4J_DATABASE"),
		ConnectAttempts: f.neo4jFlags.attempts, QueryTimeout: f.neo4jFlags.timeout}
}

// Extractor returns the shared extractor, loading the models on first use.
func (f *Factory) Extractor() (*ner.Extractor, error) {
	f.exOnce.Do(func() { f.ex, f.exErr = ner.NewExtractor() })
	return f.ex, f.exErr
}

// partialError says the job finished but skipped some input.
type partialError struct{ n int }

func (e partialError) Error() string {
	return fmt.Sprintf("%d input(s) skipped; see the problems above", e.n)
}

// Main runs newsgraph with args and returns the exit code.
func Main(args []string, in io.Reader, out, errOut io.Writer) int {
	f := &Factory{IO: IO{In: in, Out: out, ErrOut: errOut, ErrTerminal: isTerminal(errOut)}, Getenv: os.Getenv}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := NewCmdRoot(f)
	root.SetArgs(args)
	root.SetIn(in)
	root.SetOut(out)
	root.SetErr(errOut)
	err := root.ExecuteContext(ctx)
	if err != nil {
		fmt.Fprintln(errOut, "newsgraph:", err)
	}
	return exitCode(err)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// NewCmdRoot returns the root command with every subcommand.
func NewCmdRoot(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:           "newsgraph",
		Short:         "Build a knowledge graph of people, places, organizations and events from news articles",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &UsageError{Msg: err.Error()} })
	pf := root.PersistentFlags()
	pf.StringVar(&f.neo4jFlags.uri, "neo4j", "", "Neo4j URI (bolt://, neo4j://, neo4j+s://); default $NEO4J_URI")
	pf.StringVar(&f.neo4jFlags.user, "neo4j-user", "", "Neo4j user; default $NEO4J_USERNAME (the password is read from $NEO4J_PASSWORD only)")
	pf.StringVar(&f.neo4jFlags.database, "neo4j-database", "", "Neo4j database; default $NEO4J_DATABASE or the server's default")
	pf.IntVar(&f.neo4jFlags.attempts, "neo4j-attempts", 4, "attempts to reach Neo4j at start, with backoff 1s, 2s, 4s, ...")
	pf.DurationVar(&f.neo4jFlags.timeout, "query-timeout", 0, "cut off any Neo4j transaction that runs longer (e.g. 30s); 0 for none")
	root.AddCommand(NewCmdBuild(f, nil), NewCmdLoad(f, nil), NewCmdQuery(f, nil), NewCmdExport(f, nil), NewCmdBench(f),
		NewCmdTrain(f, nil), NewCmdEval(f, nil))
	return root
}
