package train

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/newsgraph/newsgraph/ingest/syntax"
	"github.com/spf13/cobra"
)

// SyntaxOptions are the options of "newsgraph train syntax".
type SyntaxOptions struct {
	Train       string // CoNLL-U training file (EWT train)
	Dev         string // CoNLL-U dev file scored after every epoch
	Lexicon     string // word lexicon (clusters and probabilities)
	TagEpochs   int
	TagBags     int
	ParseEpochs int
	Folds       int
	Bags        int
	Seed        int64
	Output      string
}

func newCmdSyntax() *cobra.Command {
	opts := &SyntaxOptions{}
	cmd := &cobra.Command{
		Use:   "syntax",
		Short: "Train the tagger, lemmatizer and dependency parser on UD English EWT",
		Long: `Train the part-of-speech tagger (UPOS and XPOS), the lemmatizer and the
labelled dependency parser on a Universal Dependencies CoNLL-U file and write
the model to -o. The defaults reproduce the embedded model byte for byte
(about 20 minutes on two cores).

Example:
  newsgraph train syntax --train ../shared/data/ud-english/ewt/en_ewt-ud-train.conllu \
    --dev ../shared/data/ud-english/ewt/en_ewt-ud-dev.conllu \
    -o ingest/syntax/model/syntax.bin.gz`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSyntax(opts, cmd.OutOrStdout())
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Train, "train", "", "CoNLL-U training file (en_ewt-ud-train.conllu)")
	f.StringVar(&opts.Dev, "dev", "", "CoNLL-U dev file scored after every epoch (en_ewt-ud-dev.conllu)")
	f.StringVar(&opts.Lexicon, "lexicon", "ingest/syntax/lexicon/words.tsv.gz", "word lexicon: form, Brown cluster, log probability")
	f.IntVar(&opts.TagEpochs, "tag-epochs", 0, "tagger epochs (0 = default)")
	f.IntVar(&opts.TagBags, "tag-bags", 0, "taggers with different shuffles averaged (0 = default)")
	f.IntVar(&opts.ParseEpochs, "parse-epochs", 0, "parser epochs (0 = default)")
	f.IntVar(&opts.Folds, "folds", 0, "jackknife folds for the parser's training tags (0 = default)")
	f.IntVar(&opts.Bags, "bags", 0, "parsers with different shuffles averaged (0 = default)")
	f.Int64Var(&opts.Seed, "seed", 1, "shuffling seed")
	f.StringVarP(&opts.Output, "output", "o", "ingest/syntax/model/syntax.bin.gz", "output model file")
	return cmd
}

func runSyntax(opts *SyntaxOptions, out io.Writer) error {
	if opts.Train == "" {
		return fmt.Errorf("train syntax: %w: --train", ErrMissingFlag)
	}
	if opts.Output == "" {
		return fmt.Errorf("train syntax: %w: --output", ErrMissingFlag)
	}
	start := time.Now()
	m, err := syntax.Train(syntax.TrainOptions{
		Train: opts.Train, Dev: opts.Dev, Lexicon: opts.Lexicon,
		TagEpochs: opts.TagEpochs, TagBags: opts.TagBags, ParseEpochs: opts.ParseEpochs, Folds: opts.Folds,
		Bags: opts.Bags, Seed: opts.Seed,
	}, out)
	if err != nil {
		return fmt.Errorf("train syntax: %w", err)
	}
	if err := writeModel(opts.Output, m.Save); err != nil {
		return fmt.Errorf("train syntax: %w", err)
	}
	fi, err := os.Stat(opts.Output)
	if err != nil {
		return fmt.Errorf("train syntax: %w", err)
	}
	fmt.Fprintf(out, "wrote %s (%d bytes) in %.1fs\n", opts.Output, fi.Size(), time.Since(start).Seconds())
	if opts.Dev != "" {
		dev, err := syntax.ReadCoNLLUFile(opts.Dev)
		if err != nil {
			return fmt.Errorf("train syntax: %w", err)
		}
		sc := syntax.Evaluate(m, dev)
		fmt.Fprintf(out, "dev scores of the saved model (%s):\n", opts.Dev)
		syntax.WriteScores(out, sc)
	}
	return nil
}

// writeModel writes a model file through a temporary file, so that a
// failed write never leaves a truncated model behind.
func writeModel(path string, save func(io.Writer) error) error {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := save(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("save model: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}
