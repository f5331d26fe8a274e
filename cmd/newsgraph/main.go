// Command newsgraph builds a knowledge graph from news articles and loads it into Neo4j.
package main

import (
	"os"

	"github.com/newsgraph/newsgraph/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
