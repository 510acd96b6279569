package syntax_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/ingest/syntax"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// sampleSentences tokenises the sample articles as the pipeline does.
func sampleSentences(tb testing.TB) [][]string {
	paths, err := filepath.Glob("../../testdata/articles/*.txt")
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no sample articles: %v", err)
	}
	var out [][]string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		for _, s := range text.SplitSentences(string(b), 0, len(b)) {
			out = append(out, s.Words())
		}
	}
	return out
}

// BenchmarkAnalyze measures tagging, lemmatizing and parsing together on
// one core: tokens/s is the figure docs/syntax.md reports.
func BenchmarkAnalyze(b *testing.B) {
	m, err := syntax.Default()
	if err != nil {
		b.Fatal(err)
	}
	sents := sampleSentences(b)
	tokens := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := sents[i%len(sents)]
		m.Analyze(s)
		tokens += len(s)
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}
