package graph_test

import (
	"context"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
	"github.com/newsgraph/newsgraph/ingest"
)

func pass(id string, started time.Time, failures []graph.FailureEntry, recovered ...string) graph.PassRecord {
	return graph.PassRecord{
		ID: id, Source: "wire", Kind: "files", Owner: "job-a", Status: graph.PassOK,
		StartedAt: started, FinishedAt: started.Add(1500 * time.Millisecond),
		Seen: 10, New: 7, Unchanged: 1, Failed: len(failures),
		Written:  ingest.WriteStats{NodesCreated: 40, RelationshipsCreated: 90},
		Failures: failures, Recovered: recovered,
	}
}

func TestRecordPassTracksFailuresWithBackoff(t *testing.T) {
	store := graphtest.Fresh(t)
	ctx := context.Background()
	backoff := graph.FailureBackoff{Initial: time.Minute, Max: 3 * time.Minute}
	bin := graph.FailureEntry{Source: "/data/bin.txt", Kind: "binary", Reason: "article is binary, not text", ContentHash: "h1"}
	gone := graph.FailureEntry{Source: "https://example.org/404", Kind: "http", Reason: "HTTP 404 Not Found"}
	t0 := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

	if err := store.RecordPass(ctx, pass("p1", t0, []graph.FailureEntry{bin, gone}), backoff, 0); err != nil {
		t.Fatal(err)
	}
	// Recording the same pass again (a retried transaction) counts nothing twice.
	if err := store.RecordPass(ctx, pass("p1", t0, []graph.FailureEntry{bin, gone}), backoff, 0); err != nil {
		t.Fatal(err)
	}
	past, err := store.PastFailures(ctx, []string{bin.Source, gone.Source, "/data/ok.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if len(past) != 2 || past[bin.Source].Attempts != 1 || past[bin.Source].ContentHash != "h1" || past[gone.Source].Reason != gone.Reason {
		t.Fatalf("past failures after one pass: %+v", past)
	}
	wait := func(src string) time.Duration {
		t.Helper()
		rows, err := store.Query(ctx, `MATCH (f:IngestFailure {source: $s}) RETURN f.nextAttemptAt AS next, f.lastFailedAt AS last`, map[string]any{"s": src})
		if err != nil || len(rows) != 1 {
			t.Fatalf("%v %v", rows, err)
		}
		return rows[0]["next"].(time.Time).Sub(rows[0]["last"].(time.Time)).Round(time.Second)
	}
	if w := wait(bin.Source); w != time.Minute {
		t.Errorf("first backoff %s, want 1m", w)
	}
	// Failing again doubles the wait, up to the maximum.
	for i, want := range []time.Duration{2 * time.Minute, 3 * time.Minute, 3 * time.Minute} {
		id := []string{"p2", "p3", "p4"}[i]
		if err := store.RecordPass(ctx, pass(id, t0.Add(time.Duration(i+1)*time.Hour), []graph.FailureEntry{bin}), backoff, 0); err != nil {
			t.Fatal(err)
		}
		if w := wait(bin.Source); w != want {
			t.Errorf("after %d failures: backoff %s, want %s", i+2, w, want)
		}
	}
	failing, total, err := store.Failures(ctx, 2, 10)
	if err != nil {
		t.Fatal(err)
	}
	if total != 1 || len(failing) != 1 || failing[0].Source != bin.Source || failing[0].Attempts != 4 || failing[0].SourceName != "wire" {
		t.Errorf("failing 2+ times: %d %+v", total, failing)
	}
	// A recovered article's record goes.
	if err := store.RecordPass(ctx, pass("p5", t0.Add(5*time.Hour), nil, bin.Source), backoff, 0); err != nil {
		t.Fatal(err)
	}
	if past, _ := store.PastFailures(ctx, []string{bin.Source, gone.Source}); len(past) != 1 || past[gone.Source].Attempts != 1 {
		t.Errorf("after recovery: %+v", past)
	}
	sources, err := store.FailingSources(ctx, "wire")
	if err != nil || len(sources) != 1 || sources[0] != gone.Source {
		t.Errorf("failing sources of wire: %v %v", sources, err)
	}

	passes, err := store.LastPasses(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(passes) != 2 || passes[0].ID != "p5" || passes[1].ID != "p4" {
		t.Fatalf("last passes: %+v", passes)
	}
	p4 := passes[1]
	if p4.Seen != 10 || p4.New != 7 || p4.Failed != 1 || len(p4.Failures) != 1 || p4.Failures[0].Reason != bin.Reason ||
		p4.Written.RelationshipsCreated != 90 || p4.FinishedAt.Sub(p4.StartedAt) != 1500*time.Millisecond {
		t.Errorf("pass read back: %+v", p4)
	}
	started, ok, err := store.LastCompletedPass(ctx, "wire", "")
	if err != nil || !ok || !started.Equal(t0.Add(5*time.Hour)) {
		t.Errorf("last completed pass: %v %v %v", started, ok, err)
	}
	// Bookkeeping is not part of the facts.
	c, err := store.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Nodes["IngestPass"]+c.Nodes["IngestFailure"] != 0 {
		t.Errorf("Counts includes bookkeeping nodes: %v", c.Nodes)
	}
}

func TestRecordPassKeepsTheLatestPasses(t *testing.T) {
	store := graphtest.Fresh(t)
	ctx := context.Background()
	t0 := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 5; i++ {
		if err := store.RecordPass(ctx, pass(string(rune('a'+i)), t0.Add(time.Duration(i)*time.Hour), nil), graph.FailureBackoff{}, 3); err != nil {
			t.Fatal(err)
		}
	}
	passes, err := store.LastPasses(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(passes) != 3 || passes[0].ID != "e" || passes[2].ID != "c" {
		t.Errorf("kept passes: %d, newest %v", len(passes), passes)
	}
}
