package eval

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	extractor "github.com/newsgraph/newsgraph/ingest/extract"
	"github.com/newsgraph/newsgraph/ingest/extract/evaluate"
)

// QuotesOptions are the options of "newsgraph eval quotes".
type QuotesOptions struct {
	PolNeAR string // a PolNeAR split directory, e.g. data/dev
	// Trace names a file that receives each wrong prediction and each
	// missed gold quote (error analysis; not on a test split).
	Trace string
}

func newCmdQuotes() *cobra.Command {
	opts := &QuotesOptions{}
	cmd := &cobra.Command{
		Use:   "quotes --polnear DIR",
		Short: "Score direct quotes and their speakers on a PolNeAR split",
		Long: `Extract every article of a PolNeAR split directory (text/ and attributions/)
and score the direct statements that have a speaker against the gold
attributions whose content holds a quotation mark. A prediction matches when
its quoted text overlaps the gold content and its speaker words overlap the
gold source (or name the same person). Rules: docs/evaluation.md.
The last line is "F1 0.xxxx".`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runQuotes(opts, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&opts.PolNeAR, "polnear", "", "PolNeAR split directory (e.g. ../shared/data/polnear/data/dev)")
	cmd.Flags().StringVar(&opts.Trace, "trace", "", "write each wrong prediction and each missed gold quote to `FILE` (error analysis; not allowed on a test split)")
	return cmd
}

func runQuotes(opts *QuotesOptions, out io.Writer) error {
	if opts.PolNeAR == "" {
		return fmt.Errorf("eval quotes: %w: --polnear", ErrMissingFlag)
	}
	if opts.Trace != "" && filepath.Base(filepath.Clean(opts.PolNeAR)) == "test" {
		return fmt.Errorf("eval quotes: --trace is for error analysis on dev or train; the test split is scored, never inspected item by item")
	}
	docs, err := evaluate.ReadPolNeAR(opts.PolNeAR)
	if err != nil {
		return fmt.Errorf("eval quotes: %w", err)
	}
	ex, err := extractor.New(extractor.Options{})
	if err != nil {
		return fmt.Errorf("eval quotes: %w", err)
	}
	var rep evaluate.QuoteReport
	err = withTrace(opts.Trace, func(trace io.Writer) (err error) {
		rep, err = evaluate.ScoreQuotesTrace(ex, docs, trace)
		return err
	})
	if err != nil {
		return fmt.Errorf("eval quotes: %w", err)
	}
	return rep.Write(out)
}
