// Package run is the `newsgraph run` command: the scheduled ingest job.
// It runs every configured source on its schedule (or each once with
// --once), skips what is unchanged, records each pass and every failure in
// Neo4j, and holds a lease there so that two jobs never ingest at once.
package run

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	// Schedules may name a time zone (CRON_TZ=Europe/Berlin ...); the zone
	// database is embedded so that it works in minimal containers too.
	_ "time/tzdata"

	"github.com/robfig/cron/v3"
	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	"github.com/newsgraph/newsgraph/cmd/version"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract"
	"github.com/newsgraph/newsgraph/ingest/source"
)

// Options are the inputs of the job.
type Options struct {
	IO     cmdutil.IOStreams
	Config *cmdutil.Config
	// Once runs every selected source once and exits.
	Once bool
	// Names select configured sources by name; none means all.
	Names []string
	// Args are files, directories or feed URLs given on the command line.
	Args []string
	// Schedule applies to the sources given as Args.
	Schedule string
	Shard    source.Shard
	// OnLocked overrides the configured job.onLocked: "exit" or "wait".
	OnLocked string
	// Force re-reads and re-extracts everything, also unchanged articles
	// and failures still backing off.
	Force bool

	// Test hooks.
	httpClient *http.Client
	progress   func(ingest.Report)
	afterPass  func(graph.PassRecord)
}

// NewCmdRun builds the command.
func NewCmdRun(f *cmdutil.Factory) *cobra.Command {
	opts := &Options{IO: f.IO}
	var shard string
	cmd := &cobra.Command{
		Use:   "run [PATH|FEED-URL...]",
		Short: "Run the ingest job: every source on its schedule, incrementally (--once: one pass)",
		Long: `Runs the ingest job. Sources come from the config file (sources:) and/or
the command line (files, directories, RSS/Atom feed URLs). Each source runs on
its schedule -- a cron expression ("*/15 * * * *"), "@hourly", "@every 30m",
a duration ("30m") or a name under schedules: -- until SIGINT or SIGTERM, which
finish the article in hand and exit cleanly. With --once every source runs one
pass and the job exits: for system cron, a systemd timer or a Kubernetes
CronJob.

A pass reads its source, skips articles whose content is unchanged since the
last pass, extracts the new and changed ones and replaces their old facts.
A text file that is not UTF-8 but reads as Windows-1252 (Latin-1) goes in
decoded, with a warning in the log. Articles that fail (unreadable, empty,
binary, neither UTF-8 nor Windows-1252, too large, a
malformed JSON line, HTTP errors, timeouts, a feed that answers with an HTML
page) are recorded with their reason and retried on later passes with
backoff; they never stop the pass. Every pass is recorded in Neo4j;
'newsgraph status' shows them.

Only one job ingests at a time: the job holds a lease in Neo4j, renewed
while it runs, that expires by itself if the job dies. A second job exits
with a message, or waits for the lease with --on-locked=wait. With
--shard K/N, N jobs share the sources (each takes the articles whose
identity hashes to it); each shard has a lease of its own.

If Neo4j is unreachable at the start or goes away mid-pass, the job waits
for it with exponential backoff (up to job.neo4jMaxWait) and goes on where
it was; nothing is lost or written twice.

Exit status: 0 when every pass ran (article failures are recorded, not
fatal), 1 when the job could not run (lock held, Neo4j gone for longer
than job.neo4jMaxWait, a source failing as a whole), 2 on usage errors.`,
		Example: `  newsgraph run --once                      # every configured source, once
  newsgraph run                             # the long-running job
  newsgraph run --once ./articles https://example.org/world/rss.xml
  newsgraph run --source wire --shard 2/4   # worker 2 of 4 on one source`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			if opts.Shard, err = source.ParseShard(shard); err != nil {
				return cmdutil.FlagErrorf("--shard: %v", err)
			}
			if opts.OnLocked != "" && opts.OnLocked != "exit" && opts.OnLocked != "wait" {
				return cmdutil.FlagErrorf("--on-locked must be exit or wait, not %q", opts.OnLocked)
			}
			opts.Config, opts.Args = cfg, args
			return runJob(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&opts.Once, "once", false, "run every source once and exit (for cron, systemd timers, Kubernetes CronJobs)")
	fl.StringArrayVar(&opts.Names, "source", nil, "run only the configured source with this name (repeatable)")
	fl.StringVar(&opts.Schedule, "schedule", "", "schedule of the sources given as arguments (default: job.schedule)")
	fl.StringVar(&shard, "shard", "", "take only share K of N of the articles, e.g. 1/4")
	fl.StringVar(&opts.OnLocked, "on-locked", "", "when another job holds the lock: exit or wait (default: job.onLocked, exit)")
	fl.BoolVar(&opts.Force, "force", false, "re-extract everything, also unchanged articles and failures still backing off")
	return cmd
}

// job is one running ingest job.
type job struct {
	opts      *Options
	cfg       *cmdutil.Config
	log       *slog.Logger
	store     *graph.Store
	retry     *ingest.Retry
	extractor ingest.Extractor
	fetcher   *source.Fetcher
	owner     string
}

// scheduled is a source and when it runs next.
type scheduled struct {
	spec  source.Spec
	sched cron.Schedule
	next  time.Time
}

func runJob(ctx context.Context, opts *Options) error {
	cfg := opts.Config
	specs, err := selectSources(opts)
	if err != nil {
		return err
	}
	var plan []*scheduled
	if !opts.Once {
		for _, s := range specs {
			expr := s.Schedule
			if expr == "" {
				expr = cfg.Job.Schedule
			}
			sched, err := ParseSchedule(expr, cfg.Schedules)
			if err != nil {
				return cmdutil.FlagErrorf("source %q: %v", s.Name, err)
			}
			plan = append(plan, &scheduled{spec: s, sched: sched})
		}
	}
	log := cfg.Logger(opts.IO.ErrOut)
	j := &job{opts: opts, cfg: cfg, log: log, owner: graph.ProcessOwner()}
	j.retry = &ingest.Retry{Initial: time.Second, Max: 30 * time.Second, GiveUpAfter: cfg.Job.Neo4jMaxWait, Transient: graph.IsUnavailable}

	if j.store, err = j.openStore(ctx); err != nil {
		return err
	}
	defer j.store.Close(context.WithoutCancel(ctx))
	err = j.retry.Do(ctx, log, "applying the schema", func(ctx context.Context) error {
		applied, err := j.store.ApplyPendingSchema(ctx)
		if len(applied) > 0 {
			log.Info("schema applied", "migrations", len(applied))
		}
		return err
	})
	if err != nil {
		return err
	}

	onLocked := opts.OnLocked
	if onLocked == "" {
		onLocked = cfg.Job.OnLocked
	}
	lockName := lockName(cfg.Job.LockName, opts.Shard)
	lease, err := j.store.AcquireLease(ctx, graph.LeaseOptions{
		Name: lockName, Owner: j.owner, TTL: cfg.Job.LockTTL, Wait: onLocked == "wait", Retry: j.retry, Logger: log,
	})
	if err != nil {
		if errors.Is(err, graph.ErrLocked) && onLocked != "wait" {
			return fmt.Errorf("%w\nnot starting: only one ingest job runs at a time (use --on-locked=wait to wait for it)", err)
		}
		return err
	}
	log.Info("ingest job started", "owner", j.owner, "lock", lockName, "sources", len(specs), "once", opts.Once, "shard", opts.Shard.String())
	defer func() {
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if err := lease.Release(rctx); err != nil {
			log.Warn("could not release the ingest lock; it expires by itself", "error", err)
		}
	}()
	jobCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	go func() {
		select {
		case <-lease.Lost():
			cancel(graph.ErrLockLost)
		case <-jobCtx.Done():
		}
	}()

	ex, err := extract.New(extract.Options{GeoNames: cfg.GeoNames})
	if err != nil {
		return err
	}
	j.extractor = ex
	fetch := cfg.Job.Fetch
	if fetch.UserAgent == "" {
		fetch.UserAgent = UserAgent()
	}
	if opts.httpClient != nil {
		fetch.Client = opts.httpClient
	}
	j.fetcher = source.NewFetcher(fetch)

	if opts.Once {
		var failed []string
		for _, s := range specs {
			if jobCtx.Err() != nil {
				break
			}
			if rec := j.pass(jobCtx, s); rec.Status == graph.PassFailed {
				failed = append(failed, fmt.Sprintf("%s: %s", rec.Source, rec.Error))
			}
		}
		if err := context.Cause(jobCtx); errors.Is(err, graph.ErrLockLost) {
			return err
		}
		if len(failed) > 0 {
			return fmt.Errorf("%d of %d pass(es) failed:\n  %s", len(failed), len(specs), strings.Join(failed, "\n  "))
		}
		return nil
	}
	return j.schedule(jobCtx, plan)
}

// schedule runs each source whenever it is due, one pass at a time, until
// ctx ends. A pass that overruns its source's next time does not pile up:
// the source's next run is computed from when the pass ended.
func (j *job) schedule(ctx context.Context, plan []*scheduled) error {
	now := time.Now()
	for _, p := range plan {
		if j.cfg.Job.RunAtStart {
			p.next = now
		} else {
			p.next = p.sched.Next(now)
		}
	}
	for {
		slices.SortStableFunc(plan, func(a, b *scheduled) int { return a.next.Compare(b.next) })
		next := plan[0]
		if wait := time.Until(next.next); wait > 0 {
			j.log.Info("waiting for the next pass", "source", next.spec.Name, "at", next.next.Format(time.RFC3339))
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				return j.stopped(ctx)
			}
		}
		j.pass(ctx, next.spec)
		if ctx.Err() != nil {
			return j.stopped(ctx)
		}
		next.next = next.sched.Next(time.Now())
	}
}

func (j *job) stopped(ctx context.Context) error {
	if err := context.Cause(ctx); errors.Is(err, graph.ErrLockLost) {
		return err
	}
	j.log.Info("ingest job stopped")
	return nil
}

// pass runs one pass over one source and records it.
func (j *job) pass(ctx context.Context, spec source.Spec) graph.PassRecord {
	cfg, log := j.cfg, j.log.With("source", spec.Name)
	rec := graph.PassRecord{
		ID: graph.NewPassID(), Source: spec.Name, Kind: spec.Kind(), Shard: j.opts.Shard.String(),
		Owner: j.owner, StartedAt: time.Now(),
	}
	log.Info("pass started", "pass", rec.ID, "kind", rec.Kind)
	var since time.Time
	err := j.retry.Do(ctx, log, "reading the last pass", func(ctx context.Context) (err error) {
		since, _, err = j.store.LastCompletedPass(ctx, spec.Name, rec.Shard)
		return err
	})
	var (
		report    ingest.Report
		mu        sync.Mutex
		recovered []string
	)
	if err == nil {
		var src ingest.Source
		src, err = spec.Build(source.Env{
			Fetcher: j.fetcher, MaxBytes: cfg.Ingest.MaxArticleBytes, Shard: j.opts.Shard, Force: j.opts.Force,
			Stored:   ingest.RetryHashLookup(j.store, j.retry, log),
			Failures: ingest.RetryFailureLog(j.store, j.retry, log),
			Since:    since,
			Recovered: func(s string) {
				mu.Lock()
				recovered = append(recovered, s)
				mu.Unlock()
			},
		})
		if err == nil {
			report, err = ingest.Run(ctx, ingest.Options{
				Source: src, Extractor: j.extractor, Sink: j.store, RejoinLoneNames: true,
				Workers: cfg.Ingest.Workers, BatchSize: cfg.Ingest.BatchSize, MaxArticleBytes: cfg.Ingest.MaxArticleBytes,
				Force: j.opts.Force, Failures: j.store, Retry: j.retry, Logger: log, Progress: j.opts.progress,
			})
		}
	}
	rec.FinishedAt = time.Now()
	switch {
	case err == nil:
		rec.Status = graph.PassOK
	case ctx.Err() != nil:
		// Stopped by a signal or a lost lock, perhaps while waiting for the
		// database: what was not written is left for the next pass.
		rec.Status = graph.PassInterrupted
		rec.Error = "interrupted: " + context.Cause(ctx).Error()
	default:
		rec.Status, rec.Error = graph.PassFailed, err.Error()
	}
	cmdutil.FillPass(&rec, report)
	rec.Recovered = append(rec.Recovered, recovered...)
	if rec.Status == graph.PassOK {
		rec.Recovered = append(rec.Recovered, j.gone(ctx, log, spec.Name, report)...)
	}

	// The record is written even when the job is stopping, within bounds.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout(cfg.Job.Neo4jMaxWait))
	defer cancel()
	backoff := graph.FailureBackoff{Initial: cfg.Job.FailureBackoffInitial, Max: cfg.Job.FailureBackoffMax}
	if rerr := j.retry.Do(rctx, log, "recording the pass", func(ctx context.Context) error {
		return j.store.RecordPass(ctx, rec, backoff, cfg.Job.KeepPasses)
	}); rerr != nil {
		log.Error("could not record the pass", "pass", rec.ID, "error", rerr)
	}
	j.summarise(log, rec)
	if j.opts.afterPass != nil {
		j.opts.afterPass(rec)
	}
	return rec
}

// gone returns the failures on record for the source that a complete pass
// no longer met (a fixed JSON line has a new identity, a feed item left the
// feed, a file was deleted): they are resolved, not failing.
func (j *job) gone(ctx context.Context, log *slog.Logger, name string, report ingest.Report) []string {
	var onRecord []string
	err := j.retry.Do(ctx, log, "reading failures on record", func(ctx context.Context) (err error) {
		onRecord, err = j.store.FailingSources(ctx, name)
		return err
	})
	if err != nil {
		log.Warn("could not read the failures on record; keeping them", "error", err)
		return nil
	}
	met := map[string]bool{}
	for _, f := range report.Failures {
		met[f.Source] = true
	}
	for _, s := range report.DeferredSources {
		met[s] = true
	}
	var gone []string
	for _, s := range onRecord {
		if !met[s] && j.opts.Shard.Contains(s) {
			gone = append(gone, s)
		}
	}
	return gone
}

// summarise prints the pass's summary line (and its failures) and logs it.
func (j *job) summarise(log *slog.Logger, rec graph.PassRecord) {
	elapsed := rec.FinishedAt.Sub(rec.StartedAt)
	attrs := []any{"pass", rec.ID, "status", rec.Status, "seen", rec.Seen, "new", rec.New, "updated", rec.Updated,
		"unchanged", rec.Unchanged, "failed", rec.Failed, "deferred", rec.Deferred, "elapsed", elapsed.Round(time.Millisecond)}
	switch rec.Status {
	case graph.PassOK:
		log.Info("pass finished", attrs...)
	case graph.PassInterrupted:
		log.Warn("pass interrupted", attrs...)
	default:
		log.Error("pass failed", append(attrs, "error", rec.Error)...)
	}
	PrintPass(j.opts.IO.Out, rec)
}

// PrintPass prints one pass summary, failures last.
func PrintPass(w io.Writer, rec graph.PassRecord) {
	fmt.Fprintf(w, "%s %s: %d seen, %d new, %d updated, %d unchanged, %d failed, %d deferred (%s)\n",
		rec.Source, rec.Status, rec.Seen, rec.New, rec.Updated, rec.Unchanged, rec.Failed, rec.Deferred,
		rec.FinishedAt.Sub(rec.StartedAt).Round(time.Millisecond))
	if rec.Error != "" {
		fmt.Fprintf(w, "  error: %s\n", rec.Error)
	}
	for _, f := range rec.Failures {
		fmt.Fprintf(w, "  failed: %s: %s\n", f.Source, f.Reason)
	}
}

func recordTimeout(maxWait time.Duration) time.Duration {
	if maxWait <= 0 || maxWait > 5*time.Minute {
		return 5 * time.Minute
	}
	return maxWait + 10*time.Second
}

// openStore connects to Neo4j, waiting for it with backoff when it is not
// up yet (a job started together with its database).
func (j *job) openStore(ctx context.Context) (*graph.Store, error) {
	var store *graph.Store
	err := j.retry.Do(ctx, j.log, "connecting to Neo4j", func(ctx context.Context) (err error) {
		store, err = j.cfg.OpenGraph(ctx)
		return err
	})
	return store, err
}

// selectSources returns the configured sources selected by name plus
// those given as arguments, validated.
func selectSources(opts *Options) ([]source.Spec, error) {
	cfg := opts.Config
	var specs []source.Spec
	names := map[string]bool{}
	for i := range cfg.Sources {
		s := cfg.Sources[i]
		if s.Path != "" && !filepath.IsAbs(s.Path) && cfg.File != "" {
			// Relative paths in the config file are relative to the file,
			// not to wherever the job happens to be started.
			s.Path = filepath.Join(filepath.Dir(cfg.File), s.Path)
		}
		if err := s.Validate(); err != nil {
			return nil, &cmdutil.FlagError{Err: fmt.Errorf("config %s: %w", cfg.File, err)}
		}
		if names[s.Name] {
			return nil, cmdutil.FlagErrorf("config %s: two sources are named %q", cfg.File, s.Name)
		}
		names[s.Name] = true
		if len(opts.Names) == 0 || slices.Contains(opts.Names, s.Name) {
			specs = append(specs, s)
		}
	}
	for _, n := range opts.Names {
		if !names[n] {
			return nil, cmdutil.FlagErrorf("--source %q: no such source in the config (have: %s)", n, strings.Join(slices.Sorted(mapKeys(names)), ", "))
		}
	}
	if len(opts.Args) > 0 && len(opts.Names) == 0 {
		// Sources on the command line replace the configured ones, unless
		// some are selected by name too.
		specs = nil
	}
	for _, a := range opts.Args {
		s, err := source.SpecFromArg(a)
		if err != nil {
			return nil, &cmdutil.FlagError{Err: err}
		}
		s.Schedule = opts.Schedule
		specs = append(specs, s)
	}
	if len(specs) == 0 {
		return nil, cmdutil.FlagErrorf("no sources: give files, directories or feed URLs, or configure sources: in newsgraph.yaml (see docs/ingest-job.md)")
	}
	return specs, nil
}

func mapKeys(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// ParseSchedule reads a schedule: a name under schedules:, a duration
// ("30m", meaning every 30 minutes), a descriptor ("@hourly", "@every
// 30m") or a five-field cron expression ("*/15 * * * *").
func ParseSchedule(expr string, named map[string]string) (cron.Schedule, error) {
	expr = strings.TrimSpace(expr)
	if s, ok := named[expr]; ok {
		expr = strings.TrimSpace(s)
	} else if s, ok := named[strings.ToLower(expr)]; ok {
		// The config loader lower-cases map keys.
		expr = strings.TrimSpace(s)
	}
	if expr == "" {
		return nil, fmt.Errorf("no schedule (set schedule: on the source or job.schedule)")
	}
	if d, err := time.ParseDuration(expr); err == nil {
		if d < time.Second {
			return nil, fmt.Errorf("schedule %q: the interval must be at least 1s", expr)
		}
		return cron.Every(d), nil
	}
	s, err := cron.ParseStandard(expr)
	if err != nil {
		return nil, fmt.Errorf("schedule %q: %v (want a cron expression like \"*/15 * * * *\", @hourly, \"@every 30m\" or a duration like 30m)", expr, err)
	}
	return s, nil
}

// lockName is the lease a job takes: shards take one each, so that the
// workers of one source run side by side but no shard twice.
func lockName(base string, shard source.Shard) string {
	if base == "" {
		base = "ingest"
	}
	if shard.IsZero() {
		return base
	}
	return fmt.Sprintf("%s/shard-%d-of-%d", base, shard.Index, shard.Count)
}

// UserAgent names newsgraph and its version to the sites it reads.
func UserAgent() string {
	v := version.Version
	return fmt.Sprintf("newsgraph/%s (news knowledge-graph ingest job; +https://github.com/newsgraph/newsgraph)", v)
}
