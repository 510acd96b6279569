package run

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/graphtest"
	"github.com/newsgraph/newsgraph/ingest/source"
	"github.com/newsgraph/newsgraph/ingest/source/sourcetest"
)

func TestParseSchedule(t *testing.T) {
	from := time.Date(2024, 5, 1, 10, 7, 0, 0, time.UTC)
	named := map[string]string{"nightly": "0 3 * * *", "often": "10m"}
	tests := []struct {
		expr string
		next time.Time
	}{
		{"*/15 * * * *", time.Date(2024, 5, 1, 10, 15, 0, 0, time.UTC)},
		{"@hourly", time.Date(2024, 5, 1, 11, 0, 0, 0, time.UTC)},
		{"@every 30m", from.Add(30 * time.Minute)},
		{"45m", from.Add(45 * time.Minute)},
		{"nightly", time.Date(2024, 5, 2, 3, 0, 0, 0, time.UTC)},
		{"often", from.Add(10 * time.Minute)},
		{"Nightly", time.Date(2024, 5, 2, 3, 0, 0, 0, time.UTC)},
		{"CRON_TZ=Asia/Tokyo 0 9 * * *", time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		s, err := ParseSchedule(tt.expr, named)
		if err != nil {
			t.Errorf("%q: %v", tt.expr, err)
			continue
		}
		if got := s.Next(from); !got.Equal(tt.next) {
			t.Errorf("%q: next after %v is %v, want %v", tt.expr, from, got, tt.next)
		}
	}
	for _, bad := range []string{"", "every hour", "61 * * * *", "100ms", "weekly"} {
		if _, err := ParseSchedule(bad, named); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestSelectSources(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig()
	cfg.Sources = []source.Spec{
		{Name: "archive", Path: dir},
		{Name: "wire", URL: "https://example.org/rss.xml", Schedule: "@every 15m"},
	}
	pick := func(names, args []string) ([]string, error) {
		specs, err := selectSources(&Options{Config: cfg, Names: names, Args: args, Schedule: "5m"})
		var got []string
		for _, s := range specs {
			got = append(got, s.Name+"|"+s.Kind()+"|"+s.Schedule)
		}
		return got, err
	}
	if got, _ := pick(nil, nil); !slices.Equal(got, []string{"archive|files|", "wire|feed|@every 15m"}) {
		t.Errorf("all configured: %v", got)
	}
	if got, _ := pick([]string{"wire"}, nil); !slices.Equal(got, []string{"wire|feed|@every 15m"}) {
		t.Errorf("by name: %v", got)
	}
	abs, _ := filepath.Abs(dir)
	if got, _ := pick(nil, []string{dir, "https://example.com/feed"}); !slices.Equal(got, []string{abs + "|files|5m", "https://example.com/feed|feed|5m"}) {
		t.Errorf("arguments replace the configured sources: %v", got)
	}
	var fe *cmdutil.FlagError
	if _, err := pick([]string{"nope"}, nil); !errors.As(err, &fe) || !strings.Contains(err.Error(), "archive, wire") {
		t.Errorf("unknown name: %v", err)
	}
	cfg.Sources = append(cfg.Sources, source.Spec{Name: "wire", Path: dir})
	if _, err := pick(nil, nil); !errors.As(err, &fe) || !strings.Contains(err.Error(), "two sources") {
		t.Errorf("duplicate names: %v", err)
	}
	cfg.Sources = []source.Spec{{Name: "both", Path: dir, URL: "https://example.org/x"}}
	if _, err := pick(nil, nil); !errors.As(err, &fe) {
		t.Errorf("path and url: %v", err)
	}
	cfg.Sources = []source.Spec{{Name: "relative", Path: "articles"}}
	cfg.File = "/etc/newsgraph/newsgraph.yaml"
	if got, _ := pick(nil, nil); !slices.Equal(got, []string{"relative|files|"}) {
		t.Errorf("relative path: %v", got)
	} else if specs, _ := selectSources(&Options{Config: cfg}); specs[0].Path != "/etc/newsgraph/articles" {
		t.Errorf("a relative path resolves against the config file's directory: %s", specs[0].Path)
	}
	cfg.Sources = nil
	if _, err := pick(nil, nil); !errors.As(err, &fe) || !strings.Contains(err.Error(), "no sources") {
		t.Errorf("no sources: %v", err)
	}
}

func TestLockNamePerShard(t *testing.T) {
	if got := lockName("", source.Shard{}); got != "ingest" {
		t.Errorf("default: %q", got)
	}
	if got := lockName("ingest", source.Shard{Index: 2, Count: 4}); got != "ingest/shard-2-of-4" {
		t.Errorf("shard: %q", got)
	}
}

// A pass over a directory (text, HTML, JSON Lines) and a feed puts every
// article in; a second pass finds nothing to do, writes nothing and fetches
// no page again.
func TestPassesOverADirectoryAndAFeed(t *testing.T) {
	store := graphtest.Fresh(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "2019/hanoi-summit.txt"), article(t, "hanoi-summit.txt"))
	writeFile(t, filepath.Join(dir, "2019/abe-washington.txt"), article(t, "abe-washington.txt"))
	writeFile(t, filepath.Join(dir, "2019/moon-xi.html"), sourcetest.PageHTML(asPage(t, article(t, "moon-xi.txt"))))
	writeFile(t, filepath.Join(dir, "export.jsonl"), asJSON(t, article(t, "merkel-macron.txt"), `,"id":"mm-1"`)+"\n"+
		asJSON(t, article(t, "putin-erdogan.txt"), `,"url":"https://news.example.org/putin-erdogan"`)+"\n")
	writeFile(t, filepath.Join(dir, "drafts/unfinished.txt"), "Draft\n\nNot for publication.\n")
	site := sourcetest.NewSite(t)
	site.SetPage("/2018/05/pompeo-pyongyang", asPage(t, article(t, "pompeo-pyongyang.txt")))
	site.SetPage("/2019/07/lavrov-wang", asPage(t, article(t, "lavrov-wang.txt")))
	site.SetRSS("/world/rss.xml", "/2018/05/pompeo-pyongyang", "/2019/07/lavrov-wang")
	specs := []source.Spec{
		{Name: "archive", Path: dir, Exclude: []string{"drafts/**"}},
		{Name: "world", URL: site.URL("/world/rss.xml")},
	}
	cfg := testConfig()

	first := runOnce(t, cfg, specs)
	if first.err != nil {
		t.Fatalf("first pass: %v\n%s\n%s", first.err, first.out, first.log)
	}
	archive, world := first.pass(t, "archive"), first.pass(t, "world")
	if archive.Status != graph.PassOK || archive.Seen != 5 || archive.New != 5 || archive.Failed != 0 {
		t.Errorf("first pass over the directory: %+v\n%s", archive, first.out)
	}
	if world.Status != graph.PassOK || world.Seen != 2 || world.New != 2 || world.Failed != 0 {
		t.Errorf("first pass over the feed: %+v\n%s", world, first.out)
	}
	if !strings.Contains(first.out, "archive ok: 5 seen, 5 new, 0 updated, 0 unchanged, 0 failed") {
		t.Errorf("no summary line for the directory:\n%s", first.out)
	}
	if n := graphtest.Count(t, store, "MATCH (a:Article) RETURN count(a)", nil); n != 7 {
		t.Errorf("%d articles in the graph, want 7", n)
	}
	for _, q := range []struct{ what, query string }{
		{"JSON entry by url", `MATCH (a:Article {source: 'https://news.example.org/putin-erdogan'}) WHERE a.title STARTS WITH 'Putin Hosts' RETURN count(a)`},
		{"JSON entry by id", `MATCH (a:Article) WHERE a.source ENDS WITH 'export.jsonl#mm-1' AND a.published IS NOT NULL RETURN count(a)`},
		{"HTML page", `MATCH (a:Article) WHERE a.source ENDS WITH 'moon-xi.html' AND a.title = 'Moon and Xi Meet in Beijing' RETURN count(a)`},
		{"feed item", `MATCH (a:Article {url: $url}) WHERE a.title STARTS WITH 'Pompeo Returns' RETURN count(a)`},
		{"a meeting from the feed", `MATCH (:Person {name: 'Mike Pompeo'})-[:ATTENDED]->(m:Meeting)-[:REPORTED_IN]->(:Article {url: $url}) RETURN count(m)`},
	} {
		if graphtest.Count(t, store, q.query, map[string]any{"url": site.URL("/2018/05/pompeo-pyongyang")}) != 1 {
			t.Errorf("%s: not in the graph", q.what)
		}
	}
	before := snapshot(t, store)

	second := runOnce(t, cfg, specs)
	if second.err != nil {
		t.Fatalf("second pass: %v\n%s", second.err, second.log)
	}
	for _, p := range second.passes {
		if p.New+p.Updated+p.Failed != 0 || p.Unchanged != p.Seen || p.Written.Changed() || p.Written.PropertiesSet != 0 {
			t.Errorf("second pass over %s did something: %+v", p.Source, p)
		}
	}
	requireSameGraph(t, "after the second pass", snapshot(t, store), before)
	if site.Hits("/2018/05/pompeo-pyongyang") != 1 || site.Hits("/2019/07/lavrov-wang") != 1 || site.Hits("/world/rss.xml") != 2 {
		t.Errorf("the second pass fetched pages it holds: pages %d, %d; feed %d",
			site.Hits("/2018/05/pompeo-pyongyang"), site.Hits("/2019/07/lavrov-wang"), site.Hits("/world/rss.xml"))
	}
	if uas := site.UserAgents(); len(uas) != 1 || uas[0] != "newsgraph-test" {
		t.Errorf("User-Agent: %v", uas)
	}
	passes, err := store.LastPasses(context.Background(), 10)
	if err != nil || len(passes) != 4 {
		t.Errorf("recorded passes: %d, %v", len(passes), err)
	}
}

// A changed article replaces its old facts exactly: the graph after the
// change equals the graph of a fresh ingest of the new files, actors that
// other articles still mention stay, the rest of the old version goes.
func TestChangedArticleReplacesItsOldFactsExactly(t *testing.T) {
	store := graphtest.Fresh(t)
	dir := t.TempDir()
	changing := filepath.Join(dir, "changing.txt")
	writeFile(t, changing, article(t, "hanoi-summit.txt"))                            // Trump, Kim, Pompeo
	writeFile(t, filepath.Join(dir, "other.txt"), article(t, "abe-washington.txt"))   // Abe, Trump
	writeFile(t, filepath.Join(dir, "third.txt"), article(t, "pompeo-pyongyang.txt")) // Pompeo, Kim, Trump
	specs := []source.Spec{{Name: "archive", Path: dir}}
	cfg := testConfig()
	if r := runOnce(t, cfg, specs); r.err != nil || r.pass(t, "archive").New != 3 {
		t.Fatalf("first pass: %v %+v", r.err, r.passes)
	}
	oldMeetings := meetingsOf(t, store, changing)
	if len(oldMeetings) == 0 {
		t.Fatal("the first version yields no meeting: the test cannot show that old facts go")
	}

	writeFile(t, changing, article(t, "lavrov-wang.txt")) // Lavrov, Wang: nothing in common
	r := runOnce(t, cfg, specs)
	if p := r.pass(t, "archive"); r.err != nil || p.Updated != 1 || p.Unchanged != 2 || p.New != 0 {
		t.Fatalf("second pass: %v %+v", r.err, p)
	}
	updated := snapshot(t, store)
	for _, id := range oldMeetings {
		if n := graphtest.Count(t, store, `MATCH (m:Meeting {id: $id})-[:REPORTED_IN]->(a:Article {source: $src}) RETURN count(m)`,
			map[string]any{"id": id, "src": changing}); n != 0 {
			t.Errorf("meeting %s of the old version is still reported in the changed article", id)
		}
	}
	for _, q := range []struct {
		what  string
		query string
		want  int64
	}{
		{"the new version's meeting", `MATCH (:Person {name: 'Sergei Lavrov'})-[:ATTENDED]->(:Meeting)-[:REPORTED_IN]->(:Article {source: $src}) RETURN count(*)`, 1},
		{"Trump, still in other articles", `MATCH (p:Person {name: 'Donald Trump'})<-[:MENTIONS]-(:Article) RETURN count(DISTINCT p)`, 1},
		{"no mention of Trump by the changed article", `MATCH (:Article {source: $src})-[:MENTIONS]->(:Person {name: 'Donald Trump'}) RETURN count(*)`, 0},
		{"no statement of the old version", `MATCH (s:Statement)-[:REPORTED_IN]->(:Article {source: $src}) WHERE s.text CONTAINS 'walk' RETURN count(s)`, 0},
		{"Vietnam, mentioned only by the old version, gone", `MATCH (c:Country {id: 'country:VN'}) RETURN count(c)`, 0},
	} {
		if n := graphtest.Count(t, store, q.query, map[string]any{"src": changing}); n != q.want {
			t.Errorf("%s: %d, want %d", q.what, n, q.want)
		}
	}

	// The reference: the same files ingested into an empty graph.
	graphtest.Fresh(t)
	if r := runOnce(t, cfg, specs); r.err != nil || r.pass(t, "archive").New != 3 {
		t.Fatalf("fresh ingest: %v %+v", r.err, r.passes)
	}
	requireSameGraph(t, "changed article vs fresh ingest", updated, snapshot(t, store))
	if t.Failed() {
		t.Log("facts of the old version outlived the change: the writer's stale-fact removal (qRemoveStale in graph/statements.go) left them")
	}
}

func meetingsOf(t *testing.T, store *graph.Store, src string) []string {
	t.Helper()
	rows, err := store.Query(context.Background(), `MATCH (m:Meeting)-[:REPORTED_IN]->(:Article {source: $src}) RETURN m.id AS id`, map[string]any{"src": src})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		out = append(out, r["id"].(string))
	}
	return out
}

// Every kind of bad input is recorded as a failure with its reason and
// source, the good articles still go in, and failures back off: the next
// pass does not retry them (unless their content changed) until they are
// due.
func TestBadInputsAreRecordedAndBackOff(t *testing.T) {
	store := graphtest.Fresh(t)
	ctx := context.Background()
	dir := t.TempDir()
	path := func(name string) string { return filepath.Join(dir, name) }
	writeFile(t, path("good.txt"), article(t, "hanoi-summit.txt"))
	writeFile(t, path("empty.txt"), " \n\n\t\n")
	writeFile(t, path("binary.txt"), "GIF89a\x00\x01\x02\x03 not text \x00\x00")
	writeFile(t, path("not-utf8.txt"), "Caf\xe9 talks\n\nThe ministers met in Z\xfcrich on \x81Monday.\n") // 0x81: not Windows-1252 either
	writeFile(t, path("big.txt"), strings.Repeat("Words and more words. ", 1000))                          // 22 KB > 16 KB
	writeFile(t, path("lines.jsonl"), asJSON(t, article(t, "merkel-macron.txt"), `,"id":"mm"`)+"\n"+
		`{"title": "Broken", "text": "the closing brace is missing"`+"\n"+
		asJSON(t, article(t, "putin-erdogan.txt"), `,"url":"https://news.example.org/putin-erdogan"`)+"\n")
	writeFile(t, path("page.html"), sourcetest.PageHTML(asPage(t, article(t, "moon-xi.txt"))))
	site := sourcetest.NewSite(t)
	site.SetPage("/good", asPage(t, article(t, "abe-washington.txt")))
	site.SetRSS("/rss.xml", "/good", sourcetest.NotFound, sourcetest.ServerError, sourcetest.Slow, sourcetest.EmptyArticle)
	specs := []source.Spec{
		{Name: "archive", Path: dir},
		{Name: "wire", URL: site.URL("/rss.xml")},
		{Name: "moved", URL: site.URL(sourcetest.HTMLNotFeed)},
	}
	cfg := testConfig()

	r := runOnce(t, cfg, specs)
	if r.err != nil {
		t.Fatalf("bad articles must not fail the job: %v\n%s", r.err, r.log)
	}
	wantFailures := map[string]string{
		path("empty.txt"):                 "empty",
		path("binary.txt"):                "binary",
		path("not-utf8.txt"):              "not-utf8",
		path("big.txt"):                   "too-large",
		path("lines.jsonl") + ":2":        "malformed",
		site.URL(sourcetest.NotFound):     "http",
		site.URL(sourcetest.ServerError):  "http",
		site.URL(sourcetest.Slow):         "timeout",
		site.URL(sourcetest.EmptyArticle): "empty",
		site.URL(sourcetest.HTMLNotFeed):  "not-a-feed",
	}
	failures, total, err := store.Failures(ctx, 1, 100)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range failures {
		got[f.Source] = f.Kind
		if f.Reason == "" || f.Attempts != 1 || f.SourceName == "" || !f.NextAttemptAt.After(f.LastFailedAt) {
			t.Errorf("failure record incomplete: %+v", f)
		}
	}
	if total != len(wantFailures) {
		t.Errorf("%d failures recorded, want %d: %v", total, len(wantFailures), got)
	}
	for src, kind := range wantFailures {
		if got[src] != kind {
			t.Errorf("%s: recorded as %q, want %q", src, got[src], kind)
		}
	}
	if n := graphtest.Count(t, store, "MATCH (a:Article) RETURN count(a)", nil); n != 5 {
		t.Errorf("%d good articles in the graph, want 5 (good.txt, 2 JSON lines, page.html, /good)", n)
	}
	if p := r.pass(t, "archive"); p.New != 4 || p.Failed != 5 || p.Status != graph.PassOK || len(p.Failures) != 5 {
		t.Errorf("archive pass: %+v", p)
	}
	if p := r.pass(t, "moved"); p.Failed != 1 || !strings.Contains(p.Failures[0].Reason, "HTML page") {
		t.Errorf("moved feed pass: %+v", p)
	}
	if !strings.Contains(r.out, "failed: "+path("lines.jsonl")+":2: malformed JSON line") {
		t.Errorf("the summary does not name the malformed line:\n%s", r.out)
	}

	// Next pass: everything still backing off is deferred, no page fetched.
	hits := map[string]int{}
	for _, p := range []string{sourcetest.NotFound, sourcetest.ServerError, sourcetest.Slow, sourcetest.EmptyArticle, sourcetest.HTMLNotFeed} {
		hits[p] = site.Hits(p)
	}
	r = runOnce(t, cfg, specs)
	if d := r.pass(t, "archive").Deferred + r.pass(t, "wire").Deferred + r.pass(t, "moved").Deferred; d != 10 || r.err != nil {
		t.Errorf("second pass deferred %d, want 10 (%v): %+v", d, r.err, r.passes)
	}
	for p, n := range hits {
		if site.Hits(p) != n {
			t.Errorf("%s fetched again while backing off", p)
		}
	}

	// Fixed content is retried at once; a fixed JSON line (a new identity)
	// leaves its old failure behind as resolved.
	writeFile(t, path("not-utf8.txt"), "Café talks\n\nSwiss Foreign Minister Ignazio Cassis met Iranian Foreign Minister Mohammad Javad Zarif in Zürich on Monday.\n")
	writeFile(t, path("lines.jsonl"), asJSON(t, article(t, "merkel-macron.txt"), `,"id":"mm"`)+"\n"+
		`{"id": "fixed", "title": "Fixed", "text": "Spanish Prime Minister Pedro Sanchez met Portuguese Prime Minister Antonio Costa in Lisbon."}`+"\n"+
		asJSON(t, article(t, "putin-erdogan.txt"), `,"url":"https://news.example.org/putin-erdogan"`)+"\n")
	r = runOnce(t, cfg, specs)
	if p := r.pass(t, "archive"); p.New != 2 || p.Deferred != 3 || p.Failed != 0 {
		t.Errorf("pass after fixes: %+v", p)
	}
	past, err := store.PastFailures(ctx, []string{path("not-utf8.txt"), path("lines.jsonl") + ":2", path("binary.txt")})
	if err != nil || len(past) != 1 {
		t.Errorf("after the fixes the failures on record are %v (%v); want only binary.txt", past, err)
	}

	// Once due, the failures are retried, and fail again.
	makeDue(t, store)
	r = runOnce(t, cfg, specs)
	if p := r.pass(t, "wire"); p.Failed != 4 || p.Deferred != 0 {
		t.Errorf("due retry of the feed items: %+v", p)
	}
	for p, n := range hits {
		if site.Hits(p) != n+1 {
			t.Errorf("%s: fetched %d times, want %d (retried once when due)", p, site.Hits(p), n+1)
		}
	}
	failing, total, err := store.Failures(ctx, 2, 100)
	if err != nil || total != 8 {
		t.Errorf("failing twice: %d (%v), want 8", total, err)
	}
	for _, f := range failing {
		if f.Attempts != 2 {
			t.Errorf("%s: %d attempts, want 2", f.Source, f.Attempts)
		}
	}
}

// makeDue makes every recorded failure due for a retry now, as if its
// backoff had passed.
func makeDue(t *testing.T, store *graph.Store) {
	t.Helper()
	_, err := neo4j.ExecuteQuery(context.Background(), store.Driver(),
		`MATCH (f:IngestFailure) SET f.nextAttemptAt = datetime() - duration('PT1S')`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(store.Database()))
	if err != nil {
		t.Fatal(err)
	}
}

// The long-running job runs each source on its schedule until stopped,
// then releases its lock and returns cleanly.
func TestScheduledJobRunsUntilStopped(t *testing.T) {
	store := graphtest.Fresh(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), article(t, "moon-xi.txt"))
	cfg := testConfig()
	cfg.Schedules = map[string]string{"fast": "@every 1s"}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	passes := 0
	r := runJobWith(t, ctx, cfg, []source.Spec{{Name: "a", Path: dir, Schedule: "fast"}}, func(o *Options) {
		o.afterPass = func(p graph.PassRecord) {
			passes++
			if passes == 3 {
				cancel()
			}
		}
	})
	if r.err != nil {
		t.Fatalf("a stopped job returns cleanly: %v\n%s", r.err, r.log)
	}
	if passes != 3 {
		t.Errorf("%d passes, want 3", passes)
	}
	recorded, err := store.LastPasses(context.Background(), 10)
	if err != nil || len(recorded) != 3 || recorded[2].New != 1 || recorded[1].Unchanged != 1 || recorded[0].Unchanged != 1 {
		t.Errorf("recorded passes: %+v (%v)", recorded, err)
	}
	if recorded[0].StartedAt.Sub(recorded[1].StartedAt) < 900*time.Millisecond {
		t.Errorf("passes ran closer than their schedule: %v, %v", recorded[1].StartedAt, recorded[0].StartedAt)
	}
	if lock, _, _ := store.LockStatus(context.Background(), "ingest"); lock.Held() {
		t.Errorf("lock still held after the job stopped: %+v", lock)
	}
}

// A job whose lock is held by another exits with a message naming it.
func TestJobExitsWhenLocked(t *testing.T) {
	store := graphtest.Fresh(t)
	if _, err := store.TryLock(context.Background(), "ingest", "other-host:42:abcd", time.Minute); err != nil {
		t.Fatal(err)
	}
	r := runOnce(t, testConfig(), []source.Spec{{Name: "a", Path: t.TempDir()}})
	if !errors.Is(r.err, graph.ErrLocked) || !strings.Contains(r.err.Error(), "other-host:42:abcd") || !strings.Contains(r.err.Error(), "--on-locked=wait") {
		t.Errorf("err = %v", r.err)
	}
	if len(r.passes) != 0 {
		t.Errorf("a locked-out job ran passes: %+v", r.passes)
	}
}
