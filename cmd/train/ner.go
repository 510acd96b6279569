package train

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/newsgraph/newsgraph/ingest/ner"
	"github.com/spf13/cobra"
)

// NEROptions are the options of "newsgraph train ner".
type NEROptions struct {
	CoNLL       string // training file (eng.train)
	Dev         string // dev file (eng.testa), scored after each iteration
	Shared      string // shared data directory with the gazetteer sources
	Iterations  int
	Folds       int
	Seed        int64
	NoStage2    bool
	MinCount    int
	TitleCopies int
	Bags        int
	Output      string
}

// ErrMissingFlag is returned when a required flag is empty.
var ErrMissingFlag = errors.New("missing required flag")

func newCmdNER() *cobra.Command {
	opts := &NEROptions{}
	cmd := &cobra.Command{
		Use:   "ner",
		Short: "Train the named-entity recognizer on CoNLL-2003",
		Long: `Train the averaged-perceptron named-entity recognizer on a CoNLL-2003
file and write the model (with its compiled gazetteer) to -o.

Example:
  newsgraph train ner --conll ../shared/data/conll2003/eng.train \
    --dev ../shared/data/conll2003/eng.testa --shared ../shared/data \
    -o ingest/ner/model/ner.bin.gz`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runNER(opts, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.CoNLL, "conll", "", "CoNLL-2003 training file (eng.train)")
	f.StringVar(&opts.Dev, "dev", "", "CoNLL-2003 dev file (eng.testa) scored after each iteration")
	f.StringVar(&opts.Shared, "shared", "", "shared data directory with countries/, geonames/ and cameo/ gazetteer sources")
	f.IntVar(&opts.Iterations, "iterations", 0, "perceptron iterations per stage (0 = default)")
	f.IntVar(&opts.Folds, "folds", 0, "jackknife folds for the second stage (0 = default)")
	f.Int64Var(&opts.Seed, "seed", 1, "shuffling seed")
	f.BoolVar(&opts.NoStage2, "no-stage2", false, "train only the first (local) stage")
	f.IntVar(&opts.MinCount, "min-count", 0, "drop features seen fewer times in training (0 = default)")
	f.IntVar(&opts.TitleCopies, "title-copies", 0, "title-cased copies of training sentences per document (0 = default, negative = none)")
	f.IntVar(&opts.Bags, "bags", 0, "perceptrons with different shuffles averaged per stage (0 = default)")
	f.StringVarP(&opts.Output, "output", "o", "ingest/ner/model/ner.bin.gz", "output model file")
	return cmd
}

func runNER(opts *NEROptions, out io.Writer) error {
	if opts.CoNLL == "" {
		return fmt.Errorf("train ner: %w: --conll", ErrMissingFlag)
	}
	if opts.Output == "" {
		return fmt.Errorf("train ner: %w: --output", ErrMissingFlag)
	}
	start := time.Now()
	m, err := ner.Train(ner.TrainOptions{
		TrainPath:     opts.CoNLL,
		DevPath:       opts.Dev,
		SharedDataDir: opts.Shared,
		Iterations:    opts.Iterations,
		Folds:         opts.Folds,
		Seed:          opts.Seed,
		NoStage2:      opts.NoStage2,
		MinCount:      opts.MinCount,
		TitleCopies:   opts.TitleCopies,
		Bags:          opts.Bags,
	}, out)
	if err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	if err := writeModel(opts.Output, m.Save); err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	fi, err := os.Stat(opts.Output)
	if err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	fmt.Fprintf(out, "wrote %s (%d bytes) in %.1fs\n", opts.Output, fi.Size(), time.Since(start).Seconds())
	if opts.Dev != "" {
		// Score the saved (quantised) model, as it will be used.
		rf, err := os.Open(opts.Output)
		if err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		defer rf.Close()
		sm, err := ner.Load(rf)
		if err != nil {
			return fmt.Errorf("train ner: reload: %w", err)
		}
		sc, err := ner.EvaluateCoNLL(sm, opts.Dev)
		if err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		fmt.Fprintf(out, "dev scores of the saved model (%s):\n", opts.Dev)
		return sc.Write(out)
	}
	return nil
}
