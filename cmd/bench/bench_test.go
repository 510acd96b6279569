package bench

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/jdkato/prose/v2"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract"
)

const bbc = "../../../shared/data/bbc-news"

// TestExtractBenchmarkReports runs `bench extract` on the sample articles
// and checks that it reports both rates and their ratio.
func TestExtractBenchmarkReports(t *testing.T) {
	var out bytes.Buffer
	err := runExtract(context.Background(), &Options{IO: cmdutil.IOStreams{Out: &out}, Config: &cmdutil.Config{},
		Corpus: "../../testdata/articles", BaselineLimit: 1})
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`speed-up on one core: ([0-9.]+)x`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no speed-up line:\n%s", out.String())
	}
	if x, _ := strconv.ParseFloat(m[1], 64); x <= 1 {
		t.Errorf("newsgraph should be faster than prose's default pipeline, got %sx:\n%s", m[1], out.String())
	}
}

// TestWriteBenchmarkRefusesWithoutWipe guards the database.
func TestWriteBenchmarkRefusesWithoutWipe(t *testing.T) {
	f := &cmdutil.Factory{IO: cmdutil.IOStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}},
		Config: func() (*cmdutil.Config, error) { return &cmdutil.Config{Neo4j: graphtest.Config()}, nil }}
	cmd := NewCmdBench(f)
	cmd.SetArgs([]string{"write", "--corpus", "../../testdata/articles"})
	err := cmd.Execute()
	if cmdutil.ExitCode(err) != 2 {
		t.Fatalf("bench write without --wipe: err %v, want a usage error", err)
	}
}

func corpus(b *testing.B) []ingest.Article {
	if _, err := os.Stat(bbc); err != nil {
		b.Skip("BBC corpus not found at " + bbc)
	}
	arts, err := loadCorpus(bbc)
	if err != nil {
		b.Fatal(err)
	}
	return arts
}

// BenchmarkExtractBBC: parse and extract one BBC article per iteration.
// Run with -cpu 1 for the one-core figure.
func BenchmarkExtractBBC(b *testing.B) {
	arts := corpus(b)
	ex, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		doc, err := ingest.Parse(arts[i%len(arts)])
		if err != nil {
			continue
		}
		ex.Extract(doc)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkProseDefaultBBC: the baseline, prose.NewDocument per article
// with default options (the model is loaded on every call).
func BenchmarkProseDefaultBBC(b *testing.B) {
	arts := corpus(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := prose.NewDocument(string(arts[i%len(arts)].Text)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

func extracted(b *testing.B, n int) []*ingest.Facts {
	arts := corpus(b)
	ex, err := extract.New(extract.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var out []*ingest.Facts
	for _, a := range arts[:n] {
		if doc, err := ingest.Parse(a); err == nil {
			if f, err := ex.Extract(doc); err == nil {
				out = append(out, f)
			}
		}
	}
	return out
}

// benchmarkWrites times write on 200 BBC articles, each iteration into an
// empty graph. Needs Neo4j; wipes it.
func benchmarkWrites(b *testing.B, write func(context.Context, *graph.Store, []*ingest.Facts) error) {
	facts := extracted(b, 200)
	store := graphtest.Open(b)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		graphtest.Fresh(b)
		b.StartTimer()
		if err := write(context.Background(), store, facts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(facts))/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkWriteBatched: newsgraph's writer, batches of 100 articles.
func BenchmarkWriteBatched(b *testing.B) {
	benchmarkWrites(b, func(ctx context.Context, store *graph.Store, facts []*ingest.Facts) error {
		for j := 0; j < len(facts); j += 100 {
			if _, err := store.Write(ctx, facts[j:min(j+100, len(facts))]); err != nil {
				return err
			}
		}
		return nil
	})
}

// BenchmarkWriteNaive: one transaction per article, one statement per element.
func BenchmarkWriteNaive(b *testing.B) {
	benchmarkWrites(b, func(ctx context.Context, store *graph.Store, facts []*ingest.Facts) error {
		_, err := writeNaive(ctx, store, facts)
		return err
	})
}
