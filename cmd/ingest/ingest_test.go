package ingest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
)

const referenceArticle = "../../testdata/articles/pompeo-kim-2018-04-18.txt"

func testConfig() *cmdutil.Config {
	return &cmdutil.Config{Neo4j: graphtest.Config(), Ingest: cmdutil.IngestConfig{BatchSize: 10}, Log: cmdutil.LogConfig{Level: "error"}}
}

func ingest(t *testing.T, paths ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := runIngest(context.Background(), &Options{
		IO:     cmdutil.IOStreams{Out: &out, ErrOut: &errOut},
		Config: testConfig(),
		Paths:  paths,
	})
	return out.String(), err
}

func TestIngestReferenceArticle(t *testing.T) {
	store := graphtest.Fresh(t)
	out, err := ingest(t, referenceArticle)
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	if !strings.Contains(out, "1 new") || strings.Contains(out, "nothing changed") {
		t.Errorf("first ingest should report a new article and created elements:\n%s", out)
	}
	checks := []struct {
		name  string
		query string
		min   int64
	}{
		{"Pompeo met Kim", `MATCH (:Person {name:'Mike Pompeo'})-[:MET]-(:Person {name:'Kim Jong Un'}) RETURN count(*)`, 1},
		{"article with its title", `MATCH (a:Article) WHERE a.title STARTS WITH 'Trump Confirms' AND a.published IS NOT NULL RETURN count(a)`, 1},
		{"meeting reported in the article with evidence", `MATCH (p:Person {name:'Mike Pompeo'})-[:ATTENDED]->(m:Meeting {status:'held'})-[r:REPORTED_IN]->(:Article)
			WHERE r.sentence CONTAINS 'Pompeo' AND r.end > r.start RETURN count(m)`, 1},
		{"article mentions the actors", `MATCH (a:Article)-[:MENTIONS]->(p:Person) WHERE p.name IN ['Mike Pompeo','Kim Jong Un','Donald Trump','Shinzo Abe'] RETURN count(DISTINCT p)`, 4},
		{"statements tied to the article", `MATCH (:Statement)-[:REPORTED_IN]->(:Article) RETURN count(*)`, 1},
	}
	for _, c := range checks {
		if n := graphtest.Count(t, store, c.query, nil); n < c.min {
			t.Errorf("%s: got %d, want at least %d", c.name, n, c.min)
		}
	}

	before, err := store.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out, err = ingest(t, referenceArticle)
	if err != nil {
		t.Fatalf("second ingest: %v", err)
	}
	if !strings.Contains(out, "1 unchanged") || !strings.Contains(out, "nothing changed") {
		t.Errorf("second ingest should skip the unchanged article and create nothing:\n%s", out)
	}
	after, _ := store.Counts(context.Background())
	if !equalCounts(before, after) {
		t.Errorf("second ingest changed the graph: before %v, after %v", before, after)
	}
}

func TestForcedReingestCreatesNothing(t *testing.T) {
	store := graphtest.Fresh(t)
	if out, err := ingest(t, referenceArticle); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	before, _ := store.Counts(context.Background())
	var out bytes.Buffer
	err := runIngest(context.Background(), &Options{IO: cmdutil.IOStreams{Out: &out, ErrOut: &out}, Config: testConfig(),
		Paths: []string{referenceArticle}, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "nothing changed") {
		t.Errorf("a forced re-ingest of the same text should change nothing:\n%s", out.String())
	}
	after, _ := store.Counts(context.Background())
	if !equalCounts(before, after) {
		t.Errorf("forced re-ingest changed the graph: before %v, after %v", before, after)
	}
}

func TestBadInputIsReportedAndTheRestGoesIn(t *testing.T) {
	store := graphtest.Fresh(t)
	dir := t.TempDir()
	good, err := os.ReadFile(referenceArticle)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"good.txt":       good,
		"empty.txt":      {},
		"binary.txt":     {0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 3, 0, 0},
		"latin1.txt":     []byte("Caf\xe9 au lait in M\xfcnchen.\n"),
		"mystery.txt":    []byte("Caf\xe9 \x81 au lait.\n"), // 0x81 is no Windows-1252 character
		"huge.txt":       bytes.Repeat([]byte("All work and no play makes Jack a dull boy. "), 50<<20/44+1),
		"unreadable.txt": []byte("Secret.\n"),
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Join(dir, "unreadable.txt"), 0); err != nil {
		t.Fatal(err)
	}
	out, err := ingest(t, dir)
	if err == nil {
		t.Fatalf("ingest with bad files should fail:\n%s", out)
	}
	if cmdutil.ExitCode(err) != 1 {
		t.Errorf("exit code %d, want 1", cmdutil.ExitCode(err))
	}
	wantReasons := map[string]string{
		"empty.txt":   "empty",
		"binary.txt":  "binary",
		"mystery.txt": "not valid UTF-8",
		"huge.txt":    "larger than the size limit",
	}
	if os.Geteuid() != 0 { // root reads any file
		wantReasons["unreadable.txt"] = "permission denied"
	}
	for name, reason := range wantReasons {
		if !strings.Contains(out, name) || !strings.Contains(out, reason) {
			t.Errorf("report should name %s with %q:\n%s", name, reason, out)
		}
	}
	if !strings.Contains(out, "warning: "+filepath.Join(dir, "latin1.txt")+": not valid UTF-8 (first bad byte at offset 3); read as Windows-1252") ||
		strings.Contains(out, "failed: "+filepath.Join(dir, "latin1.txt")) {
		t.Errorf("latin1.txt should go in with a warning:\n%s", out)
	}
	want := int64(2) // the good article and the Latin-1 one
	if os.Geteuid() == 0 {
		want++ // and unreadable.txt, which root reads
	}
	if n := graphtest.Count(t, store, `MATCH (a:Article) RETURN count(a)`, nil); n != want {
		t.Errorf("%d articles ingested, want %d", n, want)
	}
	if n := graphtest.Count(t, store, `MATCH (a:Article {title: 'Café au lait in München.'}) RETURN count(a)`, nil); n != 1 {
		t.Errorf("the Latin-1 article's title should be decoded")
	}
	if n := graphtest.Count(t, store, `MATCH (:Person {name:'Mike Pompeo'})-[:MET]-(:Person {name:'Kim Jong Un'}) RETURN count(*)`, nil); n < 1 {
		t.Errorf("the good article's meeting is missing")
	}
}

func equalCounts(a, b graph.Counts) bool { return reflect.DeepEqual(a, b) }

// BBC sport/199.txt is Latin-1 ("a \xa315.8m signing"): it goes in, decoded,
// with a warning that names it.
func TestLatin1ArticleGoesInWithAWarning(t *testing.T) {
	raw, err := os.ReadFile("../../../shared/data/bbc-news/sport/199.txt")
	if err != nil {
		t.Skipf("shared data not available: %v", err)
	}
	store := graphtest.Fresh(t)
	file := filepath.Join(t.TempDir(), "199.txt")
	if err := os.WriteFile(file, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := ingest(t, file)
	if err != nil || !strings.Contains(out, "1 new") || !strings.Contains(out, "warning: "+file+": not valid UTF-8") {
		t.Fatalf("ingest of a Latin-1 article: %v\n%s", err, out)
	}
	if n := graphtest.Count(t, store, `MATCH (a:Article {title: 'Chelsea sack Mutu'}) RETURN count(a)`, nil); n != 1 {
		t.Errorf("the article is not in the graph")
	}
	if n := graphtest.Count(t, store, `MATCH (:Person {name: 'Adrian Mutu'}) RETURN count(*)`, nil); n != 1 {
		t.Errorf("the article's actors are not in the graph")
	}
}
