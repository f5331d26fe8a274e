package ner

import (
	"bytes"
	"runtime"
	"strconv"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/internal/synth"
)

// BenchmarkNewBase indexes 1,000,000 generated entities (7 in 10 people with a surname alias, the rest
// organizations), as a build onto a large graph reads them.
func BenchmarkNewBase(b *testing.B) {
	c := synth.New(5, 700_000, 300_000)
	var ents []BaseEntity
	for i, p := range c.People() {
		ents = append(ents, BaseEntity{ID: "person/" + strconv.Itoa(i), Label: graph.Person, Name: p, Aliases: []string{p}})
	}
	for i, o := range c.Organizations() {
		ents = append(ents, BaseEntity{ID: "org/" + strconv.Itoa(i), Label: graph.Organization, Name: o, Aliases: []string{o}})
	}
	b.ResetTimer()
	for range b.N {
		if NewBase(ents, nil).Len() != len(ents) {
			b.Fatal("entities lost")
		}
	}
}

// BenchmarkBaseFromSnapshot reads a snapshot of 1,000,000 generated entities (graph.jsonl) and indexes
// it, as build --base does; it reports the heap the graph and its index hold.
func BenchmarkBaseFromSnapshot(b *testing.B) {
	c := synth.New(5, 700_000, 300_000)
	g := graph.New()
	for i, p := range c.People() {
		_ = g.AddNode(graph.Node{ID: "person/" + strconv.Itoa(i), Label: graph.Person, Props: graph.Props{"name": p, "aliases": []string{p}, "mentions": int64(1)}})
	}
	for i, o := range c.Organizations() {
		_ = g.AddNode(graph.Node{ID: "org/" + strconv.Itoa(i), Label: graph.Organization, Props: graph.Props{"name": o, "aliases": []string{o}, "mentions": int64(1)}})
	}
	var buf bytes.Buffer
	if err := graph.WriteJSONL(&buf, g); err != nil {
		b.Fatal(err)
	}
	g = nil
	b.ResetTimer()
	for range b.N {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		base, err := graph.ReadJSONL(bytes.NewReader(buf.Bytes()), "graph.jsonl")
		if err != nil {
			b.Fatal(err)
		}
		index := BaseFromGraph(base)
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB")
		if index.Len() != len(base.Nodes) {
			b.Fatal("entities lost")
		}
	}
}
