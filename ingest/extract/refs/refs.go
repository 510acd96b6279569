// Package refs reads which actors the words of a sentence refer to: an
// actor mention, a pronoun, a family plural ("the Trumps"), hyphenated
// names ("Trump-Kim"), and coordinated groups of them ("Donald Trump and
// first lady Melania Trump"). The meeting and statement stages read
// participants and speakers with it.
package refs

import (
	"slices"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/ingest"
	"github.com/newsgraph/newsgraph/ingest/extract/document"
	"github.com/newsgraph/newsgraph/ingest/extract/lexicon"
)

// Reader reads which actors the words of a document's sentences refer to.
// Build it once per document, after the actors stage, and share it between
// the stages that follow: it remembers the pronouns it resolved and the
// speakers the statement stage found.
type Reader struct {
	doc *document.Document
	// holds says whether a word names something an actor holds, so that a
	// possessive before it is its holder ("Pompeo's visit"), not a modifier.
	holds    func(word string) bool
	gender   []byte           // per actor: 'm', 'f' or 0 when the text does not say
	surnames map[string][]int // last word of a person's name -> the persons
	byName   map[string]int   // lower-cased name or alias -> actor; -1 when ambiguous
	pronouns map[[2]int]int   // resolved pronoun (sentence, token) -> actor
	speakers map[int]int      // sentence -> actor of its last statement, -1 when unnamed
	// quotes are the direct quotes whose speaker is known, in text order;
	// their words name actors too ("“I met him twice,” Clapper said")
	quotes []quoteSpeaker
}

// quoteSpeaker is a quoted run of text (byte offsets) and who said it.
type quoteSpeaker struct{ start, end, actor int }

// New indexes the actors of doc by name and surname and reads what the text
// says of their genders. holds names the nouns a possessive holds (the
// meeting triggers).
func New(doc *document.Document, holds func(word string) bool) *Reader {
	r := &Reader{
		doc: doc, holds: holds, gender: make([]byte, len(doc.Actors)),
		surnames: map[string][]int{}, byName: map[string]int{}, pronouns: map[[2]int]int{}, speakers: map[int]int{},
	}
	for i, act := range doc.Actors {
		names := append([]string{act.Name}, act.Aliases...)
		for _, n := range names {
			k := strings.ToLower(document.CleanName(n))
			if prev, ok := r.byName[k]; ok && prev != i {
				r.byName[k] = -1
			} else if !ok {
				r.byName[k] = i
			}
		}
		if act.Type == ingest.Person {
			parts := strings.Fields(act.Name)
			if len(parts) > 1 {
				last := strings.ToLower(parts[len(parts)-1])
				r.surnames[last] = append(r.surnames[last], i)
			}
		}
	}
	r.learnGenders()
	return r
}

// SetSpeaker records that actor (-1: words that name no actor) made the
// last statement of sentence si.
func (r *Reader) SetSpeaker(si, actor int) { r.speakers[si] = actor }

// SetQuoteSpeaker records that actor said the quoted words between byte
// offsets start and end. From then on the words of that quote name actors
// as narrative does, and its "I", "me", "my", "we", "us" and "our" name
// the speaker.
func (r *Reader) SetQuoteSpeaker(start, end, actor int) {
	if actor < 0 || end <= start {
		return
	}
	r.quotes = append(r.quotes, quoteSpeaker{start, end, actor})
	// a pronoun of the quote read before its speaker was known is read
	// again: the speaker is no "he" of their own words
	for key := range r.pronouns {
		if off := r.doc.Sentences[key[0]].Tokens[key[1]].Start; off >= start && off < end {
			delete(r.pronouns, key)
		}
	}
}

// QuoteSpeaker returns who said the quoted word k of sentence si, -1 when
// the word is not quoted or its quote has no known speaker.
func (r *Reader) QuoteSpeaker(si, k int) int {
	s := &r.doc.Sentences[si]
	if k < 0 || k >= len(s.Tokens) || !s.Quoted[k] {
		return -1
	}
	off := s.Tokens[k].Start
	for _, q := range r.quotes {
		if off >= q.start && off < q.end {
			return q.actor
		}
	}
	return -1
}

// firstPerson are the words by which a speaker names themselves (or the
// group they speak for).
var firstPerson = map[string]bool{"i": true, "me": true, "my": true, "myself": true, "we": true, "us": true, "our": true}

// Participant is an actor the words of a sentence name (a meeting's
// participant, a statement's speaker) and where those words are.
type Participant struct {
	Actor      int // index into the document's actors
	Start, End int // byte offsets of the naming words
}

// Member is a token run that names one participant (or, for a family
// plural or hyphenated names, several).
type Member struct {
	Parts      []Participant
	Start, End int // token span
	// Unnamed: the words name someone, but no actor ("he" unresolved, the
	// modifier of "US officials" when it stands for no one).
	Unnamed bool
}

// MemberAt reads the participant named at token k of sentence si: an actor
// mention, a pronoun, a plural family name ("the Trumps"), or a hyphenated
// compound of names ("Trump-Kim"). modifier mentions ("Japan's" in
// "Japan's Prime Minister Shinzo Abe", "US" in "US officials") are not
// members.
func (r *Reader) MemberAt(si, k int) (Member, bool) {
	s := r.doc.Sentences[si]
	if k < 0 || k >= len(s.Tokens) {
		return Member{}, false
	}
	if s.Quoted[k] {
		speaker := r.QuoteSpeaker(si, k)
		if speaker < 0 {
			return Member{}, false // words of no one known
		}
		if firstPerson[s.Lower[k]] {
			tok := s.Tokens[k]
			return Member{Parts: []Participant{{Actor: speaker, Start: tok.Start, End: tok.End}}, Start: k, End: k + 1}, true
		}
	}
	if mem, ok := r.hyphenMember(si, k); ok {
		return mem, true
	}
	if mi := s.MentionAt[k]; mi >= 0 {
		m := r.doc.Mentions[mi]
		act := m.Actor
		if act < 0 && m.Location < 0 {
			if alt := r.ActorByName(m.Text); alt >= 0 {
				act = alt
			}
		}
		if act < 0 {
			return Member{}, false
		}
		if r.IsModifier(si, m) {
			// "US officials", "HDP leaders", "his Turkish counterpart": an
			// unnamed agent stands for the country or organisation that
			// qualifies it, as event coders code "US officials" as USA.
			if e, ok := r.agentOf(si, m); ok && r.doc.Actors[act].Type != ingest.Person {
				return Member{
					Parts: []Participant{{Actor: act, Start: s.Tokens[m.Start].Start, End: s.Tokens[e-1].End}},
					Start: m.Start, End: e,
				}, true
			}
			return Member{Start: m.Start, End: m.End, Unnamed: true}, true
		}
		return Member{
			Parts: []Participant{{Actor: act, Start: s.Tokens[m.Start].Start, End: s.Tokens[m.End-1].End}},
			Start: m.Start, End: m.End,
		}, true
	}
	w := s.Lower[k]
	tok := s.Tokens[k]
	switch w {
	case "he", "him", "she", "her", "his":
		if (w == "her" || w == "his") && !r.holderPronoun(si, k) {
			return Member{}, false // a possessive of something else ("her husband")
		}
		if act := r.Pronoun(si, k); act >= 0 {
			return Member{Parts: []Participant{{Actor: act, Start: tok.Start, End: tok.End}}, Start: k, End: k + 1}, true
		}
		return Member{Start: k, End: k + 1, Unnamed: true}, true
	case "it":
		if act := r.Pronoun(si, k); act >= 0 {
			return Member{Parts: []Participant{{Actor: act, Start: tok.Start, End: tok.End}}, Start: k, End: k + 1}, true
		}
		return Member{}, false // a thing, more often than not
	}
	if mem, ok := r.numberedGroup(si, k); ok {
		return mem, true
	}
	// "the Trumps", "the Abes": every person of that family in the article.
	if k > 0 && s.Lower[k-1] == "the" && len(w) > 2 && strings.HasSuffix(w, "s") && document.Capitalised(tok.Text) {
		if fam := r.surnames[strings.TrimSuffix(w, "s")]; len(fam) > 0 {
			var ps []Participant
			for _, act := range fam {
				ps = append(ps, Participant{Actor: act, Start: tok.Start, End: tok.End})
			}
			return Member{Parts: ps, Start: k, End: k + 1}, true
		}
	}
	// "the president", "the Mexican president": the person of that title
	if act := r.RoleRef(si, k); act >= 0 {
		return Member{Parts: []Participant{{Actor: act, Start: tok.Start, End: tok.End}}, Start: k, End: k + 1}, true
	}
	return Member{}, false
}

// hyphenMember reads names joined by hyphens in one token: "Trump-Kim",
// "U.S.-Turkey", "Trump-Abe".
func (r *Reader) hyphenMember(si, k int) (Member, bool) {
	tok := r.doc.Sentences[si].Tokens[k]
	if !strings.Contains(tok.Text, "-") || !document.Capitalised(tok.Text) || strings.HasPrefix(strings.ToLower(tok.Text), "then-") {
		return Member{}, false
	}
	var ps []Participant
	off := tok.Start
	for _, piece := range strings.Split(tok.Text, "-") {
		if piece == "" || !document.Capitalised(piece) {
			return Member{}, false
		}
		act := r.ActorByName(piece)
		if act < 0 {
			return Member{}, false
		}
		ps = append(ps, Participant{Actor: act, Start: off, End: off + len(piece)})
		off += len(piece) + 1
	}
	if len(ps) < 2 {
		return Member{}, false
	}
	return Member{Parts: ps, Start: k, End: k + 1}, true
}

// agentOf returns the end of the role nouns that follow a modifier
// mention when they name no one ("US officials", "Chinese officials"),
// so the mention stands for them; ok is false when a name follows
// ("Japanese Prime Minister Shinzo Abe") or no role noun does.
func (r *Reader) agentOf(si int, m document.Mention) (int, bool) {
	lw := r.doc.Sentences[si].Lower
	k := m.End
	if k < len(lw) && (lw[k] == "'s" || lw[k] == "’s") {
		return 0, false
	}
	// "Italian and German negotiators": each qualifier of coordinated
	// qualifiers stands for the people after the last
	sent := &r.doc.Sentences[si]
	for steps := 0; steps < 3 && k+1 < len(lw) && (lw[k] == "and" || lw[k] == "," || lw[k] == "or"); steps++ {
		mi := sent.MentionAt[k+1]
		if mi < 0 || r.doc.Mentions[mi].Start != k+1 {
			break
		}
		k = r.doc.Mentions[mi].End
	}
	j := k
	for j < len(lw) && (lexicon.RoleNouns[lw[j]] || lexicon.AgentNouns[lw[j]]) && j-k < 4 {
		j++
	}
	// A capitalised word after the role nouns is a name ("officials Kim
	// Yong Chol"), unless it starts a date ("EU foreign ministers Monday").
	if j == k || (j < len(lw) && (r.doc.Sentences[si].MentionAt[j] >= 0 || document.Capitalised(r.doc.Sentences[si].Tokens[j].Text) && r.doc.Sentences[si].DateStartingAt(j) == j)) {
		return 0, false
	}
	return j, true
}

// IsModifier says whether a mention qualifies the words after it rather
// than naming a participant: "Japan's Prime Minister Shinzo Abe", "North
// Korean leader Kim", "US officials", "Trump administration".
func (r *Reader) IsModifier(si int, m document.Mention) bool {
	lw := r.doc.Sentences[si].Lower
	k := m.End
	if k >= len(lw) {
		return false
	}
	if lw[k] == "'s" || lw[k] == "’s" {
		// A possessive before a title or a name is a modifier; before a
		// meeting noun it is the holder ("Pompeo's visit").
		if k+1 < len(lw) {
			if r.holds(lw[k+1]) {
				return false
			}
			if r.doc.Sentences[si].MentionAt[k+1] >= 0 || lexicon.RoleNouns[lw[k+1]] || document.Capitalised(r.doc.Sentences[si].Tokens[k+1].Text) {
				return true
			}
		}
		return true
	}
	if r.doc.Sentences[si].MentionAt[k] >= 0 && r.doc.Mentions[r.doc.Sentences[si].MentionAt[k]].Type == "PER" {
		return true
	}
	if lexicon.RoleNouns[lw[k]] || lexicon.AgentNouns[lw[k]] {
		return true
	}
	// "US bank Wells Fargo", "French carmaker PSA": a country before the
	// common nouns that describe the name after them qualifies that name.
	sent := r.doc.Sentences[si]
	if m.Actor >= 0 && r.doc.Actors[m.Actor].Type == ingest.Country && len(sent.Syntax) == len(lw) {
		for j := k; j < len(lw) && j-k < 2 && (sent.Syntax[j].UPOS == "NOUN" || sent.Syntax[j].UPOS == "PROPN") && !document.Capitalised(sent.Tokens[j].Text); j++ {
			if j+1 >= len(lw) {
				break
			}
			if next := sent.MentionAt[j+1]; next >= 0 && r.doc.Mentions[next].Start == j+1 && r.doc.Mentions[next].Type != "LOC" {
				return true
			}
		}
	}
	// "South Korean and Japanese officials": a run of modifiers.
	if (lw[k] == "and" || lw[k] == ",") && k+1 < len(lw) && r.doc.Sentences[si].MentionAt[k+1] >= 0 && m.Actor >= 0 && r.doc.Actors[m.Actor].Type == ingest.Country {
		next := r.doc.Mentions[r.doc.Sentences[si].MentionAt[k+1]]
		if next.Type != "PER" && next.Start == k+1 {
			return r.IsModifier(si, next)
		}
	}
	return false
}

// isAllCapsWord: "CIA", "U.S.", "UN" — short all-capital words that stand in
// titles ("CIA Director Mike Pompeo").
func isAllCapsWord(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2 && len(s) <= 8
}

// ActorByName finds an actor by a name, alias or surname the article uses,
// or a country by any of its names; -1 when none or ambiguous.
func (r *Reader) ActorByName(name string) int {
	k := strings.ToLower(document.CleanName(name))
	if k == "" {
		return -1
	}
	if i, ok := r.byName[k]; ok {
		return i
	}
	if fam := r.surnames[k]; len(fam) == 1 {
		return fam[0]
	} else if len(fam) > 1 {
		// The family member the article names most: "Trump" is Donald, not Melania.
		best, bestN, tie := -1, -1, false
		for _, i := range fam {
			if n := r.doc.Actors[i].Mentions; n > bestN {
				best, bestN, tie = i, n, false
			} else if n == bestN {
				tie = true
			}
		}
		if !tie {
			return best
		}
		return -1
	}
	// Any word of one person's full name: "Kim" of "Kim Jong Un".
	if len(k) >= 3 {
		found := -1
		for i, act := range r.doc.Actors {
			if act.Type != ingest.Person {
				continue
			}
			for _, part := range strings.Fields(strings.ToLower(act.Name)) {
				if part == k {
					if found >= 0 && found != i {
						found = -2
					} else if found != -2 {
						found = i
					}
				}
			}
		}
		if found >= 0 {
			return found
		}
	}
	if c, ok := r.doc.Places.Country(name); ok {
		for i, act := range r.doc.Actors {
			if act.ID == c.ID {
				return i
			}
		}
		r.doc.Actors = append(r.doc.Actors, ingest.Actor{ID: c.ID, Name: c.Name, Type: ingest.Country, Aliases: []string{}, MatchedBy: "country-name"})
		r.gender = append(r.gender, 0)
		r.byName[k] = len(r.doc.Actors) - 1
		found := false
		for _, l := range r.doc.Locations {
			if l.ID == c.ID {
				found = true
			}
		}
		if !found {
			r.doc.Locations = append(r.doc.Locations, ingest.Location{ID: c.ID, Name: c.Name, Kind: c.Kind, CountryCode: c.CountryCode,
				Latitude: c.Latitude, Longitude: c.Longitude, PartOf: c.PartOf})
		}
		return len(r.doc.Actors) - 1
	}
	return -1
}

// Group reads a coordinated group of participants starting at token k of
// sentence si and ending before limit: members joined by "and", commas and
// role words, with the fillers a name may carry ("Japan's Prime Minister
// Shinzo Abe and his wife Akie"). It returns the participants and the token
// after the last member.
func (r *Reader) Group(si, k, limit int) ([]Participant, int) {
	lw := r.doc.Sentences[si].Lower
	s := r.doc.Sentences[si]
	var parts []Participant
	gap := 0
	end := k
	agentStart := -1 // byte offset of "officials" in "officials from Egypt"
	for k < limit && k < len(lw) {
		if m, ok := r.MemberAt(si, k); ok {
			if agentStart >= 0 && len(m.Parts) > 0 {
				// The first country or body after "officials from" stands
				// for them, named by the whole phrase.
				m.Parts[0].Start = agentStart
				agentStart = -1
			}
			parts = append(parts, m.Parts...)
			k = m.End
			end = k
			gap = 0
			continue
		}
		w := lw[k]
		// "officials from Egypt, Turkey and Jordan": people from a country
		// or body stand for it, as in "Egyptian officials".
		if (lexicon.RoleNouns[w] || lexicon.AgentNouns[w]) && k+2 < len(lw) && k+2 < limit && lw[k+1] == "from" && s.MentionAt[k+2] >= 0 {
			if mm := r.doc.Mentions[s.MentionAt[k+2]]; mm.Actor >= 0 && r.doc.Actors[mm.Actor].Type != ingest.Person {
				agentStart = s.Tokens[k].Start
				k += 2
				gap = 0
				continue
			}
		}
		// "the Prime Minister of New Zealand Bill English": "of" inside a
		// title, between a role and a capitalised name.
		titleOf := w == "of" && k > 0 && lexicon.RoleNouns[lw[k-1]] && k+1 < len(lw) && document.Capitalised(s.Tokens[k+1].Text)
		if lexicon.GroupFillers[w] || titleOf || lexicon.RoleNouns[w] || strings.HasPrefix(w, "then-") || strings.HasPrefix(w, "ex-") || isAllCapsWord(s.Tokens[k].Text) || r.doc.IsCountryWord(s.Tokens[k].Text) {
			if w == "," && len(parts) > 0 && k+1 < len(lw) && lw[k+1] != "and" && s.MentionAt[k+1] < 0 && !lexicon.RoleNouns[lw[k+1]] && !lexicon.GroupFillers[lw[k+1]] {
				break // an apposition or a new clause, not the next member
			}
			gap++
			if gap > 5 {
				break
			}
			k++
			continue
		}
		break
	}
	return parts, end
}

// GroupEndingAt reads the coordinated group whose last member ends at or
// covers token k, scanning left for its other members.
func (r *Reader) GroupEndingAt(si, k int) []Participant {
	s := r.doc.Sentences[si]
	lw := s.Lower
	if k < 0 {
		return nil
	}
	// Move left to the start of the group.
	start := k
	gap := 0
	for j := k; j >= 0; j-- {
		if _, ok := r.MemberAt(si, j); ok {
			start = j
			gap = 0
			continue
		}
		w := lw[j]
		if lexicon.GroupFillers[w] || lexicon.RoleNouns[w] || strings.HasPrefix(w, "then-") || isAllCapsWord(s.Tokens[j].Text) || r.doc.IsCountryWord(s.Tokens[j].Text) {
			gap++
			if gap > 5 {
				break
			}
			continue
		}
		break
	}
	g, _ := r.Group(si, start, k+1)
	return g
}

// groupSizes are the words that number a group noun.
var groupSizes = map[string]int{"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6}

// numberedGroup reads "the two leaders", "both countries", "the three
// sides" at token k: the actors of that kind of the nearest stretch of
// text before it that names that many ("Trump and Kim shook hands. The
// two leaders then met"): the words before k in its own sentence, then
// each earlier sentence of the last four in turn, the most recent actors
// first. A group it cannot fill names no one.
func (r *Reader) numberedGroup(si, k int) (Member, bool) {
	s := r.doc.Sentences[si]
	kind, ok := groupNouns[s.Lower[k]]
	if !ok || s.Tree == nil || s.Tree.Len() != len(s.Tokens) {
		return Member{}, false
	}
	n, start := 0, k
	for _, c := range s.Tree.Dependents(k, "nummod", "det") {
		if size, ok := groupSizes[s.Lower[c]]; ok {
			n = size
			start = min(start, c)
		}
	}
	if n == 0 {
		return Member{}, false
	}
	if d := s.Tree.Dependent(k, "det"); d >= 0 && d < start {
		start = d // "the" of "the two leaders"
	}
	if kind == "nonperson" {
		for _, a := range s.Tree.Dependents(k, "amod", "compound") {
			if partyQualifiers[s.Lower[a]] {
				kind = "organisation" // "the two main opposition parties"
			}
		}
	}
	fits := func(act int) bool {
		if act < 0 || act >= len(r.doc.Actors) {
			return false
		}
		switch t := r.doc.Actors[act].Type; kind {
		case "person":
			return t == ingest.Person
		case "country":
			return t == ingest.Country
		case "organisation":
			return t == ingest.Organization
		case "nonperson":
			return t != ingest.Person
		default:
			return true
		}
	}
	// actorsBefore lists the distinct fitting actors of sentence p before
	// token end, the last first.
	actorsBefore := func(p, end int) []int {
		var out []int
		seen := map[int]bool{}
		ms := r.doc.Sentences[p]
		for j := min(end, len(ms.Tokens)) - 1; j >= 0; j-- {
			mi := ms.MentionAt[j]
			if mi < 0 || ms.Quoted[j] || r.doc.Mentions[mi].End-1 != j {
				continue
			}
			m := r.doc.Mentions[mi]
			if !fits(m.Actor) || seen[m.Actor] || r.IsModifier(p, m) {
				continue
			}
			seen[m.Actor] = true
			out = append(out, m.Actor)
		}
		return out
	}
	for p := si; p >= 0 && si-p <= 4; p-- {
		end := len(r.doc.Sentences[p].Tokens)
		if p == si {
			end = start
		}
		acts := actorsBefore(p, end)
		if len(acts) < n {
			continue
		}
		acts = acts[:n]
		slices.Reverse(acts) // in the order the text names them
		from, to := s.Tokens[start].Start, s.Tokens[k].End
		var parts []Participant
		for _, a := range acts {
			parts = append(parts, Participant{Actor: a, Start: from, End: to})
		}
		return Member{Parts: parts, Start: start, End: k + 1}, true
	}
	return Member{}, false
}

// holderPronoun says whether "her" or "his" at token k of sentence si
// stands for a participant: "her" as an object ("invited Obama to visit
// her"), or either as the possessive of a meeting word ("after her
// meeting with Obama", "his visit"). Without a parse, "her" before a
// clause stop is an object.
func (r *Reader) holderPronoun(si, k int) bool {
	s := r.doc.Sentences[si]
	if t := s.Tree; t != nil && t.Len() == len(s.Tokens) {
		if t.RelIs(k, "nmod:poss") {
			h := t.Head(k)
			return h >= 0 && r.holds(s.Lower[h])
		}
		return s.Lower[k] == "her"
	}
	if s.Lower[k] == "his" {
		return false
	}
	return k+1 >= len(s.Tokens) || lexicon.ClauseStops[s.Lower[k+1]] || s.Lower[k+1] == "and" || s.Lower[k+1] == "," || s.Lower[k+1] == "."
}
