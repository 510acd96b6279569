package syntax

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestReadCoNLLU(t *testing.T) {
	sents, err := ReadCoNLLUFile("testdata/tiny.conllu")
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2 {
		t.Fatalf("got %d sentences, want 2", len(sents))
	}
	s := sents[1]
	// the multiword token "don't" and the empty node 4.1 are left out
	if want := []string{"They", "do", "n't", "talk", "."}; !reflect.DeepEqual(s.Forms, want) {
		t.Errorf("forms %q, want %q", s.Forms, want)
	}
	if s.Words[0].Head != 3 || s.Words[3].Head != -1 || s.Words[3].Rel != "root" {
		t.Errorf("heads are not 0-based with -1 for the root: %+v", s.Words)
	}
	if sents[0].DocID != "doc-a" || s.DocID != "doc-a" || s.ID != "s2" {
		t.Errorf("ids: %q %q %q", sents[0].DocID, s.DocID, s.ID)
	}
}

func TestReadCoNLLUErrors(t *testing.T) {
	tests := map[string]string{
		"columns": "1\tA\ta\tX\tX\t_\t0\troot\t_\n\n",
		"head":    "1\tA\ta\tX\tX\t_\t7\troot\t_\t_\n\n",
		"id":      "2\tA\ta\tX\tX\t_\t0\troot\t_\t_\n\n",
		"number":  "1\tA\ta\tX\tX\t_\tx\troot\t_\t_\n\n",
	}
	for name, in := range tests {
		if _, err := ReadCoNLLU(strings.NewReader(in)); !errors.Is(err, ErrBadCoNLLU) {
			t.Errorf("%s: got %v, want ErrBadCoNLLU", name, err)
		}
	}
}

func TestProjectivize(t *testing.T) {
	// 1 <- 3, 2 <- 4 cross: (3,1) spans 2, whose head 4 lies outside.
	heads := []int32{-1, 3, 4, 0, 3}
	got := projectivize(heads)
	for d := 1; d < len(got); d++ {
		if got[d] > 0 && !projectiveArc(got, got[d], int32(d)) {
			t.Fatalf("arc %d -> %d still crosses in %v", got[d], d, got)
		}
	}
	if reflect.DeepEqual(got, heads) {
		t.Errorf("nothing was lifted in %v", heads)
	}
}

// The dynamic oracle's zero-cost transitions rebuild every gold tree of
// a projective sentence.
func TestOracleRebuildsGoldTrees(t *testing.T) {
	sents, err := ReadCoNLLUFile("testdata/tiny.conllu")
	if err != nil {
		t.Fatal(err)
	}
	// a third, longer tree with a left and a right chain
	sents = append(sents, sentence("the old man saw a dog with one eye today",
		[]int{2, 2, 3, -1, 5, 3, 8, 8, 5, 3}))
	pt := newParserTrainer(sents, 1)
	for _, s := range sents {
		ex := pt.example(make([]ptok, len(s.Words)+1), s)
		st := newState(len(s.Words))
		for !st.done() {
			next := -1
			for tr := 0; tr < numTransitions; tr++ {
				if st.valid(tr) && ex.cost(st, tr) == 0 {
					next = tr
					break
				}
			}
			if next < 0 {
				t.Fatalf("%q: no zero-cost transition", s.Forms)
			}
			st.apply(next, 0)
		}
		for d := 1; d <= len(s.Words); d++ {
			h := st.head[d]
			if h < 0 {
				h = 0
			}
			if h != ex.gold[d] {
				t.Errorf("%q: word %d got head %d, gold %d", s.Forms, d, h, ex.gold[d])
			}
		}
	}
}

func sentence(text string, heads []int) Sentence {
	s := Sentence{Forms: strings.Fields(text)}
	for _, h := range heads {
		rel := "dep"
		if h < 0 {
			rel = "root"
		}
		s.Words = append(s.Words, Word{UPOS: "X", XPOS: "X", Head: h, Rel: rel})
	}
	return s
}

func TestEditScripts(t *testing.T) {
	tests := []struct{ form, lemma string }{
		{"meetings", "meeting"}, {"met", "meet"}, {"Talks", "talk"}, {"was", "be"},
		{"Pompeo", "Pompeo"}, {"visited", "visit"}, {"n't", "not"},
	}
	for _, tt := range tests {
		if got := scriptFor(tt.form, tt.lemma).apply(tt.form); got != tt.lemma {
			t.Errorf("script for %q -> %q gives %q", tt.form, tt.lemma, got)
		}
	}
}

func TestLemmatizerGeneralises(t *testing.T) {
	train := []Sentence{
		{Forms: []string{"cats", "dogs", "hats", "walked", "talked"}, Words: []Word{
			{XPOS: "NNS", Lemma: "cat"}, {XPOS: "NNS", Lemma: "dog"}, {XPOS: "NNS", Lemma: "hat"},
			{XPOS: "VBD", Lemma: "walk"}, {XPOS: "VBD", Lemma: "talk"}}},
	}
	lm := trainLemmatizer(train)
	tests := []struct{ form, xpos, want string }{
		{"bats", "NNS", "bat"},       // unseen: suffix rule of NNS
		{"jumped", "VBD", "jump"},    // unseen: suffix rule of VBD
		{"Cats", "NNS", "cat"},       // seen in lower case
		{"Lagos", "NNP", "Lagos"},    // proper nouns keep their form
		{"unknown", "JJ", "unknown"}, // no rule: the lower-case form
	}
	for _, tt := range tests {
		if got := lm.lemma(tt.form, tt.xpos); got != tt.want {
			t.Errorf("lemma(%q, %s) = %q, want %q", tt.form, tt.xpos, got, tt.want)
		}
	}
}

// TestLemmatizerPrefersWords: with the word list, an unseen form takes the
// suffix script whose lemma is a word, or the lemma with the e that
// English drops before -ed and -ing.
func TestLemmatizerPrefersWords(t *testing.T) {
	train := []Sentence{
		{Forms: []string{"walked", "talked", "picked", "used", "caused"}, Words: []Word{
			{XPOS: "VBD", Lemma: "walk"}, {XPOS: "VBD", Lemma: "talk"}, {XPOS: "VBD", Lemma: "pick"},
			{XPOS: "VBD", Lemma: "use"}, {XPOS: "VBD", Lemma: "cause"}}},
	}
	lm := trainLemmatizer(train)
	lm.words = &lexicon{entries: map[string]lexEntry{"rule": {}, "fuse": {}, "kiss": {}, "travel": {}}}
	tests := []struct{ form, want string }{
		{"ruled", "rule"},       // "-ed" gives "rul", no word; "rule" is one
		{"fused", "fuse"},       // the longest suffix's lemma ("-sed" as in "used") is a word
		{"kissed", "kiss"},      // it is not ("kisse"); a shorter suffix's is
		{"zorked", "zork"},      // no word either way: the longest suffix's script
		{"travelled", "travel"}, // British English doubles a final l
	}
	for _, tt := range tests {
		if got := lm.lemma(tt.form, "VBD"); got != tt.want {
			t.Errorf("lemma(%q) = %q, want %q", tt.form, got, tt.want)
		}
	}
}

func TestTableRoundTrip(t *testing.T) {
	p := newPerceptron(3)
	p.tick()
	p.update([]uint32{7, 0, 99}, 2, 1)
	p.tick()
	p.update([]uint32{7}, 0, 2)
	for _, dense := range []bool{true, false} {
		tb := p.compile(0.0001, dense)
		var buf bytes.Buffer
		bw := newBufWriter(&buf)
		if err := tb.write(bw); err != nil {
			t.Fatal(err)
		}
		bw.Flush()
		back, err := readTable(newBufReader(&buf))
		if err != nil {
			t.Fatal(err)
		}
		for _, keys := range [][]uint32{{7}, {0}, {99}, {7, 99}, {12345}} {
			a, b := make([]float32, 3), make([]float32, 3)
			tb.addScores(keys, a)
			back.addScores(keys, b)
			for c := range a {
				if d := a[c] - b[c]; d > 0.01 || d < -0.01 {
					t.Errorf("dense=%v keys %v: scores %v, read back %v", dense, keys, a, b)
				}
			}
		}
	}
}

func TestLoadRejectsGarbage(t *testing.T) {
	for _, in := range []string{"", "NGSYN1", "NGSYN1 not gzip", "something else"} {
		if _, err := Load(strings.NewReader(in)); !errors.Is(err, ErrBadModel) {
			t.Errorf("Load(%q) = %v, want ErrBadModel", in, err)
		}
	}
}

func TestTree(t *testing.T) {
	// Blair met Berlusconi and Schroeder in Rome .
	words := []Word{
		{Head: 1, Rel: "nsubj"}, {Head: -1, Rel: "root"}, {Head: 1, Rel: "obj"},
		{Head: 4, Rel: "cc"}, {Head: 2, Rel: "conj"}, {Head: 6, Rel: "case"},
		{Head: 1, Rel: "obl"}, {Head: 1, Rel: "punct"},
	}
	tr := NewTree(words)
	if tr.Root() != 1 {
		t.Errorf("root %d", tr.Root())
	}
	if got := tr.Conjuncts(2); !reflect.DeepEqual(got, []int{2, 4}) {
		t.Errorf("conjuncts of Berlusconi: %v", got)
	}
	if got := tr.Dependents(1, "nsubj", "obj"); !reflect.DeepEqual(got, []int{0, 2}) {
		t.Errorf("core dependents: %v", got)
	}
	if lo, hi := tr.Span(2); lo != 2 || hi != 5 {
		t.Errorf("span of Berlusconi: %d,%d", lo, hi)
	}
	if !tr.Dominates(1, 5) || tr.Dominates(2, 6) {
		t.Error("dominance wrong")
	}
	if !Is("nsubj:pass", "nsubj") || Is("nsubj", "nsubj:pass") || Is("nsubjx", "nsubj") {
		t.Error("Is")
	}
}
