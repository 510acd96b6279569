package meetings

import (
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
)

// Status cues. Each is looked for in the clause of the trigger, before it
// (and, for nouns, in the predicate after it: "could take place").

// meetingStatus reads the status from the words around the trigger.
func (f *finder) meetingStatus(si, ti int, trig triggerKind) string {
	lw := f.doc.Sentences[si].Lower
	left := f.leftWindow(si, ti, 9)
	right := f.predicateAfter(si, ti, trig)
	has := func(words []int, set map[string]bool) bool {
		for _, k := range words {
			if set[lw[k]] {
				return true
			}
		}
		return false
	}
	all := append(append([]int(nil), left...), right...)
	for _, k := range all {
		w := lw[k]
		if cancelCues[w] && w != "off" {
			return ingest.StatusCancelled
		}
		if w == "off" && k > 0 && (lw[k-1] == "called" || lw[k-1] == "call" || lw[k-1] == "calls") {
			return ingest.StatusCancelled
		}
		if w == "pulled" && k+1 < len(lw) && lw[k+1] == "out" {
			return ingest.StatusCancelled
		}
	}
	for _, k := range all {
		w := lw[k]
		if refuseCues[w] && (w != "ruled" || (k+1 < len(lw) && lw[k+1] == "out")) {
			return ingest.StatusRefused
		}
		if w == "turned" && k+1 < len(lw) && lw[k+1] == "down" {
			return ingest.StatusRefused
		}
	}
	if has(left, denyCues) {
		return ingest.StatusDenied
	}
	negated := has(left, negationCues) || has(right, negationCues)
	if has(all, hypotheticalCues) {
		return ingest.StatusProposed
	}
	future := has(all, plannedCues)
	if !future && !trig.noun && ti > 0 && lw[ti-1] == "to" {
		// "to meet": intent, unless "the first leader to meet", "known
		// to have met" (perfect: handled by "have" before a past form).
		future = !f.superlativeBefore(si, ti)
	}
	if !future && !trig.noun && ti > 1 && lw[ti-2] == "to" && (lw[ti-1] == "have" || lw[ti-1] == "has") {
		future = false
	}
	if !future && trig.noun && f.purposeBefore(si, ti) {
		future = true
	}
	if trig.noun {
		switch statusHeads[f.headOfPhrase(si, ti)] {
		case ingest.StatusProposed:
			return ingest.StatusProposed // "talk of an early summit between X and Y"
		case ingest.StatusPlanned:
			future = true // "the announcement of the X-Y summit"
		}
	}
	if future {
		if negated {
			return ingest.StatusRefused
		}
		return ingest.StatusPlanned
	}
	if has(all, proposalCues) {
		return ingest.StatusProposed
	}
	if trig.intent {
		return ingest.StatusProposed
	}
	if negated {
		return ingest.StatusDenied
	}
	// Present tense of the verb itself names a scheduled or habitual
	// meeting in headlines and captions ("Obama meets Friday with ..."):
	// a caption describes a photo of it, so it is held.
	return ingest.StatusHeld
}

// leftWindow is the token indices before ti within its clause, nearest
// first, at most n of them; a relative clause or complement clause the
// trigger sits in is the clause.
func (f *finder) leftWindow(si, ti, n int) []int {
	s := f.doc.Sentences[si]
	lw := s.Lower
	var out []int
	for k := ti - 1; k >= 0 && ti-k <= n; k-- {
		w := lw[k]
		if lexicon.ClauseStops[w] && w != "that" && w != "when" {
			break
		}
		if s.Quoted[k] != s.Quoted[ti] {
			break
		}
		out = append(out, k)
		if w == "that" || w == "when" || w == "if" {
			break
		}
	}
	return out
}

// predicateAfter is the verb phrase after a noun trigger used as subject
// ("the summit ... could take place", "the meeting was cancelled"), or the
// words right after a verb trigger ("met ... , he denied").
func (f *finder) predicateAfter(si, ti int, trig triggerKind) []int {
	lw := f.doc.Sentences[si].Lower
	var out []int
	if !trig.noun {
		return nil
	}
	// A noun trigger that is the object of something before it has no
	// predicate of its own.
	if ti > 0 {
		switch lw[ti-1] {
		case "the", "this", "that", "a", "an":
			if ti > 1 && (lexicon.SupportVerbs[lw[ti-2]] || lexicon.Prepositions[lw[ti-2]]) {
				return nil
			}
		}
	}
	for k := ti + 1; k < len(lw) && k-ti <= 30; k++ {
		w := lw[k]
		if w == "." || w == ";" || w == "“" || w == "”" {
			break
		}
		out = append(out, k)
		if predicateEnds[w] {
			break
		}
	}
	// Only keep the predicate when it has an event verb: the summit "could
	// take place", "may not happen", "was cancelled", "will be held".
	for _, k := range out {
		if eventPredicates[lw[k]] {
			return out
		}
	}
	return nil
}

// infinitiveAt says whether "to" at token k starts an infinitive ("to
// plan a summit") rather than a place ("a visit to North Korea").
func (f *finder) infinitiveAt(si, k int) bool {
	s := f.doc.Sentences[si]
	lw := s.Lower
	if lw[k] != "to" || k+1 >= len(lw) {
		return false
	}
	next := s.Tokens[k+1].Text
	if s.MentionAt[k+1] >= 0 || document.Capitalised(next) {
		return false
	}
	switch lw[k+1] {
	case "the", "a", "an", "his", "her", "their", "its", "this", "that", "be":
		return lw[k+1] == "be"
	}
	return unicode.IsLetter(document.FirstRune(next))
}

// superlativeBefore says whether "to V" follows "the first/most senior ...
// (ever)": the relative infinitive of a superlative reports a fact.
func (f *finder) superlativeBefore(si, ti int) bool {
	lw := f.doc.Sentences[si].Lower
	for k := ti - 2; k >= 0 && ti-k <= 9; k-- {
		if superlativeCues[lw[k]] {
			// "willingness to become the first president to meet": a
			// superlative still to be reached is an intent.
			for j := k - 1; j >= 0 && k-j <= 3; j-- {
				switch lw[j] {
				case "become", "becoming", "be", "would", "will", "could":
					return false
				}
			}
			return true
		}
		if lexicon.ClauseStops[lw[k]] || proposalCues[lw[k]] || plannedCues[lw[k]] {
			return false
		}
	}
	return false
}

// purposeBefore says whether a noun trigger is the object of an infinitive
// of purpose: "to plan a summit", "to set up a summit", "to arrange talks".
func (f *finder) purposeBefore(si, ti int) bool {
	lw := f.doc.Sentences[si].Lower
	for k := ti - 1; k >= 0 && ti-k <= 6; k-- {
		if lw[k] == "to" {
			return k+1 < ti && lw[k+1] != "the" && !lexicon.Prepositions[lw[k+1]]
		}
		if lexicon.ClauseStops[lw[k]] || lw[k] == "," {
			return false
		}
	}
	return false
}

// headOfPhrase returns the noun that a noun trigger at ti complements
// through "of" ("talk of an early summit" -> "talk"), or "".
func (f *finder) headOfPhrase(si, ti int) string {
	lw := f.doc.Sentences[si].Lower
	for k := ti - 1; k >= 1 && ti-k <= 5; k-- {
		if lw[k] == "of" {
			return lw[k-1]
		}
		if ofPhraseModifiers[lw[k]] {
			continue
		}
		if f.doc.Sentences[si].MentionAt[k] >= 0 || strings.Contains(lw[k], "-") {
			continue // "the Putin-Rouhani-Aliyev summit"
		}
		return ""
	}
	return ""
}
