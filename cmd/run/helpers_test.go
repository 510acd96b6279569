package run

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
	"github.com/newsgraph/newsgraph/ingest/source"
	"github.com/newsgraph/newsgraph/ingest/source/sourcetest"
)

const repoRoot = "../.."

// testConfig is the job's configuration for tests: the test database,
// short timeouts, no politeness delay against the local test site.
func testConfig() *cmdutil.Config {
	return &cmdutil.Config{
		Neo4j:  graphtest.Config(),
		Ingest: cmdutil.IngestConfig{Workers: 2, BatchSize: 4, MaxArticleBytes: 16 << 10},
		Log:    cmdutil.LogConfig{Level: "warn"},
		Job: cmdutil.JobConfig{
			Schedule: "@every 1h", RunAtStart: true, LockName: "ingest", LockTTL: 15 * time.Second, OnLocked: "exit",
			Neo4jMaxWait: 3 * time.Minute, FailureBackoffInitial: time.Hour, FailureBackoffMax: 24 * time.Hour,
			Fetch: source.FetchOptions{Timeout: time.Second, HostDelay: 0, UserAgent: "newsgraph-test"},
		},
	}
}

// jobResult is what one in-process run of the job did.
type jobResult struct {
	out, log string
	passes   []graph.PassRecord
	err      error
}

// pass returns the recorded pass over the named source.
func (r jobResult) pass(t *testing.T, name string) graph.PassRecord {
	t.Helper()
	for _, p := range r.passes {
		if p.Source == name {
			return p
		}
	}
	t.Fatalf("no pass over %s; passes: %+v\noutput:\n%s\nlog:\n%s", name, r.passes, r.out, r.log)
	return graph.PassRecord{}
}

// runOnce runs `newsgraph run --once` in-process over the given sources.
func runOnce(t *testing.T, cfg *cmdutil.Config, specs []source.Spec, mods ...func(*Options)) jobResult {
	t.Helper()
	return runJobWith(t, context.Background(), cfg, specs, append(mods, func(o *Options) { o.Once = true })...)
}

func runJobWith(t *testing.T, ctx context.Context, cfg *cmdutil.Config, specs []source.Spec, mods ...func(*Options)) jobResult {
	t.Helper()
	c := *cfg
	c.Sources = specs
	var out, errOut bytes.Buffer
	var mu sync.Mutex
	var res jobResult
	opts := &Options{
		IO:     cmdutil.IOStreams{Out: &out, ErrOut: &syncWriter{w: &errOut, mu: &mu}},
		Config: &c,
		afterPass: func(p graph.PassRecord) {
			mu.Lock()
			res.passes = append(res.passes, p)
			mu.Unlock()
		},
	}
	for _, m := range mods {
		m(opts)
	}
	res.err = runJob(ctx, opts)
	res.out = out.String()
	mu.Lock()
	res.log = errOut.String()
	mu.Unlock()
	return res
}

type syncWriter struct {
	w  *bytes.Buffer
	mu *sync.Mutex
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// article reads a test article.
func article(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "articles", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// asPage turns a plain-text test article (dateline, title, paragraphs)
// into a page for the test site.
func asPage(t *testing.T, text string) sourcetest.Page {
	t.Helper()
	blocks := strings.Split(strings.TrimSpace(text), "\n\n")
	if len(blocks) < 3 {
		t.Fatalf("test article without dateline, title and body: %q", text)
	}
	published, err := time.Parse("2006-01-02", blocks[0])
	if err != nil {
		t.Fatal(err)
	}
	return sourcetest.Page{Title: blocks[1], Paragraphs: blocks[2:], Published: published}
}

// asJSON turns a plain-text test article into a JSON Lines record.
func asJSON(t *testing.T, text, extra string) string {
	t.Helper()
	p := asPage(t, text)
	body := strings.Join(p.Paragraphs, "\n\n")
	return fmt.Sprintf(`{"title":%q,"text":%q,"published":%q%s}`, p.Title, body, p.Published.Format("2006-01-02"), extra)
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot describes every fact node and relationship with its properties
// (bookkeeping nodes and the first-ingest time left out), one sorted line
// each, so that two graphs can be compared exactly.
//
// A meeting reported by several articles is one node whose id is that of
// the report that came first (graph/statements.go), so its id depends on
// the order of ingestion; the snapshot names each meeting by the reports'
// own ids (REPORTED_IN.localId) instead, which do not.
func snapshot(t *testing.T, store *graph.Store) []string {
	t.Helper()
	ctx := context.Background()
	internal := map[string]any{"internal": graph.InternalLabels}
	reports, err := store.Query(ctx, `MATCH (m:Meeting)
OPTIONAL MATCH (m)-[r:REPORTED_IN]->(:Article)
WITH m, collect(coalesce(r.localId, m.id)) AS ids
RETURN m.id AS id, ids`, nil)
	if err != nil {
		t.Fatal(err)
	}
	meetingName := map[string]string{}
	for _, r := range reports {
		var ids []string
		for _, x := range r["ids"].([]any) {
			ids = append(ids, x.(string))
		}
		sort.Strings(ids)
		meetingName[r["id"].(string)] = "meeting<" + strings.Join(ids, ",") + ">"
	}
	rename := func(v any) any {
		if s, ok := v.(string); ok {
			if n, ok := meetingName[s]; ok {
				return n
			}
		}
		return v
	}
	nodes, err := store.Query(ctx, `MATCH (n) WHERE NOT any(l IN labels(n) WHERE l IN $internal)
RETURN labels(n) AS labels, properties(n) AS props`, internal)
	if err != nil {
		t.Fatal(err)
	}
	rels, err := store.Query(ctx, `MATCH (a)-[r]->(b)
WHERE NOT any(l IN labels(a) WHERE l IN $internal) AND NOT any(l IN labels(b) WHERE l IN $internal)
RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props`, internal)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range nodes {
		props := n["props"].(map[string]any)
		delete(props, "ingestedAt")
		props["id"] = rename(props["id"])
		sortLists(props)
		out = append(out, fmt.Sprintf("node %s %v", sortedLabels(fmt.Sprint(n["labels"])), props))
	}
	for _, r := range rels {
		props := r["props"].(map[string]any)
		if id, ok := props["meetingId"]; ok {
			props["meetingId"] = rename(id)
		}
		out = append(out, fmt.Sprintf("rel %v %v->%v %v", r["type"], rename(r["from"]), rename(r["to"]), props))
	}
	sort.Strings(out)
	return out
}

// sortLists sorts list properties (aliases, titles): their order follows
// the order of ingestion, their content is what counts.
func sortLists(props map[string]any) {
	for k, v := range props {
		if list, ok := v.([]any); ok {
			strs := make([]string, len(list))
			for i, x := range list {
				strs[i] = fmt.Sprint(x)
			}
			sort.Strings(strs)
			props[k] = strs
		}
	}
}

func sortedLabels(s string) string {
	f := strings.Fields(strings.Trim(s, "[]"))
	sort.Strings(f)
	return strings.Join(f, ":")
}

// diff lists the lines only in a and only in b.
func diff(a, b []string) (onlyA, onlyB []string) {
	count := map[string]int{}
	for _, x := range a {
		count[x]++
	}
	for _, x := range b {
		count[x]--
	}
	for x, n := range count {
		for ; n > 0; n-- {
			onlyA = append(onlyA, x)
		}
		for ; n < 0; n++ {
			onlyB = append(onlyB, x)
		}
	}
	sort.Strings(onlyA)
	sort.Strings(onlyB)
	return onlyA, onlyB
}

func requireSameGraph(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(want) == 0 {
		t.Fatalf("%s: the reference graph is empty", what)
	}
	onlyGot, onlyWant := diff(got, want)
	if len(onlyGot)+len(onlyWant) > 0 {
		t.Errorf("%s: graphs differ\nonly in the graph under test:\n  %s\nonly in the reference:\n  %s",
			what, strings.Join(onlyGot, "\n  "), strings.Join(onlyWant, "\n  "))
	}
}

// metPairs is the set of MET pairs in the graph.
func metPairs(t *testing.T, store *graph.Store) []string {
	t.Helper()
	rows, err := store.Query(context.Background(), `MATCH (a:Actor)-[m:MET]->(b:Actor) RETURN a.id + ' ' + b.id + ' ' + m.meetingId AS pair`, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		out = append(out, r["pair"].(string))
	}
	sort.Strings(out)
	return out
}

var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
	binaryDir  string
)

// newsgraphBinary builds the command once per test run.
func newsgraphBinary(t *testing.T) string {
	t.Helper()
	binaryOnce.Do(func() {
		binaryDir, binaryErr = os.MkdirTemp("", "newsgraph-run-test-")
		if binaryErr != nil {
			return
		}
		binaryPath = filepath.Join(binaryDir, "newsgraph")
		cmd := exec.Command("go", "build", "-o", binaryPath, "github.com/newsgraph/newsgraph/cmd/newsgraph")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			binaryErr = fmt.Errorf("go build: %v\n%s", err, stderr.String())
		}
	})
	if binaryErr != nil {
		t.Fatal(binaryErr)
	}
	return binaryPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binaryDir != "" {
		os.RemoveAll(binaryDir)
	}
	os.Exit(code)
}
