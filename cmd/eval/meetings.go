package eval

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/newsgraph/newsgraph/ingest"
	extractor "github.com/newsgraph/newsgraph/ingest/extract"
	"github.com/newsgraph/newsgraph/ingest/extract/evaluate"
)

// MeetingsOptions are the options of "newsgraph eval meetings".
type MeetingsOptions struct {
	M2E2 string // m2e2_annotations.zip or text_only_event.json
	// FrameNet is a framenet-meetings JSON-lines file (train.jsonl or
	// dev.jsonl), scored instead of M2E2: trigger recall.
	FrameNet string
	Split    string // dev, test or all
	// Context is "document" (each document is rebuilt from its sentences
	// and extracted as an article) or "sentence" (each sentence alone).
	Context string
	// GoldNames replaces the entity model by the gold names of each
	// sentence: a diagnostic that separates meeting rules from NER errors.
	GoldNames bool
	// Trace names a file that receives every sentence with a gold or
	// predicted meeting and how it was scored; dev and all only, so that
	// the test split is never read item by item.
	Trace string
	// Audit names a hand audit of the dev split (docs/m2e2-dev-audit.tsv):
	// how many of the meetings the text reports the gold marks, and what
	// the unmatched predictions are. Dev only.
	Audit string
}

func newCmdMeetings() *cobra.Command {
	opts := &MeetingsOptions{}
	cmd := &cobra.Command{
		Use:   "meetings --m2e2 FILE [--split dev|test|all] | --framenet FILE",
		Short: "Score meeting detection and participants on M2E2 sentences",
		Long: `Extract each M2E2 sentence as a document of its own and score the meetings
found against the gold Contact:Meet events and the Contact:Phone-Write events
that are conversations. A prediction matches a gold event of the same
sentence; a participant matches a gold Entity argument it overlaps. The split
is by document: an even FNV-1a 32-bit hash of the part of sentence_id before
its last "_" is dev, odd is test. Rules: docs/evaluation.md.
FILE is m2e2_annotations.zip (read in place) or the extracted
text_only_event.json. The last line is "F1 0.xxxx" (detection).

With --framenet FILE (../shared/data/framenet-meetings/dev.jsonl) each
FrameNet document is extracted whole, its Treebank tokens joined back into
running text ("Pyongyang 's" -> "Pyongyang's"), and each annotated meeting frame counts
as found when a meeting mention's trigger overlaps its trigger (for a visit
frame, also when a visit's sentence holds it); the last line is
"Recall 0.xxxx".`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runMeetings(opts, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&opts.M2E2, "m2e2", "", "m2e2_annotations.zip or text_only_event.json")
	cmd.Flags().StringVar(&opts.FrameNet, "framenet", "", "score trigger recall on a framenet-meetings `FILE` (train.jsonl or dev.jsonl) instead")
	cmd.Flags().StringVar(&opts.Split, "split", "test", "which sentences to score: dev, test or all")
	cmd.Flags().StringVar(&opts.Context, "context", "document", "extract each `document` rebuilt from its sentences, as an article, or each `sentence` alone")
	cmd.Flags().StringVar(&opts.Trace, "trace", "", "write each sentence with a gold or predicted meeting to `FILE` (error analysis; not allowed with --split test); with --framenet, each missed frame")
	cmd.Flags().StringVar(&opts.Audit, "audit", "", "join the hand audit `FILE` (docs/m2e2-dev-audit.tsv) with the gold and the predictions; --split dev only")
	cmd.Flags().BoolVar(&opts.GoldNames, "gold-names", false, "diagnostic: tag each sentence's gold entity names instead of running the entity model")
	return cmd
}

func runMeetings(opts *MeetingsOptions, out io.Writer) error {
	if opts.FrameNet != "" {
		if opts.M2E2 != "" {
			return fmt.Errorf("eval meetings: --m2e2 and --framenet are two corpora; give one")
		}
		return runFrameNet(opts.FrameNet, opts.Trace, out)
	}
	if opts.M2E2 == "" {
		return fmt.Errorf("eval meetings: %w: --m2e2", ErrMissingFlag)
	}
	switch opts.Split {
	case "dev", "test", "all":
	default:
		return fmt.Errorf("eval meetings: --split must be dev, test or all, not %q", opts.Split)
	}
	context := opts.Context
	switch context {
	case "document", "sentence":
	case "":
		context = "document"
	default:
		return fmt.Errorf("eval meetings: --context must be document or sentence, not %q", opts.Context)
	}
	if opts.GoldNames && context != "sentence" {
		return fmt.Errorf("eval meetings: --gold-names tags one sentence at a time; use --context sentence")
	}
	if opts.Trace != "" && opts.Split == "test" {
		return fmt.Errorf("eval meetings: --trace is for error analysis on dev; the test split is scored, never inspected item by item")
	}
	if opts.Audit != "" && opts.Split != "dev" {
		return fmt.Errorf("eval meetings: --audit judges the dev split only; use --split dev")
	}
	var labels []evaluate.AuditLabel
	if opts.Audit != "" {
		var err error
		if labels, err = evaluate.ReadMeetingAudit(opts.Audit); err != nil {
			return fmt.Errorf("eval meetings: %w", err)
		}
	}
	sents, err := evaluate.ReadM2E2(opts.M2E2)
	if err != nil {
		return fmt.Errorf("eval meetings: %w", err)
	}
	ex, err := extractor.New(extractor.Options{})
	if err != nil {
		return fmt.Errorf("eval meetings: %w", err)
	}
	extractorFor := func(evaluate.M2E2Sentence) (ingest.Extractor, error) { return ex, nil }
	if opts.GoldNames {
		extractorFor = func(s evaluate.M2E2Sentence) (ingest.Extractor, error) {
			return extractor.New(extractor.Options{Tagger: evaluate.NewGoldNameTagger(s)})
		}
	}
	scored := evaluate.FilterM2E2(sents, opts.Split)
	var rep evaluate.MeetingReport
	err = withTrace(opts.Trace, func(trace io.Writer) error {
		var err error
		if context == "document" {
			rep, err = evaluate.ScoreMeetingsByDocument(ex, scored, opts.Split, trace)
		} else {
			rep, err = evaluate.ScoreMeetingsTraced(extractorFor, scored, opts.Split, trace)
		}
		if err != nil || opts.Audit == "" {
			return err
		}
		audit, err := evaluate.AuditMeetings(scored, labels, rep.Predictions)
		if err != nil {
			return fmt.Errorf("%s: %w", opts.Audit, err)
		}
		if err := audit.Write(out); err != nil {
			return err
		}
		if trace != nil {
			fmt.Fprintf(trace, "# audited meeting reports that no prediction found: %d\n", len(audit.Missed))
			for _, m := range audit.Missed {
				fmt.Fprintf(trace, "MISSED %s token %d %q: %s\n", m.SentenceID, m.Token, m.Word, m.Sentence)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("eval meetings: %w", err)
	}
	return rep.Write(out)
}

func runFrameNet(file, trace string, out io.Writer) error {
	docs, err := evaluate.ReadFrameNet(file)
	if err != nil {
		return fmt.Errorf("eval meetings: %w", err)
	}
	ex, err := extractor.New(extractor.Options{})
	if err != nil {
		return fmt.Errorf("eval meetings: %w", err)
	}
	rep, err := evaluate.ScoreFrameNet(ex, docs)
	if err != nil {
		return fmt.Errorf("eval meetings: %w", err)
	}
	if trace != "" {
		// FrameNet has no test split: train and dev may both be inspected.
		var b strings.Builder
		for _, m := range rep.Missed {
			fmt.Fprintf(&b, "MISSED %s %s %s named=%v: %s\n", m.Doc, m.Type, m.LU, m.Named, m.Context)
		}
		if err := os.WriteFile(trace, []byte(b.String()), 0o644); err != nil {
			return fmt.Errorf("eval meetings: writing the trace: %w", err)
		}
	}
	return rep.Write(out)
}
