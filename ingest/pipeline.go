package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"time"
)

// Source yields articles. It calls yield once per article, in any order,
// and stops early when yield returns an error (the context was cancelled).
// An article the source could not read is yielded with Err set, so that the
// failure is recorded and the rest still goes in.
//
// Two Err values are not failures: ErrNotModified (the source knows the
// article is unchanged without fetching it) and ErrDeferred (the article
// failed before and is not retried yet).
type Source interface {
	Articles(ctx context.Context, yield func(Article) error) error
}

// Extractor turns a parsed article into facts. It must be safe for
// concurrent use.
type Extractor interface {
	Extract(doc *Document) (*Facts, error)
}

// Sink writes batches of facts. A batch is written whole or not at all.
type Sink interface {
	Write(ctx context.Context, batch []*Facts) (WriteStats, error)
}

// HashLookup is implemented by sinks that remember what they hold, so that
// unchanged articles are skipped before extraction.
type HashLookup interface {
	ArticleHashes(ctx context.Context, ids []string) (map[string]string, error)
}

// FailureLog remembers the articles that failed on earlier runs, so that
// one that keeps failing is retried with backoff instead of on every pass.
type FailureLog interface {
	// PastFailures returns the failure on record for those of the sources
	// (article identities) that have one.
	PastFailures(ctx context.Context, sources []string) (map[string]PastFailure, error)
}

// PastFailure is a failure on record.
type PastFailure struct {
	Reason   string
	Attempts int
	// RetryAt is when the article is due to be tried again.
	RetryAt time.Time
	// ContentHash is the hash of the content that failed, when it was read;
	// different content is tried at once.
	ContentHash string
}

// Deferred reports whether an article is still backing off at now.
// contentHash is the hash of its content as read now, or "" when a source
// asks before fetching it; content other than what failed is tried at once.
func (p PastFailure) Deferred(now time.Time, contentHash string) bool {
	switch {
	case !now.Before(p.RetryAt):
		return false
	case contentHash == "":
		return true // not read yet: back off before fetching
	case p.ContentHash == "":
		return false // it could not be read before and can now: try it
	default:
		return p.ContentHash == contentHash
	}
}

// Article.Err values that are not failures.
var (
	// ErrNotModified: the source knows, without fetching, that the article
	// is unchanged since it was ingested. Counted as unchanged.
	ErrNotModified = errors.New("not modified since the last ingest")
	// ErrDeferred: the article failed on an earlier pass and its retry is
	// not due yet. Counted as deferred.
	ErrDeferred = errors.New("failed before; retry not due yet")
)

// WriteStats counts what a write changed.
type WriteStats struct {
	Articles             int `json:"articles"`
	NodesCreated         int `json:"nodesCreated"`
	NodesDeleted         int `json:"nodesDeleted"`
	RelationshipsCreated int `json:"relationshipsCreated"`
	RelationshipsDeleted int `json:"relationshipsDeleted"`
	PropertiesSet        int `json:"propertiesSet"`
}

// Add accumulates another summary.
func (s *WriteStats) Add(o WriteStats) {
	s.Articles += o.Articles
	s.NodesCreated += o.NodesCreated
	s.NodesDeleted += o.NodesDeleted
	s.RelationshipsCreated += o.RelationshipsCreated
	s.RelationshipsDeleted += o.RelationshipsDeleted
	s.PropertiesSet += o.PropertiesSet
}

// Changed reports whether the write changed the graph's structure.
func (s WriteStats) Changed() bool {
	return s.NodesCreated+s.NodesDeleted+s.RelationshipsCreated+s.RelationshipsDeleted > 0
}

// Options configure a pipeline run.
type Options struct {
	Source    Source
	Extractor Extractor
	Sink      Sink
	// Workers extract in parallel; 0 means one per CPU.
	Workers int
	// BatchSize is how many articles go into one write transaction.
	BatchSize int
	// MaxArticleBytes rejects larger articles; 0 means DefaultMaxArticleBytes.
	MaxArticleBytes int
	// Force re-extracts articles whose content hash is unchanged.
	Force bool
	// Failures, when set, defers articles whose earlier failure is still
	// backing off (unless their content changed), and lets the report list
	// the ones that went in after failing before (Report.Recovered).
	Failures FailureLog
	// Retry, when set, rides out a sink that is unavailable for a while (a
	// database restart): writes and look-ups are retried with backoff
	// instead of ending the run.
	Retry *Retry
	// RejoinLoneNames writes the articles that name a person by one word
	// only once more at the end of the run, so that the name can join a
	// full name a later batch brought (graph.ResolveAcrossArticles). For
	// sinks that store; a sink that prints would print them twice.
	RejoinLoneNames bool
	// Progress, when set, is called after each article is done.
	Progress func(Report)
	Logger   *slog.Logger
	// Now is the clock for backoff decisions; default time.Now.
	Now func() time.Time
}

// Failure is an article that could not be ingested and why.
type Failure struct {
	Source string
	Err    error
	// ContentHash is the hash of the failed content when it was read, so
	// that a later pass retries at once if the content changes.
	ContentHash string
}

// Report says what a run did. Articles are counted when they are done: New
// and Updated once their facts are written. Seen counts every article the
// source yielded; on a complete run Seen = New + Updated + Unchanged +
// Failed + Deferred, on an interrupted one the rest were left for the next.
type Report struct {
	Seen, New, Updated, Unchanged, Deferred int
	Failures                                []Failure
	// DeferredSources are the articles counted in Deferred.
	DeferredSources []string
	// Recovered lists the articles that failed on an earlier run and are in
	// the graph now, so that their failure records can go.
	Recovered []string
	Written   WriteStats
	Elapsed   time.Duration
	// Warnings are about articles that went in all the same (one that was
	// not UTF-8 and was decoded as Windows-1252).
	Warnings []Warning
	// Rejoined counts the articles written a second time at the end of
	// the run so that their one-word person names could join full names
	// that later batches brought (they are also counted in New/Updated).
	Rejoined int
}

// Warning is something about one article the user may want to check.
type Warning struct {
	Source, Message string
}

// Failed is the number of articles that failed.
func (r Report) Failed() int { return len(r.Failures) }

// Done is the number of articles finished one way or another.
func (r Report) Done() int { return r.New + r.Updated + r.Unchanged + r.Failed() + r.Deferred }

// articleClass says how the graph knew an article before this run.
type articleClass int

const (
	classNew articleClass = iota
	classUpdated
)

// job is an article on its way to a worker.
type job struct {
	article   Article
	hash      string
	class     articleClass
	hadFailed bool
}

// result is an extracted article on its way to the writer.
type result struct {
	facts     *Facts
	hash      string
	class     articleClass
	hadFailed bool
}

// Run reads every article of the source, skips unchanged ones, extracts the
// rest on a pool of workers and writes the facts in batches. A bad article
// is recorded in the report and logged; the run goes on. Run returns an
// error only when the sink cannot write at all (Neo4j down, beyond the
// Retry budget) or ctx ends.
//
// When ctx ends, the articles being extracted are finished and written;
// the ones not started yet are left for the next run (they are not in the
// graph, so the next run sees them as new or changed).
func Run(ctx context.Context, opt Options) (Report, error) {
	start := time.Now()
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = 100
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	var (
		mu     sync.Mutex
		report Report
	)
	update := func(f func(r *Report)) {
		mu.Lock()
		f(&report)
		snapshot := report
		mu.Unlock()
		if opt.Progress != nil {
			opt.Progress(snapshot)
		}
	}
	fail := func(source string, err error, hash string) {
		log.Warn("article failed", "source", source, "error", err)
		update(func(r *Report) {
			r.Failures = append(r.Failures, Failure{Source: source, Err: err, ContentHash: hash})
		})
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan job, opt.Workers*2)
	results := make(chan result, opt.Workers*2)
	var readErr error
	go func() {
		defer close(work)
		readErr = readSource(ctx, opt, log, work, fail, update)
	}()
	var wg sync.WaitGroup
	for i := 0; i < opt.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				if ctx.Err() != nil {
					// Stopping: an article not started yet waits for the
					// next run.
					continue
				}
				facts, err := extractOne(opt.Extractor, j.article)
				if err != nil {
					fail(j.article.Source, err, j.hash)
					continue
				}
				// The writer drains results until they are closed, so an
				// article in hand is always handed over.
				results <- result{facts: facts, hash: j.hash, class: j.class, hadFailed: j.hadFailed}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	var writeErr error
	batch := make([]result, 0, opt.BatchSize)
	flush := func() {
		if len(batch) == 0 || writeErr != nil {
			batch = batch[:0]
			return
		}
		stats, outcomes, err := writeBatch(ctx, opt, log, batch)
		if err != nil {
			writeErr = err
			cancel()
		}
		update(func(r *Report) {
			r.Written.Add(stats)
			for i, res := range batch {
				if o := outcomes[i]; o.err != nil {
					log.Warn("article failed", "source", res.facts.Article.Source, "error", o.err)
					r.Failures = append(r.Failures, Failure{Source: res.facts.Article.Source, Err: o.err, ContentHash: res.hash})
					continue
				} else if !o.written {
					continue // the sink went away first: left for the next run
				}
				if res.class == classUpdated {
					r.Updated++
				} else {
					r.New++
				}
				if res.hadFailed {
					r.Recovered = append(r.Recovered, res.facts.Article.Source)
				}
			}
		})
		batch = batch[:0]
	}
	// Articles that name a person by one word only ("Peston") are written
	// again at the end of the run: an article of a later batch may have
	// given the full name ("Robert Peston") the lone name joins
	// (graph.ResolveAcrossArticles), or the person an organisation-tagged
	// name is. The last batch saw every full name.
	var lone []result
	for res := range results {
		batch = append(batch, res)
		if len(batch) >= opt.BatchSize {
			for _, r := range batch {
				if opt.RejoinLoneNames && hasLoneName(r.facts) && len(lone) < maxLateResolve {
					lone = append(lone, r)
				}
			}
			flush()
		}
	}
	flush()
	if len(lone) > 0 && writeErr == nil && ctx.Err() == nil {
		late := 0
		for start := 0; start < len(lone) && writeErr == nil; start += opt.BatchSize {
			end := min(start+opt.BatchSize, len(lone))
			stats, outcomes, err := writeBatch(ctx, opt, log, lone[start:end])
			if err != nil {
				writeErr = err
				break
			}
			for _, o := range outcomes {
				if o.written {
					late++
				}
			}
			update(func(r *Report) { r.Written.Add(stats); r.Rejoined += late })
			late = 0
		}
		log.Info("lone names joined to full names written later", "articles", len(lone))
	}

	mu.Lock()
	defer mu.Unlock()
	report.Elapsed = time.Since(start)
	if writeErr != nil {
		return report, writeErr
	}
	if readErr != nil && !errors.Is(readErr, context.Canceled) {
		return report, readErr
	}
	return report, ctx.Err()
}

// maxLateResolve bounds the articles held for the end-of-run rewrite, so
// that a huge run keeps bounded memory.
const maxLateResolve = 20000

// hasLoneName says whether the facts name a person by one word only, not
// joined to anyone yet, or have an organisation named like a person (two
// or three words), which joins a person of that name written later.
func hasLoneName(f *Facts) bool {
	for _, a := range f.Actors {
		switch n := len(strings.Fields(a.Name)); {
		case a.Type == Person && a.MatchedBy == "single-name" && n == 1:
			return true
		case a.Type == Organization && a.MatchedBy == "full-name" && n >= 2 && n <= 3:
			return true
		}
	}
	return false
}

// hashChunk is how many articles share one look-up of stored hashes.
const hashChunk = 256

// readSource looks up stored hashes and past failures in chunks, holds back
// articles whose failure is still backing off, records the ones the source
// could not read, validates the rest and sends new and changed ones to the
// workers.
func readSource(ctx context.Context, opt Options, log *slog.Logger, work chan<- job, fail func(string, error, string), update func(func(*Report))) error {
	lookup, _ := opt.Sink.(HashLookup)
	deferred := func(source, reason string) {
		log.Debug("article deferred", "source", source, "reason", reason)
		update(func(r *Report) {
			r.Deferred++
			r.DeferredSources = append(r.DeferredSources, source)
		})
	}
	var chunk []Article
	send := func() error {
		if len(chunk) == 0 {
			return nil
		}
		ids := make([]string, len(chunk))
		sources := make([]string, len(chunk))
		for i, a := range chunk {
			ids[i], sources[i] = ArticleID(a.Source), a.Source
		}
		stored := map[string]string{}
		if lookup != nil {
			err := opt.Retry.Do(ctx, log, "looking up stored articles", func(ctx context.Context) (err error) {
				stored, err = lookup.ArticleHashes(ctx, ids)
				return err
			})
			if err != nil {
				return fmt.Errorf("looking up stored articles: %w", err)
			}
		}
		past := map[string]PastFailure{}
		if opt.Failures != nil {
			err := opt.Retry.Do(ctx, log, "looking up past failures", func(ctx context.Context) (err error) {
				past, err = opt.Failures.PastFailures(ctx, sources)
				return err
			})
			if err != nil {
				return fmt.Errorf("looking up past failures: %w", err)
			}
		}
		now := opt.Now()
		for _, a := range chunk {
			hash := ""
			if a.Err == nil {
				if text, charset, err := DecodeText(a.Text); err == nil && charset != "" {
					// Not UTF-8 but readable: in it goes, with a warning,
					// since the encoding is a guess.
					msg := fmt.Sprintf("not valid UTF-8 (first bad byte at offset %d); read as %s", firstInvalidUTF8(a.Text), charset)
					log.Warn("article decoded", "source", a.Source, "reason", msg)
					update(func(r *Report) { r.Warnings = append(r.Warnings, Warning{Source: a.Source, Message: msg}) })
					a.Text = text
				}
				hash = ContentHash(a.Text)
			}
			pf, hadFailed := past[a.Source]
			if hadFailed && !opt.Force && pf.Deferred(now, hash) {
				deferred(a.Source, pf.Reason)
				continue
			}
			if a.Err != nil {
				fail(a.Source, a.Err, "")
				continue
			}
			if err := Validate(a.Text, opt.MaxArticleBytes); err != nil {
				fail(a.Source, err, hash)
				continue
			}
			old, known := stored[ArticleID(a.Source)]
			if known && old == hash && !opt.Force {
				update(func(r *Report) {
					r.Unchanged++
					if hadFailed {
						r.Recovered = append(r.Recovered, a.Source)
					}
				})
				continue
			}
			class := classNew
			if known {
				class = classUpdated
			}
			select {
			case work <- job{article: a, hash: hash, class: class, hadFailed: hadFailed}:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		chunk = chunk[:0]
		return nil
	}
	err := opt.Source.Articles(ctx, func(a Article) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		update(func(r *Report) { r.Seen++ })
		switch {
		case errors.Is(a.Err, ErrNotModified):
			update(func(r *Report) { r.Unchanged++ })
			return nil
		case errors.Is(a.Err, ErrDeferred):
			deferred(a.Source, a.Err.Error())
			return nil
		}
		chunk = append(chunk, a)
		if len(chunk) >= hashChunk {
			return send()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return send()
}

func extractOne(ex Extractor, a Article) (facts *Facts, err error) {
	defer func() {
		// One article that trips a bug in extraction must not end the run.
		if p := recover(); p != nil {
			err = fmt.Errorf("extraction failed: %v", p)
		}
	}()
	doc, err := Parse(a)
	if err != nil {
		var ae *ArticleError
		if errors.As(err, &ae) {
			return nil, ae.Err
		}
		return nil, err
	}
	return ex.Extract(doc)
}

// outcome is what became of one article of a batch: written, failed with
// err, or neither (the sink became unavailable before its turn).
type outcome struct {
	written bool
	err     error
}

// writeBatch writes a batch. When the batch is refused for something other
// than the sink being unavailable, it writes the articles one by one so that
// only the article at fault fails. A non-nil error means the sink is
// unavailable; the articles not written are left for the next run.
//
// Each write runs to its end even when ctx is cancelled, so that the batch
// in hand is finished; only the waits between retries stop early.
func writeBatch(ctx context.Context, opt Options, log *slog.Logger, batch []result) (WriteStats, []outcome, error) {
	outcomes := make([]outcome, len(batch))
	write := func(facts []*Facts) (stats WriteStats, err error) {
		err = opt.Retry.Do(ctx, log, fmt.Sprintf("writing %d article(s)", len(facts)), func(context.Context) error {
			stats, err = opt.Sink.Write(context.WithoutCancel(ctx), facts)
			return err
		})
		return stats, err
	}
	all := make([]*Facts, len(batch))
	for i, r := range batch {
		all[i] = r.facts
	}
	stats, err := write(all)
	if err == nil {
		for i := range outcomes {
			outcomes[i].written = true
		}
		return stats, outcomes, nil
	}
	if opt.Retry.transient(err) {
		return WriteStats{}, outcomes, err
	}
	if len(batch) == 1 {
		outcomes[0].err = err
		return WriteStats{}, outcomes, nil
	}
	var total WriteStats
	for i, f := range all {
		s, err := write([]*Facts{f})
		if err != nil {
			if opt.Retry.transient(err) {
				return total, outcomes, err
			}
			outcomes[i].err = err
			continue
		}
		outcomes[i].written = true
		total.Add(s)
	}
	return total, outcomes, nil
}

// ErrSinkUnavailable is wrapped by sinks whose store cannot be reached, as
// opposed to a store that refuses one batch.
var ErrSinkUnavailable = errors.New("sink unavailable")

func isUnavailable(err error) bool { return errors.Is(err, ErrSinkUnavailable) }

// Retry retries an operation that fails because its store is unavailable
// (Neo4j restarting, network down), waiting Initial, then twice as long
// each time up to Max, until it succeeds, fails for another reason,
// GiveUpAfter passes or the context ends. A nil *Retry tries once.
//
// Only idempotent operations may be retried: the pipeline's writes are
// MERGEs, so a batch whose commit was lost with the connection is simply
// written again, never twice.
type Retry struct {
	Initial, Max time.Duration
	// GiveUpAfter bounds the whole wait; 0 waits until the context ends.
	GiveUpAfter time.Duration
	// Transient says which errors are worth waiting out; default: those
	// wrapping ErrSinkUnavailable.
	Transient func(error) bool
	// Sleep waits; default a timer (tests make it instant).
	Sleep func(ctx context.Context, d time.Duration) error
}

func (r *Retry) transient(err error) bool {
	if r == nil || r.Transient == nil {
		return isUnavailable(err)
	}
	return r.Transient(err)
}

// Do runs f until it succeeds or fails for good. f receives ctx.
func (r *Retry) Do(ctx context.Context, log *slog.Logger, what string, f func(context.Context) error) error {
	err := f(ctx)
	if r == nil || err == nil || !r.transient(err) {
		return err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	wait, limit := r.Initial, r.Max
	if wait <= 0 {
		wait = time.Second
	}
	if limit <= 0 {
		limit = 30 * time.Second
	}
	sleep := r.Sleep
	if sleep == nil {
		sleep = sleepCtx
	}
	start := time.Now()
	for attempt := 1; ; attempt++ {
		if r.GiveUpAfter > 0 && time.Since(start)+wait > r.GiveUpAfter {
			return fmt.Errorf("%s: gave up after %s: %w", what, time.Since(start).Round(time.Second), err)
		}
		log.Warn("store unavailable; retrying", "operation", what, "attempt", attempt, "in", wait, "error", err)
		if serr := sleep(ctx, wait); serr != nil {
			return fmt.Errorf("%s: stopped while waiting for the store (%v): %w", what, serr, err)
		}
		if err = f(ctx); err == nil {
			log.Info("store available again", "operation", what, "after", time.Since(start).Round(time.Millisecond))
			return nil
		}
		if !r.transient(err) {
			return err
		}
		wait = min(2*wait, limit)
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// RetryHashLookup wraps h so that its look-ups ride out an unavailable
// store with r, like the pipeline's own; for sources that look up stored
// articles before fetching them.
func RetryHashLookup(h HashLookup, r *Retry, log *slog.Logger) HashLookup {
	if h == nil {
		return nil
	}
	return retryLookup{h: h, r: r, log: log}
}

type retryLookup struct {
	h   HashLookup
	r   *Retry
	log *slog.Logger
}

func (l retryLookup) ArticleHashes(ctx context.Context, ids []string) (out map[string]string, err error) {
	err = l.r.Do(ctx, l.log, "looking up stored articles", func(ctx context.Context) (err error) {
		out, err = l.h.ArticleHashes(ctx, ids)
		return err
	})
	return out, err
}

// RetryFailureLog wraps f like RetryHashLookup.
func RetryFailureLog(f FailureLog, r *Retry, log *slog.Logger) FailureLog {
	if f == nil {
		return nil
	}
	return retryFailures{f: f, r: r, log: log}
}

type retryFailures struct {
	f   FailureLog
	r   *Retry
	log *slog.Logger
}

func (l retryFailures) PastFailures(ctx context.Context, sources []string) (out map[string]PastFailure, err error) {
	err = l.r.Do(ctx, l.log, "looking up past failures", func(ctx context.Context) (err error) {
		out, err = l.f.PastFailures(ctx, sources)
		return err
	})
	return out, err
}
