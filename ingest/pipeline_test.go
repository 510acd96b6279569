package ingest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// sliceSource yields fixed articles.
type sliceSource []Article

func (s sliceSource) Articles(ctx context.Context, yield func(Article) error) error {
	for _, a := range s {
		if err := yield(a); err != nil {
			return err
		}
	}
	return nil
}

// echoExtractor returns the article's metadata as its facts; it panics on
// articles whose text says so, and can be held up to test cancellation.
type echoExtractor struct {
	mu      sync.Mutex
	calls   []string
	started chan string   // told each source as extraction starts, if set
	release chan struct{} // extraction waits for it, if set
}

func (e *echoExtractor) Extract(doc *Document) (*Facts, error) {
	e.mu.Lock()
	e.calls = append(e.calls, doc.Info.Source)
	e.mu.Unlock()
	if e.started != nil {
		e.started <- doc.Info.Source
	}
	if e.release != nil {
		<-e.release
	}
	if strings.Contains(doc.Text, "PANIC") {
		panic("extractor bug")
	}
	return &Facts{Article: doc.Info}, nil
}

// memSink is an in-memory sink: stored hashes, past failures, and faults
// to inject.
type memSink struct {
	mu          sync.Mutex
	hashes      map[string]string // article id -> content hash
	writes      map[string]int    // article source -> times written
	failures    map[string]PastFailure
	unavailable int             // the next n calls fail as unavailable
	reject      map[string]bool // sources whose write is refused
}

func newMemSink() *memSink {
	return &memSink{hashes: map[string]string{}, writes: map[string]int{}, failures: map[string]PastFailure{}, reject: map[string]bool{}}
}

func (s *memSink) down() bool {
	if s.unavailable > 0 {
		s.unavailable--
		return true
	}
	return false
}

func (s *memSink) Write(_ context.Context, batch []*Facts) (WriteStats, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.down() {
		return WriteStats{}, fmt.Errorf("writing: %w: connection refused", ErrSinkUnavailable)
	}
	for _, f := range batch {
		if s.reject[f.Article.Source] {
			return WriteStats{}, errors.New("constraint violation")
		}
	}
	for _, f := range batch {
		s.hashes[f.Article.ID] = f.Article.ContentHash
		s.writes[f.Article.Source]++
	}
	return WriteStats{Articles: len(batch), NodesCreated: len(batch)}, nil
}

func (s *memSink) ArticleHashes(_ context.Context, ids []string) (map[string]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.down() {
		return nil, fmt.Errorf("looking up: %w", ErrSinkUnavailable)
	}
	out := map[string]string{}
	for _, id := range ids {
		if h, ok := s.hashes[id]; ok {
			out[id] = h
		}
	}
	return out, nil
}

func (s *memSink) PastFailures(_ context.Context, sources []string) (map[string]PastFailure, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]PastFailure{}
	for _, src := range sources {
		if pf, ok := s.failures[src]; ok {
			out[src] = pf
		}
	}
	return out, nil
}

func text(s string) []byte {
	return []byte("Title of " + s + "\n\n" + s + " is the body of this article.\n")
}

func article(src string) Article { return Article{Source: src, Text: text(src)} }

var instant = &Retry{Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }}

func failedSources(r Report) []string {
	var out []string
	for _, f := range r.Failures {
		out = append(out, f.Source)
	}
	sort.Strings(out)
	return out
}

func TestRunCountsEachArticleOnce(t *testing.T) {
	sink := newMemSink()
	sink.hashes[ArticleID("unchanged")] = ContentHash(text("unchanged"))
	sink.hashes[ArticleID("changed")] = "an older hash"
	sink.reject["refused"] = true
	src := sliceSource{
		article("new"), article("unchanged"), article("changed"), article("refused"),
		{Source: "binary", Text: []byte("abc\x00def")},
		{Source: "unreadable", Err: fmt.Errorf("%w: permission denied", ErrUnread)},
		{Source: "panics", Text: []byte("Title\n\nPANIC in the body.\n")},
		{Source: "not-modified", Err: ErrNotModified},
		{Source: "deferred", Err: fmt.Errorf("%w (until later)", ErrDeferred)},
	}
	r, err := Run(context.Background(), Options{Source: src, Extractor: &echoExtractor{}, Sink: sink, Workers: 2, BatchSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	if r.Seen != 9 || r.New != 1 || r.Updated != 1 || r.Unchanged != 2 || r.Deferred != 1 || r.Failed() != 4 {
		t.Errorf("report: %+v", r)
	}
	if r.Seen != r.Done() {
		t.Errorf("seen %d != done %d on a complete run", r.Seen, r.Done())
	}
	if got := strings.Join(failedSources(r), ","); got != "binary,panics,refused,unreadable" {
		t.Errorf("failures: %s", got)
	}
	for _, f := range r.Failures {
		if f.Source == "binary" && (f.ContentHash == "" || !errors.Is(f.Err, ErrBinary)) {
			t.Errorf("binary failure: %+v", f)
		}
	}
	if sink.writes["new"] != 1 || sink.writes["changed"] != 1 || sink.writes["unchanged"] != 0 || sink.writes["refused"] != 0 {
		t.Errorf("writes: %v", sink.writes)
	}
	if r.Written.Articles != 2 {
		t.Errorf("written: %+v", r.Written)
	}
}

func TestRunRidesOutAnUnavailableSink(t *testing.T) {
	sink := newMemSink()
	sink.unavailable = 5 // look-ups and writes fail for a while
	var src sliceSource
	for i := 0; i < 7; i++ {
		src = append(src, article(fmt.Sprintf("a%d", i)))
	}
	r, err := Run(context.Background(), Options{Source: src, Extractor: &echoExtractor{}, Sink: sink, Workers: 2, BatchSize: 3, Retry: instant})
	if err != nil {
		t.Fatal(err)
	}
	if r.New != 7 || r.Failed() != 0 {
		t.Errorf("report: %+v", r)
	}
	for _, a := range src {
		if sink.writes[a.Source] != 1 {
			t.Errorf("%s written %d times, want once", a.Source, sink.writes[a.Source])
		}
	}
	// The same outage without Retry ends the run with the sink's error.
	sink = newMemSink()
	sink.unavailable = 1
	if _, err := Run(context.Background(), Options{Source: src, Extractor: &echoExtractor{}, Sink: sink}); !errors.Is(err, ErrSinkUnavailable) {
		t.Errorf("without retry: err %v, want ErrSinkUnavailable", err)
	}
}

func TestRunGivesUpOnASinkThatStaysAway(t *testing.T) {
	sink := newMemSink()
	sink.unavailable = 1 << 30
	retry := &Retry{Initial: time.Millisecond, Max: 2 * time.Millisecond, GiveUpAfter: 30 * time.Millisecond}
	r, err := Run(context.Background(), Options{Source: sliceSource{article("a")}, Extractor: &echoExtractor{}, Sink: sink, Retry: retry})
	if !errors.Is(err, ErrSinkUnavailable) || !strings.Contains(err.Error(), "gave up") {
		t.Errorf("err = %v", err)
	}
	if r.New != 0 {
		t.Errorf("nothing was written, but the report says %d new", r.New)
	}
}

func TestRunDefersFailuresUntilDue(t *testing.T) {
	now := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)
	bad := []byte("abc\x00def")
	sink := newMemSink()
	later, earlier := now.Add(time.Hour), now.Add(-time.Minute)
	sink.failures = map[string]PastFailure{
		"same-content":    {Attempts: 1, RetryAt: later, ContentHash: ContentHash(bad)},
		"changed-content": {Attempts: 1, RetryAt: later, ContentHash: ContentHash([]byte("old bad content"))},
		"was-unreadable":  {Attempts: 3, RetryAt: later},
		"still-unread":    {Attempts: 3, RetryAt: later},
		"due":             {Attempts: 2, RetryAt: earlier, ContentHash: "x"},
	}
	src := sliceSource{
		{Source: "same-content", Text: bad},
		article("changed-content"),
		article("was-unreadable"),
		{Source: "still-unread", Err: fmt.Errorf("%w: permission denied", ErrUnread)},
		article("due"),
	}
	r, err := Run(context.Background(), Options{Source: src, Extractor: &echoExtractor{}, Sink: sink, Failures: sink, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(r.DeferredSources)
	if strings.Join(r.DeferredSources, ",") != "same-content,still-unread" || r.Deferred != 2 {
		t.Errorf("deferred %d: %v", r.Deferred, r.DeferredSources)
	}
	sort.Strings(r.Recovered)
	if strings.Join(r.Recovered, ",") != "changed-content,due,was-unreadable" || r.New != 3 {
		t.Errorf("recovered %v, new %d", r.Recovered, r.New)
	}
	// Force tries everything.
	r, _ = Run(context.Background(), Options{Source: src, Extractor: &echoExtractor{}, Sink: sink, Failures: sink, Force: true, Now: func() time.Time { return now }})
	if r.Deferred != 0 || r.Failed() != 2 {
		t.Errorf("forced: %+v", r)
	}
}

func TestRunFinishesTheArticleInHandWhenCancelled(t *testing.T) {
	ex := &echoExtractor{started: make(chan string, 10), release: make(chan struct{})}
	var src sliceSource
	for i := 0; i < 20; i++ {
		src = append(src, article(fmt.Sprintf("a%02d", i)))
	}
	sink := newMemSink()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	var r Report
	var err error
	go func() {
		defer close(done)
		r, err = Run(ctx, Options{Source: src, Extractor: ex, Sink: sink, Workers: 1, BatchSize: 5})
	}()
	inHand := <-ex.started
	cancel()
	close(ex.release)
	<-done
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if sink.writes[inHand] != 1 {
		t.Errorf("the article in hand (%s) was not written: %v", inHand, sink.writes)
	}
	if len(ex.calls) != 1 || r.New != 1 {
		t.Errorf("after the signal %d extractions ran and %d articles were written; want only the one in hand", len(ex.calls), r.New)
	}
	if r.Seen <= r.Done() {
		t.Errorf("an interrupted run leaves articles for the next: seen %d, done %d", r.Seen, r.Done())
	}
}

// An article in Windows-1252 goes in decoded, with a warning naming it;
// its hash is that of the decoded text, so a second run finds it unchanged.
func TestRunDecodesWindows1252WithAWarning(t *testing.T) {
	sink := newMemSink()
	ex := &echoExtractor{}
	var docs sync.Map
	src := sliceSource{
		{Source: "latin1.txt", Text: []byte("Caf\xe9 talks\n\nThe ministers met in Z\xfcrich.\n")},
		{Source: "cp1251.txt", Text: []byte("\xcf\xf0\xe5\xe7\xe8\xe4\xe5\xed\xf2\n\n\xef\xf0\xe8\xe1\xfb\xeb \xe2 \xcc\xee\xf1\xea\xe2\xf3\n")},
		article("utf8.txt"),
	}
	extract := extractorFunc(func(doc *Document) (*Facts, error) {
		docs.Store(doc.Info.Source, doc)
		return ex.Extract(doc)
	})
	r, err := Run(context.Background(), Options{Source: src, Extractor: extract, Sink: sink, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r.New != 2 || r.Failed() != 1 || r.Failures[0].Source != "cp1251.txt" || !errors.Is(r.Failures[0].Err, ErrNotUTF8) {
		t.Fatalf("report: %+v", r)
	}
	if len(r.Warnings) != 1 || r.Warnings[0].Source != "latin1.txt" || !strings.Contains(r.Warnings[0].Message, "read as Windows-1252") {
		t.Errorf("warnings: %+v", r.Warnings)
	}
	d, ok := docs.Load("latin1.txt")
	if !ok || d.(*Document).Text != "Café talks\n\nThe ministers met in Zürich.\n" || d.(*Document).Info.Title != "Café talks" {
		t.Fatalf("the decoded article: %+v", d)
	}
	again, err := Run(context.Background(), Options{Source: src[:1], Extractor: extract, Sink: sink, Workers: 1})
	if err != nil || again.Unchanged != 1 {
		t.Errorf("a second run should find the decoded article unchanged: %+v %v", again, err)
	}
}

type extractorFunc func(*Document) (*Facts, error)

func (f extractorFunc) Extract(doc *Document) (*Facts, error) { return f(doc) }

// TestRunRewritesLoneNamesAtTheEnd: an article that names a person by one
// word only is written again after the last batch, so that a full name a
// later batch brought can take it; the others are written once, and each
// article is counted once.
func TestRunRewritesLoneNamesAtTheEnd(t *testing.T) {
	src := sliceSource{article("a-lone"), article("b"), article("c-full"), article("d")}
	ex := extractorFunc(func(doc *Document) (*Facts, error) {
		f := &Facts{Article: doc.Info}
		switch {
		case strings.HasPrefix(doc.Info.Source, "a-lone"):
			f.Actors = []Actor{{ID: "person:peston", Name: "Peston", Type: Person, MatchedBy: "single-name"}}
		case strings.HasPrefix(doc.Info.Source, "c-full"):
			f.Actors = []Actor{{ID: "person:robert-peston", Name: "Robert Peston", Type: Person, MatchedBy: "full-name"}}
		}
		return f, nil
	})
	sink := newMemSink()
	rep, err := Run(context.Background(), Options{Source: src, Extractor: ex, Sink: sink, Workers: 1, BatchSize: 2, RejoinLoneNames: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.New != 4 || rep.Rejoined != 1 {
		t.Errorf("new %d, rejoined %d; want 4 and 1", rep.New, rep.Rejoined)
	}
	for src, want := range map[string]int{"a-lone": 2, "b": 1, "c-full": 1, "d": 1} {
		if got := sink.writes[src]; got != want {
			t.Errorf("%s written %d times, want %d", src, got, want)
		}
	}
}
