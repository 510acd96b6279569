// Package evaluate scores the event extraction (direct quotes with their
// speakers, meetings with their participants) against annotated corpora:
// PolNeAR (attribution relations in brat standoff) and M2E2 (ACE events in
// news sentences). The matching rules are documented in
// docs/evaluation.md; the corpus readers live here so that the commands in
// cmd/eval stay thin.
package evaluate

import (
	"fmt"
	"io"
)

// Counts are true positives, false positives and false negatives.
// Precision counts predictions and recall counts gold items, so TP may
// differ between the two (PredTP, GoldTP) when one prediction covers two
// gold items or two predictions cover one.
type Counts struct {
	Predicted, PredTP int // predictions, and those that match some gold item
	Gold, GoldTP      int // gold items, and those that some prediction matches
}

// Precision is PredTP / Predicted (0 when nothing was predicted).
func (c Counts) Precision() float64 { return ratio(c.PredTP, c.Predicted) }

// Recall is GoldTP / Gold.
func (c Counts) Recall() float64 { return ratio(c.GoldTP, c.Gold) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Add accumulates other counts.
func (c *Counts) Add(o Counts) {
	c.Predicted += o.Predicted
	c.PredTP += o.PredTP
	c.Gold += o.Gold
	c.GoldTP += o.GoldTP
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// WriteLine prints one labelled line of precision, recall and F1.
func (c Counts) WriteLine(w io.Writer, label string) error {
	_, err := fmt.Fprintf(w, "%-24s P %.4f (%d/%d)  R %.4f (%d/%d)  F1 %.4f\n", label,
		c.Precision(), c.PredTP, c.Predicted, c.Recall(), c.GoldTP, c.Gold, c.F1())
	return err
}

// span is a half-open range of code point offsets.
type span struct{ Start, End int }

func (s span) overlaps(o span) bool { return s.Start < o.End && o.Start < s.End }

func anyOverlap(a, b []span) bool {
	for _, x := range a {
		for _, y := range b {
			if x.overlaps(y) {
				return true
			}
		}
	}
	return false
}
