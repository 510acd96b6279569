package eval

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	extractor "github.com/newsgraph/newsgraph/ingest/extract"
	"github.com/newsgraph/newsgraph/ingest/extract/evaluate"
)

// ArticlesOptions are the options of "newsgraph eval articles".
type ArticlesOptions struct {
	Gold string // an article gold file (JSON lines, docs/article-gold/)
	Data string // the folder the gold's file paths are under
	// Trace names a file that receives every wrong or missed meeting
	// report and person (error analysis; not on a test gold file).
	Trace string
}

func newCmdArticles() *cobra.Command {
	opts := &ArticlesOptions{}
	cmd := &cobra.Command{
		Use:   "articles --gold FILE [--data DIR]",
		Short: "Score the meetings and persons of whole articles against a hand-annotated gold",
		Long: `Extract every article an article gold file lists (docs/article-gold/, written
to docs/article-gold/GUIDELINES.md) and score, per article, its meeting
reports (same sentence; then the same status and a shared participant) and
its Person actors against the persons the annotator listed.
The last line is "F1 0.xxxx", the meetings F1.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runArticles(opts, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&opts.Gold, "gold", "", "article gold `FILE` (e.g. docs/article-gold/polnear-dev.jsonl)")
	cmd.Flags().StringVar(&opts.Data, "data", "../shared/data/polnear/data", "`DIR` the gold's file paths are relative to")
	cmd.Flags().StringVar(&opts.Trace, "trace", "", "write each wrong or missed meeting and person to `FILE` (error analysis; not allowed on a test gold)")
	return cmd
}

func runArticles(opts *ArticlesOptions, out io.Writer) error {
	if opts.Gold == "" {
		return fmt.Errorf("eval articles: %w: --gold", ErrMissingFlag)
	}
	if opts.Trace != "" && strings.Contains(filepath.Base(opts.Gold), "test") {
		return fmt.Errorf("eval articles: --trace is for error analysis on dev; a test gold is scored, never inspected item by item")
	}
	gold, err := evaluate.ReadArticleGold(opts.Gold)
	if err != nil {
		return fmt.Errorf("eval articles: %w", err)
	}
	ex, err := extractor.New(extractor.Options{})
	if err != nil {
		return fmt.Errorf("eval articles: %w", err)
	}
	var rep evaluate.ArticleReport
	err = withTrace(opts.Trace, func(trace io.Writer) (err error) {
		rep, err = evaluate.ScoreArticles(ex, gold, opts.Data, trace)
		return err
	})
	if err != nil {
		return fmt.Errorf("eval articles: %w", err)
	}
	return rep.Write(out)
}
