package ner

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// benchText is the seed articles joined: real news text, page chrome included.
func benchText(b *testing.B) string {
	files, _ := filepath.Glob(filepath.Join("..", "seeds", "*.txt"))
	var sb strings.Builder
	for _, f := range files {
		x, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(x)
		sb.WriteString("\n\n\n")
	}
	return sb.String()
}

func BenchmarkSegment(b *testing.B) {
	text := benchText(b)
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		Segment(text)
	}
}

func BenchmarkTokeniseTag(b *testing.B) {
	text := benchText(b)
	p := extractor(b).p
	stories := Segment(text)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, st := range stories {
			p.sentences(text, st.Body, st.TitleSpan)
		}
	}
}

func BenchmarkMentions(b *testing.B) {
	text := benchText(b)
	p := extractor(b).p
	var sents [][]sentence
	for _, st := range Segment(text) {
		sents = append(sents, p.sentences(text, st.Body, st.TitleSpan))
	}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, ss := range sents {
			a := &storyAnalysis{Sents: ss}
			p.findMentions(a)
		}
	}
}

func BenchmarkAnalyse(b *testing.B) {
	text := benchText(b)
	ex := extractor(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ex.Analyse(context.Background(), "bench.txt", text); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	text := benchText(b)
	ex := extractor(b)
	var docs []*Document
	for i := 0; i < 20; i++ {
		d, _ := ex.Analyse(context.Background(), "bench"+strconv.Itoa(i)+".txt", text)
		docs = append(docs, d)
	}
	b.SetBytes(int64(20 * len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Resolve(docs, ResolveOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
