package export_test

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/export"
	"github.com/newsgraph/newsgraph/graph/graphtest"
)

// writeSynthetic fills the database with articles articles, each
// mentioning 10 of 5,000 persons and reporting one held meeting of two of
// them, dated over 2018 and 2019.
func writeSynthetic(b *testing.B, store *graph.Store, articles int) {
	b.Helper()
	ctx := context.Background()
	sess := store.Driver().NewSession(ctx, neo4j.SessionConfig{DatabaseName: store.Database(), AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	// CALL ... IN TRANSACTIONS needs an auto-commit transaction.
	res, err := sess.Run(ctx, `UNWIND range(1, $n) AS i
CALL {
  WITH i
  CREATE (a:Article {id: 'article:' + i, title: 'Article ' + i, source: 'synthetic/' + i + '.txt',
                     published: datetime('2018-01-01T09:00:00Z') + duration({days: i % 730})})
  WITH a, i
  UNWIND range(0, 9) AS k
  MERGE (p:Actor:Person {id: 'person:' + ((i * 7 + k * 13) % 5000)})
    ON CREATE SET p.name = 'Person ' + ((i * 7 + k * 13) % 5000), p.aliases = ['P' + ((i * 7 + k * 13) % 5000)]
  CREATE (a)-[:MENTIONS {count: 1, sentence: 'A sentence that mentions the person, as evidence.', start: 0, end: 50}]->(p)
  WITH a, i, collect(p) AS people
  CREATE (m:Meeting {id: 'meeting:' + i, status: 'held', kind: 'meeting', date: date(a.published), participants: [x IN people[0..2] | x.name]})
  CREATE (m)-[:REPORTED_IN {sentence: 'They met.', start: 0, end: 9}]->(a)
  WITH m, people
  FOREACH (x IN people[0..2] | CREATE (x)-[:ATTENDED]->(m))
  WITH m, people[0] AS x, people[1] AS y
  CREATE (x)-[:MET {meetingId: m.id, status: m.status, kind: m.kind, date: m.date}]->(y)
} IN TRANSACTIONS OF 500 ROWS`, map[string]any{"n": articles})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := res.Consume(ctx); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { deleteInSmallBatches(b, store) })
}

// deleteInSmallBatches empties the database in transactions small enough
// for a test server's memory, so that the next test's wipe is quick.
func deleteInSmallBatches(b *testing.B, store *graph.Store) {
	ctx := context.Background()
	sess := store.Driver().NewSession(ctx, neo4j.SessionConfig{DatabaseName: store.Database(), AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, `MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 500 ROWS`, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		b.Errorf("emptying the database: %v", err)
	}
}

// BenchmarkExport exports synthetic graphs of two sizes in every format
// and reports the elements per second and the peak Go heap during the
// export: a streamed export keeps the heap flat as the graph grows.
//
//	scripts/neo4j-local --instance test start
//	go test -run '^$' -bench Export -benchtime 1x ./graph/export/
func BenchmarkExport(b *testing.B) {
	for _, articles := range []int{2000, 20000} {
		store := graphtest.Fresh(b)
		writeSynthetic(b, store, articles)
		selections := map[string]export.Selection{
			"all":  {},
			"ego2": {Entity: "person:42", Depth: 2},
			"2019": {From: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2019, 12, 31, 0, 0, 0, 0, time.UTC)},
		}
		for _, selName := range []string{"all", "2019", "ego2"} {
			for _, format := range export.Formats {
				if selName != "all" && format != export.FormatJSON {
					continue // the selection costs the same whatever the format
				}
				b.Run(fmt.Sprintf("articles=%d/%s/%s", articles, selName, format), func(b *testing.B) {
					for i := 0; i < b.N; i++ {
						w := benchWriter(b, format)
						peak, stop := samplePeakHeap()
						start := time.Now()
						sum, err := export.Run(context.Background(), store, selections[selName], w, export.Options{})
						elapsed := time.Since(start)
						stop()
						if err != nil {
							b.Fatal(err)
						}
						n := float64(sum.Nodes + sum.Relationships)
						b.ReportMetric(n, "elements")
						b.ReportMetric(n/elapsed.Seconds(), "elements/s")
						b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
					}
				})
			}
		}
	}
}

func benchWriter(b *testing.B, format export.Format) export.Writer {
	b.Helper()
	switch format {
	case export.FormatGraphML:
		w, err := export.NewGraphML(io.Discard, b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		return w
	case export.FormatCSV:
		w, err := export.NewCSV(b.TempDir(), b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		return w
	case export.FormatCypher:
		return export.NewCypher(io.Discard, nil)
	}
	return export.NewNodeLink(io.Discard)
}

// samplePeakHeap samples the heap in use every 10 ms until stop is called.
func samplePeakHeap() (*atomic.Uint64, func()) {
	runtime.GC()
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	return &peak, func() { close(done); wg.Wait() }
}
