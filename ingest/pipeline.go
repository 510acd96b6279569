package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"time"
)

// Source yields articles. It calls yield once per article, in any order,
// and stops early when yield returns an error (the context was cancelled).
// An article the source could not read is yielded with Err set, so that the
// failure is recorded and the rest still goes in.
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

// WriteStats counts what a write changed.
type WriteStats struct {
	Articles             int
	NodesCreated         int
	NodesDeleted         int
	RelationshipsCreated int
	RelationshipsDeleted int
	PropertiesSet        int
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
	// Progress, when set, is called after each article is done.
	Progress func(Report)
	Logger   *slog.Logger
}

// Failure is an article that could not be ingested and why.
type Failure struct {
	Source string
	Err    error
}

// Report says what a run did.
type Report struct {
	Seen, New, Updated, Unchanged int
	Failures                      []Failure
	Written                       WriteStats
	Elapsed                       time.Duration
}

// Failed is the number of articles that failed.
func (r Report) Failed() int { return len(r.Failures) }

// Run reads every article of the source, skips unchanged ones, extracts the
// rest on a pool of workers and writes the facts in batches. A bad article
// is recorded in the report and logged; the run goes on. Run returns an
// error only when the sink cannot write at all (Neo4j down) or ctx ends.
func Run(ctx context.Context, opt Options) (Report, error) {
	start := time.Now()
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = 50
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
	fail := func(source string, err error) {
		log.Warn("article failed", "source", source, "error", err)
		update(func(r *Report) { r.Failures = append(r.Failures, Failure{Source: source, Err: err}) })
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan Article, opt.Workers*2)
	results := make(chan *Facts, opt.Workers*2)
	var readErr error
	go func() {
		defer close(work)
		readErr = readSource(ctx, opt, work, fail, update)
	}()
	var wg sync.WaitGroup
	for i := 0; i < opt.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range work {
				facts, err := extractOne(opt.Extractor, a)
				if err != nil {
					fail(a.Source, err)
					continue
				}
				select {
				case results <- facts:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	var writeErr error
	batch := make([]*Facts, 0, opt.BatchSize)
	flush := func() {
		if len(batch) == 0 || writeErr != nil {
			batch = batch[:0]
			return
		}
		// Writes use a context of their own: a batch in hand is finished
		// even when the run is being interrupted.
		stats, err := writeBatch(context.WithoutCancel(ctx), opt.Sink, batch, fail)
		if err != nil {
			writeErr = err
			cancel()
		}
		update(func(r *Report) { r.Written.Add(stats) })
		batch = batch[:0]
	}
	for f := range results {
		batch = append(batch, f)
		if len(batch) >= opt.BatchSize {
			flush()
		}
	}
	flush()

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

// hashChunk is how many articles share one look-up of stored hashes.
const hashChunk = 256

// readSource validates each article, looks up stored hashes in chunks and
// sends new and changed articles to the workers.
func readSource(ctx context.Context, opt Options, work chan<- Article, fail func(string, error), update func(func(*Report))) error {
	lookup, _ := opt.Sink.(HashLookup)
	var chunk []Article
	send := func() error {
		if len(chunk) == 0 {
			return nil
		}
		stored := map[string]string{}
		if lookup != nil {
			ids := make([]string, len(chunk))
			for i, a := range chunk {
				ids[i] = ArticleID(a.Source)
			}
			var err error
			if stored, err = lookup.ArticleHashes(ctx, ids); err != nil {
				return fmt.Errorf("looking up stored articles: %w", err)
			}
		}
		for _, a := range chunk {
			old, known := stored[ArticleID(a.Source)]
			switch {
			case known && old == ContentHash(a.Text) && !opt.Force:
				update(func(r *Report) { r.Unchanged++ })
				continue
			case known:
				update(func(r *Report) { r.Updated++ })
			default:
				update(func(r *Report) { r.New++ })
			}
			select {
			case work <- a:
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
		if a.Err == nil {
			a.Err = Validate(a.Text, opt.MaxArticleBytes)
		}
		if a.Err != nil {
			fail(a.Source, a.Err)
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

// writeBatch writes a batch; when the batch is refused for something other
// than the database being unreachable, it writes the articles one by one so
// that only the article at fault fails.
func writeBatch(ctx context.Context, sink Sink, batch []*Facts, fail func(string, error)) (WriteStats, error) {
	stats, err := sink.Write(ctx, batch)
	if err == nil {
		return stats, nil
	}
	if isUnavailable(err) || len(batch) == 1 {
		if len(batch) == 1 && !isUnavailable(err) {
			fail(batch[0].Article.Source, err)
			return WriteStats{}, nil
		}
		return WriteStats{}, err
	}
	var total WriteStats
	for _, f := range batch {
		s, err := sink.Write(ctx, []*Facts{f})
		if err != nil {
			if isUnavailable(err) {
				return total, err
			}
			fail(f.Article.Source, err)
			continue
		}
		total.Add(s)
	}
	return total, nil
}

// ErrSinkUnavailable is wrapped by sinks whose store cannot be reached, as
// opposed to a store that refuses one batch.
var ErrSinkUnavailable = errors.New("sink unavailable")

func isUnavailable(err error) bool { return errors.Is(err, ErrSinkUnavailable) }
