package extract

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
	"github.com/newsgraph/newsgraph/ingest/text"
)

func itoa(i int) string { return strconv.Itoa(i) }

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

// speechCues are the verbs of attribution.
var speechCues = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "tells": true, "added": true, "adds": true,
	"replied": true, "replies": true, "wrote": true, "writes": true, "tweeted": true, "tweets": true,
	"stressed": true, "noted": true, "notes": true, "asked": true, "asks": true, "explained": true,
	"insisted": true, "insists": true, "argued": true, "argues": true, "warned": true, "warns": true,
	"continued": true, "recalled": true, "declared": true, "announced": true, "acknowledged": true,
	"admitted": true, "claimed": true, "claims": true, "conceded": true, "complained": true, "responded": true,
	"remarked": true, "observed": true, "joked": true, "quipped": true, "commented": true, "suggested": true,
	"predicted": true, "promised": true, "vowed": true, "boasted": true, "shouted": true, "yelled": true,
	"cautioned": true, "concluded": true, "confirmed": true, "emphasized": true, "emphasised": true,
	"stated": true, "posted": true, "wondered": true, "mused": true, "urged": true,
	"charged": true, "countered": true, "pointed": true, "reiterated": true, "lamented": true,
	"according": true, "saying": true, "telling": true, "adding": true, "writing": true, "noting": true,
	"arguing": true, "insisting": true, "declaring": true, "warning": true, "calling": true, "called": true,
	"describing": true, "described": true, "asserted": true, "asserting": true, "tweeting": true,
	"answered": true, "answering": true, "recounted": true, "repeated": true, "agreed": true,
	"reported": true, "reports": true, "echoed": true, "asking": true,
	"recalls": true, "testified": true, "contended": true, "contends": true, "maintained": true,
	"exclaimed": true, "whispered": true, "texted": true, "emailed": true, "explains": true, "adding:": false,
	"conceding": true, "recalling": true, "explaining": true, "stating": true, "replying": true,
}

// participleCues take the subject of the main clause: "He made it clear,
// saying: “...”".
var participleCues = map[string]bool{
	"saying": true, "telling": true, "adding": true, "writing": true, "noting": true, "arguing": true,
	"insisting": true, "declaring": true, "warning": true, "calling": true, "describing": true,
	"asserting": true, "tweeting": true, "answering": true, "asking": true, "conceding": true,
	"recalling": true, "explaining": true, "stating": true, "replying": true,
}

// indirectCues introduce reported speech as a clause ("said the aim
// was ..."); the others only attribute quotes.
var indirectCues = map[string]bool{
	"said": true, "says": true, "told": true, "tells": true, "added": true, "adds": true, "stressed": true,
	"noted": true, "explained": true, "insisted": true, "argued": true, "warned": true, "declared": true,
	"announced": true, "acknowledged": true, "admitted": true, "claimed": true, "conceded": true,
	"suggested": true, "predicted": true, "promised": true, "vowed": true, "confirmed": true, "wrote": true,
	"emphasized": true, "emphasised": true, "stated": true, "according": true, "tweeted": true,
	"cautioned": true, "reiterated": true, "asserted": true, "replied": true, "responded": true,
}

// isCueAt says whether token c of sentence si is a speech cue: a cue word
// outside quotes that is not part of a name ("United States").
func (a *analysis) isCueAt(si, c int) bool {
	w := a.doc.Sentences[si].Lower[c]
	if !speechCues[w] || a.doc.Sentences[si].Quoted[c] || a.doc.Sentences[si].MentionAt[c] >= 0 {
		return false
	}
	if c > 0 && document.Capitalised(a.doc.Sentences[si].Tokens[c].Text) && a.doc.Sentences[si].Lower[c-1] != "“" && a.doc.Sentences[si].Lower[c-1] != "\"" {
		return false
	}
	return true
}

// speakerRef is who made the last statement of a sentence.
type speakerRef struct {
	actor int // -1 when the words name no actor
	span  *ingest.Span
}

// quoteGroup is one direct statement: one or more quoted runs.
type quoteGroup struct {
	parts []document.QuoteSpan
}

// findStatements finds direct quotes and reported speech.
func (a *analysis) findStatements() {
	a.prepareEvents()
	groups := a.groupQuotes()
	// Sentence of each token offset: sentences are in text order.
	sentOf := func(off int) int {
		lo, hi := 0, len(a.doc.Sentences)-1
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if a.doc.Sentences[mid].Start <= off {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		return lo
	}
	gi := 0
	prevSeg := -1
	var prevGroupSpeaker *speakerRef
	for si := range a.doc.Sentences {
		// Direct quotes that open in this sentence, in order.
		for gi < len(groups) && sentOf(groups[gi].parts[0].OpenMark) <= si {
			g := groups[gi]
			gi++
			first, last := g.parts[0], g.parts[len(g.parts)-1]
			sOpen, sClose := sentOf(first.OpenMark), sentOf(maxInt(last.CloseMark-1, last.Start))
			ref, cue, addressee, ok := a.quoteAttribution(g, sOpen, sClose)
			if !ok && prevGroupSpeaker != nil && a.quoteOnlyParagraph(g) && first.Seg == prevSeg+1 {
				// A paragraph that is only a quote continues the speaker of
				// the quote in the paragraph before it.
				ref, ok = *prevGroupSpeaker, true
				cue = ""
			}
			st := a.directStatement(g, sOpen, sClose, ref, ok, cue, addressee)
			if st.Text == "" {
				continue
			}
			if st.SpeakerSpan == nil && !isSubstantialQuote(st.Text) {
				continue // an unattributed scare quote
			}
			a.out.Statements = append(a.out.Statements, st)
			if ok {
				r := ref
				prevGroupSpeaker = &r
				a.events.speakers[sClose] = ref
			} else {
				prevGroupSpeaker = nil
			}
			prevSeg = last.Seg
		}
		a.indirectStatements(si)
	}
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// isSubstantialQuote: three words or more; shorter unattributed quotes
// are scare quotes or titles, not statements.
func isSubstantialQuote(s string) bool { return len(strings.Fields(s)) >= 3 }

// groupQuotes joins quoted runs into statements: a quote cut by a short
// attribution ("“A,” he said, “B.”") and a quote that goes on into the
// next paragraph.
func (a *analysis) groupQuotes() []quoteGroup {
	var groups []quoteGroup
	spans := a.doc.Quotes
	for i := 0; i < len(spans); i++ {
		g := quoteGroup{parts: []document.QuoteSpan{spans[i]}}
		for i+1 < len(spans) {
			cur, next := g.parts[len(g.parts)-1], spans[i+1]
			if !cur.Closed && next.Seg == cur.Seg+1 && a.segmentStartsWith(next) {
				g.parts = append(g.parts, next)
				i++
				continue
			}
			if cur.Closed && next.Seg == cur.Seg && a.isInterruption(cur.CloseMark, next.OpenMark) {
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
func (a *analysis) segmentStartsWith(q document.QuoteSpan) bool {
	return strings.TrimSpace(a.doc.Article.Text[a.doc.Article.Segments[q.Seg].Start:q.OpenMark]) == ""
}

// isInterruption says whether the text between two quotes is only an
// attribution: ", he said, ", " Trump told reporters. ".
func (a *analysis) isInterruption(from, to int) bool {
	between := a.doc.Article.Text[from:to]
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
func (a *analysis) quoteOnlyParagraph(g quoteGroup) bool {
	first, last := g.parts[0], g.parts[len(g.parts)-1]
	if first.Seg != last.Seg {
		return false
	}
	seg := a.doc.Article.Segments[first.Seg]
	if seg.Kind != ingest.SegmentBody {
		return false
	}
	return strings.TrimSpace(a.doc.Article.Text[seg.Start:first.OpenMark]) == "" &&
		strings.Trim(a.doc.Article.Text[last.CloseMark:seg.End], " \t\n.") == ""
}

// quoteAttribution finds who said a quote group whose first part opens in
// sentence sOpen and whose last part closes in sentence sClose.
func (a *analysis) quoteAttribution(g quoteGroup, sOpen, sClose int) (ref speakerRef, cue string, addressee int, ok bool) {
	addressee = -1
	last := g.parts[len(g.parts)-1]
	// 1. After the quote, in its closing sentence: "...,” Trump said."
	if s := a.doc.Sentences[sClose]; true {
		k := tokenAfter(s.Tokens, last.CloseMark)
		if r, c, ad, found := a.cueAfterQuote(sClose, k); found {
			return r, c, ad, true
		}
		// "“...” He added." in a short sentence of its own.
		if k >= len(s.Tokens) && sClose+1 < len(a.doc.Sentences) && a.sameSegment(sClose, sClose+1) && len(a.doc.Sentences[sClose+1].Tokens) <= 7 {
			if r, c, ad, found := a.cueAfterQuote(sClose+1, 0); found {
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
		si, k := a.afterQuote(a.sentAt(p.CloseMark-1), p.CloseMark)
		if r, c, ad, found := a.cueAfterQuote(si, k); found {
			return r, c, ad, true
		}
	}
	// 3. Before the quote, in its opening sentence: "Abe told Trump: “...”".
	first := g.parts[0]
	s := a.doc.Sentences[sOpen]
	k := tokenBefore(s.Tokens, first.OpenMark)
	// A quote that opens its paragraph after a paragraph ending in a
	// colon: "Cruz continued:" ¶ "“...”".
	if k < 0 && sOpen > 0 && a.segmentStartsWith(first) {
		prev := sOpen - 1
		pl := a.doc.Sentences[prev].Lower
		if n := len(pl); n > 0 && pl[n-1] == ":" && a.doc.Sentences[prev].Segment == ingest.SegmentBody {
			for c := n - 2; c >= 0; c-- {
				if a.doc.Sentences[prev].Quoted[c] {
					break
				}
				if !a.isCueAt(prev, c) {
					continue
				}
				if r, ad, found := a.speakerOfCue(prev, c); found {
					return r, a.doc.Sentences[prev].Lower[c], ad, true
				}
				break
			}
		}
	}
	for c := k; c >= 0; c-- {
		w := a.doc.Sentences[sOpen].Lower[c]
		if a.doc.Sentences[sOpen].Quoted[c] {
			break
		}
		if !a.isCueAt(sOpen, c) {
			continue
		}
		if w == "according" && (c+1 >= len(s.Tokens) || a.doc.Sentences[sOpen].Lower[c+1] != "to") {
			continue
		}
		if r, ad, found := a.speakerOfCue(sOpen, c); found {
			return r, w, ad, true
		}
	}
	// 4. The shapes of attribution whatever the verb: "“...,” Bozell
	// concludes.", "“...?” he asks.", "Cruz continued: “...”".
	if r, c, ok := a.structuralAttribution(g, sOpen, sClose); ok {
		return r, c, -1, true
	}
	return speakerRef{actor: -1}, "", -1, false
}

// structuralAttribution reads an attribution by its shape rather than its
// verb: a quote ending in a comma, question or exclamation mark followed by
// a speaker and a verb ("“...,” Bozell concludes") or by a verb and a
// speaker ("“...,” writes Bozell"); or a quote right after a colon whose
// clause has a named subject ("Cruz continued: “...”").
func (a *analysis) structuralAttribution(g quoteGroup, sOpen, sClose int) (speakerRef, string, bool) {
	last := g.parts[len(g.parts)-1]
	content := strings.TrimSpace(a.doc.Article.Text[last.Start:last.End])
	if r, _ := utf8.DecodeLastRuneInString(content); last.Closed && (r == ',' || r == '?' || r == '!' || r == '—') {
		si, k := a.afterQuote(sClose, last.CloseMark)
		lw := a.doc.Sentences[si].Lower
		if k < len(lw) && lw[k] == "," {
			k++
		}
		if mem, ok := a.memberAt(si, k); ok && len(mem.parts) == 1 && mem.end < len(lw) && isVerbLike(lw[mem.end]) {
			return a.refFromParticipant(mem.parts[0]), lw[mem.end], true
		}
		if k+1 < len(lw) && isVerbLike(lw[k]) {
			if mem, ok := a.memberAt(si, k+1); ok && len(mem.parts) == 1 {
				return a.refFromParticipant(mem.parts[0]), lw[k], true
			}
		}
		// "“...,” the gambling tycoon told Reuters"
		for e := k; e < len(lw) && e-k < 6; e++ {
			if isVerbLike(lw[e]) && e > k {
				if np, ok := a.bareNounPhrase(si, e-1, -1); ok && np.Start == a.doc.Offset(a.doc.Sentences[si].Tokens[k].Start) {
					return speakerRef{actor: -1, span: np}, lw[e], true
				}
				break
			}
		}
	}
	first := g.parts[0]
	s := a.doc.Sentences[sOpen]
	k := tokenBefore(s.Tokens, first.OpenMark)
	if k >= 1 && a.doc.Sentences[sOpen].Lower[k] == ":" {
		if r, ok := a.clauseSubject(sOpen, k); ok {
			return r, a.doc.Sentences[sOpen].Lower[k-1], true
		}
	}
	// A quote inside a sentence whose subject is named at its start and
	// followed by its verb: "Clinton decried the GOP for “turning its
	// back”", "He dubbed Rubio “the little senator”".
	if k >= 2 {
		lw := a.doc.Sentences[sOpen].Lower
		j := 0
		for j < k && (lexicon.GroupFillers[lw[j]] && lw[j] != "and" && lw[j] != "," || lexicon.RoleNouns[lw[j]] || a.doc.IsCountryWord(s.Tokens[j].Text) && a.doc.Sentences[sOpen].MentionAt[j] < 0) {
			j++
		}
		if mem, ok := a.memberAt(sOpen, j); ok && len(mem.parts) == 1 && mem.end < k {
			v := mem.end
			for v < k && (lw[v] == "also" || lw[v] == "then" || lw[v] == "later" || lw[v] == "has" || lw[v] == "had" || lw[v] == "is" || lw[v] == "was") {
				v++
			}
			if v < k && isVerbLike(lw[v]) && !a.quoteInSubordinate(sOpen, v, k) {
				return a.refFromParticipant(mem.parts[0]), lw[v], true
			}
		}
	}
	return speakerRef{}, "", false
}

// quoteInSubordinate says whether a clause of another subject starts
// between the verb at v and the quote at k ("..., who ...", "because the
// party ...").
func (a *analysis) quoteInSubordinate(si, v, k int) bool {
	lw := a.doc.Sentences[si].Lower
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

// sameSegment says whether two sentences are in one paragraph.
func (a *analysis) sameSegment(i, j int) bool {
	for _, seg := range a.doc.Article.Segments {
		if a.doc.Sentences[i].Start >= seg.Start && a.doc.Sentences[i].End <= seg.End {
			return a.doc.Sentences[j].Start >= seg.Start && a.doc.Sentences[j].End <= seg.End
		}
	}
	return false
}

// sentAt is the sentence holding byte offset off.
func (a *analysis) sentAt(off int) int {
	best := 0
	for i, s := range a.doc.Sentences {
		if s.Start <= off {
			best = i
		} else {
			break
		}
	}
	return best
}

// afterQuote finds the first token after byte offset off (a closing
// quotation mark): in sentence si, or at the start of the next sentence of
// the same paragraph when the splitter ended the sentence at the quote
// ("“...?” Vitter demanded.").
func (a *analysis) afterQuote(si, off int) (int, int) {
	k := tokenAfter(a.doc.Sentences[si].Tokens, off)
	if k >= len(a.doc.Sentences[si].Tokens) && si+1 < len(a.doc.Sentences) && a.sameSegment(si, si+1) {
		return si + 1, 0
	}
	return si, k
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

// cueAfterQuote reads an attribution that starts at token k of sentence
// si, right after a quote: "[,] SPEAKER CUE [ADDRESSEE]", "[,] CUE
// SPEAKER", "according to SPEAKER".
func (a *analysis) cueAfterQuote(si, k int) (speakerRef, string, int, bool) {
	lw := a.doc.Sentences[si].Lower
	for k < len(lw) && (lw[k] == "," || lw[k] == "”" || lw[k] == "\"" || lw[k] == "’" || lw[k] == "'") {
		k++
	}
	for c := k; c < len(lw) && c-k <= 9; c++ {
		w := lw[c]
		if a.doc.Sentences[si].Quoted[c] || w == "." || w == ";" || w == "“" || (w == "," && c > k && !speechCues[lw[c-1]]) && c-k > 6 {
			break
		}
		if !a.isCueAt(si, c) {
			continue
		}
		if w == "according" {
			if c+1 < len(lw) && lw[c+1] == "to" {
				if r, ok := a.speakerAfter(si, c+2); ok {
					return r, w, -1, true
				}
			}
			continue
		}
		if c == k && w != "told" && w != "tells" {
			// "said Trump", "said the official"
			if r, ok := a.speakerAfter(si, c+1); ok {
				return r, w, -1, true
			}
		}
		if r, ad, ok := a.speakerOfCue(si, c); ok {
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
func (a *analysis) speakerOfCue(si, c int) (speakerRef, int, bool) {
	ev := a.events
	lw := a.doc.Sentences[si].Lower
	addressee := -1
	if lw[c] == "told" || lw[c] == "tells" || lw[c] == "telling" {
		if mem, ok := a.memberAt(si, c+1); ok && len(mem.parts) == 1 {
			addressee = mem.parts[0].actor
		}
	}
	if lw[c] == "according" {
		if c+1 < len(lw) && lw[c+1] == "to" {
			r, ok := a.speakerAfter(si, c+2)
			return r, -1, ok
		}
		return speakerRef{}, -1, false
	}
	if participleCues[lw[c]] {
		// The subject of the main clause: the first member of the sentence.
		for k := 0; k < c; k++ {
			if a.doc.Sentences[si].Quoted[k] {
				continue
			}
			if mem, ok := a.memberAt(si, k); ok && len(mem.parts) == 1 && !(k > 0 && isPlacePreposition(lw[k-1])) {
				return a.refFromParticipant(mem.parts[0]), addressee, true
			}
		}
		return speakerRef{}, -1, false
	}
	// "Carson took the stage and called ...": the subject of the first verb.
	if c > 0 && lw[c-1] == "and" {
		if r, ok := a.clauseSubject(si, c-1); ok {
			return r, addressee, true
		}
	}
	// "Sarandon, 69, told", "Graham, a former candidate, told": the name
	// before an apposition.
	if c > 1 && lw[c-1] == "," {
		for j := c - 2; j > 0 && c-j <= 12; j-- {
			if a.doc.Sentences[si].Quoted[j] || lw[j] == "“" || lw[j] == "”" {
				break
			}
			if lw[j] == "," {
				if mem, ok := a.memberAt(si, j-1); ok && len(mem.parts) == 1 {
					return a.refFromParticipant(mem.parts[0]), addressee, true
				}
				if np, ok := a.bareNounPhrase(si, j-1, -1); ok {
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
		if a.doc.Sentences[si].Quoted[k] {
			return speakerRef{}, -1, false
		}
		if mem, ok := a.memberAt(si, k); ok {
			if (w == "he" || w == "she") && si > 0 {
				// "He added ...": continues the previous statement's speaker,
				// also when that one was unnamed ("the official said").
				if r, ok := ev.speakers[si-1]; ok && r.actor < 0 && r.span != nil {
					t := a.doc.Sentences[si].Tokens[k]
					return speakerRef{actor: -1, span: &ingest.Span{Text: t.Text, Start: a.doc.Offset(t.Start), End: a.doc.Offset(t.End)}}, addressee, true
				}
			}
			if len(mem.parts) == 1 {
				return a.refFromParticipant(mem.parts[0]), addressee, true
			}
			if mem.unnamed && len(mem.parts) == 0 {
				if w == "he" || w == "she" {
					t := a.doc.Sentences[si].Tokens[k]
					return speakerRef{actor: -1, span: &ingest.Span{Text: t.Text, Start: a.doc.Offset(t.Start), End: a.doc.Offset(t.End)}}, addressee, true
				}
				// a modifier before a role noun was skipped: fall to the NP
				break
			}
			return speakerRef{}, -1, false
		}
		if w == "also" || w == "later" || w == "earlier" || w == "then" || w == "has" || w == "have" || w == "had" ||
			w == "once" || w == "again" || w == "previously" || w == "recently" || w == "repeatedly" || w == "reportedly" ||
			w == "publicly" || w == "privately" || w == "would" || w == "will" || (strings.HasSuffix(w, "ly") && len(w) > 4) {
			k--
			continue
		}
		if d := a.doc.Sentences[si].DateEndingAt(k); d >= 0 {
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
		if j := a.ppStart(si, k); j >= 0 {
			k = j - 1
			continue
		}
		break
	}
	// "Trump, who has been embroiled ... with Kim, said": the antecedent
	// of the relative clause that ends right before the cue.
	if c > 0 && lw[c-1] == "," {
		for j := c - 2; j > 0 && c-j <= 30; j-- {
			if a.doc.Sentences[si].Quoted[j] || lw[j] == "." || lw[j] == ";" {
				break
			}
			if lw[j] == "who" && lw[j-1] == "," {
				if g := a.groupEndingAt(si, j-2); len(g) == 1 {
					return a.refFromParticipant(g[0]), addressee, true
				}
				break
			}
		}
	}
	// An unnamed speaker: "the official said", "a US official told".
	if np, ok := a.nounPhraseEndingAt(si, c-1); ok {
		return speakerRef{actor: -1, span: np}, addressee, true
	}
	if np, ok := a.bareNounPhrase(si, k, -1); ok {
		return speakerRef{actor: -1, span: np}, addressee, true
	}
	return speakerRef{}, -1, false
}

// ppStart returns the first token of a prepositional phrase of at most
// four words that ends at token k ("at the time", "in Kentucky"), or -1.
func (a *analysis) ppStart(si, k int) int {
	lw := a.doc.Sentences[si].Lower
	for j := k; j >= 0 && k-j < 4; j-- {
		switch lw[j] {
		case "at", "in", "on", "during", "from", "for", "after", "before":
			if j > 0 {
				if _, ok := a.memberAt(si, j-1); ok {
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
func (a *analysis) clauseSubject(si, k int) (speakerRef, bool) {
	lw := a.doc.Sentences[si].Lower
	for j := 0; j < k; j++ {
		if a.doc.Sentences[si].Quoted[j] {
			continue
		}
		if mem, ok := a.memberAt(si, j); ok && len(mem.parts) == 1 {
			if j > 0 && isPlacePreposition(lw[j-1]) {
				j = mem.end - 1
				continue
			}
			return a.refFromParticipant(mem.parts[0]), true
		}
	}
	return speakerRef{}, false
}

// npStops end a bare noun phrase.
var npStops = map[string]bool{
	"that": true, "which": true, "who": true, "when": true, "because": true, "as": true, "if": true,
	"while": true, "after": true, "before": true, "and": false, "but": true, "so": true, "then": true,
	"is": true, "was": true, "are": true, "were": true, "has": true, "have": true, "had": true, "it": true,
	"this": true, "there": true, "also": true, "not": true, "to": true, "in": true, "on": true, "at": true,
	"for": true, "with": true, "by": true, "from": true, "we": true, "i": true, "you": true, "they": true,
}

// bareNounPhrase reads the words that name a speaker no actor stands for,
// ending at token e and read leftwards (dir -1: "the gambling tycoon
// [told]") or starting at e and read rightwards (dir +1: "[said] the
// gambling tycoon"): up to six words without punctuation, starting with a
// determiner, a possessive, a number or a capital.
func (a *analysis) bareNounPhrase(si, e, dir int) (*ingest.Span, bool) {
	lw := a.doc.Sentences[si].Lower
	s := a.doc.Sentences[si]
	if e < 0 || e >= len(lw) {
		return nil, false
	}
	first, last := e, e
	for k := e; k >= 0 && k < len(lw) && (e-k)*dir <= 0 && (k-e)*dir < 7; k += dir {
		w := lw[k]
		r := document.FirstRune(s.Tokens[k].Text)
		if a.doc.Sentences[si].Quoted[k] || (!unicode.IsLetter(r) && !unicode.IsDigit(r) && w != "'s" && w != "’s") || lexicon.ClauseStops[w] || speechCues[w] {
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
		if !document.Capitalised(head) && !unicode.IsDigit(document.FirstRune(head)) && !lexicon.RoleNouns[lw[last]] && !isAgentNoun(lw[last]) {
			return nil, false
		}
	}
	if npStops[lw[last]] || lw[last] == "the" || lw[last] == "a" {
		return nil, false
	}
	return &ingest.Span{
		Text:  a.doc.Article.Text[s.Tokens[first].Start:s.Tokens[last].End],
		Start: a.doc.Offset(s.Tokens[first].Start),
		End:   a.doc.Offset(s.Tokens[last].End),
	}, true
}

// speakerAfter reads a speaker that follows an inverted cue ("said
// Trump", "said White House spokesman Sean Spicer", "according to US
// officials").
func (a *analysis) speakerAfter(si, k int) (speakerRef, bool) {
	lw := a.doc.Sentences[si].Lower
	for j := k; j < len(lw) && j-k <= 6; j++ {
		if mem, ok := a.memberAt(si, j); ok && len(mem.parts) == 1 {
			return a.refFromParticipant(mem.parts[0]), true
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
		if np, ok := a.nounPhraseIn(si, k, end-1); ok {
			return speakerRef{actor: -1, span: np}, true
		}
		if np, ok := a.bareNounPhrase(si, k, +1); ok {
			return speakerRef{actor: -1, span: np}, true
		}
	}
	return speakerRef{}, false
}

// nounPhraseEndingAt reads a noun phrase that names no actor and ends at
// token e: "the official", "a second unnamed US official", "officials".
func (a *analysis) nounPhraseEndingAt(si, e int) (*ingest.Span, bool) {
	return a.nounPhraseIn(si, 0, e)
}

// nounPhraseIn is nounPhraseEndingAt not starting before token lo.
func (a *analysis) nounPhraseIn(si, lo, e int) (*ingest.Span, bool) {
	lw := a.doc.Sentences[si].Lower
	s := a.doc.Sentences[si]
	if e < 0 || e >= len(lw) || a.doc.Sentences[si].Quoted[e] {
		return nil, false
	}
	head := lw[e]
	if !lexicon.RoleNouns[head] && !isAgentNoun(head) {
		return nil, false
	}
	start := e
	for k := e - 1; k >= lo && e-k <= 6; k-- {
		w := lw[k]
		if a.doc.Sentences[si].Quoted[k] || lexicon.ClauseStops[w] || w == "," || w == "and" && false {
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
		Text:  a.doc.Article.Text[s.Tokens[start].Start:s.Tokens[e].End],
		Start: a.doc.Offset(s.Tokens[start].Start),
		End:   a.doc.Offset(s.Tokens[e].End),
	}, true
}

// isAgentNoun: nouns for people and bodies that speak.
func isAgentNoun(w string) bool {
	switch w {
	case "source", "sources", "statement", "report", "spokesperson", "analyst", "analysts", "expert", "experts",
		"critics", "critic", "observers", "residents", "witnesses", "witness", "voters", "protesters", "workers",
		"organizers", "organisers", "investigators", "prosecutors", "lawyer", "lawyers", "attorney", "attorneys",
		"economist", "economists", "scientists", "researchers", "activists", "activist", "agency", "ministry",
		"department", "office", "house", "kremlin", "pentagon", "white", "newspaper", "daily", "channel":
		return true
	}
	return false
}

// refFromParticipant turns a resolved participant into a speaker; a
// pronoun that continues the previous statement's unnamed speaker stays
// unnamed.
func (a *analysis) refFromParticipant(p participant) speakerRef {
	span := &ingest.Span{Text: a.doc.Article.Text[p.start:p.end], Start: a.doc.Offset(p.start), End: a.doc.Offset(p.end)}
	return speakerRef{actor: p.actor, span: span}
}

// directStatement builds the statement of a quote group.
func (a *analysis) directStatement(g quoteGroup, sOpen, sClose int, ref speakerRef, attributed bool, cue string, addressee int) ingest.Statement {
	var texts []string
	var parts []ingest.Span
	for _, p := range g.parts {
		t := strings.TrimSpace(a.doc.Article.Text[p.Start:p.End])
		if t == "" {
			continue
		}
		texts = append(texts, t)
		parts = append(parts, ingest.Span{Text: t, Start: a.doc.Offset(p.Start), End: a.doc.Offset(p.End)})
	}
	first, last := g.parts[0], g.parts[len(g.parts)-1]
	text := strings.Join(texts, " ")
	st := ingest.Statement{
		Text: text,
		Kind: ingest.StatementDirect,
		Cue:  cue,
		Evidence: ingest.Evidence{
			Sentence: a.doc.Article.Text[a.doc.Sentences[sOpen].Start:a.doc.Sentences[sClose].End],
			Start:    a.doc.Offset(first.Start),
			End:      a.doc.Offset(last.End),
		},
	}
	if len(parts) > 1 {
		st.Parts = parts
	}
	if attributed {
		st.SpeakerSpan = ref.span
		if ref.actor >= 0 {
			name := a.doc.Actors[ref.actor].Name
			st.Speaker, st.SpeakerID = &name, a.doc.Actors[ref.actor].ID
		}
	}
	if addressee >= 0 && addressee != ref.actor {
		name := a.doc.Actors[addressee].Name
		st.Addressee, st.AddresseeID = &name, a.doc.Actors[addressee].ID
	}
	st.ID = document.StableID("statement", a.doc.Article.Info.ID, st.Kind, strings.Join(texts, "\x00"), itoa(st.Evidence.Start))
	return st
}

// indirectStatements finds reported speech in sentence si: "Pompeo said
// the aim of the summit would be ...", "..., the official said.", "Kim has
// agreed to talks, according to US officials."
func (a *analysis) indirectStatements(si int) {
	ev := a.events
	lw := a.doc.Sentences[si].Lower
	s := a.doc.Sentences[si]
	if a.sentSegmentKind(si) == ingest.SegmentCaption {
		return
	}
	for c := 0; c < len(lw); c++ {
		w := lw[c]
		if !indirectCues[w] || !a.isCueAt(si, c) {
			continue
		}
		if w == "according" && (c+1 >= len(lw) || lw[c+1] != "to") {
			continue
		}
		var ref speakerRef
		var addressee = -1
		var found bool
		if w == "according" {
			ref, found = a.speakerAfter(si, c+2)
		} else {
			ref, addressee, found = a.speakerOfCue(si, c)
			if !found {
				// "..., said Trump." inverted after the content
				if c > 0 && lw[c-1] == "," {
					ref, found = a.speakerAfter(si, c+1)
				}
			}
		}
		if !found {
			continue
		}
		// The content: after the cue (and its addressee and "that"), or
		// the clause before the attribution when it ends the sentence.
		after := c + 1
		if w == "according" {
			after = len(lw)
		}
		if addressee >= 0 || (w == "told" || w == "tells") {
			if mem, ok := a.memberAt(si, after); ok {
				after = mem.end
			} else if np := a.npEnd(si, after); np > after {
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
			if lw[j] == "," || lw[j] == "." || lw[j] == "“" || lw[j] == ":" || a.doc.Sentences[si].Quoted[j] || speechCues[lw[j]] {
				break
			}
		}
		if after < len(lw) && (lw[after] == ":" || lw[after] == "“" || lw[after] == "\"") {
			continue // introduces a direct quote
		}
		var from, to int // byte offsets of the content
		switch {
		case after < len(lw) && lw[after] != "." && lw[after] != "," && lw[after] != "“" && lw[after] != ":" && lw[after] != "\"":
			from, to = s.Tokens[after].Start, s.End
		default:
			// "X, the official said." / "X, according to Y."
			start := a.attributionStart(si, c)
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
		content := strings.TrimSpace(strings.TrimRight(a.doc.Article.Text[from:to], ". "))
		if len(strings.Fields(content)) < 3 || a.allQuoted(from, to) {
			continue
		}
		st := ingest.Statement{
			Text:        content,
			Kind:        ingest.StatementIndirect,
			Cue:         w,
			SpeakerSpan: ref.span,
			Evidence:    ingest.Evidence{Sentence: a.doc.Article.Text[s.Start:s.End], Start: a.doc.Offset(from), End: a.doc.Offset(to)},
		}
		if ref.actor >= 0 {
			name := a.doc.Actors[ref.actor].Name
			st.Speaker, st.SpeakerID = &name, a.doc.Actors[ref.actor].ID
		}
		if addressee >= 0 && addressee != ref.actor {
			name := a.doc.Actors[addressee].Name
			st.Addressee, st.AddresseeID = &name, a.doc.Actors[addressee].ID
		}
		st.ID = document.StableID("statement", a.doc.Article.Info.ID, st.Kind, content, itoa(st.Evidence.Start))
		a.out.Statements = append(a.out.Statements, st)
		ev.speakers[si] = ref
		return // one reported statement per sentence
	}
}

// attributionStart is the first token of the attribution around cue c:
// the speaker before it, or the cue itself for "according to".
func (a *analysis) attributionStart(si, c int) int {
	lw := a.doc.Sentences[si].Lower
	k := c
	for k > 0 && lw[k-1] != "," && c-k < 8 {
		k--
	}
	return k
}

// npEnd skips a short noun phrase (an addressee such as "reporters", "his
// Senate confirmation hearing for the post of secretary of state").
func (a *analysis) npEnd(si, k int) int {
	lw := a.doc.Sentences[si].Lower
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
func (a *analysis) allQuoted(from, to int) bool {
	for _, q := range a.doc.Quotes {
		if q.OpenMark <= from+2 && q.CloseMark >= to-2 {
			return true
		}
	}
	return false
}

func (a *analysis) sentSegmentKind(si int) ingest.SegmentKind { return a.doc.Sentences[si].Segment }

// learnGenders reads what the text says about each person's gender: "Mr."
// and "Mrs." before a name, "first lady", "his wife X", "X and his wife".
func (a *analysis) learnGenders() {
	ev := a.events
	female := map[string]bool{"mrs.": true, "mrs": true, "ms.": true, "ms": true, "lady": true, "wife": true,
		"madam": true, "queen": true, "princess": true, "mother": true, "daughter": true, "sister": true,
		"actress": true, "congresswoman": true, "spokeswoman": true, "chairwoman": true, "businesswoman": true,
		"grandmother": true, "widow": true, "girlfriend": true}
	male := map[string]bool{"mr.": true, "mr": true, "husband": true, "king": true, "prince": true, "father": true,
		"son": true, "brother": true, "congressman": true, "spokesman": true, "chairman": true,
		"businessman": true, "grandfather": true, "widower": true, "boyfriend": true, "sir": true}
	for _, m := range a.doc.Mentions {
		if m.Actor < 0 || a.doc.Actors[m.Actor].Type != ingest.Person {
			continue
		}
		lw := a.doc.Sentences[m.Sent].Lower
		for k := m.Start - 1; k >= 0 && m.Start-k <= 3; k-- {
			if female[lw[k]] {
				ev.gender[m.Actor] = 'f'
				break
			}
			if male[lw[k]] {
				ev.gender[m.Actor] = 'm'
				break
			}
			if a.doc.Sentences[m.Sent].MentionAt[k] >= 0 {
				break
			}
		}
		// "X and his wife", "X and her husband"
		if m.End+2 < len(lw) && lw[m.End] == "and" {
			switch lw[m.End+1] {
			case "his":
				ev.gender[m.Actor] = 'm'
			case "her":
				ev.gender[m.Actor] = 'f'
			}
		}
	}
}

// resolvePronoun finds the person a he/him/his/she/her at token k of
// sentence si stands for: the nearest compatible person named before it in
// the sentence, else the speaker of the previous sentence's statement, else
// the first compatible person of the nearest earlier sentence that names
// one. Quoted words are never antecedents of narrative pronouns. -1 when
// nothing fits.
func (a *analysis) resolvePronoun(si, k int) int {
	ev := a.events
	key := [2]int{si, k}
	if r, ok := ev.pronouns[key]; ok {
		return r
	}
	ev.pronouns[key] = -1 // guards against cycles
	var g byte
	switch a.doc.Sentences[si].Lower[k] {
	case "he", "him", "his", "himself":
		g = 'm'
	case "she", "her", "hers", "herself":
		g = 'f'
	default:
		return -1
	}
	compatible := func(act int) bool {
		return act >= 0 && act < len(a.doc.Actors) && a.doc.Actors[act].Type == ingest.Person && (ev.gender[act] == 0 || ev.gender[act] == g)
	}
	quotedHere := a.doc.Sentences[si].Quoted[k]
	// Same sentence, nearest first.
	for j := k - 1; j >= 0; j-- {
		if a.doc.Sentences[si].Quoted[j] != quotedHere {
			continue
		}
		if mi := a.doc.Sentences[si].MentionAt[j]; mi >= 0 {
			if act := a.doc.Mentions[mi].Actor; compatible(act) {
				ev.pronouns[key] = act
				return act
			}
			continue
		}
		switch a.doc.Sentences[si].Lower[j] {
		case "he", "him", "his", "she", "her":
			if act := a.resolvePronoun(si, j); compatible(act) {
				ev.pronouns[key] = act
				return act
			}
		}
	}
	// Earlier sentences of the narrative; captions only for captions.
	kind := a.doc.Sentences[si].Segment
	for p := si - 1; p >= 0 && si-p <= 6; p-- {
		if (a.doc.Sentences[p].Segment == ingest.SegmentCaption) != (kind == ingest.SegmentCaption) {
			continue
		}
		if r, ok := ev.speakers[p]; ok && p == si-1 {
			if compatible(r.actor) {
				ev.pronouns[key] = r.actor
				return r.actor
			}
		}
		// A person the text says has the pronoun's gender first, then one
		// of unknown gender.
		for pass := 0; pass < 2; pass++ {
			for j := range a.doc.Sentences[p].Tokens {
				if a.doc.Sentences[p].Quoted[j] {
					continue
				}
				mi := a.doc.Sentences[p].MentionAt[j]
				if mi < 0 {
					continue
				}
				m := a.doc.Mentions[mi]
				act := m.Actor
				if !compatible(act) || (pass == 0) != (ev.gender[act] == g) {
					continue
				}
				possessive := m.End < len(a.doc.Sentences[p].Lower) && (a.doc.Sentences[p].Lower[m.End] == "’s" || a.doc.Sentences[p].Lower[m.End] == "'s")
				if !a.isModifier(p, m) || possessive {
					ev.pronouns[key] = act
					return act
				}
			}
		}
	}
	return -1
}
