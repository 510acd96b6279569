package statements

import (
	"strings"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
	"github.com/newsgraph/newsgraph/ingest/extract/refs"
	"github.com/newsgraph/newsgraph/ingest/syntax"
)

// The speaker of a quote read on the dependency parse: the subject of the
// speech verb that governs the quote. The verb governs it as its clausal
// complement or object ("Trump said “...”", "he added, “...”"), or hangs
// from the quoted clause as a parataxis or a clause of its own ("“...,” he
// said", "“...,” said Mr Blair": the subject after its verb is still its
// subject). "according to X" names X. A participle or a coordinated verb
// without a subject takes the subject of the verb it depends on ("...,
// saying “...”", "Carson took the stage and called ..."); a relative
// clause its antecedent ("Trump, who said “...”").

// quoteRun is the tokens [lo, hi) of sentence si that a quoted run covers,
// its marks included.
type quoteRun struct{ si, lo, hi int }

// runsOf lists the quoted runs of a group per sentence, in the order their
// attributions are looked for: the closing sentence of the last part (the
// attribution after the quote), the parts in between, then the opening
// sentence of the first part (the attribution before it).
func (f *finder) runsOf(g quoteGroup) []quoteRun {
	var runs []quoteRun
	add := func(si, from, to int) {
		toks := f.doc.Sentences[si].Tokens
		lo, hi := -1, -1
		for i, t := range toks {
			if t.Start >= from && t.End <= to {
				if lo < 0 {
					lo = i
				}
				hi = i + 1
			}
		}
		if lo < 0 {
			return
		}
		for _, r := range runs {
			if r == (quoteRun{si, lo, hi}) {
				return
			}
		}
		runs = append(runs, quoteRun{si, lo, hi})
	}
	span := func(p document.QuoteSpan) (int, int, int, int) {
		end := max(p.CloseMark, p.End)
		return f.sentAt(p.OpenMark), f.sentAt(max(end-1, p.Start)), p.OpenMark, end
	}
	last := g.parts[len(g.parts)-1]
	s0, s1, from, to := span(last)
	add(s1, from, to)
	for i := len(g.parts) - 2; i >= 0; i-- {
		a, b, from, to := span(g.parts[i])
		add(b, from, to)
		add(a, from, to)
	}
	s0, _, from, to = span(g.parts[0])
	if first := g.parts[0]; first.OpenMark != last.OpenMark || s0 != s1 {
		add(s0, from, to)
	}
	return runs
}

// parsedAttribution finds the speaker of a quote group on the parse.
func (f *finder) parsedAttribution(g quoteGroup) (speakerRef, string, int, bool) {
	for _, run := range f.runsOf(g) {
		if r, cue, ad, ok := f.runAttribution(run); ok {
			return r, cue, ad, true
		}
	}
	return speakerRef{actor: -1}, "", -1, false
}

// runAttribution finds the speech verb that governs one quoted run and
// reads its subject.
func (f *finder) runAttribution(run quoteRun) (speakerRef, string, int, bool) {
	s := f.doc.Sentences[run.si]
	t := s.Tree
	if t == nil || t.Len() != len(s.Tokens) {
		return speakerRef{actor: -1}, "", -1, false
	}
	in := func(i int) bool { return i >= run.lo && i < run.hi }
	// "..., according to X": X is an oblique of the quoted clause or of
	// the verb that governs it.
	for a := range s.Tokens {
		if in(a) || s.Lower[a] != "according" || a+1 >= len(s.Lower) || s.Lower[a+1] != "to" {
			continue
		}
		x := t.Head(a)
		if x < 0 || in(x) {
			continue
		}
		if h := t.Head(x); h < 0 || in(h) || t.Dominates(h, run.lo) || t.Dominates(h, run.hi-1) {
			if r, ok := f.nominalSpeaker(run.si, x); ok {
				return r, "according", -1, true
			}
		}
	}
	for _, h := range f.runHeads(run) {
		// Up from the quote: the nearest verb outside it that reports it.
		steps := 0
		for a := t.Head(h); a >= 0 && steps < 8; a, steps = t.Head(a), steps+1 {
			if in(a) {
				continue
			}
			lemma := f.lemma(run.si, a)
			// "a group called “...”", "so-called": a participle that
			// modifies a noun reports no one's words.
			if t.RelIs(a, "acl", "amod") && t.Words[a].XPOS == "VBN" {
				break
			}
			if speechVerbs[lemma] || quoteVerbs[lemma] && steps <= 2 {
				if r, ad, ok := f.verbSpeaker(run, a); ok {
					return r, s.Lower[a], ad, true
				}
				break
			}
			// "Trump’s claim that there have been “thousands”": a speech
			// noun's possessor.
			if speechNouns[lemma] && t.Words[a].UPOS == "NOUN" {
				if p := t.Dependent(a, "nmod:poss"); p >= 0 && !in(p) {
					if r, ok := f.nominalSpeaker(run.si, p); ok {
						return r, s.Lower[a], -1, true
					}
				}
			}
			// Another verb with a subject of its own outside the quote
			// starts a clause the quote does not report ("the man who
			// chanted “...” left").
			if isVerb(t, a) {
				if n := subjectOf(t, a); n >= 0 && !in(n) {
					break
				}
			}
		}
	}
	// Down from the quote: a speech verb outside the quote attached to a
	// word inside it ("“...,” he said" parsed as parataxis).
	for v := range s.Tokens {
		if in(v) || !in(t.Head(v)) || !isVerb(t, v) || !speechVerbs[f.lemma(run.si, v)] {
			continue
		}
		if !t.RelIs(v, "parataxis", "ccomp", "advcl", "conj", "dep", "acl", "xcomp", "list", "appos") {
			continue
		}
		if r, ad, ok := f.verbSpeaker(run, v); ok {
			return r, s.Lower[v], ad, true
		}
	}
	return speakerRef{actor: -1}, "", -1, false
}

// runHeads are the words of a quoted run whose heads are outside it (or
// that are the root), marks left out.
func (f *finder) runHeads(run quoteRun) []int {
	t := f.doc.Sentences[run.si].Tree
	var out []int
	for i := run.lo; i < run.hi; i++ {
		if t.Words[i].UPOS == "PUNCT" {
			continue
		}
		if h := t.Head(i); h < run.lo || h >= run.hi {
			out = append(out, i)
		}
	}
	return out
}

// verbSpeaker reads the speaker of speech verb v: its subject, wherever
// it stands; else the subject of the verb a participle, an infinitive or a
// conjunct depends on; the antecedent of a relative clause. The addressee
// is the object of "tell".
func (f *finder) verbSpeaker(run quoteRun, v int) (speakerRef, int, bool) {
	s := f.doc.Sentences[run.si]
	t := s.Tree
	addressee := -1
	if f.lemma(run.si, v) == "tell" {
		if o := t.Dependent(v, "obj", "iobj"); o >= 0 {
			if mem, ok := f.refs.MemberAt(run.si, o); ok && len(mem.Parts) == 1 {
				addressee = mem.Parts[0].Actor
			}
		}
	}
	for steps := 0; v >= 0 && steps < 4; steps++ {
		if n := subjectOf(t, v); n >= 0 {
			if n >= run.lo && n < run.hi {
				return speakerRef{}, -1, false
			}
			// "Trump, who said “...”": the relative pronoun stands for the
			// word the clause modifies.
			if l := s.Lower[n]; l == "who" || l == "that" || l == "which" {
				if !t.RelIs(v, "acl") {
					return speakerRef{}, -1, false
				}
				n = t.Head(v)
			}
			r, ok := f.nominalSpeaker(run.si, n)
			return r, addressee, ok
		}
		if !t.RelIs(v, "conj", "xcomp", "advcl", "parataxis") {
			// A subject the parser hung elsewhere between the quote and
			// its verb ("“...,” Rep. Gwen Moore (D-Wis.) said").
			// The parser may also hang it on the quote ("“...,” Emmanuel
			// Macron, standing beside ..., told"): the first nominal between
			// them that heads a phrase of its own.
			if v > run.hi {
				for j := run.hi; j < v; j++ {
					if u := t.Words[j].UPOS; u != "NOUN" && u != "PROPN" && u != "PRON" || s.Quoted[j] {
						continue
					}
					if h := t.Head(j); h >= run.hi && h < v && t.Words[h].UPOS != "PUNCT" {
						continue
					}
					r, ok := f.nominalSpeaker(run.si, j)
					return r, addressee, ok
				}
			}
			return speakerRef{}, -1, false
		}
		v = t.Head(v)
	}
	return speakerRef{}, -1, false
}

// subjectOf is the active subject of word v, or -1 ("he was asked" has
// none: its passive subject is the addressee).
func subjectOf(t *syntax.Tree, v int) int {
	for _, k := range t.Children(v) {
		if r := t.Words[k].Rel; r == "nsubj" || r == "nsubj:outer" {
			return k
		}
	}
	return -1
}

func isVerb(t *syntax.Tree, i int) bool {
	u := t.Words[i].UPOS
	return u == "VERB" || u == "AUX"
}

// lemma is the lower-cased lemma of token i, its form when the parse has
// none.
func (f *finder) lemma(si, i int) string {
	s := f.doc.Sentences[si]
	if l := s.Syntax[i].Lemma; l != "" {
		return strings.ToLower(l)
	}
	return s.Lower[i]
}

// nominalSpeaker reads who the nominal headed by word n names: an actor
// (a name, a resolved pronoun, "US officials"), the actor an apposition
// names ("the spokesman, Sean Spicer"), or else the words themselves ("the
// official", "they", "a Homeland Security memo").
func (f *finder) nominalSpeaker(si, n int) (speakerRef, bool) {
	s := f.doc.Sentences[si]
	t := s.Tree
	if s.Quoted[n] {
		return speakerRef{}, false
	}
	// "Sunday on Fox News, Rep. Darrell Issa said": a date the parser took
	// for the subject names no speaker.
	for _, d := range s.Dates {
		if n >= d.Start && n < d.End {
			return speakerRef{}, false
		}
	}
	// The words of the nominal's core: n and what is compounded with it
	// ("Mr Blair", "White House spokesman Sean Spicer").
	lo, hi := n, n+1
	for _, k := range t.Children(n) {
		if t.RelIs(k, "compound", "flat", "det", "amod", "nummod", "nmod:poss", "case") && !s.Quoted[k] {
			kl, kh := t.Span(k)
			lo, hi = min(lo, kl), max(hi, kh)
		}
	}
	if mem, ok := f.refs.MemberAt(si, n); ok {
		return f.memberSpeaker(si, n, mem)
	}
	for k := hi - 1; k >= lo; k-- {
		if mem, ok := f.refs.MemberAt(si, k); ok && len(mem.Parts) == 1 {
			return f.refFromParticipant(mem.Parts[0]), true
		}
	}
	for _, k := range t.Dependents(n, "appos") {
		if mem, ok := f.refs.MemberAt(si, k); ok && len(mem.Parts) == 1 {
			return f.refFromParticipant(mem.Parts[0]), true
		}
	}
	// Words that name no actor name a speaker when they are a name the
	// entity model missed, a pronoun, or a noun for people or bodies that
	// speak; "the crowd chanted “...”" names no one.
	switch w := f.lemma(si, n); t.Words[n].UPOS {
	case "PROPN":
	case "PRON":
		if !speakerPronouns[s.Lower[n]] {
			return speakerRef{}, false
		}
	case "NOUN":
		if !lexicon.RoleNouns[s.Lower[n]] && !lexicon.AgentNouns[s.Lower[n]] && !speakerNouns[s.Lower[n]] && !speakerNouns[w] && !lexicon.RoleNouns[w] {
			return speakerRef{}, false
		}
	default:
		return speakerRef{}, false
	}
	for lo < n && (s.Lower[lo] == "," || s.Lower[lo] == "’s" || s.Lower[lo] == "'s") {
		lo++
	}
	return speakerRef{actor: -1, span: f.tokenSpan(si, lo, hi)}, true
}

// memberSpeaker turns the member at the head of a subject into a speaker:
// an unresolved "he" is still the words that name the speaker.
func (f *finder) memberSpeaker(si, n int, mem refs.Member) (speakerRef, bool) {
	if len(mem.Parts) == 1 {
		return f.refFromParticipant(mem.Parts[0]), true
	}
	if len(mem.Parts) > 1 {
		return speakerRef{actor: -1, span: f.tokenSpan(si, mem.Start, mem.End)}, true
	}
	return speakerRef{actor: -1, span: f.tokenSpan(si, n, n+1)}, true
}

// tokenSpan is the text of tokens [lo, hi) of sentence si as a span.
func (f *finder) tokenSpan(si, lo, hi int) *ingest.Span {
	s := f.doc.Sentences[si]
	return &ingest.Span{
		Text:  f.doc.Article.Text[s.Tokens[lo].Start:s.Tokens[hi-1].End],
		Start: f.doc.Offset(s.Tokens[lo].Start),
		End:   f.doc.Offset(s.Tokens[hi-1].End),
	}
}

// speakerPronouns may stand for a speaker as a verb's subject; "I", "we"
// and "you" outside quotes are the writer or the reader.
var speakerPronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true}
