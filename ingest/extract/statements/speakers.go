package statements

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
	"github.com/newsgraph/newsgraph/ingest/extract/refs"
)

// isCueAt says whether token c of sentence si is a speech cue: a cue word
// outside quotes that is not part of a name ("United States").
func (f *finder) isCueAt(si, c int) bool {
	s := f.doc.Sentences[si]
	w := s.Lower[c]
	if !speechCues[w] || s.Quoted[c] || s.MentionAt[c] >= 0 {
		return false
	}
	if c > 0 && document.Capitalised(s.Tokens[c].Text) && s.Lower[c-1] != "“" && s.Lower[c-1] != "\"" {
		return false
	}
	return true
}

// quoteAttribution finds who said a quote group whose first part opens in
// sentence sOpen and whose last part closes in sentence sClose.
func (f *finder) quoteAttribution(g quoteGroup, sOpen, sClose int) (ref speakerRef, cue string, addressee int, ok bool) {
	addressee = -1
	// 0. The speech verb that governs the quote in the parse.
	if r, c, ad, found := f.parsedAttribution(g); found {
		return r, c, ad, true
	}
	if r, found := f.dashAttribution(g); found {
		return r, "", -1, true
	}
	last := g.parts[len(g.parts)-1]
	// 1. After the quote, in its closing sentence: "...,” Trump said."
	if s := f.doc.Sentences[sClose]; true {
		k := tokenAfter(s.Tokens, last.CloseMark)
		if r, c, ad, found := f.cueAfterQuote(sClose, k); found {
			return r, c, ad, true
		}
		// "“...” He added." in a short sentence of its own.
		if k >= len(s.Tokens) && sClose+1 < len(f.doc.Sentences) && f.sameSegment(sClose, sClose+1) && len(f.doc.Sentences[sClose+1].Tokens) <= 7 {
			if r, c, ad, found := f.cueAfterQuote(sClose+1, 0); found {
				return r, c, ad, true
			}
		}
	}
	// 2. Between the parts of an interrupted quote.
	for i := 0; i+1 < len(g.parts); i++ {
		p := g.parts[i]
		if p.Seg != g.parts[i+1].Seg {
			continue
		}
		si, k := f.afterQuote(f.sentAt(p.CloseMark-1), p.CloseMark)
		if r, c, ad, found := f.cueAfterQuote(si, k); found {
			return r, c, ad, true
		}
	}
	// 3. Before the quote, in its opening sentence: "Abe told Trump: “...”".
	first := g.parts[0]
	s := f.doc.Sentences[sOpen]
	k := tokenBefore(s.Tokens, first.OpenMark)
	// A quote that opens its paragraph after a paragraph ending in a
	// colon: "Cruz continued:" ¶ "“...”".
	if k < 0 && sOpen > 0 && f.segmentStartsWith(first) {
		prev := sOpen - 1
		pl := f.doc.Sentences[prev].Lower
		if n := len(pl); n > 0 && pl[n-1] == ":" && f.doc.Sentences[prev].Segment == ingest.SegmentBody {
			for c := n - 2; c >= 0; c-- {
				if f.doc.Sentences[prev].Quoted[c] {
					break
				}
				if !f.isCueAt(prev, c) {
					continue
				}
				if r, ad, found := f.speakerOfCue(prev, c); found {
					return r, f.doc.Sentences[prev].Lower[c], ad, true
				}
				break
			}
		}
	}
	if r, w, ad, found := f.cueBefore(sOpen, k); found {
		return r, w, ad, true
	}
	// A quote that opens its sentence, within its paragraph, after a
	// sentence of reported speech: "..., Schiff said. “The other factor
	// ...”" (after a quote and its attribution the quote goes on with it,
	// see findStatements).
	if k < 0 && sOpen > 0 && !f.segmentStartsWith(first) && f.sameSegment(sOpen-1, sOpen) {
		prev := &f.doc.Sentences[sOpen-1]
		if n := len(prev.Tokens); n > 0 && !slices.Contains(prev.Quoted, true) {
			if r, w, ad, found := f.cueBefore(sOpen-1, n-1); found {
				return r, w, ad, true
			}
		}
	}
	// 4. The shapes of attribution whatever the verb: "“...,” Bozell
	// concludes.", "“...?” he asks.", "Cruz continued: “...”".
	if r, c, ok := f.structuralAttribution(g, sOpen, sClose); ok {
		return r, c, -1, true
	}
	return speakerRef{actor: -1}, "", -1, false
}

// cueBefore reads the attribution of a quote from the speech cue nearest
// before word k of sentence si, up to the previous quote.
func (f *finder) cueBefore(si, k int) (speakerRef, string, int, bool) {
	s := &f.doc.Sentences[si]
	for c := k; c >= 0; c-- {
		w := s.Lower[c]
		if s.Quoted[c] {
			break
		}
		if !f.isCueAt(si, c) {
			continue
		}
		if w == "according" && (c+1 >= len(s.Tokens) || s.Lower[c+1] != "to") {
			continue
		}
		if r, ad, found := f.speakerOfCue(si, c); found {
			return r, w, ad, true
		}
	}
	return speakerRef{actor: -1}, "", -1, false
}

// structuralAttribution reads an attribution by its shape rather than its
// verb: a quote ending in a comma, question or exclamation mark followed by
// a speaker and a verb ("“...,” Bozell concludes") or by a verb and a
// speaker ("“...,” writes Bozell"); or a quote right after a colon whose
// clause has a named subject ("Cruz continued: “...”").
func (f *finder) structuralAttribution(g quoteGroup, sOpen, sClose int) (speakerRef, string, bool) {
	last := g.parts[len(g.parts)-1]
	content := strings.TrimSpace(f.doc.Article.Text[last.Start:last.End])
	if r, _ := utf8.DecodeLastRuneInString(content); last.Closed && (r == ',' || r == '?' || r == '!' || r == '—') {
		si, k := f.afterQuote(sClose, last.CloseMark)
		lw := f.doc.Sentences[si].Lower
		if k < len(lw) && lw[k] == "," {
			k++
		}
		if mem, ok := f.refs.MemberAt(si, k); ok && len(mem.Parts) == 1 && mem.End < len(lw) && isVerbLike(lw[mem.End]) {
			return f.refFromParticipant(mem.Parts[0]), lw[mem.End], true
		}
		if k+1 < len(lw) && isVerbLike(lw[k]) {
			if mem, ok := f.refs.MemberAt(si, k+1); ok && len(mem.Parts) == 1 {
				return f.refFromParticipant(mem.Parts[0]), lw[k], true
			}
		}
		// "“...,” the gambling tycoon told Reuters"
		for e := k; e < len(lw) && e-k < 6; e++ {
			if isVerbLike(lw[e]) && e > k {
				if np, ok := f.bareNounPhrase(si, e-1, -1); ok && np.Start == f.doc.Offset(f.doc.Sentences[si].Tokens[k].Start) {
					return speakerRef{actor: -1, span: np}, lw[e], true
				}
				break
			}
		}
	}
	first := g.parts[0]
	s := f.doc.Sentences[sOpen]
	k := tokenBefore(s.Tokens, first.OpenMark)
	if k >= 1 && f.doc.Sentences[sOpen].Lower[k] == ":" {
		if r, ok := f.clauseSubject(sOpen, k); ok {
			return r, f.doc.Sentences[sOpen].Lower[k-1], true
		}
	}
	// A quote inside a sentence whose subject is named at its start and
	// followed by its verb: "Clinton decried the GOP for “turning its
	// back”", "He dubbed Rubio “the little senator”".
	if k >= 2 {
		lw := f.doc.Sentences[sOpen].Lower
		j := 0
		for j < k && (lexicon.GroupFillers[lw[j]] && lw[j] != "and" && lw[j] != "," || lexicon.RoleNouns[lw[j]] || f.doc.IsCountryWord(s.Tokens[j].Text) && f.doc.Sentences[sOpen].MentionAt[j] < 0) {
			j++
		}
		if mem, ok := f.refs.MemberAt(sOpen, j); ok && len(mem.Parts) == 1 && mem.End < k {
			v := mem.End
			for v < k && (lw[v] == "also" || lw[v] == "then" || lw[v] == "later" || lw[v] == "has" || lw[v] == "had" || lw[v] == "is" || lw[v] == "was") {
				v++
			}
			if v < k && isVerbLike(lw[v]) && !f.quoteInSubordinate(sOpen, v, k) {
				return f.refFromParticipant(mem.Parts[0]), lw[v], true
			}
		}
	}
	return speakerRef{}, "", false
}

// quoteInSubordinate says whether a clause of another subject starts
// between the verb at v and the quote at k ("..., who ...", "because the
// party ...").
func (f *finder) quoteInSubordinate(si, v, k int) bool {
	lw := f.doc.Sentences[si].Lower
	for j := v + 1; j < k; j++ {
		switch lw[j] {
		case "who", "which", "because", "while", "although", "whereas", ";", "but", "where":
			return true
		}
	}
	return false
}

// isVerbLike: a lowercase word that can be a reporting verb after a quote
// ("concludes", "added", "retorted", "is", "has"), not a function word.
func isVerbLike(w string) bool {
	if len(w) < 3 || npStops[w] && w != "is" && w != "has" || w == "and" || w == "the" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLower(r) {
		return false
	}
	return strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ed") || speechCues[w] || w == "told" || w == "wrote"
}

// afterQuote finds the first token after byte offset off (a closing
// quotation mark): in sentence si, or at the start of the next sentence of
// the same paragraph when the splitter ended the sentence at the quote
// ("“...?” Vitter demanded.").
func (f *finder) afterQuote(si, off int) (int, int) {
	k := tokenAfter(f.doc.Sentences[si].Tokens, off)
	if k >= len(f.doc.Sentences[si].Tokens) && si+1 < len(f.doc.Sentences) && f.sameSegment(si, si+1) {
		return si + 1, 0
	}
	return si, k
}

// cueAfterQuote reads an attribution that starts at token k of sentence
// si, right after a quote: "[,] SPEAKER CUE [ADDRESSEE]", "[,] CUE
// SPEAKER", "according to SPEAKER".
func (f *finder) cueAfterQuote(si, k int) (speakerRef, string, int, bool) {
	lw := f.doc.Sentences[si].Lower
	for k < len(lw) && (lw[k] == "," || lw[k] == "”" || lw[k] == "\"" || lw[k] == "’" || lw[k] == "'") {
		k++
	}
	for c := k; c < len(lw) && c-k <= 9; c++ {
		w := lw[c]
		if f.doc.Sentences[si].Quoted[c] || w == "." || w == ";" || w == "“" || (w == "," && c > k && !speechCues[lw[c-1]]) && c-k > 6 {
			break
		}
		if !f.isCueAt(si, c) {
			continue
		}
		if w == "according" {
			if c+1 < len(lw) && lw[c+1] == "to" {
				if r, ok := f.speakerAfter(si, c+2); ok {
					return r, w, -1, true
				}
			}
			continue
		}
		if c == k && w != "told" && w != "tells" {
			// "said Trump", "said the official"
			if r, ok := f.speakerAfter(si, c+1); ok {
				return r, w, -1, true
			}
		}
		if r, ad, ok := f.speakerOfCue(si, c); ok {
			return r, w, ad, true
		}
		return speakerRef{actor: -1}, "", -1, false
	}
	return speakerRef{actor: -1}, "", -1, false
}

// speakerOfCue finds the speaker of the cue verb at token c: the words
// right before it ("Trump said", "the official said", "he told"), the
// subject of the main clause for a participle ("..., saying"), or after
// "according to". The addressee is read after "told".
func (f *finder) speakerOfCue(si, c int) (speakerRef, int, bool) {
	lw := f.doc.Sentences[si].Lower
	addressee := -1
	if lw[c] == "told" || lw[c] == "tells" || lw[c] == "telling" {
		if mem, ok := f.refs.MemberAt(si, c+1); ok && len(mem.Parts) == 1 {
			addressee = mem.Parts[0].Actor
		}
	}
	if lw[c] == "according" {
		if c+1 < len(lw) && lw[c+1] == "to" {
			r, ok := f.speakerAfter(si, c+2)
			return r, -1, ok
		}
		return speakerRef{}, -1, false
	}
	if participleCues[lw[c]] {
		// The subject of the main clause: the first member of the sentence.
		for k := 0; k < c; k++ {
			if f.doc.Sentences[si].Quoted[k] {
				continue
			}
			if mem, ok := f.refs.MemberAt(si, k); ok && len(mem.Parts) == 1 && !(k > 0 && lexicon.Prepositions[lw[k-1]]) {
				return f.refFromParticipant(mem.Parts[0]), addressee, true
			}
		}
		return speakerRef{}, -1, false
	}
	// "Carson took the stage and called ...": the subject of the first verb.
	if c > 0 && lw[c-1] == "and" {
		if r, ok := f.clauseSubject(si, c-1); ok {
			return r, addressee, true
		}
	}
	// "Sarandon, 69, told", "Graham, a former candidate, told": the name
	// before an apposition.
	if c > 1 && lw[c-1] == "," {
		for j := c - 2; j > 0 && c-j <= 12; j-- {
			if f.doc.Sentences[si].Quoted[j] || lw[j] == "“" || lw[j] == "”" {
				break
			}
			if lw[j] == "," {
				if mem, ok := f.refs.MemberAt(si, j-1); ok && len(mem.Parts) == 1 {
					return f.refFromParticipant(mem.Parts[0]), addressee, true
				}
				if np, ok := f.bareNounPhrase(si, j-1, -1); ok {
					return speakerRef{actor: -1, span: np}, addressee, true
				}
				break
			}
		}
	}
	// Skip adverbs, auxiliaries and a date between speaker and cue: "Trump
	// also said", "Trump on Wednesday wrote", "he later added".
	k := c - 1
	for steps := 0; k >= 0 && steps < 6; steps++ {
		w := lw[k]
		if f.doc.Sentences[si].Quoted[k] {
			return speakerRef{}, -1, false
		}
		if mem, ok := f.refs.MemberAt(si, k); ok {
			if (w == "he" || w == "she") && si > 0 {
				// "He added ...": continues the previous statement's speaker,
				// also when that one was unnamed ("the official said").
				if r, ok := f.speakers[si-1]; ok && r.actor < 0 && r.span != nil {
					t := f.doc.Sentences[si].Tokens[k]
					return speakerRef{actor: -1, span: &ingest.Span{Text: t.Text, Start: f.doc.Offset(t.Start), End: f.doc.Offset(t.End)}}, addressee, true
				}
			}
			if len(mem.Parts) == 1 {
				return f.refFromParticipant(mem.Parts[0]), addressee, true
			}
			if mem.Unnamed && len(mem.Parts) == 0 {
				if w == "he" || w == "she" {
					t := f.doc.Sentences[si].Tokens[k]
					return speakerRef{actor: -1, span: &ingest.Span{Text: t.Text, Start: f.doc.Offset(t.Start), End: f.doc.Offset(t.End)}}, addressee, true
				}
				// a modifier before a role noun was skipped: fall to the NP
				break
			}
			return speakerRef{}, -1, false
		}
		if cueAdverbs[w] || (strings.HasSuffix(w, "ly") && len(w) > 4) {
			k--
			continue
		}
		if d := f.doc.Sentences[si].DateEndingAt(k); d >= 0 {
			k = d - 1
			if k >= 0 && (lw[k] == "on" || lw[k] == "in") {
				k--
			}
			continue
		}
		// "Rep. Gwen Moore (D-Wis.) said": a parenthesis after the name.
		if w == ")" {
			j := k - 1
			for j >= 0 && k-j < 8 && lw[j] != "(" {
				j--
			}
			if j >= 0 && lw[j] == "(" {
				k = j - 1
				continue
			}
		}
		// "Trump at the time said", "Trump in Kentucky said": a short
		// prepositional phrase after the speaker.
		if j := f.ppStart(si, k); j >= 0 {
			k = j - 1
			continue
		}
		break
	}
	// "Trump, who has been embroiled ... with Kim, said": the antecedent
	// of the relative clause that ends right before the cue.
	if c > 0 && lw[c-1] == "," {
		for j := c - 2; j > 0 && c-j <= 30; j-- {
			if f.doc.Sentences[si].Quoted[j] || lw[j] == "." || lw[j] == ";" {
				break
			}
			if lw[j] == "who" && lw[j-1] == "," {
				if g := f.refs.GroupEndingAt(si, j-2); len(g) == 1 {
					return f.refFromParticipant(g[0]), addressee, true
				}
				break
			}
		}
	}
	// An unnamed speaker: "the official said", "a US official told".
	if np, ok := f.nounPhraseEndingAt(si, c-1); ok {
		return speakerRef{actor: -1, span: np}, addressee, true
	}
	if np, ok := f.bareNounPhrase(si, k, -1); ok {
		return speakerRef{actor: -1, span: np}, addressee, true
	}
	return speakerRef{}, -1, false
}

// ppStart returns the first token of a prepositional phrase of at most
// four words that ends at token k ("at the time", "in Kentucky"), or -1.
func (f *finder) ppStart(si, k int) int {
	lw := f.doc.Sentences[si].Lower
	for j := k; j >= 0 && k-j < 4; j-- {
		switch lw[j] {
		case "at", "in", "on", "during", "from", "for", "after", "before":
			if j > 0 {
				if _, ok := f.refs.MemberAt(si, j-1); ok {
					return j
				}
			}
			return -1
		case ",", ".", ";", ":", "“", "”", "\"":
			return -1
		}
	}
	return -1
}

// clauseSubject is the first named member of the sentence before token
// k that does not follow a preposition: the subject of the main clause.
func (f *finder) clauseSubject(si, k int) (speakerRef, bool) {
	lw := f.doc.Sentences[si].Lower
	for j := 0; j < k; j++ {
		if f.doc.Sentences[si].Quoted[j] {
			continue
		}
		if mem, ok := f.refs.MemberAt(si, j); ok && len(mem.Parts) == 1 {
			if j > 0 && lexicon.Prepositions[lw[j-1]] {
				j = mem.End - 1
				continue
			}
			return f.refFromParticipant(mem.Parts[0]), true
		}
	}
	return speakerRef{}, false
}

// bareNounPhrase reads the words that name a speaker no actor stands for,
// ending at token e and read leftwards (dir -1: "the gambling tycoon
// [told]") or starting at e and read rightwards (dir +1: "[said] the
// gambling tycoon"): up to six words without punctuation, starting with a
// determiner, a possessive, a number or a capital.
func (f *finder) bareNounPhrase(si, e, dir int) (*ingest.Span, bool) {
	lw := f.doc.Sentences[si].Lower
	s := f.doc.Sentences[si]
	if e < 0 || e >= len(lw) {
		return nil, false
	}
	first, last := e, e
	for k := e; k >= 0 && k < len(lw) && (e-k)*dir <= 0 && (k-e)*dir < 7; k += dir {
		w := lw[k]
		r := document.FirstRune(s.Tokens[k].Text)
		if s.Quoted[k] || (!unicode.IsLetter(r) && !unicode.IsDigit(r) && w != "'s" && w != "’s") || lexicon.ClauseStops[w] || speechCues[w] {
			break
		}
		if npStops[w] && !(dir < 0 && k == e) {
			break
		}
		if dir < 0 {
			first = k
		} else {
			last = k
		}
	}
	if dir < 0 && first > e || dir > 0 && last < e {
		return nil, false
	}
	if dir < 0 {
		last = e
	} else {
		first = e
	}
	head := s.Tokens[first].Text
	switch lw[first] {
	case "the", "a", "an", "his", "her", "their", "its", "one", "another", "some", "many", "most", "several", "two", "three":
	default:
		if !document.Capitalised(head) && !unicode.IsDigit(document.FirstRune(head)) && !lexicon.RoleNouns[lw[last]] && !speakerNouns[lw[last]] {
			return nil, false
		}
	}
	if npStops[lw[last]] || lw[last] == "the" || lw[last] == "a" {
		return nil, false
	}
	return &ingest.Span{
		Text:  f.doc.Article.Text[s.Tokens[first].Start:s.Tokens[last].End],
		Start: f.doc.Offset(s.Tokens[first].Start),
		End:   f.doc.Offset(s.Tokens[last].End),
	}, true
}

// speakerAfter reads a speaker that follows an inverted cue ("said
// Trump", "said White House spokesman Sean Spicer", "according to US
// officials").
func (f *finder) speakerAfter(si, k int) (speakerRef, bool) {
	lw := f.doc.Sentences[si].Lower
	for j := k; j < len(lw) && j-k <= 6; j++ {
		if mem, ok := f.refs.MemberAt(si, j); ok && len(mem.Parts) == 1 {
			return f.refFromParticipant(mem.Parts[0]), true
		}
		w := lw[j]
		if w == "." || w == "," || w == ";" || w == "“" || w == "”" {
			break
		}
	}
	// An unnamed one: the noun phrase up to the clause end.
	end := k
	for end < len(lw) && end-k < 8 && lw[end] != "." && lw[end] != "," && lw[end] != ";" && lw[end] != "“" && lw[end] != "”" && lw[end] != "that" {
		end++
	}
	if end > k {
		if np, ok := f.nounPhraseIn(si, k, end-1); ok {
			return speakerRef{actor: -1, span: np}, true
		}
		if np, ok := f.bareNounPhrase(si, k, +1); ok {
			return speakerRef{actor: -1, span: np}, true
		}
	}
	return speakerRef{}, false
}

// nounPhraseEndingAt reads a noun phrase that names no actor and ends at
// token e: "the official", "a second unnamed US official", "officials".
func (f *finder) nounPhraseEndingAt(si, e int) (*ingest.Span, bool) {
	return f.nounPhraseIn(si, 0, e)
}

// nounPhraseIn is nounPhraseEndingAt not starting before token lo.
func (f *finder) nounPhraseIn(si, lo, e int) (*ingest.Span, bool) {
	lw := f.doc.Sentences[si].Lower
	s := f.doc.Sentences[si]
	if e < 0 || e >= len(lw) || s.Quoted[e] {
		return nil, false
	}
	head := lw[e]
	if !lexicon.RoleNouns[head] && !speakerNouns[head] {
		return nil, false
	}
	start := e
	for k := e - 1; k >= lo && e-k <= 6; k-- {
		w := lw[k]
		if s.Quoted[k] || lexicon.ClauseStops[w] || w == "," || w == "and" && false {
			break
		}
		if w == "the" || w == "a" || w == "an" || w == "his" || w == "her" || w == "their" || w == "its" || w == "one" || w == "another" {
			start = k
			break
		}
		r := document.FirstRune(s.Tokens[k].Text)
		if !unicode.IsLetter(r) && r != '-' {
			break
		}
		if speechCues[w] || lexicon.SupportVerbs[w] || w == "who" || w == "which" {
			break
		}
		start = k
	}
	return &ingest.Span{
		Text:  f.doc.Article.Text[s.Tokens[start].Start:s.Tokens[e].End],
		Start: f.doc.Offset(s.Tokens[start].Start),
		End:   f.doc.Offset(s.Tokens[e].End),
	}, true
}

// refFromParticipant turns a resolved participant into a speaker; a
// pronoun that continues the previous statement's unnamed speaker stays
// unnamed.
func (f *finder) refFromParticipant(p refs.Participant) speakerRef {
	span := &ingest.Span{Text: f.doc.Article.Text[p.Start:p.End], Start: f.doc.Offset(p.Start), End: f.doc.Offset(p.End)}
	return speakerRef{actor: p.Actor, span: span}
}

// dashAttribution reads a byline after a quote that ends its paragraph:
// "“...” ― Jorge Falcon", "“...” — the senator".
func (f *finder) dashAttribution(g quoteGroup) (speakerRef, bool) {
	last := g.parts[len(g.parts)-1]
	if !last.Closed {
		return speakerRef{}, false
	}
	seg := f.doc.Article.Segments[last.Seg]
	rest := f.doc.Article.Text[last.CloseMark:seg.End]
	if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl] // a line break ends the byline
	}
	rest = strings.TrimSpace(rest)
	dash, size := utf8.DecodeRuneInString(rest)
	if !strings.ContainsRune("―—–-", dash) || len(strings.Fields(rest[size:])) > 8 {
		return speakerRef{}, false
	}
	si, k := f.afterQuote(f.sentAt(last.CloseMark-1), last.CloseMark)
	lw := f.doc.Sentences[si].Lower
	if k >= len(lw) || utf8.RuneCountInString(lw[k]) != 1 || !strings.ContainsRune("―—–-", []rune(lw[k])[0]) {
		return speakerRef{}, false
	}
	return f.speakerAfter(si, k+1)
}
