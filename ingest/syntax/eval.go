package syntax

import (
	"fmt"
	"io"
)

// Scores counts the words of an evaluation that the model got right, over
// every syntactic word with gold tokenisation (punctuation included), as
// the CoNLL 2018 shared task's evaluation does.
type Scores struct {
	Words, UPOSRight, XPOSRight, LemmaRight, HeadRight, LabelledRight int
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (s Scores) UPOS() float64  { return ratio(s.UPOSRight, s.Words) }
func (s Scores) XPOS() float64  { return ratio(s.XPOSRight, s.Words) }
func (s Scores) Lemma() float64 { return ratio(s.LemmaRight, s.Words) }
func (s Scores) UAS() float64   { return ratio(s.HeadRight, s.Words) }
func (s Scores) LAS() float64   { return ratio(s.LabelledRight, s.Words) }

// Evaluate analyses the gold-tokenised sentences and scores the result.
// A relation counts as right when its universal part (before ":") matches,
// as in the shared task's LAS.
func Evaluate(m *Model, sents []Sentence) Scores {
	return EvaluateWith(m, sents, nil)
}

// EvaluateWith is Evaluate with the analysis of each sentence passed
// through mend (forms are the sentence's gold words) before it is scored,
// as a pipeline that repairs the parse would see it; a nil mend scores
// the model's own analysis.
func EvaluateWith(m *Model, sents []Sentence, mend func(ws []Word, forms []string) []Word) Scores {
	var sc Scores
	const batch = 32
	for b := 0; b < len(sents); b += batch {
		part := sents[b:min(b+batch, len(sents))]
		forms := make([][]string, len(part))
		for i, s := range part {
			forms[i] = s.Forms
		}
		for j, pred := range m.AnalyzeBatch(forms) {
			if mend != nil {
				pred = mend(pred, forms[j])
			}
			sc.add(part[j], pred)
		}
	}
	return sc
}

func (sc *Scores) add(s Sentence, pred []Word) {
	{
		for i, g := range s.Words {
			p := pred[i]
			sc.Words++
			if p.UPOS == g.UPOS {
				sc.UPOSRight++
			}
			if p.XPOS == g.XPOS {
				sc.XPOSRight++
			}
			if p.Lemma == g.Lemma {
				sc.LemmaRight++
			}
			if p.Head == g.Head {
				sc.HeadRight++
				if universal(p.Rel) == universal(g.Rel) {
					sc.LabelledRight++
				}
			}
		}
	}
}

func universal(rel string) string {
	for i := 0; i < len(rel); i++ {
		if rel[i] == ':' {
			return rel[:i]
		}
	}
	return rel
}

// WriteScores prints the scores, one per line, ending with the lines
// "UPOS 0.xxxx", "UAS 0.xxxx" and "LAS 0.xxxx".
func WriteScores(w io.Writer, s Scores) {
	fmt.Fprintf(w, "words %d\n", s.Words)
	fmt.Fprintf(w, "XPOS %.4f\n", s.XPOS())
	fmt.Fprintf(w, "Lemma %.4f\n", s.Lemma())
	fmt.Fprintf(w, "UPOS %.4f\n", s.UPOS())
	fmt.Fprintf(w, "UAS %.4f\n", s.UAS())
	fmt.Fprintf(w, "LAS %.4f\n", s.LAS())
}
