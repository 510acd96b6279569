// Package syntax tags, lemmatizes and dependency-parses sentences: universal
// and Penn part-of-speech tags, lemmas and a labelled Universal Dependencies
// tree per sentence, from models trained in Go on UD English EWT and
// embedded in the binary.
package syntax

// Word is the analysis of one token of a sentence.
type Word struct {
	UPOS  string // universal part of speech: NOUN, PROPN, VERB, AUX, ...
	XPOS  string // Penn Treebank tag: NN, NNP, VBD, MD, ...
	Lemma string // "met" -> "meet", "talks" -> "talk"
	// Head is the index of the head word in the sentence, -1 for the root.
	Head int
	// Rel is the UD relation to the head with its subtype: nsubj, obj, obl,
	// nmod:poss, acl:relcl, compound:prt, root, ...
	Rel string
}
