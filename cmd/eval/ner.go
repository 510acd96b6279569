package eval

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/newsgraph/newsgraph/ingest/ner"
	"github.com/spf13/cobra"
)

// NEROptions are the options of "newsgraph eval ner".
type NEROptions struct {
	CoNLL string // CoNLL-2003 file to score
	Model string // model file; empty = the embedded model
}

// ErrMissingFlag is returned when a required flag is empty.
var ErrMissingFlag = errors.New("missing required flag")

func newCmdNER() *cobra.Command {
	opts := &NEROptions{}
	cmd := &cobra.Command{
		Use:   "ner",
		Short: "Score the named-entity recognizer on a CoNLL-2003 file",
		Long: `Tag a CoNLL-2003 file and print entity-level precision, recall and F1
for PER, ORG and LOC (exact span and type; MISC ignored) and overall.
The last line is "F1 0.xxxx".`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runNER(opts, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&opts.CoNLL, "conll", "", "CoNLL-2003 file to evaluate on (e.g. eng.testb)")
	cmd.Flags().StringVar(&opts.Model, "model", "", "model file (default: the embedded model)")
	return cmd
}

func runNER(opts *NEROptions, out io.Writer) error {
	if opts.CoNLL == "" {
		return fmt.Errorf("eval ner: %w: --conll", ErrMissingFlag)
	}
	var m *ner.Model
	var err error
	if opts.Model != "" {
		f, ferr := os.Open(opts.Model)
		if ferr != nil {
			return fmt.Errorf("eval ner: %w", ferr)
		}
		defer f.Close()
		m, err = ner.Load(f)
	} else {
		m, err = ner.Default()
	}
	if err != nil {
		return fmt.Errorf("eval ner: %w", err)
	}
	sc, err := ner.EvaluateCoNLL(m, opts.CoNLL)
	if err != nil {
		return fmt.Errorf("eval ner: %w", err)
	}
	return sc.Write(out)
}
