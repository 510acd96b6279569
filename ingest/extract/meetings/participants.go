package meetings

import (
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
	"github.com/newsgraph/newsgraph/ingest/extract/refs"
)

// clauseEndRight is the token index where the clause of a trigger ends on
// its right.
func (f *finder) clauseEndRight(si, ti int) int {
	lw := f.doc.Sentences[si].Lower
	for k := ti + 1; k < len(lw); k++ {
		if rightClauseEnds[lw[k]] {
			return k
		}
	}
	return len(lw)
}

// rightGroup reads the participants after a trigger: "with X and Y",
// "between X and Y", "met X", skipping adverbs, dates and "by phone".
// between reports a "between" group; end is the token after the group.
func (f *finder) rightGroup(si, start, limit int, trig triggerKind) (parts []refs.Participant, between bool, end int) {
	lw := f.doc.Sentences[si].Lower
	k := start
	sawPrep := false
	for steps := 0; k < limit && steps < 14; steps++ {
		w := lw[k]
		if f.doc.Sentences[si].Quoted[k] || w == "“" || w == "”" || w == "\"" {
			if !trig.noun {
				return nil, false, k
			}
			k++ // "talks at “extremely high levels” with X"
			continue
		}
		switch {
		case w == "with" || w == "between" || w == "among" || w == "of":
			if w == "of" && !trig.noun {
				return nil, false, k
			}
			between = w == "between" || w == "among"
			sawPrep = true
			k++
			g, e := f.refs.Group(si, k, limit)
			return g, between, e
		case w == "by" || w == "on" || w == "over" || w == "via":
			// "by phone", "on the phone", "over the phone"; "by X" after a
			// passive host verb names the host.
			if k+1 < limit && (lw[k+1] == "phone" || lw[k+1] == "telephone" || lw[k+1] == "the" || lw[k+1] == "video") {
				k += 2
				if k < limit && (lw[k] == "phone" || lw[k] == "telephone") {
					k++
				}
				continue
			}
			if w == "by" && trig.host {
				k++
				g, e := f.refs.Group(si, k, limit)
				return g, false, e
			}
			return nil, false, k
		case w == "to" && (trig.kind == "call" || trig.kind == "visit"):
			k++
			g, e := f.refs.Group(si, k, limit)
			return g, false, e
		case strings.HasSuffix(w, "ly") && len(w) > 4 && !document.Capitalised(f.doc.Sentences[si].Tokens[k].Text):
			k++ // separately, directly, secretly
		case f.doc.Sentences[si].DateStartingAt(k) > k:
			k = f.doc.Sentences[si].DateStartingAt(k)
		case w == "again" || w == "privately" || w == "briefly" || w == "today" || w == "also" || w == "for" && false:
			k++
		default:
			if trig.noun || sawPrep {
				// Noun triggers take participants only through a preposition,
				// possibly after a short adjunct: "talks at “high levels” with X".
				if nounAdjuncts[w] {
					k++
					continue
				}
				// "talks in Jeddah this week with officials": a place
				// after "in" or "at" is an adjunct.
				if mi := f.doc.Sentences[si].MentionAt[k]; mi >= 0 && f.doc.Mentions[mi].Location >= 0 && k > 0 && (lw[k-1] == "in" || lw[k-1] == "at") {
					k = f.doc.Mentions[mi].End
					continue
				}
				return nil, false, k
			}
			// A verb's direct object: "met Kim", "hosted Abe"; not a
			// coordinated clause after an adjunct ("Bill Clinton visited
			// Sunday and Obama on Monday").
			if k > start && (w == "and" || w == "or" || w == ",") {
				return nil, false, k
			}
			g, e := f.refs.Group(si, k, limit)
			return g, false, e
		}
	}
	return nil, false, k
}

// subjectGroup finds the subject of a verb trigger: the nearest group of
// actors on its left within the clause that is not inside a prepositional
// phrase. "Xi, who met Obama" takes the antecedent of "who"; "After
// meeting Kim, Trump said" takes the subject after the comma.
func (f *finder) subjectGroup(si, ti int) []refs.Participant {
	s := f.doc.Sentences[si]
	lw := s.Lower
	// Sentence-initial participle: "After meeting X, Y ..." / "After
	// speaking by phone, X and Y ...".
	if ti <= 2 && ti > 0 && (lw[ti-1] == "after" || lw[ti-1] == "before" || lw[ti-1] == "while" || lw[ti-1] == "since") {
		for k := ti + 1; k < len(lw); k++ {
			if lw[k] == "," {
				g, _ := f.refs.Group(si, k+1, len(lw))
				return g
			}
		}
		return nil
	}
	if ti > 0 && (lw[ti-1] == "to" || ti > 1 && lw[ti-2] == "to" && lw[ti-1] == "have") && f.superlativeBefore(si, ti) {
		// "made him the most senior official ever known to have met with
		// Kim": the subject is the one the superlative is said of.
		for k := ti - 2; k >= 0 && ti-k <= 16; k-- {
			if lexicon.ClauseStops[lw[k]] {
				break
			}
			if mem, ok := f.refs.MemberAt(si, k); ok && len(mem.Parts) == 1 && f.doc.Actors[mem.Parts[0].Actor].Type == ingest.Person {
				return mem.Parts
			}
		}
		return nil
	}
	k := ti - 1
	for ; k >= 0 && ti-k <= 18; k-- {
		w := lw[k]
		if w == "who" || w == "whom" {
			// The antecedent of the relative pronoun.
			j := k - 1
			if j >= 0 && lw[j] == "," {
				j--
			}
			return f.refs.GroupEndingAt(si, j)
		}
		if lexicon.ClauseStops[w] {
			return nil
		}
		if s.Quoted[k] {
			return nil
		}
		mem, ok := f.refs.MemberAt(si, k)
		if !ok {
			// an unnamed subject ("a US official met") ends the search
			if lexicon.RoleNouns[w] && (k+1 >= len(lw) || s.MentionAt[k+1] < 0) && !f.titleOfNext(si, k) && k+1 < ti {
				if k > 0 && (lw[k-1] == "the" || lw[k-1] == "a" || lw[k-1] == "an" || s.MentionAt[k-1] >= 0) {
					return nil
				}
			}
			continue
		}
		start := mem.Start
		if s.MentionAt[k] >= 0 {
			start = f.doc.Mentions[s.MentionAt[k]].Start
		}
		if start > 0 && lexicon.Prepositions[lw[start-1]] {
			k = start
			continue
		}
		if mem.Unnamed && len(mem.Parts) == 0 {
			// "US officials met": the modifier heads no named subject
			if !(start > 0 && (lw[start-1] == "the" || lw[start-1] == "a")) && s.MentionAt[k] >= 0 {
				continue
			}
			continue
		}
		return f.refs.GroupEndingAt(si, k)
	}
	return nil
}

// titleOfNext says whether the role word at k is part of a title before a
// name ("leader Kim").
func (f *finder) titleOfNext(si, k int) bool {
	s := f.doc.Sentences[si]
	lw := s.Lower
	for j := k + 1; j < len(lw) && j <= k+4; j++ {
		if s.MentionAt[j] >= 0 {
			return f.doc.Mentions[s.MentionAt[j]].Type == "PER"
		}
		if !lexicon.RoleNouns[lw[j]] && !document.Capitalised(s.Tokens[j].Text) {
			return false
		}
	}
	return false
}

// nounLeftParticipants finds participants to the left of a noun trigger:
// a compound or possessive right before it ("a Trump-Kim summit",
// "Pompeo's visit", "U.S.-Turkey meeting") or the subject of a support
// verb ("Trump and Abe opened two days of talks").
func (f *finder) nounLeftParticipants(si, ti int) []refs.Participant {
	lw := f.doc.Sentences[si].Lower
	var parts []refs.Participant
	// Compounds and possessives inside the noun phrase.
	k := ti - 1
	for ; k >= 0 && ti-k <= 5; k-- {
		w := lw[k]
		if mem, ok := f.refs.MemberAt(si, k); ok {
			if len(mem.Parts) >= 2 {
				parts = append(parts, mem.Parts...)
				k = mem.Start
				continue
			}
			if f.doc.Sentences[si].MentionAt[k] >= 0 {
				mm := f.doc.Mentions[f.doc.Sentences[si].MentionAt[k]]
				if mm.Actor >= 0 && (mm.End == ti || (mm.End < len(lw) && (lw[mm.End] == "'s" || lw[mm.End] == "’s"))) {
					parts = append(parts, refs.Participant{Actor: mm.Actor, Start: f.doc.Sentences[si].Tokens[mm.Start].Start, End: f.doc.Sentences[si].Tokens[mm.End-1].End})
					k = mm.Start
					continue
				}
				if mm.Actor >= 0 && mm.End < len(lw) && (lw[mm.End] == "-" || lw[mm.End] == "–") {
					parts = append(parts, refs.Participant{Actor: mm.Actor, Start: f.doc.Sentences[si].Tokens[mm.Start].Start, End: f.doc.Sentences[si].Tokens[mm.End-1].End})
					k = mm.Start
					continue
				}
			}
			parts = append(parts, mem.Parts...)
			k = mem.Start
			continue
		}
		if compoundFillers[w] {
			continue
		}
		break
	}
	if len(parts) > 0 {
		return parts
	}
	if g := f.frontedPhraseSubject(si, ti); len(g) > 0 {
		return g
	}
	// A possessive determiner or a circumstance: "his phone call with X",
	// "after their meeting", "X reads papers during a meeting".
	for j := ti - 1; j >= 0 && ti-j <= 6; j-- {
		w := lw[j]
		switch w {
		case "his", "her":
			if ti-j > 4 || !f.modifiersOnly(si, j+1, ti) {
				return nil // "his hospitality and the phone call", "His comments come as talks ..."
			}
			if act := f.refs.Pronoun(si, j); act >= 0 {
				t := f.doc.Sentences[si].Tokens[j]
				return []refs.Participant{{Actor: act, Start: t.Start, End: t.End}}
			}
			return nil
		case "their":
			if ti-j > 4 || !f.modifiersOnly(si, j+1, ti) {
				return nil
			}
			return f.personsBefore(si, j, 4)
		case "part":
			// "as part of a meeting with X"
			if j > 0 && lw[j-1] == "as" {
				return f.subjectGroup(si, j-1)
			}
		case "during", "at", "after", "following", "throughout":
			// "before the summit", "until after the summit" date another
			// event by this one; they say nothing of who attended.
			if w == "after" && j > 0 && (lw[j-1] == "until" || lw[j-1] == "till") {
				return nil
			}
			return f.subjectGroup(si, j)
		case "before", "ahead":
			return nil
		}
		// "at the All-India Congress committee meeting": the names and
		// nouns of the meeting's own phrase are passed over.
		if lexicon.ClauseStops[w] || w == "," || lexicon.SupportVerbs[w] || f.doc.Sentences[si].MentionAt[j] >= 0 && (ti-j > 4 || f.doc.Mentions[f.doc.Sentences[si].MentionAt[j]].Location >= 0) {
			break
		}
	}
	// The subject of a support verb within a few words: "X held talks",
	// "X opened two days of talks", "X had a secret meeting with Y".
	for j := ti - 1; j >= 0 && ti-j <= 6; j-- {
		w := lw[j]
		if lexicon.ClauseStops[w] && !lexicon.SupportVerbs[w] || w == "," {
			break // "told" ends a clause, yet "X told a meeting" is X's
		}
		if lexicon.SupportVerbs[w] {
			if (w == "have" || w == "has" || w == "had" || w == "having") && j+1 < ti && isParticiple(lw[j+1]) {
				// "supposed to have blessed the talks": an auxiliary.
				return nil
			}
			return f.subjectGroup(si, j)
		}
	}
	return nil
}

// isParticiple says whether a word looks like a past participle:
// "blessed", "broken", "made".
func isParticiple(w string) bool {
	if lexicon.SupportVerbs[w] && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en")) {
		return true
	}
	return len(w) > 4 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en"))
}

// personsBefore returns up to n persons named before token k of the
// sentence, outside quotes: the people "their" stands for.
func (f *finder) personsBefore(si, k, n int) []refs.Participant {
	var out []refs.Participant
	for j := 0; j < k && len(out) < n; j++ {
		if f.doc.Sentences[si].Quoted[j] {
			continue
		}
		if mem, ok := f.refs.MemberAt(si, j); ok {
			for _, p := range mem.Parts {
				if f.doc.Actors[p.Actor].Type == ingest.Person {
					out = append(out, p)
				}
			}
			if mem.End > j {
				j = mem.End - 1
			}
		}
	}
	return out
}

// frontedPrepositions open a sentence-initial phrase around a meeting
// noun whose participants are the clause after it: "In a phone call on
// Saturday, Kerry told Cavusoglu ...", "During the meeting, Abe said".
var frontedPrepositions = map[string]bool{"in": true, "during": true, "at": true, "after": true, "following": true}

// frontedPhraseSubject reads the participants of a meeting noun that
// stands in a prepositional phrase opening the sentence: the subject
// group after the phrase's comma and, after a verb of telling, its object.
func (f *finder) frontedPhraseSubject(si, ti int) []refs.Participant {
	s := f.doc.Sentences[si]
	lw := s.Lower
	if ti > 6 || ti == 0 || !frontedPrepositions[lw[0]] {
		return nil
	}
	for k := 1; k < ti; k++ {
		if s.MentionAt[k] >= 0 || lexicon.ClauseStops[lw[k]] || lw[k] == "," {
			return nil
		}
	}
	comma := -1
	for k := ti + 1; k < len(lw) && k <= ti+8; k++ {
		if lw[k] == "," {
			comma = k
			break
		}
		if lexicon.ClauseStops[lw[k]] || lw[k] == "with" || lw[k] == "between" || s.MentionAt[k] >= 0 {
			return nil // the phrase names its own participants
		}
	}
	if comma < 0 {
		return nil
	}
	g, end := f.refs.Group(si, comma+1, len(lw))
	if len(g) == 0 {
		return nil
	}
	if end < len(lw) && reportVerbs[lw[end]] {
		obj, _ := f.refs.Group(si, end+1, f.clauseEndRight(si, end))
		g = append(g, obj...)
	}
	return g
}

// modifiersOnly says whether tokens [i, j) can all modify a noun: a
// possessive determiner before them then owns the noun ("his first
// official visit"), not when a noun or verb stands between ("His
// comments come as talks ...").
func (f *finder) modifiersOnly(si, i, j int) bool {
	lw := f.doc.Sentences[si].Lower
	for k := i; k < j; k++ {
		w := lw[k]
		switch {
		case nounModifiers[w], strings.Contains(w, "-"), unicode.IsDigit(document.FirstRune(w)):
		case strings.HasSuffix(w, "al") || strings.HasSuffix(w, "ic") || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ly"):
		default:
			return false
		}
	}
	return true
}

// onlyPlaces says whether every participant is a country: the object of a
// visit that names no one to meet.
func (f *finder) onlyPlaces(ps []refs.Participant) bool {
	for _, p := range ps {
		if f.doc.Actors[p.Actor].Type != ingest.Country {
			return false
		}
	}
	return true
}

func dedupeParticipants(ps []refs.Participant) []refs.Participant {
	seen := map[int]bool{}
	out := ps[:0]
	for _, p := range ps {
		if seen[p.Actor] {
			continue
		}
		seen[p.Actor] = true
		out = append(out, p)
	}
	return out
}
