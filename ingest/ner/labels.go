package ner

// Label indices used internally by the tagger.
const (
	lO = iota
	lBPER
	lIPER
	lBORG
	lIORG
	lBLOC
	lILOC
	lBMISC
	lIMISC
	numLabels
)

var labelNames = [numLabels]string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}

func labelIndex(s string) int {
	for i, n := range labelNames {
		if n == s {
			return i
		}
	}
	return lO
}

// allowedTransition reports whether label b may follow label a in BIO
// (a == -1 means sentence start).
func allowedTransition(a, b int) bool {
	if b == lO || b%2 == 1 { // O or B-X
		return true
	}
	// b is I-X: previous must be B-X or I-X of the same type.
	if a < 0 || a == lO {
		return false
	}
	return (a+1)/2 == b/2
}

// Span is an entity mention: token indices [Start, End) in sentence
// Sentence, of type Type (PER, ORG, LOC or MISC).
type Span struct {
	Sentence, Start, End int
	Type                 string
}

// Spans converts BIO labels (one slice per sentence) to entity spans. As in
// conlleval, an I-X that does not continue an entity of type X starts a
// new one.
func Spans(labels [][]string) []Span {
	var out []Span
	for si, sent := range labels {
		start, typ := -1, ""
		for i, l := range sent {
			var ltyp string
			isB := false
			if len(l) > 2 && (l[0] == 'B' || l[0] == 'I') && l[1] == '-' {
				ltyp = l[2:]
				isB = l[0] == 'B'
			}
			if start >= 0 && (ltyp == "" || isB || ltyp != typ) {
				out = append(out, Span{Sentence: si, Start: start, End: i, Type: typ})
				start, typ = -1, ""
			}
			if ltyp != "" && start < 0 {
				start, typ = i, ltyp
			}
		}
		if start >= 0 {
			out = append(out, Span{Sentence: si, Start: start, End: len(sent), Type: typ})
		}
	}
	return out
}
