// Package bench is the `newsgraph bench` command: the throughput figures of
// docs/benchmarks.md, each measured against its baseline in the same run.
package bench

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/jdkato/prose/v2"
	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract"
	"github.com/newsgraph/newsgraph/ingest/source"
)

// Options are the inputs of a benchmark run.
type Options struct {
	IO     cmdutil.IOStreams
	Config *cmdutil.Config
	Corpus string
	// BaselineLimit caps how many articles the slow baseline processes
	// (0 = all); its rate is then measured on that many.
	BaselineLimit int
	// Wipe confirms that the write benchmark may delete the database.
	Wipe bool
}

// NewCmdBench builds `bench` and its subcommands.
func NewCmdBench(f *cmdutil.Factory) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure extraction and write throughput against their baselines",
	}
	cmd.PersistentFlags().StringVar(&opts.Corpus, "corpus", "../shared/data/bbc-news", "directory of .txt articles")
	cmd.PersistentFlags().IntVar(&opts.BaselineLimit, "baseline-limit", 0, "articles for the baseline (0 = the whole corpus)")
	pre := func(cmd *cobra.Command, _ []string) error {
		cfg, err := f.Config()
		opts.Config = cfg
		return err
	}
	cmd.AddCommand(&cobra.Command{
		Use:     "extract",
		Short:   "Articles per second: newsgraph on one core and on all cores, and prose's default pipeline",
		Args:    cobra.NoArgs,
		PreRunE: pre,
		RunE:    func(cmd *cobra.Command, _ []string) error { return runExtract(cmd.Context(), opts) },
	})
	write := &cobra.Command{
		Use:     "write",
		Short:   "Nodes+relationships per second into Neo4j: newsgraph's writer against a naive one; then a re-ingest pass",
		Long:    "Deletes everything in the configured database (needs --wipe) and writes the corpus twice: with a naive writer, then with newsgraph's.",
		Args:    cobra.NoArgs,
		PreRunE: pre,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !opts.Wipe {
				return cmdutil.FlagErrorf("bench write deletes the whole database %s; pass --wipe to confirm", opts.Config.Neo4j.Redacted())
			}
			return runWrite(cmd.Context(), opts)
		},
	}
	write.Flags().BoolVar(&opts.Wipe, "wipe", false, "allow deleting all data in the configured database")
	cmd.AddCommand(write)
	return cmd
}

// corpus is the benchmark's articles, read into memory once so that disk
// reads do not count.
func loadCorpus(dir string) ([]ingest.Article, error) {
	var arts []ingest.Article
	err := source.Files{Paths: []string{dir}}.Articles(context.Background(), func(a ingest.Article) error {
		if a.Err == nil && ingest.Validate(a.Text, 0) == nil {
			arts = append(arts, a)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(arts) == 0 {
		return nil, fmt.Errorf("no readable .txt articles under %s", dir)
	}
	return arts, nil
}

func runExtract(ctx context.Context, opts *Options) error {
	w := opts.IO.Out
	arts, err := loadCorpus(opts.Corpus)
	if err != nil {
		return err
	}
	ex, err := extract.New(extract.Options{})
	if err != nil {
		return err
	}
	bytes := 0
	for _, a := range arts {
		bytes += len(a.Text)
	}
	fmt.Fprintf(w, "corpus: %d articles, %.1f MB, %s\n", len(arts), float64(bytes)/1e6, opts.Corpus)

	one := timeExtraction(arts, ex, 1)
	all := timeExtraction(arts, ex, runtime.NumCPU())
	fmt.Fprintf(w, "newsgraph, 1 core:      %8.1f articles/s  (%s)\n", rate(len(arts), one), one.Round(time.Millisecond))
	fmt.Fprintf(w, "newsgraph, %d cores:     %8.1f articles/s  (%s)\n", runtime.NumCPU(), rate(len(arts), all), all.Round(time.Millisecond))

	base := arts
	if opts.BaselineLimit > 0 && opts.BaselineLimit < len(arts) {
		base = arts[:opts.BaselineLimit]
	}
	prev := runtime.GOMAXPROCS(1)
	start := time.Now()
	for _, a := range base {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// prose's default pipeline, as a user would call it: the model is
		// loaded by every NewDocument call.
		if _, err := prose.NewDocument(string(a.Text)); err != nil {
			return err
		}
	}
	proseTime := time.Since(start)
	runtime.GOMAXPROCS(prev)
	fmt.Fprintf(w, "prose default, 1 core:  %8.1f articles/s  (%s for %d articles)\n", rate(len(base), proseTime), proseTime.Round(time.Millisecond), len(base))
	fmt.Fprintf(w, "speed-up on one core: %.1fx\n", rate(len(arts), one)/rate(len(base), proseTime))
	return nil
}

// timeExtraction parses and extracts every article with the given number
// of cores and workers.
func timeExtraction(arts []ingest.Article, ex ingest.Extractor, cores int) time.Duration {
	prev := runtime.GOMAXPROCS(cores)
	defer runtime.GOMAXPROCS(prev)
	runtime.GC()
	next := make(chan ingest.Article)
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < cores; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range next {
				if doc, err := ingest.Parse(a); err == nil {
					ex.Extract(doc)
				}
			}
		}()
	}
	for _, a := range arts {
		next <- a
	}
	close(next)
	wg.Wait()
	return time.Since(start)
}

func rate(n int, d time.Duration) float64 { return float64(n) / d.Seconds() }

func runWrite(ctx context.Context, opts *Options) error {
	w := opts.IO.Out
	cfg := opts.Config
	arts, err := loadCorpus(opts.Corpus)
	if err != nil {
		return err
	}
	ex, err := extract.New(extract.Options{})
	if err != nil {
		return err
	}
	var facts []*ingest.Facts
	for _, a := range arts {
		doc, err := ingest.Parse(a)
		if err != nil {
			continue
		}
		f, err := ex.Extract(doc)
		if err == nil {
			facts = append(facts, f)
		}
	}
	store, err := cfg.OpenGraph(ctx)
	if err != nil {
		return err
	}
	defer store.Close(context.WithoutCancel(ctx))
	reset := func() error {
		if err := store.DeleteAll(ctx); err != nil {
			return err
		}
		_, err := store.ApplyPendingSchema(ctx)
		return err
	}
	fmt.Fprintf(w, "corpus: %d articles extracted, writing to %s\n", len(facts), cfg.Neo4j.Redacted())

	if err := reset(); err != nil {
		return err
	}
	naiveStart := time.Now()
	naiveElems, err := writeNaive(ctx, store, facts)
	if err != nil {
		return fmt.Errorf("naive writer: %w", err)
	}
	naive := time.Since(naiveStart)
	naiveCounts, err := store.Counts(ctx)
	if err != nil {
		return err
	}

	if err := reset(); err != nil {
		return err
	}
	batch := cfg.Ingest.BatchSize
	if batch <= 0 {
		batch = 100
	}
	oursStart := time.Now()
	var created ingest.WriteStats
	for i := 0; i < len(facts); i += batch {
		s, err := store.Write(ctx, facts[i:min(i+batch, len(facts))])
		if err != nil {
			return err
		}
		created.Add(s)
	}
	ours := time.Since(oursStart)
	oursCounts, err := store.Counts(ctx)
	if err != nil {
		return err
	}
	elems := total(oursCounts)
	fmt.Fprintf(w, "graph: %d nodes and relationships (naive writer: %d)\n", elems, total(naiveCounts))
	fmt.Fprintf(w, "naive writer (1 tx per article, 1 MERGE per element): %8.0f elements/s (%s, %d statements)\n",
		float64(total(naiveCounts))/naive.Seconds(), naive.Round(time.Millisecond), naiveElems)
	fmt.Fprintf(w, "newsgraph writer (UNWIND batches of %d articles):      %8.0f elements/s (%s)\n",
		batch, float64(elems)/ours.Seconds(), ours.Round(time.Millisecond))
	fmt.Fprintf(w, "speed-up: %.1fx\n", (float64(elems)/ours.Seconds())/(float64(total(naiveCounts))/naive.Seconds()))

	// Full ingest from disk (extraction plus writes) into the empty graph,
	// then the second pass over the unchanged corpus.
	if err := reset(); err != nil {
		return err
	}
	for pass, label := range []string{"full ingest (read, extract, write)", "second pass, corpus unchanged"} {
		rep, err := ingest.Run(ctx, ingest.Options{
			Source:    source.Files{Paths: []string{opts.Corpus}},
			Extractor: ex,
			Sink:      store,
			Workers:   cfg.Ingest.Workers,
			BatchSize: batch,
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "pass %d, %-34s %s: %d new, %d unchanged, %d failed\n", pass+1, label+":", rep.Elapsed.Round(time.Millisecond), rep.New, rep.Unchanged, rep.Failed())
	}
	return nil
}

func total(c graph.Counts) int64 {
	var n int64
	for _, v := range c.Nodes {
		n += v
	}
	for _, v := range c.Relationships {
		n += v
	}
	// Nodes carry several labels; count each node once.
	return n - overcount(c)
}

// overcount corrects for nodes that Counts lists under more than one label
// (every Person is also an Actor; a Country is an Actor and a Location).
func overcount(c graph.Counts) int64 {
	return c.Nodes["Person"] + c.Nodes["Organization"] + 2*c.Nodes["Country"]
}
