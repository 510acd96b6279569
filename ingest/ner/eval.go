package ner

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// EvalTypes are the entity types scored by EvaluateCoNLL. MISC is ignored
// on both the gold and the predicted side.
var EvalTypes = []string{"PER", "ORG", "LOC"}

// TypeScore holds entity-level counts and derived metrics for one type
// (or all scored types together).
type TypeScore struct {
	Type                  string
	TP, FP, FN            int
	Precision, Recall, F1 float64
}

func (t *TypeScore) finish() {
	t.Precision, t.Recall, t.F1 = 0, 0, 0
	if t.TP+t.FP > 0 {
		t.Precision = float64(t.TP) / float64(t.TP+t.FP)
	}
	if t.TP+t.FN > 0 {
		t.Recall = float64(t.TP) / float64(t.TP+t.FN)
	}
	if t.Precision+t.Recall > 0 {
		t.F1 = 2 * t.Precision * t.Recall / (t.Precision + t.Recall)
	}
}

// Scores are entity-level exact-match scores (conlleval semantics: a
// predicted entity counts only if span and type both match a gold entity).
type Scores struct {
	PerType []TypeScore // in EvalTypes order
	Overall TypeScore
	Tokens  int
}

// add scores one document's predicted labels against gold labels.
func (s *Scores) add(gold, pred [][]string) {
	if s.PerType == nil {
		for _, t := range EvalTypes {
			s.PerType = append(s.PerType, TypeScore{Type: t})
		}
		s.Overall.Type = "overall"
	}
	for _, g := range gold {
		s.Tokens += len(g)
	}
	type key struct {
		sent, start, end int
		typ              string
	}
	goldSet := make(map[key]bool)
	idx := func(t string) int {
		for i, e := range EvalTypes {
			if e == t {
				return i
			}
		}
		return -1
	}
	for _, sp := range Spans(gold) {
		if idx(sp.Type) >= 0 {
			goldSet[key{sp.Sentence, sp.Start, sp.End, sp.Type}] = true
		}
	}
	for _, sp := range Spans(pred) {
		i := idx(sp.Type)
		if i < 0 {
			continue
		}
		k := key{sp.Sentence, sp.Start, sp.End, sp.Type}
		if goldSet[k] {
			s.PerType[i].TP++
			delete(goldSet, k)
		} else {
			s.PerType[i].FP++
		}
	}
	for k := range goldSet {
		s.PerType[idx(k.typ)].FN++
	}
	s.finish()
}

func (s *Scores) finish() {
	s.Overall = TypeScore{Type: "overall"}
	for i := range s.PerType {
		s.PerType[i].finish()
		s.Overall.TP += s.PerType[i].TP
		s.Overall.FP += s.PerType[i].FP
		s.Overall.FN += s.PerType[i].FN
	}
	s.Overall.finish()
}

// ScoreDocuments scores predicted BIO labels against gold labels; gold
// and pred hold one [][]string (sentences of labels) per document.
func ScoreDocuments(gold, pred [][][]string) Scores {
	var s Scores
	for i := range gold {
		s.add(gold[i], pred[i])
	}
	if s.PerType == nil {
		s.add(nil, nil)
	}
	return s
}

// EvaluateCoNLL tags every document of the CoNLL file at path with m and
// scores PER, ORG and LOC entities against the gold annotation.
func EvaluateCoNLL(m *Model, path string) (Scores, error) {
	docs, err := ReadCoNLLFile(path)
	if err != nil {
		return Scores{}, err
	}
	gold := make([][][]string, len(docs))
	pred := make([][][]string, len(docs))
	for i, d := range docs {
		gold[i] = d.LabelSentences()
		pred[i] = m.TagDocument(d.TokenSentences())
	}
	return ScoreDocuments(gold, pred), nil
}

// Write prints a table with TP, FP, FN, precision, recall and F1 per type
// and overall. The last line is exactly "F1 0.xxxx" (overall F1).
func (s Scores) Write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "type\tTP\tFP\tFN\tprecision\trecall\tF1\t\n")
	rows := append(append([]TypeScore(nil), s.PerType...), s.Overall)
	for _, t := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.4f\t%.4f\t%.4f\t\n", t.Type, t.TP, t.FP, t.FN, t.Precision, t.Recall, t.F1)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "F1 %.4f\n", s.Overall.F1)
	return err
}
