package run

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/source"
)

// neo4jLocal runs scripts/neo4j-local on the tests' own instance (the
// test instance; never the default one newsgraph uses).
func neo4jLocal(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(filepath.Join(repoRoot, "scripts", "neo4j-local"), append([]string{"--instance", "test"}, args...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// requireManagedNeo4j checks that the database under test is the test
// instance of scripts/neo4j-local, so that stopping it stops the right
// server. A database the script does not manage (NEO4J_URI pointing at
// Docker or a remote server) cannot be restarted by the test, which then
// skips outside CI.
func requireManagedNeo4j(t *testing.T) {
	t.Helper()
	env, err := neo4jLocal(t, "env")
	if err != nil {
		t.Fatalf("scripts/neo4j-local env: %v\n%s", err, env)
	}
	var scriptURI string
	for _, line := range strings.Split(env, "\n") {
		if v, ok := strings.CutPrefix(line, "NEO4J_URI="); ok {
			scriptURI = strings.TrimSpace(v)
		}
	}
	want, err1 := url.Parse(graphtest.Config().URI)
	got, err2 := url.Parse(scriptURI)
	if err1 != nil || err2 != nil || want.Port() != got.Port() || !isLoopback(want.Hostname()) {
		skipOutsideCI(t, "the database under test (%s) is not the test instance of scripts/neo4j-local (%s): unset NEO4J_URI to run the restart test",
			graphtest.Config().Redacted(), scriptURI)
	}
	if out, err := neo4jLocal(t, "status"); err != nil {
		skipOutsideCI(t, "scripts/neo4j-local does not manage a running server here (%v): %s", err, out)
	}
}

func isLoopback(host string) bool { return host == "127.0.0.1" || host == "localhost" || host == "::1" }

// startNeo4j starts the instance and waits until the script says it runs.
func startNeo4j(t *testing.T) error {
	deadline := time.Now().Add(4 * time.Minute)
	for {
		out, err := neo4jLocal(t, "start")
		if err == nil {
			if _, err := neo4jLocal(t, "status"); err == nil {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("neo4j did not come back: %v\n%s", err, out)
		}
		time.Sleep(2 * time.Second)
	}
}

// restartCorpus writes articles for a pass of several batches.
func restartCorpus(t *testing.T) string {
	dir := t.TempDir()
	names := []string{"hanoi-summit.txt", "abe-washington.txt", "moon-xi.txt", "merkel-macron.txt", "putin-erdogan.txt", "pompeo-pyongyang.txt", "lavrov-wang.txt"}
	for i := 0; i < 2; i++ {
		for _, n := range names {
			writeFile(t, filepath.Join(dir, fmt.Sprintf("copy-%d", i), n), article(t, n))
		}
	}
	writeFile(t, filepath.Join(dir, "reference.txt"), readRef(t))
	return dir
}

func readRef(t *testing.T) string {
	b, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "articles", "pompeo-kim-2018-04-18.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Neo4j stopped in the middle of a pass and started again: the job waits
// for it, goes on, and the final graph equals that of an undisturbed run.
func TestNeo4jRestartMidPass(t *testing.T) {
	store := graphtest.Fresh(t)
	requireManagedNeo4j(t)
	// Whatever happens, leave the shared server running.
	t.Cleanup(func() {
		if _, err := neo4jLocal(t, "status"); err != nil {
			if err := startNeo4j(t); err != nil {
				t.Errorf("could not restart Neo4j after the test: %v", err)
			}
		}
	})
	dir := restartCorpus(t)
	specs := []source.Spec{{Name: "archive", Path: dir}}
	cfg := testConfig()
	cfg.Ingest.BatchSize, cfg.Ingest.Workers = 2, 1
	// The driver's own retry of a transaction gives up after 2s, so that
	// the job's backoff has to carry it through the outage.
	cfg.Neo4j.MaxTransactionRetry = 2 * time.Second

	undisturbed := runOnce(t, cfg, specs)
	if undisturbed.err != nil || undisturbed.pass(t, "archive").New != 15 {
		t.Fatalf("undisturbed run: %v %+v", undisturbed.err, undisturbed.passes)
	}
	want, wantCounts, wantMet := snapshot(t, store), counts(t, store), metPairs(t, store)

	graphtest.Fresh(t)
	var (
		once      sync.Once
		restarted = make(chan error, 1)
		backAt    time.Time
	)
	disturbed := runOnce(t, cfg, specs, func(o *Options) {
		o.progress = func(r ingest.Report) {
			if r.New < 4 {
				return
			}
			once.Do(func() {
				// Two batches are in; the database goes away under the job
				// and comes back a few seconds later.
				if out, err := neo4jLocal(t, "stop"); err != nil {
					restarted <- fmt.Errorf("stop: %v\n%s", err, out)
					return
				}
				go func() {
					time.Sleep(3 * time.Second)
					err := startNeo4j(t)
					backAt = time.Now()
					restarted <- err
				}()
			})
		}
	})
	select {
	case err := <-restarted:
		if err != nil {
			t.Fatal(err)
		}
	default:
		t.Fatal("the pass ended before the database was back: it was not stopped mid-pass")
	}
	if disturbed.err != nil {
		t.Fatalf("the job did not ride out the restart: %v\n%s", disturbed.err, disturbed.log)
	}
	p := disturbed.pass(t, "archive")
	if p.Status != graph.PassOK || p.New != 15 || p.Failed != 0 {
		t.Errorf("disturbed pass: %+v\n%s", p, disturbed.log)
	}
	if !p.FinishedAt.After(backAt) {
		t.Errorf("the pass finished at %v, before the database was back at %v", p.FinishedAt, backAt)
	}
	if !strings.Contains(disturbed.log, "store unavailable; retrying") {
		t.Errorf("the log does not show the wait for the database:\n%s", disturbed.log)
	}
	got, gotCounts, gotMet := snapshot(t, store), counts(t, store), metPairs(t, store)
	if fmt.Sprint(gotCounts) != fmt.Sprint(wantCounts) {
		t.Errorf("counts after the restart %v, undisturbed %v", gotCounts, wantCounts)
	}
	if strings.Join(gotMet, "\n") != strings.Join(wantMet, "\n") {
		t.Errorf("MET pairs differ:\n%s\nundisturbed:\n%s", strings.Join(gotMet, "\n"), strings.Join(wantMet, "\n"))
	}
	requireSameGraph(t, "after a restart mid-pass", got, want)
	if n := graphtest.Count(t, store, "MATCH (p:IngestPass) RETURN count(p)", nil); n != 1 {
		t.Errorf("%d pass records, want 1", n)
	}
}

func counts(t *testing.T, store *graph.Store) graph.Counts {
	t.Helper()
	c, err := store.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// skipOutsideCI skips on a developer's machine, where the database under
// test may be one the script does not manage; in CI, which starts Neo4j
// with the script, the same condition is a failure.
func skipOutsideCI(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}
