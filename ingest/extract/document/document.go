// Package document holds the parsed article that every extraction stage
// reads and adds to: its sentences (tokens with offsets, segment kind,
// entity labels, syntax), the entity mentions the tagger found, and the
// actors and locations the actors stage resolves them to; plus the helpers
// the stages share to point back into the text (evidence in code points,
// token text) and to name what they find (stable IDs, slugs).
package document

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/dates"
	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
	"github.com/newsgraph/newsgraph/ingest/extract/places"
	"github.com/newsgraph/newsgraph/ingest/syntax"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// Tagger labels the tokens of a document's sentences with BIO entity tags
// (B-PER, I-ORG, ..., O). *ner.Model is the default.
type Tagger interface {
	TagDocument(sentences [][]string) [][]string
}

// Parser tags and parses the tokenised sentences of a document.
// *syntax.Model is the default.
type Parser interface {
	AnalyzeBatch(sentences [][]string) [][]syntax.Word
}

// parse fills every sentence's Syntax. A name of several words ("Mike
// Pompeo", "North Korea") is parsed as one word, its last, and then
// spread back over its words: the parser learnt names from web text,
// where "verb NNP NNP" is mostly a compound ("Mount Fuji"), and news
// names people in full everywhere. A person's name is headed by its first
// word with the others flat, as UD does; other names by their last word
// with the others as compounds.
func (d *Document) parse(parser Parser) {
	type group struct{ start, end, head, mark int } // token range, head token, start of a caption mark (= end if none)
	forms := make([][]string, len(d.Sentences))
	groups := make([][]group, len(d.Sentences))
	starting := make(map[[2]int]int, len(d.Mentions)) // (sentence, first token) -> mention
	for mi, m := range d.Mentions {
		starting[[2]int{m.Sent, m.Start}] = mi
	}
	for mi, m := range d.Mentions {
		if m.Type == "PER" {
			if t := d.titleStart(m); t < m.Start {
				starting[[2]int{m.Sent, t}] = mi
			}
		}
	}
	for si, s := range d.Sentences {
		var gs []group
		for ti := 0; ti < len(s.Tokens); {
			end, form, head := ti+1, s.Tokens[ti].Text, ti
			mark := end
			if mi, ok := starting[[2]int{si, ti}]; ok {
				m := d.Mentions[mi]
				end, head = m.End, m.Start
				form = s.Tokens[end-1].Text
				if p, ok := nameStandIns[m.Type]; ok {
					form = p
				}
				if m.Type != "PER" {
					head = end - 1
				}
				mark = end
				if m.Type == "PER" {
					end = captionMarkEnd(s.Tokens, end)
				}
			}
			gs = append(gs, group{ti, end, head, mark})
			forms[si] = append(forms[si], form)
			ti = end
		}
		groups[si] = gs
	}
	parsed := parser.AnalyzeBatch(forms)
	for si := range d.Sentences {
		s := &d.Sentences[si]
		gs := groups[si]
		out := make([]syntax.Word, len(s.Tokens))
		for gi, g := range gs {
			w := parsed[si][gi]
			if w.Head >= 0 {
				w.Head = gs[w.Head].head
			}
			for k := g.start; k < g.end; k++ {
				if k == g.head {
					if g.end-g.start > 1 || forms[si][gi] != s.Tokens[k].Text {
						w.Lemma = s.Tokens[k].Text
					}
					out[k] = w
					continue
				}
				rel, upos, xpos, lemma := "compound", "PROPN", "NNP", s.Tokens[k].Text
				if k >= g.mark {
					// ", left," after a name in a caption
					rel, upos, xpos, lemma = "advmod", "ADV", "RB", strings.ToLower(lemma)
					if !unicode.IsLetter([]rune(lemma)[0]) {
						rel, upos, xpos = "punct", "PUNCT", lemma
					}
					out[k] = syntax.Word{UPOS: upos, XPOS: xpos, Lemma: lemma, Head: g.head, Rel: rel}
					continue
				}
				if k > g.head {
					rel = "flat"
				} else if lemma == "of" {
					upos, xpos = "ADP", "IN" // "Secretary of State"
				} else if s.Labels[k] == "O" && !unicode.IsUpper([]rune(lemma)[0]) {
					upos, xpos, lemma = "NOUN", "NN", strings.ToLower(lemma) // "leader Kim"
				}
				out[k] = syntax.Word{UPOS: upos, XPOS: xpos, Lemma: lemma, Head: g.head, Rel: rel}
			}
		}
		forms := make([]string, len(s.Tokens))
		for k, tok := range s.Tokens {
			forms[k] = tok.Text
		}
		s.Syntax = RepairParse(out, forms)
	}
}

// RepairParse mends the greedy parser's known garden paths and
// well-formedness faults in one sentence's words (forms are its words'
// texts) and returns the mended words; a repair that would make a cycle is
// no repair, so it is undone and the next one tried. `newsgraph eval syntax
// --repairs` scores the parser with these repairs.
func RepairParse(ws []syntax.Word, forms []string) []syntax.Word {
	out := append([]syntax.Word(nil), ws...)
	try := append([]syntax.Word(nil), ws...)
	for _, repair := range []func([]syntax.Word){
		repairSubordinators,
		func(ws []syntax.Word) { repairFrontedSubjects(ws, forms) },
		repairDoubleSubjects,
		repairPunctuationHeads,
		repairStraySubjects, // after the marks: a word hung on a comma may land on the phrase
		repairNominalConjuncts,
		func(ws []syntax.Word) { repairSplitPossessives(ws, forms) },
		repairNominalRoots,
		repairObjectControl,
	} {
		repair(try)
		if slices.Equal(try, out) {
			continue // most repairs find nothing to mend
		}
		if isTree(try) {
			copy(out, try)
		} else {
			copy(try, out) // each repair stands or falls alone
		}
	}
	return out
}

// repairFrontedSubjects mends another garden path: in "After talks on
// Friday, Obama and Merkel called ..." the parser joins the subject to the
// fronted phrase ("Friday, Obama and Merkel") and leaves the verb without
// one. A finite verb with no subject takes the conjuncts that stand, after
// a comma, right before it.
func repairFrontedSubjects(ws []syntax.Word, forms []string) {
	for v, w := range ws {
		if w.UPOS != "VERB" || (w.XPOS != "VBD" && w.XPOS != "VBZ" && w.XPOS != "VBP") || v == 0 {
			continue
		}
		hasSubject := false
		for k := range ws {
			if ws[k].Head == v && (strings.HasPrefix(ws[k].Rel, "nsubj") || ws[k].Rel == "expl" || strings.HasPrefix(ws[k].Rel, "csubj")) {
				hasSubject = true
			}
		}
		if hasSubject {
			continue
		}
		// the head word of the phrase that ends right before v
		last := v - 1
		c := last
		for ws[c].Head >= 0 && ws[c].Head < v && ws[c].Rel != "conj" && ws[c].Head > c-8 {
			c = ws[c].Head
		}
		if ws[c].Rel != "conj" || ws[c].UPOS != "PROPN" && ws[c].UPOS != "NOUN" && ws[c].UPOS != "PRON" {
			continue
		}
		h := ws[c].Head
		if h < 0 || h >= v || ws[h].Head == v {
			continue
		}
		// the first conjunct after a comma that follows h
		first := -1
		for k := h + 1; k <= c; k++ {
			if ws[k].Head == h && ws[k].Rel == "conj" {
				comma := false
				for p := h + 1; p < k; p++ {
					comma = comma || forms[p] == ","
				}
				if comma {
					first = k
					break
				}
			}
		}
		if first < 0 {
			continue
		}
		ws[first].Head, ws[first].Rel = v, "nsubj"
		for k := first + 1; k < v; k++ {
			if ws[k].Head == h && ws[k].Rel == "conj" {
				ws[k].Head = first
			}
		}
	}
}

// isTree says whether every word reaches the root by its heads.
func isTree(ws []syntax.Word) bool {
	for k := range ws {
		h, steps := k, 0
		for h >= 0 {
			if h >= len(ws) || steps > len(ws) {
				return false
			}
			h, steps = ws[h].Head, steps+1
		}
	}
	return true
}

// repairDoubleSubjects mends a clause that lost its subject to the verb
// above it: in "says on 13 March Lord Goldsmith met Lord Falconer" the
// parser gives "says" two subjects and "met" none. A verb has one subject,
// so a second one that stands right before a clause of that verb with no
// subject of its own is that clause's subject.
func repairDoubleSubjects(ws []syntax.Word) {
	t := syntax.NewTree(ws)
	for v := range ws {
		subj := t.Dependents(v, "nsubj")
		if len(subj) < 2 {
			continue
		}
		for _, n := range subj {
			_, w := t.Span(n)
			for w < len(ws) && (ws[w].UPOS == "ADV" || ws[w].UPOS == "AUX") && ws[w].Head != v {
				w++ // "Lord Goldsmith then met", "Goldsmith had met"
			}
			if w >= len(ws) || ws[w].Head != v || ws[w].UPOS != "VERB" || !t.RelIs(w, "ccomp", "conj", "parataxis", "advcl") ||
				t.Dependent(w, "nsubj", "nsubj:pass", "expl") >= 0 {
				continue
			}
			ws[n].Head = w
			break
		}
	}
}

// repairNominalConjuncts mends a name coordinated with a verb: in "set up
// a summit between him and Kim" the parser makes "Kim" a conjunct of "set".
// A bare nominal (no subject, object, copula or marker of its own: no
// clause) coordinated with a verb is a conjunct of the nominal right
// before its "and", when that nominal belongs to the same verb.
func repairNominalConjuncts(ws []syntax.Word) {
	nominal := func(u string) bool { return u == "NOUN" || u == "PROPN" || u == "PRON" }
	for c, w := range ws {
		h := w.Head
		if w.Rel != "conj" || !nominal(w.UPOS) || h < 0 || h >= c || (ws[h].UPOS != "VERB" && ws[h].UPOS != "AUX") {
			continue
		}
		cc := -1
		clause := false
		for k := range ws {
			if ws[k].Head != c {
				continue
			}
			switch r := ws[k].Rel; {
			case r == "cc" && k < c:
				cc = k
			case strings.HasPrefix(r, "nsubj"), r == "obj", r == "cop", r == "aux", r == "mark", r == "advmod", strings.HasPrefix(r, "obl"):
				clause = true
			}
		}
		if cc < 1 || clause {
			continue
		}
		// the phrase that ends right before the "and"
		d := cc - 1
		for d >= 0 && ws[d].Head >= 0 && ws[d].Head != h && ws[d].Head < cc && ws[d].Head > h {
			d = ws[d].Head
		}
		if d < 0 || d <= h || ws[d].Head != h || !nominal(ws[d].UPOS) {
			continue
		}
		switch r := ws[d].Rel; {
		case r == "obj", r == "iobj", strings.HasPrefix(r, "obl"):
			ws[c].Head = d
		}
	}
}

// repairNominalRoots mends a sentence whose verb the parser took into the
// subject's relative clause: in "Representatives of the powers who signed
// the deal meet in Vienna" it makes "meet" a conjunct of "signed" and the
// noun "Representatives" the root. A finite verb with no subject that is a
// conjunct of a relative clause's verb, in a sentence rooted at a noun
// before it, is the sentence's verb, and the noun its subject.
func repairNominalRoots(ws []syntax.Word) {
	root := slices.IndexFunc(ws, func(w syntax.Word) bool { return w.Head < 0 })
	if root < 0 || ws[root].UPOS != "NOUN" && ws[root].UPOS != "PROPN" {
		return
	}
	if slices.ContainsFunc(ws, func(d syntax.Word) bool {
		return d.Head == root && (d.Rel == "cop" || strings.HasPrefix(d.Rel, "nsubj"))
	}) {
		return // "It's your cat you can pick": a clause of its own
	}
	for v, w := range ws {
		h := w.Head
		if v <= root || w.UPOS != "VERB" || w.Rel != "conj" || h < 0 || ws[h].Rel != "acl:relcl" ||
			w.XPOS != "VBD" && w.XPOS != "VBZ" && w.XPOS != "VBP" && w.XPOS != "VB" {
			continue // a base form too: the tagger reads "meet" after "signed" as one
		}
		notFinite := slices.ContainsFunc(ws, func(d syntax.Word) bool {
			return d.Head == v && (strings.HasPrefix(d.Rel, "nsubj") || strings.HasPrefix(d.Rel, "csubj") || d.Rel == "expl" ||
				d.Rel == "aux" || d.Rel == "mark")
		})
		if notFinite {
			continue // it has a subject, or it is "to meet", "will meet"
		}
		ws[v].Head, ws[v].Rel = -1, "root"
		ws[root].Head, ws[root].Rel = v, "nsubj"
		for k := v + 1; k < len(ws); k++ {
			if ws[k].Head == root && ws[k].UPOS == "PUNCT" {
				ws[k].Head = v // the final stop
			}
		}
		return
	}
}

// objectControlVerbs take an object and an infinitive the object does:
// "urged North Korea to resume talks", "invited Abe to visit".
var objectControlVerbs = map[string]bool{
	"urge": true, "ask": true, "invite": true, "encourage": true, "persuade": true, "press": true, "push": true,
	"tell": true, "allow": true, "want": true, "expect": true, "force": true, "order": true, "instruct": true,
	"require": true, "pressure": true, "challenge": true, "convince": true, "beg": true, "implore": true, "get": true,
}

// repairObjectControl mends "urged North Korea to resume talks", which
// the parser reads with a purpose clause ("to resume" as advcl): after
// the object of a verb of object control, a "to" infinitive is the
// verb's complement (xcomp), so the object is its subject.
func repairObjectControl(ws []syntax.Word) {
	for x, w := range ws {
		v := w.Head
		if w.Rel != "advcl" || v < 0 || v >= x || w.UPOS != "VERB" || !objectControlVerbs[ws[v].Lemma] {
			continue
		}
		obj, to, subject := false, false, false
		for k, d := range ws {
			switch {
			case d.Head == v && d.Rel == "obj" && k < x:
				obj = true
			case d.Head == x && d.Rel == "mark" && strings.EqualFold(d.Lemma, "to"):
				to = true
			case d.Head == x && strings.HasPrefix(d.Rel, "nsubj"):
				subject = true // a clause with its own subject
			}
		}
		if obj && to && !subject {
			ws[x].Rel = "xcomp"
		}
	}
}

// repairSplitPossessives mends an object cut at its possessive: in "did
// not meet the Commission on Presidential Debates' polling threshold" the
// parser makes "Commission" the object and "threshold" a bare oblique. A
// bare nominal oblique (no preposition) that starts right after the
// possessive mark ending the verb's object is the object, and the old
// object its possessor.
func repairSplitPossessives(ws []syntax.Word, forms []string) {
	for n, w := range ws {
		v := w.Head
		if w.Rel != "obl" || v < 0 || (w.UPOS != "NOUN" && w.UPOS != "PROPN") {
			continue
		}
		t := syntax.NewTree(ws)
		start, _ := t.Span(n)
		if t.Dependent(n, "case") >= 0 || start == 0 || (forms[start-1] != "'s" && forms[start-1] != "'" && forms[start-1] != "’s" && forms[start-1] != "’") {
			continue
		}
		o := start - 1
		for o >= 0 && ws[o].Head >= 0 && ws[o].Head != v {
			o = ws[o].Head
		}
		if o < 0 || o >= start || ws[o].Rel != "obj" || ws[o].Head != v {
			continue
		}
		ws[n].Rel = "obj"
		ws[o].Head, ws[o].Rel = n, "nmod:poss"
	}
}

// repairStraySubjects mends a subject hung on a prepositional phrase: in
// "In October 2002, a delegation led by James Kelly, US Assistant
// Secretary of State, visited Pyongyang" the parser makes "delegation" the
// subject of "October". A phrase with a preposition and no copula has no
// subject, so the subject goes to the verb the phrase belongs to, when
// that verb has none and comes after it.
func repairStraySubjects(ws []syntax.Word) {
	for k := range ws {
		p := ws[k].Head
		if p < 0 || ws[p].UPOS != "NOUN" && ws[p].UPOS != "PROPN" ||
			!hasDependent(ws, p, "case") || hasDependent(ws, p, "cop") || ws[p].Rel != "obl" && ws[p].Rel != "nmod" {
			continue
		}
		// "On Monday the Pakistani president met Tony Blair": the
		// parser reads the subject as an apposition of the date
		appos := ws[k].Rel == "appos" && k > p && ws[k].UPOS == "NOUN" && hasDependent(ws, k, "det")
		if ws[k].Rel != "nsubj" && !appos {
			continue
		}
		v := ws[p].Head
		if v < 0 || v < k || ws[v].UPOS != "VERB" || hasDependent(ws, v, "nsubj") || hasDependent(ws, v, "nsubj:pass") {
			continue
		}
		if appos && (p > v || !(ws[v].XPOS == "VBD" || ws[v].XPOS == "VBZ" || ws[v].XPOS == "VBP")) {
			continue // only a fronted phrase before a finite verb
		}
		ws[k].Head, ws[k].Rel = v, "nsubj"
	}
}

// repairPunctuationHeads reattaches the words a parser hung on a mark:
// punctuation heads nothing. In "... met then Home Office Minister Lord
// Falconer and Baroness Morgan." the names hang on the full stop; each
// goes to the nearest verb before it, a subject there becoming its object
// when the verb has none. On UD EWT dev this alone moves UAS from 0.8531
// to 0.8539.
func repairPunctuationHeads(ws []syntax.Word) {
	for k := range ws {
		h := ws[k].Head
		if h < 0 || ws[h].UPOS != "PUNCT" || ws[k].UPOS == "PUNCT" {
			continue
		}
		v := -1
		for j := k - 1; j >= 0; j-- {
			if ws[j].UPOS == "VERB" {
				v = j
				break
			}
		}
		if v < 0 {
			ws[k].Head = ws[h].Head
			continue
		}
		ws[k].Head = v
		if ws[k].Rel == "nsubj" && !hasDependent(ws, v, "obj") {
			ws[k].Rel = "obj"
		}
	}
}

// hasDependent reads the heads as the repairs left them (a Tree built
// before them would not see their changes).
func hasDependent(ws []syntax.Word, h int, rel string) bool {
	for k := range ws {
		if ws[k].Head == h && ws[k].Rel == rel {
			return true
		}
	}
	return false
}

// subordinators are the prepositions that also open a clause ("after
// Trump opened talks").
var subordinators = map[string]bool{"after": true, "before": true, "since": true, "until": true, "till": true, "once": true}

// repairSubordinators mends a greedy parser's garden path: in "came after
// Trump and Abe opened talks" it reads "after Trump" as a phrase and
// "opened" as a second verb or a clause of "came", without a subject and
// without a conjunction or a marker. The name becomes the subject of that verb, the verb a
// clause of "came" opened by "after".
func repairSubordinators(ws []syntax.Word) {
	for c, w := range ws {
		if w.Rel != "case" || !subordinators[strings.ToLower(w.Lemma)] {
			continue
		}
		n := w.Head
		if n < 0 || ws[n].Rel != "obl" {
			continue
		}
		h := ws[n].Head
		// The verb may hang on the phrase's head or higher up: in "the
		// cease-fire, reached after Kerry and Lavrov spoke", "spoke" is
		// read as a second verb of the whole sentence.
		above := map[int]bool{}
		for x, steps := h, 0; x >= 0 && steps < len(ws); x, steps = ws[x].Head, steps+1 {
			above[x] = true
		}
		for v := n + 1; v < len(ws); v++ {
			if !above[ws[v].Head] || ws[v].Rel != "conj" && ws[v].Rel != "advcl" || ws[v].UPOS != "VERB" {
				continue
			}
			hasSubject, hasOpener := false, false
			for k := range ws {
				if ws[k].Head == v && (ws[k].Rel == "cc" || ws[k].Rel == "mark" || strings.HasPrefix(ws[k].Rel, "nsubj")) {
					hasSubject = hasSubject || strings.HasPrefix(ws[k].Rel, "nsubj")
					hasOpener = hasOpener || ws[k].Rel == "cc" || ws[k].Rel == "mark"
				}
			}
			if !hasSubject && !hasOpener {
				ws[n].Head, ws[n].Rel = v, "nsubj"
				ws[v].Rel = "advcl"
				ws[c].Head, ws[c].Rel, ws[c].UPOS, ws[c].XPOS = v, "mark", "SCONJ", "IN"
			}
			break
		}
	}
}

// titleStart returns where the title before person mention m begins
// ("Japanese Prime Minister Shinzo Abe", "leader Kim Jong Un"), m.Start
// when it has none: the words parse as part of the name, so that the
// parser sees "after John opened talks", not a row of nouns. A title ends
// in a role noun and reaches left over capitalised words and names.
func (d *Document) titleStart(m Mention) int {
	s := &d.Sentences[m.Sent]
	j := m.Start - 1
	if j < 0 || s.Labels[j] != "O" || !isRoleNoun(s.Tokens[j].Text) {
		return m.Start
	}
	start := j
	isTitled := func(k int) bool {
		w := s.Tokens[k].Text
		return w != "" && unicode.IsUpper([]rune(w)[0]) && !strings.HasSuffix(s.Labels[k], "PER")
	}
	for j--; j >= 0; j-- {
		if s.Tokens[j].Text == "of" && j > 0 && isTitled(j-1) {
			continue // "Secretary of State John Kerry"
		}
		if !isTitled(j) {
			break
		}
		start = j
	}
	// a title does not begin inside a name
	for start < m.Start && strings.HasPrefix(s.Labels[start], "I-") {
		start++
	}
	// "incoming French President", "former Secretary of State"
	if start > 0 && lexicon.TitleModifiers[strings.ToLower(s.Tokens[start-1].Text)] && s.Labels[start-1] == "O" {
		start--
	}
	return start
}

// isRoleNoun says whether w is a role noun, singular or plural
// ("presidents Trump and Putin").
func isRoleNoun(w string) bool {
	l := strings.ToLower(w)
	return lexicon.RoleNouns[l] || lexicon.RoleNouns[strings.TrimSuffix(l, "s")]
}

// captionMarkEnd returns where the caption mark that starts at word k
// ends (", left,", ", second from right,", "(R)"), k when none does: the
// parser reads "Biden, left, shakes hands" as a verb "left" otherwise. The
// mark is read as part of the name before it.
func captionMarkEnd(toks []text.Token, k int) int {
	// s.Lower is filled after the parse; the mark's few words are
	// lower-cased here
	lower := func(i int) string { return strings.ToLower(toks[i].Text) }
	if k >= len(toks) {
		return k
	}
	var closing string
	switch lower(k) {
	case ",":
		closing = ","
	case "(":
		closing = ")"
	default:
		return k
	}
	j := k + 1
	for j < len(toks) && j-k <= 3 && lexicon.CaptionPositions[lower(j)] {
		j++
	}
	if j == k+1 || j >= len(toks) || lower(j) != closing {
		return k
	}
	last := lower(j - 1)
	if closing == "," && last != "left" && last != "right" && last != "center" && last != "centre" {
		return k // ", second," is no place in a picture
	}
	return j + 1
}

// nameStandIns are the words the parser reads in place of a tagged name:
// names it knows well as names of that kind, so that a name which is also
// a word ("Trump", "Kim", "Brown") cannot be taken for a noun or a verb.
var nameStandIns = map[string]string{"PER": "John", "ORG": "Microsoft", "LOC": "France"}

// Document is one article as the stages see it. Analyse fills the
// sentences and the tagger's mentions; the actors stage resolves the
// mentions to Actors and Locations; the event stages read all of it and
// may add actors (a country named only in passing) and locations (a venue).
type Document struct {
	Article *ingest.Document // text, segments, metadata and date of the article
	// Places is the gazetteer names are resolved against.
	Places    *places.Gazetteer
	Sentences []Sentence
	// Mentions are the entity mentions in article order; after the actors
	// stage each has its actor or location, and its Type says what it
	// resolved to (PER, ORG, LOC; a demonym stays MISC).
	Mentions  []Mention
	Actors    []ingest.Actor
	Locations []ingest.Location
	// Quotes are the quoted runs of the text, in text order.
	Quotes []QuoteSpan

	runes runeCounter
}

// Sentence is one sentence of the article with what is known of its tokens.
type Sentence struct {
	text.Sentence
	Segment ingest.SegmentKind
	// Labels are the tagger's BIO entity labels, one per token.
	Labels []string
	// Syntax is the parse of the sentence, one word per token (nil when the
	// document was analysed without a parser), and Tree its structure.
	Syntax []syntax.Word
	Tree   *syntax.Tree
	// Lower holds the tokens' texts in lower case.
	Lower []string
	// Quoted says per token whether it stands inside a direct quote.
	Quoted []bool
	// MentionAt is per token the index of its mention in
	// Document.Mentions, or -1 (see IndexMentions).
	MentionAt []int
	// Dates are the sentence's date expressions, not yet resolved.
	Dates []dates.Mention
}

// Mention is a run of tokens the tagger marked as an entity.
type Mention struct {
	Sent, Start, End int    // sentence index; token indices, End exclusive
	Type             string // PER, ORG, LOC, MISC; COMPOUND and TITLE while the actors stage works
	Text             string
	Actor            int // index into Document.Actors, or -1
	Location         int // index into Document.Locations, or -1
}

// Analyse splits the article into sentences and tokens, tags them with
// tagger, collects the tagged mentions and, when parser is not nil, parses
// every sentence.
func Analyse(article *ingest.Document, tagger Tagger, parser Parser, gazetteer *places.Gazetteer) *Document {
	d := &Document{Article: article, Places: gazetteer, runes: runeCounter{text: article.Text}}
	for _, seg := range article.Segments {
		for _, s := range text.SplitSentences(article.Text, seg.Start, seg.End) {
			d.Sentences = append(d.Sentences, Sentence{Sentence: s, Segment: seg.Kind})
		}
	}
	words := make([][]string, len(d.Sentences))
	for i, s := range d.Sentences {
		words[i] = s.Words()
	}
	labels := tagger.TagDocument(words)
	for i := range d.Sentences {
		joinMiddleInitials(words[i], labels[i])
		joinCommonWordSurnames(words[i], labels[i])
		d.Sentences[i].Labels = labels[i]
		d.collectMentions(i)
	}
	if parser != nil {
		d.parse(parser)
	}
	for i := range d.Sentences {
		d.Sentences[i].Tree = syntax.NewTree(d.Sentences[i].Syntax)
	}
	for i, seg := range article.Segments {
		d.Quotes = append(d.Quotes, findQuoteSpans(article.Text, i, seg.Start, seg.End)...)
	}
	for si := range d.Sentences {
		s := &d.Sentences[si]
		s.Lower = make([]string, len(s.Tokens))
		s.Quoted = make([]bool, len(s.Tokens))
		for ti, t := range s.Tokens {
			s.Lower[ti] = strings.ToLower(t.Text)
			for _, q := range d.Quotes {
				if t.Start >= q.Start && t.End <= q.End {
					s.Quoted[ti] = true
					break
				}
			}
		}
		s.Dates = dates.Scan(s.Tokens)
	}
	d.IndexMentions()
	return d
}

// collectMentions turns BIO labels of sentence si into mentions.
func (d *Document) collectMentions(si int) {
	s := d.Sentences[si]
	for i := 0; i < len(s.Labels); {
		l := s.Labels[i]
		if l == "O" || len(l) < 3 {
			i++
			continue
		}
		typ := l[2:]
		j := i + 1
		for j < len(s.Labels) && s.Labels[j] == "I-"+typ {
			j++
		}
		d.Mentions = append(d.Mentions, Mention{
			Sent: si, Start: i, End: j, Type: typ,
			Text:  d.Article.Text[s.Tokens[i].Start:s.Tokens[j-1].End],
			Actor: -1, Location: -1,
		})
		i = j
	}
}

// joinMiddleInitials mends a person's name the entity model cut at a
// middle initial written without a full stop: "George W Bush" tagged
// PER, O, ORG becomes one PER name.
// joinCommonWordSurnames mends a person cut before a surname that is also
// a common word: the entity model may tag "Theresa" in "Theresa May said"
// as a person and leave "May" out. A known first name tagged as a person
// on its own, followed by a capitalised word the model left untagged and
// then by no other capitalised word, takes that word as its surname.
func joinCommonWordSurnames(words, labels []string) {
	for k := 0; k+1 < len(words); k++ {
		if labels[k] != "B-PER" || labels[k+1] != "O" || !Capitalised(words[k+1]) || len(words[k+1]) < 2 {
			continue
		}
		given := strings.ToLower(words[k])
		if !lexicon.GivenNames[given] && lexicon.FirstNameGenders[given] == "" {
			continue
		}
		if strings.IndexFunc(words[k+1], func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			continue
		}
		if k+2 < len(words) && (Capitalised(words[k+2]) || labels[k+2] != "O") {
			continue
		}
		labels[k+1] = "I-PER"
	}
}

func joinMiddleInitials(words, labels []string) {
	for k := 1; k+1 < len(words); k++ {
		w := words[k]
		if len(w) != 1 || !unicode.IsUpper(rune(w[0])) || labels[k-1] == "O" || !Capitalised(words[k-1]) || !Capitalised(words[k+1]) {
			continue
		}
		switch {
		case labels[k] == "O" && strings.HasSuffix(labels[k-1], "-PER") && !strings.HasPrefix(labels[k+1], "I-"):
			// "George W Bush" tagged PER, O, ORG
		case labels[k] == labels[k+1] && strings.HasPrefix(labels[k], "I-") && labels[k-1] == "B-"+labels[k][2:] &&
			(k+2 >= len(words) || labels[k+2] != labels[k]) && lexicon.GivenNames[strings.ToLower(words[k-1])]:
			// "George W Bush" tagged as one organisation: a given name,
			// an initial and a surname are a person's ("Plan B Holdings"
			// is no one's)
		default:
			continue
		}
		labels[k-1], labels[k], labels[k+1] = "B-PER", "I-PER", "I-PER"
		for j := k + 2; j < len(words) && strings.HasPrefix(labels[j], "I-"); j++ {
			labels[j] = "I-PER"
		}
	}
}

// IndexMentions fills Sentence.MentionAt from Mentions; a stage that
// changes the mentions (the actors stage) calls it when it is done. Where
// mentions overlap, the later one holds the token.
func (d *Document) IndexMentions() {
	for si := range d.Sentences {
		at := make([]int, len(d.Sentences[si].Tokens))
		for ti := range at {
			at[ti] = -1
		}
		d.Sentences[si].MentionAt = at
	}
	for mi, m := range d.Mentions {
		at := d.Sentences[m.Sent].MentionAt
		for ti := m.Start; ti < m.End && ti < len(at); ti++ {
			at[ti] = mi
		}
	}
}

// Evidence is sentence si as evidence, offsets in code points.
func (d *Document) Evidence(si int) ingest.Evidence {
	s := d.Sentences[si]
	return ingest.Evidence{
		Sentence: d.Article.Text[s.Start:s.End],
		Start:    d.Offset(s.Start),
		End:      d.Offset(s.End),
	}
}

// Span is the text between byte offsets start and end, offsets in code points.
func (d *Document) Span(start, end int) ingest.Span {
	return ingest.Span{Text: d.Article.Text[start:end], Start: d.Offset(start), End: d.Offset(end)}
}

// Offset converts a byte offset into the article's text to a code point
// offset, the unit of every offset in the facts.
func (d *Document) Offset(b int) int { return d.runes.at(b) }

// TokenText returns the text of tokens [i, j) of sentence si.
func (d *Document) TokenText(si, i, j int) string {
	s := d.Sentences[si]
	if i >= j {
		return ""
	}
	return d.Article.Text[s.Tokens[i].Start:s.Tokens[j-1].End]
}

// IsCountryWord says whether an untagged capitalised word is a country's
// name or demonym ("Japanese" in "Japanese Prime Minister Shinzo Abe").
func (d *Document) IsCountryWord(w string) bool {
	if !Capitalised(w) {
		return false
	}
	_, ok := d.Places.Country(w)
	return ok
}

// DateStartingAt returns the end of the date expression starting at token
// k, or k when none starts there.
func (s *Sentence) DateStartingAt(k int) int {
	for _, d := range s.Dates {
		if d.Start == k {
			return d.End
		}
	}
	return k
}

// DateEndingAt returns the first token of a date expression that ends at
// token k, or -1.
func (s *Sentence) DateEndingAt(k int) int {
	for _, d := range s.Dates {
		if d.End-1 == k {
			return d.Start
		}
	}
	return -1
}

// runeCounter converts byte offsets to code point offsets; offsets are
// mostly asked for in increasing order, so it counts on from the last one.
type runeCounter struct {
	text             string
	lastByte, lastCP int
}

func (r *runeCounter) at(b int) int {
	if b < r.lastByte {
		r.lastByte, r.lastCP = 0, 0
	}
	r.lastCP += utf8.RuneCountInString(r.text[r.lastByte:b])
	r.lastByte = b
	return r.lastCP
}

// SentenceSyntax returns every sentence with its tokens, entity labels and
// parse, offsets in code points.
func (d *Document) SentenceSyntax() []ingest.SentenceSyntax {
	out := make([]ingest.SentenceSyntax, len(d.Sentences))
	for si, s := range d.Sentences {
		ss := ingest.SentenceSyntax{Text: d.Article.Text[s.Start:s.End], Start: d.Offset(s.Start), End: d.Offset(s.End)}
		for ti, t := range s.Tokens {
			tok := ingest.TokenSyntax{Text: t.Text, Start: d.Offset(t.Start), End: d.Offset(t.End), Head: -1}
			if ti < len(s.Labels) {
				tok.Entity = s.Labels[ti]
			}
			if ti < len(s.Syntax) {
				w := s.Syntax[ti]
				tok.UPOS, tok.XPOS, tok.Lemma, tok.Head, tok.Rel = w.UPOS, w.XPOS, w.Lemma, w.Head, w.Rel
			}
			ss.Tokens = append(ss.Tokens, tok)
		}
		out[si] = ss
	}
	return out
}
