package eval

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/syntax"
	"github.com/spf13/cobra"
)

// SyntaxOptions are the options of "newsgraph eval syntax".
type SyntaxOptions struct {
	CoNLLU string // gold CoNLL-U file
	Model  string // model file; empty = the embedded model
	Docs   string // only documents whose id contains this ("" = all)
	// Repairs scores the parse after the pipeline's repairs
	// (document.RepairParse), as the extraction stages see it.
	Repairs bool
}

func newCmdSyntax() *cobra.Command {
	opts := &SyntaxOptions{}
	cmd := &cobra.Command{
		Use:   "syntax",
		Short: "Score the tagger, lemmatizer and parser on a CoNLL-U file",
		Long: `Analyse every sentence of a gold CoNLL-U file from its gold tokens and
print the share of words with the right XPOS, lemma and UPOS, right head
(UAS) and right head and universal relation (LAS), punctuation included as
in the CoNLL 2018 shared task. The output ends with the lines
"UPOS 0.xxxx", "UAS 0.xxxx" and "LAS 0.xxxx".

Example:
  newsgraph eval syntax --conllu ../shared/data/ud-english/ewt/en_ewt-ud-test.conllu
  newsgraph eval syntax --conllu ../shared/data/ud-english/gum/en_gum-ud-test.conllu --docs _news_
  newsgraph eval syntax --repairs --conllu ../shared/data/ud-english/ewt/en_ewt-ud-dev.conllu`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSyntax(opts, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&opts.CoNLLU, "conllu", "", "gold CoNLL-U file to evaluate on")
	cmd.Flags().StringVar(&opts.Model, "model", "", "model file (default: the embedded model)")
	cmd.Flags().BoolVar(&opts.Repairs, "repairs", false, "score the parse after the repairs the extraction pipeline applies")
	cmd.Flags().StringVar(&opts.Docs, "docs", "", "only the documents whose id contains this text (e.g. _news_ for GUM's news)")
	return cmd
}

func runSyntax(opts *SyntaxOptions, out io.Writer) error {
	if opts.CoNLLU == "" {
		return fmt.Errorf("eval syntax: %w: --conllu", ErrMissingFlag)
	}
	m, err := loadSyntaxModel(opts.Model)
	if err != nil {
		return fmt.Errorf("eval syntax: %w", err)
	}
	sents, err := syntax.ReadCoNLLUFile(opts.CoNLLU)
	if err != nil {
		return fmt.Errorf("eval syntax: %w", err)
	}
	if opts.Docs != "" {
		kept := sents[:0]
		for _, s := range sents {
			if strings.Contains(s.DocID, opts.Docs) {
				kept = append(kept, s)
			}
		}
		sents = kept
	}
	if len(sents) == 0 {
		return fmt.Errorf("eval syntax: no sentences to score in %s", opts.CoNLLU)
	}
	fmt.Fprintf(out, "sentences %d\n", len(sents))
	var mend func([]syntax.Word, []string) []syntax.Word
	if opts.Repairs {
		mend = document.RepairParse
	}
	syntax.WriteScores(out, syntax.EvaluateWith(m, sents, mend))
	return nil
}

func loadSyntaxModel(path string) (*syntax.Model, error) {
	if path == "" {
		return syntax.Default()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := syntax.Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}
