package status

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	ingestcmd "github.com/newsgraph/newsgraph/cmd/ingest"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
)

func TestStatusShowsLockPassesAndRepeatedFailures(t *testing.T) {
	store := graphtest.Fresh(t)
	ctx := context.Background()
	if _, err := store.TryLock(ctx, "ingest", "host-a:101:beef", time.Minute); err != nil {
		t.Fatal(err)
	}
	t0 := time.Now().Add(-time.Hour).UTC().Truncate(time.Second)
	broken := graph.FailureEntry{Source: "https://example.org/gone", Kind: "http", Reason: "HTTP 404 Not Found"}
	once := graph.FailureEntry{Source: "/data/a.txt", Kind: "empty", Reason: "article is empty"}
	for i, failures := range [][]graph.FailureEntry{{broken, once}, {broken}} {
		rec := graph.PassRecord{
			ID: []string{"p1", "p2"}[i], Source: "wire", Kind: "feed", Owner: "host-a:101:beef", Status: graph.PassOK,
			StartedAt: t0.Add(time.Duration(i) * 10 * time.Minute), FinishedAt: t0.Add(time.Duration(i)*10*time.Minute + 2*time.Second),
			Seen: 12, New: 10 - 10*i, Unchanged: 10 * i, Failed: len(failures), Failures: failures,
		}
		if err := store.RecordPass(ctx, rec, graph.FailureBackoff{}, 0); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	opts := &Options{IO: cmdutil.IOStreams{Out: &out}, Config: &cmdutil.Config{Neo4j: graphtest.Config()}, Passes: 10, MinAttempts: 2, Failing: 20}
	if err := runStatus(ctx, opts); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"ingest: held by host-a:101:beef",
		"wire    -      ok      12    0    0        10         1",
		"failed (http): https://example.org/gone: HTTP 404 Not Found",
		"Sources failing 2 or more times in a row: 1",
		"2         http  https://example.org/gone",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("status lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text[strings.Index(text, "Sources failing"):], "/data/a.txt") {
		t.Errorf("a source that failed once is listed as failing repeatedly:\n%s", text)
	}

	out.Reset()
	opts.JSON = true
	if err := runStatus(ctx, opts); err != nil {
		t.Fatal(err)
	}
	var st Status
	if err := json.Unmarshal(out.Bytes(), &st); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if len(st.Passes) != 2 || st.Passes[0].ID != "p2" || st.FailingTotal != 1 || st.Failing[0].Attempts != 2 || len(st.Locks) != 1 || !st.Locks[0].Held() {
		t.Errorf("JSON status: %+v", st)
	}
}

func TestStatusOfAnEmptyGraph(t *testing.T) {
	graphtest.Fresh(t)
	var out bytes.Buffer
	opts := &Options{IO: cmdutil.IOStreams{Out: &out}, Config: &cmdutil.Config{Neo4j: graphtest.Config()}, Passes: 10, MinAttempts: 2, Failing: 20}
	if err := runStatus(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"never taken", "none recorded", "in a row: 0"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("status lacks %q:\n%s", want, out.String())
		}
	}
}

// A plain `newsgraph ingest` (no job) leaves status something to show:
// the graph's counts and the ingest's pass with its failures, which are
// not turned into retry records.
func TestStatusAfterAPlainIngest(t *testing.T) {
	store := graphtest.Fresh(t)
	ctx := context.Background()
	dir := t.TempDir()
	ref, err := os.ReadFile("../../testdata/articles/pompeo-kim-2018-04-18.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ref.txt"), ref, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var ingestOut bytes.Buffer
	f := &cmdutil.Factory{
		IO: cmdutil.IOStreams{Out: &ingestOut, ErrOut: &ingestOut},
		Config: func() (*cmdutil.Config, error) {
			return &cmdutil.Config{Neo4j: graphtest.Config(), Log: cmdutil.LogConfig{Level: "error"}}, nil
		},
	}
	cmd := ingestcmd.NewCmdIngest(f)
	cmd.SetArgs([]string{dir})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	if err := cmd.ExecuteContext(ctx); err == nil || !strings.Contains(ingestOut.String(), "1 new") {
		t.Fatalf("ingest of one good and one empty article: %v\n%s", err, ingestOut.String())
	}

	var out bytes.Buffer
	opts := &Options{IO: cmdutil.IOStreams{Out: &out}, Config: &cmdutil.Config{Neo4j: graphtest.Config()}, Passes: 10, MinAttempts: 1, Failing: 20}
	if err := runStatus(ctx, opts); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"Article 1", "Person ", "MENTIONS ",
		"ingest  -      ok      2     1    0        0          1", // the pass went through; one article failed
		"failed (empty): " + filepath.Join(dir, "empty.txt") + ": article is empty",
		"in a row: 0",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("status after ingest lacks %q:\n%s", want, text)
		}
	}
	if n := graphtest.Count(t, store, "MATCH (f:IngestFailure) RETURN count(f)", nil); n != 0 {
		t.Errorf("a plain ingest recorded %d failures for the job's retries", n)
	}
	passes, err := store.LastPasses(ctx, 5)
	if err != nil || len(passes) != 1 {
		t.Fatalf("passes: %+v %v", passes, err)
	}
	if p := passes[0]; p.Kind != graph.PassKindIngest || p.Seen != 2 || p.New != 1 || p.Failed != 1 || !p.FinishedAt.After(p.StartedAt) {
		t.Errorf("the ingest's pass: %+v", p)
	}
}
