package source

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/source/sourcetest"
)

var summit = sourcetest.Page{
	Title: "Moon and Kim Meet at Panmunjom",
	Paragraphs: []string{
		"South Korean President Moon Jae-in met North Korean leader Kim Jong Un at Panmunjom on Friday.",
		"The two leaders walked to the Peace House for talks that lasted most of the day.",
	},
	Published: time.Date(2018, 4, 27, 10, 0, 0, 0, time.UTC),
}

// fakeStore is an in-memory HashLookup and FailureLog.
type fakeStore struct {
	hashes   map[string]string // article id -> hash
	failures map[string]ingest.PastFailure
}

func (f fakeStore) ArticleHashes(_ context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	for _, id := range ids {
		if h, ok := f.hashes[id]; ok {
			out[id] = h
		}
	}
	return out, nil
}

func (f fakeStore) PastFailures(_ context.Context, sources []string) (map[string]ingest.PastFailure, error) {
	out := map[string]ingest.PastFailure{}
	for _, s := range sources {
		if pf, ok := f.failures[s]; ok {
			out[s] = pf
		}
	}
	return out, nil
}

func newFetcher() *Fetcher {
	return NewFetcher(FetchOptions{Timeout: 500 * time.Millisecond, HostDelay: 0, UserAgent: "newsgraph-test"})
}

func TestFeedFetchesLinkedPagesAndRecordsEachFailure(t *testing.T) {
	site := sourcetest.NewSite(t)
	site.SetPage("/world/summit", summit)
	site.SetRSS("/rss.xml", "/world/summit", sourcetest.NotFound, sourcetest.ServerError, sourcetest.Slow, sourcetest.EmptyArticle)
	got := collect(t, Feed{URL: site.URL("/rss.xml"), Fetcher: newFetcher()})

	a := got[site.URL("/world/summit")]
	if a.Err != nil {
		t.Fatalf("good item failed: %v", a.Err)
	}
	want := summit.Title + "\n\n" + strings.Join(summit.Paragraphs, "\n\n")
	if string(a.Text) != want {
		t.Errorf("item text:\n%s\nwant:\n%s", a.Text, want)
	}
	if a.URL != site.URL("/world/summit") || !a.Published.Equal(summit.Published) {
		t.Errorf("item url %q published %v", a.URL, a.Published)
	}
	failures := []struct {
		path string
		err  error
		kind string
	}{
		{sourcetest.NotFound, ErrHTTPStatus, "http"},
		{sourcetest.ServerError, ErrHTTPStatus, "http"},
		{sourcetest.Slow, ErrTimeout, "timeout"},
		{sourcetest.EmptyArticle, ingest.ErrEmpty, "empty"},
	}
	for _, f := range failures {
		a, ok := got[site.URL(f.path)]
		if !ok || !errors.Is(a.Err, f.err) || FailureKind(a.Err) != f.kind {
			t.Errorf("%s: found %v, err %v (kind %s), want %v (%s)", f.path, ok, a.Err, FailureKind(a.Err), f.err, f.kind)
		}
	}
	if uas := site.UserAgents(); len(uas) != 1 || uas[0] != "newsgraph-test" {
		t.Errorf("User-Agents sent: %q", uas)
	}
}

func TestFeedThatIsNotAFeedIsOneFailure(t *testing.T) {
	site := sourcetest.NewSite(t)
	for _, tt := range []struct {
		path string
		want error
	}{
		{sourcetest.HTMLNotFeed, ErrNotFeed},
		{sourcetest.Unavailable, ErrHTTPStatus},
		{"/nothing-here", ErrHTTPStatus},
	} {
		got := collect(t, Feed{URL: site.URL(tt.path), Fetcher: newFetcher()})
		a, ok := got[site.URL(tt.path)]
		if len(got) != 1 || !ok || !errors.Is(a.Err, tt.want) {
			t.Errorf("%s: %d articles, err %v; want one failure %v", tt.path, len(got), a.Err, tt.want)
		}
	}
}

func TestFeedSkipsKnownItemsAndBacksOffFailures(t *testing.T) {
	site := sourcetest.NewSite(t)
	site.SetPage("/old", summit)
	updated := summit
	updated.Published = time.Date(2018, 5, 2, 0, 0, 0, 0, time.UTC)
	site.SetPage("/updated", updated)
	site.SetAtom("/atom.xml", "/old", "/updated", sourcetest.NotFound)
	since := time.Date(2018, 5, 1, 0, 0, 0, 0, time.UTC) // the last pass began between the two
	store := fakeStore{
		hashes: map[string]string{
			ingest.ArticleID(site.URL("/old")):     "h1",
			ingest.ArticleID(site.URL("/updated")): "h2",
		},
		failures: map[string]ingest.PastFailure{
			site.URL(sourcetest.NotFound): {Reason: "HTTP 404 Not Found", Attempts: 1, RetryAt: time.Now().Add(time.Hour)},
		},
	}
	got := collect(t, Feed{URL: site.URL("/atom.xml"), Fetcher: newFetcher(), Stored: store, Failures: store, Since: since})
	if a := got[site.URL("/old")]; !errors.Is(a.Err, ingest.ErrNotModified) || site.Hits("/old") != 0 {
		t.Errorf("known, not updated item: err %v, fetched %d times; want not modified and not fetched", a.Err, site.Hits("/old"))
	}
	if a := got[site.URL("/updated")]; a.Err != nil || site.Hits("/updated") != 1 {
		t.Errorf("item updated since the last pass: err %v, fetched %d times; want fetched once", a.Err, site.Hits("/updated"))
	}
	if a := got[site.URL(sourcetest.NotFound)]; !errors.Is(a.Err, ingest.ErrDeferred) || site.Hits(sourcetest.NotFound) != 0 {
		t.Errorf("item backing off: err %v, fetched %d times; want deferred and not fetched", a.Err, site.Hits(sourcetest.NotFound))
	}

	// Force fetches everything again.
	got = collect(t, Feed{URL: site.URL("/atom.xml"), Fetcher: newFetcher(), Stored: store, Failures: store, Since: since, Force: true})
	if site.Hits("/old") != 1 || site.Hits(sourcetest.NotFound) != 1 || got[site.URL("/old")].Err != nil {
		t.Errorf("forced pass: /old fetched %d, 404 fetched %d times", site.Hits("/old"), site.Hits(sourcetest.NotFound))
	}
}

func TestFeedURLBackingOffIsNotFetched(t *testing.T) {
	site := sourcetest.NewSite(t)
	site.SetRSS("/rss.xml", "/a")
	feedURL := site.URL("/rss.xml")
	store := fakeStore{failures: map[string]ingest.PastFailure{
		feedURL: {Reason: "HTTP 503", Attempts: 2, RetryAt: time.Now().Add(time.Hour)},
	}}
	got := collect(t, Feed{URL: feedURL, Fetcher: newFetcher(), Failures: store})
	if a := got[feedURL]; len(got) != 1 || !errors.Is(a.Err, ingest.ErrDeferred) || site.Hits("/rss.xml") != 0 {
		t.Errorf("deferred feed: %d articles, err %v, fetched %d times", len(got), a.Err, site.Hits("/rss.xml"))
	}
	// Once due, the feed is fetched and reported recovered.
	store.failures[feedURL] = ingest.PastFailure{Attempts: 2, RetryAt: time.Now().Add(-time.Minute)}
	var recovered []string
	collect(t, Feed{URL: feedURL, Fetcher: newFetcher(), Failures: store, Recovered: func(s string) { recovered = append(recovered, s) }})
	if site.Hits("/rss.xml") != 1 || len(recovered) != 1 || recovered[0] != feedURL {
		t.Errorf("due feed: fetched %d times, recovered %v", site.Hits("/rss.xml"), recovered)
	}
}

func TestFeedItemContent(t *testing.T) {
	const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Abe Visits Washington</title><guid isPermaLink="false">story-1</guid>
<description><![CDATA[<p>Japanese Prime Minister Shinzo Abe met President Donald Trump at the White House on Wednesday.</p><p>They discussed trade.</p>]]></description></item>
<item><title>Empty</title><guid isPermaLink="false">story-2</guid></item>
</channel></rss>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(rss))
	}))
	defer srv.Close()
	got := collect(t, Feed{URL: srv.URL + "/rss", Fetcher: newFetcher()})
	a := got[srv.URL+"/rss#story-1"]
	want := "Abe Visits Washington\n\nJapanese Prime Minister Shinzo Abe met President Donald Trump at the White House on Wednesday.\n\nThey discussed trade."
	if a.Err != nil || string(a.Text) != want {
		t.Errorf("item without a link: err %v\n%s\nwant:\n%s", a.Err, a.Text, want)
	}
	if e := got[srv.URL+"/rss#story-2"]; !errors.Is(e.Err, ingest.ErrEmpty) {
		t.Errorf("item without content: %v", e.Err)
	}
}
