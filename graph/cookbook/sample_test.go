package cookbook_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract"
	"github.com/newsgraph/newsgraph/ingest/source"
)

// update rewrites the generated files (the cookbook section of
// docs/queries.md, docs/newsgraph-cookbook.zip) and docs/browser.png.
var update = flag.Bool("update", false, "rewrite docs/queries.md's cookbook section, docs/newsgraph-cookbook.zip and docs/browser.png")

const repoRoot = "../.."

// sampleArticles are the articles the cookbook is checked against: the
// reference article and two short ones written for the cookbook, so that
// some answers span articles (newest first, shortest paths, timelines).
var sampleArticles = []string{
	"testdata/articles/pompeo-kim-2018-04-18.txt",
	"testdata/articles/pompeo-pyongyang-2018-05-09.txt",
	"testdata/articles/trump-kim-singapore-2018-06-12.txt",
}

var (
	sampleOnce  sync.Once
	sampleErr   error
	sampleReady bool
)

// sampleGraph returns a store whose database holds the sample articles,
// ingested through the real pipeline (files source, extractor, Neo4j sink)
// as `newsgraph ingest` does. The graph is built once per test binary: the
// tests here only read it, and packages run one at a time (-p 1).
func sampleGraph(t *testing.T) *graph.Store {
	t.Helper()
	var store *graph.Store
	if !sampleReady {
		store = graphtest.Fresh(t)
	} else {
		store = graphtest.Open(t)
	}
	sampleOnce.Do(func() {
		paths := make([]string, len(sampleArticles))
		for i, p := range sampleArticles {
			paths[i] = filepath.Join(repoRoot, p)
		}
		ex, err := extract.New(extract.Options{})
		if err != nil {
			sampleErr = err
			return
		}
		report, err := ingest.Run(context.Background(), ingest.Options{
			Source:    source.Files{Paths: paths},
			Extractor: ex,
			Sink:      store,
			BatchSize: 10,
		})
		if err != nil {
			sampleErr = err
			return
		}
		if report.Failed() > 0 {
			sampleErr = report.Failures[0].Err
			return
		}
		if report.New != len(paths) {
			sampleErr = fmt.Errorf("want %d new articles in a fresh database, the ingest reported %+v", len(paths), report)
			return
		}
		sampleReady = true
	})
	if sampleErr != nil {
		t.Fatalf("ingesting the sample articles: %v", sampleErr)
	}
	return store
}

// readRepoFile reads a file by its path in the repository.
func readRepoFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, path))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
