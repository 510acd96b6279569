// Package statements is the statement stage: direct quotes and reported
// speech with their speakers and addressees. The rules are documented in
// docs/events.md; quotes are found in statements.go, speakers in
// speakers.go.
package statements

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/refs"
	"github.com/newsgraph/newsgraph/ingest/text"
)

// Statements are direct quotes and reported speech with their speakers.
//
// Quotes are found on the text of each paragraph (segment), not on
// sentences, because a quote may hold several sentences, go on into the
// next paragraph (an unclosed quote whose next paragraph opens with a
// quotation mark), or be cut by its attribution ("“A,” he said, “B.”").
// Straight and curly double quotes count, and single quotes used as quotes
// (an opening mark after a space, a closing one before a space or
// punctuation), never the apostrophes of "Let’s" or "Trumps’".
//
// The speaker is read from the attribution next to the quote: after it
// ("...,” Trump said", "...,” said Trump", "...,” he told reporters"),
// before it ("Abe told Trump: “...”", "Trump wrote on Twitter that the
// meeting “...”", "saying: “...”"), or in a short sentence right after it
// ("“...” He added."). A pronoun is the person the previous statement was
// by or else the nearest compatible person named before it. A paragraph
// that is only a quote and follows a quote of a known speaker continues
// that speaker. A quote with no attribution keeps a nil speaker.

// speakerRef is who made the last statement of a sentence.
type speakerRef struct {
	actor int // -1 when the words name no actor
	span  *ingest.Span
}

// quoteGroup is one direct statement: one or more quoted runs.
type quoteGroup struct {
	parts []document.QuoteSpan
}

// finder holds the state of one article's statement stage.
type finder struct {
	doc  *document.Document
	refs *refs.Reader
	// speakers records per sentence the speaker of its last statement, so
	// that "He added ..." continues it.
	speakers map[int]speakerRef
	out      []ingest.Statement
	// quoted are the attributed quotes' runs (byte offsets) and speakers
	quoted []struct{ start, end, actor int }
}

// Find finds the direct quotes and the reported speech of the document
// with their speakers. It tells r who spoke in each sentence, so that a
// pronoun read after it can continue that speaker.
func Find(doc *document.Document, r *refs.Reader) []ingest.Statement {
	f := &finder{doc: doc, refs: r, speakers: map[int]speakerRef{}}
	f.findStatements()
	// Only now, so that no speaker is looked for inside a quote: the
	// stages that follow read the quotes' words ("“I met him,” Clapper
	// said") with their speakers.
	for _, q := range f.quoted {
		r.SetQuoteSpeaker(q.start, q.end, q.actor)
	}
	return f.out
}

// said records that ref made the last statement of sentence si.
func (f *finder) said(si int, ref speakerRef) {
	f.speakers[si] = ref
	f.refs.SetSpeaker(si, ref.actor)
}

// findStatements finds direct quotes and reported speech.
func (f *finder) findStatements() {
	groups := f.groupQuotes()
	// Sentence of each token offset: sentences are in text order.
	sentOf := func(off int) int {
		lo, hi := 0, len(f.doc.Sentences)-1
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if f.doc.Sentences[mid].Start <= off {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		return lo
	}
	gi := 0
	prevSeg, prevClose := -1, -1
	var prevGroupSpeaker *speakerRef
	for si := range f.doc.Sentences {
		// Direct quotes that open in this sentence, in order.
		for gi < len(groups) && sentOf(groups[gi].parts[0].OpenMark) <= si {
			g := groups[gi]
			gi++
			first, last := g.parts[0], g.parts[len(g.parts)-1]
			sOpen, sClose := sentOf(first.OpenMark), sentOf(max(last.CloseMark-1, last.Start))
			ref, cue, addressee, ok := f.quoteAttribution(g, sOpen, sClose)
			if !ok && prevGroupSpeaker != nil && f.quoteOnlyParagraph(g) && first.Seg == prevSeg+1 {
				// A paragraph that is only a quote continues the speaker of
				// the quote in the paragraph before it.
				ref, ok = *prevGroupSpeaker, true
				cue = ""
			}
			if !ok && prevGroupSpeaker != nil && first.Seg == prevSeg && f.onlyAttributionBetween(prevClose, first.OpenMark, *prevGroupSpeaker) {
				// "“A,” said Rep. Clyburn, head of the caucus. “B.”": a
				// quote that opens the sentence after a quote and its
				// attribution, in the same paragraph, goes on with it
				ref, ok = *prevGroupSpeaker, true
				cue = ""
			}
			st := f.directStatement(g, sOpen, sClose, ref, ok, cue, addressee)
			if st.Text == "" {
				continue
			}
			if st.SpeakerSpan == nil && !isSubstantialQuote(st.Text) {
				continue // an unattributed scare quote
			}
			if isTitleQuote(st.Text) {
				continue // "appeared on “Face the Nation”": a name, not words said
			}
			f.out = append(f.out, st)
			if ok {
				r := ref
				prevGroupSpeaker = &r
				f.said(sClose, ref)
				for _, p := range g.parts {
					f.quoted = append(f.quoted, struct{ start, end, actor int }{p.Start, p.End, ref.actor})
				}
			} else {
				prevGroupSpeaker = nil
			}
			prevSeg, prevClose = last.Seg, last.CloseMark
		}
		f.indirectStatements(si)
	}
}

// isSubstantialQuote: three words or more; shorter unattributed quotes
// are scare quotes or titles, not statements.
func isSubstantialQuote(s string) bool { return len(strings.Fields(s)) >= 3 }

// isTitleQuote says whether a quote is the title or name of something
// ("Face the Nation", "The Apprentice", "Coal Isn't the Villain.", "Miss
// Piggy"): two to eight words, all capitalised, or at least two of four
// letters or more and every such word capitalised ("Don't you do it" is
// speech). Speech is written in sentence case.
func isTitleQuote(s string) bool {
	words := strings.Fields(strings.TrimRight(strings.TrimSpace(s), ".,;:!?…"))
	if len(words) < 2 || len(words) > 8 {
		return false
	}
	long, allCapitalised := 0, true
	for _, w := range words {
		w = strings.Trim(w, "\"'“”‘’()[]")
		if w == "" {
			continue
		}
		allCapitalised = allCapitalised && unicode.IsUpper([]rune(w)[0])
		letters := 0
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters < 4 {
			continue
		}
		long++
		if !unicode.IsUpper([]rune(w)[0]) {
			return false
		}
	}
	return allCapitalised || long >= 2
}

// groupQuotes joins quoted runs into statements: a quote cut by a short
// attribution ("“A,” he said, “B.”") and a quote that goes on into the
// next paragraph.
func (f *finder) groupQuotes() []quoteGroup {
	var groups []quoteGroup
	spans := f.doc.Quotes
	for i := 0; i < len(spans); i++ {
		g := quoteGroup{parts: []document.QuoteSpan{spans[i]}}
		for i+1 < len(spans) {
			cur, next := g.parts[len(g.parts)-1], spans[i+1]
			if !cur.Closed && next.Seg == cur.Seg+1 && f.segmentStartsWith(next) {
				g.parts = append(g.parts, next)
				i++
				continue
			}
			if cur.Closed && next.Seg == cur.Seg && f.isInterruption(cur.CloseMark, next.OpenMark) {
				g.parts = append(g.parts, next)
				i++
				continue
			}
			break
		}
		groups = append(groups, g)
	}
	return groups
}

// segmentStartsWith says whether a quote opens its paragraph.
func (f *finder) segmentStartsWith(q document.QuoteSpan) bool {
	return strings.TrimSpace(f.doc.Article.Text[f.doc.Article.Segments[q.Seg].Start:q.OpenMark]) == ""
}

// isInterruption says whether the text between two quotes is only an
// attribution: ", he said, ", " Trump told reporters. ".
func (f *finder) isInterruption(from, to int) bool {
	between := f.doc.Article.Text[from:to]
	words := strings.Fields(between)
	if len(words) == 0 || len(words) > 8 {
		return false
	}
	hasCue := false
	for _, w := range words {
		if speechCues[strings.ToLower(strings.Trim(w, ".,;:"))] {
			hasCue = true
		}
	}
	trimmed := strings.TrimSpace(between)
	return hasCue && (strings.HasSuffix(trimmed, ",") || strings.HasSuffix(trimmed, ":") || strings.HasSuffix(trimmed, "."))
}

// quoteOnlyParagraph says whether a quote group is all its paragraph holds.
func (f *finder) quoteOnlyParagraph(g quoteGroup) bool {
	first, last := g.parts[0], g.parts[len(g.parts)-1]
	if first.Seg != last.Seg {
		return false
	}
	seg := f.doc.Article.Segments[first.Seg]
	if seg.Kind != ingest.SegmentBody {
		return false
	}
	return strings.TrimSpace(f.doc.Article.Text[seg.Start:first.OpenMark]) == "" &&
		strings.Trim(f.doc.Article.Text[last.CloseMark:seg.End], " \t\n.") == ""
}

// onlyAttributionBetween says whether the text between a quote's closing
// mark (byte from) and the next quote's opening mark (byte to) is that
// quote's attribution and nothing else: it holds the speaker's words and
// ends a sentence, in a few words ("," said Rep. Clyburn, head of the
// caucus. ").
func (f *finder) onlyAttributionBetween(from, to int, ref speakerRef) bool {
	if from < 0 || to <= from || ref.span == nil {
		return false
	}
	between := strings.TrimSpace(f.doc.Article.Text[from:to])
	if !strings.HasSuffix(between, ".") || len(strings.Fields(between)) > 40 {
		return false
	}
	if ref.span.Start < f.doc.Offset(from) || ref.span.End > f.doc.Offset(to) {
		return false
	}
	// no sentence of narrative between: every sentence that starts there
	// holds the speaker's words
	for _, sent := range f.doc.Sentences {
		if sent.Start > from && sent.Start < to {
			if ref.span.Start < f.doc.Offset(sent.Start) || ref.span.End > f.doc.Offset(sent.End) {
				return false
			}
		}
	}
	return true
}

// directStatement builds the statement of a quote group.
func (f *finder) directStatement(g quoteGroup, sOpen, sClose int, ref speakerRef, attributed bool, cue string, addressee int) ingest.Statement {
	var texts []string
	var parts []ingest.Span
	for _, p := range g.parts {
		t := strings.TrimSpace(f.doc.Article.Text[p.Start:p.End])
		if t == "" {
			continue
		}
		texts = append(texts, t)
		parts = append(parts, ingest.Span{Text: t, Start: f.doc.Offset(p.Start), End: f.doc.Offset(p.End)})
	}
	first, last := g.parts[0], g.parts[len(g.parts)-1]
	text := strings.Join(texts, " ")
	st := ingest.Statement{
		Text: text,
		Kind: ingest.StatementDirect,
		Cue:  cue,
		Evidence: ingest.Evidence{
			Sentence: f.doc.Article.Text[f.doc.Sentences[sOpen].Start:f.doc.Sentences[sClose].End],
			Start:    f.doc.Offset(first.Start),
			End:      f.doc.Offset(last.End),
		},
	}
	if len(parts) > 1 {
		st.Parts = parts
	}
	if attributed {
		st.SpeakerSpan = ref.span
		if ref.actor >= 0 {
			st.Speaker, st.SpeakerID = f.actorRef(ref.actor)
		}
	}
	if addressee >= 0 && addressee != ref.actor {
		st.Addressee, st.AddresseeID = f.actorRef(addressee)
	}
	st.ID = document.StableID("statement", f.doc.Article.Info.ID, st.Kind, strings.Join(texts, "\x00"), strconv.Itoa(st.Evidence.Start))
	return st
}

// indirectStatements finds reported speech in sentence si: "Pompeo said
// the aim of the summit would be ...", "..., the official said.", "Kim has
// agreed to talks, according to US officials."
func (f *finder) indirectStatements(si int) {
	lw := f.doc.Sentences[si].Lower
	s := f.doc.Sentences[si]
	if f.sentSegmentKind(si) == ingest.SegmentCaption {
		return
	}
	for c := 0; c < len(lw); c++ {
		w := lw[c]
		if !indirectCues[w] || !f.isCueAt(si, c) {
			continue
		}
		if w == "according" && (c+1 >= len(lw) || lw[c+1] != "to") {
			continue
		}
		var ref speakerRef
		var addressee = -1
		var found, inverted bool
		if w == "according" {
			ref, found = f.speakerAfter(si, c+2)
		} else if c > 0 && lw[c-1] == "," && f.nameEndsClause(si, c+1) {
			// "..., said Larry Sabato, director of ...": the name after the
			// cue is the speaker, whatever stands before
			ref, found = f.speakerAfter(si, c+1)
			inverted = found
		} else {
			ref, addressee, found = f.speakerOfCue(si, c)
			if !found {
				// "..., said Trump." inverted after the content
				if c > 0 && lw[c-1] == "," {
					ref, found = f.speakerAfter(si, c+1)
					inverted = found
				}
			}
		}
		if !found {
			continue
		}
		// The content: after the cue (and its addressee and "that"), or
		// the clause before the attribution when it ends the sentence.
		after := c + 1
		if w == "according" || inverted {
			after = len(lw) // the content stands before the attribution
		}
		if addressee >= 0 || (w == "told" || w == "tells") {
			if lo := f.clauseAfter(si, c); lo > after {
				after = lo // "told MPs the UK was losing": the clause the parse gives
			} else if !hasWithin(lw, after, 14, "that") {
				continue // "told Britain's ITV in an interview ...": whom, not what
			} else if mem, ok := f.refs.MemberAt(si, after); ok && !(mem.End < len(lw) && (lw[mem.End] == "'s" || lw[mem.End] == "’s")) {
				after = mem.End
			} else if np := f.npEnd(si, after); np > after {
				after = np
			}
		}
		// "wrote on Twitter that ...", "said earlier on Tuesday that ...":
		// an adjunct before "that" is not part of what was said.
		for j := after; j < len(lw) && j-after <= 10; j++ {
			if lw[j] == "that" {
				after = j + 1
				break
			}
			if lw[j] == "," || lw[j] == "." || lw[j] == "“" || lw[j] == ":" || f.doc.Sentences[si].Quoted[j] || speechCues[lw[j]] {
				break
			}
		}
		if after < len(lw) && (lw[after] == ":" || lw[after] == "“" || lw[after] == "\"") {
			continue // introduces a direct quote
		}
		if after < len(lw) && len(s.Syntax) == len(lw) && s.Syntax[after].UPOS == "ADP" {
			// "said in a statement: ...", "spoke of her conversation",
			// "said into the camera": an adjunct, not what was said
			continue
		}
		var from, to int // byte offsets of the content
		switch {
		case after < len(lw) && lw[after] != "." && lw[after] != "," && lw[after] != "“" && lw[after] != ":" && lw[after] != "\"":
			from, to = s.Tokens[after].Start, s.End
		default:
			// "X, the official said." / "X, according to Y."
			start := f.attributionStart(si, c)
			if start <= 0 {
				continue
			}
			end := start
			for end > 0 && (lw[end-1] == "," || lw[end-1] == "”") {
				end--
			}
			if end <= 0 {
				continue
			}
			from, to = s.Tokens[0].Start, s.Tokens[end-1].End
		}
		content := strings.TrimSpace(strings.TrimRight(f.doc.Article.Text[from:to], ". "))
		if len(strings.Fields(content)) < 3 || f.allQuoted(from, to) {
			continue
		}
		st := ingest.Statement{
			Text:        content,
			Kind:        ingest.StatementIndirect,
			Cue:         w,
			SpeakerSpan: ref.span,
			Evidence:    ingest.Evidence{Sentence: f.doc.Article.Text[s.Start:s.End], Start: f.doc.Offset(from), End: f.doc.Offset(to)},
		}
		if ref.actor >= 0 {
			st.Speaker, st.SpeakerID = f.actorRef(ref.actor)
		}
		if addressee >= 0 && addressee != ref.actor {
			st.Addressee, st.AddresseeID = f.actorRef(addressee)
		}
		st.ID = document.StableID("statement", f.doc.Article.Info.ID, st.Kind, content, strconv.Itoa(st.Evidence.Start))
		f.out = append(f.out, st)
		f.said(si, ref)
		return // one reported statement per sentence
	}
}

// nameEndsClause says whether a name starts at token k and is followed by
// a comma or the end of the sentence ("said Larry Sabato, director of",
// "said Trump."), not by a verb ("said Trump would").
func (f *finder) nameEndsClause(si, k int) bool {
	s := f.doc.Sentences[si]
	if k >= len(s.Tokens) || s.MentionAt[k] < 0 {
		return false
	}
	m := f.doc.Mentions[s.MentionAt[k]]
	if m.Start != k || m.Type == "LOC" || m.Type == "MISC" {
		return false
	}
	return m.End >= len(s.Tokens) || s.Lower[m.End] == "," || s.Lower[m.End] == "."
}

// clauseAfter is the first word of the clause that cue c reports, as the
// parse gives it (its ccomp to the right of the cue), or -1.
func (f *finder) clauseAfter(si, c int) int {
	t := f.doc.Sentences[si].Tree
	if t == nil || t.Len() != len(f.doc.Sentences[si].Tokens) {
		return -1
	}
	for _, k := range t.Dependents(c, "ccomp") {
		// a clause without its subject is a misparse ("told his news
		// conference Britain had ..."): better no clause than half of one
		if lo, _ := t.Span(k); lo > c+1 && t.Dependent(k, "nsubj", "nsubj:pass", "expl") >= 0 {
			return lo
		}
	}
	return -1
}

// attributionStart is the first token of the attribution around cue c:
// the speaker before it, or the cue itself for "according to".
func (f *finder) attributionStart(si, c int) int {
	lw := f.doc.Sentences[si].Lower
	k := c
	for k > 0 && lw[k-1] != "," && c-k < 8 {
		k--
	}
	return k
}

// npEnd skips a short noun phrase (an addressee such as "reporters", "his
// Senate confirmation hearing for the post of secretary of state").
func (f *finder) npEnd(si, k int) int {
	lw := f.doc.Sentences[si].Lower
	j := k
	for j < len(lw) && j-k < 12 {
		w := lw[j]
		if w == "that" || w == "." || w == "," || w == "“" || w == ":" {
			return j
		}
		j++
	}
	return k
}

// allQuoted says whether the text between two byte offsets is all inside
// one quote (then it is a direct statement, not reported speech).
func (f *finder) allQuoted(from, to int) bool {
	for _, q := range f.doc.Quotes {
		if q.OpenMark <= from+2 && q.CloseMark >= to-2 {
			return true
		}
	}
	return false
}

func (f *finder) sentSegmentKind(si int) ingest.SegmentKind { return f.doc.Sentences[si].Segment }

// sameSegment says whether two sentences are in one paragraph.
func (f *finder) sameSegment(i, j int) bool {
	for _, seg := range f.doc.Article.Segments {
		if f.doc.Sentences[i].Start >= seg.Start && f.doc.Sentences[i].End <= seg.End {
			return f.doc.Sentences[j].Start >= seg.Start && f.doc.Sentences[j].End <= seg.End
		}
	}
	return false
}

// sentAt is the sentence holding byte offset off.
func (f *finder) sentAt(off int) int {
	best := 0
	for i, s := range f.doc.Sentences {
		if s.Start <= off {
			best = i
		} else {
			break
		}
	}
	return best
}

// tokenAfter is the index of the first token starting at or after off.
func tokenAfter(toks []text.Token, off int) int {
	for i, t := range toks {
		if t.Start >= off {
			return i
		}
	}
	return len(toks)
}

// tokenBefore is the index of the last token ending at or before off.
func tokenBefore(toks []text.Token, off int) int {
	k := -1
	for i, t := range toks {
		if t.End <= off {
			k = i
		}
	}
	return k
}

// actorRef is an actor's name and ID as a statement records them.
func (f *finder) actorRef(actor int) (*string, string) {
	name := f.doc.Actors[actor].Name
	return &name, f.doc.Actors[actor].ID
}

// hasWithin says whether word w stands among the n words from k on,
// before the sentence's end or a quote.
func hasWithin(lw []string, k, n int, w string) bool {
	for j := k; j < len(lw) && j-k < n; j++ {
		switch lw[j] {
		case w:
			return true
		case ".", "“", "\"", ":":
			return false
		}
	}
	return false
}
