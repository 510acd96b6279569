package document

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest/syntax"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// TestIsTree: the parse repairs are undone when they would leave a word
// that never reaches the root.
func TestIsTree(t *testing.T) {
	tests := []struct {
		name  string
		heads []int
		want  bool
	}{
		{"chain", []int{1, -1, 1}, true},
		{"cycle", []int{1, 0, -1}, false},
		{"self", []int{0, -1}, false},
		{"out of range", []int{5, -1}, false},
	}
	for _, tt := range tests {
		ws := make([]syntax.Word, len(tt.heads))
		for i, h := range tt.heads {
			ws[i].Head = h
		}
		if got := isTree(ws); got != tt.want {
			t.Errorf("%s: isTree = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestRepairParse: each repair mends its own garden path, given as the
// parser's words (head index, relation, UPOS); the rest stay as parsed.
func TestRepairParse(t *testing.T) {
	type w struct {
		form, upos string
		head       int
		rel        string
	}
	tests := []struct {
		name  string
		words []w
		// want maps a word's index to its head after the repairs
		want map[int]int
	}{
		{"subject hung on a fronted phrase", []w{
			{"In", "ADP", 1, "case"}, {"October", "PROPN", 6, "obl"}, {",", "PUNCT", 1, "punct"},
			{"a", "DET", 4, "det"}, {"delegation", "NOUN", 1, "nsubj"}, {",", "PUNCT", 1, "punct"},
			{"visited", "VERB", -1, "root"}, {"Pyongyang", "PROPN", 6, "obj"}, {".", "PUNCT", 6, "punct"},
		}, map[int]int{4: 6, 1: 6}},
		{"the phrase's verb has a subject", []w{
			{"In", "ADP", 1, "case"}, {"October", "PROPN", 5, "obl"},
			{"the", "DET", 3, "det"}, {"delegation", "NOUN", 1, "nsubj"},
			{"he", "PRON", 5, "nsubj"}, {"visited", "VERB", -1, "root"},
		}, map[int]int{3: 1}},
		{"a copula's subject stays", []w{
			{"He", "PRON", 3, "nsubj"}, {"is", "AUX", 3, "cop"}, {"in", "ADP", 3, "case"},
			{"Paris", "PROPN", 5, "obl"}, {"and", "CCONJ", 5, "cc"}, {"works", "VERB", -1, "root"},
		}, map[int]int{0: 3}},
		{"a name coordinated with the verb", []w{
			{"set", "VERB", -1, "root"}, {"a", "DET", 2, "det"}, {"summit", "NOUN", 0, "obj"},
			{"between", "ADP", 4, "case"}, {"him", "PRON", 0, "obl"}, {"and", "CCONJ", 6, "cc"},
			{"Kim", "PROPN", 0, "conj"},
		}, map[int]int{6: 4}},
		{"a coordinated clause stays", []w{
			{"set", "VERB", -1, "root"}, {"a", "DET", 2, "det"}, {"summit", "NOUN", 0, "obj"},
			{"and", "CCONJ", 5, "cc"}, {"Kim", "PROPN", 5, "nsubj"}, {"agreed", "VERB", 0, "conj"},
		}, map[int]int{5: 0}},
		{"an object cut at its possessive", []w{
			{"meet", "VERB", -1, "root"}, {"the", "DET", 2, "det"}, {"Commission", "PROPN", 0, "obj"},
			{"'", "PART", 2, "case"}, {"polling", "NOUN", 5, "compound"}, {"threshold", "NOUN", 0, "obl"},
		}, map[int]int{5: 0, 2: 5}},
		{"an oblique with its preposition stays", []w{
			{"meet", "VERB", -1, "root"}, {"the", "DET", 2, "det"}, {"Commission", "PROPN", 0, "obj"},
			{"'s", "PART", 2, "case"}, {"in", "ADP", 5, "case"}, {"Washington", "PROPN", 0, "obl"},
		}, map[int]int{5: 0, 2: 0}},
		{"a gapped clause stays", []w{
			{"Kim", "PROPN", 1, "nsubj"}, {"met", "VERB", -1, "root"}, {"Abe", "PROPN", 1, "obj"},
			{"and", "CCONJ", 5, "cc"}, {"Trump", "PROPN", 5, "nsubj"}, {"Xi", "PROPN", 1, "conj"},
		}, map[int]int{5: 1}},
	}
	for _, tt := range tests {
		ws := make([]syntax.Word, len(tt.words))
		forms := make([]string, len(tt.words))
		for i, x := range tt.words {
			ws[i] = syntax.Word{UPOS: x.upos, Head: x.head, Rel: x.rel}
			forms[i] = x.form
		}
		got := RepairParse(ws, forms)
		for i, h := range tt.want {
			if got[i].Head != h {
				t.Errorf("%s: %q hangs on %d, want %d", tt.name, forms[i], got[i].Head, h)
			}
		}
	}
}

// TestRepairNominalRoots: a verb the parser hung on the subject's
// relative clause becomes the sentence's verb, unless the root noun has a
// clause of its own.
func TestRepairNominalRoots(t *testing.T) {
	// "Envoys from Iran who signed the deal meet in Vienna ."
	parsed := func() []syntax.Word {
		return []syntax.Word{
			{Lemma: "envoy", UPOS: "NOUN", XPOS: "NNS", Head: -1, Rel: "root"},
			{Lemma: "from", UPOS: "ADP", XPOS: "IN", Head: 2, Rel: "case"},
			{Lemma: "Iran", UPOS: "PROPN", XPOS: "NNP", Head: 0, Rel: "nmod"},
			{Lemma: "who", UPOS: "PRON", XPOS: "WP", Head: 4, Rel: "nsubj"},
			{Lemma: "sign", UPOS: "VERB", XPOS: "VBD", Head: 0, Rel: "acl:relcl"},
			{Lemma: "the", UPOS: "DET", XPOS: "DT", Head: 6, Rel: "det"},
			{Lemma: "deal", UPOS: "NOUN", XPOS: "NN", Head: 4, Rel: "obj"},
			{Lemma: "meet", UPOS: "VERB", XPOS: "VB", Head: 4, Rel: "conj"},
			{Lemma: "in", UPOS: "ADP", XPOS: "IN", Head: 9, Rel: "case"},
			{Lemma: "Vienna", UPOS: "PROPN", XPOS: "NNP", Head: 7, Rel: "obl"},
			{Lemma: ".", UPOS: "PUNCT", XPOS: ".", Head: 0, Rel: "punct"},
		}
	}
	ws := parsed()
	repairNominalRoots(ws)
	if ws[7].Head != -1 || ws[0].Head != 7 || ws[0].Rel != "nsubj" || ws[10].Head != 7 {
		t.Errorf("repaired: meet -> %d, envoys -> %d %s, stop -> %d; want the verb the root and the noun its subject",
			ws[7].Head, ws[0].Head, ws[0].Rel, ws[10].Head)
	}
	// "to meet" is no finite verb
	ws = parsed()
	ws = append(ws, syntax.Word{Lemma: "to", UPOS: "PART", XPOS: "TO", Head: 7, Rel: "mark"})
	repairNominalRoots(ws)
	if ws[0].Head != -1 {
		t.Errorf("a verb with its marker was made the root")
	}
	// a root noun with its own copula is a clause
	ws = parsed()
	ws = append(ws, syntax.Word{Lemma: "be", UPOS: "AUX", XPOS: "VBZ", Head: 0, Rel: "cop"})
	repairNominalRoots(ws)
	if ws[0].Head != -1 {
		t.Errorf("a copular clause lost its root")
	}
}

// TestRepairObjectControl: "urged X to resume" is a complement the
// object does, even when the parser reads a purpose clause; a clause
// with its own subject, or after a verb of no control, stays.
func TestRepairObjectControl(t *testing.T) {
	parsed := func(verb string) []syntax.Word {
		// "he urged Korea to resume talks"
		return []syntax.Word{
			{Lemma: "he", UPOS: "PRON", Head: 1, Rel: "nsubj"},
			{Lemma: verb, UPOS: "VERB", Head: -1, Rel: "root"},
			{Lemma: "Korea", UPOS: "PROPN", Head: 1, Rel: "obj"},
			{Lemma: "to", UPOS: "PART", Head: 4, Rel: "mark"},
			{Lemma: "resume", UPOS: "VERB", Head: 1, Rel: "advcl"},
			{Lemma: "talk", UPOS: "NOUN", Head: 4, Rel: "obj"},
		}
	}
	ws := parsed("urge")
	repairObjectControl(ws)
	if ws[4].Rel != "xcomp" {
		t.Errorf("urged Korea to resume: %s, want xcomp", ws[4].Rel)
	}
	ws = parsed("visit") // "visited Korea to resume talks": a purpose
	repairObjectControl(ws)
	if ws[4].Rel != "advcl" {
		t.Errorf("visited Korea to resume: %s, want advcl", ws[4].Rel)
	}
}

// TestCaptionMarkEnd: the marks by which a photo caption places a person
// are read with the name; other commas are not.
func TestCaptionMarkEnd(t *testing.T) {
	tests := []struct {
		words string // lower-case words after the name
		want  int    // words of the mark
	}{
		{", left , shakes hands", 3},
		{", second from right , speaks", 5},
		{"( r ) arrives", 3},
		{"( c ) and", 3},
		{", second , said", 0},
		{", left office in 2016", 0},
		{", the leader , said", 0},
		{"( ap )", 0},
		{",", 0},
	}
	for _, tt := range tests {
		var toks []text.Token
		for _, w := range strings.Fields(tt.words) {
			toks = append(toks, text.Token{Text: w})
		}
		if got := captionMarkEnd(toks, 0); got != tt.want {
			t.Errorf("captionMarkEnd(%q) = %d, want %d", tt.words, got, tt.want)
		}
	}
}

// TestJoinMiddleInitials: a middle initial without a full stop joins the
// person's name the entity model cut or mistyped.
// TestNameLabelRepairs: the repairs of the entity model's person labels.
func TestNameLabelRepairs(t *testing.T) {
	tests := []struct {
		repair              func(words, labels []string)
		words, labels, want string
	}{
		{joinMiddleInitials, "met George W Bush today", "O B-PER O B-ORG O", "O B-PER I-PER I-PER O"},
		{joinMiddleInitials, "met George W Bush today", "O B-ORG I-ORG I-ORG O", "O B-PER I-PER I-PER O"},
		{joinMiddleInitials, "met John F Kennedy Jr today", "O B-PER O B-PER I-PER O", "O B-PER I-PER I-PER I-PER O"},
		{joinMiddleInitials, "Plan B Holdings rose", "B-ORG I-ORG I-ORG O", "B-ORG I-ORG I-ORG O"},
		{joinMiddleInitials, "from Britain A new plan", "O B-LOC O O O", "O B-LOC O O O"},
		{joinCommonWordSurnames, "Theresa May said", "B-PER O O", "B-PER I-PER O"},
		{joinCommonWordSurnames, "Minister Theresa May was not invited", "O B-PER O O O O", "O B-PER I-PER O O O"},
		// not a first name
		{joinCommonWordSurnames, "Trump Tower opened", "B-PER O O", "B-PER O O"},
		// a run of capitalised words is a name of something else
		{joinCommonWordSurnames, "Theresa May Fan Club met", "B-PER O O O O", "B-PER O O O O"},
		// a person already whole
		{joinCommonWordSurnames, "Gordon Brown said", "B-PER I-PER O", "B-PER I-PER O"},
	}
	for _, tt := range tests {
		words, labels := strings.Fields(tt.words), strings.Fields(tt.labels)
		tt.repair(words, labels)
		if got := strings.Join(labels, " "); got != tt.want {
			t.Errorf("%q: labels %q, want %q", tt.words, got, tt.want)
		}
	}
}
