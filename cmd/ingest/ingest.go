// Package ingest is the `newsgraph ingest` command: files and directories
// of articles into Neo4j.
package ingest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	"github.com/newsgraph/newsgraph/graph"
	pipeline "github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract"
	"github.com/newsgraph/newsgraph/ingest/source"
)

// Options are the inputs of one ingest.
type Options struct {
	IO     cmdutil.IOStreams
	Config *cmdutil.Config
	Paths  []string
	Force  bool
}

// NewCmdIngest builds the command.
func NewCmdIngest(f *cmdutil.Factory) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "ingest PATH...",
		Short: "Extract facts from articles (.txt, .html, .jsonl files or directories) and write them to Neo4j",
		Long: `Reads every article, skips the ones whose content is unchanged since the
last ingest, extracts actors, locations, meetings and statements, and writes
them to Neo4j (one transaction per batch, so no article is half-written).
Pending schema migrations are applied first. Bad articles are reported by
name and reason; the others still go in, and the exit code is 1. A text file
that is not UTF-8 but reads as Windows-1252 (Latin-1) goes in decoded, with a
warning naming it. The run is recorded for 'newsgraph status'.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmdutil.FlagErrorf("ingest needs at least one file or directory")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			opts.Config, opts.Paths = cfg, args
			return runIngest(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "re-extract articles even when their content is unchanged")
	return cmd
}

func runIngest(ctx context.Context, opts *Options) error {
	cfg := opts.Config
	log := cfg.Logger(opts.IO.ErrOut)
	store, err := cfg.OpenGraph(ctx)
	if err != nil {
		return err
	}
	defer store.Close(context.WithoutCancel(ctx))
	if applied, err := store.ApplyPendingSchema(ctx); err != nil {
		return err
	} else if len(applied) > 0 {
		log.Info("schema applied", "migrations", len(applied))
	}
	ex, err := extract.New(extract.Options{GeoNames: cfg.GeoNames})
	if err != nil {
		return err
	}
	pass := graph.PassRecord{ID: graph.NewPassID(), Source: PassSource, Kind: graph.PassKindIngest, Owner: graph.ProcessOwner(), StartedAt: time.Now()}
	src := source.Files{Paths: opts.Paths, MaxBytes: cfg.Ingest.MaxArticleBytes}
	progress, progressDone := newProgress(ctx, opts.IO, src.Count)
	report, err := pipeline.Run(ctx, pipeline.Options{
		Source:          src,
		Extractor:       ex,
		Sink:            store,
		RejoinLoneNames: true,
		Workers:         cfg.Ingest.Workers,
		BatchSize:       cfg.Ingest.BatchSize,
		MaxArticleBytes: cfg.Ingest.MaxArticleBytes,
		Force:           opts.Force,
		Logger:          log,
		Progress:        progress,
	})
	progressDone()
	recordPass(ctx, log, store, pass, report, err)
	PrintReport(opts.IO.Out, report)
	if err != nil {
		return err
	}
	if report.Failed() > 0 {
		return fmt.Errorf("%d of %d article(s) failed", report.Failed(), report.Seen)
	}
	return nil
}

// PassSource is the source name under which `newsgraph status` lists the
// passes of `newsgraph ingest`.
const PassSource = "ingest"

// recordPass records the run as a pass, so that `newsgraph status` shows
// it as it shows the job's. A pass that cannot be recorded (the database
// went away) is logged; the articles are in the graph all the same.
func recordPass(ctx context.Context, log *slog.Logger, store *graph.Store, rec graph.PassRecord, report pipeline.Report, runErr error) {
	if graph.IsUnavailable(runErr) {
		return // nowhere to record it
	}
	rec.FinishedAt = time.Now()
	switch {
	case runErr == nil:
		rec.Status = graph.PassOK
	case ctx.Err() != nil:
		rec.Status, rec.Error = graph.PassInterrupted, "interrupted: "+runErr.Error()
	default:
		rec.Status, rec.Error = graph.PassFailed, runErr.Error()
	}
	cmdutil.FillPass(&rec, report)
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if err := store.RecordPass(rctx, rec, graph.FailureBackoff{}, 0); err != nil {
		log.Warn("could not record the pass for newsgraph status", "pass", rec.ID, "error", err)
	}
}

// PrintReport prints what a run did, failures with their reasons last.
func PrintReport(w io.Writer, r pipeline.Report) {
	fmt.Fprintf(w, "articles: %d seen, %d new, %d updated, %d unchanged, %d failed (%s)\n",
		r.Seen, r.New, r.Updated, r.Unchanged, r.Failed(), r.Elapsed.Round(time.Millisecond))
	s := r.Written
	if s.Changed() {
		fmt.Fprintf(w, "graph: %d nodes and %d relationships created, %d nodes and %d relationships deleted\n",
			s.NodesCreated, s.RelationshipsCreated, s.NodesDeleted, s.RelationshipsDeleted)
	} else {
		fmt.Fprintln(w, "graph: nothing changed (0 nodes, 0 relationships created)")
	}
	if r.Rejoined > 0 {
		fmt.Fprintf(w, "names: %d article(s) written again at the end so that one-word names could join full names found later\n", r.Rejoined)
	}
	for _, x := range r.Warnings {
		fmt.Fprintf(w, "warning: %s: %s\n", x.Source, x.Message)
	}
	for _, f := range r.Failures {
		fmt.Fprintf(w, "failed: %s: %v\n", f.Source, f.Err)
	}
}
