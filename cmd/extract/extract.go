// Package extract is the `newsgraph extract` command: facts of articles
// printed as JSON Lines or as the Cypher that ingest would run, no database
// needed.
package extract

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/cmd/cmdutil"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest"
	extractor "github.com/newsgraph/newsgraph/ingest/extract"
	"github.com/newsgraph/newsgraph/ingest/source"
)

// Options are the inputs of one extract.
type Options struct {
	IO       cmdutil.IOStreams
	Format   string
	Paths    []string
	MaxBytes int
	GeoNames string // optional GeoNames cities table for the gazetteer
	Syntax   bool   // print every sentence's tokens and parse too (json)
}

// NewCmdExtract builds the command.
func NewCmdExtract(f *cmdutil.Factory) *cobra.Command {
	opts := &Options{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "extract [--format json|cypher] [--syntax] PATH...",
		Short: "Print the facts extracted from articles, without a database",
		Long: `Prints one JSON object per article per line (--format json, the default), or
the parameterised Cypher statements that ingest would run (--format cypher,
loadable with cypher-shell). With --syntax, each JSON object also holds
"sentences": every sentence with its tokens, their entity labels, tags,
lemmas and dependency heads and relations, for debugging. Bad articles are
reported on stderr by name and reason; the others are still printed, and
the exit code is 1.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmdutil.FlagErrorf("extract needs at least one file or directory")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Format != "json" && opts.Format != "cypher" {
				return cmdutil.FlagErrorf("--format must be json or cypher, not %q", opts.Format)
			}
			cfg, err := f.Config()
			if err != nil {
				return err
			}
			opts.Paths, opts.MaxBytes, opts.GeoNames = args, cfg.Ingest.MaxArticleBytes, cfg.GeoNames
			return runExtract(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "json", "output format: json or cypher")
	cmd.Flags().BoolVar(&opts.Syntax, "syntax", false, "also print every sentence's tokens, tags, lemmas and dependencies (json)")
	return cmd
}

func runExtract(ctx context.Context, opts *Options) error {
	ex, err := extractor.New(extractor.Options{GeoNames: opts.GeoNames, KeepSyntax: opts.Syntax})
	if err != nil {
		return err
	}
	p := &printer{w: opts.IO.Out, format: opts.Format}
	report, err := ingest.Run(ctx, ingest.Options{
		Source:          source.Files{Paths: opts.Paths, MaxBytes: opts.MaxBytes},
		Extractor:       ex,
		Sink:            p,
		Workers:         1, // keeps the output in input order
		BatchSize:       1,
		MaxArticleBytes: opts.MaxBytes,
	})
	if err != nil {
		return err
	}
	for _, w := range report.Warnings {
		fmt.Fprintf(opts.IO.ErrOut, "newsgraph: warning: %s: %s\n", w.Source, w.Message)
	}
	for _, f := range report.Failures {
		fmt.Fprintf(opts.IO.ErrOut, "newsgraph: %s: %v\n", f.Source, f.Err)
	}
	if report.Failed() > 0 {
		return cmdutil.ErrSilent
	}
	return nil
}

// printer is an ingest.Sink that prints instead of writing.
type printer struct {
	w      io.Writer
	format string
}

func (p *printer) Write(_ context.Context, batch []*ingest.Facts) (ingest.WriteStats, error) {
	for _, f := range batch {
		if p.format == "cypher" {
			fmt.Fprintf(p.w, "// %s\n", f.Article.Source)
			for _, st := range graph.BuildStatements([]*ingest.Facts{f}, time.Now()) {
				fmt.Fprintf(p.w, ":param rows => %s;\n%s;\n\n", graph.CypherLiteral(st.Params["rows"]), st.Query)
			}
			continue
		}
		b, err := json.Marshal(f)
		if err != nil {
			return ingest.WriteStats{}, err
		}
		fmt.Fprintf(p.w, "%s\n", b)
	}
	return ingest.WriteStats{Articles: len(batch)}, nil
}
