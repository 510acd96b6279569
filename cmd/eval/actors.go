package eval

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	extractor "github.com/newsgraph/newsgraph/ingest/extract"
	"github.com/newsgraph/newsgraph/ingest/extract/evaluate"
)

// ActorsOptions are the options of "newsgraph eval actors".
type ActorsOptions struct {
	Audit     string // hand audit of the Person nodes (docs/actors-audit.tsv)
	Template  string // write an audit template with the unjudged persons to this file
	Nodes     string // write every actor node to this file
	BatchSize int
	Passes    int // ingest the corpus this many times (re-ingest with --force)
}

func newCmdActors() *cobra.Command {
	opts := &ActorsOptions{}
	cmd := &cobra.Command{
		Use:   "actors [--audit FILE] PATH...",
		Short: "Measure the actor nodes a corpus makes, without a database",
		Long: `Extract the articles under PATH in path order, resolve them across articles
in batches as ingest does, and keep the actor nodes in memory as the graph
would. Prints the node counts, the one-word persons that are the surname of
one full-name person (missed joins), the names that are both Person and
Organization, and with --audit the share of Person nodes the hand audit
judges junk. Rules: docs/entities.md.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runActors(cmd, opts, args, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&opts.Audit, "audit", "", "hand audit `FILE` of the Person nodes (name, ok|junk, reason)")
	cmd.Flags().StringVar(&opts.Template, "template", "", "write the audit rows, new persons marked ?, to `FILE`")
	cmd.Flags().StringVar(&opts.Nodes, "nodes", "", "write every actor node (type, name, articles, aliases, titles) to `FILE`")
	cmd.Flags().IntVar(&opts.Passes, "passes", 1, "ingest the corpus this many times, as re-running ingest --force does")
	cmd.Flags().IntVar(&opts.BatchSize, "batch-size", 100, "articles per write batch, as ingest.batchSize")
	return cmd
}

func runActors(cmd *cobra.Command, opts *ActorsOptions, paths []string, out io.Writer) error {
	ex, err := extractor.New(extractor.Options{})
	if err != nil {
		return fmt.Errorf("eval actors: %w", err)
	}
	g, err := evaluate.IngestToMemory(cmd.Context(), ex, paths, opts.BatchSize, opts.Passes)
	if err != nil {
		return fmt.Errorf("eval actors: %w", err)
	}
	var audit map[string]evaluate.ActorVerdict
	if opts.Audit != "" {
		if audit, err = evaluate.ReadActorAudit(opts.Audit); err != nil {
			return fmt.Errorf("eval actors: %w", err)
		}
	}
	write := func(file string, f func(io.Writer) error) error {
		if file == "" {
			return nil
		}
		w, err := os.Create(file)
		if err != nil {
			return fmt.Errorf("eval actors: %w", err)
		}
		if err := f(w); err != nil {
			w.Close()
			return fmt.Errorf("eval actors: %w", err)
		}
		return w.Close()
	}
	if err := write(opts.Nodes, func(w io.Writer) error { return evaluate.WriteNodes(w, g) }); err != nil {
		return err
	}
	if err := write(opts.Template, func(w io.Writer) error { return evaluate.WriteAuditTemplate(w, g, audit) }); err != nil {
		return err
	}
	return evaluate.MeasureActors(g, audit).Write(out, audit != nil)
}
