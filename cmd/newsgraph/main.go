// Command newsgraph builds a knowledge graph from news articles and loads it into Neo4j.
package main

import (
	"os"
	"runtime/debug"

	"github.com/newsgraph/newsgraph/internal/cli"
)

// The collector's settings unless GOGC or GOMEMLIMIT is set. A build holds the analyses of a whole
// corpus until resolution. The collector runs when the heap has grown by half again what is live, or
// more often as it nears a soft limit of 1.75 GiB: a small build rarely collects, and a build of 100,000
// generated articles peaks under 2 GiB (see README, "Measuring speed"). Past the limit the collector
// works harder (never more than half the CPU) instead of failing; set GOMEMLIMIT higher for bigger
// corpora on bigger machines.
const (
	gcPercent   = 150
	memoryLimit = 1792 << 20
)

func main() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(gcPercent)
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
