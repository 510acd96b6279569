package syntax_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/ingest/syntax"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// sampleArticles tokenises the sample articles as the pipeline does.
func sampleArticles(tb testing.TB) [][][]string {
	paths, err := filepath.Glob("../../testdata/articles/*.txt")
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no sample articles: %v", err)
	}
	var out [][][]string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		var art [][]string
		for _, s := range text.SplitSentences(string(b), 0, len(b)) {
			art = append(art, s.Words())
		}
		out = append(out, art)
	}
	return out
}

// BenchmarkAnalyze measures tagging, lemmatizing and parsing together on
// one core, an article at a time as the pipeline does: tokens/s is the
// figure docs/syntax.md reports.
func BenchmarkAnalyze(b *testing.B) {
	m, err := syntax.Default()
	if err != nil {
		b.Fatal(err)
	}
	arts := sampleArticles(b)
	tokens := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := arts[i%len(arts)]
		m.AnalyzeBatch(a)
		for _, s := range a {
			tokens += len(s)
		}
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkAnalyzeSentence is the same a sentence at a time.
func BenchmarkAnalyzeSentence(b *testing.B) {
	m, err := syntax.Default()
	if err != nil {
		b.Fatal(err)
	}
	var sents [][]string
	for _, a := range sampleArticles(b) {
		sents = append(sents, a...)
	}
	tokens := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := sents[i%len(sents)]
		m.Analyze(s)
		tokens += len(s)
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}
